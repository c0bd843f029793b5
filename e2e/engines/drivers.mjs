// Two drivers behind one small interface, so that each cross-engine scenario (scenarios.mjs) is
// written once and runs in Gecko and in WebKit:
//   firefox  Firefox ESR through puppeteer-core over WebDriver BiDi;
//   webkit   WebKitGTK's MiniBrowser through WebKitWebDriver, W3C WebDriver (classic) over plain HTTP.
//
// A driver is one fresh browsing session (empty storage, no service worker) with:
//   goto(url)            navigate and return once the new document is there (its scripts may still run)
//   reload()
//   evaluate(fn, ...args) run fn(...args) in the page (fn may be async); its JSON-able result
//   press(key)           one real key press on whatever has focus ("ArrowLeft", "Tab", "Shift+Tab",
//                        "Control+a", "Space", "Enter", a character)
//   type(text)           real key presses, one per character
//   click(x, y)          a real mouse click at viewport coordinates
//   setViewport(w, h)    the size of the page's viewport, in CSS pixels
//   screenshot(path)     a PNG of the viewport
//   errors()             console errors, uncaught exceptions and failed loads since the session
//                        started, as text (async)
//   close()
// An engine (launchFirefox / launchWebKit) starts the browser or its driver once and hands out
// sessions with engine.session(); engine.close() stops everything it started.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";

/** Polls `probe` until it returns a truthy value (which it returns) or `ms` have passed (throws). */
export async function waitFor(what, probe, ms = 15_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${ms} ms waiting for ${what} (last seen: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---------------------------------------------------------------- Firefox (puppeteer-core, BiDi)

export async function launchFirefox({ executablePath = process.env.FIREFOX || "/usr/bin/firefox-esr" } = {}) {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath,
    headless: true,
    protocol: "webDriverBiDi",
    // Nothing of Mozilla's own services on a closed network.
    extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false, "app.update.enabled": false },
  });
  const version = await browser.version();
  return {
    name: "firefox",
    version,
    async session() {
      // A user context of its own: storage, caches and service workers are not shared between sessions.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const errors = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
      await page.setViewport({ width: 1280, height: 900 });
      return {
        async goto(url) {
          await page.goto(url, { waitUntil: "domcontentloaded" });
        },
        async reload() {
          await page.reload({ waitUntil: "domcontentloaded" });
        },
        evaluate(fn, ...args) {
          return page.evaluate(`(${fn})(...${JSON.stringify(args)})`);
        },
        async press(key) {
          const parts = key.split("+").map((k) => (k === "Space" ? " " : k));
          const main = parts.pop();
          for (const m of parts) await page.keyboard.down(m);
          await page.keyboard.press(main);
          for (const m of parts.reverse()) await page.keyboard.up(m);
        },
        async type(text) {
          await page.keyboard.type(text);
        },
        async click(x, y) {
          await page.mouse.click(x, y);
        },
        async setViewport(width, height) {
          await page.setViewport({ width, height });
        },
        async screenshot(path) {
          await page.screenshot({ path });
        },
        errors: async () => [...errors],
        async close() {
          await context.close();
        },
      };
    },
    async close() {
      await browser.close();
    },
  };
}

// ---------------------------------------------------------------- WebKit (W3C WebDriver over HTTP)

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

// Key names to WebDriver's code points (the W3C spec's "keyboard actions" table).
const WD_KEYS = {
  Tab: "\uE004",
  Enter: "\uE007",
  Shift: "\uE008",
  Control: "\uE009",
  Escape: "\uE00C",
  Space: " ",
  End: "\uE010",
  Home: "\uE011",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
  Backspace: "\uE003",
};

/**
 * Starts WebKitWebDriver on `port` inside its own X server (xvfb-run: MiniBrowser needs a display;
 * its --headless mode hung). Classic WebDriver has no console, and MiniBrowser's "console messages to
 * stdout" setting does not reach the windows automation opens, so errors() reads what the probe
 * script (probe.js, put into every served page by run.mjs's front server) recorded in each document,
 * collected before every navigation.
 */
