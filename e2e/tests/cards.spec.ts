import { test, expect } from "../fixtures";

test("all 50 question cards render with numbers, questions and topics", async ({ app }) => {
  await app.open("?lang=en");
  await expect(app.cards).toHaveCount(50);
  await expect(app.card(1)).toContainText("What does tokenization entail");
  await expect(app.card(50)).toContainText("challenges");
  for (const id of [1, 25, 50]) {
    await expect(app.card(id).getByRole("list", { name: "Topics" }).getByRole("listitem").first()).toBeVisible();
  }
});

test("answers start collapsed and a card opens by keyboard", async ({ app, page }) => {
  await app.open("?lang=en");
  await expect(app.cardAnswer(5)).toBeHidden();
  await app.cardToggle(5).focus();
  await page.keyboard.press("Enter");
  await expect(app.cardAnswer(5)).toBeVisible();
  await expect(app.cardAnswer(5)).toContainText("Beam search explores multiple word sequences");
  await page.keyboard.press("Enter");
  await expect(app.cardAnswer(5)).toBeHidden();
});

test("expand all opens every card and collapse all closes them", async ({ app, page }) => {
  await app.open("?lang=en");
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(page.locator("details[open]")).toHaveCount(50 + 0);
  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect(page.locator("article.card details[open]")).toHaveCount(0);
});

test("#q23 opens card 23 with its formula rendered as MathML", async ({ app, page }) => {
  await app.open("?lang=en#q23");
  await expect(app.cardAnswer(23)).toBeVisible();
  const math = app.cardAnswer(23).locator("math");
  await expect(math.first()).toBeVisible();
  // A real fraction, not TeX source.
  await expect(app.cardAnswer(23).locator("math mfrac").first()).toBeAttached();
  await expect(app.cardAnswer(23)).not.toContainText("\\frac");
  await expect(app.card(23)).toBeInViewport();
});

test("the formulas of the math questions render as MathML", async ({ app, page }) => {
  await app.open("?lang=en");
  await page.getByRole("button", { name: "Expand all" }).click();
  for (const id of [23, 24, 25, 26, 29, 30, 31, 32]) {
    await expect(app.cardAnswer(id).locator("math").first(), `card ${id}`).toBeVisible();
    await expect(app.cardAnswer(id), `card ${id}`).not.toContainText("$$");
  }
  await expect(app.cardAnswer(30).locator("math mtable")).toBeAttached();
  await expect(app.cardAnswer(32).locator("math msqrt")).toBeAttached();
});
