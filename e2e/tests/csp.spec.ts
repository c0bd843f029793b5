// The Content-Security-Policy of the app and embed pages: strict as written, and enforced. (Every
// other test fails on a console error, which is where the browser reports a violation.)
// The plain Playwright test: the blocked attempts below are meant to log console errors.
import { test, expect } from "@playwright/test";

for (const path of ["", "embed.html?questions=30"]) {
  test(`the policy of /${path} allows nothing inline and nothing from elsewhere`, async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:/);

    // The app runs under it…
    await expect(page.locator("article.card").first()).toBeVisible({ timeout: 30_000 });
    // …and it blocks what an injection would try: inline script, inline style, eval, another origin.
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const s = document.createElement("script");
      s.textContent = "window.injected = true";
      document.body.append(s);
      const div = document.createElement("div");
      div.setAttribute("style", "color: rgb(1, 2, 3)");
      document.body.append(div);
      // A string timer is compiled by the page itself (DevTools' own evaluation may eval freely).
      const w2 = window as unknown as { evalRan?: boolean; setTimeout(code: string, ms: number): number };
      w2.setTimeout("window.evalRan = true", 0);
      await new Promise((r) => setTimeout(r, 50));
      const evalRan = !!w2.evalRan;
      let fetched = false;
      try {
        await fetch("https://example.com/");
        fetched = true;
      } catch {
        fetched = false;
      }
      return { script: !!w.injected, style: getComputedStyle(div).color === "rgb(1, 2, 3)", evalRan, fetched };
    });
    expect(outcome).toEqual({ script: false, style: false, evalRan: false, fetched: false });
    expect(violations.length, "the blocked attempts are reported").toBeGreaterThanOrEqual(3);
  });
}
