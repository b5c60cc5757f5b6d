import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardApplet, memoryCardStore } from "../../../simulator/smartcard/applet.js";
import { CCMS_AID } from "../../../simulator/smartcard/apdu.js";
import { cardFileSchema, type CardFile } from "../../../simulator/smartcard/card-file.js";
import { issueCard } from "../../../simulator/smartcard/issue-card.js";
import { createTestCa } from "../../support/test-ca.js";
import { demoPassword, startHarness, type Harness } from "../simulator/sim-harness.js";

const beforeLaunch = "2023-01-02T09:00:00+08:00";
const afterLaunch = "2023-06-15T09:00:00+08:00";
const cardPin = "2580";

let h: Harness;
let serial = 0;

beforeAll(async () => {
  h = await startHarness({}, "2025-01-06T09:00:00+08:00");
});
afterAll(async () => {
  await h.close();
});

async function createUser(options: {
  createdAt: string;
  hasSmartcard: boolean;
  email?: boolean;
}): Promise<string> {
  const userId = `sc${++serial}user`;
  const res = await h.control.post("/__sim/users", {
    userId,
    password: demoPassword,
    role: "user",
    participant: "P0001",
    clearingHouse: "HKCC",
    createdAt: options.createdAt,
    hasSmartcard: options.hasSmartcard,
    ...(options.email === false ? {} : { email: `${userId}@example.com` }),
  });
  expect(res.status).toBe(201);
  return userId;
}

async function pinPhase(phase: "smartcard-only" | "parallel-run" | "2fa-only"): Promise<void> {
  expect((await h.control.put("/__sim/phase", { phase })).status).toBe(200);
}

async function issue(userId: string, extra: Record<string, string> = {}): Promise<CardFile> {
  const res = await h.control.post("/__sim/cards", { userId, pin: cardPin, ...extra });
  expect(res.status).toBe(201);
  return cardFileSchema.parse(res.data.card);
}

/** What the client does with the card: SELECT, VERIFY, READ (here: straight from the file), SIGN. */
function cardAnswer(card: CardFile, nonce: Buffer): { certificate: string; signature: string } {
  const applet = new CardApplet(memoryCardStore(card));
  applet.process(Uint8Array.from([0, 0xa4, 4, 0, CCMS_AID.length, ...CCMS_AID]));
  applet.process(Uint8Array.from([0, 0x20, 0, 0x81, cardPin.length, ...Buffer.from(cardPin)]));
  const answer = applet.process(Uint8Array.from([0, 0x2a, 0x9e, 0x9a, nonce.length, ...nonce, 0]));
  expect(Buffer.from(answer.slice(-2)).toString("hex")).toBe("9000");
  const der = Buffer.from(card.certificate.replace(/-----[^-]+-----|\s/g, ""), "base64");
  return {
    certificate: der.toString("base64"),
    signature: Buffer.from(answer.slice(0, -2)).toString("base64"),
  };
}

async function begin(userId: string) {
  const res = await h.post("/sso/api/v1/authn", { userId, password: demoPassword });
  expect(res.status).toBe(200);
  return res.data as { state: string; stateToken: string; factors: string[] };
}

async function challenge(stateToken: string) {
  return h.post("/sso/api/v1/authn/smartcard/challenge", { stateToken });
}

async function signInWith(card: CardFile, stateToken: string) {
  const c = await challenge(stateToken);
  expect(c.status).toBe(200);
  const nonce = Buffer.from(c.data.nonce, "base64");
  return h.post("/sso/api/v1/authn/smartcard/verify", { stateToken, ...cardAnswer(card, nonce) });
}

describe("smartcard factor: phase rules", () => {
  it("smartcard-only: a card holder signs in with the card alone", async () => {
    await pinPhase("smartcard-only");
    const userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
    const step = await begin(userId);
    expect(step.state).toBe("SMARTCARD_REQUIRED");
    expect(step.factors).toEqual(["smartcard"]);
    const done = await signInWith(await issue(userId), step.stateToken);
    expect(done.status).toBe(200);
    expect(done.data.state).toBe("SUCCESS");
    expect(done.data.session.authMethod).toBe("smartcard");
  });

  it("parallel-run: a user created before launch who holds a card may choose it, also from the OTP step", async () => {
    await pinPhase("parallel-run");
    const userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
    const card = await issue(userId);
    const choice = await begin(userId);
    expect(choice.state).toBe("METHOD_CHOICE");
    expect(choice.factors).toEqual(["otp", "smartcard"]);
    expect((await signInWith(card, choice.stateToken)).data.state).toBe("SUCCESS");

    const second = await begin(userId);
    const otp = await h.post("/sso/api/v1/authn/factor", { stateToken: second.stateToken, factor: "otp" });
    expect(otp.data.state).toBe("OTP_REQUIRED");
    expect(otp.data.factors).toContain("smartcard");
    expect((await signInWith(card, second.stateToken)).data.state).toBe("SUCCESS");
  });

  it("parallel-run: a user created on or after launch is refused the card", async () => {
    await pinPhase("parallel-run");
    const userId = await createUser({ createdAt: afterLaunch, hasSmartcard: true });
    const step = await begin(userId);
    expect(step.state).toBe("OTP_REQUIRED");
    expect(step.factors).toEqual(["otp"]);
    const res = await challenge(step.stateToken);
    expect(res.status).toBe(403);
    expect(res.data.error.code).toBe("METHOD_NOT_ALLOWED_FOR_USER");
  });

  it("parallel-run: a user without a card is refused the card", async () => {
    await pinPhase("parallel-run");
    const userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: false });
    const step = await begin(userId);
    expect(step.factors).toEqual(["otp"]);
    expect((await challenge(step.stateToken)).data.error.code).toBe("METHOD_NOT_ALLOWED_FOR_USER");
  });

  it("2fa-only: the card is refused as decommissioned", async () => {
    await pinPhase("parallel-run");
    const userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
    const step = await begin(userId);
    await pinPhase("2fa-only");
    const res = await challenge(step.stateToken);
    expect(res.status).toBe(403);
    expect(res.data.error.code).toBe("METHOD_DECOMMISSIONED");
  });
});

