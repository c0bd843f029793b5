// Editor's notes (编者注): under the author's answers, apart from them, in both languages with a
// primary source; hidden and shown again by one header control that is remembered; found by search.
// And the translation notes, listing each sentence whose Chinese differs from the PDF's.
import { test, expect } from "../fixtures";

// The questions with a note, as assets/questions.toml has them.
const NOTED = [2, 4, 5, 10, 11, 17, 20, 21, 27, 28, 30, 32, 33, 34, 35, 37, 42, 47];

test("notes sit under the answers in each shown language, labelled, with a reference", async ({ app, page }) => {
  await app.open("?lang=both#q11");
  const notes = app.cardNotes(11);
  await expect(notes).toHaveCount(2);
  await expect(notes.nth(0)).toBeVisible();
  await expect(notes.nth(0)).toHaveAttribute("lang", "en");
  await expect(notes.nth(0)).toContainText("Editor's note");
  await expect(notes.nth(0)).toContainText("RoBERTa found that removing NSP");
  await expect(notes.nth(0).locator("cite")).toContainText("A Robustly Optimized BERT Pretraining Approach");
  await expect(notes.nth(1)).toHaveAttribute("lang", "zh-Hans");
  await expect(notes.nth(1)).toContainText("编者注");
  await expect(notes.nth(1)).toContainText("下游效果持平");
  await expect(notes.nth(1).locator("cite")).toContainText("2019");
  // Apart from the author's text: not inside an answer.
  await expect(app.cardAnswer(11).locator(".answer aside")).toHaveCount(0);

  // Every noted card has one note per language, every other card none.
  const withNotes = await page
    .locator("article.card")
    .evaluateAll((cards) =>
      cards.filter((c) => c.querySelectorAll("aside").length > 0).map((c) => [Number(c.id.slice(1)), c.querySelectorAll("aside").length]),
    );
  expect(withNotes).toEqual(NOTED.map((id) => [id, 2]));

  await app.chooseLanguage("zh");
  await expect(app.cardNotes(11)).toHaveCount(1);
  await expect(app.cardNotes(11)).toContainText("编者注");
  await expect(app.cardNotes(11)).not.toContainText("Editor's note");
});

test("one control hides and restores the notes, remembered across reloads, in both languages", async ({ app, page }) => {
  await app.open("?lang=en#q37");
  const note = app.cardNotes(37);
  const toggle = app.notesToggle();
  await expect(note).toBeVisible();
  await expect(toggle).toHaveAccessibleName("Editor's notes");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(note).toBeHidden();
  // The author's answer stays.
  await expect(app.cardAnswer(37)).toBeVisible();

  // Remembered: still hidden after a reload, in the other language too.
  await app.open("?lang=zh#q37");
  await expect(page.locator("html")).toHaveAttribute("data-notes", "hidden");
  await expect(toggle).toHaveAccessibleName("编者注");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(app.cardAnswer(37)).toBeVisible();
  await expect(app.cardNotes(37)).toBeHidden();

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(app.cardNotes(37)).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(page.locator("html")).not.toHaveAttribute("data-notes", "hidden");
  expect(await page.evaluate(() => localStorage.getItem("llm-qa.notes"))).toBe("shown");
  // The address still names card 37, which opens again: its note shows.
  await expect(app.cardNotes(37)).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
});

test("search finds a card by its note, in English and in Chinese", async ({ app }) => {
  await app.open("?lang=en");
  // A word that is only in question 11's note, not in any question or answer.
  await app.search.fill("RoBERTa");
  await expect(app.cards).toHaveCount(1);
  await expect(app.cards.first()).toHaveAttribute("id", "q11");
  // The excerpt is the note's, with the match highlighted.
  await expect(app.cards.first().locator(".card__excerpt mark").first()).toBeVisible();

  await app.chooseLanguage("zh");
  await app.search.fill("下游效果");
  await expect(app.cards).toHaveCount(1);
  await expect(app.cards.first()).toHaveAttribute("id", "q11");
});

test("translation notes list each changed sentence beside the PDF's wording", async ({ app, page }) => {
  await app.open("?lang=en#q46");
  // The corrected text is in the card.
  await expect(app.cardAnswer(46)).toBeAttached();
  await app.chooseLanguage("zh");
  await expect(app.cardAnswer(46)).toContainText("解码器使用编码器输出和先前的标记生成输出。");
  await expect(app.cardAnswer(46)).not.toContainText("先验标记");

  const notes = app.translationNotes();
  await notes.locator("summary").click();
  const items = notes.getByRole("listitem");
  await expect(items).toHaveCount(8);
  // Each entry: the old wording (struck) beside the new one.
  for (const item of await items.all()) {
    await expect(item.getByRole("deletion")).toBeVisible();
    await expect(item.getByRole("insertion")).toBeVisible();
  }
  const q46 = items.filter({ hasText: "问题 46" });
  await expect(q46.getByRole("deletion")).toHaveText("解码器使用编码器输出和先验标记生成输出。");
  await expect(q46.getByRole("insertion")).toHaveText("解码器使用编码器输出和先前的标记生成输出。");
  await expect(q46).toContainText("原 PDF");
  // Every new wording is really in the page's cards (the old one is not).
  for (const item of await items.all()) {
    const before = (await item.getByRole("deletion").textContent())!;
    const after = (await item.getByRole("insertion").textContent())!;
    const cards = page.locator("article.card");
    await expect(cards.filter({ hasText: after })).toHaveCount(1);
    await expect(cards.filter({ hasText: before })).toHaveCount(0);
  }
  await app.chooseLanguage("en");
  await expect(notes.locator("summary")).toHaveText("Translation notes");
  await expect(items.filter({ hasText: "Question 46" })).toContainText("In the PDF");
});
