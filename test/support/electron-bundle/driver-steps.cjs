/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Steps a driver takes through the IPC handlers the bundled main process registered, as the page would.
const { standIn } = require("electron");

const { call } = standIn;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the main process has registered its handlers. */
async function handlersRegistered() {
  while (!standIn.hasHandler("ccms:app.info")) await sleep(20);
}

/** Lets the built-in simulator's process start, and waits (at most 90 s) until it has. */
async function simulatorStarted() {
  standIn.openSpawnGate();
  const deadline = Date.now() + 90_000;
  let info = await call("app.info", {});
  while (info.ok && info.value.server.starting && Date.now() < deadline) {
    await sleep(50);
    info = await call("app.info", {});
  }
  return info;
}

/** Password, then the OTP read from the simulated mailbox: each answer, by name. */
async function signIn(userId = "demo.user", password = "Demo#2023pass") {
  const begin = await call("auth.begin", { userId, password });
  const mailbox = await call("mailbox.list", {});
  const otp = mailbox.ok ? mailbox.value.messages.at(-1)?.otp : undefined;
  return { begin, verify: await call("auth.verifyOtp", { otp }) };
}

module.exports = { call, sleep, handlersRegistered, simulatorStarted, signIn };
