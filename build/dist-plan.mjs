// What `npm run dist` may build on this machine, decided before electron-builder runs (see dist.mjs).

/** electron-builder's target flags, by the operating system they package for. */
const targetFlags = {
  win32: ["--win", "--windows", "-w"],
  darwin: ["--mac", "--macos", "-m", "-o"],
  linux: ["--linux", "-l"],
};
const systemNames = { win32: "Windows", darwin: "macOS", linux: "Linux" };

/** The systems the arguments ask installers for (electron-builder's flags, `-mwl` included); none: this one. */
export function targetSystems(args) {
  const found = new Set();
  for (const arg of args) {
    for (const [system, flags] of Object.entries(targetFlags)) if (flags.includes(arg)) found.add(system);
    if (/^-[mwlo]{2,}$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        found.add(letter === "w" ? "win32" : letter === "l" ? "linux" : "darwin");
      }
    }
  }
  return [...found];
}

/** How to get the smartcard module built, on the system that builds the package. */
export function smartcardBuildHint(platform) {
  if (platform === "win32")
    return (
      'Install Visual Studio Build Tools with the "Desktop development with C++" workload (and Python 3), ' +
      "then run `npm rebuild smartcard`."
    );
  if (platform === "darwin")
    return "Install Xcode's command line tools (`xcode-select --install`), then run `npm rebuild smartcard`.";
  return "Install the PC/SC development files and a compiler (Debian and Ubuntu: `sudo apt-get install libpcsclite-dev pkg-config g++ make python3`), then run `npm rebuild smartcard`.";
}

/**
 * The plan: electron-builder's arguments, or the reason to stop. A package for another system than
 * this one is refused: electron-builder copies the native modules npm installed here, built for this
 * system (its `${platform}` is the build machine's), so it would ship without the other system's
 * binaries. A package without the smartcard module is refused unless `--without-smartcard` says so;
 * then the packaged app knows (package.json's `ccmsSmartcard: "left-out"`) and says smartcard
 * sign-in is not available in this build.
 */
export function planDist({ args, platform, smartcardBuilt }) {
  const withoutSmartcard = args.includes("--without-smartcard");
  const builderArgs = args.filter((arg) => arg !== "--without-smartcard");
  const foreign = targetSystems(builderArgs).filter((system) => system !== platform);
  if (foreign.length > 0) {
    const names = foreign.map((system) => systemNames[system]).join(" and ");
    return {
      refuse:
        `Not building for ${names} on ${systemNames[platform] ?? platform}: the package would carry this machine's ` +
        `native modules (SQLite, the keychain, smartcard), not the ones ${names} needs, and fail there. Build it on ${names}: ` +
        `run \`npm ci\` and \`npm run dist\` on a ${names} machine (or a CI runner of that system).`,
    };
  }
  if (!smartcardBuilt && !withoutSmartcard) {
    return {
      refuse:
        "The smartcard module (PC/SC) is not built here, so the package would have no smartcard sign-in. " +
        `${smartcardBuildHint(platform)} Or build knowingly without it: \`npm run dist -- --without-smartcard\`.`,
    };
  }
  if (withoutSmartcard) builderArgs.push("--config.extraMetadata.ccmsSmartcard=left-out");
  return { builderArgs, withoutSmartcard };
}
