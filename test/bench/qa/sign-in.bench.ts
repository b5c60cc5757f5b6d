import { expect, test } from "../../../qa/index.js";

// Each round is a project of its own with a simulator of its own seed, so Playwright starts a new worker
// and with it a new simulator: the first test of a round times the simulator fixture, the second a warm
// worker's sign-in.
for (const which of ["first", "second"]) {
  test(`${which} signInWithOtp`, async ({ simulator, terminal }) => {
    await terminal.signInWithOtp(await simulator.createUser());
    await expect(terminal.desktop.signOut).toBeVisible();
  });
}
