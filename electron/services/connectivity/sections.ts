/**
 * Where the CCASS (CCMS) Terminal Installation Procedures cover each kind of
 * fix. The circulars name sections 4.7–4.9 for network set-up without saying
 * which is which; we assume 4.7 covers DNS, 4.8 firewalls and 4.9 proxies.
 */
export const section = {
  dns: "Installation Procedures section 4.7 (DNS)",
  firewall: "Installation Procedures section 4.8 (firewall)",
  proxy: "Installation Procedures section 4.9 (proxy)",
} as const;
