// Hostile input: markup and huge values in the address bar, nonsense anchors and lab settings, and
// corrupt, mistyped, foreign and huge records in localStorage. Every case must render the page, run
// no injected script (no dialog, no injected element), log at most warnings (the fixture fails on a
// console error) and keep whatever stored marks can still be read.
import type { Page } from "@playwright/test";
import { test as base, expect } from "../fixtures";

const test = base.extend<{ dialogs: string[]; warnings: string[] }>({
  dialogs: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on("dialog", async (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        await d.dismiss();
      });
      await use(dialogs);
      expect(dialogs, "no script may open a dialog").toEqual([]);
    },
    { auto: true },
  ],
  warnings: async ({ page }, use) => {
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    await use(warnings);
  },
});

const MARKS = "llm-qa.marks";
const BACKUP = "llm-qa.marks.unreadable";
const LANG = "llm-qa.lang";
const XSS = "<img src=x onerror=alert(1)>";

/** Nothing the input carried became an element or an event handler. */
async function expectNothingInjected(page: Page) {
  expect(await page.locator("img[src='x'], img[src$='/x'], body script:not([src]):not([type])").count()).toBe(0);
  // The page's own inline script (boot.js, which picks the language before the first paint) is the
  // only classic one in <head>.
  expect(await page.locator("head script:not([src]):not([type])").count()).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.querySelectorAll("[onerror], [onload], [onclick]").length)).toBe(0);
}

/** Puts `entries` in localStorage for the app's origin, then opens the app on `path`. */
async function openWithStorage(page: Page, entries: Record<string, string>, path = "?lang=en") {
  await page.goto("?lang=en");
  // Write only once this first page has read storage: were it still starting, it could read (and
  // clean up, with its warnings) what is written for the page under test.
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
}

