import { describe, expect, it } from "vitest";
import { businessDaysAfter } from "../../../simulator/features/da-email/business-days.js";

const hkt = (local: string) => Date.parse(`${local}+08:00`);
const asHkt = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

describe("business days after a submission (Monday to Friday, Hong Kong calendar)", () => {
  it.each([
    // Monday 22 May 2023, late afternoon: ten business days later is Monday 5 June, at 09:00.
    ["2023-05-22T16:30", 10, "2023-06-05T09:00"],
    // A Friday: the next business day is Monday.
    ["2023-04-28T10:00", 1, "2023-05-01T09:00"],
    // A Saturday and a Sunday count from the following Monday.
    ["2023-04-29T10:00", 1, "2023-05-01T09:00"],
    ["2023-04-30T23:59", 5, "2023-05-05T09:00"],
    // Late at night in Hong Kong is still that Hong Kong day (UTC is the day before).
    ["2023-03-20T00:30", 10, "2023-04-03T09:00"],
  ])("from %s HKT, %i business day(s): %s HKT", (from, days, due) => {
    expect(asHkt(businessDaysAfter(hkt(from), days))).toBe(due);
  });

  it("takes no delay at all for 0 days", () => {
    expect(businessDaysAfter(hkt("2023-04-29T10:00"), 0)).toBe(hkt("2023-04-29T10:00"));
  });
});
