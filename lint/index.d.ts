// Types of index.js (plain JavaScript, loaded by eslint.config.js): the project's ESLint plugin.
import type { ESLint } from "eslint";

declare const local: ESLint.Plugin;
export default local;
