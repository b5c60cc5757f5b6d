// What keeps the Node bundles (the desktop app's, the browser shell's, the command-line programs') light to
// load and to hold: each process keeps its bundle's whole source in memory, and compiles what it runs.
import fs from "node:fs";
import path from "node:path";

/**
 * esbuild options every Node bundle shares: no comments or indentation (a third of the source), and
 * zod's messages in English only (see `zodEnglishOnly`). Names stay, so stack traces still read.
 */
export const leanOptions = {
  minifyWhitespace: true,
  plugins: [zodEnglishOnlyPlugin()],
};

/**
 * zod bundles every language of its messages (about 400 KB, half of zod) because `z.locales` exports
 * them all; the app and the simulator word problems by code and speak English on the wire, so its
 * locales module is replaced by one that carries English alone.
 */
function zodEnglishOnlyPlugin() {
  const namespace = "zod-english-only";
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)) return undefined;
        return { path: path.join(path.dirname(args.importer), "..", "locales", "en.js"), namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        resolveDir: path.dirname(args.path),
        loader: "js",
      }));
    },
  };
}

/**
 * Fails the build when a bundle holds a character beyond ASCII. esbuild escapes strings but keeps
 * regular expressions as written, and a single such character makes V8 hold the whole source at two
 * bytes a character: megabytes more in every process that loads it.
 */
export function assertAscii(files) {
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    // eslint-disable-next-line no-control-regex -- the test is exactly "outside 0x00-0x7F"
    const at = text.search(/[^\x00-\x7f]/);
    if (at === -1) continue;
    const context = text.slice(Math.max(0, at - 60), at + 20);
    throw new Error(
      `${file} holds a character beyond ASCII near: ${JSON.stringify(context)}. Write it as a \\u escape in the source.`,
    );
  }
}
