// Lighthouse measurement of the built app: serves a dist directory with e2e/server.mjs (brotli/gzip on
// loopback, as a real host would), runs Lighthouse (the exact version pinned in package.json) through its
// node API in the system Chromium, with the mobile preset (Lighthouse's default config: Moto G Power
// emulation, simulated slow 4G, 4x CPU) and the desktop preset, for the four categories performance,
// accessibility, best-practices and seo, on `/` and `/?lang=zh`. Writes docs/lighthouse.md: the scores,
// the key metrics, the versions, and every audit that did not score 1 with the elements or URLs at fault.
//
//   node scripts/lighthouse.mjs [DIST] [--dist DIST] [--port 4791] [--runs 3] [--out docs/lighthouse.md]
//                               [--json results.json] [--presets mobile,desktop] [--paths /,/?lang=zh]
//                               [--no-trace-fix]
//
// DIST defaults to $LH_DIST or `dist`. Measure a copy if the build may change underneath
// (`rm -rf target/lh-dist && cp -r dist target/lh-dist && node scripts/lighthouse.mjs target/lh-dist`).
// Each page is measured --runs times (default 3) and the median run (Lighthouse's own
// computeMedianRun: closest to the median FCP and TTI) is reported.
// Chromium comes from $CHROME_PATH (default /usr/bin/chromium).
//
// Exit code: 0 when every page was measured, whatever the scores (this is a measuring tool, not a gate);
// 1 when a run failed (Lighthouse runtime error, a category without a score); 2 when nothing could be
// measured at all (no dist, bad arguments, Chromium would not start).
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium.mjs";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import TraceGatherer from "lighthouse/core/gather/gatherers/trace.js";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";

const SERVER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "..", "e2e", "server.mjs");

// ---------------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const VALUED = new Set(["dist", "port", "runs", "out", "json", "presets", "paths"]);
const SWITCHES = new Set(["no-trace-fix"]);
const opts = {};
const positional = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "-h" || a === "--help") {
    console.log("usage: node scripts/lighthouse.mjs [DIST] [--port N] [--runs N] [--out FILE] [--json FILE]" +
      " [--presets mobile,desktop] [--paths /,/?lang=zh] [--no-trace-fix]");
    process.exit(0);
  }
  if (a.startsWith("--")) {
    const [name, inline] = a.slice(2).split(/=(.*)/s);
    if (SWITCHES.has(name)) {
      opts[name] = true;
      continue;
    }
    if (!VALUED.has(name)) fail(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    opts[name] = value;
  } else {
    positional.push(a);
  }
}

const DIST = opts.dist ?? positional[0] ?? process.env.LH_DIST ?? "dist";
const PORT = Number(opts.port ?? process.env.LH_PORT ?? 4791);
const RUNS = Number(opts.runs ?? 3);
const OUT = opts.out ?? "docs/lighthouse.md";
const JSON_OUT = opts.json;
const NO_TRACE_FIX = Boolean(opts["no-trace-fix"]);
const CHROME_PATH = CHROMIUM_PATH;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// The two presets of the Lighthouse CLI: no config is its mobile default, desktopConfig is `--preset=desktop`.
const PRESETS = { mobile: undefined, desktop: desktopConfig };
const presetNames = (opts.presets ?? "mobile,desktop").split(",").filter(Boolean);
const paths = (opts.paths ?? "/,/?lang=zh").split(",").filter(Boolean);

if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) fail(`bad port ${PORT}`);
if (!Number.isInteger(RUNS) || RUNS < 1) fail(`bad --runs ${opts.runs}`);
for (const p of presetNames) if (!(p in PRESETS)) fail(`unknown preset ${p} (mobile or desktop)`);
if (!existsSync(join(DIST, "index.html"))) fail(`${DIST}/index.html not found: build the app first`);
if (!existsSync(CHROME_PATH)) fail(`no Chromium at ${CHROME_PATH} (set CHROME_PATH)`);

// Flags for Chromium on this kind of machine (e2e/chromium.mjs), headless, plus a larger shared-memory
// fallback. chrome-launcher adds its own defaults (no extensions, no translate, ...) on top of these.
const CHROME_FLAGS = ["--headless", ...CHROMIUM_ARGS, "--disable-dev-shm-usage"];

