import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findPostgresBin } from "../../support/postgres-cluster.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A Debian-like /usr/lib/postgresql with these majors, each with initdb and pg_ctl unless `bare`. */
function libDir(majors: string[], bare: string[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-pg-lib-"));
  made.push(root);
  for (const major of majors) {
    const bin = path.join(root, major, "bin");
    fs.mkdirSync(bin, { recursive: true });
    if (bare.includes(major)) continue;
    for (const program of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(bin, program), "");
  }
  return root;
}

describe("PostgreSQL's server programs, whatever the major version", () => {
  it("are the newest major's when pg_config is not there: 17 on Debian 13, before 15 and 9.6", () => {
    const lib = libDir(["9.6", "15", "17"]);
    expect(findPostgresBin({ pgConfigBindir: () => null, libDir: lib })).toBe(path.join(lib, "17", "bin"));
  });

  it("are pg_config's when it names a folder that has them", () => {
    const lib = libDir(["15", "17"]);
    const fifteen = path.join(lib, "15", "bin");
    expect(findPostgresBin({ pgConfigBindir: () => fifteen, libDir: lib })).toBe(fifteen);
  });

  it("pass over pg_config's folder and a major without the server (only the client installed)", () => {
    const lib = libDir(["15", "16", "17"], ["16", "17"]);
    expect(findPostgresBin({ pgConfigBindir: () => path.join(lib, "17", "bin"), libDir: lib })).toBe(
      path.join(lib, "15", "bin"),
    );
  });

  it("are not found when no major has them", () => {
    expect(findPostgresBin({ pgConfigBindir: () => null, libDir: libDir([]) })).toBeNull();
    expect(findPostgresBin({ pgConfigBindir: () => null, libDir: "/nonexistent/postgresql" })).toBeNull();
  });
});
