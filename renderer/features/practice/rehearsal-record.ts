import type { TFunction } from "i18next";
import type { PracticeView } from "../../../shared/contract/practice.js";
import { formatDateTime, formatMoment } from "../../ui/dates.js";

type Practised = Extract<PracticeView, { available: true }>;

/** The record's languages, each with its translations: English first, then Traditional Chinese. */
export interface RecordLanguages {
  en: TFunction;
  "zh-HK": TFunction;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const style = `
body { font-family: "Segoe UI", "Noto Sans", "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; line-height: 1.5; }
h1 { color: #0a2a52; margin-bottom: 0; }
.subtitle { color: #4a5563; margin-top: 0.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #c9d2de; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
.note { color: #4a5563; font-size: 0.9rem; }
section + section { border-top: 2px solid #0a2a52; margin-top: 2.5rem; padding-top: 1rem; }
@media print { body { margin: 0; } section + section { break-before: page; } }
`;

/**
 * A self-contained HTML page (inline style, nothing fetched) listing what the
 * user rehearsed and when, in English and in Traditional Chinese, for a
 * participant that keeps evidence its staff practised before the switch.
 */
export function rehearsalRecordHtml(view: Practised, languages: RecordLanguages, madeAt: Date): string {
  const sections = (Object.keys(languages) as Array<keyof RecordLanguages>)
    .map((language) => recordSection(view, language, languages[language], madeAt))
    .join("\n");
  const title = `${languages.en("practice.record.title")} · ${languages["zh-HK"]("practice.record.title")} · ${view.user.userId}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${sections}
</body>
</html>
`;
}

function recordSection(view: Practised, language: keyof RecordLanguages, t: TFunction, madeAt: Date): string {
  const { user } = view;
  const done = view.items.filter((item) => item.done);
  const rows = done
    .map(
      (item) => `<tr>
<th scope="row">${escapeHtml(t(`practice.items.${item.id}.title`))}</th>
<td>${escapeHtml(item.firstRealAt ? formatDateTime(item.firstRealAt, language) : "—")}</td>
<td>${escapeHtml(item.firstAt ? formatMoment(item.firstAt, language) : "—")}</td>
<td>${item.times}</td>
</tr>`,
    )
    .join("\n");
  const table =
    done.length === 0
      ? `<p>${escapeHtml(t("practice.record.none"))}</p>`
      : `<table>
<thead><tr><th scope="col">${escapeHtml(t("practice.record.rehearsal"))}</th><th scope="col">${escapeHtml(t("practice.record.first"))}</th><th scope="col">${escapeHtml(t("practice.record.simulated"))}</th><th scope="col">${escapeHtml(t("practice.record.times"))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const fact = (key: string, value: string) =>
    `<dt>${escapeHtml(t(`practice.record.${key}`))}</dt><dd>${escapeHtml(value)}</dd>`;
  return `<section lang="${language}">
<h1>${escapeHtml(t("practice.record.title"))}</h1>
<p class="subtitle">${escapeHtml(t("practice.record.subtitle"))}</p>
<dl>
${fact("user", `${user.displayName} (${user.userId})`)}
${fact("participant", `${user.participant} · ${user.participantName}`)}
${fact("clearingHouse", user.clearingHouse)}
${fact("made", formatDateTime(madeAt.toISOString(), language))}
</dl>
${table}
<p class="note">${escapeHtml(t("practice.record.note"))}</p>
</section>`;
}

/** `rehearsal-record-demo.user-20261130.html`: the user and the day it was made (Hong Kong time). */
export function rehearsalRecordFileName(userId: string, madeAt: Date): string {
  const day = new Date(madeAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
  return `rehearsal-record-${userId.replace(/[^A-Za-z0-9._-]/g, "_")}-${day}.html`;
}
