import { test, expect } from "../fixtures";

test("the app shell renders with header, main content and a credited footer", async ({ app }) => {
  await app.open("?lang=en");
  await expect(app.banner).toContainText("LLM Interview Q&A");
  await expect(app.heading).toBeVisible();
  await expect(app.footer).toContainText("Hao Hoang");
  await expect(app.footer).toContainText("May 2025");
});

test("the page fits the screen without horizontal scrolling", async ({ app, page }) => {
  for (const lang of ["en", "zh", "both"]) {
    await app.open(`?lang=${lang}`);
    await page.getByRole("button", { name: /Expand all|全部展开/ }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, lang).toBeLessThanOrEqual(0);
  }
});

test("a skip link leads to the main content", async ({ app, page }) => {
  await app.open("?lang=en");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the questions" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(app.main).toBeFocused();
});
