/** Escapes text for safe inclusion in an HTML body or attribute. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export interface HtmlSection {
  /** BCP 47 language tag of the section, e.g. "en" or "zh-HK". */
  lang: string;
  /** Paragraphs, already HTML (callers escape their values). */
  paragraphs: string[];
}

/**
 * A minimal, mail-client-safe HTML document: inline styles only, one section per
 * language, each marked with its own `lang` so screen readers switch voice.
 */
export function renderHtmlDocument(title: string, sections: HtmlSection[]): string {
  const body = sections
    .map(
      (section) =>
        `<div lang="${escapeHtml(section.lang)}" style="margin:0 0 24px 0">` +
        section.paragraphs.map((p) => `<p style="margin:0 0 12px 0">${p}</p>`).join("") +
        `</div>`,
    )
    .join('<hr style="border:none;border-top:1px solid #ccc;margin:16px 0">');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:Arial,'Microsoft JhengHei',sans-serif;font-size:14px;color:#1a1a1a;max-width:600px">` +
    `${body}` +
    `<p style="font-size:12px;color:#666">HKEX CCMS (simulated) · 香港交易所 CCMS（模擬）</p>` +
    `</body></html>`
  );
}
