import { describe, expect, it } from "vitest";
import { codeInEmail } from "../../../qa/index.js";
import { buildOtpMessage } from "../../../simulator/mail/otp-message.js";

const email = (userId: string, otp: string) =>
  buildOtpMessage({
    to: `${userId}@cp001.example.com`,
    userId,
    displayName: "QA user 1",
    otp,
    expiresAt: new Date("2023-05-29T01:30:00Z"),
    validMinutes: 5,
  }).text;

describe("the one-time password in an OTP email", () => {
  it("is the code, not the six figures a user ID ends with", () => {
    expect(codeInEmail(email("qa.u1.448128", "483853"))).toBe("483853");
    expect(codeInEmail(email("123456", "037637"))).toBe("037637");
  });

  it("is read from the page's text too, where the address and the headers come first", () => {
    const shown = `To\nqa.u1.448128@cp001.example.com\nReceived\n29 May 2023\n${email("qa.u1.448128", "000042")}`;
    expect(codeInEmail(shown)).toBe("000042");
  });

  it("is null in an email without one", () => {
    expect(codeInEmail("Your email address for 2FA changed.\nqa.u1.448128\n")).toBeNull();
    expect(codeInEmail("Account 1234567 updated")).toBeNull();
  });
});
