// Printing: every question with its answer, in the chosen language(s), no controls, cards kept whole.
import { test, expect } from "../fixtures";

for (const lang of ["zh", "both"] as const) {
  test(`printing gives every question and answer, without controls (${lang})`, async ({ app, page }, info) => {
    test.skip(info.project.name === "phone", "one print layout; checked at desktop size");
    await app.open(`?lang=${lang}`);
    // An open card with a lab and an explorer: those are controls, not print.
    await app.cardToggle(6).click();
    await app.cardToggle(23).click();
    await page.emulateMedia({ media: "print" });

    await expect(app.cards).toHaveCount(50);
    const shown = lang === "both" ? ["en", "zh-Hans"] : ["zh-Hans"];
    const answers = page.locator("article.card .answer");
    await expect(answers).toHaveCount(50 * shown.length);
    const hidden = await answers.evaluateAll((els) => els.filter((e) => !e.checkVisibility()).length);
    expect(hidden, "answers hidden in print").toBe(0);
    expect(await answers.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("lang")))])).toEqual(shown);

    // A card's summary is its question (content); every other summary is a control.
    const controls = page.locator("button, input, select, textarea, summary:not(.card__summary), [role=slider], [role=radio]");
    const visible = await controls.evaluateAll((els) =>
      els.filter((e) => e.checkVisibility()).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(visible, "controls visible in print").toEqual([]);
    const whole = await app.cards.evaluateAll((cards) => cards.every((c) => getComputedStyle(c).breakInside === "avoid"));
    expect(whole, "every card avoids a page break inside").toBe(true);

    // And Chromium really prints it: a PDF of many pages, in light colours.
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(5);
    await page.screenshot({ path: `e2e/test-results/screens/print-${lang}.png`, fullPage: false });
  });
}

test("editor's notes print in every language shown, unless the reader hid them", async ({ app, page }, info) => {
  test.skip(info.project.name === "phone", "one print layout; checked at desktop size");
  await app.open("?lang=both");
  await page.emulateMedia({ media: "print" });
  const notes = page.locator("article.card aside");
  // One per language of each noted question, closed cards included.
  await expect(notes).toHaveCount(36);
  const printed = () => notes.evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
  expect(await printed(), "notes shown in print").toBe(36);
  await expect(notes.first()).toContainText("Editor's note");
  await expect(notes.first().locator("cite")).toBeVisible();
  // The control is not printed.
  await expect(app.notesToggle()).toBeHidden();

  await page.emulateMedia({ media: "screen" });
  await app.notesToggle().click();
  await expect(app.notesToggle()).toHaveAttribute("aria-pressed", "false");
  await page.emulateMedia({ media: "print" });
  expect(await printed(), "hidden notes in print").toBe(0);
});
