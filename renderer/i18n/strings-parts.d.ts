// The parts of each language's strings, made by build/vite-strings-parts.mjs from <language>.json.
declare module "virtual:ccms-strings/*" {
  import type { ResourceKey } from "i18next";

  const strings: ResourceKey;
  export default strings;
}
