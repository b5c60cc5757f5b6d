import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { stringsPartsPlugin } from "./build/vite-strings-parts.mjs";

const root = fileURLToPath(new URL("./renderer", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/renderer", import.meta.url));
const i18nDir = fileURLToPath(new URL("./renderer/i18n", import.meta.url));

/** The dev server injects an inline script for React refresh, which the page's strict CSP forbids. */
function dropCspInDev(): Plugin {
  return {
    name: "ccms-drop-csp-in-dev",
    apply: "serve",
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ""),
  };
}

export default defineConfig({
  root,
  // Relative asset URLs so the same build loads under app:// (Electron) and http:// (browser shell).
  base: "./",
  plugins: [react(), dropCspInDev(), stringsPartsPlugin(i18nDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
    // The page asks for as few files as it can before its form is drawn (each request costs the page's
    // one thread time to start, and the shell's one-threaded server time to answer): no entry file of its
    // own holding the modulepreload polyfill (Electron's Chromium and Edge preload modules themselves), and
    // one stylesheet for every screen (some 16 KB) rather than one per chunk.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        // Everything the page's entry imports statically, in one file: the login form's code arrives in
        // one response, not ten that a busy machine's server answers one after another. What the screens
        // import on demand stays in chunks of its own.
        codeSplitting: { groups: [{ name: "start", test: /[\\/]renderer[\\/]main\.tsx$/ }] },
      },
    },
  },
  server: { host: "127.0.0.1" },
});
