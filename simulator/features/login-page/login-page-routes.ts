import { type FastifyReply } from "fastify";
import { type FeaturePlugin } from "../feature.js";
import { loginPageHtml, loginScript } from "./login-page.js";

const csp =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** GET /sso (and /sso/): the SSO login screen; its script at /sso/assets/login.js. */
export const loginPageRoutes: FeaturePlugin = async (app) => {
  const page = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", csp)
      .header("x-frame-options", "DENY")
      .header("cache-control", "no-store")
      .send(loginPageHtml);
  // The root's router ignores a trailing slash: this also answers /sso/.
  app.get("/sso", page);
  app.get("/sso/assets/login.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(loginScript),
  );
};
