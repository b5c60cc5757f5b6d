/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Drives the packaged main process through the IPC handlers it registered: password + OTP against the
// built-in simulator, the connectivity check against it, the smartcard readers and the keychain (the
// native modules load only when asked), then quits. Prints each answer as a JSON line.
const { app, standIn } = require("electron");
const { call, sleep, handlersRegistered, simulatorStarted, signIn } = require("./driver-steps.cjs");

const { out } = standIn;

/** Runs the connectivity check against the built-in simulator and waits (at most 60 s) for its result. */
async function connectivityCheck() {
  const started = await call("connectivity.run", { target: { kind: "builtin" }, timeoutMs: 10_000 });
  if (!started.ok) return started;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const history = await call("connectivity.history", {});
    if (history.ok && history.value.runs.some((run) => run.runId === started.value.runId)) {
      return call("connectivity.get", { runId: started.value.runId });
    }
    await sleep(100);
  }
  return { ok: false, error: { code: "TIMEOUT", message: "the check did not finish within 60 s" } };
}

/** The page and every script and style sheet it names, as app:// serves them to the window. */
async function renderer() {
  const index = await standIn.request("app://ccms/index.html");
  const html = await index.text();
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]);
  const answers = [{ path: "index.html", status: index.status, bytes: html.length }];
  for (const asset of assets) {
    const answer = await standIn.request(`app://ccms/${asset}`);
    answers.push({ path: asset, status: answer.status, bytes: (await answer.arrayBuffer()).byteLength });
  }
  return answers;
}

async function drive() {
  await handlersRegistered();
  out({ renderer: await renderer() });
  out({ info: await simulatorStarted() });
  out(await signIn());
  out({ check: await connectivityCheck() });
  out({ smartcard: await call("smartcard.status", {}) });
  out({ network: await call("network.view", {}) });
  app.quit();
}

drive().catch((error) => {
  out({ driverError: String(error?.stack ?? error) });
  process.exit(1);
});
