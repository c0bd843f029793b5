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

test("link previews: title, description and our own 1200×630 social image", async ({ page, request }) => {
  await page.goto("");
  const meta = (sel: string) => page.locator(sel).getAttribute("content");
  expect(await meta('meta[name="description"]')).toMatch(/50 large-language-model interview questions/);
  expect(await meta('meta[property="og:title"]')).toContain("LLM Interview Q&A");
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  const image = await meta('meta[property="og:image"]');
  const res = await request.get(image!);
  expect(res.ok()).toBe(true);
  const png = await res.body();
  // PNG signature, then the IHDR chunk's width and height.
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect((await request.get(icon!)).ok()).toBe(true);
});
