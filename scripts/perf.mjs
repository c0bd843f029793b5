// The speed harness: loads the built app and a static baseline page (same 50 questions and answers,
// from the same bank) in the same headless Chromium under a fixed network profile (10 Mbit/s down,
// 40 ms RTT) and 4x CPU slowdown, cache disabled, served compressed on loopback as a real host would.
// Measures first and largest contentful paint, bytes transferred, time until search answers a
// keystroke, and interaction latency (slider input -> next paint, keystroke -> results painted).
// Writes docs/perf.md.
//
//   node scripts/perf.mjs [--dist dist] [--loads 10] [--events 200] [--opens 20]
//
// Needs a release build in dist/ (scripts/test.sh or `trunk build --release`) and the baseline
// (`cargo run --bin baseline -- target/perf-baseline`, which this script runs).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium.mjs";
import { startServer } from "../e2e/server.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const DIST = arg("dist", "dist");
const LOADS = Number(arg("loads", 10));
const EVENTS = Number(arg("events", 200));
const NETWORK = { offline: false, latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8) };
const CPU_SLOWDOWN = 4;

execFileSync("cargo", ["run", "--quiet", "--bin", "baseline", "--", "target/perf-baseline"], { stdio: "inherit" });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lcp = e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    // When the app marks itself ready, search answers keystrokes.
    const watch = () =>
      new MutationObserver(() => {
        if (document.documentElement.dataset.ready === "true" && !window.__ready) window.__ready = performance.now();
      }).observe(document.documentElement, { attributes: true });
    if (document.documentElement) watch();
    else document.addEventListener("readystatechange", watch, { once: true });
  });
  return { context, page, bytes: () => bytes };
}

async function load(url, isApp) {
  const { context, page, bytes } = await throttledPage();
  await page.goto(url, { waitUntil: "load" });
  let searchReady = null;
  if (isApp) {
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 120_000 });
    // Time until a keystroke's results are painted, from navigation start.
    searchReady = await page.evaluate(async () => {
      const input = document.getElementById("search");
      input.value = "a";
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now();
    });
  } else {
    // The baseline has no search: the browser's find is "ready" once the page has loaded.
    searchReady = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd);
  }
  // The LCP entry is reported after the paint it measures, which can come after "load": wait for it
  // (a static page reaches "load" before its first paint is reported).
  await page.waitForFunction(() => window.__lcp > 0, null, { timeout: 30_000 });
  const m = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    lcp: window.__lcp,
  }));
  const out = { ...m, bytes: bytes(), searchReady };
  await context.close();
  return out;
}

async function interactions(url) {
  const { context, page } = await throttledPage();
  await page.goto(url, { waitUntil: "load" });
  // Every card hydrated (the islands), so that what is measured is the interaction alone.
  await page.waitForFunction(() => document.documentElement.dataset.cards === "live", null, { timeout: 120_000 });
  // Per event: `paint` is input -> the next frame painted, as a user would wait for it, which
  // includes idling until the display's next frame (up to 16.7 ms at 60 Hz, whatever the page does).
  // `busy` is the main-thread work in that span: the event and the renders it triggers (flushed by a
  // message-channel task, then style and layout forced), plus the frame's own rendering (from its
  // requestAnimationFrame to the task after the paint). The per-event budgets apply to `busy`.
  const run = (selector, values) =>
    page.evaluate(
      async ({ selector, values }) => {
        const el = document.querySelector(selector);
        const channel = new MessageChannel();
        const afterTasks = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
        const paint = [];
        const busy = [];
        for (const v of values) {
          const t0 = performance.now();
          el.value = v;
          el.dispatchEvent(new InputEvent("input", { bubbles: true }));
          await afterTasks();
          document.body.getBoundingClientRect();
          const tWork = performance.now();
          let tFrame = 0;
          await new Promise((r) => requestAnimationFrame(() => { tFrame = performance.now(); setTimeout(r, 0); }));
          const t1 = performance.now();
          paint.push(t1 - t0);
          busy.push(tWork - t0 + (t1 - Math.max(tFrame, tWork)));
        }
        return { paint, busy };
      },
      { selector, values },
    );
  const sliderValues = Array.from({ length: EVENTS }, (_, i) => String(((i % 40) * 0.05).toFixed(2)));
  const words = ["a", "at", "att", "atte", "atten", "attent", "attenti", "attentio", "attention", ""];
  const keyValues = Array.from({ length: EVENTS }, (_, i) => words[i % words.length]);
  // The lab is a second-stage part: it loads when it comes near the viewport.
  await page.locator("#lab").scrollIntoViewIfNeeded();
  await page.waitForSelector("#lab llm-part[data-part=ready] #lab-t", { timeout: 120_000 });
  const slider = await run("#lab-t", sliderValues);
  const keys = await run("#search", keyValues);
  await context.close();
  return { slider, keys };
}

