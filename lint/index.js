import importWalls from "./import-walls.js";
import kebabCaseFileNames from "./kebab-case-file-names.js";

/** The project's own lint rules, used in eslint.config.js as `local/…`. */
export default {
  meta: { name: "local" },
  rules: { "import-walls": importWalls, "kebab-case-file-names": kebabCaseFileNames },
};
