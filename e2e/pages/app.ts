// Page object for the main app page: what a user sees and does, named in the user's words.
import { type Locator, type Page, expect } from "@playwright/test";

export class AppPage {
  readonly page: Page;
  readonly banner: Locator;
  readonly main: Locator;
  readonly footer: Locator;
  readonly heading: Locator;

  constructor(page: Page) {
    this.page = page;
    this.banner = page.getByRole("banner");
    this.main = page.getByRole("main");
    this.footer = page.getByRole("contentinfo");
    this.heading = page.getByRole("heading", { level: 1 });
  }

  /** Opens the app (optionally with a query string or hash) and waits until the wasm has rendered. */
  async open(path = "") {
    await this.page.goto(path);
    await expect(this.page.locator("html")).toHaveAttribute("data-ready", "true");
  }
}
