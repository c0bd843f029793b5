import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: "block", bypassCSP: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
await page.goto(srv.url, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
const which = process.argv[3] || "keys";
const events = [];
cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
await page.evaluate(async ([which, W]) => {
  const words = W ? JSON.parse(W) : ["a", "at", "att", "atte", "atten", "attent", "attenti", "attentio", "attention", ""];
  const el = document.querySelector(which === "keys" ? "#search" : "#lab-t");
  for (let i = 0; i < 40; i++) {
    el.value = which === "keys" ? words[i % words.length] : String(((i % 40) * 0.05).toFixed(2));
    el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
}, [which, process.env.WORDS || ""]);
await cdp.send("Tracing.end");
await done;
const agg = {};
for (const e of events) if (e.ph === "X" && e.dur && ["UpdateLayoutTree", "Layout", "Paint", "FunctionCall", "PrePaint", "Layerize", "RunMicrotasks", "EventDispatch", "ParseHTML", "HitTest", "TimerFire", "FireAnimationFrame", "Commit", "RecalculateStyles", "ScheduleStyleRecalculation", "IntersectionObserverController::computeIntersections", "UpdateLayerTree"].includes(e.name)) agg[e.name] = (agg[e.name] || 0) + e.dur / 1000;
for (const [k, v] of Object.entries(agg).sort((a, b) => b[1] - a[1])) console.log(v.toFixed(1).padStart(8), k);
await browser.close(); await srv.close();
