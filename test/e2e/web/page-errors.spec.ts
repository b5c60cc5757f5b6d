import { test } from "./fixtures.js";

test.fail("an uncaught error in the page fails the test that saw it", async ({ app: page }) => {
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error("thrown on purpose");
    }, 0);
  });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  // Nothing here fails: only the page error, seen by the fixture, can make this test fail.
});
