import { limits, pcNamePattern } from "../../../shared/contract/limits.js";

/**
 * A PC name to start from, made of a host name or a report's file name: the characters a PC name may
 * have. Empty for the app's own report names (`ccms-check-<time>.json`), which name no PC.
 */
export function pcNameFrom(text: string): string {
  const base = text.replace(/\.json$/i, "").trim();
  if (/^ccms-check-\d{4}-/.test(base)) return "";
  return base
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, limits.pcNameMax);
}

/** Whether a PC name as typed is one the server accepts. */
export function isPcName(typed: string): boolean {
  const name = typed.trim();
  return name.length >= 1 && name.length <= limits.pcNameMax && pcNamePattern.test(name);
}

/**
 * The PC name a saved report gives: the one written in it (`--pc-name` of the installed app's
 * `--check`), else one made of its file name.
 */
export function pcNameOfReport(fileName: string, content: string | null): string {
  if (content !== null) {
    try {
      const written = (JSON.parse(content) as { pcName?: unknown } | null)?.pcName;
      if (typeof written === "string" && isPcName(written)) return written.trim();
    } catch {
      // Not JSON: the server says so when it is sent.
    }
  }
  return pcNameFrom(fileName);
}
