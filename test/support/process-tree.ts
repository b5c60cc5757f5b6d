import fs from "node:fs";

/** One process of a tree, as Linux's /proc shows it. */
export interface TreeProcess {
  pid: number;
  /** Its command line, word by word (the program first). */
  command: string[];
  /** Resident memory (VmRSS), in KiB. */
  residentKb: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces: the fields that follow come after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function describe(pid: number): TreeProcess | null {
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const residentKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
    return { pid, command, residentKb };
  } catch {
    // It ended meanwhile.
    return null;
  }
}

/** `root` and every process below it, root first (Linux only: it reads /proc). */
export function processTree(root: number): TreeProcess[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree: TreeProcess[] = [];
  const visit = (pid: number) => {
    const found = describe(pid);
    if (found) tree.push(found);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** The processes of the tree that compile code at run time: tsx's loader, or esbuild's service. */
export function compilersIn(tree: TreeProcess[]): TreeProcess[] {
  return tree.filter((process) =>
    process.command.some((word) => /(^|[\\/])(tsx|esbuild)([\\/.]|$)/.test(word)),
  );
}
