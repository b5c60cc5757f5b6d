import fs from "node:fs";
import path from "node:path";

/** Writes `content` to a temporary file beside `file` and renames it over `file`: never half a file. */
export function writeAtomic(file: string, content: string): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