// ---------------------------------------------------------------------------------------------------
// Trace compatibility shim
// ---------------------------------------------------------------------------------------------------

// Lighthouse 12.2.3 bundles a trace engine (@paulirish/trace_engine 0.0.32) that reads the frame number of
// each compositor "PipelineReporter" trace event from `args.chrome_frame_reporter.frame_sequence`. Newer
// Chromium (seen with 156) names that argument `args.frame_reporter`, and the engine then throws "Cannot
// read properties of undefined (reading 'frame_sequence')", which fails the RootCauses and TraceElements
// gatherers and with them render-blocking-resources, largest-contentful-paint-element, layout-shifts,
// lcp-lazy-loaded, prioritize-lcp-image and non-composited-animations (none of them weighs in a score, but
// they name what to fix). The shim copies the argument under the old name as soon as the trace is
// collected, before any gatherer or audit reads it; nothing else in the trace changes. The weighted audits
// (the five metrics, the accessibility/best-practices/SEO checks) do not go through the failing code and
// score the same either way; `--no-trace-fix` turns the shim off to check.
let traceFixes = 0;
if (!NO_TRACE_FIX) {
  const collect = TraceGatherer.prototype.getArtifact;
  TraceGatherer.prototype.getArtifact = function getArtifactWithOldFrameReporterName() {
    const trace = collect.call(this);
    for (const event of trace?.traceEvents ?? []) {
      const args = event.args;
      if (event.name === "PipelineReporter" && args?.frame_reporter && !args.chrome_frame_reporter) {
        args.chrome_frame_reporter = args.frame_reporter;
        traceFixes++;
      }
    }
    return trace;
  };
}

// ---------------------------------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------------------------------

/** Starts e2e/server.mjs in a process of its own. In this process it would share the event loop with
 *  Lighthouse, whose trace processing then delays responses; Lighthouse's simulation takes the observed
 *  server latency as the host's, so a slow loopback server would inflate FCP and LCP. Resolves once the
 *  server prints its URL. */
function startServerProcess(root, port) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(process.execPath, [SERVER_SCRIPT, "--root", root, "--port", String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/\S+)/);
      if (m) {
        child.stdout.off("data", onData);
        child.stdout.resume(); // keep draining, the server prints nothing more
        resolveStart({ url: m[1], stop: () => stopChild(child) });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.once("error", rejectStart);
    child.once("exit", (code) => rejectStart(new Error(`server exited with code ${code} (port ${port} in use?)`)));
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", done);
    child.kill("SIGTERM");
  });
}

/** Requests every file of the build once, brotli accepted as Chromium does, so that the server has
 *  compressed and cached each body before Lighthouse asks: the first brotli pass over the 170 KB
 *  prerendered index.html takes a noticeable time, which a real host (precompressed, cached) never shows. */
async function warmUp(baseUrl) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(relative(DIST, full).split("\\").join("/"));
    }
  };
  walk(DIST);
  for (const path of ["", ...files]) {
    const res = await fetch(new URL(path, baseUrl), { headers: { "accept-encoding": "br, gzip" } });
    await res.arrayBuffer();
  }
}

// ---------------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------------

/** One Lighthouse navigation in a Chromium of its own with a fresh profile, so that no cache, storage or
 *  service worker of an earlier run can leak into this one. Returns the LHR and the browser version. */
