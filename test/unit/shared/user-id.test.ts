import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeUserId } from "../../../shared/user-id.js";

describe("the user-ID normaliser", () => {
  it("ignores case and surrounding space, and nothing else", () => {
    expect(normalizeUserId("  Demo.User\t")).toBe("demo.user");
    expect(normalizeUserId("demo.user")).toBe("demo.user");
    expect(normalizeUserId("demo user")).toBe("demo user");
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom("", " ", "\t", "  "), (id, pad) => {
        const key = normalizeUserId(id);
        expect(normalizeUserId(`${pad}${id.toUpperCase()}${pad}`)).toBe(normalizeUserId(id.toUpperCase()));
        expect(normalizeUserId(key)).toBe(key);
      }),
    );
  });
});
