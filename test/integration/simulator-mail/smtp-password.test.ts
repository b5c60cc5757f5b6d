import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, exitOf, spawnCli, startCli } from "../simulator/cli-process.js";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server.js";
import { makeTestTls } from "./test-tls.js";

const USER = "relay-user";
const PASS = "Relay-Pa55-from-a-file";

let dir: string;
let smtpCa: string;
let smtp: TestSmtpServer;
const running: CliRun[] = [];

beforeAll(async () => {
  const tls = await makeTestTls();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-smtp-password-"));
  smtpCa = path.join(dir, "smtp-ca.pem");
  fs.writeFileSync(smtpCa, tls.caPem);
  smtp = await startTestSmtpServer({ tls, user: USER, pass: PASS });
});

afterEach(async () => {
  for (const run of running.splice(0)) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
});

afterAll(async () => {
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the simulator CLI mailing through the test relay, with `extra` flags and environment. */
async function simulator(relayUrl: string, extra: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const data = fs.mkdtempSync(path.join(dir, "data-"));
  const clean = { ...process.env };
  delete clean["SMTP_PASSWORD"];
  const run = await startCli(
    ["--data", data, "--hash-profile", "fast", "--smtp", relayUrl, "--smtp-ca", smtpCa, ...extra],
    { ...clean, ...env },
  );
  running.push(run);
  return run;
}

/** A password sign-in, which mails an OTP: resolves with the HTTP status of the answer. */
function signIn(run: CliRun): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ userId: "demo.user", password: "Demo#2023pass" });
    const request = https.request(
      new URL("/sso/api/v1/authn", run.url),
      {
        method: "POST",
        ca: fs.readFileSync(run.caFile),
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const commandLine = (run: CliRun): string =>
  fs.readFileSync(`/proc/${run.child.pid}/cmdline`, "utf8").replaceAll("\0", " ");

describe("the simulator's SMTP relay password, kept off the command line", () => {
  it("takes it from SMTP_PASSWORD: mail goes out authenticated, and the process list shows no password", async () => {
    const sent = smtp.received.length;
    const run = await simulator(`smtp://${USER}@127.0.0.1:${smtp.port}`, [], { SMTP_PASSWORD: PASS });
    expect(await signIn(run)).toBe(200);
    expect(smtp.received.slice(sent).map((mail) => mail.authUser)).toEqual([USER]);
    expect(commandLine(run)).not.toContain(PASS);
    expect(run.stderr()).not.toContain("Warning");
  });

  it("takes it from --smtp-password-file", async () => {
    const file = path.join(dir, "relay-password");
    fs.writeFileSync(file, `${PASS}\n`, { mode: 0o600 });
    const sent = smtp.received.length;
    const run = await simulator(`smtp://${USER}@127.0.0.1:${smtp.port}`, ["--smtp-password-file", file]);
    expect(await signIn(run)).toBe(200);
    expect(smtp.received.slice(sent).map((mail) => mail.authUser)).toEqual([USER]);
    expect(commandLine(run)).not.toContain(PASS);
  });

  it("still takes a password written in the --smtp URL, with a warning", async () => {
    const sent = smtp.received.length;
    const run = await simulator(`smtp://${USER}:${encodeURIComponent(PASS)}@127.0.0.1:${smtp.port}`, []);
    expect(await signIn(run)).toBe(200);
    expect(smtp.received.slice(sent).map((mail) => mail.authUser)).toEqual([USER]);
    expect(run.stderr()).toContain("Warning: the --smtp address carries a password");
    expect(run.stderr()).toContain("SMTP_PASSWORD");
    expect(run.stderr()).not.toContain(PASS);
  });

  it("refuses an unreadable or empty password file, and a password without a user, without printing it", async () => {
    const empty = path.join(dir, "empty");
    fs.writeFileSync(empty, "");
    for (const [args, env, message] of [
      [["--smtp-password-file", path.join(dir, "missing")], {}, "cannot be read (ENOENT)"],
      [["--smtp-password-file", empty], {}, "is empty"],
    ] as const) {
      const child = spawnCli(["--data", dir, "--smtp", `smtp://${USER}@127.0.0.1:${smtp.port}`, ...args], {
        ...process.env,
        ...env,
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exitOf(child)).toBe(64);
      expect(stderr).toContain(message);
    }
    const child = spawnCli(["--data", dir, "--smtp", `smtp://127.0.0.1:${smtp.port}`], {
      ...process.env,
      SMTP_PASSWORD: PASS,
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).toBe(64);
    expect(stderr).toContain("names no user");
    expect(stderr).not.toContain(PASS);
  });
});
