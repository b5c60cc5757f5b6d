// Injected into the CommonJS bundles: `import.meta.url` has no meaning there, so it becomes the bundle's own URL.
import { pathToFileURL } from "node:url";

export const importMetaUrl = pathToFileURL(__filename).href;
