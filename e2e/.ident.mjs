import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(srv.url);
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
for (const v of ["a", "at", "att", ""]) {
  const r = await page.evaluate(async (v) => {
    const before = [...document.querySelectorAll("article.card")].map((a) => [a.id, a, a.querySelector("details"), a.parentElement]);
    const el = document.getElementById("search"); el.value = v; el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = { art: 0, det: 0, li: 0 };
    for (const [id, a, d, li] of before) { const now = document.getElementById(id); if (now !== a) out.art++; if (now.querySelector("details") !== d) out.det++; if (now.parentElement !== li) out.li++; }
    return { v, ...out, hidden: document.querySelectorAll("li[hidden]").length };
  }, v);
  console.log(JSON.stringify(r));
}
await browser.close(); await srv.close();
