import { DEMO_PASSWORD, DEMO_USER, callApi, expect, test } from "./fixtures.js";

test("signing out revokes the session on the server, not only in the shell", async ({
  app: page,
  terminal,
  simulator,
  webShell,
}) => {
  /** The server's own record of the user's session revocations, from the control API's audit log. */
  const revocations = async () =>
    (await simulator.audit({ userId: DEMO_USER }))
      .filter((event) => event.event === "session.revoke")
      .map((event) => event.outcome);

  await terminal.signInWithOtp({ userId: DEMO_USER, password: DEMO_PASSWORD });
  expect(await revocations()).toEqual([]);

  await terminal.desktop.signOut.click();
  await terminal.login.expectShown();
  await expect.poll(revocations).toEqual(["signed-out"]);
  expect(await callApi(page, webShell, "auth.session")).toMatchObject({
    status: 200,
    body: { session: null, locked: false },
  });
});