describe("smartcard factor: the card's proof", () => {
  let userId: string;
  let stateToken: string;
  beforeAll(async () => {
    await pinPhase("smartcard-only");
    userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
  });
  const fresh = async () => {
    stateToken = (await begin(userId)).stateToken;
  };

  it("refuses a certificate from another CA", async () => {
    await fresh();
    const foreign = await issueCard(await createTestCa("CN=Someone Else CA"), {
      userId,
      pin: cardPin,
      now: h.clock.now(),
    });
    const res = await signInWith(foreign, stateToken);
    expect(res.status).toBe(401);
    expect(res.data.error.code).toBe("CERT_UNTRUSTED");
  });

  it("refuses an expired certificate", async () => {
    await fresh();
    const expired = await issue(userId, {
      notBefore: "2021-01-01T00:00:00Z",
      notAfter: "2022-01-01T00:00:00Z",
    });
    const res = await signInWith(expired, stateToken);
    expect(res.data.error.code).toBe("CERT_EXPIRED");
  });

  it("refuses another user's card", async () => {
    await fresh();
    const otherUser = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
    const res = await signInWith(await issue(otherUser), stateToken);
    expect(res.data.error.code).toBe("CERT_NOT_FOR_USER");
  });

  it("refuses a signature over anything but the nonce, and each nonce works once", async () => {
    await fresh();
    const card = await issue(userId);
    const c = await challenge(stateToken);
    const wrong = cardAnswer(card, Buffer.alloc(32, 1));
    const bad = await h.post("/sso/api/v1/authn/smartcard/verify", { stateToken, ...wrong });
    expect(bad.data.error.code).toBe("SIGNATURE_INVALID");
    const right = cardAnswer(card, Buffer.from(c.data.nonce, "base64"));
    const replay = await h.post("/sso/api/v1/authn/smartcard/verify", { stateToken, ...right });
    expect(replay.status).toBe(409);
    expect(replay.data.error.code).toBe("WRONG_STATE");
    expect((await signInWith(card, stateToken)).data.state).toBe("SUCCESS");
    const after = await h.post("/sso/api/v1/authn/smartcard/verify", { stateToken, ...right });
    expect(after.data.error.code).toBe("INVALID_STATE_TOKEN");
  });

  it("refuses a nonce that outlived its two minutes", async () => {
    await fresh();
    const card = await issue(userId);
    const c = await challenge(stateToken);
    h.clock.advance(121_000);
    const res = await h.post("/sso/api/v1/authn/smartcard/verify", {
      stateToken,
      ...cardAnswer(card, Buffer.from(c.data.nonce, "base64")),
    });
    expect(res.data.error.code).toBe("WRONG_STATE");
    expect(res.data.error.message).toMatch(/expired/);
  });

  it("validates bodies: garbage gets INVALID_INPUT, never a 5xx", async () => {
    await fresh();
    const res = await h.post("/sso/api/v1/authn/smartcard/verify", {
      stateToken,
      certificate: 5,
      signature: "x",
    });
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe("INVALID_INPUT");
    await challenge(stateToken);
    const junk = await h.post("/sso/api/v1/authn/smartcard/verify", {
      stateToken,
      certificate: Buffer.from("not a certificate at all").toString("base64"),
      signature: "AAAAAAAAAAAA",
    });
    expect(junk.data.error.code).toBe("CERT_UNTRUSTED");
  });
});

describe("POST /__sim/cards", () => {
  it("needs the control token, a known card holder and a PIN of 4 to 8 digits", async () => {
    const userId = await createUser({ createdAt: beforeLaunch, hasSmartcard: true });
    const noCard = await createUser({ createdAt: beforeLaunch, hasSmartcard: false });
    expect((await h.http.post("/__sim/cards", { userId, pin: cardPin })).status).toBe(401);
    expect((await h.control.post("/__sim/cards", { userId, pin: "12" })).data.error.code).toBe(
      "INVALID_INPUT",
    );
    expect((await h.control.post("/__sim/cards", { userId: "nobody", pin: cardPin })).status).toBe(404);
    expect((await h.control.post("/__sim/cards", { userId: noCard, pin: cardPin })).data.error.code).toBe(
      "CONFLICT",
    );
    const card = await issue(userId);
    expect(card.userId).toBe(userId);
    expect(card.pin.triesLeft).toBe(3);
    expect(JSON.stringify(card)).not.toContain(cardPin);
  });
});
