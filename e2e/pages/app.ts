// Page object for the main app page: what a user sees and does, named in the user's words.
import { type Locator, type Page, expect } from "@playwright/test";

export type Lang = "en" | "zh" | "both";

const LANG_LABEL: Record<Lang, string> = { en: "English", zh: "中文", both: "Both|双语" };

/**
 * Holds every request for the app's wasm until the returned function is called: what the page shows
 * meanwhile is the prerendered HTML and boot.js alone. (On a first visit: a service worker would
 * serve the wasm from its cache, past the route.)
 */
export async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

export class AppPage {
  readonly page: Page;
  readonly banner: Locator;
  readonly main: Locator;
  readonly footer: Locator;
  readonly heading: Locator;
  readonly cards: Locator;
  readonly search: Locator;
  readonly resultCount: Locator;

  constructor(page: Page) {
    this.page = page;
    this.banner = page.getByRole("banner");
    this.main = page.getByRole("main");
    this.footer = page.getByRole("contentinfo");
    this.heading = page.getByRole("heading", { level: 1 });
    // Cards the search or a filter leaves out stay in the page, hidden: count the shown ones.
    this.cards = page.locator("article.card").filter({ visible: true });
    this.search = page.getByRole("searchbox");
    this.resultCount = page.getByRole("status");
  }

  /** Opens the app (optionally with a query string or hash) and waits until the wasm has rendered. */
  async open(path = "") {
    // "commit": the page may send the visitor on to the other language's page before it has loaded
    // (boot.js), which would interrupt a wait for the first page's load event.
    await this.page.goto(path, { waitUntil: "commit" });
    // Loading and compiling the wasm is the slow part on a busy 2-core machine: allow for it here,
    // once, rather than in every assertion.
    await expect(this.page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  }

  /** The language radio group, whatever language the interface is in. */
  langGroup() {
    return this.page.getByRole("group", { name: /^(Language|语言)$/ });
  }

  async chooseLanguage(lang: Lang) {
    await this.langGroup()
      .getByRole("radio", { name: new RegExp(`^(${LANG_LABEL[lang]})$`) })
      .check();
  }

  /**
   * Scrolls to the sampling lab, as a reader does, and waits until it has loaded: the lab is part of
   * the app's second stage, fetched when it comes near the viewport.
   */
  async showLab() {
    const section = this.page.locator("#lab");
    await section.scrollIntoViewIfNeeded();
    await expect(section.locator("llm-part")).toHaveAttribute("data-part", "ready", { timeout: 30_000 });
    return section;
  }

  /** Card `id`'s lab or explorer (a second-stage part), once it has loaded. */
  async partOf(id: number) {
    const part = this.card(id).locator("llm-part");
    await expect(part).toHaveAttribute("data-part", "ready", { timeout: 30_000 });
    return part;
  }

  card(id: number) {
    return this.page.locator(`article#q${id}`);
  }

  /** The clickable summary (question) of a card, which opens and closes its answer. */
  cardToggle(id: number) {
    return this.card(id).locator("summary.card__summary");
  }

  cardAnswer(id: number) {
    return this.card(id).locator(".card__answers");
  }

  /** The header's button that shows or hides every editor's note, named by its visible label. */
  notesToggle() {
    return this.banner.getByRole("button", { name: /^(Editor's notes|编者注)$/ });
  }

  /** Card `id`'s editor's notes: one per shown language, each labelled "Editor's note" or "编者注". */
  cardNotes(id: number) {
    return this.card(id).locator("aside").filter({ hasText: /^(Editor's note|编者注)/ });
  }

  /** The footer's "Translation notes" disclosure: where the app's Chinese differs from the PDF's. */
  translationNotes() {
    return this.footer.locator("details").filter({ has: this.page.locator("summary", { hasText: /^(Translation notes|译文说明)$/ }) });
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `e2e/test-results/screens/${name}.png`, fullPage: false });
  }
}
