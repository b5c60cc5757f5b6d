import fs from "node:fs";
import https from "node:https";
import axios, { type AxiosInstance } from "axios";

/** A client of one simulator address over real HTTPS, trusting only the simulator's CA file. */
export interface SimClient {
  http: AxiosInstance;
  control: AxiosInstance;
  close(): void;
}

/** `keepAlive: false` opens a connection per request, so a load balancer may pick another instance each time. */
export function simClient(url: string, caFile: string, controlToken: string, keepAlive = true): SimClient {
  const agent = new https.Agent({ ca: fs.readFileSync(caFile), keepAlive, maxSockets: 64 });
  const options = { baseURL: url, httpsAgent: agent, validateStatus: () => true, proxy: false as const };
  return {
    http: axios.create(options),
    control: axios.create({ ...options, headers: { authorization: `Bearer ${controlToken}` } }),
    close: () => agent.destroy(),
  };
}

/** The body of `POST /__sim/users` for a plain user with an email, of participant CP009. */
export function clusterUser(userId: string, password = "Cluster#Pass2023") {
  return {
    userId,
    password,
    email: `${userId}@cp009.example.com`,
    role: "user",
    participant: "CP009",
    clearingHouse: "HKSCC",
  };
}
