import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import { section } from "../sections.js";
import { makeStep, type CheckDependencies } from "../types.js";
import type { HttpPage } from "./http-step.js";

const blockMarkers = [
  /access (?:to this (?:site|page) )?(?:is |has been )?denied/i,
  /(?:site|page|url|web ?site) (?:is |has been )?blocked/i,
  /blocked by (?:your|the) (?:organi[sz]ation|administrator|company|proxy|firewall)/i,
  /web ?filter|url filter|content filter|category:/i,
  /zscaler|forcepoint|websense|blue ?coat|fortiguard|palo alto|sophos|squid|symantec web/i,
];
const portalMarkers = [
  /captive portal/i,
  /(?:wi-?fi|hotspot|guest network)/i,
  /accept (?:the )?(?:terms|conditions)/i,
  /log ?in to (?:the )?(?:network|internet)/i,
];

/** What the page tells us, read from its HTML. */
export interface PageReading {
  title: string;
  hasPasswordField: boolean;
  hasForm: boolean;
  looksLikeHkexSso: boolean;
}

export function readPage(html: string): PageReading {
  const title = (/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? "").replace(/\s+/g, " ").trim();
  const hasPasswordField = /<input\b[^>]*\btype\s*=\s*["']?password\b/i.test(html);
  const hasForm = /<form\b/i.test(html);
  return {
    title,
    hasPasswordField,
    hasForm,
    // "登入" written as escapes: a regular expression keeps its characters in the bundle as they are, and
    // one character beyond ASCII makes V8 hold the whole bundle's source at two bytes a character.
    looksLikeHkexSso: /hkex/i.test(title) && /sign\s*in|log\s*in|\u767b\u5165/i.test(title),
  };
}

/** Step 6: is the answer the SSO sign-in screen, or a proxy's block page or a captive portal? */
export function pageStep(page: HttpPage | null, deps: CheckDependencies, targetHost: string): CheckStep {
  const started = deps.perfNow();
  if (!page) return makeStep("page", "skip", 0, "No page was received.");
  const reading = readPage(page.body);
  const took = (): number => deps.perfNow() - started;
  const seen = [
    `title: ${reading.title ? `"${reading.title.slice(0, 120)}"` : "(none)"}`,
    `from ${page.url.href} (${page.status}, ${page.contentType || "no content type"})`,
    `sign-in form with a password field: ${reading.hasForm && reading.hasPasswordField ? "yes" : "no"}`,
  ];
  const text = `${reading.title}\n${page.body.slice(0, 64 * 1024)}`;
  if (reading.hasForm && reading.hasPasswordField && page.status >= 200 && page.status < 300) {
    const otherHost = page.url.hostname !== targetHost;
    const detail = [
      reading.looksLikeHkexSso ? "This is the HKEX sign-in page." : "This is a sign-in page.",
      ...seen,
    ].join("\n");
    if (otherHost && portalMarkers.some((marker) => marker.test(text))) {
      return makeStep(
        "page",
        "fail",
        took(),
        `A network sign-in page (captive portal) answered instead.\n${seen.join("\n")}`,
        `Sign in to the network first, or ask the network team to let this PC through without a portal (${section.proxy}).`,
      );
    }
    return makeStep("page", "pass", took(), detail);
  }
  if (blockMarkers.some((marker) => marker.test(text))) {
    return makeStep(
      "page",
      "fail",
      took(),
      `This looks like a proxy's or firewall's block page, not the sign-in page.\n${seen.join("\n")}`,
      `Ask the network team to allow ${targetHost} on the proxy / web filter (${section.proxy}).`,
    );
  }
  if (portalMarkers.some((marker) => marker.test(text))) {
    return makeStep(
      "page",
      "fail",
      took(),
      `This looks like a captive portal (a network sign-in page), not the SSO sign-in page.\n${seen.join("\n")}`,
      `Sign in to the network first, or ask the network team to let this PC through without a portal (${section.proxy}).`,
    );
  }
  return makeStep(
    "page",
    "fail",
    took(),
    `This is not the sign-in page.\n${seen.join("\n")}`,
    `Check the URL. If it is right, something in between answers instead of the server: a proxy (${section.proxy}) or a wrong DNS answer (${section.dns}).`,
  );
}
