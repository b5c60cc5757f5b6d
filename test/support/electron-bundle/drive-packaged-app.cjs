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

/**
 * The page, every script and style sheet it names, and every chunk those scripts name in turn (the
 * screens and each language's strings, fetched on demand), as app:// serves them to the window.
 */
async function renderer() {
  const index = await standIn.request("app://ccms/index.html");
  const html = await index.text();
  const pending = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]);
  const answers = [{ path: "index.html", status: index.status, bytes: html.length }];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const asset = pending.shift();
    const answer = await standIn.request(`app://ccms/${asset}`);
    const body = Buffer.from(await answer.arrayBuffer());
    answers.push({ path: asset, status: answer.status, bytes: body.byteLength });
    if (!asset.endsWith(".js")) continue;
    // Chunks name each other relative to their own folder: `import("./en-<hash>.js")`.
    const folder = asset.slice(0, asset.lastIndexOf("/") + 1);
    for (const match of body.toString("utf8").matchAll(/[`"']\.\/([\w.-]+\.(?:js|css))[`"']/g)) {
      const named = folder + match[1];
      if (!seen.has(named)) {
        seen.add(named);
        pending.push(named);
      }
    }
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
