// Runs every command the package offers where a user installed it (a project outside the repository
// holding the packed tarball, with none of this repository's development dependencies): each `bin`
// entry's --help, then the IT and QA commands of docs/ against a simulator the QA kit starts; last,
// that the docs show each command form it ran.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { commandForm, undocumentedCommands } from "./documented-commands.mjs";

/**
 * The script that starts the kit's simulator where the package is installed, as QA's page shows it
 * (docs/qa.md, `start-simulator.mjs` under "ccms-sim: the control API on the command line"): the one
 * QA engineers copy.
 */
function simulatorScript(packageRoot) {
  const page = fs.readFileSync(path.join(packageRoot, "docs/qa.md"), "utf8");
  const after = page.slice(page.indexOf("`start-simulator.mjs`"));
  const script = /```js\n([\s\S]*?)```/.exec(after)?.[1];
  if (!script) throw new Error("docs/qa.md shows no start-simulator.mjs");
  return script;
}

/**
 * Checks each command in `project` (where the tarball is installed); `packageRoot` is the checkout,
 * read for the package's own manifest. Resolves to the failures, each one line (none: all passed).
 */
export async function checkInstalledCommands(project, packageRoot) {
  const failures = [];
  const check = (what, ok, detail) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok ? "" : `: ${detail}`}`);
    if (!ok) failures.push(`${what}: ${detail}`);
  };
  const ran = [];
  /** `npx <program> <args>` in the project, its form kept to be found in the docs at the end. */
  const run = (args, env) => {
    ran.push({ program: args[0], form: commandForm(args.slice(1)) });
    return npx(project, args, env);
  };

  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));
  // The user's own @playwright/test (and what it brings) is theirs; nothing else of our development set may be there.
  const ours = Object.keys(manifest.devDependencies).filter(
    (name) => !["@playwright/test", "playwright", "playwright-core"].includes(name),
  );
  const present = ours.filter((name) => fs.existsSync(path.join(project, "node_modules", name)));
  check("no development dependency of the package is installed", present.length === 0, present.join(", "));

  for (const bin of Object.keys(manifest.bin)) {
    const help = run([bin, "--help"]);
    check(
      `npx ${bin} --help`,
      help.status === 0 && help.stdout.startsWith(`Usage: ${bin}`),
      `exit ${help.status}, printed ${JSON.stringify((help.stdout + help.stderr).slice(0, 300))}`,
    );
  }

  const script = path.join(project, "start-simulator.mjs");
  fs.writeFileSync(script, simulatorScript(packageRoot));
  const simulator = spawn(process.execPath, [script], { cwd: project, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => simulator.once("exit", resolve));
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-report-"));
  try {
    const started = await firstLine(simulator, 60_000);
    const { url, caFile, controlToken } = JSON.parse(started);

    // IT's command (docs/it-staff.md, Connectivity check), with the simulator's CA trusted.
    const checked = run(["ccms-check", "--url", `${url}/sso`, "--ca", caFile, "--json"]);
    const report = parseJson(checked.stdout);
    check(
      `npx ccms-check --url ${url}/sso --ca <the simulator's CA> --json`,
      checked.status === 0 && report?.status === "pass" && report.steps.length === 6,
      `exit ${checked.status}, printed ${JSON.stringify((checked.stdout + checked.stderr).slice(0, 600))}`,
    );

    // The same with the report IT keeps (docs/it-staff.md: `--html check-%COMPUTERNAME%.html`).
    const htmlFile = path.join(reports, "check-pc.html");
    const saved = run(["ccms-check", "--url", `${url}/sso`, "--ca", caFile, "--html", htmlFile]);
    const html = fs.existsSync(htmlFile) ? fs.readFileSync(htmlFile, "utf8") : "";
    const verdictLine = /<p class="summary[^]*?<\/p>/.exec(html)?.[0];
    const stepsPassed = ["Proxy", "DNS", "TCP connection", "TLS (certificate)", "HTTP", "Sign-in page"].every(
      (step) => html.includes(`<th scope="row">${step}</th>\n<td><span class="badge">PASS</span>`),
    );
    check(
      `npx ccms-check --url ${url}/sso --ca <the simulator's CA> --html <file>`,
      saved.status === 0 &&
        html.startsWith("<!doctype html>") &&
        verdictLine?.startsWith('<p class="summary pass"><strong>PASS</strong>') === true &&
        html.includes(`<dd>${url}/sso</dd>`) &&
        html.includes(`<dt>App version</dt><dd>${manifest.version}</dd>`) &&
        stepsPassed,
      `exit ${saved.status}, ${html ? `the report says ${JSON.stringify(verdictLine)}` : "no report written"}, ` +
        `printed ${JSON.stringify((saved.stdout + saved.stderr).slice(0, 600))}`,
    );

    // QA's command (docs/qa.md, ccms-sim), the connection in the environment.
    const env = { CCMS_SIM_URL: url, CCMS_SIM_CA: caFile, CCMS_SIM_TOKEN: controlToken };
    const listed = run(["ccms-sim", "users", "list", "--json"], env);
    const users = parseJson(listed.stdout)?.users;
    check(
      "npx ccms-sim users list --json",
      listed.status === 0 && Array.isArray(users) && users.some((user) => user.userId === "demo.user"),
      `exit ${listed.status}, printed ${JSON.stringify((listed.stdout + listed.stderr).slice(0, 600))}`,
    );
  } catch (error) {
    check("the kit's simulator started", false, error instanceof Error ? error.message : String(error));
  } finally {
    simulator.stdin.end();
    const timer = setTimeout(() => simulator.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(reports, { recursive: true, force: true });
  }

  const undocumented = undocumentedCommands(packageRoot, ran);
  check("the docs show every command run here", undocumented.length === 0, undocumented.join("; "));
  return failures;
}

/** `npx <args>` in the project, as a user types it; no proxy of this machine's environment in the way. */
function npx(project, args, env = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(https?|all|no)_proxy$/i.test(name)),
  );
  const result = spawnSync("npx", ["--no-install", ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...clean, NO_COLOR: "1", ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstLine(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`no address within ${timeoutMs} ms`)), timeoutMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`it exited (code ${code}) before printing its address`));
    });
  });
}
