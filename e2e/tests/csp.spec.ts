// The Content-Security-Policy of the app and embed pages: strict as written, and enforced. (Every
// other test fails on a console error, which is where the browser reports a violation.)
// The plain Playwright test: the blocked attempts below are meant to log console errors.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "@playwright/test";

/**
 * Another origin on loopback that this test serves itself and that would answer a fetch (it allows
 * any origin): if the request does not reach it, the page's policy stopped it, not the network.
 */
async function otherOrigin() {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/plain", "access-control-allow-origin": "*" });
    res.end("reached");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// The four attempts below and the directive each one violates, as Chromium names it.
const EXPECTED = ["connect-src", "script-src", "script-src-elem", "style-src-attr"];

for (const path of ["", "embed.html?questions=30"]) {
  test(`the policy of /${path} allows nothing inline and nothing from elsewhere`, async ({ page }) => {
    const other = await otherOrigin();
    try {
      // Served at all: without a policy, the page could fetch from it.
      expect(await (await page.request.get(other.url)).text()).toBe("reached");
      other.requests.length = 0;

      const reports: string[] = [];
      page.on("console", (m) => {
        // One report per violation ("… violates the following Content Security Policy directive …");
        // a blocked fetch also logs a "Fetch API cannot load" error, which is its consequence, not a report.
        if (m.type() === "error" && /violates the following Content Security Policy directive/.test(m.text())) {
          reports.push(m.text());
        }
      });
      await page.goto(path);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).toContain("style-src 'self';");
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:/);

      // The app runs under it…
      await expect(page.locator("article.card").first()).toBeVisible({ timeout: 30_000 });
      // …and it blocks what an injection would try: inline script, inline style, eval, another origin.
      await page.evaluate(() => {
        const w = window as unknown as { violated: string[] };
        w.violated = [];
        document.addEventListener("securitypolicyviolation", (e) => w.violated.push(e.effectiveDirective));
      });
      const outcome = await page.evaluate(async (url) => {
        const w = window as unknown as { injected?: boolean; evalRan?: boolean };
        const s = document.createElement("script");
        s.textContent = "window.injected = true";
        document.body.append(s);
        const div = document.createElement("div");
        div.setAttribute("style", "color: rgb(1, 2, 3)");
        document.body.append(div);
        // A string timer is compiled by the page itself (DevTools' own evaluation may eval freely).
        // Timers of equal delay run in order: once the second has run, the first has run or never will.
        (window as unknown as { setTimeout(code: string, ms: number): number }).setTimeout("window.evalRan = true", 0);
        await new Promise((r) => setTimeout(r, 0));
        let fetched = false;
        try {
          fetched = (await (await fetch(url)).text()) === "reached";
        } catch {
          fetched = false;
        }
        return { script: !!w.injected, style: getComputedStyle(div).color === "rgb(1, 2, 3)", evalRan: !!w.evalRan, fetched };
      }, other.url);
      expect(outcome).toEqual({ script: false, style: false, evalRan: false, fetched: false });
      expect(other.requests, "requests that reached the other origin").toEqual([]);
      // Every attempt is reported, each under its own directive: to the page, and on the console.
      await expect
        .poll(() => page.evaluate(() => [...(window as unknown as { violated: string[] }).violated].sort()))
        .toEqual(EXPECTED);
      await expect.poll(() => reports, "violation reports on the console").toHaveLength(EXPECTED.length);
      expect(reports.filter((r) => r.includes(other.url) && r.includes("connect-src"))).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
}
