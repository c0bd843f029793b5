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
  // The English page carries no Chinese first screen: one page per language.
  await expect(page.locator("[data-prerender]")).toHaveAttribute("data-prerender", "en");
});

test.describe("a visitor whose browser prefers Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("is sent to the Chinese page before anything is painted, and sees no English", async ({ page }) => {
    const documents: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "document") documents.push(new URL(r.url()).pathname);
    });
    const release = await holdWasm(page);
    await page.goto("?q=attention#q2", { waitUntil: "commit" });
    // The wasm is held back: what shows now is the prerendered Chinese page, reached by address.
    await expect(page).toHaveURL(/\/zh\.html\?q=attention#q2$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/50 道大语言模型面试题/);
    await expect(page.locator("#app")).toHaveAttribute("data-prerender", "zh");
    await expect(page.locator("#q2")).toContainText("注意力机制");
    expect(documents).toEqual(["/", "/zh.html"]);
    // The page it was sent from decided before its <body>: the deciding script comes first in <head>,
    // right after the policy that allows it.
    const first = (await (await page.request.get("")).text()).match(/<head>\s*<meta charset="utf-8" \/>\s*<meta http-equiv="Content-Security-Policy"[^>]*>\s*<script>/);
    expect(first, "index.html begins its <head> with the language script").not.toBeNull();
    // And the Chinese page holds no English answer to flash.
    const zh = await page.evaluate(() => document.documentElement.outerHTML);
    expect(zh).not.toContain("Beam search explores multiple word sequences");
    release();
    await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(page.locator("#q2")).toContainText("注意力机制");
  });
});

test.describe("one prerendered page per language", () => {
  test("the English page holds no Chinese answers; each page names the other as its alternate", async ({ page }) => {
    const html = await (await page.request.get("")).text();
    expect(html).toContain("Beam search explores multiple word sequences");
    expect(html).not.toContain("束搜索");
    expect(html).toContain('<link rel="alternate" hreflang="zh-Hans" href="zh.html" />');
    const zh = await (await page.request.get("zh.html")).text();
    expect(zh).toContain("束搜索");
    expect(zh).not.toContain("Beam search explores multiple word sequences");
    expect(zh).toContain('<link rel="alternate" hreflang="en" href="./" />');
    // Its title and description, as a search result or a tab shows them, are Chinese.
    expect(zh).toMatch(/<title>大语言模型面试题[^<]*<\/title>/);
    expect(zh).toMatch(/name="description"\s+content="50 道大语言模型/);
  });

  test("an old link with ?lang=zh opens the card on the Chinese page", async ({ app, page }) => {
    await app.open("?lang=zh#q23");
    await expect(page).toHaveURL(/\/zh\.html\?lang=zh#q23$/);
    await expect(app.cardAnswer(23)).toBeVisible();
    await expect(app.card(23)).toContainText("如何在注意力机制中应用 softmax");
  });

  test("the Chinese page's address shows Chinese to a visitor who has not chosen, English to one who has", async ({ app, page }) => {
    await app.open("zh.html#q5");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(app.card(5)).toContainText("束搜索");
    // Choosing English makes the address the English page's: a reload opens it with no detour.
    await app.chooseLanguage("en");
    await expect(page).toHaveURL(/\/#q5$/);
    const documents: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "document") documents.push(new URL(r.url()).pathname);
    });
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
    expect(documents).toEqual(["/"]);
    await expect(app.card(5)).toContainText("How does beam search improve text generation");
    // Remembered English now wins over the Chinese page's address.
    await app.open("zh.html#q5");
    await expect(page).toHaveURL(/\/#q5$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
