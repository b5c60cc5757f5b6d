import { expectNoSeriousViolations } from "./axe.js";
import { DEMO_PASSWORD, expect, test } from "./fixtures.js";
import { clockAhead } from "./sign-in-steps.js";

/**
 * axe on the screens that came with the session's warning, the readiness board's "send this result"
 * and the recent sign-ins, in each language, driven through the kit's page objects.
 */
for (const locale of ["en-GB", "zh-HK"] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("the desktop with recent sign-ins, the send-this-result form, and the expiry warning dialog", async ({
      app: page,
      terminal,
      simulator,
    }) => {
      const { labels } = terminal;
      const user = { userId: "demo.user", password: DEMO_PASSWORD };
      // A sign-in before this one, and a failed attempt since: the recent sign-ins say both.
      await terminal.signInWithOtp(user);
      await terminal.desktop.signOut.click();
      await terminal.signIn(user.userId, "Wrong#password1");
      await expect(terminal.login.error).toBeVisible();
      await terminal.signInWithOtp(user);
      const recent = page.getByTestId("recent-sign-ins");
      await expect(recent.locator(".alert-warning")).toBeVisible();
      await expect(recent).toContainText(labels.text("session.recent.title"));
      await expectNoSeriousViolations(page, `the desktop with recent sign-ins (${locale})`, {
        screen: "desktop",
      });

      await page.getByRole("button", { name: labels.prefix("desktop.connectivity") }).click();
      const check = terminal.connectivity;
      await check.target("url").check();
      await check.address.fill(`${simulator.url}/sso`);
      await check.moreOptions.click();
      await check.caFile.fill(simulator.caFile);
      await check.run.click();
      const send = page.getByRole("form", { name: labels.text("readiness.send.title") });
      await expect(send).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousViolations(page, `the send-this-result form (${locale})`, {
        screen: "connectivity",
      });
      await send.getByLabel(labels.text("readiness.send.pcName"), { exact: true }).fill("TERM-A11Y");
      await send.getByRole("button", { name: labels.text("readiness.send.submit") }).click();
      await expect(send.getByRole("status")).toHaveText(
        labels.text("readiness.send.sent", { pcName: "TERM-A11Y" }),
      );
      await expectNoSeriousViolations(page, `the send-this-result form, sent (${locale})`, {
        screen: "connectivity",
      });

      await page.getByRole("button", { name: labels.text("admin.back") }).click();
      // Shown, and its own calls (which extend the session) answered before the clock moves.
      await terminal.desktop.expectShown();
      await expect(recent.locator(".alert-warning")).toBeVisible();
      await clockAhead(simulator, 13.5 * 60_000);
      const dialog = page.getByRole("dialog", { name: labels.text("session.warning.title") });
      await expect(dialog).toBeVisible({ timeout: 20_000 });
      await expect(dialog.getByRole("button", { name: labels.text("session.warning.stay") })).toBeFocused();
      await expectNoSeriousViolations(page, `the expiry warning dialog (${locale})`);
    });
  });
}
