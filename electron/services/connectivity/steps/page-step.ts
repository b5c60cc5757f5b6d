import { say } from "../../../../shared/check-text/check-message.js";
import { section } from "../sections.js";
import { makeStep, type CheckDependencies, type MadeStep } from "../types.js";
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
export function pageStep(page: HttpPage | null, deps: CheckDependencies, targetHost: string): MadeStep {
  const started = deps.perfNow();
  if (!page) return makeStep("page", "skip", 0, [say("page.none")]);
  const reading = readPage(page.body);
  const took = (): number => deps.perfNow() - started;
  const signInForm = reading.hasForm && reading.hasPasswordField;
  const seen = [
    reading.title ? say("page.title", { title: reading.title.slice(0, 120) }) : say("page.noTitle"),
    say("page.from", {
      url: page.url.href,
      status: page.status,
      contentType: page.contentType || say("http.noContentType"),
    }),
    say(signInForm ? "page.form" : "page.noForm"),
  ];
  const text = `${reading.title}\n${page.body.slice(0, 64 * 1024)}`;
  const portalAdvice = say("page.portalAdvice", { section: section.proxy });
  if (signInForm && page.status >= 200 && page.status < 300) {
    const otherHost = page.url.hostname !== targetHost;
    if (otherHost && portalMarkers.some((marker) => marker.test(text))) {
      return makeStep("page", "fail", took(), [say("page.portalInstead"), ...seen], [portalAdvice]);
    }
    return makeStep("page", "pass", took(), [
      say(reading.looksLikeHkexSso ? "page.hkex" : "page.signIn"),
      ...seen,
    ]);
  }
  if (blockMarkers.some((marker) => marker.test(text))) {
    return makeStep(
      "page",
      "fail",
      took(),
      [say("page.blocked"), ...seen],
      [say("page.blockedAdvice", { host: targetHost, section: section.proxy })],
    );
  }
  if (portalMarkers.some((marker) => marker.test(text))) {
    return makeStep("page", "fail", took(), [say("page.portal"), ...seen], [portalAdvice]);
  }
  return makeStep(
    "page",
    "fail",
    took(),
    [say("page.notSignIn"), ...seen],
    [say("page.notSignInAdvice", { proxySection: section.proxy, dnsSection: section.dns })],
  );
}
