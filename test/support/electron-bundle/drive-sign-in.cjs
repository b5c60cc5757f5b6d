/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Drives the bundled main process as the page would, through the IPC handlers it registered: a
// sign-in while the built-in simulator is still starting, then password + OTP once it is ready,
// then quitting the app. Prints each answer as a JSON line.
const { app, standIn } = require("electron");

const { out, call } = standIn;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function drive() {
  while (!standIn.hasHandler("ccms:app.info")) await sleep(20);
  out({ infoWhileStarting: await call("app.info", {}) });
  out({ beginWhileStarting: await call("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }) });
  standIn.openSpawnGate();
  const deadline = Date.now() + 90_000;
  let info = await call("app.info", {});
  while (info.ok && info.value.server.starting && Date.now() < deadline) {
    await sleep(50);
    info = await call("app.info", {});
  }
  out({ info });
  out({ begin: await call("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }) });
  const mailbox = await call("mailbox.list", {});
  const otp = mailbox.ok ? mailbox.value.messages.at(-1)?.otp : undefined;
  out({ verify: await call("auth.verifyOtp", { otp }) });
  out({ bad: await call("auth.begin", { userId: "" }) });
  // What closing the last window does.
  app.quit();
}

drive().catch((error) => {
  out({ driverError: String(error?.stack ?? error) });
  process.exit(1);
});
