// A stand-in Electron distribution folder, for electron-builder's `electronDist` where Electron's binary
// cannot be downloaded: the same layout as Electron's Linux zip (an `electron` executable, `resources/`),
// so that electron-builder lays out the unpacked app, writes app.asar and sets the fuses as it would for
// the real binary. The app folder it makes can be inspected and tested, not started.
import fs from "node:fs";
import path from "node:path";

/** @electron/fuses finds the fuse wire after this sentinel, as in Electron's own binary. */
export const FUSE_SENTINEL = "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX";
const FUSE_WIRE_VERSION = 1;

/**
 * Electron's default fuses, in wire order ("1" on, "0" off): run as Node on, cookie encryption off,
 * NODE_OPTIONS on, inspect arguments on, ASAR integrity off, only load the app from the ASAR off,
 * browser-specific V8 snapshot off, extra file:// privileges on.
 */
export const ELECTRON_DEFAULT_FUSES = "10110001";

const script = `#!/bin/sh
# A stand-in for Electron's binary, made by build/electron-stand-in.mjs so that electron-builder can lay
# out the unpacked app where Electron's binary cannot be downloaded. It cannot run the app.
echo "This app folder was packaged with a stand-in for Electron's binary: it can be inspected and tested, not started. Package it where Electron's binary is installed (npm run dist:dir)." >&2
exit 78
`;

/** Writes the stand-in distribution into `dir` (made if missing) and returns `dir`. */
export function writeStandInElectronDist(dir, electronVersion) {
  fs.mkdirSync(path.join(dir, "resources"), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(`# fuse wire: ${FUSE_SENTINEL}`, "latin1"),
    Buffer.from([FUSE_WIRE_VERSION, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`, "latin1"),
  ]);
  fs.writeFileSync(path.join(dir, "electron"), Buffer.concat([Buffer.from(script, "utf8"), wire]), {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(dir, "version"), `${electronVersion}\n`);
  return dir;
}
