import {
  DEMO_PASSWORD,
  DEMO_USER,
  callApi,
  expect,
  readOtpFromMailbox,
  signInWithPassword,
  test,
} from "./fixtures.js";

test("signs in with password and the emailed OTP, lands on the desktop, and signs out", async ({
  app: page,
  webShell,
}) => {
  await expect(page.getByRole("complementary", { name: "Simulated environment" })).toBeVisible();
  await expect(page.getByLabel("User ID", { exact: true })).toBeFocused();

  await signInWithPassword(page);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await expect(page.getByText(/was sent to \S*\*\S*@/)).toBeVisible();
  await expect(page.getByLabel("One-time password", { exact: true })).toBeFocused();
  await expect(page.getByRole("timer").first()).toHaveText(/The code expires in \d:\d\d\./);

  await page.getByRole("button", { name: "Open the simulated mailbox" }).click();
  const email = page.locator(".message").first();
  await expect(email).toBeVisible();
  await expect(email.locator("dd").nth(0)).toHaveText("HKEX Two-Factor Authentication (simulated)");
  await expect(email.locator("dd").nth(1)).toContainText("@");
  await expect(email.locator(".message-subject")).not.toBeEmpty();
  await expect(email.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await page.getByRole("button", { name: "Back to the one-time password" }).click();

  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.getByRole("button", { name: "Verify" }).click();

  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  await expect(page.getByTestId("session-user")).toContainText(DEMO_USER);
  await expect(page.getByTestId("session-participant")).not.toBeEmpty();
  await expect(page.getByTestId("session-clearing-house")).toHaveText(/^(HKSCC|HKCC|SEOCH)$/);
  await expect(page.getByRole("timer")).toHaveText(/^\d+:\d\d(:\d\d)?$/);
  // The desktop shows what works, nothing "not available".
  await expect(page.locator(".tile")).toHaveText([/^Connectivity check/]);
  await expect(page.getByText("not available")).toHaveCount(0);
  const signedIn = await callApi(page, webShell, "auth.session");
  expect(signedIn).toMatchObject({ status: 200, body: { session: { userId: DEMO_USER } } });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  const signedOut = await callApi(page, webShell, "auth.session");
  expect(signedOut).toMatchObject({ status: 200, body: { session: null, locked: false } });
});

test("a wrong password gets a specific message and focus returns to the password", async ({ app: page }) => {
  await signInWithPassword(page, DEMO_USER, `${DEMO_PASSWORD}-wrong`);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    /The user ID or password is not correct/,
  );
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

test("an unknown user gets the same message as a wrong password", async ({ app: page }) => {
  await signInWithPassword(page, "nobody.here", DEMO_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    /The user ID or password is not correct/,
  );
});

test("empty fields are named before anything is sent", async ({ app: page }) => {
  // What a submit sends: the server choice, then the sign-in.
  const submitted: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === "/api/auth.begin" || pathname === "/api/app.setServer") submitted.push(pathname);
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your user ID.")).toBeVisible();
  await expect(page.getByLabel("User ID", { exact: true })).toBeFocused();
  await page.getByLabel("User ID", { exact: true }).fill(DEMO_USER);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  expect(submitted).toEqual([]);
  // The same watch sees a sign-in once the form is complete.
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  expect(submitted).toContain("/api/auth.begin");
});

test("a wrong OTP gets a specific message; the right one still signs in", async ({ app: page }) => {
  await signInWithPassword(page);
  const otp = await readOtpFromMailbox(page);
  const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel("One-time password", { exact: true }).fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    /That one-time password is not correct/,
  );
  await expect(page.getByLabel("One-time password", { exact: true })).toBeFocused();
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
});

test("Back leaves the login in progress and returns to the login screen", async ({ app: page, webShell }) => {
  await signInWithPassword(page);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  const verify = await callApi(page, webShell, "auth.verifyOtp", { otp: "123456" });
  expect(verify).toMatchObject({ status: 422, body: { error: { code: "NO_LOGIN_IN_PROGRESS" } } });
});