test.describe("address bar", () => {
  test("markup in ?q= is shown as text, never run or inserted", async ({ app, page }) => {
    await app.open(`?lang=en&q=${XSS}`);
    await expect(app.search).toHaveValue(XSS);
    await expect(app.resultCount).toHaveText(/^\d+ of 50$/);
    await expectNothingInjected(page);

    await app.open(`?lang=en&q=${encodeURIComponent(`"><script>alert(2)</script>`)}&topic=${encodeURIComponent(XSS)}&prompt=${encodeURIComponent(XSS)}#${XSS}`);
    await expect(app.search).toHaveValue(`"><script>alert(2)</script>`);
    await expectNothingInjected(page);

    // Typed, too: the highlight path renders matched text as text.
    await app.search.fill(`attention ${XSS}`);
    await expect(app.card(2)).toBeVisible();
    await expectNothingInjected(page);
  });

  test("a 10,000-character query is cut to 200 characters with a warning", async ({ app, page, warnings }) => {
    await app.open(`?lang=en&q=${"attention ".repeat(1000)}`);
    const value = await app.search.inputValue();
    expect(value.length).toBe(200);
    expect(value.startsWith("attention attention")).toBe(true);
    await expect(app.card(2)).toBeVisible();
    expect(warnings.join("\n")).toContain("search text cut to 200 characters");
    await expectNothingInjected(page);
  });

  for (const hash of ["#q999", "#q-1", "#q", "#q0", "#q07"]) {
    test(`anchor ${hash} opens nothing and warns`, async ({ app, warnings }) => {
      await app.open(`?lang=en${hash}`);
      await expect(app.cards).toHaveCount(50);
      await expect(app.cards.locator("details[open]")).toHaveCount(0);
      expect(warnings.join("\n")).toContain("no such card");
    });
  }

  test("?lang=xx falls back to the browser's language with a warning", async ({ app, page, warnings }) => {
    await app.open("?lang=xx");
    await expect(app.cards).toHaveCount(50);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(app.langGroup().getByRole("radio", { name: "English" })).toBeChecked();
    expect(warnings.join("\n")).toContain("ignoring lang=");
  });

  test("nonsense lab settings are ignored or clamped, each with a warning", async ({ app, page, warnings }) => {
    await app.open("?lang=en&t=NaN&p=-1&k=1e9&minp=5");
    await app.showLab();
    await expect(app.cards).toHaveCount(50);
    const lab = page.locator("#lab");
    const slider = (name: string) => lab.getByRole("slider", { name, exact: true });
    await expect(slider("Temperature")).toHaveAttribute("aria-valuetext", "1.00");
    await expect(slider("Top-p")).toHaveAttribute("aria-valuetext", "0.00");
    await expect(slider("Top-k")).toHaveAttribute("aria-valuetext", "off");
    await expect(slider("Min-p")).toHaveAttribute("aria-valuetext", "0.50");
    // Top-p 0 keeps the single most likely token.
    await expect(lab.locator(".lab__readouts dd").first()).toHaveText("1 / 12");
    const text = warnings.join("\n");
    for (const w of ["ignoring t=", "p=\"-1\" is outside", "ignoring k=", "minp=\"5\" is outside"]) {
      expect(text).toContain(w);
    }
  });
});

test.describe("stored marks", () => {
  const cases: { name: string; stored: string; known: number[]; backup: boolean }[] = [
    { name: "invalid JSON", stored: "{not json", known: [], backup: true },
    { name: "wrong types", stored: `{"version":1,"known":"yes"}`, known: [], backup: true },
    // A layout this app never wrote: nothing in it can be read, so it is kept aside, untouched.
    { name: "a foreign old schema", stored: `{"v":0,"marks":{"3":"known"}}`, known: [], backup: true },
    { name: "no version", stored: `{"known":[3]}`, known: [3], backup: true },
    { name: "a 1 MB string", stored: "x".repeat(1 << 20), known: [], backup: true },
    {
      name: "a 1 MB list of bad ids around good ones",
      stored: `{"version":1,"known":[5,${"999,".repeat(260_000)}9],"starred":[]}`,
      known: [5, 9],
      backup: true,
    },
    { name: "a clean record", stored: `{"version":1,"known":[1,50],"starred":[2]}`, known: [1, 50], backup: false },
  ];
  for (const c of cases) {
    test(`${c.name}: the page renders and keeps ${c.known.length ? `cards ${c.known.join(", ")}` : "no"} marks`, async ({
      app,
      page,
      warnings,
    }) => {
      await openWithStorage(page, { [MARKS]: c.stored });
      await expect(app.cards).toHaveCount(50);
      await expect(page.getByText(`${c.known.length} / 50 known`)).toBeVisible();
      for (const id of c.known) {
        await expect(app.card(id).getByRole("button", { name: "Known" })).toHaveAttribute("aria-pressed", "true");
      }
      const stored = await page.evaluate(([m, b]) => [localStorage.getItem(m), localStorage.getItem(b)], [MARKS, BACKUP]);
      if (c.backup) {
        // The original is kept aside before the readable part is written back in the current format.
        expect(stored[1], "backup of the original").toBe(c.stored);
        expect(JSON.parse(stored[0]!)).toMatchObject({ version: 1, known: c.known });
        const ours = warnings.filter((w) => w.startsWith("llm-qa:"));
        expect(ours.length, ours.join("\n")).toBeGreaterThan(0);
        expect(ours.length, "warnings are capped").toBeLessThanOrEqual(10);
      } else {
        expect(stored[1]).toBeNull();
        expect(warnings.filter((w) => w.startsWith("llm-qa:"))).toEqual([]);
      }
      // Marking still works and persists after the bad record.
      await app.card(20).getByRole("button", { name: "Star" }).click();
      await expect(app.card(20).getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
      const after = await page.evaluate((m) => JSON.parse(localStorage.getItem(m)!), MARKS);
      expect(after.starred).toContain(20);
      await expectNothingInjected(page);
    });
  }
});

test.describe("stored language", () => {
  for (const [name, stored] of [
    ["an unknown code", "xx"],
    ["a JSON-quoted code", `"zh"`],
    ["markup", XSS],
    ["a 1 MB string", "z".repeat(1 << 20)],
  ] as const) {
    test(`${name} is ignored: the browser's language is used`, async ({ app, page }) => {
      await openWithStorage(page, { [LANG]: stored }, "");
      await expect(app.cards).toHaveCount(50);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(app.langGroup().getByRole("radio", { name: "English" })).toBeChecked();
      // A real choice replaces the bad value.
      await app.chooseLanguage("zh");
      expect(await page.evaluate((k) => localStorage.getItem(k), LANG)).toBe("zh");
      await expectNothingInjected(page);
    });
  }

  test("a valid code with stray spaces and capitals still counts", async ({ app, page }) => {
    await openWithStorage(page, { [LANG]: "  ZH " }, "");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(app.cards).toHaveCount(50);
  });
});
