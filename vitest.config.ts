import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { stringsPartsPlugin } from "./build/vite-strings-parts.mjs";

export default defineConfig({
  // The renderer's modules import the parts of each language's strings as Vite builds them.
  plugins: [stringsPartsPlugin(fileURLToPath(new URL("./renderer/i18n", import.meta.url)))],
  test: {
    include: ["test/unit/**/*.test.{ts,tsx}", "test/integration/**/*.test.ts"],
    // The tests of the shipped programs run the built bundles: built first when missing or stale.
    globalSetup: ["test/support/built-package.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
