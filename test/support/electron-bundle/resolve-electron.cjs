/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// Makes `require("electron")` load the stand-in beside this file.
const Module = require("node:module");
const path = require("node:path");

const standIn = path.join(__dirname, "electron.cjs");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "electron" ? standIn : resolve.call(this, request, ...rest);
};
