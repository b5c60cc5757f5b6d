/** One CSV field: quoted when it holds a separator, a quote or a line break; formulas defused. */
export function csvField(value: string | number): string {
  let text = String(value);
  // A spreadsheet would run a cell starting with = + - @ as a formula.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of fields. */
export const csvLine = (values: Array<string | number>): string => values.map(csvField).join(",");

/** CSV lines as one file: a byte-order mark, so spreadsheet programs read Chinese text as UTF-8; CRLF lines. */
export const csvFile = (lines: string[]): string => `\uFEFF${lines.join("\r\n")}\r\n`;
