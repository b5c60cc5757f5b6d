/**
 * A loopback CONNECT proxy with Basic authentication in a process of its own, as
 * a corporate proxy is another machine: prints `proxy <port>`, runs until killed, and
 * then prints `tunnels <n>`, the number of tunnels it opened.
 *   node --import tsx test/bench/proxy-process.ts <user> <password>
 */
import { startConnectProxy } from "../support/connect-proxy.js";

const [user = "bench", password = "bench"] = process.argv.slice(2);
const proxy = await startConnectProxy({ users: { [user]: password } });
process.stdout.write(`proxy ${proxy.port}\n`);
const stop = () =>
  void proxy.stop().then(() => {
    process.stdout.write(`tunnels ${proxy.log.filter((entry) => entry.status === 200).length}\n`);
    process.exit(0);
  });
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
