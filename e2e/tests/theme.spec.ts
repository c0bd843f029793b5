// The theme control: auto / light / dark, remembered, applied before the first paint, and a stored
// value that is not a theme ignored with a warning.
import { test, expect } from "../fixtures";
import { holdWasm } from "../pages/app";

const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

const DARK_BG = "rgb(18, 20, 23)";
const LIGHT_BG = "rgb(247, 247, 245)";

test("auto follows the system; a choice overrides it and is remembered", async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await app.open("?lang=en");
  const group = page.getByRole("group", { name: "Theme" });
  await expect(group.getByRole("radio", { name: "Auto" })).toBeChecked();
  expect(await background(page)).toBe(DARK_BG);

  await group.getByRole("radio", { name: "Light" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await background(page)).toBe(LIGHT_BG);
  expect(await page.evaluate(() => localStorage.getItem("llm-qa.theme"))).toBe("light");

  await app.open("?lang=zh");
  await expect(page.getByRole("group", { name: "主题" }).getByRole("radio", { name: "浅色" })).toBeChecked();
  expect(await background(page)).toBe(LIGHT_BG);

  await page.getByRole("group", { name: "主题" }).getByRole("radio", { name: "自动" }).check();
  expect(await background(page)).toBe(DARK_BG);
});

test("the remembered theme is on the page before the app has loaded", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  // Remembered from an earlier visit (set before any script of the page runs; a first visit, so no
  // service worker serves the wasm past the route below).
  await page.addInitScript(() => localStorage.setItem("llm-qa.theme", "dark"));
  const release = await holdWasm(page);
  await page.goto("?lang=en");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background(page)).toBe(DARK_BG);
  await expect(page.locator("html")).not.toHaveAttribute("data-ready", "true");
  release();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" })).toBeChecked();
});

test("a stored theme that is not one is ignored with a warning", async ({ app, page }) => {
  const warnings: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  await app.open("?lang=en");
  await page.evaluate(() => localStorage.setItem("llm-qa.theme", '"><img src=x onerror=alert(1)>'));
  await app.open("?lang=en");
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Auto" })).toBeChecked();
  expect(warnings.some((w) => w.includes("ignoring the stored theme"))).toBe(true);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "auto");
});
