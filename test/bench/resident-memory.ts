import fs from "node:fs";

const PAGE = 4096;
const PRESENT = 1n << 63n;
const FRAME = (1n << 55n) - 1n;

/**
 * The memory `pids` hold in RAM together, in KiB: every resident page counted once, so the code of
 * Node that both processes map (one copy in RAM) is not counted twice as a sum of RSS does. Reads
 * /proc/<pid>/pagemap, whose page frame numbers only root may see: null elsewhere (and off Linux).
 */
export function uniqueResidentKb(pids: number[]): number | null {
  const frames = new Set<bigint>();
  try {
    for (const pid of pids) {
      const fd = fs.openSync(`/proc/${pid}/pagemap`, "r");
      try {
        for (const line of fs.readFileSync(`/proc/${pid}/maps`, "utf8").trim().split("\n")) {
          const [range = "", , , , , name = ""] = line.split(/\s+/);
          if (name === "[vsyscall]") continue;
          const [start = 0n, end = 0n] = range.split("-").map((hex) => BigInt(`0x${hex}`));
          const pages = Number((end - start) / BigInt(PAGE));
          const entries = Buffer.alloc(pages * 8);
          fs.readSync(fd, entries, 0, entries.length, Number(start / BigInt(PAGE)) * 8);
          for (let i = 0; i < pages; i++) {
            const entry = entries.readBigUInt64LE(i * 8);
            if ((entry & PRESENT) === 0n) continue;
            const frame = entry & FRAME;
            // Without the right to see frames every one reads 0: the figure cannot be had.
            if (frame === 0n) return null;
            frames.add(frame);
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch {
    return null;
  }
  return (frames.size * PAGE) / 1024;
}
