import { test, expect } from "../fixtures";

test("typing a query filters and ranks the cards with a count", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.pressSequentially("beam search", { delay: 20 });
  await expect(app.cards.first()).toHaveAttribute("id", "q5");
  await expect(app.resultCount).toHaveText(/^\d+ of 50$/);
  const count = Number((await app.resultCount.textContent())!.split(" ")[0]);
  await expect(app.cards).toHaveCount(count);
  expect(count).toBeLessThan(50);
});

test("matched words are highlighted in the question and an answer excerpt", async ({ app }) => {
  await app.open("?lang=en");
  await app.search.fill("temperature");
  await expect(app.cards.first()).toHaveAttribute("id", "q6");
  const marks = app.card(6).locator(".card__q mark");
  await expect(marks.first()).toHaveText(/temperature/i);
  await expect(app.card(6).locator(".card__excerpt mark").first()).toBeVisible();
});

test("Chinese and English queries find the same cards whatever language is shown", async ({ app }) => {
  await app.open("?lang=en");
  await app.search.fill("注意力");
  await expect(app.card(2)).toBeVisible();
  await app.search.fill("attention");
  await expect(app.card(2)).toBeVisible();
  await app.chooseLanguage("zh");
  await expect(app.card(2)).toBeVisible();
});

test("synonyms and typos still find the card", async ({ app }) => {
  await app.open("?lang=en");
  for (const [q, id] of [
    ["nucleus", 12],
    ["top p", 12],
    ["qlora", 4],
    ["mixture of experts", 37],
    ["overfiting", 18],
  ] as const) {
    await app.search.fill(q);
    await expect(app.cards.first(), q).toHaveAttribute("id", `q${id}`);
  }
});

test("a search with no match shows suggestions that work", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.fill("xylophone zebra");
  await expect(app.cards).toHaveCount(0);
  await expect(page.getByText("No question matches your search.")).toBeVisible();
  await page.getByRole("button", { name: "LoRA", exact: true }).click();
  await expect(app.search).toHaveValue("LoRA");
  await expect(app.cards.first()).toHaveAttribute("id", "q4");
});

test("/ focuses the search, Esc and the clear button empty it", async ({ app, page }) => {
  await app.open("?lang=en");
  await page.locator("body").press("/");
  await expect(app.search).toBeFocused();
  await page.keyboard.type("lora");
  await expect(app.resultCount).not.toHaveText("50 of 50");
  await page.keyboard.press("Escape");
  await expect(app.search).toHaveValue("");
  await expect(app.resultCount).toHaveText("50 of 50");
  await app.search.fill("rag");
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(app.search).toHaveValue("");
  await expect(app.search).toBeFocused();
});

test("topic chips filter alone and together with the query", async ({ app, page }) => {
  await app.open("?lang=en");
  const chips = page.getByRole("list", { name: "Topics" }).first();
  await chips.getByRole("button", { name: "Math & Optimization" }).click();
  await expect(chips.getByRole("button", { name: "Math & Optimization" })).toHaveAttribute("aria-pressed", "true");
  await expect(app.resultCount).toHaveText("10 of 50");
  await expect(app.card(1)).toBeHidden();
  await app.search.fill("softmax");
  await expect(app.cards.first()).toHaveAttribute("id", "q23");
  await expect(page).toHaveURL(/topic=math/);
  await expect(page).toHaveURL(/q=softmax/);
});

test("the URL carries the search: reload and Back/Forward restore it", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.fill("lora");
  await expect(page).toHaveURL(/q=lora/);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await expect(app.search).toHaveValue("lora");
  await expect(app.cards.first()).toHaveAttribute("id", "q4");

  await page.getByRole("list", { name: "Topics" }).first().getByRole("button", { name: "Decoding & Sampling" }).click();
  await expect(page).toHaveURL(/topic=decoding/);
  await page.goBack();
  await expect(page).not.toHaveURL(/topic=/);
  await expect(app.search).toHaveValue("lora");
  await page.goForward();
  await expect(page).toHaveURL(/topic=decoding/);
  await expect(page.getByRole("button", { name: "Decoding & Sampling" })).toHaveAttribute("aria-pressed", "true");
});

test("a search makes one history entry, written when typing pauses rather than per keystroke", async ({ app, page }) => {
  await page.addInitScript(() => {
    const w = window as any;
    w.__urlWrites = 0;
    for (const name of ["pushState", "replaceState"] as const) {
      const original = history[name].bind(history);
      history[name] = (...args: Parameters<History["pushState"]>) => {
        w.__urlWrites++;
        return original(...args);
      };
    }
  });
  await app.open("?lang=en");
  const entries = await page.evaluate(() => history.length);
  const writes = await page.evaluate(() => (window as any).__urlWrites);
  await app.search.pressSequentially("lora");
  await expect(page).toHaveURL(/q=lora/);
  // Four keystrokes, one write (two if the machine stalled between keys for the whole pause).
  expect(await page.evaluate(() => (window as any).__urlWrites) - writes).toBeLessThanOrEqual(2);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  // Refining replaces that entry; Back leaves the search.
  await app.search.pressSequentially(" rank");
  await expect(page).toHaveURL(/q=lora(\+|%20)rank/);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(app.search).toHaveValue("");
  await expect(app.cards).toHaveCount(50);
});

test("a search typed just before leaving the page is in its address when coming back", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.fill("lora");
  // Leave at once, before typing has paused long enough for the address bar to be written.
  await page.goto("about:blank");
  await page.goBack();
  await expect(page).toHaveURL(/q=lora/);
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await expect(app.search).toHaveValue("lora");
});

test("#q12 still opens its card when loaded with a search in the URL", async ({ app }) => {
  await app.open("?lang=en&q=beam#q12");
  await expect(app.cardAnswer(12)).toBeVisible();
});

test("searching hides and shows cards without rebuilding them, in ranked order", async ({ app, page }) => {
  await app.open("?lang=en");
  // Open card 2 and keep hold of its answer: it must be the same element after a search and a clear.
  await app.cardToggle(2).click();
  const answer = await app.cardAnswer(2).elementHandle();
  await app.search.fill("attention");
  await expect(app.resultCount).not.toHaveText("50 of 50");
  const shown = await app.cards.evaluateAll((cards) => cards.map((c) => c.id));
  // The shown cards come first in the list, in the ranked order; the others are hidden after them.
  const all = await page.locator("ol.cards > li").evaluateAll((lis) =>
    lis.map((li) => ({ id: li.querySelector("article")!.id, hidden: li.hidden })),
  );
  expect(all.slice(0, shown.length).map((c) => c.id)).toEqual(shown);
  expect(all.slice(shown.length).every((c) => c.hidden)).toBe(true);
  await app.search.fill("");
  await expect(app.cards).toHaveCount(50);
  expect(await answer!.evaluate((a) => a.isConnected && a === document.querySelector("#q2 .card__answers"))).toBe(true);
  await expect(app.cardAnswer(2)).toBeVisible();
});
