// Page object for the example blog page (dist/blog-example.html): a hostile theme around two
// <llm-interview-cards> elements and one iframe of embed.html. Playwright's locators pierce open
// shadow roots, so the widgets are found by role like the app's own controls.
import { type FrameLocator, type Locator, type Page, expect } from "@playwright/test";

export class BlogPage {
  readonly page: Page;
  /** questions="6,12" lang="en" */
  readonly first: Locator;
  /** questions="23" lang="zh" theme="dark" */
  readonly second: Locator;
  readonly iframe: Locator;
  readonly frame: FrameLocator;

  constructor(page: Page) {
    this.page = page;
    this.first = page.locator("llm-interview-cards#first");
    this.second = page.locator("llm-interview-cards#second");
    this.iframe = page.locator("iframe#frame");
    this.frame = page.frameLocator("iframe#frame");
  }

  async open() {
    await this.page.goto("blog-example.html");
    await expect(this.cards(this.first)).toHaveCount(2, { timeout: 30_000 });
    await expect(this.cards(this.second)).toHaveCount(1);
  }

  /** The question cards a widget shows. */
  cards(widget: Locator | FrameLocator) {
    return widget.locator("article.card");
  }

  card(widget: Locator | FrameLocator, id: number) {
    return widget.locator(`article#q${id}`);
  }

  /** The disclosure holding a card's answer (open or not). */
  answer(widget: Locator | FrameLocator, id: number) {
    return this.card(widget, id).locator(":scope > details");
  }

  /** Opens or closes a card by its question, as a reader would. */
  async toggle(widget: Locator | FrameLocator, id: number) {
    await this.card(widget, id).locator("summary.card__summary").click();
  }
}
