/**
 * Debian's Chromium, as every browser test and benchmark launches it. Playwright's own browser downloads are
 * never used; the flags keep Chromium from reaching out to a network these machines do not have.
 */
export const chromiumExecutable = "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
