// Shared test fixture: every test fails on a console error or an uncaught page error, and gets the
// app's page object.
import { test as base, expect } from "@playwright/test";
import { AppPage } from "./pages/app";

type Fixtures = { app: AppPage; consoleErrors: string[]; allowedConsoleErrors: RegExp[] };

export const test = base.extend<Fixtures>({
  // Console errors a test provokes on purpose (a request it makes fail), matched against the whole
  // message. Anything else is still a failure.
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        if (allowedConsoleErrors.some((re) => re.test(msg.text()))) return;
        errors.push(`console.error: ${msg.text()}`);
      });
      page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
      await use(errors);
      expect(errors, "console errors and uncaught page errors").toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect };
