import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { mailboxResponseSchema } from "../../../shared/wire/control.js";
import { parseSmtpConfig } from "../../../simulator/mail/smtp-config.js";
import { SmtpMailTransport } from "../../../simulator/mail/smtp-transport.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";
import { decodeHeaderValue, findPart, parseMime } from "./mime-reader.js";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server.js";
import { makeTestTls, type TestTls } from "./test-tls.js";
import { answerAt } from "../../support/authn-answers.js";

const authn = "/sso/api/v1/authn";
const USER = "sim-mailer";
const PASS = "mail-pass-123";

let tls: TestTls;
let dir: string;
let caFile: string;
let smtp: TestSmtpServer;
let refusing: TestSmtpServer;
let h: Harness;

beforeAll(async () => {
  tls = await makeTestTls();
  dir = mkdtempSync(join(tmpdir(), "ccms-smtp-login-"));
  caFile = join(dir, "mail-ca.pem");
  writeFileSync(caFile, tls.caPem);
  smtp = await startTestSmtpServer({ tls, user: USER, pass: PASS });
  refusing = await startTestSmtpServer({ tls, user: USER, pass: PASS, refuseRecipients: true });
  h = await startHarness({ mailTransport: transportTo(smtp) });
});

afterAll(async () => {
  await h.close();
  await smtp.close();
  await refusing.close();
  rmSync(dir, { recursive: true, force: true });
});

function transportTo(server: TestSmtpServer): SmtpMailTransport {
  return new SmtpMailTransport(parseSmtpConfig(`smtp://${USER}:${PASS}@127.0.0.1:${server.port}`, caFile));
}

async function mailbox(userId: string) {
  const res = await h.control.get("/__sim/mailbox", { params: { userId } });
  return mailboxResponseSchema.parse(res.data).messages;
}

describe("the simulator sending OTPs through a real SMTP server", () => {
  it("delivers the OTP email over STARTTLS with subject, text and HTML in English and Chinese, and the code works", async () => {
    const res = await h.post(authn, { userId: "demo.user", password: demoPassword });
    const step = answerAt(res.data, "OTP_REQUIRED");

    const received = smtp.received.filter((m) => m.envelopeTo.includes("demo.user@cp001.example.com")).at(-1);
    expect(received?.secure).toBe(true);
    expect(received?.authUser).toBe(USER);
    const mime = parseMime(received?.raw ?? "");
    const subject = decodeHeaderValue(mime.headers.get("subject") ?? "");
    const text = findPart(mime, "text/plain") ?? "";
    const html = findPart(mime, "text/html") ?? "";
    expect(subject).toMatch(/one-time password/);
    expect(subject).toMatch(/一次性密碼/);
    expect(text).toMatch(/Your one-time password \(OTP\)/);
    expect(text).toMatch(/一次性密碼（OTP）為/);
    expect(html).toMatch(/lang="en"/);
    expect(html).toMatch(/lang="zh-HK"/);
    expect(html).toMatch(/只可使用一次/);

    const otp = /\b(\d{6})\b/.exec(text)?.[1] ?? "";
    expect(html).toContain(otp);
    expect((await mailbox("demo.user")).at(-1)).toMatchObject({ otp, status: "delivered" });
    const verified = await h.post(`${authn}/otp/verify`, { stateToken: step.stateToken, otp });
    expect(authnResponseSchema.parse(verified.data).state).toBe("SUCCESS");
  });

  it("answers OTP_DELIVERY_FAILED when the server refuses, records the failure, and a retry works once mail flows", async () => {
    const good = h.sim.context.mailer.transport;
    h.sim.context.mailer.transport = transportTo(refusing);
    try {
      const res = await h.post(authn, { userId: "demo.hkcc", password: demoPassword });
      expect(res.status).toBe(503);
      const error = errorBodySchema.parse(res.data).error;
      expect(error.code).toBe("OTP_DELIVERY_FAILED");
      expect(error.message).toMatch(/Try again/);
      const failed = (await mailbox("demo.hkcc")).at(-1);
      expect(failed?.status).toBe("failed");
      expect(refusing.received).toHaveLength(0);
    } finally {
      await h.sim.context.mailer.transport.close?.();
      h.sim.context.mailer.transport = good;
    }
    const retry = await h.post(authn, { userId: "demo.hkcc", password: demoPassword });
    expect(authnResponseSchema.parse(retry.data).state).toBe("OTP_REQUIRED");
    expect((await mailbox("demo.hkcc")).at(-1)?.status).toBe("delivered");
  });

  it("two resends at once over a slow mail server: one code goes out, the other is told to wait", async () => {
    const begun = await h.post(authn, { userId: "demo.da", password: demoPassword });
    const { stateToken } = answerAt(begun.data, "OTP_REQUIRED");
    h.clock.advance(31_000);
    let release = () => {};
    const slowAnswers = new Promise<void>((resolve) => (release = resolve));
    const slow = await startTestSmtpServer({ tls, user: USER, pass: PASS, holdAnswers: slowAnswers });
    const good = h.sim.context.mailer.transport;
    h.sim.context.mailer.transport = transportTo(slow);
    try {
      const first = h.post(`${authn}/otp/resend`, { stateToken });
      await expect.poll(() => slow.dataStarted).toBe(1);
      let secondSettled = false;
      const second = h.post(`${authn}/otp/resend`, { stateToken }).finally(() => (secondSettled = true));
      // Either the second is answered while the first's mail is still held, or it reaches the mail server too.
      await expect.poll(() => secondSettled || slow.dataStarted > 1).toBe(true);
      release();
      const [one, two] = await Promise.all([first, second]);
      expect(one.status).toBe(200);
      expect(two.status).toBe(429);
      expect(errorBodySchema.parse(two.data).error.code).toBe("RESEND_COOLDOWN");
      expect(Number(two.headers["retry-after"])).toBeGreaterThan(0);
      expect(slow.received).toHaveLength(1);
      expect(answerAt(one.data, "OTP_REQUIRED").resendsRemaining).toBe(4);
    } finally {
      release();
      await h.sim.context.mailer.transport.close?.();
      h.sim.context.mailer.transport = good;
      await slow.close();
    }
  });

  it("answers OTP_DELIVERY_FAILED when the SMTP server is down", async () => {
    const down = await startTestSmtpServer({ tls, user: USER, pass: PASS });
    const transport = transportTo(down);
    await down.close();
    const good = h.sim.context.mailer.transport;
    h.sim.context.mailer.transport = transport;
    try {
      const res = await h.post(authn, { userId: "demo.newuser", password: demoPassword });
      expect(res.status).toBe(503);
      expect(errorBodySchema.parse(res.data).error.code).toBe("OTP_DELIVERY_FAILED");
      expect((await mailbox("demo.newuser")).at(-1)?.status).toBe("failed");
    } finally {
      await transport.close();
      h.sim.context.mailer.transport = good;
    }
  });
});
