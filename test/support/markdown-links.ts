import fs from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { marked, type Token, type Tokens } from "marked";

/** A link or image in a Markdown file that does not lead where it says. */
export interface BrokenLink {
  file: string;
  href: string;
  problem: string;
}

interface Page {
  links: string[];
  anchors: Set<string>;
}

/** The text a heading shows (code spans' code, links' words, no emphasis marks), which GitHub slugs. */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === "codespan" || token.type === "escape") return (token as Tokens.Codespan).text;
      if (token.type === "html") return "";
      if ("tokens" in token && token.tokens) return plainText(token.tokens);
      return "text" in token ? String(token.text) : "";
    })
    .join("");
}

/** Every link and image target of a Markdown file, and the anchors its headings (and `id`s) make on GitHub. */
function readPage(file: string): Page {
  const slugger = new GithubSlugger();
  const links: string[] = [];
  const anchors = new Set<string>();
  marked.walkTokens(marked.lexer(fs.readFileSync(file, "utf8")), (token) => {
    if (token.type === "heading") anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
    if (token.type === "link" || token.type === "image") links.push((token as Tokens.Link).href);
    if (token.type === "html") {
      for (const match of (token as Tokens.HTML).text.matchAll(/\s(?:id|name)="([^"]+)"/g))
        anchors.add(match[1] ?? "");
      for (const match of (token as Tokens.HTML).text.matchAll(/\s(?:href|src)="([^"]+)"/g))
        links.push(match[1] ?? "");
    }
  });
  return { links, anchors };
}

const external = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Checks every relative link and image of the given Markdown files: the file or folder it names exists
 * (relative to the file), and its `#anchor`, if any, is a heading of the Markdown file it names, slugged as
 * GitHub slugs headings (lower case, punctuation dropped, spaces to hyphens, `-1`, `-2` for repeats).
 */
export function brokenLinks(files: string[]): BrokenLink[] {
  const pages = new Map<string, Page>();
  const page = (file: string) => {
    let found = pages.get(file);
    if (!found) pages.set(file, (found = readPage(file)));
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const file of files) {
    for (const href of page(file).links) {
      if (external.test(href)) continue;
      const [rawTarget = "", anchor] = href.split("#", 2);
      const target =
        rawTarget === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(rawTarget));
      if (!fs.existsSync(target)) {
        broken.push({ file, href, problem: `${path.basename(target)} does not exist` });
        continue;
      }
      if (anchor === undefined || anchor === "") continue;
      if (!target.endsWith(".md")) {
        broken.push({ file, href, problem: "an anchor into a file that is not Markdown" });
      } else if (!page(target).anchors.has(decodeURIComponent(anchor))) {
        broken.push({ file, href, problem: `${path.basename(target)} has no heading #${anchor}` });
      }
    }
  }
  return broken;
}

/** README.md and every Markdown file under docs/. */
export function documentationFiles(root: string): string[] {
  const docs = path.join(root, "docs");
  const below = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [];
  return [path.join(root, "README.md"), ...below.sort()];
}