/**
 * Card 23 opened as soon as the page is ready (`data-ready`), cold (a new context, cache off: the
 * second stage is fetched unless the idle warm-up already has it): ms from the click to the frame
 * in which its explorer's controls are there. Then closed and opened again, with the second stage
 * in memory.
 */
async function explorerOpens(url, opens) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < opens; i++) {
    const { context, page } = await throttledPage();
    await page.goto(`${url}?lang=en`, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 120_000 });
    const open = () =>
      page.evaluate(
        () =>
          new Promise((done) => {
            const t0 = performance.now();
            const check = () =>
              document.querySelector("#q23 llm-part[data-part=ready] input")
                ? done(performance.now() - t0)
                : requestAnimationFrame(check);
            document.querySelector("#q23-summary").click();
            requestAnimationFrame(check);
          }),
      );
    cold.push(await open());
    await page.evaluate(() => document.querySelector("#q23-summary").click());
    await page.waitForFunction(() => !document.querySelector("#q23 llm-part"));
    warm.push(await open());
    await context.close();
  }
  return { cold, warm };
}

const stats = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p50: q(0.5), p95: q(0.95) };
};

const app = await startServer({ root: DIST, port: 0 });
const base = await startServer({ root: "target/perf-baseline", port: 0 });
const runs = { app: [], base: [] };
for (let i = 0; i < LOADS; i++) {
  runs.app.push(await load(app.url, true));
  runs.base.push(await load(base.url, false));
}
const inter = await interactions(app.url);
const OPENS = Number(arg("opens", 20));
const opens = await explorerOpens(app.url, OPENS);
await app.close();
await base.close();
await browser.close();

