// An esbuild plugin: in a bundle, simulator/crypto/argon2-wasm.ts gives the argon2 WebAssembly module's
// bytes from the bundle itself (esbuild's binary loader) rather than reading them from node_modules,
// which an installed app does not have for a devDependency.
export const inlineArgon2Wasm = {
  name: "inline-argon2-wasm",
  setup(build) {
    build.onLoad({ filter: /[\\/]simulator[\\/]crypto[\\/]argon2-wasm\.ts$/ }, () => ({
      contents:
        'import bytes from "@phi-ag/argon2/argon2.wasm";\nexport function argon2WasmBytes() { return bytes; }\n',
      loader: "js",
      resolveDir: process.cwd(),
    }));
  },
};

/** The esbuild options that go with it. */
export const wasmLoader = { ".wasm": "binary" };
