import fs from "node:fs";
import path from "node:path";
import { Labels } from "../../../qa/terminal/labels.js";
import { shotFileName } from "../shots.js";
import type { Block, GuideText, Section } from "./content.js";

const css = fs.readFileSync(new URL("./guide.css", import.meta.url), "utf8");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * One line of the guide's text as HTML: `[[key]]` becomes the app's own words in the guide's language,
 * `**words**` bold and `` `text` `` code; everything else is escaped.
 */
export function inlineHtml(text: string, labels: Labels): string {
  const worded = text.replace(/\[\[([\w.-]+)\]\]/g, (_whole, key: string) => {
    const words = labels.text(key);
    if (words.includes("{{"))
      throw new Error(`The app's text "${key}" needs values; the guide cannot name it.`);
    return words;
  });
  return escapeHtml(worded)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/`(.+?)`/g, "<code>$1</code>");
}

interface Page {
  guide: GuideText;
  /** The folder holding `<shot>.<language>.png`. */
  imagesDir: string;
  version: string;
  /** When the guide is printed. */
  printedAt: Date;
}

/** The whole guide as one self-contained HTML page (screenshots inlined), ready for Chromium to print. */
export function guideHtml({ guide, imagesDir, version, printedAt }: Page): string {
  const labels = new Labels(guide.language);
  const text = (line: string) => inlineHtml(line, labels);
  const date = new Intl.DateTimeFormat(guide.language, {
    dateStyle: "long",
    timeZone: "Asia/Hong_Kong",
  }).format(printedAt);
  let figure = 0;

  const block = (item: Block): string => {
    if ("p" in item) return `<p>${text(item.p)}</p>`;
    if ("note" in item) return `<p class="note">${text(item.note)}</p>`;
    if ("steps" in item)
      return `<ol class="steps">${item.steps.map((s) => `<li>${text(s)}</li>`).join("")}</ol>`;
    if ("list" in item) return `<ul>${item.list.map((s) => `<li>${text(s)}</li>`).join("")}</ul>`;
    if ("table" in item) {
      const head = item.table.head.map((cell) => `<th scope="col">${text(cell)}</th>`).join("");
      const rows = item.table.rows
        .map(
          ([first = "", ...rest]) =>
            `<tr><th scope="row">${text(first)}</th>${rest.map((c) => `<td>${text(c)}</td>`).join("")}</tr>`,
        )
        .join("");
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    figure += 1;
    const file = path.join(imagesDir, shotFileName(item.figure, guide.language));
    const source = `data:image/png;base64,${fs.readFileSync(file).toString("base64")}`;
    const caption = text(item.caption);
    return `<figure><img src="${source}" alt="${escapeHtml(item.caption)}"><figcaption>${figure}. ${caption}</figcaption></figure>`;
  };

  const section = (part: Section, index: number) =>
    `<section id="${part.id}"><h2><span class="number">${index + 1}</span> ${text(part.title)}</h2>${part.blocks.map(block).join("\n")}</section>`;

  const contents = guide.sections
    .map((part, index) => `<li><a href="#${part.id}">${index + 1}. ${text(part.title)}</a></li>`)
    .join("");

  return `<!doctype html>
<html lang="${guide.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(guide.title)}</title>
<style>${css}</style>
</head>
<body>
<section class="cover">
<p class="brand">${escapeHtml(labels.text("app.name"))}</p>
<h1>${escapeHtml(guide.title)}</h1>
<p class="subtitle">${escapeHtml(guide.subtitle)}</p>
<p class="edition">${escapeHtml(guide.edition({ version, date }))}</p>
${guide.cover.map((line) => `<p>${text(line)}</p>`).join("\n")}
<nav class="contents"><h2>${escapeHtml(guide.contentsTitle)}</h2><ol>${contents}</ol></nav>
</section>
${guide.sections.map(section).join("\n")}
</body>
</html>
`;
}

/** Chromium's page footer: "Page 3 of 12" in the guide's language. */
export function footerHtml(guide: GuideText): string {
  const { before, between, after } = guide.pageOf;
  return `<div class="footer" style="width:100%;font-size:8pt;color:#555;text-align:center;font-family:'Noto Sans CJK TC','Noto Sans',sans-serif">${escapeHtml(before)}<span class="pageNumber"></span>${escapeHtml(between)}<span class="totalPages"></span>${escapeHtml(after)}</div>`;
}
