import { test, expect } from "../fixtures";

test("the app shell renders with header, main content and a credited footer", async ({ app }) => {
  await app.open();
  await expect(app.banner).toContainText("LLM Interview Q&A");
  await expect(app.heading).toBeVisible();
  await expect(app.footer).toContainText("Hao Hoang");
});

test("the page fits a phone screen without horizontal scrolling", async ({ app, page }) => {
  await app.open();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
