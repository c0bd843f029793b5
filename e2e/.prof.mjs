import { chromium } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: process.argv[2] || "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: "block" });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
await page.goto(srv.url, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
const N = 60;
const measure = (selector, values) => page.evaluate(async ({ selector, values }) => {
  const el = document.querySelector(selector);
  const work = [], paint = [];
  const mc = new MessageChannel();
  for (const v of values) {
    const t0 = performance.now();
    el.value = v;
    el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await new Promise((r) => { mc.port1.onmessage = r; mc.port2.postMessage(0); });
    document.body.getBoundingClientRect();
    const tw = performance.now();
    let tf = 0;
    await new Promise((r) => requestAnimationFrame(() => { tf = performance.now(); setTimeout(r, 0); }));
    const t1 = performance.now();
    work.push(tw - t0 + (t1 - Math.max(tf, tw)));
    paint.push(t1 - t0);
  }
  return { work, paint };
}, { selector, values });
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1); };
const sv = Array.from({ length: N }, (_, i) => String(((i % 40) * 0.05).toFixed(2)));
const words = ["a", "at", "att", "atte", "atten", "attent", "attenti", "attentio", "attention", ""];
const kv = Array.from({ length: N }, (_, i) => words[i % words.length]);
if (process.env.PROFILE) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.start"); }
const s = await measure("#lab-t", sv);
if (process.env.PROFILE) { const { profile } = await cdp.send("Profiler.stop"); writeFileSync("/tmp/slider.cpuprofile", JSON.stringify(profile)); await cdp.send("Profiler.start"); }
const k = await measure("#search", kv);
if (process.env.PROFILE) { const { profile } = await cdp.send("Profiler.stop"); writeFileSync("/tmp/keys.cpuprofile", JSON.stringify(profile)); }
console.log("slider busy p50/p95", q(s.work, .5), q(s.work, .95), " paint p50/p95", q(s.paint, .5), q(s.paint, .95));
const by = {}; k.work.forEach((w, i) => (by[kv[i]] ||= []).push(w.toFixed(0))); console.log(JSON.stringify(by));
console.log("keys   busy p50/p95", q(k.work, .5), q(k.work, .95), " paint p50/p95", q(k.paint, .5), q(k.paint, .95));
await browser.close(); await srv.close();
