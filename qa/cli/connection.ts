import { z } from "zod";
import { UsageError } from "../../shared/cli.js";
import { type ControlConnection } from "../control/control-client.js";

const urlSchema = z.url({ protocol: /^https$/ });

/** Where the simulator is: each of --url, --ca, --token, else CCMS_SIM_URL, CCMS_SIM_CA, CCMS_SIM_TOKEN. */
export function connectionFrom(
  flags: { url?: string | undefined; ca?: string | undefined; token?: string | undefined },
  env: Record<string, string | undefined>,
): ControlConnection {
  const url = flags.url ?? env["CCMS_SIM_URL"];
  const caFile = flags.ca ?? env["CCMS_SIM_CA"];
  const token = flags.token ?? env["CCMS_SIM_TOKEN"];
  const missing = [
    url === undefined ? "--url (or CCMS_SIM_URL)" : null,
    caFile === undefined ? "--ca (or CCMS_SIM_CA)" : null,
    token === undefined ? "--token (or CCMS_SIM_TOKEN)" : null,
  ].filter((item) => item !== null);
  if (url === undefined || caFile === undefined || token === undefined) {
    throw new UsageError(`Say where the simulator is: ${missing.join(", ")} missing.`);
  }
  if (!urlSchema.safeParse(url).success)
    throw new UsageError(`The simulator's address must be an https URL, not "${url}".`);
  return { url, caFile, token };
}
