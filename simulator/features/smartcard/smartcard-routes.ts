import { AppError } from "../../../shared/errors.js";
import { API_PREFIX } from "../../../shared/wire/authn.js";
import { CONTROL_PREFIX } from "../../../shared/wire/control.js";
import {
  issueCardRequestSchema,
  SMARTCARD_CHALLENGE_PATH,
  SMARTCARD_VERIFY_PATH,
  smartcardChallengeRequestSchema,
  smartcardVerifyRequestSchema,
  type SmartcardChallengeResponse,
} from "../../../shared/wire/smartcard.js";
import { clientOf } from "../../context.js";
import { recordControl } from "../control/control-audit.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";
import { parseBody } from "../../http/parse.js";
import { AuthnAudit, type ClientInfo } from "../authn/authn-audit.js";
import { issueCardFor } from "./card-issuer.js";
import { NonceStore } from "./nonce-store.js";
import { verifyCardProof } from "./verify-card-certificate.js";

/** How long a card has to sign a challenge. */
const SMARTCARD_NONCE_TTL_MS = 120_000;

/**
 * The smartcard factor of the login state machine: a nonce bound to the state
 * token, then the card's certificate and signature, checked against the CA,
 * the clock and the user; SUCCESS through the state machine's own seam.
 */
export const smartcardRoutes: FeaturePlugin = async (app, { ctx }) => {
  // Challenges are in the database: a reset empties them with the logins they belong to.
  const nonces = new NonceStore(ctx.storage.challenges, SMARTCARD_NONCE_TTL_MS, () => ctx.clock.nowMs());
  const config = ctx.authnRateLimit;
  const authnAudit = new AuthnAudit(ctx.audit);
  const about = (userKey: string, client: ClientInfo) => ({ userKey, method: "smartcard" as const, client });

  app.post(
    `${API_PREFIX}${SMARTCARD_CHALLENGE_PATH}`,
    { config },
    async (request): Promise<SmartcardChallengeResponse> => {
      const body = parseBody(smartcardChallengeRequestSchema, request);
      const client = clientOf(request);
      // The login's step, its challenge and the audit line: one commit.
      const { nonce, expiresAtMs } = await ctx.authn.beginSmartcard(body.stateToken, async (login, tx) => {
        const issued = await nonces.issue(login.tokenHash, tx.challenges);
        authnAudit.in(tx).record("authn.smartcard", "challenge-issued", about(login.user.userKey, client));
        return issued;
      });
      return { nonce: nonce.toString("base64"), expiresAt: new Date(expiresAtMs).toISOString() };
    },
  );

  app.post(`${API_PREFIX}${SMARTCARD_VERIFY_PATH}`, { config }, async (request) => {
    const body = parseBody(smartcardVerifyRequestSchema, request);
    const client = clientOf(request);
    // The challenge taken, the card's answer checked, and the login ended (or the refusal recorded): one commit.
    return ctx.authn.completeWithSmartcard(body.stateToken, client, async (login, tx) => {
      const audit = authnAudit.in(tx);
      const nonce = await nonces.take(login.tokenHash, tx.challenges);
      if (nonce === undefined || nonce === "expired") {
        audit.record(
          "authn.smartcard",
          nonce === undefined ? "refused-no-challenge" : "refused-challenge-expired",
          about(login.user.userKey, client),
        );
        return new AppError(
          "WRONG_STATE",
          nonce === undefined
            ? "No challenge is waiting for this sign-in (each one works once). Ask for a new challenge."
            : "The challenge expired before the card answered. Try again.",
        );
      }
      try {
        verifyCardProof(body, {
          caCertificatePem: ctx.ca.certPem,
          userId: login.user.userId,
          nonce,
          now: ctx.clock.now(),
        });
        return null;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const outcome = `failure-${error.code.toLowerCase() as Lowercase<typeof error.code>}` as const;
        audit.record("authn.smartcard", outcome, about(login.user.userKey, client));
        return error;
      }
    });
  });

  await app.register(async (control) => {
    requireControlToken(control, ctx);
    control.post(`${CONTROL_PREFIX}/cards`, async (request, reply) => {
      const body = parseBody(issueCardRequestSchema, request);
      const card = await issueCardFor(ctx, body);
      recordControl(ctx.audit, "control.card-issue", clientOf(request), { userId: card.userId });
      return reply.code(201).send({ card });
    });
  });
};
