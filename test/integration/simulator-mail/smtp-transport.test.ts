import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOtpMessage } from "../../../simulator/mail/otp-message.js";
import { parseSmtpConfig } from "../../../simulator/mail/smtp-config.js";
import { MailDeliveryError, SmtpMailTransport } from "../../../simulator/mail/smtp-transport.js";
import { decodeHeaderValue, findPart, parseMime } from "./mime-reader.js";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server.js";
import { makeTestTls, type TestTls } from "./test-tls.js";

const USER = "mailer";
const PASS = "s3cret-pass";

let tls: TestTls;
let dir: string;
let caFile: string;
let starttls: TestSmtpServer;
let implicit: TestSmtpServer;

beforeAll(async () => {
  tls = await makeTestTls();
  dir = mkdtempSync(join(tmpdir(), "ccms-smtp-"));
  caFile = join(dir, "ca.pem");
  writeFileSync(caFile, tls.caPem);
  starttls = await startTestSmtpServer({ tls, user: USER, pass: PASS });
  implicit = await startTestSmtpServer({ tls, user: USER, pass: PASS, implicitTls: true });
});

afterAll(async () => {
  await starttls.close();
  await implicit.close();
  rmSync(dir, { recursive: true, force: true });
});

function otpMail(to: string) {
  return buildOtpMessage({
    to,
    userId: "HKCC01",
    displayName: "Chan Tai Man",
    otp: "042917",
    expiresAt: new Date("2023-05-29T01:05:00Z"),
    validMinutes: 5,
  });
}

describe("SMTP transport against a real SMTP server", () => {
  it("delivers the bilingual OTP mail over STARTTLS with auth, trusting the server by CA file", async () => {
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtp://${USER}:${PASS}@127.0.0.1:${starttls.port}`, caFile),
    );
    await transport.send(otpMail("chan@cp.example"));
    await transport.close();

    const mail = starttls.received.at(-1);
    expect(mail?.envelopeTo).toEqual(["chan@cp.example"]);
    expect(mail?.secure).toBe(true);
    expect(mail?.authUser).toBe(USER);

    const parsed = parseMime(mail?.raw ?? "");
    const subject = decodeHeaderValue(parsed.headers.get("subject") ?? "");
    expect(subject).toContain("one-time password");
    expect(subject).toContain("一次性密碼");
    const text = findPart(parsed, "text/plain") ?? "";
    const html = findPart(parsed, "text/html") ?? "";
    expect(text).toContain("Your one-time password (OTP)");
    expect(text).toContain("一次性密碼（OTP）為");
    expect(text).toContain("042917");
    expect(text).toContain("valid for 5 minutes (until 2023-05-29 09:05 HKT)");
    expect(html).toContain('lang="en"');
    expect(html).toContain('lang="zh-HK"');
    expect(html).toContain("042917");
    expect(html).toContain("並通知您的授權管理員");
    expect(html).not.toContain("<script");
  });

  it("delivers over implicit TLS (smtps://)", async () => {
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtps://${USER}:${PASS}@127.0.0.1:${implicit.port}`, caFile),
    );
    await transport.send(otpMail("lee@cp.example"));
    await transport.close();
    expect(implicit.received.at(-1)?.envelopeTo).toEqual(["lee@cp.example"]);
    expect(implicit.received.at(-1)?.secure).toBe(true);
  });

  it("refuses a server whose certificate is not signed by a trusted CA (no CA file given)", async () => {
    const before = starttls.received.length;
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtp://${USER}:${PASS}@127.0.0.1:${starttls.port}`),
    );
    await expect(transport.send(otpMail("x@cp.example"))).rejects.toBeInstanceOf(MailDeliveryError);
    await transport.close();
    expect(starttls.received.length).toBe(before);
  });

  it("reports refused credentials without echoing the password", async () => {
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtp://${USER}:wrong-pass@127.0.0.1:${starttls.port}`, caFile),
    );
    const error = await transport.send(otpMail("x@cp.example")).catch((e: unknown) => e);
    await transport.close();
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as Error).message).toContain(`smtp://127.0.0.1:${starttls.port}`);
    expect((error as Error).message).not.toContain("wrong-pass");
  });

  it("reports a refused recipient", async () => {
    const refusing = await startTestSmtpServer({ tls, user: USER, pass: PASS, refuseRecipients: true });
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtp://${USER}:${PASS}@127.0.0.1:${refusing.port}`, caFile),
    );
    await expect(transport.send(otpMail("x@cp.example"))).rejects.toBeInstanceOf(MailDeliveryError);
    await transport.close();
    await refusing.close();
    expect(refusing.received).toHaveLength(0);
  });

  it("reports a server that is down", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const transport = new SmtpMailTransport(
      parseSmtpConfig(`smtp://${USER}:${PASS}@127.0.0.1:${port}`, caFile),
    );
    await expect(transport.send(otpMail("x@cp.example"))).rejects.toThrow(/ECONNREFUSED/);
    await transport.close();
  });
});

describe("--smtp URL and CA file", () => {
  it("reads STARTTLS, implicit TLS, default ports and sender", () => {
    const plain = parseSmtpConfig("smtp://a%40b:p%3Ass@mail.example");
    expect(plain).toMatchObject({
      host: "mail.example",
      port: 587,
      implicitTls: false,
      requireStartTls: true,
    });
    expect(plain.auth).toEqual({ user: "a@b", pass: "p:ss" });
    expect(plain.display).toBe("smtp://mail.example");
    const tlsConfig = parseSmtpConfig("smtps://mail.example?from=ops%40cp.example");
    expect(tlsConfig).toMatchObject({
      port: 465,
      implicitTls: true,
      requireStartTls: false,
      from: "ops@cp.example",
    });
  });

  it("rejects other schemes, missing hosts and unreadable or non-PEM CA files with a clear code", () => {
    expect(() => parseSmtpConfig("http://mail.example")).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => parseSmtpConfig("not a url")).toThrow(/must be a URL/);
    expect(() => parseSmtpConfig("smtp://mail.example", join(dir, "missing.pem"))).toThrow(
      /Cannot read the SMTP CA file/,
    );
    const junk = join(dir, "junk.pem");
    writeFileSync(junk, "hello");
    expect(() => parseSmtpConfig("smtp://mail.example", junk)).toThrow(/no PEM certificate/);
  });
});
