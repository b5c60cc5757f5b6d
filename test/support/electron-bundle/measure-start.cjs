/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Measures how long the bundled main process takes from being loaded to opening its window (its
// services built, its IPC handlers registered), prints it as a JSON line, then quits the app.
const { app, BrowserWindow, standIn } = require("electron");

// This file is required just before the main bundle: the clock starts here.
const start = performance.now();
standIn.openSpawnGate();
const loadURL = BrowserWindow.prototype.loadURL;
BrowserWindow.prototype.loadURL = function (url) {
  standIn.out({ startMs: performance.now() - start });
  setImmediate(() => app.quit());
  return loadURL.call(this, url);
};
