import fs from "node:fs/promises";
import path from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

/**
 * Reads one file of the built renderer for a URL path; `/` is index.html.
 * Paths that leave the root, hidden files and folders give null.
 */
export async function readStaticAsset(root: string, urlPath: string): Promise<StaticAsset | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = decoded === "/" || decoded === "" ? "index.html" : decoded.replace(/^\/+/, "");
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return null;
  if (relative.split("/").some((part) => part.startsWith("."))) return null;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    return {
      body: await fs.readFile(file),
      contentType: types[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    };
  } catch {
    return null;
  }
}