async function measureOnce(url, config) {
  const profile = mkdtempSync(join(tmpdir(), "lh-profile-"));
  let chrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROME_PATH,
      chromeFlags: CHROME_FLAGS,
      userDataDir: profile,
      logLevel: "silent",
      handleSIGINT: true,
    });
    // The DevTools endpoint names the exact browser build (e.g. "HeadlessChrome/156.0.8078.114").
    const version = await fetch(`http://127.0.0.1:${chrome.port}/json/version`).then((r) => r.json());
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error("Lighthouse returned no result");
    return { lhr: result.lhr, browser: version.Browser };
  } finally {
    if (chrome) {
      chrome.kill();
      // Wait until the process has really gone before its profile is removed.
      if (chrome.process.exitCode === null && chrome.process.signalCode === null) {
        await new Promise((done) => chrome.process.once("exit", done));
      }
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Measures one page RUNS times and keeps the median run. */
async function measure(url, config, label) {
  const lhrs = [];
  let browser = "";
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    const { lhr, browser: b } = await measureOnce(url, config);
    browser = b;
    lhrs.push(lhr);
    const s = CATEGORIES.map((c) => `${c} ${fmtScore(lhr.categories[c]?.score)}`).join(", ");
    const err = lhr.runtimeError ? ` RUNTIME ERROR ${lhr.runtimeError.code}` : "";
    console.log(`  ${label} run ${i + 1}/${RUNS}: ${s} (${((Date.now() - t0) / 1000).toFixed(0)} s)${err}`);
  }
  const valid = lhrs.filter((l) => !l.runtimeError);
  // computeMedianRun needs FCP and TTI in every run; fall back to the first run if some failed.
  const lhr = valid.length === lhrs.length && lhrs.length > 1 ? computeMedianRun(lhrs) : (valid[0] ?? lhrs[0]);
  return { lhr, browser };
}

// ---------------------------------------------------------------------------------------------------
// Reading a result
// ---------------------------------------------------------------------------------------------------

const fmtScore = (s) => (typeof s === "number" ? String(Math.round(s * 100)) : "—");

/** Every audit of the measured categories that counts and did not score 1, or errored. Audits that do
 *  not score (informative, manual, not applicable) are left out. */
function failingAudits(lhr) {
  const rows = [];
  for (const cat of CATEGORIES) {
    const category = lhr.categories[cat];
    if (!category) continue;
    const seen = new Set();
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || seen.has(ref.id)) continue;
      seen.add(ref.id);
      const mode = audit.scoreDisplayMode;
      if (mode === "error" || (audit.score !== null && audit.score < 1 && mode !== "informative")) {
        rows.push({ category: cat, group: ref.group ?? "", weight: ref.weight, audit });
      }
    }
  }
  return rows;
}

/** A short, one-line account of what an audit found: the elements (selector and HTML snippet) or URLs it
 *  names, with the savings of an opportunity, so the fix can be found without opening the JSON. */
function describe(audit, max = 6) {
  if (audit.scoreDisplayMode === "error") return `audit error: ${audit.errorMessage ?? "unknown"}`;
  const parts = [];
  const d = audit.details;
  if (d?.overallSavingsMs) parts.push(`saves ~${Math.round(d.overallSavingsMs)} ms`);
  if (d?.overallSavingsBytes) parts.push(`saves ~${kib(d.overallSavingsBytes)}`);
  // A "list" detail (e.g. the LCP element audit) holds whole tables: flatten them into one list of rows.
  const items = (Array.isArray(d?.items) ? d.items : []).flatMap((i) => (i?.type === "table" ? i.items : [i]));
  for (const item of items.slice(0, max)) parts.push(describeItem(item));
  if (items.length > max) parts.push(`… ${items.length - max} more`);
  if (!parts.length && audit.explanation) parts.push(audit.explanation);
  return parts.filter(Boolean).join("; ");
}

