import type { Wording } from "../../shared/check-text/check-message.js";
import { formatDateTime } from "../../shared/hong-kong-time.js";

type Catalogue = Record<string, Record<string, string>>;

/** A language's wording of check messages from its catalogue (`shared/check-text/<language>.json`), as the page builds it. */
export function wordingOf(catalogue: Catalogue, language: string): Wording {
  return {
    template: (key) => {
      const [group = "", name = ""] = key.split(".");
      return catalogue[group]?.[name];
    },
    instant: (iso) => formatDateTime(iso, language),
  };
}