export async function launchWebKit({ port, binary = process.env.MINIBROWSER || MINIBROWSER } = {}) {
  const child = spawn(
    "xvfb-run",
    ["-a", "-s", "-screen 0 1920x1200x24", "WebKitWebDriver", `--port=${port}`, "--host=127.0.0.1"],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let exited = null;
  child.on("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  // Its own process group (detached): stopped with this process, however this process ends.
  process.on("exit", () => stop());
  const startLog = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      if (process.env.ENGINES_DEBUG) process.stderr.write(`[webkit] ${line}\n`);
      if (startLog.length < 50) startLog.push(line);
    });
  }
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body, ms = 90_000) => {
    if (process.env.ENGINES_DEBUG) process.stderr.write(`[webkit] ${Date.now() % 1e6} ${method} ${path.replace(/^\/session\/[^/]+/, "")} ${body?.url || (body?.script || "").slice(140, 240).replace(/\s+/g, " ")}\n`);
    const res = await fetch(base + path, {
      method,
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      // Nothing the scenarios ask takes long: a call that hangs is a failure, not a five-minute wait.
      signal: AbortSignal.timeout(ms),
    });
    const json = await res.json();
    if (!res.ok || json.value?.error) {
      throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    }
    return json.value;
  };
  try {
    await waitFor(
      "WebKitWebDriver to answer",
      async () => {
        if (exited) throw new Error(`WebKitWebDriver ${exited}: ${startLog.join(" | ")}`);
        return (await call("GET", "/status")).ready !== undefined;
      },
      30_000,
    );
  } catch (err) {
    stop();
    throw err;
  }
  function stop() {
    try {
      process.kill(-child.pid, "SIGTERM"); // xvfb-run, Xvfb, the driver and its browsers
    } catch {}
  }
  let version = "";
  return {
    name: "webkit",
    get version() {
      return version;
    },
    async session() {
      const caps = await call("POST", "/session", {
        capabilities: {
          alwaysMatch: {
            // Navigation returns at DOMContentLoaded, as with Firefox: the load event waits for the
            // wasm, which a scenario may hold back on purpose.
            pageLoadStrategy: "eager",
            "webkitgtk:browserOptions": {
              binary,
              args: ["--automation"],
            },
          },
        },
      });
      version = `${caps.capabilities.browserName} ${caps.capabilities.browserVersion}`;
      const s = `/session/${caps.sessionId}`;
      const errors = [];
      // What the current document's probe recorded, taken once (the probe empties its list).
      const harvest = async () => {
        try {
          errors.push(...((await driver.evaluate(() => (window.__engineErrors || []).splice(0))) || []));
        } catch {
          // no document, or one without the probe: nothing to take
        }
      };
      const keys = async (actions) =>
        call("POST", `${s}/actions`, { actions: [{ type: "key", id: "keyboard", actions }] });
      const driver = {
        async goto(url) {
          await harvest();
          await call("POST", `${s}/url`, { url });
        },
        async reload() {
          await harvest();
          await call("POST", `${s}/refresh`, {});
        },
        async evaluate(fn, ...args) {
          const script = `const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => (${fn})(...${JSON.stringify(args)}))
              .then((value) => done({ value: value === undefined ? null : value }),
                    (e) => done({ error: String(e && e.stack || e) }));`;
          // A script that runs while the page navigates (the app reloads itself once its service
          // worker takes over, say) gets no answer from WebKitWebDriver: give up after a while, so
          // that a polling caller asks again in the new document.
          const out = await call("POST", `${s}/execute/async`, { script, args: [] }, 10_000);
          if (out && out.error) throw new Error(`in the page: ${out.error}`);
          return out?.value;
        },
        async press(key) {
          const parts = key.split("+").map((k) => WD_KEYS[k] ?? k);
          const main = parts.pop();
          await keys([
            ...parts.map((value) => ({ type: "keyDown", value })),
            { type: "keyDown", value: main },
            { type: "keyUp", value: main },
            ...parts.reverse().map((value) => ({ type: "keyUp", value })),
          ]);
        },
        async type(text) {
          await keys([...text].flatMap((value) => [{ type: "keyDown", value }, { type: "keyUp", value }]));
        },
        async click(x, y) {
          await call("POST", `${s}/actions`, {
            actions: [
              {
                type: "pointer",
                id: "mouse",
                parameters: { pointerType: "mouse" },
                actions: [
                  { type: "pointerMove", origin: "viewport", x: Math.round(x), y: Math.round(y) },
                  { type: "pointerDown", button: 0 },
                  { type: "pointerUp", button: 0 },
                ],
              },
            ],
          });
          await call("DELETE", `${s}/actions`);
        },
        async setViewport(width, height) {
          // WebDriver sizes the window; the window's frame (if any) is the difference to correct.
          await call("POST", `${s}/window/rect`, { width, height });
          const inner = await driver.evaluate(() => [innerWidth, innerHeight]);
          if (inner[0] !== width || inner[1] !== height) {
            await call("POST", `${s}/window/rect`, {
              width: width + (width - inner[0]),
              height: height + (height - inner[1]),
            });
          }
        },
        async screenshot(path) {
          // Two animation frames first: a picture taken right after a scroll could show the page
          // as it was painted before it (seen at desktop size).
          await driver.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await writeFile(path, Buffer.from(await call("GET", `${s}/screenshot`), "base64"));
        },
        async errors() {
          await harvest();
          return [...errors];
        },
        async close() {
          await call("DELETE", s).catch(() => {});
        },
      };
      await driver.setViewport(1280, 900);
      return driver;
    },
    async close() {
      stop();
    },
  };
}
