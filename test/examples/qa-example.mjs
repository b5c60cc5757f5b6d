// Proves the package works where a user installs it: packs it as npm would publish it, copies
// examples/qa-playwright/ to a temporary folder outside the repository, installs the tarball and
// @playwright/test there from the registry (the versions this repository locks), runs its specs in the
// machine's Chromium, then every command the package offers in that same project
// (installed-commands.mjs). Needs `npm run build` first. Exit code: 0 only when every test the
// project lists ran and passed, none skipped, and every command passed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkInstalledCommands } from "./installed-commands.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const example = path.join(root, "examples/qa-playwright");
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

for (const built of [
  "dist-qa/index.js",
  "dist-qa/web-shell.cjs",
  "dist-qa/ccms-check.cjs",
  "dist-qa/ccms-sim.cjs",
  "dist-electron/main.cjs",
  "dist/renderer/index.html",
]) {
  if (!fs.existsSync(path.join(root, built))) {
    console.error(`qa-example: ${built} is missing; run npm run build first.`);
    process.exit(64);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-qa-example-"));
const project = path.join(work, "project");
let status = 1;
try {
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], {
    cwd: root,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .at(-1);
  console.log(
    `Packed ${tarball} (${(fs.statSync(path.join(work, tarball)).size / 1e6).toFixed(1)} MB) in ${elapsed()}`,
  );

  fs.cpSync(example, project, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|results|test-results)$/.test(source),
  });
  // The package's own dependencies at the versions this repository locks, as a release would ship.
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const locked = (name) => lock.packages[`node_modules/${name}`]?.version;
  const overrides = Object.fromEntries(
    Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })
      .map((name) => [name, locked(name)])
      .filter(([, version]) => version !== undefined),
  );
  const projectManifest = path.join(project, "package.json");
  fs.writeFileSync(
    projectManifest,
    `${JSON.stringify({ ...JSON.parse(fs.readFileSync(projectManifest, "utf8")), overrides }, null, 2)}\n`,
  );

  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--save-dev",
      path.join(work, tarball),
      `@playwright/test@${locked("@playwright/test")}`,
    ],
    {
      cwd: project,
      stdio: ["ignore", "inherit", "inherit"],
      // Never a browser or an Electron download: the specs use /usr/bin/chromium.
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
    },
  );
  console.log(
    `Installed the tarball and @playwright/test@${locked("@playwright/test")} in ${project} (${elapsed()})`,
  );

  const env = { ...process.env, CI: "1" };
  // What the project holds, as Playwright lists it: every one of these must run and pass.
  const listing = spawnSync("npx", ["playwright", "test", "--list"], { cwd: project, encoding: "utf8", env });
  const listed = Number(/^Total: (\d+) tests? in/m.exec(listing.stdout ?? "")?.[1] ?? 0);
  // Each spec file holds a test at least: one the listing leaves out is missing from the run too.
  const specFiles = fs
    .readdirSync(path.join(project, "tests"))
    .filter((name) => name.endsWith(".spec.ts")).length;
  const run = spawnSync("npx", ["playwright", "test"], { cwd: project, stdio: "inherit", env });
  const junit = path.join(project, "results/junit.xml");
  if (!fs.existsSync(junit)) throw new Error("the run wrote no JUnit report");
  // The skip ledger of npm test reads it with the other runs' reports.
  if (process.env.CCMS_TEST_REPORTS) {
    fs.copyFileSync(junit, path.join(process.env.CCMS_TEST_REPORTS, "examples.junit.xml"));
  }
  const suites = /<testsuites\b[^>]*>/.exec(fs.readFileSync(junit, "utf8"))?.[0] ?? "";
  const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suites)?.[1] ?? Number.NaN);
  const [tests, failures, errors, skipped] = ["tests", "failures", "errors", "skipped"].map(count);
  const passed = tests - failures - errors - skipped;
  console.log(
    `JUnit report: ${passed} passed, ${skipped} skipped, ${failures} failures, ${errors} errors ` +
      `of ${tests} tests; ${listed} listed in ${specFiles} spec files (${elapsed()})`,
  );
  const specsPassed =
    run.status === 0 &&
    listed >= specFiles &&
    specFiles > 0 &&
    tests === listed &&
    passed === listed &&
    skipped === 0;

  console.log("\nThe package's commands where it is installed:");
  const commandFailures = await checkInstalledCommands(project, root);
  console.log(
    `${commandFailures.length === 0 ? "All passed" : `${commandFailures.length} failed`} (${elapsed()})`,
  );
  status = specsPassed && commandFailures.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`qa-example: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (status === 0) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`qa-example: kept ${work} for a look.`);
}
process.exit(status);
