// The app loads in two stages (docs/perf.md, "Two stages"): the first load is what a reader needs
// (cards, search, language, marks); the labs and explorers are a second wasm, fetched when a part is
// about to be shown. These tests hold that line: no second-stage code in the first load, parts that
// load when opened or scrolled to, a placeholder meanwhile, and a Retry when loading fails.
import type { Page } from "@playwright/test";
import { test, expect } from "../fixtures";

const SECOND_STAGE = /\/parts-[0-9a-f]+(_bg\.wasm|\.js|\.css)(\?|$)/;

/**
 * Records, in the page, when `<html data-cards="live">` is set: the first stage has then hydrated
 * every card and the page has settled. Must run before the page loads.
 */
async function recordSettled(page: Page) {
  await page.addInitScript(() => {
    // The document exists, its <html> element not yet: watch the whole document.
    new MutationObserver((_, observer) => {
      if (document.documentElement?.dataset.cards === "live") {
        (window as unknown as { settledAt: number }).settledAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-cards"] });
  });
}

test("the first load fetches no lab or explorer code", async ({ app, page }) => {
  await recordSettled(page);
  await app.open("?lang=en");
  await expect(page.locator("html")).toHaveAttribute("data-cards", "live", { timeout: 30_000 });
  const { before, settledAt } = await page.evaluate(() => {
    const settledAt = (window as unknown as { settledAt: number }).settledAt;
    const before = performance
      .getEntriesByType("resource")
      .filter((e) => e.startTime <= settledAt)
      .map((e) => e.name);
    return { before, settledAt };
  });
  expect(settledAt).toBeGreaterThan(0);
  const wasm = before.filter((url) => url.endsWith(".wasm"));
  expect(wasm, "the first load's wasm").toHaveLength(1);
  expect(wasm[0]).toMatch(/\/app-[0-9a-f]+_bg\.wasm$/);
  expect(before.filter((url) => SECOND_STAGE.test(url)), "second-stage files").toEqual([]);
  // The element that loads the second stage is in the first load; what it loads is not.
  expect(before.some((url) => url.endsWith("/part.js"))).toBe(true);
  // Nor is the code of <llm-interview-cards>, which other sites load: the second stage mounts it.
  const glue = before.filter((url) => /\/app-[0-9a-f]+\.js$/.test(url));
  expect(glue, "the first stage's JavaScript").toHaveLength(1);
  const exports = await (await page.request.get(glue[0])).text();
  expect(exports).toContain("initSync"); // the glue was read
  expect(exports).not.toContain("mount_embed");
});

test("an explorer's card opened right after load shows its explorer", async ({ app, page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (SECOND_STAGE.test(r.url())) fetched.push(r.url());
  });
  await app.open("?lang=en");
  await app.cardToggle(23).click();
  const part = await app.partOf(23);
  const slider = part.getByRole("slider", { name: "Temperature T", exact: true });
  await slider.focus();
  await page.keyboard.press("End");
  await expect(slider).toHaveAttribute("aria-valuetext", /^5/);
  // One download of the second stage, shared by every part.
  expect(fetched.filter((u) => u.endsWith(".wasm"))).toHaveLength(1);
  // Its styles came with it, once, and the explorer was styled when it showed.
  expect(fetched.filter((u) => u.endsWith(".css"))).toHaveLength(1);
  await expect(page.locator("head link[data-parts]")).toHaveAttribute("href", SECOND_STAGE);
  await expect(part.locator(".explorer")).toHaveCSS("display", "grid");
});

test("an embedded part is styled inside its shadow root, and the host page gets no stylesheet", async ({ page }) => {
  await page.goto("blog-example.html");
  const widget = page.locator("llm-interview-cards#first");
  await expect(widget.locator("article.card")).toHaveCount(2, { timeout: 30_000 });
  await widget.evaluate((el) => el.setAttribute("view", "lab"));
  const part = widget.locator("llm-part");
  await expect(part).toHaveAttribute("data-part", "ready", { timeout: 30_000 });
  await expect(part.locator(".lab")).toHaveCSS("border-top-style", "solid");
  await expect(page.locator("head link[data-parts]")).toHaveCount(0);
});

test("the page's lab loads when it comes near the viewport", async ({ app, page }) => {
  await app.open("?lang=en");
  const part = page.locator("#lab llm-part");
  // Far down the page, it waits, labelled, with its room kept.
  await expect(part).toHaveAttribute("data-part", "loading");
  await expect(part).toHaveAttribute("aria-busy", "true");
  await expect(part.locator(".part__status")).toHaveText("Loading the sampling lab…");
  const waiting = await part.boundingBox();
  expect(waiting!.height).toBeGreaterThan(300);
  const lab = await app.showLab();
  await expect(lab.getByRole("slider", { name: "Temperature", exact: true })).toBeVisible();
  await expect(part).not.toHaveAttribute("aria-busy", /.*/);
  // The room kept was about the loaded lab's height: what follows it barely moves when it arrives.
  const loaded = await part.boundingBox();
  expect(Math.abs(loaded!.height - waiting!.height) / loaded!.height).toBeLessThan(0.1);
});

test.describe("when the second stage's server fails", () => {
  // The browser itself reports each failed request as a console error; nothing else may be one.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: net::ERR_FAILED$/] });

  for (const [lang, texts] of [
    ["en", { failed: /could not be loaded/, retry: "Retry", tokenizer: "Tokenizer explorer" }],
    ["zh", { failed: /未能加载/, retry: "重试", tokenizer: "分词器探索器" }],
  ] as const) {
    test(`a part that cannot load says so and loads on Retry (${lang})`, async ({ app, page }) => {
      // The second stage's server fails until the reader presses Retry.
      let failing = true;
      await page.route(SECOND_STAGE, (route) => (failing ? route.abort("failed") : route.continue()));
      const warnings: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "warning") warnings.push(m.text());
      });
      await app.open(`?lang=${lang}#q1`);
      const part = app.card(1).locator("llm-part");
      await expect(part).toHaveAttribute("data-part", "failed");
      await expect(part).toContainText(texts.failed);
      expect(warnings.join("\n")).toContain("<llm-part>: could not load");
      failing = false;
      const retry = part.getByRole("button", { name: texts.retry, exact: true });
      await retry.focus();
      await page.keyboard.press("Enter");
      await expect(part).toHaveAttribute("data-part", "ready");
      await expect(part.getByRole("heading", { name: texts.tokenizer })).toBeVisible();
      await expect(part.getByRole("button", { name: texts.retry })).toHaveCount(0);
    });
  }
});

