import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(srv.url);
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
for (const v of ["a", "at", "att", "atte", ""]) {
  const r = await page.evaluate(async (v) => {
    const added = {}; let attrs = 0, removed = 0;
    const mo = new MutationObserver((ms) => { for (const m of ms) { if (m.type === "attributes") attrs++; for (const n of m.addedNodes) { const k = (n.nodeName + "<" + (m.target.className || m.target.nodeName)); added[k] = (added[k] || 0) + 1; } removed += m.removedNodes.length; } });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    const el = document.getElementById("search"); el.value = v; el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    mo.disconnect();
    return { v, attrs, removed, added: Object.entries(added).sort((a, b) => b[1] - a[1]).slice(0, 8) };
  }, v);
  console.log(JSON.stringify(r));
}
await browser.close(); await srv.close();
