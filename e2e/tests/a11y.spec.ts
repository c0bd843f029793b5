// Accessibility: axe-core on every view and state (both themes, all three languages), and the focus
// behaviours axe cannot see: a visible focus ring on every kind of control, focus kept when a list
// re-renders, the live result count, and reduced motion.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "../fixtures";

/** Runs axe on the page as it is and fails with one readable line per violation and node. */
async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ")}`),
  );
  expect(summary, `axe violations in ${what}`).toEqual([]);
}

const lab = (page: Page) => page.locator("#lab");

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test("main page in English, Chinese and both", async ({ app, page }) => {
      test.slow(); // axe on the full page, three times
      await app.open("?lang=en");
      await expectNoViolations(page, "main page, English");
      // "both" shows the interface in English, so <html lang> goes back from zh-Hans to en.
      for (const [lang, tag] of [
        ["zh", "zh-Hans"],
        ["both", "en"],
      ] as const) {
        await app.chooseLanguage(lang);
        await expect(page.locator("html")).toHaveAttribute("lang", tag);
        await expectNoViolations(page, `main page, ${lang}`);
      }
    });

    test("an editor's note in both languages, and the translation notes", async ({ app, page }) => {
      test.slow(); // axe on the full page, twice
      await app.open("?lang=both#q32");
      await expect(app.cardNotes(32)).toHaveCount(2);
      await app.translationNotes().locator("summary").click();
      await expect(app.translationNotes().getByRole("listitem").first()).toBeVisible();
      await expectNoViolations(page, "editor's notes and translation notes");
      await app.notesToggle().click();
      await expect(app.cardNotes(32).first()).toBeHidden();
      await expectNoViolations(page, "editor's notes hidden");
    });

    test("sampling lab with its table and the logit editor open", async ({ app, page }) => {
      test.slow();
      await app.open("?lang=en&k=5&p=0.8#lab");
      await app.showLab();
      await lab(page).getByRole("button", { name: "Show table" }).click();
      await lab(page).getByText("Advanced: edit the logits").click();
      await expect(lab(page).getByRole("table")).toBeVisible();
      await expect(lab(page).getByRole("spinbutton").first()).toBeVisible();
      await lab(page).getByRole("button", { name: "Sample 100" }).click();
      await expectNoViolations(page, "sampling lab");
    });
  });
}

test("the theme control overrides the system: dark on a light system, light on a dark one", async ({ app, page }) => {
  test.slow();
  await page.emulateMedia({ colorScheme: "light" });
  await app.open("?lang=en#q23");
  await page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectNoViolations(page, "dark theme chosen, light system");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Light" }).check();
  await expectNoViolations(page, "light theme chosen, dark system");
});

test("the Embed panel with its snippets", async ({ app, page }) => {
  await app.open("?lang=zh#q12");
  await app.card(12).locator("details.share summary").click();
  await expect(app.card(12).locator(".share pre")).toHaveCount(2);
  await expectNoViolations(page, "Embed panel");
});

test("opening a disclosure by keyboard keeps focus on its summary", async ({ app, page }) => {
  await app.open("?lang=en");
  const embed = app.card(3).locator("details.share summary");
  await embed.focus();
  await page.keyboard.press("Enter");
  await expect(app.card(3).locator(".share pre")).toHaveCount(2);
  await expect(embed).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(app.card(3).locator(".share pre")).toHaveCount(0);
  await expect(embed).toBeFocused();
});

