import type { Page } from "@playwright/test";
import { type Simulator } from "../../../qa/index.js";
import { expectNoSeriousViolations } from "./axe.js";
import { Sweep } from "./english-sweep.js";
import { DEMO_PASSWORD, expect, test } from "./fixtures.js";

// After the 28 April deadline; the phase pinned so that the DA signs in with an OTP.
test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await simulator.setClock("2023-05-02T10:00:00+08:00");
  await simulator.setPhase("2fa-only");
});

const row = (page: Page, userId: string) => page.locator(`tr[data-user-id="${userId}"]`);

async function secondDa(simulator: Simulator, userId: string) {
  await simulator.createUser({
    userId,
    role: "da",
    email: undefined,
    displayName: "Second DA",
    hasSmartcard: true,
  });
}

const processAll = (simulator: Simulator) => simulator.api.processDaEmailApplications();

test("a DA applies to HKEX for another DA's email: processing, late, on the board and the checklist, then in effect", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await secondDa(simulator, "e2e.da2");
  await terminal.signInWithOtp({ userId: "demo.da", password: DEMO_PASSWORD });
  await page.getByRole("button", { name: "Email registration for 2FA" }).click();

  // By keyboard: the row's button, the form, Enter.
  const apply = page.getByRole("button", { name: "Apply to HKEX for the email of e2e.da2" });
  await apply.focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: "Apply to HKEX for the email of Second DA (e2e.da2)" }),
  ).toBeVisible();
  const email = page.getByLabel("Email address", { exact: true });
  await expect(email).toBeFocused();
  await expect(
    page.getByText(/A DA's address is an application: your participant submits it to HKEX/),
  ).toBeVisible();
  await expectNoSeriousViolations(page, "the DA's email application form");
  await page.keyboard.type("second.da@cp001.example.com");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(
    "Application for e2e.da2 submitted to HKEX: s*******a@cp001.example.com. It takes effect when HKEX " +
      "processes it, expected on 16 May 2023; the old and new addresses are told then. It was submitted " +
      "after the registration deadline; HKEX processes it all the same.",
  );
  const status = row(page, "e2e.da2").getByTestId("email-status");
  await expect(status).toContainText("Not registered");
  await expect(status).toContainText("Being processed by HKEX");
  await expect(status).toContainText("Late: submitted after the registration deadline");
  await expect(status).toContainText("expected to take effect on 16 May 2023");
  await expect(apply).toBeFocused();
  await expectNoSeriousViolations(page, "the list with an application being processed");

  // The board: a reason the participant is not ready; the checklist: waiting for HKEX.
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await expect(page.locator('[data-item="da-email-application"]')).toHaveAttribute("data-state", "pending");
  await expect(page.locator('[data-item="da-email-application"]')).toContainText("Being processed by HKEX");
  await page.getByRole("button", { name: "Migration readiness" }).click();
  await expect(page.getByText("1 DA's email is being processed by HKEX.")).toBeVisible();
  await expect(row(page, "e2e.da2")).toContainText("Wait for HKEX to process the DA's email");
  await expect(row(page, "e2e.da2")).toContainText("Late");
  await expectNoSeriousViolations(page, "the readiness board with a DA's application");

  // HKEX processes it (the control API): in effect, both told, the checklist item done.
  await processAll(simulator);
  await page.getByRole("button", { name: "Refresh the board" }).click();
  await expect(page.getByText("1 DA's email is being processed by HKEX.")).toHaveCount(0);
  const mail = await simulator.mailbox({ email: "second.da@cp001.example.com" });
  expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining("registered by HKEX")]);
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await page.getByRole("button", { name: "Refresh the checklist" }).click();
  await expect(page.locator('[data-item="da-email-application"]')).toHaveAttribute("data-state", "done");
});

test("in Traditional Chinese, the application reads the same: the admin screen, the checklist and the board, with no English", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const sweep = new Sweep(page);
  await secondDa(simulator, "e2e.da3");
  await terminal.signInWithOtp({ userId: "demo.da", password: DEMO_PASSWORD });
  await page.getByRole("button", { name: "繁體中文" }).click();
  await page.getByRole("button", { name: "雙重認證電郵登記" }).click();

  // By keyboard, as in English: the row's button, the form, Enter.
  const apply = page.getByRole("button", { name: "為 e2e.da3 向香港交易所申請登記電郵" });
  await apply.focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: "為 Second DA（e2e.da3）向香港交易所申請登記電郵" }),
  ).toBeVisible();
  await expect(page.getByLabel("電郵地址", { exact: true })).toBeFocused();
  await sweep.check("the DA's email application form");
  await page.keyboard.type("third.da@cp001.example.com");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("已為 e2e.da3 向香港交易所提交申請");
  await expect(page.getByRole("status")).toContainText("此申請於登記截止日期後提交；香港交易所仍會處理。");
  const status = row(page, "e2e.da3").getByTestId("email-status");
  await expect(status).toContainText("香港交易所處理中");
  await expect(status).toContainText("逾期：於登記截止日期後提交");
  await expect(apply).toBeFocused();
  await sweep.check("the admin screen with an application being processed");
  await expectNoSeriousViolations(page, "the DA's application in Chinese");

  // The checklist: the DA's item waits for HKEX.
  await page.getByRole("button", { name: "返回桌面" }).click();
  const item = page.locator('[data-item="da-email-application"]');
  await expect(item).toHaveAttribute("data-state", "pending");
  await expect(item).toContainText("香港交易所處理中");
  await sweep.check("the desktop's practice checklist with the DA's item waiting for HKEX");
  await expectNoSeriousViolations(page, "the practice checklist with a DA's application, in Chinese");

  // The board: the reason the participant is not ready, and the late application on the DA's row.
  await page.getByRole("button", { name: "遷移準備狀況" }).click();
  await expect(page.getByText("1 位授權管理員的電郵正由香港交易所處理。")).toBeVisible();
  await expect(row(page, "e2e.da3")).toContainText("等候香港交易所處理授權管理員電郵");
  await expect(row(page, "e2e.da3")).toContainText("香港交易所處理中");
  await expect(row(page, "e2e.da3")).toContainText("逾期：於登記截止日期後提交");
  await sweep.check("the readiness board with a DA's application");
  await expectNoSeriousViolations(page, "the readiness board with a DA's application, in Chinese");
  sweep.expectNone();
});
