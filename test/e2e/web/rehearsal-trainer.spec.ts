import type { Page } from "@playwright/test";
import type { Simulator } from "../../../qa/index.js";
import { expectNoSeriousViolations } from "./axe.js";
import { callApi, expect, test } from "./fixtures.js";

// A standalone simulator the app was not given the control token of: a trainer gives it.
test.use({ shellEnv: { CCMS_SIM_TOKEN: undefined } });

const banner = (page: Page) => page.getByRole("complementary", { name: "Simulated environment" });
const trainer = (page: Page) => page.locator("details.trainer-token");

/** What the simulator itself says of its moment, through its control API. */
async function simulatorMoment(simulator: Simulator) {
  const state = (await simulator.api.client.request("GET", "/__sim/rehearsal")) as {
    moment: unknown;
    realTime: boolean;
    status: { phase: string; phasePinned: boolean };
  };
  // The time itself runs on; what a trainer changes is the rest.
  return {
    moment: state.moment,
    realTime: state.realTime,
    phase: state.status.phase,
    pinned: state.status.phasePinned,
  };
}

/** Where the app says it keeps the trainer's token: this computer's keychain where there is one, else its memory. */
async function tokenKept(page: Page, webShell: Parameters<typeof callApi>[1]) {
  const view = (await callApi(page, webShell, "rehearsal.state")).body as { tokenKept?: string };
  expect(["keychain", "memory"]).toContain(view.tokenKept);
  return view.tokenKept;
}

test("a standalone simulator: only the phase without its token; a wrong token is refused and changes nothing; the right one brings the controls", async ({
  app: page,
  simulator,
  webShell,
}) => {
  await expect(banner(page)).toContainText("Simulated 2FA server");
  await expect(trainer(page)).toBeVisible();
  // The banner shows the phase, and nothing to control.
  await expect(banner(page).getByRole("button", { name: "Rehearsal" })).toHaveCount(0);
  const before = await simulatorMoment(simulator);

  await trainer(page).getByText("Trainer: control this simulator").click();
  const token = trainer(page).getByLabel("Simulator control token");
  await expect(token).toHaveAccessibleDescription(
    "Kept in this computer's keychain where it has one (still there when the app starts again), otherwise in this app's memory until it quits. Never shown again.",
  );
  await trainer(page).getByRole("button", { name: "Use this token" }).click();
  await expect(trainer(page).getByText("Enter the control token.")).toBeVisible();

  await token.fill("not-the-token-123");
  await trainer(page).getByRole("button", { name: "Use this token" }).click();
  const refused = trainer(page).getByRole("alert");
  await expect(refused).toHaveText(
    "The simulator refused this control token. Use the token it printed when it started (“Control token: …”). Nothing was changed.",
  );
  await expect(token).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page, "the trainer's token refused", { screen: "login" });
  await expect(banner(page).getByRole("button", { name: "Rehearsal" })).toHaveCount(0);
  expect(await simulatorMoment(simulator)).toEqual(before);
  expect(await simulator.audit({ event: "trainer.moment" })).toEqual([]);

  await token.fill(simulator.controlToken);
  await page.keyboard.press("Enter");
  await expect(trainer(page).getByRole("status")).toHaveText(
    "Trainer controls are on: open Rehearsal in the banner.",
  );
  await expect(trainer(page).getByTestId("trainer-token-kept")).toHaveText(
    (await tokenKept(page, webShell)) === "keychain"
      ? "The token is kept in this computer's keychain: the controls are on again when the app starts again."
      : "The token is kept in this app's memory until it quits: this computer has no keychain the app can use.",
  );
  await banner(page).getByRole("button", { name: "Rehearsal" }).click();
  const panel = page.getByRole("region", { name: "Rehearsal" });
  await panel.getByRole("radio", { name: "Before 2FA (smartcard only)" }).check();
  await panel.getByRole("button", { name: "Move to this moment" }).click();
  await expect(banner(page)).toContainText("Before 2FA launch: smartcard only");
  await expect(banner(page)).toContainText("27 Apr 2023");
  expect(await simulatorMoment(simulator)).toMatchObject({
    moment: { kind: "preset", preset: "before-launch" },
    phase: "smartcard-only",
    pinned: false,
  });
  expect(await simulator.audit({ event: "trainer.moment" })).toEqual([
    expect.objectContaining({ method: "control", detail: expect.stringContaining("before-launch") }),
  ]);

  // Forgotten: back to the phase alone.
  await banner(page).getByRole("button", { name: "Rehearsal" }).click();
  await trainer(page).getByRole("button", { name: "Forget the token" }).click();
  await expect(banner(page).getByRole("button", { name: "Rehearsal" })).toHaveCount(0);
  await expect(banner(page)).toContainText("Before 2FA launch: smartcard only");
});

test("in Chinese, the trainer's token form says the same, where the token is kept included", async ({
  app: page,
  simulator,
  webShell,
}) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await trainer(page).getByText("培訓人員：控制此模擬器").click();
  const token = trainer(page).getByLabel("模擬器控制權杖");
  await expect(token).toHaveAccessibleDescription(
    "如此電腦有密碼匙圈，權杖會保存在其中（應用程式重新啟動後仍在）；否則只保存在本應用程式的記憶體中，直至應用程式結束。權杖不會再次顯示。",
  );
  await token.fill("still-not-the-token");
  await trainer(page).getByRole("button", { name: "使用此權杖" }).click();
  await expect(trainer(page).getByRole("alert")).toContainText("模擬器拒絕此控制權杖");
  await expectNoSeriousViolations(page, "the trainer's token refused, Chinese", { screen: "login" });
  await expect(page.getByRole("complementary", { name: "模擬環境" }).getByRole("button")).toHaveCount(0);

  await token.fill(simulator.controlToken);
  await page.keyboard.press("Enter");
  // Asked only once the app has taken the token, as the English test does: asked sooner, it has none yet.
  await expect(trainer(page).getByRole("status")).toHaveText("培訓人員控制已開啟：請在橫額中開啟「演練」。");
  await expect(trainer(page).getByTestId("trainer-token-kept")).toHaveText(
    (await tokenKept(page, webShell)) === "keychain"
      ? "權杖保存在此電腦的密碼匙圈：應用程式重新啟動後，培訓人員控制仍會開啟。"
      : "權杖只保存在本應用程式的記憶體中，直至應用程式結束：此電腦沒有本應用程式可使用的密碼匙圈。",
  );
  await expectNoSeriousViolations(page, "the trainer's token accepted, Chinese", { screen: "login" });
});
