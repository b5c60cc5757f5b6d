import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";

// One click on Sign in is one sign-in: a second login would mail a second code and make the first
// one, which the person may already be typing, useless.

/** The page's calls of the contract's methods (POST /api/<method>), each with its answer to come. */
function watchCalls(page: Page): Map<string, Array<Promise<unknown>>> {
  const calls = new Map<string, Array<Promise<unknown>>>();
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/api/") || request.method() !== "POST") return;
    const method = pathname.slice("/api/".length);
    const answered = request.response().catch(() => null);
    calls.set(method, [...(calls.get(method) ?? []), answered]);
  });
  return calls;
}

/** Holds the page's first call of `method` for a moment before it goes on, as a busy machine would. */
async function slowDownFirst(page: Page, method: string, ms: number): Promise<void> {
  let first = true;
  await page.route(`**/api/${method}`, async (route) => {
    if (first) {
      first = false;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    await route.continue();
  });
}

test("a double click on Sign in while the app changes server starts one sign-in, and its code signs in", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const user = await simulator.createUser();
  const calls = watchCalls(page);
  await slowDownFirst(page, "app.setServer", 1_000);
  // The same simulator, its address typed again with a slash: the app applies it before signing in.
  await page.getByLabel("Server address (https://…)", { exact: true }).fill(`${simulator.url}/`);
  await terminal.login.userId.fill(user.userId);
  await terminal.login.password.fill(user.password);
  await terminal.login.submit.dblclick();
  await terminal.otp.expectShown();
  // Whatever the second click started has had its answers, and a moment more to go on.
  await Promise.all(calls.get("app.setServer") ?? []);
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  expect(calls.get("app.setServer")?.length).toBe(1);
  expect(calls.get("auth.begin")?.length).toBe(1);
  const passwords = await simulator.audit({ userId: user.userId, event: "authn.password" });
  expect(passwords.map((event) => event.outcome)).toEqual(["success"]);
  // The one email's code is the one that signs in.
  const mailed = (await simulator.mailbox({ userId: user.userId })).map((message) => message.otp);
  expect(mailed).toHaveLength(1);
  await terminal.enterOtp(mailed[0] ?? "");
  await terminal.desktop.expectShown();
});

test("Sign in before the app has said which server it uses signs in to that server", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const user = await simulator.createUser();
  const calls = watchCalls(page);
  // The page has drawn the form, the app's answer about its server has not arrived yet.
  await slowDownFirst(page, "app.info", 3_000);
  await page.reload();
  await terminal.login.expectShown();
  await terminal.login.signIn(user.userId, user.password);
  await terminal.otp.expectShown();
  expect(calls.get("app.setServer")).toBeUndefined();
  expect(calls.get("auth.begin")?.length).toBe(1);
  await terminal.enterOtp(await simulator.waitForOtp({ userId: user.userId }));
  await terminal.desktop.expectShown();
});
