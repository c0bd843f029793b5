import { holdWasm } from "../pages/app";
import { test, expect } from "../fixtures";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every question and answer is in the page and readable", async ({ page }) => {
    await page.goto("");
    const cards = page.locator("#app article.card");
    await expect(cards).toHaveCount(50);
    await expect(page.locator("#app #q5")).toContainText("How does beam search improve text generation");
    // Answers sit in native disclosures: they open without any script.
    await page.locator("#app #q5 summary.card__summary").click();
    await expect(page.locator("#app #q5 .answer")).toContainText("Beam search explores multiple word sequences");
    await page.locator("#app #q23 summary.card__summary").click();
    await expect(page.locator("#app #q23 math").first()).toBeVisible();
  });
});

test("the app hydrates the prerendered page instead of rebuilding it", async ({ app, page }) => {
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive") {
        (window as any).__prerenderedCard = document.getElementById("q1");
      }
    });
  });
  await app.open("?lang=en");
  // The cards hydrate after the page, one per task (islands): wait until every one has.
  await expect(page.locator("html")).toHaveAttribute("data-cards", "live");
  const same = await page.evaluate(() => {
    const before = (window as any).__prerenderedCard;
    return !!before && before === document.getElementById("q1") && before.isConnected;
  });
  expect(same, "card 1 is the prerendered node, kept by hydration").toBe(true);
  await app.card(50).getByRole("button", { name: "Known" }).click();
  await expect(app.card(50).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "true");
  // Hydrated nodes are live: the disclosure and the marks work.
  await app.cardToggle(1).click();
  await expect(app.cardAnswer(1)).toBeVisible();
  await expect(page.locator("#app-zh")).toHaveCount(0);
});

test.describe("a visitor whose browser prefers Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("sees Chinese before the app has loaded, and no English flash", async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto("");
    // The wasm is held back: what shows now is the prerendered page.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/50 道大语言模型面试题/);
    await expect(page.locator("#app")).toBeHidden();
    await expect(page.locator("#app-zh #q2")).toContainText("注意力机制");
    release();
    await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(page.locator("#q2")).toContainText("注意力机制");
  });
});
