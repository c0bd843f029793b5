import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const res = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(() => { window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(e.duration); }).observe({ type: "longtask", buffered: true }); });
  await page.goto(srv.url + (process.argv[3] || ""), { waitUntil: "load" });
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await new Promise((r) => setTimeout(r, 500));
  const r = await page.evaluate(() => ({ lt: window.__lt.map(Math.round), tbt: window.__lt.reduce((s, d) => s + Math.max(0, d - 50), 0) }));
  res.push(r); await context.close();
}
console.log(res.map((r) => `tbt~${Math.round(r.tbt)} long=[${r.lt.join(",")}]`).join("\n"));
await browser.close(); await srv.close();
