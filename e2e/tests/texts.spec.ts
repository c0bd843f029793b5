// The questions' text is not in the first stage's wasm (src/texts.rs): the page's own language is read
// from the prerendered page, and another language, or the plain text the search reads, comes from a
// data file per language (texts-<lang>-<hash>.json), fetched the first time it is needed.
import type { Page } from "@playwright/test";
import { test, expect } from "../fixtures";

const TEXTS = /\/texts-(en|zh)-[0-9a-f]+\.json(\?|$)/;

// Requests as the page makes them: the service worker (which precaches the data files, see
// offline.spec.ts) would otherwise answer them where the tests cannot see or fail them.
test.use({ serviceWorkers: "block" });

/** Every data file the page asks for, in order: `en` or `zh`. */
function recordTexts(page: Page) {
  const asked: string[] = [];
  page.on("request", (r) => {
    const m = TEXTS.exec(r.url());
    if (m) asked.push(m[1]);
  });
  return asked;
}

test("the first load reads its language from the page and fetches no text", async ({ app, page }) => {
  const asked = recordTexts(page);
  await app.open("?lang=en");
  await expect(page.locator("html")).toHaveAttribute("data-cards", "live", { timeout: 30_000 });
  // Hydrated cards show the page's text and work: one opens, and its answer is there.
  await app.cardToggle(32).click();
  await expect(app.cardAnswer(32).locator("math").first()).toBeVisible();
  await expect(app.card(32)).toContainText("Attention");
  expect(asked).toEqual([]);
});

for (const [from, to, word] of [
  ["en", "zh", "注意力机制"],
  ["zh", "en", "How does the attention mechanism function"],
] as const) {
  test(`choosing ${to} on the ${from} page fetches that language once, then shows it`, async ({ app, page }) => {
    const asked = recordTexts(page);
    await app.open(`?lang=${from}`);
    await app.chooseLanguage(to);
    await expect(app.card(2)).toContainText(word);
    await expect(page.locator("html")).toHaveAttribute("lang", to === "zh" ? "zh-Hans" : "en");
    await expect(page.getByRole("main")).not.toHaveAttribute("aria-busy", "true");
    // Open answers and notes come in the new language too.
    await app.cardToggle(2).click();
    await expect(app.cardAnswer(2).locator(".answer")).toHaveAttribute("lang", to === "zh" ? "zh-Hans" : "en");
    await app.chooseLanguage("both");
    await expect(app.card(2).locator(".answer")).toHaveCount(2);
    await app.chooseLanguage(from);
    await expect(app.card(2).locator(".answer")).toHaveCount(1);
    expect(asked).toEqual([to]);
  });
}

test("a search fetches the text it reads, and finds either language from either page", async ({ app, page }) => {
  const asked = recordTexts(page);
  await app.open("?lang=en");
  await app.search.fill("束搜索");
  await expect(app.cards.first()).toHaveAttribute("id", "q5");
  await expect(app.resultCount).not.toContainText("50 of 50");
  expect([...asked].sort()).toEqual(["en", "zh"]);
  // A search in the address bar on arrival works the same.
  await app.open("?lang=zh&q=beam");
  await expect(app.cards.first()).toHaveAttribute("id", "q5");
});

test.describe("when a language's text cannot be loaded", () => {
  // The browser itself reports the failed request as a console error; nothing else may be one.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of 503/] });

  test("the page says so, stays in its language, and Retry loads it", async ({ app, page }) => {
    let fail = true;
    await page.route(TEXTS, (route) => (fail ? route.fulfill({ status: 503, body: "" }) : route.fallback()));
    await app.open("?lang=en");
    await app.chooseLanguage("zh");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("could not be loaded");
    // Nothing half-switched: the cards and the chrome are still English, and nothing is busy.
    await expect(app.card(2)).toContainText("How does the attention mechanism function");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("main")).not.toHaveAttribute("aria-busy", "true");

    // Back to the language the page shows: the failure no longer concerns it.
    await app.chooseLanguage("en");
    await expect(page.getByRole("alert")).toHaveCount(0);
    await app.chooseLanguage("zh");
    await expect(alert).toContainText("could not be loaded");

    fail = false;
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(app.card(2)).toContainText("注意力机制");
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
});