const sizes = JSON.parse(readFileSync(`${DIST}/sizes.json`, "utf8"));
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "—");
const rows = [
  ["First contentful paint (ms)", "fcp", 0],
  ["Largest contentful paint (ms)", "lcp", 0],
  ["Bytes transferred (compressed)", "bytes", 0],
  ["Search answers a keystroke (ms from navigation)", "searchReady", 0],
];
let md = `# Speed, measured\n\nWritten by \`node scripts/perf.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${LOADS} loads each of the built app and of a static baseline page (the same 50 questions and answers in both languages, generated from the same bank by \`src/bin/baseline.rs\`), in headless Chromium with ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down, ${NETWORK.latency} ms RTT, ${CPU_SLOWDOWN}× CPU slowdown, cache disabled, served brotli-compressed on loopback. Machine: 2 cores, shared with other work while measuring, so absolute numbers are noisy; compare ratios.\n\n`;
md += `| metric | app median | app min | app max | baseline median | baseline min | baseline max | app / baseline |\n|---|---:|---:|---:|---:|---:|---:|---:|\n`;
for (const [label, key, d] of rows) {
  const a = stats(runs.app.map((r) => r[key]));
  const b = stats(runs.base.map((r) => r[key]));
  md += `| ${label} | ${f(a.median, d)} | ${f(a.min, d)} | ${f(a.max, d)} | ${f(b.median, d)} | ${f(b.min, d)} | ${f(b.max, d)} | ${f(a.median / b.median, 2)} |\n`;
}
const s = stats(inter.slider.busy);
const k = stats(inter.keys.busy);
const sp = stats(inter.slider.paint);
const kp = stats(inter.keys.paint);
md += `\n## Interaction latency (${EVENTS} events each, ${CPU_SLOWDOWN}× CPU slowdown)\n\n`;
md += `"Busy" is the main thread's work from the input to the painted frame: the event, the renders it sets off, style, layout and paint. "To next paint" is what a user waits, which also counts idling until the display's next frame (up to 16.7 ms at 60 Hz, even for a page doing nothing). The budgets apply to the work.\n\n`;
md += `| interaction | busy p50 (ms) | busy p95 (ms) | busy max (ms) | to next paint p50 | to next paint p95 | budget p95 |\n|---|---:|---:|---:|---:|---:|---:|\n`;
md += `| slider input → next paint | ${f(s.p50, 1)} | ${f(s.p95, 1)} | ${f(s.max, 1)} | ${f(sp.p50, 1)} | ${f(sp.p95, 1)} | 8 |\n`;
md += `| keystroke → results painted | ${f(k.p50, 1)} | ${f(k.p95, 1)} | ${f(k.max, 1)} | ${f(kp.p50, 1)} | ${f(kp.p95, 1)} | 16 |\n`;
const oc = stats(opens.cold);
const ow = stats(opens.warm);
md += `\n## An explorer opened right after load (card 23, ${OPENS} cold loads, ${CPU_SLOWDOWN}× CPU, same network)\n\n`;
md += `From the click on the card to the frame in which the explorer's controls are there. "Cold": the first open after the page is ready, in a fresh context with the cache off (the second stage is fetched then, unless the idle warm-up already has it). "Cached": the card closed and opened again.\n\n`;
md += `| open | p50 (ms) | p95 (ms) | max (ms) | budget |\n|---|---:|---:|---:|---|\n`;
md += `| cold | ${f(oc.p50)} | ${f(oc.p95)} | ${f(oc.max)} | p95 ≤ 500 ms |\n`;
md += `| cached | ${f(ow.p50)} | ${f(ow.p95)} | ${f(ow.max)} | one frame |\n`;
md += `\n## First-load size (bytes, from \`dist/sizes.json\`)\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n`;
for (const file of [
  ...sizes.files,
  ...Object.entries(sizes.pages ?? {}).map(([page, t]) => ({ name: `**first load with ${page}**`, ...t })),
]) {
  md += `| ${file.name} | ${file.raw} | ${file.gzip} | ${file.brotli} |\n`;
}
if (sizes.second_stage) {
  md += `\nLoaded on demand (the second stage: labs and explorers), not part of the first load:\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n`;
  for (const file of [...sizes.second_stage.files, { name: "**total**", ...sizes.second_stage.total }]) {
    md += `| ${file.name} | ${file.raw} | ${file.gzip} | ${file.brotli} |\n`;
  }
}
const lcpRatio = stats(runs.app.map((r) => r.lcp)).median / stats(runs.base.map((r) => r.lcp)).median;
md += `\n## Budgets\n\n| budget | target | measured | met |\n|---|---|---|---|\n`;
md += `| LCP vs static baseline | ≤ 1.2× | ${f(lcpRatio, 2)}× | ${lcpRatio <= 1.2 ? "yes" : `no, by ${f((lcpRatio - 1.2) * 100 / 1.2, 0)}%`} |\n`;
md += `| first load, brotli | ≤ 153,600 | ${sizes.total.brotli} | ${sizes.total.brotli <= 153600 ? "yes" : `no, by ${sizes.total.brotli - 153600} bytes`} |\n`;
md += `| slider → paint p95 (busy) | ≤ 8 ms | ${f(s.p95, 1)} ms | ${s.p95 <= 8 ? "yes" : `no, by ${f(s.p95 - 8, 1)} ms`} |\n`;
md += `| explorer opened after load, p95 | ≤ 500 ms | ${f(oc.p95)} ms | ${oc.p95 <= 500 ? "yes" : `no, by ${f(oc.p95 - 500)} ms`} |\n`;
md += `| keystroke → results p95 (busy) | ≤ 16 ms | ${f(k.p95, 1)} ms | ${k.p95 <= 16 ? "yes" : `no, by ${f(k.p95 - 16, 1)} ms`} |\n`;
const notes = (() => {
  try {
    return readFileSync("docs/perf-notes.md", "utf8");
  } catch {
    return "";
  }
})();
writeFileSync("docs/perf.md", md + (notes ? `\n${notes}` : ""));
console.log(md);
