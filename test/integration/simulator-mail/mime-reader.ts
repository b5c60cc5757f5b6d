/**
 * Just enough MIME reading for the mail tests: headers with RFC 2047 encoded words,
 * multipart bodies, quoted-printable and base64 parts.
 */
export interface MimePart {
  headers: Map<string, string>;
  body: string;
  parts: MimePart[];
}

function decodeQuotedPrintable(input: string, inHeader: boolean): Buffer {
  const text = (inHeader ? input.replace(/_/g, " ") : input).replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

export function decodeHeaderValue(value: string): string {
  const unfolded = value.replace(/\?=\s+=\?/g, "?==?");
  return unfolded.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data, true).toString("utf8"),
  );
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const headerBlock = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = parseHeaders(headerBlock);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith("multipart/") && boundary !== undefined) {
    const chunks = rest.split(`--${boundary}`).slice(1);
    const parts = chunks.filter((c) => !c.startsWith("--")).map((c) => parseMime(c.replace(/^\r?\n/, "")));
    return { headers, body: "", parts };
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const body =
    encoding === "base64"
      ? Buffer.from(rest.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(rest, false).toString("utf8")
        : rest;
  return { headers, body, parts: [] };
}

/** The decoded text of the first part whose content type starts with `type`. */
export function findPart(part: MimePart, type: string): string | undefined {
  if ((part.headers.get("content-type") ?? "").toLowerCase().startsWith(type)) return part.body;
  for (const child of part.parts) {
    const found = findPart(child, type);
    if (found !== undefined) return found;
  }
  return undefined;
}
