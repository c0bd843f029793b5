import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: "block" });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const events = [];
cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing", transferMode: "ReportEvents" });
await page.goto(srv.url + (process.argv[3] || ""), { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
await new Promise((r) => setTimeout(r, 300));
await cdp.send("Tracing.end"); await done;
if (process.env.SUMMARY) {
  const tasks = events.filter((e) => e.name === "RunTask" && e.dur > 0);
  const tbt = tasks.reduce((s, t) => s + Math.max(0, t.dur / 1000 - 50), 0);
  const sum = (n) => Math.round(events.filter((e) => e.name === n && e.ph === "X").reduce((s, e) => s + e.dur / 1000, 0));
  const hyd = Math.max(0, ...tasks.filter((t) => events.some((e) => e.name === "TimerFire" && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + t.dur && e.dur > 50000)).map((t) => t.dur / 1000));
  console.log(JSON.stringify({ tbt: Math.round(tbt), layout: sum("Layout"), style: sum("UpdateLayoutTree"), hydrate: Math.round(hyd) }));
  await browser.close(); await srv.close(); process.exit(0);
}
const main = events.filter((e) => e.name === "RunTask" && e.dur > 20000);
const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
for (const t of main) {
  const inner = events.filter((e) => e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + t.dur && e.ph === "X" && e.dur > 3000 && e.name !== "RunTask");
  const by = {}; for (const e of inner) by[e.name] = (by[e.name] || 0) + e.dur / 1000;
  console.log(Math.round((t.ts - t0) / 1000), Math.round(t.dur / 1000) + "ms", JSON.stringify(Object.fromEntries(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => [k, Math.round(v)]))));
}
await browser.close(); await srv.close();
