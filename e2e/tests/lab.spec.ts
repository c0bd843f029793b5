import { test, expect } from "../fixtures";
import type { Locator, Page } from "@playwright/test";

const lab = (page: Page) => page.locator("#lab");
const slider = (page: Page, name: string) => lab(page).getByRole("slider", { name, exact: true });
/** The one "Tokens kept" value, e.g. "5 / 12" (matched whole: "2 / 12" must not pass on "12 / 12"). */
const keptReadout = (page: Page) =>
  lab(page)
    .locator(".lab__readouts > div")
    .filter({ has: page.locator("dt", { hasText: /^Tokens kept$/ }) })
    .locator("dd");

async function tableRow(page: Page, token: string): Promise<string[]> {
  const row = lab(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name: token, exact: true }) });
  return (await row.getByRole("cell").allTextContents()).map((s) => s.trim());
}

function percent(p: number) {
  return `${(Math.round(p * 1000) / 10).toFixed(1)}%`;
}

function softmax(logits: number[], t = 1) {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp((l - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

// The "cat" prompt's logits, as in crates/core/src/lab.rs.
const CAT = [4.2, 3.6, 3.3, 2.9, 2.6, 2.4, 1.9, 1.6, 1.5, 1.1, 0.7, -1.2];

/** Drags a range input's thumb from its left end to `fraction` of the track, as a mouse user would. */
async function dragTo(page: Page, range: Locator, fraction: number) {
  await range.scrollIntoViewIfNeeded();
  const box = (await range.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

/** Tokens kept by top-p alone on probabilities sorted in descending order. */
function keptByTopP(sorted: number[], p: number) {
  let cum = 0;
  let kept = 0;
  for (const q of sorted) {
    if (cum >= p) break;
    cum += q;
    kept++;
  }
  return Math.max(kept, 1);
}

test("moving temperature by keyboard reshapes the chart, readouts and table", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.showLab();
  await lab(page).getByRole("button", { name: "Show table" }).click();
  const before = softmax(CAT);
  expect(await tableRow(page, "mat")).toEqual([percent(before[0]), percent(before[0]), "—"]);

  const t = slider(page, "Temperature");
  await t.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await expect(t).toHaveAttribute("aria-valuetext", "0.50");
  const cooled = softmax(CAT, 0.5);
  expect(await tableRow(page, "mat")).toEqual([percent(before[0]), percent(cooled[0]), "—"]);
  await expect(lab(page).locator(".lab__explain")).toContainText("sharpens");
  await expect(lab(page).locator(".chart__value").first()).toHaveText(percent(cooled[0]));
  await expect(page).toHaveURL(/t=0\.50/);
});

test("top-k by drag removes tokens and marks why", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.showLab();
  const k = slider(page, "Top-k");
  await k.scrollIntoViewIfNeeded();
  const box = (await k.boundingBox())!;
  // Drag the thumb to about a quarter of the track: k ≈ 5.
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const k_value = Number(await k.inputValue());
  expect(k_value).toBeGreaterThan(2);
  expect(k_value).toBeLessThan(9);
  await expect(keptReadout(page)).toHaveText(`${k_value} / 12`);
  await expect(lab(page).locator(".chart__reason").first()).toHaveText("top-k");
  await lab(page).getByRole("button", { name: "Show table" }).click();
  expect((await tableRow(page, "moon"))[2]).toBe("top-k");
});

test("top-p and min-p move by keyboard and the cumulative threshold shows", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.showLab();
  const p = slider(page, "Top-p");
  await p.focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press("ArrowLeft");
  await expect(p).toHaveAttribute("aria-valuetext", "0.50");
  await expect(lab(page).locator(".chart__threshold")).toBeAttached();
  await expect(lab(page).locator("svg").getByText("p = 0.50")).toBeVisible();
  const probs = softmax(CAT);
  // Smallest prefix (in descending order) whose mass reaches 0.5.
  let cum = 0;
  let kept = 0;
  for (const q of probs) {
    if (cum >= 0.5) break;
    cum += q;
    kept++;
  }
  expect(kept).toBeLessThan(12);
  await expect(keptReadout(page)).toHaveText(`${kept} / 12`);

  await page.getByRole("button", { name: "Reset" }).click();
  const mp = slider(page, "Min-p");
  await mp.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
  await expect(mp).toHaveAttribute("aria-valuetext", "0.30");
  const floor = 0.3 * probs[0];
  const keptByMinP = probs.filter((q) => q >= floor).length;
  expect(keptByMinP).toBeLessThan(12);
  await expect(keptReadout(page)).toHaveText(`${keptByMinP} / 12`);
});

test("a shared URL reproduces exactly the same lab", async ({ app, page }) => {
  await app.open("?lang=en&prompt=story&t=0.7&k=5&p=0.9&minp=0.05");
  await app.showLab();
  await expect(slider(page, "Temperature")).toHaveAttribute("aria-valuetext", "0.70");
  await expect(slider(page, "Top-k")).toHaveAttribute("aria-valuetext", "5");
  await expect(lab(page).getByRole("combobox", { name: "Prompt" })).toHaveValue("story");
  const text = await lab(page).locator(".lab__explain").textContent();
  await page.goto(page.url());
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await app.showLab();
  await expect(lab(page).locator(".lab__explain")).toHaveText(text!);
});

test("sampling draws tokens and a histogram", async ({ app, page }) => {
  await app.open("?lang=en&t=0");
  await app.showLab();
  await lab(page).getByRole("button", { name: "Sample 1", exact: true }).click();
  await expect(lab(page).locator(".lab__draws strong")).toHaveText("mat");
  await lab(page).getByRole("button", { name: "Sample 100" }).click();
  await expect(lab(page).locator(".histogram li").first()).toContainText("100 (expected 100.0)");
});

test("the lab speaks Chinese", async ({ app, page }) => {
  await app.open("?lang=zh&k=3");
  await app.showLab();
  await expect(slider(page, "温度")).toBeVisible();
  await expect(lab(page).locator(".lab__explain")).toContainText("top-k 只保留概率最高的 3 个");
  await expect(lab(page).locator(".chart__label").first()).toHaveText("垫子上");
});

test("cards 6 and 12 carry their own lab", async ({ app, page }) => {
  await app.open("?lang=en#q12");
  const cardLab = app.card(12).locator(".lab");
  await expect(cardLab).toBeVisible();
  await expect(cardLab.getByRole("slider", { name: "Top-k", exact: true })).toHaveAttribute("aria-valuetext", "5");
  await app.open("?lang=en#q6");
  await expect(app.card(6).locator(".lab").getByRole("slider", { name: "Temperature" })).toHaveAttribute("aria-valuetext", "0.50");
});

test("hostile lab parameters are ignored without errors", async ({ app, page }) => {
  await app.open("?lang=en&t=NaN&p=-1&k=1e9&minp=5");
  await app.showLab();
  await expect(slider(page, "Temperature")).toHaveAttribute("aria-valuetext", "1.00");
  await expect(slider(page, "Top-k")).toHaveAttribute("aria-valuetext", "off");
  await expect(lab(page).locator(".lab__explain")).not.toContainText("NaN");
});

test("every slider works by drag and by keyboard, matching independently computed numbers", async ({ app, page }) => {
  await app.open("?lang=en");
  await app.showLab();
  const readout = keptReadout(page);
  await lab(page).getByRole("button", { name: "Show table" }).click();
  const probs = softmax(CAT);

  // Temperature: drag towards the hot end, then one step back by keyboard.
  const t = slider(page, "Temperature");
  await dragTo(page, t, 0.75);
  const tDragged = Number(await t.getAttribute("aria-valuetext"));
  expect(tDragged).toBeGreaterThan(1.2);
  expect((await tableRow(page, "mat"))[1]).toBe(percent(softmax(CAT, tDragged)[0]));
  await t.press("ArrowLeft");
  const tKey = Math.round((tDragged - 0.05) * 100) / 100;
  await expect(t).toHaveAttribute("aria-valuetext", tKey.toFixed(2));
  expect((await tableRow(page, "mat"))[1]).toBe(percent(softmax(CAT, tKey)[0]));
  await page.getByRole("button", { name: "Reset" }).click();

  // Top-p: drag to the middle, then one step up by keyboard.
  const p = slider(page, "Top-p");
  await dragTo(page, p, 0.5);
  const pDragged = Number(await p.getAttribute("aria-valuetext"));
  expect(pDragged).toBeGreaterThan(0.3);
  expect(pDragged).toBeLessThan(0.7);
  expect(keptByTopP(probs, pDragged)).toBeLessThan(12);
  await expect(readout).toHaveText(`${keptByTopP(probs, pDragged)} / 12`);
  await p.press("ArrowRight");
  const pKey = Math.round((pDragged + 0.01) * 100) / 100;
  await expect(p).toHaveAttribute("aria-valuetext", pKey.toFixed(2));
  await expect(readout).toHaveText(`${keptByTopP(probs, pKey)} / 12`);
  await page.getByRole("button", { name: "Reset" }).click();

  // Top-k: three steps by keyboard from "off".
  const k = slider(page, "Top-k");
  await k.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(k).toHaveAttribute("aria-valuetext", "3");
  await expect(readout).toHaveText("3 / 12");
  expect((await tableRow(page, "bed"))[2]).toBe("top-k");
  await page.getByRole("button", { name: "Reset" }).click();

  // Min-p: drag to 40% of its 0–0.5 track, then one step down by keyboard.
  const mp = slider(page, "Min-p");
  await dragTo(page, mp, 0.4);
  const mDragged = Number(await mp.getAttribute("aria-valuetext"));
  expect(mDragged).toBeGreaterThan(0.1);
  const keptByMinP = (m: number) => probs.filter((q) => q >= m * probs[0]).length;
  expect(keptByMinP(mDragged)).toBeLessThan(12);
  await expect(readout).toHaveText(`${keptByMinP(mDragged)} / 12`);
  await mp.press("ArrowLeft");
  const mKey = Math.round((mDragged - 0.01) * 100) / 100;
  await expect(mp).toHaveAttribute("aria-valuetext", mKey.toFixed(2));
  await expect(readout).toHaveText(`${keptByMinP(mKey)} / 12`);
});
