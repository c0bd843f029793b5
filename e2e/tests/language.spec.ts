import { test, expect } from "../fixtures";

test("switching to Chinese changes the cards, the chrome and the lang attributes", async ({ app, page }) => {
  await app.open("?lang=en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(app.card(2)).toContainText("How does the attention mechanism function");

  await app.chooseLanguage("zh");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(app.card(2)).toContainText("注意力机制在 Transformer 模型中是如何工作的");
  await expect(app.card(2)).not.toContainText("How does the attention mechanism");
  await expect(app.card(2).locator(".card__q")).toHaveAttribute("lang", "zh-Hans");
  await expect(app.search).toHaveAccessibleName("搜索问题");
  await expect(app.langGroup()).toHaveAccessibleName("语言");
  await expect(app.langGroup().getByRole("radio", { name: "中文" })).toBeChecked();
});

test("both languages show each card in English and Chinese", async ({ app, page }) => {
  await app.open("?lang=both");
  const titles = app.card(6).locator(".card__q");
  await expect(titles).toHaveCount(2);
  await expect(titles.nth(0)).toHaveAttribute("lang", "en");
  await expect(titles.nth(1)).toHaveAttribute("lang", "zh-Hans");
  await app.cardToggle(6).click();
  await expect(app.card(6).locator(".answer")).toHaveCount(2);
});

test("the language choice survives a reload", async ({ app, page }) => {
  await app.open();
  await app.chooseLanguage("zh");
  await expect(app.card(1)).toContainText("分词");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await expect(app.card(1)).toContainText("分词");
  await expect(app.langGroup().getByRole("radio", { name: "中文" })).toBeChecked();
});

test("?lang= in the URL overrides the remembered choice", async ({ app, page }) => {
  await app.open();
  await app.chooseLanguage("zh");
  await app.open("?lang=en");
  await expect(app.card(1)).toContainText("What does tokenization entail");
});

test.describe("a browser that prefers Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("gets Chinese by default", async ({ app, page }) => {
    await app.open();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(app.card(1)).toContainText("分词");
  });
});
