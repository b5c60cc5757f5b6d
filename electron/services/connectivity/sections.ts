import { say } from "../../../shared/check-text/check-message.js";

/**
 * Where the CCASS (CCMS) Terminal Installation Procedures cover each kind of
 * fix. The circulars name sections 4.7–4.9 for network set-up without saying
 * which is which; we assume 4.7 covers DNS, 4.8 firewalls and 4.9 proxies.
 */
export const section = {
  dns: say("section.dns"),
  firewall: say("section.firewall"),
  proxy: say("section.proxy"),
} as const;