function describeItem(item) {
  if (!item || typeof item !== "object") return String(item ?? "");
  const bits = [];
  const node = item.node ?? (item.element?.type === "node" ? item.element : null);
  if (node?.type === "node") {
    bits.push(`\`${node.selector ?? node.path ?? ""}\``);
    if (node.snippet) bits.push(`\`${clip(node.snippet, 140)}\``);
    // axe's explanation says which check failed and, for contrast, the colours and the ratio.
    if (node.explanation) bits.push(clip(node.explanation.replace(/\s+/g, " "), 220));
  }
  const url = item.url ?? item.scriptUrl ?? item.source?.url ?? item.sourceLocation?.url;
  if (url) bits.push(shortUrl(url) + (item.source?.line !== undefined ? `:${item.source.line}` : ""));
  if (item.wastedBytes) bits.push(`${kib(item.wastedBytes)} wasted`);
  if (item.wastedMs) bits.push(`${Math.round(item.wastedMs)} ms wasted`);
  if (item.totalBytes && !item.wastedBytes) bits.push(kib(item.totalBytes));
  if (typeof item.description === "string") bits.push(clip(item.description, 160));
  if (typeof item.label === "string" && !bits.length) bits.push(item.label);
  if (item.subItems?.items?.length) {
    bits.push(item.subItems.items.slice(0, 2).map(describeItem).join(", "));
  }
  // Rows of a few well-known shapes: main-thread work by kind, LCP phases, DOM statistics.
  if (item.groupLabel && typeof item.duration === "number") bits.push(`${item.groupLabel} ${Math.round(item.duration)} ms`);
  if (item.phase && typeof item.timing === "number") bits.push(`${item.phase} ${Math.round(item.timing)} ms`);
  if (item.statistic) bits.push(`${item.statistic}: ${item.value?.value ?? item.value}`);
  if (typeof item.duration === "number" && url && !item.groupLabel) bits.push(`${Math.round(item.duration)} ms`);
  if (!bits.length) {
    // Anything else with only plain values: show them as key=value.
    const plain = Object.entries(item).filter(([, v]) => ["string", "number"].includes(typeof v)).slice(0, 3);
    bits.push(plain.map(([k, v]) => `${k}=${typeof v === "number" ? Math.round(v * 100) / 100 : clip(v, 60)}`).join(" "));
  }
  return bits.join(" ");
}

const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const shortUrl = (u) => u.replace(/^https?:\/\/127\.0\.0\.1:\d+/, "");
// Markdown table cells: no newlines, pipes escaped.
const cell = (s) => String(s ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");

const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "SI"],
  ["interactive", "TTI"],
];

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

