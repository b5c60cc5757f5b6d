// Each language's strings in two parts for the renderer (renderer/i18n/strings-source.ts): the few the
// login form draws before the app's bridge connects, built into the page's own code, and all the others,
// a chunk per language fetched while the bridge connects. renderer/i18n/<language>.json stays the one
// file a translator edits.
import fs from "node:fs";
import path from "node:path";

/** The top-level groups of the strings that the login form draws before the bridge connects. */
export const startGroups = ["app", "common", "language", "banner", "phases", "login", "bridge"];

export const stringsParts = ["start", "rest"];

/** The part of a language's strings: "start" (the groups above) or "rest" (every other group). */
export function stringsPart(strings, part) {
  return Object.fromEntries(
    Object.entries(strings).filter(([group]) => startGroups.includes(group) === (part === "start")),
  );
}

const prefix = "virtual:ccms-strings/";

/**
 * Vite plugin: `import("virtual:ccms-strings/<language>-<part>")` is that part of
 * `<i18nDir>/<language>.json`, as a module whose default export is the strings (parsed with
 * JSON.parse, which a browser reads faster than the same object written as code).
 */
export function stringsPartsPlugin(i18nDir) {
  return {
    name: "ccms-strings-parts",
    resolveId: (id) => (id.startsWith(prefix) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const name = id.slice(prefix.length + 1);
      const language = name.slice(0, name.lastIndexOf("-"));
      const part = name.slice(name.lastIndexOf("-") + 1);
      const file = path.join(i18nDir, `${language}.json`);
      if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(language) || !fs.existsSync(file) || !stringsParts.includes(part)) {
        this.error(`${name}: no such strings (renderer/i18n/<language>.json, part start or rest).`);
      }
      this.addWatchFile(file);
      const strings = stringsPart(JSON.parse(fs.readFileSync(file, "utf8")), part);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(strings))});`;
    },
  };
}
