import { builtinModules } from "node:module";
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeAndServer = [
  "electron",
  "@github/keytar",
  "smartcard",
  "better-sqlite3",
  "fastify",
  "axios",
  "nodemailer",
];

/** Each room of the house may import only what sits below it (see README, Architecture). */
const layer = (files, paths, patterns) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: paths.map((name) => ({
          name,
          message: "This layer may not import it (see README, Architecture).",
        })),
        patterns: patterns.map((group) => ({
          group: [group],
          message: "This layer may not import that folder (see README, Architecture).",
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules", "dist", "dist-electron", "release", "test-results", "playwright-report"] },
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
  layer(
    ["shared/**"],
    [...nodeBuiltins, ...nativeAndServer],
    ["**/electron/**", "**/renderer/**", "**/simulator/**", "**/test/**"],
  ),
  layer(
    ["renderer/**"],
    [...nodeBuiltins, ...nativeAndServer],
    ["**/electron/**", "**/simulator/**", "**/test/**"],
  ),
  layer(
    ["electron/services/**"],
    ["electron"],
    ["**/simulator/**", "**/renderer/**", "**/host/**", "**/main/**", "**/preload/**", "**/web/**"],
  ),
  layer(["electron/host/**"], ["electron"], ["**/renderer/**", "**/main/**", "**/preload/**", "**/web/**"]),
  layer(
    ["electron/main/**", "electron/preload/**"],
    [],
    ["**/renderer/**", "**/simulator/**", "**/services/**", "**/web/**"],
  ),
  layer(
    ["electron/web/**"],
    ["electron"],
    ["**/renderer/**", "**/simulator/**", "**/services/**", "**/main/**", "**/preload/**"],
  ),
  layer(
    ["simulator/**"],
    ["electron", "@github/keytar", "axios"],
    ["**/electron/**", "**/renderer/**", "**/test/**", "**/shared/contract/**"],
  ),
  {
    files: ["bin/**", "build/**", "test/**", "*.config.*"],
    rules: { "no-console": "off" },
  },
);