/** Which build was measured: the hashed wasm file and its size, and the checkout it came from. */
function buildId() {
  const wasm = readdirSync(DIST).find((f) => f.endsWith(".wasm"));
  let git = "";
  try {
    git = execFileSync("git", ["describe", "--always", "--dirty"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // Not a git checkout: the report just leaves the commit out.
  }
  const wasmText = wasm ? `\`${wasm}\` (${statSync(join(DIST, wasm)).size.toLocaleString("en")} bytes raw)` : "no wasm";
  return `${wasmText}${git ? `, checkout \`${git}\`` : ""}`;
}

function report(results, meta) {
  const L = [];
  L.push("# Lighthouse");
  L.push("");
  L.push("Generated by `node scripts/lighthouse.mjs` — do not edit by hand; rerun it after a change.");
  L.push("");
  L.push(`- Date: ${meta.date}`);
  L.push(`- Lighthouse ${meta.lighthouse}, ${meta.browser} (\`${CHROME_PATH}\`), Node ${process.version}`);
  L.push(`- Build: ${meta.build}, served from \`${DIST}\` by \`e2e/server.mjs\` (brotli) on loopback`);
  L.push(`- Throttling: ${meta.throttling}; CPU benchmark index of this machine: ${meta.benchmark}`);
  L.push(`- Runs per page: ${RUNS}${RUNS > 1 ? " (median run reported)" : ""}`);
  L.push(`- Load average (1 min) before measuring: ${meta.load.toFixed(2)}` +
    (meta.load > 1 ? " — **another job was using the CPU: performance numbers are pessimistic; rerun on an idle machine**" : ""));
  L.push(`- Trace shim for Chromium newer than Lighthouse 12.2.3 (see the script): ${NO_TRACE_FIX ? "off" : `on, ${traceFixes} events renamed`}`);
  L.push(`- Requirement: accessibility, best practices and SEO 100 each; mobile performance ≥ 95`);
  L.push("");
  L.push("## Scores");
  L.push("");
  L.push("| preset | page | performance | accessibility | best practices | SEO | meets requirement |");
  L.push("|---|---|---:|---:|---:|---:|:---:|");
  for (const r of results) {
    const s = (c) => r.lhr.categories[c]?.score;
    const ok = s("accessibility") === 1 && s("best-practices") === 1 && s("seo") === 1 &&
      (r.preset !== "mobile" || (s("performance") ?? 0) >= 0.95);
    L.push(`| ${r.preset} | \`${r.path}\` | ${CATEGORIES.map((c) => fmtScore(s(c))).join(" | ")} | ${ok ? "yes" : "**no**"} |`);
  }
  L.push("");
  L.push("## Metrics");
  L.push("");
  L.push(`| preset | page | ${METRICS.map(([, n]) => n).join(" | ")} |`);
  L.push(`|---|---|${METRICS.map(() => "---:").join("|")}|`);
  for (const r of results) {
    const v = METRICS.map(([id]) => r.lhr.audits[id]?.displayValue ?? "—");
    L.push(`| ${r.preset} | \`${r.path}\` | ${v.join(" | ")} |`);
  }
  L.push("");
  L.push("## Audits that did not score 1");
  L.push("");
  L.push("Weight is the audit's share in its category score: weight 0 (opportunities, diagnostics, some checks)");
  L.push("does not move the score but names work worth doing. Metric scores are Lighthouse's log-normal curves.");
  L.push("");
  for (const r of results) {
    L.push(`### ${r.preset} \`${r.path}\``);
    L.push("");
    if (r.lhr.runtimeError) {
      L.push(`**Runtime error** ${r.lhr.runtimeError.code}: ${r.lhr.runtimeError.message}`);
      L.push("");
    }
    for (const w of r.lhr.runWarnings ?? []) L.push(`> Warning: ${cell(w)}`);
    if (r.lhr.runWarnings?.length) L.push("");
    const rows = failingAudits(r.lhr);
    if (!rows.length) {
      L.push("None.");
      L.push("");
      continue;
    }
    L.push("| category | audit id | title | score | weight | value | details |");
    L.push("|---|---|---|---:|---:|---|---|");
    for (const { category, weight, audit } of rows) {
      const score = audit.scoreDisplayMode === "error" ? "error" : audit.score.toFixed(2);
      L.push(`| ${category} | \`${audit.id}\` | ${cell(audit.title)} | ${score} | ${weight} | ${cell(audit.displayValue ?? "")} | ${cell(describe(audit))} |`);
    }
    L.push("");
  }
  return L.join("\n");
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

function fail(message) {
  console.error(`lighthouse.mjs: ${message}`);
  process.exit(2);
}

let server;
let exitCode = 0;
// Lighthouse's CPU-bound metrics (TBT above all) depend on what else the machine is doing: note it.
const loadAtStart = loadavg()[0];
if (loadAtStart > 1) console.warn(`warning: load average ${loadAtStart.toFixed(2)}: the performance numbers will suffer`);
try {
  server = await startServerProcess(DIST, PORT);
  console.log(`serving ${DIST} at ${server.url}`);
  await warmUp(server.url);
  const results = [];
  for (const preset of presetNames) {
    for (const path of paths) {
      const url = new URL(path.replace(/^\//, ""), server.url).href;
      const { lhr, browser } = await measure(url, PRESETS[preset], `${preset} ${path}`);
      results.push({ preset, path, url, lhr, browser });
    }
  }

  const first = results[0].lhr;
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    lighthouse: first.lighthouseVersion,
    browser: results[0].browser,
    build: buildId(),
    throttling: first.configSettings.throttlingMethod === "simulate"
      ? "simulated (Lighthouse defaults: mobile = slow 4G, 4x CPU; desktop = 10 Mbit/s, 40 ms RTT, no CPU slowdown)"
      : first.configSettings.throttlingMethod,
    benchmark: Math.round(first.environment.benchmarkIndex),
    load: loadAtStart,
  };
  writeFileSync(OUT, report(results, meta) + "\n");
  console.log(`wrote ${OUT}`);
  if (JSON_OUT) {
    const raw = results.map(({ preset, path, lhr }) => ({ preset, path, lhr }));
    writeFileSync(JSON_OUT, JSON.stringify(raw, null, 1));
    console.log(`wrote ${JSON_OUT}`);
  }
  // A page that could not be measured makes the whole measurement incomplete.
  const broken = results.filter((r) => r.lhr.runtimeError || CATEGORIES.some((c) => typeof r.lhr.categories[c]?.score !== "number"));
  if (broken.length) {
    console.error(`could not measure: ${broken.map((r) => `${r.preset} ${r.path}`).join(", ")}`);
    exitCode = 1;
  }
} catch (err) {
  console.error(`lighthouse.mjs: could not measure: ${err?.stack ?? err}`);
  exitCode = 2;
} finally {
  await server?.stop();
}
process.exit(exitCode);
