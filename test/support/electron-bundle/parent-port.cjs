/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Preloaded into a Node child process that stands in for an Electron utility process: gives it
// Electron's `process.parentPort` over Node's IPC channel, and ends it (SIGTERM) when its parent is
// gone, as Electron ends utility processes with the app.
const { EventEmitter } = require("node:events");

const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on("message", (data) => port.emit("message", { data, ports: [] }));
process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
Object.defineProperty(process, "parentPort", { value: port });
