import type { Page } from "@playwright/test";
import { test, expect } from "../fixtures";

test("known and starred marks survive a reload and drive the filters and progress", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.card(3).getByRole("button", { name: "Known" }).click();
  await app.card(7).getByRole("button", { name: "Known" }).click();
  await app.card(7).getByRole("button", { name: "Star" }).click();
  await expect(app.card(7).getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("2 / 50 known")).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await expect(page.getByText("2 / 50 known")).toBeVisible();
  await expect(app.card(3).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "true");

  const study = page.getByRole("group", { name: "Study" });
  await study.getByRole("button", { name: "Starred" }).click();
  await expect(app.cards).toHaveCount(1);
  await expect(app.cards.first()).toHaveAttribute("id", "q7");
  await study.getByRole("button", { name: "Not yet known" }).click();
  await expect(app.cards).toHaveCount(48);
  await expect(app.card(3)).toBeHidden();
});

test("a full quiz pass by keyboard only", async ({ app, page }) => {
  await app.open("?lang=en&topic=decoding");
  await expect(app.resultCount).toHaveText("3 of 50");
  // Untick shuffle so the order is known, then start, all by keyboard.
  await page.getByRole("checkbox", { name: "Shuffle" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Shuffle" })).not.toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Start quiz" })).toBeFocused();
  await page.keyboard.press("Enter");

  const quiz = page.getByRole("region", { name: "Quiz" });
  await expect(quiz).toBeVisible();
  await expect(quiz.getByRole("heading", { name: "Quiz" })).toBeFocused();
  for (const [i, id, key] of [
    [1, 5, "k"],
    [2, 6, "a"],
    [3, 12, "k"],
  ] as const) {
    await expect(quiz.getByText(`Card ${i} of 3`)).toBeVisible();
    await expect(quiz.locator(".card__num")).toHaveText(String(id));
    await expect(quiz.locator(".answer")).toHaveCount(0);
    await page.keyboard.press("Space");
    await expect(quiz.locator(".answer")).toBeVisible();
    await page.keyboard.press(key);
  }
  await expect(quiz.getByText("You knew 2 of 3.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(quiz).toHaveCount(0);
  await expect(page.getByText("2 / 50 known")).toBeVisible();
  await expect(app.card(5).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "true");
  await expect(app.card(6).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "false");
});

test("corrupt stored marks are ignored with a warning, readable ones kept", async ({ app, page, consoleErrors }) => {
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto("?lang=en");
  await page.evaluate(() =>
    localStorage.setItem("llm-qa.marks", JSON.stringify({ version: 1, known: [4, "x", 999], starred: "all" })),
  );
  await app.open("?lang=en");
  await expect(page.getByText("1 / 50 known")).toBeVisible();
  await expect(app.card(4).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "true");
  expect(warnings.join("\n")).toContain("ignoring");
  const backup = await page.evaluate(() => localStorage.getItem("llm-qa.marks.unreadable"));
  expect(backup).toContain("999");
});

test("a card works the moment the page is ready, before its turn to hydrate", async ({ app, page }) => {
  // Cards hydrate one per task after the page (islands), each task queued with a zero-delay timer.
  // Stretching those timers to 40 ms leaves the last card waiting for about two seconds after the
  // page is ready: pressing its button then must hydrate it at once, not be lost.
  await slowIslands(page, { microtaskDelay: 0 });
  await app.open("?lang=en");
  const known = app.card(50).getByRole("button", { name: "Known" });
  const before = await page.evaluate(() => document.documentElement.dataset.cards ?? "waiting");
  await known.click();
  await expect(known).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("1 / 50 known")).toBeVisible();
  expect(before, "card 50 was not hydrated yet when pressed").toBe("waiting");
  await expect(page.locator("html")).toHaveAttribute("data-cards", "live", { timeout: 15_000 });
});

test("a click that comes before a card's hydration has rendered is held, then given to the card", async ({ app, page }) => {
  // Yew renders in a microtask, and during long work yields to the browser and carries on in a later
  // task: a card's hydration can start (on pointerdown) and render only after the click. Deferring
  // every microtask by 100 ms makes that certain; zero-delay timers stretched to 40 ms keep card 22
  // waiting for its turn in the islands' chain meanwhile.
  await slowIslands(page, { microtaskDelay: 100 });
  await app.open("?lang=en&at.h=1#q2");
  await app.cardToggle(22).click();
  // The card opened for the app too, not only natively: the app builds its explorer.
  const explorer = app.card(22).getByRole("group", { name: /Attention explorer$/ });
  await expect(explorer.getByRole("slider", { name: "Heads", exact: true })).toHaveValue("4");
  // A mark pressed on a card still waiting its turn counts as well.
  const known = app.card(40).getByRole("button", { name: "Known" });
  await known.click();
  await expect(known).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-cards", "live", { timeout: 20_000 });
});

/**
 * Before the page loads: zero-delay timers (each step of the islands' chain) wait 40 ms instead, and
 * with `microtaskDelay` > 0 every microtask (where Yew renders) waits that many milliseconds.
 */
async function slowIslands(page: Page, { microtaskDelay }: { microtaskDelay: number }) {
  await page.addInitScript((microtaskDelay) => {
    const later = window.setTimeout;
    (window as any).setTimeout = (f: TimerHandler, ms?: number, ...rest: unknown[]) =>
      later(f, ms ? ms : 40, ...rest);
    if (microtaskDelay > 0) window.queueMicrotask = (f) => void later(f, microtaskDelay);
  }, microtaskDelay);
}
