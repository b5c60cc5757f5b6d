/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Drives the bundled main process as the page would, through the IPC handlers it registered: a
// sign-in while the built-in simulator is still starting, then password + OTP once it is ready,
// then quitting the app. Prints each answer as a JSON line.
const { app, standIn } = require("electron");
const { call, handlersRegistered, simulatorStarted, signIn } = require("./driver-steps.cjs");

const { out } = standIn;

async function drive() {
  await handlersRegistered();
  out({ infoWhileStarting: await call("app.info", {}) });
  out({ beginWhileStarting: await call("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }) });
  out({ info: await simulatorStarted() });
  const { begin, verify } = await signIn();
  out({ begin });
  out({ verify });
  out({ bad: await call("auth.begin", { userId: "" }) });
  // What closing the last window does.
  app.quit();
}

drive().catch((error) => {
  out({ driverError: String(error?.stack ?? error) });
  process.exit(1);
});
