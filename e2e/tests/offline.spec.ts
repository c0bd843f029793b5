// Offline use with the real service worker: installable, everything usable with the network off after
// one visit (at the site root and under a sub-path), and a new deployment offered, then loaded whole.
// Each test serves its own build on its own port (so its worker starts fresh) and then stops the
// server: offline means no server at all, on top of the browser's own offline switch.
// The builds come from scripts/e2e-builds.sh, run after trunk build --release.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import type { AppPage } from "../pages/app";

test.use({ serviceWorkers: "allow" });
// Each test installs the whole app into the worker's cache once or twice: on a busy machine, slow.
test.describe.configure({ timeout: 90_000 });

const BUILDS = resolve(__dirname, "../../target/e2e");
const V1 = join(BUILDS, "v1");
const V2 = join(BUILDS, "v2");
const SUBPATH = join(BUILDS, "subpath");
for (const dir of [V1, V2, SUBPATH]) {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`${dir} is missing: run scripts/e2e-builds.sh after trunk build --release`);
  }
}

type Server = { url: string; setRoot: (dir: string) => void; close: () => Promise<void> };

/** Serves a build on a free port. (server.mjs has a top-level await, so it cannot be require()d.) */
async function serve(options: { root: string; base?: string }): Promise<Server> {
  const { startServer } = await import("../server.mjs");
  return startServer(options);
}

const lab = (page: Page) => page.locator("#lab");

/** Waits until the service worker has cached everything and controls the page. */
async function waitForWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function goOffline(context: BrowserContext, server: Server) {
  await server.close();
  await context.setOffline(true);
}

/** Cards, search, study marks, the sampling lab and the language switch, with no network. */
async function useEverything(app: AppPage, page: Page, url: string) {
  await app.open(`${url}?lang=en`);
  await expect(app.cards).toHaveCount(50);
  await app.cardToggle(2).click();
  await expect(app.cardAnswer(2)).toBeVisible();

  await app.search.fill("temperature");
  await expect(app.card(6).locator("mark").first()).toBeVisible();
  await app.search.fill("");
  await expect(app.cards).toHaveCount(50);

  await app.card(3).getByRole("button", { name: "Known" }).click();
  await expect(page.getByText("1 / 50 known")).toBeVisible();

  // The second stage (labs, explorers) comes from the worker's cache too.
  await app.cardToggle(23).click();
  const explorer = await app.partOf(23);
  const t = explorer.getByRole("slider", { name: "Temperature T", exact: true });
  await t.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(t).toHaveAttribute("aria-valuetext", "0.9");

  await app.showLab();
  const temperature = lab(page).getByRole("slider", { name: "Temperature", exact: true });
  await temperature.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await expect(temperature).toHaveAttribute("aria-valuetext", "0.50");
  await lab(page).getByRole("button", { name: "Sample 100" }).click();
  await expect(lab(page).locator(".histogram li").first()).toBeVisible();

  await app.chooseLanguage("zh");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(app.card(2)).toContainText("注意力机制");
  await expect(lab(page).getByRole("slider", { name: "温度", exact: true })).toBeVisible();

  // Addresses the first visit never saw (other query strings) open the same app, marks kept.
  await app.open(`${url}?q=lora&lang=zh`);
  await expect(app.search).toHaveValue("lora");
  await expect(app.cards.first()).toHaveAttribute("id", "q4");
  await app.open(`${url}?lang=en`);
  await expect(page.getByText("1 / 50 known")).toBeVisible();
}

for (const [where, root, base] of [
  ["at the site root", V1, "/"],
  ["under a sub-path (GitHub Pages)", SUBPATH, "/llm-qa/"],
] as const) {
  test(`${where}, Chromium finds the app installable, every manifest icon loading`, async ({ playwright }, info) => {
    // Installability is never granted to incognito contexts, which Playwright's usual ones are.
    const profile = mkdtempSync(join(tmpdir(), "llm-qa-install-"));
    const server = await serve({ root, base });
    const context = await playwright.chromium.launchPersistentContext(profile, { ...info.project.use.launchOptions });
    try {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
      await page.goto(`${server.url}?lang=en`);
      await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors).toEqual([]);

      const { url, errors, data } = await cdp.send("Page.getAppManifest");
      expect(url).toBe(`${server.url}manifest.webmanifest`);
      expect(errors).toEqual([]);
      const manifest = JSON.parse(data!);
      expect(manifest).toMatchObject({ name: "LLM Interview Q&A", display: "standalone", start_url: "./", scope: "./" });
      expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain("maskable");
      for (const icon of manifest.icons) {
        const href = new URL(icon.src, url).href;
        const status = await page.evaluate(async (u) => (await fetch(u, { cache: "no-store" })).status, href);
        expect(status, icon.src).toBe(200);
      }
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test(`${where}, after one visit everything works offline`, async ({ app, page, context }) => {
    const server = await serve({ root, base });
    await app.open(`${server.url}?lang=en`);
    await waitForWorker(page);
    const worker = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { scope: reg!.scope, script: navigator.serviceWorker.controller!.scriptURL };
    });
    expect(worker).toEqual({ scope: server.url, script: `${server.url}sw.js` });

    const notice = page.getByText("Ready to work offline");
    await expect(notice).toBeVisible();
    await page.getByRole("button", { name: "Close" }).click();
    await expect(notice).toHaveCount(0);

    await goOffline(context, server);
    await useEverything(app, page, server.url);
  });
}

test("a new deployment is offered, and loaded whole once accepted", async ({ app, page, context }) => {
  const server = await serve({ root: V1 });
  await app.open(`${server.url}?lang=zh`);
  await waitForWorker(page);
  const v1 = await page.title();
  expect(v1).not.toContain("(v2)");

  server.setRoot(V2);
  // The app asks for a new version whenever it becomes visible and every hour; ask now, as it does.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const prompt = page.locator(".pwa-notice");
  await expect(prompt).toHaveAttribute("aria-live", "polite");
  await expect(prompt).toContainText("新版本已就绪");
  await expect(prompt.getByRole("button", { name: "重新加载" })).toBeVisible();

  // Until the user accepts, the old version keeps being served whole, and the offer stands.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  expect(await page.title()).toBe(v1);
  await expect(prompt).toContainText("新版本已就绪");

  await prompt.getByRole("button", { name: "重新加载" }).click();
  await expect(page).toHaveTitle(/\(v2\)$/);
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true");
  await expect(app.card(2)).toContainText("注意力机制");
  await expect(prompt).toBeEmpty();

  // The new version is the one kept for offline use.
  await goOffline(context, server);
  await app.open(`${server.url}?lang=en`);
  await expect(page).toHaveTitle(/\(v2\)$/);
  await expect(app.cards).toHaveCount(50);
});
