import { execFileSync } from "node:child_process";
import fs from "node:fs";

/**
 * Reading a Windows binary's needs from Linux: the DLLs named in a PE file's import table, and
 * whether a clean Windows 10/11 has each of them.
 */

/** The PE machine types this reads: x64 and arm64 Windows binaries. */
const machines: Record<number, "x64" | "arm64"> = { 0x8664: "x64", 0xaa64: "arm64" };

/** "x64" or "arm64" for a PE file (a Windows .exe, .dll or .node), null for anything else (ELF, Mach-O). */
export function peMachine(file: string): "x64" | "arm64" | null {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(4096);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read < 64 || head.toString("latin1", 0, 2) !== "MZ") return null;
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 > read || head.toString("latin1", pe, pe + 4) !== "PE\0\0") return null;
    return machines[head.readUInt16LE(pe + 4)] ?? null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The DLLs of the file's import table, as binutils' objdump lists them (`DLL Name: KERNEL32.dll`). */
export function importedDlls(file: string): string[] {
  const dump = execFileSync("objdump", ["-p", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return [...dump.matchAll(/^\s*DLL Name: (\S+)\s*$/gm)].map((match) => match[1] ?? "");
}

/**
 * DLLs every Windows 10/11 has: the system's own libraries, the API sets (`api-ms-win-*`, which
 * include the Universal CRT, part of Windows since 10) and `node.exe`, the program that loads a
 * Node module. Lower case.
 */
const windowsOwn = new Set([
  "advapi32.dll",
  "bcrypt.dll",
  "bcryptprimitives.dll",
  "comctl32.dll",
  "comdlg32.dll",
  "crypt32.dll",
  "dbghelp.dll",
  "dnsapi.dll",
  "dwmapi.dll",
  "gdi32.dll",
  "imm32.dll",
  "iphlpapi.dll",
  "kernel32.dll",
  "kernelbase.dll",
  "msvcrt.dll",
  "ncrypt.dll",
  "netapi32.dll",
  "node.exe",
  "ntdll.dll",
  "ole32.dll",
  "oleaut32.dll",
  "powrprof.dll",
  "psapi.dll",
  "rpcrt4.dll",
  "secur32.dll",
  "setupapi.dll",
  "shell32.dll",
  "shlwapi.dll",
  "ucrtbase.dll",
  "user32.dll",
  "userenv.dll",
  "uxtheme.dll",
  "version.dll",
  "winmm.dll",
  "winscard.dll",
  "wintrust.dll",
  "ws2_32.dll",
]);

/** The Visual C++ run-time's DLLs: present only where something installed the Redistributable. */
const redistributable = /^(vcruntime|msvcp|concrt|vcomp|vccorlib)\d/i;

/** Why a clean Windows lacks `dll`, or null when it is Windows' own. */
export function missingOnCleanWindows(dll: string): string | null {
  const name = dll.toLowerCase();
  if (windowsOwn.has(name) || /^(api|ext)-ms-win-[a-z0-9-]+\.dll$/.test(name)) return null;
  if (redistributable.test(name)) return "the Visual C++ Redistributable's, not Windows' own";
  return "not part of Windows";
}
