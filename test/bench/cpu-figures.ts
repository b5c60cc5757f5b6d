import fs from "node:fs";
import path from "node:path";

/** The value at percentile `p` of sorted figures (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** The CPU seconds of a PostgreSQL cluster: the postmaster named in postmaster.pid and its children. */
export function clusterCpuSeconds(dataDir: string | undefined): number | null {
  if (dataDir === undefined) return null;
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(entry) === postmaster || Number(fields[1]) === postmaster) {
        total += (Number(fields[11]) + Number(fields[12])) / 100;
      }
    } catch {
      // A process that ended meanwhile.
    }
  }
  return total;
}

/** utime + stime of a process in seconds, from /proc (Linux). */
export function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