test.describe("embeds", () => {
  // axe-core adds a <style> element of its own when it walks into shadow roots, which our policy
  // rightly refuses; the policy itself is checked by csp.spec.ts and, through console errors, by
  // every other test.
  test.use({ bypassCSP: true });

  test("the embed page (iframe) as cards, quiz and dark lab, and the widgets on the blog page", async ({ page }) => {
    test.slow();
    await page.goto("embed.html?questions=6,23&lang=both");
    const cards = page.locator("llm-interview-cards article.card");
    await expect(cards).toHaveCount(2, { timeout: 30_000 });
    await cards.first().locator("summary.card__summary").click();
    await expect(cards.first().locator(".card__lab")).toBeVisible();
    await expectNoViolations(page, "embed.html, cards");

    await page.goto("embed.html?questions=1-3&view=quiz&lang=zh");
    await page.getByRole("button", { name: "显示答案" }).click();
    await expect(page.locator("llm-interview-cards .answer")).toBeVisible();
    await expectNoViolations(page, "embed.html, quiz");

    await page.goto("embed.html?view=lab&theme=dark&lang=en");
    await expect(page.getByRole("slider", { name: "Temperature", exact: true })).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(page, "embed.html, dark lab");

    // On the blog page only our widgets are ours to check (its loud theme is the point of the page).
    await page.goto("blog-example.html");
    await expect(page.locator("llm-interview-cards#second article.card")).toHaveCount(1, { timeout: 30_000 });
    const { violations } = await new AxeBuilder({ page }).include("llm-interview-cards").analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});

for (const [lang, show] of [
  ["en", "Show table"],
  ["zh", "显示表格"],
] as const) {
  test(`every explorer and card lab open with its tables (${lang})`, async ({ app, page }) => {
    test.slow();
    await app.open(`?lang=${lang}`);
    await page.getByRole("button", { name: /^(Expand all|全部展开)$/ }).click();
    const buttons = page.locator("article.card").getByRole("button", { name: show, exact: true });
    await expect(buttons).toHaveCount(16); // the explorers with a table toggle (14) and the card labs (2)
    for (let i = (await buttons.count()) - 1; i >= 0; i--) await buttons.nth(i).click();
    await expect(buttons).toHaveCount(0);
    await expectNoViolations(page, `explorers and labs with tables, ${lang}`);
  });
}

test("every card expanded, in both languages", async ({ app, page }) => {
  test.slow();
  await app.open("?lang=both");
  await page.getByRole("button", { name: /^(Expand all|全部展开)$/ }).click();
  await expect(app.cards.locator("details[open]")).toHaveCount(50);
  await expectNoViolations(page, "all cards open");
});

test("search results with highlights, and the empty state, in both themes", async ({ app, page }) => {
  test.slow();
  await page.emulateMedia({ colorScheme: "dark" });
  await app.open("?lang=both");
  await app.search.fill("temperature");
  await expect(app.card(6).locator("mark").first()).toBeVisible();
  await expectNoViolations(page, "search results, dark");
  await page.emulateMedia({ colorScheme: "light" });
  await app.search.fill("temperature");
  await expect(app.card(6).locator("mark").first()).toBeVisible();
  await expectNoViolations(page, "search results");
  await app.search.fill("xylophone zebra");
  await expect(app.cards).toHaveCount(0);
  await expectNoViolations(page, "no results");
});

test("quiz: question, revealed answer and summary", async ({ app, page }) => {
  test.slow();
  await app.open("?lang=en&topic=decoding");
  await page.getByRole("button", { name: "Start quiz" }).click();
  const quiz = page.getByRole("region", { name: "Quiz" });
  await expect(quiz).toBeVisible();
  await expectNoViolations(page, "quiz question");
  await quiz.getByRole("button", { name: /Show answer/ }).click();
  await expect(quiz.locator(".answer")).toBeVisible();
  await expectNoViolations(page, "quiz answer");
  await quiz.getByRole("button", { name: /^Known/ }).click();
  for (let i = 0; i < 2; i++) {
    await quiz.getByRole("button", { name: /^Show answer/ }).click();
    await quiz.getByRole("button", { name: /^Again/ }).click();
  }
  await expect(quiz.locator(".quiz__summary")).toBeVisible();
  await expectNoViolations(page, "quiz summary");
});

/** The computed outline of the focused element (or, for a visually hidden radio, its label's pill). */
async function focusRing(el: Locator) {
  return el.evaluate((e) => {
    const target = e.matches("input[type=radio]") ? (e.nextElementSibling as Element) : e;
    const s = getComputedStyle(target);
    return { focused: e.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
}

test("keyboard focus shows a visible ring on every kind of control", async ({ app, page }, info) => {
  test.skip(info.project.name === "phone", "keyboard focus is a desktop concern");
  await app.open("?lang=en");
  await app.showLab();
  await lab(page).getByText("Advanced: edit the logits").click();
  const targets: [string, Locator][] = [
    ["skip link", page.getByRole("link", { name: "Skip to the questions" })],
    ["nav link", page.getByRole("navigation").getByRole("link", { name: "Sampling lab" })],
    ["language radio", app.langGroup().getByRole("radio", { name: "English" })],
    ["theme radio", page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Auto" })],
    ["embed summary", app.card(1).locator("details.share summary")],
    ["search box", app.search],
    ["topic chip", page.getByRole("button", { name: "All topics" })],
    ["study filter", page.getByRole("group", { name: "Study" }).getByRole("button", { name: "Starred" })],
    ["expand all", page.getByRole("button", { name: "Expand all" })],
    ["shuffle checkbox", page.getByRole("checkbox", { name: "Shuffle" })],
    ["card summary", app.cardToggle(1)],
    ["mark toggle", app.card(1).getByRole("button", { name: "Known" })],
    ["lab select", lab(page).getByRole("combobox")],
    ["lab slider", lab(page).getByRole("slider", { name: "Temperature", exact: true })],
    ["lab button", lab(page).getByRole("button", { name: "Show table" })],
    ["logit editor summary", lab(page).locator(".lab__advanced summary")],
    ["logit input", lab(page).getByRole("spinbutton").first()],
    ["footer summary", page.locator(".about summary")],
  ];
  for (const [name, el] of targets) {
    // Reach each control by keyboard: from it, Tab away and Shift+Tab back.
    await el.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(el, `${name} has focus again`).toBeFocused();
    const ring = await focusRing(el);
    expect(ring.focused, `${name} matches :focus-visible`).toBe(true);
    expect(ring.style, `${name} has an outline`).not.toBe("none");
    expect(ring.width, `${name} outline width`).toBeGreaterThanOrEqual(2);
  }
});

test("typing in the search keeps focus in the box while the list re-renders", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.focus();
  // "beam sear" finds card 5 alone (crates/core/tests/search_ranking.rs): the list did re-render.
  await app.search.pressSequentially("beam sear", { delay: 30 });
  await expect(app.resultCount).toHaveText("1 of 50");
  await expect(app.cards).toHaveCount(1);
  await expect(app.search).toBeFocused();
  await expect(app.search).toHaveValue("beam sear");
  await page.keyboard.press("Escape");
  await expect(app.search).toHaveValue("");
  await expect(app.search).toBeFocused();
});

test("marking a card known under the 'Not yet known' filter moves focus to the next card, not the body", async ({
  app,
  page,
}) => {
  await app.open("?lang=en");
  await page.getByRole("group", { name: "Study" }).getByRole("button", { name: "Not yet known" }).click();
  const known = app.card(3).getByRole("button", { name: "Known" });
  await known.focus();
  await page.keyboard.press("Enter");
  await expect(app.card(3)).toBeHidden();
  await expect(app.cardToggle(4)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");

  // The last card hidden: focus goes back to the one before.
  await app.card(50).getByRole("button", { name: "Known" }).focus();
  await page.keyboard.press("Space");
  await expect(app.card(50)).toBeHidden();
  await expect(app.cardToggle(49)).toBeFocused();
});

test("starring the only starred card under the 'Starred' filter leaves focus on the search, not the body", async ({
  app,
  page,
}) => {
  await app.open("?lang=en");
  await app.card(7).getByRole("button", { name: "Star" }).click();
  await page.getByRole("group", { name: "Study" }).getByRole("button", { name: "Starred" }).click();
  await expect(app.cards).toHaveCount(1);
  await app.card(7).getByRole("button", { name: "Star" }).focus();
  await page.keyboard.press("Enter");
  await expect(app.cards).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  await expect(app.search).toBeFocused();
});

test("each quiz step moves focus to what it shows: answer, next question, result", async ({ app, page }) => {
  await app.open("?lang=en&topic=decoding");
  await page.getByRole("checkbox", { name: "Shuffle" }).uncheck();
  await page.getByRole("button", { name: "Start quiz" }).click();
  const quiz = page.getByRole("region", { name: "Quiz" });
  await expect(quiz.getByRole("heading", { name: "Quiz" })).toBeFocused();
  for (let i = 1; i <= 3; i++) {
    await quiz.getByRole("button", { name: /^Show answer/ }).focus();
    await page.keyboard.press("Enter");
    await expect(quiz.locator(".card__answers")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(quiz.getByRole("button", { name: /^Again/ })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(quiz.getByRole("button", { name: /^Known/ })).toBeFocused();
    await page.keyboard.press("Enter");
    if (i < 3) {
      await expect(quiz.getByText(`Card ${i + 1} of 3`)).toBeVisible();
      await expect(quiz.getByRole("heading", { level: 3 })).toBeFocused();
    }
  }
  await expect(quiz.getByText("You knew 3 of 3.")).toBeFocused();
});

test("a suggestion in the empty state puts focus back in the search box", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.search.fill("xylophone zebra");
  await page.getByRole("button", { name: "attention", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(app.search).toHaveValue("attention");
  await expect(app.search).toBeFocused();
});

test("restoring the logits keeps focus in the logit editor", async ({ app, page }) => {
  await app.open("?lang=en&logits=1,2,3,4,5,6,7,8,9,10,11,12#lab");
  await app.showLab();
  await lab(page).getByText("Advanced: edit the logits").click();
  await lab(page).getByRole("button", { name: "Restore the prompt's logits" }).focus();
  await page.keyboard.press("Enter");
  await expect(lab(page).getByRole("spinbutton").first()).toHaveValue("4.2");
  await expect(lab(page).getByRole("spinbutton").first()).toBeFocused();
});

test("the result count is a polite live region", async ({ app }) => {
  await app.open("?lang=en");
  await expect(app.resultCount).toHaveCount(1);
  await expect(app.resultCount).toHaveAttribute("aria-live", "polite");
  await expect(app.resultCount).toHaveText("50 of 50");
  // "lora" finds cards 4 and 35 (crates/core/tests/search_ranking.rs).
  await app.search.fill("lora");
  await expect(app.resultCount).toHaveText("2 of 50");
});

test("reduced motion turns transitions off", async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await app.open("?lang=en");
  const duration = await app.cardToggle(1).evaluate((e) => getComputedStyle(e, "::after").transitionDuration);
  expect(parseFloat(duration)).toBeLessThanOrEqual(0.00001);
  await page.emulateMedia({ reducedMotion: "no-preference" });
  const normal = await app.cardToggle(1).evaluate((e) => getComputedStyle(e, "::after").transitionDuration);
  expect(parseFloat(normal)).toBeGreaterThan(0);
});
