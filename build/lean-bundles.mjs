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
 * For the programs that reach servers by Node's own HTTP (the browser shell and the command-line
 * programs: axios's http adapter): axios, as it loads, asks for Node's `FormData` and tries its fetch
 * adapter on `fetch`, `Request` and `Response`, and the first touch of any of them loads Node's fetch
 * implementation (undici, its web streams and its WebAssembly parser). That is a third of the browser
 * shell's start and megabytes it then keeps, for an adapter it never uses. Here axios's fetch adapter
 * says "not supported" and its `FormData` check knows only the form-data package's (no program sends
 * a form); the build fails if axios no longer reads as this expects.
 */
export function axiosNodeOnlyPlugin() {
  const namespace = "axios-node-only";
  const probe = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
        /[\\/]axios[\\/]lib[\\/]adapters[\\/]adapters\.js$/.test(args.importer)
          ? { path: "axios-fetch-adapter", namespace }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents: "export const getFetch = () => false;\nexport default false;\n",
        loader: "js",
      }));
      build.onLoad({ filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ }, (args) => {
        const source = fs.readFileSync(args.path, "utf8");
        if (!source.includes(probe)) throw new Error(`${args.path} no longer holds: ${probe}`);
        return { contents: source.replace(probe, "const FormDataCtor = undefined;"), loader: "js" };
      });
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
