import importWalls from "./import-walls.js";
import kebabCaseFileNames from "./kebab-case-file-names.js";
import maxLengthFromLimits from "./max-length-from-limits.js";

/** The project's own lint rules, used in eslint.config.js as `local/…`. */
export default {
  meta: { name: "local" },
  rules: {
    "import-walls": importWalls,
    "kebab-case-file-names": kebabCaseFileNames,
    "max-length-from-limits": maxLengthFromLimits,
  },
};
