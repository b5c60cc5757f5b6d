/** Strips the brackets of an IPv6 literal hostname. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, "$1");

export const portOf = (url: URL): number =>
  url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
