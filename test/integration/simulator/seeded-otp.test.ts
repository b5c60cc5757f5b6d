import { afterEach, describe, expect, it } from "vitest";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function otpSequence(h: Harness, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    await h.post("/sso/api/v1/authn", { userId: "demo.user", password: demoPassword });
    codes.push(await h.latestOtp("demo.user"));
  }
  return codes;
}

describe("--seed", () => {
  it("makes the OTP sequence reproducible across instances and after a reset", async () => {
    const a = await startHarness({ seed: 2023 });
    const b = await startHarness({ seed: 2023 });
    harnesses.push(a, b);
    const first = await otpSequence(a, 3);
    expect(await otpSequence(b, 3)).toEqual(first);
    expect((await a.control.post("/__sim/reset")).status).toBe(200);
    expect(await otpSequence(a, 3)).toEqual(first);
  });
});
