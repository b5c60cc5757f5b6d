import {
  API_PREFIX,
  authnRequestSchema,
  factorChoiceRequestSchema,
  otpVerifyRequestSchema,
  passwordChangeRequestSchema,
  stateTokenRequestSchema,
} from "../../../shared/wire/authn.js";
import { clientOf } from "../../context.js";
import { parseBody } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";

/** The 2FA login steps: POST /sso/api/v1/authn/... */
export const authnRoutes: FeaturePlugin = async (app, { ctx }) => {
  const config = ctx.authnRateLimit;
  const base = `${API_PREFIX}/authn`;

  app.post(base, { config }, async (request) => {
    const body = parseBody(authnRequestSchema, request);
    return ctx.authn.begin(body.userId, body.password, clientOf(request));
  });

  app.post(`${base}/otp/verify`, { config }, async (request) => {
    const body = parseBody(otpVerifyRequestSchema, request);
    return ctx.authn.verifyOtp(body.stateToken, body.otp, clientOf(request));
  });

  app.post(`${base}/otp/resend`, { config }, async (request) => {
    const body = parseBody(stateTokenRequestSchema, request);
    return ctx.authn.resendOtp(body.stateToken, clientOf(request));
  });

  app.post(`${base}/factor`, { config }, async (request) => {
    const body = parseBody(factorChoiceRequestSchema, request);
    return ctx.authn.chooseFactor(body.stateToken, body.factor, clientOf(request));
  });

  app.post(`${base}/password/change`, { config }, async (request) => {
    const body = parseBody(passwordChangeRequestSchema, request);
    return ctx.authn.changePassword(body.stateToken, body.newPassword, clientOf(request));
  });

  app.post(`${base}/cancel`, { config }, async (request, reply) => {
    const body = parseBody(stateTokenRequestSchema, request);
    await ctx.authn.cancel(body.stateToken, clientOf(request));
    return reply.code(204).send();
  });
};
