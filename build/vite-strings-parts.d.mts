// Types of vite-strings-parts.mjs (plain JavaScript, loaded by Vite's configuration and by tests).
import type { Plugin } from "vite";

export const startGroups: string[];

export const stringsParts: Array<"start" | "rest">;

type Strings = { [key: string]: string | Strings };

export function stringsPart(strings: Strings, part: "start" | "rest"): Strings;

export function stringsPartsPlugin(i18nDir: string): Plugin;
