// Runs the cross-engine scenarios (scenarios.mjs) in Firefox (Gecko) and WebKit against a build.
//   node e2e/engines/run.mjs [--dist dist] [--port 4280] [--engines firefox,webkit] [--grep text]
//                            [--report file.json] [--out e2e/test-results/engines]
// Ports used: port (front server), port + 1 (the plain server behind it), port + 2 (the offline
// scenario's own server), port + 3 (WebKitWebDriver).
// Prints one line per scenario and engine, and writes { passed, failed, skipped, errors } to --report,
// where errors counts what failed outside any scenario (an engine that could not start). Exit code 0
// exactly when nothing failed. Every engine asked for must start: one that cannot is a failure, never
// a skip.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../server.mjs";
import { launchFirefox, launchWebKit } from "./drivers.mjs";
import { SCENARIOS } from "./scenarios.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const DIST = resolve(arg("dist", "dist"));
const PORT = Number(arg("port", process.env.ENGINES_PORT || 4280));
const ENGINES = arg("engines", "firefox,webkit").split(",");
const GREP = arg("grep", "");
const REPORT = arg("report", "");
const OUT = resolve(arg("out", join(HERE, "../test-results/engines")));
const SCENARIO_TIMEOUT = 150_000;

const PROBE_PATH = "/__engine-probe.js";
const PROBE = readFileSync(join(HERE, "probe.js"));

/**
 * The server the scenarios talk to: passes every request to the plain server of `dist`, puts the
 * probe script first into every HTML page, and holds the app's wasm while hold() is in effect.
 */
async function startFront(port, upstream) {
  let gate = null;
  const server = createServer(async (req, res) => {
    try {
      if (req.url === PROBE_PATH) {
        res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
        return res.end(PROBE);
      }
      if (gate && /_bg\.wasm(\?|$)/.test(req.url)) await gate.promise;
      const up = await fetch(upstream + req.url.slice(1), { method: req.method, headers: { "accept-encoding": "identity" } });
      const headers = Object.fromEntries([...up.headers].filter(([k]) => !/^(content-length|content-encoding|transfer-encoding|connection|keep-alive)$/.test(k)));
      let body = Buffer.from(await up.arrayBuffer());
      if (/text\/html/.test(up.headers.get("content-type") || "")) {
        body = Buffer.from(body.toString("utf8").replace(/<head>/i, `<head><script src="${PROBE_PATH}"></script>`));
      }
      res.writeHead(up.status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${port}/`,
    hold() {
      let release;
      const promise = new Promise((r) => (release = r));
      gate = { promise };
      return () => {
        gate = null;
        release();
      };
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const plain = await startServer({ root: DIST, port: PORT + 1 });
const front = await startFront(PORT, plain.url);
mkdirSync(OUT, { recursive: true });

const counts = { passed: 0, failed: 0, skipped: 0, errors: 0 };
const failures = [];
const chosen = SCENARIOS.filter((s) => s.name.includes(GREP));
let n = 0;

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, no) => setTimeout(() => no(new Error(`${what}: over ${ms} ms`)), ms).unref())]);

for (const name of ENGINES) {
  let engine;
  const t0 = Date.now();
  try {
    if (name === "firefox") engine = await launchFirefox();
    else if (name === "webkit") engine = await launchWebKit({ port: PORT + 3 });
    else throw new Error(`unknown engine ${name}`);
  } catch (err) {
    counts.errors++;
    failures.push(`${name}: could not start: ${err.message}`);
    console.log(`not ok - ${name}: the engine could not start: ${err.message}`);
    continue;
  }
  const ctx = {
    base: front.url,
    hold: () => front.hold(),
    offlineServer: () => startServer({ root: DIST, port: PORT + 2 }),
    engine: name,
  };
  for (const s of chosen) {
    n++;
    const started = Date.now();
    let d;
    let outcome;
    try {
      d = await engine.session();
      outcome = await withTimeout(s.run(d, ctx), SCENARIO_TIMEOUT, "the scenario");
      if (!outcome?.skipped) {
        const errors = (await d.errors()).filter((e) => !(s.allowErrors && s.allowErrors.test(e)));
        if (errors.length) throw new Error(`console errors:\n      ${errors.join("\n      ")}`);
      }
    } catch (err) {
      outcome = { error: err };
      if (d) {
        const shot = join(OUT, `${name}-${s.name.replace(/[^a-z0-9]+/gi, "-")}.png`);
        await withTimeout(d.screenshot(shot), 10_000, "screenshot").catch(() => {});
      }
    }
    if (d) await withTimeout(d.close(), 10_000, "closing").catch(() => {});
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (outcome?.error) {
      counts.failed++;
      failures.push(`${name}: ${s.name}: ${outcome.error.message.split("\n")[0]}`);
      console.log(`not ok ${n} - ${name}: ${s.name} (${secs} s)\n    ${outcome.error.message.split("\n").slice(0, 6).join("\n    ")}`);
    } else if (outcome?.skipped) {
      counts.skipped++;
      console.log(`skip ${n} - ${name}: ${s.name}: ${outcome.skipped}`);
    } else {
      counts.passed++;
      console.log(`ok ${n} - ${name}: ${s.name} (${secs} s)`);
    }
  }
  console.log(`# ${name} (${engine.version}): ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await withTimeout(engine.close(), 20_000, "closing the engine").catch((err) => console.log(`# ${err.message}`));
}

await front.close();
await plain.close();
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.errors} engine(s) that did not start`);
if (failures.length) console.log(`\nFailures:\n  ${failures.join("\n  ")}`);
if (REPORT) writeFileSync(REPORT, JSON.stringify(counts));
process.exit(counts.failed + counts.errors === 0 ? 0 : 1);