test("attributes that name no part are refused in words, never as markup", async ({ app, page }) => {
  await app.open("?lang=en");
  const warnings: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  await page.evaluate(() => {
    const el = document.createElement("llm-part");
    el.id = "stray";
    el.setAttribute("kind", "explorer");
    el.setAttribute("card", "<img src=x onerror=alert(1)>");
    document.querySelector("main")!.prepend(el);
  });
  const stray = page.locator("#stray");
  await expect(stray).toHaveAttribute("data-part", "failed");
  await expect(stray).toContainText("not a question number");
  await expect(stray.locator("img")).toHaveCount(0);
  expect(warnings.join("\n")).toContain("not a question number");
});

test("a part's controls act on the part alone, not on the page around it", async ({ app, page }) => {
  await app.open("?lang=en#q23");
  const part = await app.partOf(23);
  const slider = part.getByRole("slider", { name: "Temperature T", exact: true });
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuetext", "0.9");
  await expect(page).toHaveURL(/[?&]sm\.t=0\.9(&|#|$)/);
  // Each stage runs its own Yew: the first must not take the part's input for one of its own.
  await expect(app.search).toHaveValue("");
  expect(new URL(page.url()).searchParams.get("q")).toBeNull();
  await expect(app.cards).toHaveCount(50);
});
