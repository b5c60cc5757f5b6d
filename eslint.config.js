import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import local from "./lint/index.js";

/**
 * The house's walls (docs/architecture.md): each folder names what it may import besides its own
 * files. Our folders and files as globs, `node:*` Node's built-ins, `npm:*` any other package, or
 * a package by name; `!` takes a pattern away. A file in a folder missing here fails lint.
 */
const walls = {
  shared: { imports: ["zod"] },
  // `virtual:ccms-strings`: the parts of each language's strings (build/vite-strings-parts.mjs).
  renderer: {
    imports: [
      "shared/**",
      "react",
      "react-dom",
      "react-i18next",
      "i18next",
      "zustand",
      "virtual:ccms-strings",
    ],
  },
  "electron/services": { imports: ["shared/**", "node:*", "npm:*", "!electron"] },
  "electron/host": {
    imports: ["shared/**", "electron/services/**", "simulator/**", "node:*", "npm:*", "!electron"],
  },
  "electron/main": { imports: ["shared/**", "electron/host/**", "electron", "node:*", "npm:*"] },
  // A sandboxed script: Electron's renderer API and the modules of shared/ that load no zod.
  "electron/preload": { imports: ["electron", "shared/**"], loadsNo: ["zod"] },
  "electron/web": { imports: ["shared/**", "electron/host/**", "node:*", "npm:*", "!electron"] },
  simulator: {
    imports: [
      "shared/**",
      "!shared/contract/**",
      "node:*",
      "npm:*",
      "!electron",
      "!@github/keytar",
      "!axios",
    ],
  },
  // The app's translation files too: the page objects find controls by the names a person sees.
  qa: { imports: ["shared/**", "renderer/i18n/*.json", "node:*", "npm:*", "!electron"] },
  examples: { imports: ["npm:*"] },
  bin: { imports: ["node:*", "npm:*"] },
  // The packaging script finds Electron's binary as `npm start` does.
  build: { imports: ["bin/launch-plan.mjs", "node:*", "npm:*"] },
  // The documentation's screenshots and the user guide: the app driven with the QA kit, as a user would.
  "build/docs": { imports: ["qa/**", "shared/**", "node:*", "npm:*"] },
  lint: { imports: ["node:*", "eslint", "typescript-eslint"] },
  test: { imports: ["**", "node:*", "npm:*"] },
  ".": {
    imports: [
      "lint/**",
      "test/support/**",
      "test/ledger/**",
      "build/vite-strings-parts.mjs",
      "node:*",
      "npm:*",
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      "dist",
      "dist-electron",
      "dist-qa",
      "release",
      "test-results",
      "playwright-report",
      "test-reports",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    plugins: { local },
    rules: {
      "local/import-walls": ["error", { walls }],
      "local/kebab-case-file-names": "error",
    },
  },
  {
    // A field's maxLength is a limit of shared/contract/limits.ts, as the main process and the server check it.
    files: ["renderer/**/*.tsx"],
    rules: { "local/max-length-from-limits": "error" },
  },
  {
    // Dates and times a person sees go through renderer/ui/dates.ts: Hong Kong time, the chosen language.
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/ui/dates.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["toLocaleString", "toLocaleDateString", "toLocaleTimeString"].map((property) => ({
          property,
          message: "Use formatDateTime or formatDate from renderer/ui/dates.ts.",
        })),
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message: "Use formatDateTime or formatDate from renderer/ui/dates.ts.",
        },
      ],
    },
  },
  {
    files: ["bin/**", "build/**", "test/**", "*.config.*"],
    rules: { "no-console": "off" },
  },
);
