import { expect } from "vitest";
import { CardApplet, memoryCardStore } from "../../simulator/smartcard/applet.js";
import { CCMS_AID } from "../../simulator/smartcard/apdu.js";
import { cardFileSchema, type CardFile } from "../../simulator/smartcard/card-file.js";
import { demoPassword, type Harness } from "../integration/simulator/sim-harness.js";
import { answerAt } from "./authn-answers.js";

const authn = "/sso/api/v1/authn";
const cardPin = "2580";

/** `Authorization: Bearer <token>` as axios options. */
export const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/**
 * Signs a user in over the wire with password and the emailed OTP (choosing OTP where the phase offers
 * a choice), and returns the session token.
 */
export async function signInWithOtp(h: Harness, userId: string, password = demoPassword): Promise<string> {
  let answer = (await h.post(authn, { userId, password })).data as { state: string; stateToken: string };
  if (answer.state === "METHOD_CHOICE") {
    answer = (await h.post(`${authn}/factor`, { stateToken: answer.stateToken, factor: "otp" })).data;
  }
  const begin = answerAt(answer, "OTP_REQUIRED");
  const otp = await h.latestOtp(userId);
  const done = answerAt(
    (await h.post(`${authn}/otp/verify`, { stateToken: begin.stateToken, otp })).data,
    "SUCCESS",
  );
  return done.sessionToken;
}

/** Signs a card holder in with a card the simulator issues (before launch, the only way), over the wire. */
export async function signInWithCard(h: Harness, userId: string): Promise<string> {
  const issued = await h.control.post("/__sim/cards", { userId, pin: cardPin });
  expect(issued.status).toBe(201);
  const card: CardFile = cardFileSchema.parse(issued.data.card);
  const begin = answerAt(
    (await h.post(authn, { userId, password: demoPassword })).data,
    "SMARTCARD_REQUIRED",
  );
  const challenge = await h.post(`${authn}/smartcard/challenge`, { stateToken: begin.stateToken });
  expect(challenge.status).toBe(200);
  const nonce = Buffer.from((challenge.data as { nonce: string }).nonce, "base64");
  const applet = new CardApplet(memoryCardStore(card));
  applet.process(Uint8Array.from([0, 0xa4, 4, 0, CCMS_AID.length, ...CCMS_AID]));
  applet.process(Uint8Array.from([0, 0x20, 0, 0x81, cardPin.length, ...Buffer.from(cardPin)]));
  const signed = applet.process(Uint8Array.from([0, 0x2a, 0x9e, 0x9a, nonce.length, ...nonce, 0]));
  const der = Buffer.from(card.certificate.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const done = await h.post(`${authn}/smartcard/verify`, {
    stateToken: begin.stateToken,
    certificate: der.toString("base64"),
    signature: Buffer.from(signed.slice(0, -2)).toString("base64"),
  });
  return answerAt(done.data, "SUCCESS").sessionToken;
}
