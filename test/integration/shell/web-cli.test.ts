import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserShellCommand } from "../../../bin/launch-plan.mjs";
import { compilersIn, processTree } from "../../support/process-tree.js";

const root = path.resolve(import.meta.dirname, "../../..");
/** What `npm run web` runs once it has built the package. */
const bundle = path.join(root, "dist-qa/web-shell.cjs");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run web (dist-qa/web-shell.cjs)", () => {
  it("builds the package first, then runs the browser shell's bundle with plain Node, as npm start's fallback does", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const fallback = browserShellCommand("", "node", []);
    expect(manifest.scripts["web"]).toBe(`npm run build --silent && node ${fallback.args.join(" ")}`);
  });

  it("prints exactly one ready line with the token in the fragment, serves, and stops on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-webcli-"));
    dirs.push(dataDir);
    const command = browserShellCommand(root, process.execPath, ["--port", "0", "--data", dataDir]);
    const child = spawn(command.file, command.args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => stdout.includes("\n") && resolve());
        child.on("exit", (code) => reject(new Error(`exited ${code} before it was ready`)));
      });
      const match =
        /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:(\d+))\/#token=([A-Za-z0-9_-]{32,})\n$/.exec(stdout);
      expect(match, stdout).not.toBeNull();
      const [, origin, , token] = match as RegExpExecArray;
      const info = await fetch(`${origin}/api/app.info`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: "{}",
      });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ shell: "web", server: { profile: "builtin" } });
      expect((await fetch(`${origin}/api/app.info`, { method: "POST" })).status).toBe(401);
      if (process.platform === "linux") {
        // Once its simulator is up: the shell and the simulator's process, both from their bundles.
        await expect.poll(() => processTree(child.pid ?? 0).length, { timeout: 30_000 }).toBe(2);
        const tree = processTree(child.pid ?? 0);
        expect(compilersIn(tree), JSON.stringify(tree)).toEqual([]);
        expect(tree.map((entry) => entry.command.find((word) => /\.[cm]?js$/.test(word)))).toEqual([
          bundle,
          path.join(root, "dist-electron/simulator.cjs"),
        ]);
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("stops cleanly when stopped the moment it says it is ready, having never loaded Node's fetch (undici)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-webcli-"));
    dirs.push(dataDir);
    // Node's FormData is a getter that loads undici when first read, and then a plain value.
    const probe = path.join(dataDir, "form-data-probe.cjs");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => process.stderr.write("FormData read: " + (typeof Object.getOwnPropertyDescriptor(globalThis, "FormData").get !== "function") + "\\n"));`,
    );
    const command = browserShellCommand(root, process.execPath, ["--port", "0", "--data", dataDir]);
    const child = spawn(command.file, ["--require", probe, ...command.args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.kill("SIGTERM");
    expect(await exited, `ended by ${child.signalCode}`).toBe(0);
    // axios's fetch adapter is left out of the bundle (build/lean-bundles.mjs): nothing reads FormData.
    expect(stderr).toContain("FormData read: false");
  });

  it.each([[["--port", "nope"]], [["--bogus"]], [["--server", "http://plain.example"]], [["--ca", "x.pem"]]])(
    "refuses %j with the usage text and exit code 64",
    (argv) => {
      const result = spawnSync(process.execPath, [bundle, ...argv], { cwd: root, encoding: "utf8" });
      expect(result.status).toBe(64);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^web: .+\n\nUsage: npm run web/);
    },
  );
});
