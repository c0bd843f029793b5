// The system Chromium and the flags it needs on these machines, shared by the Playwright config and
// the measuring scripts (scripts/perf.mjs, scripts/lighthouse.mjs). Test tools cannot download their
// own browser here. Running as root needs --no-sandbox; the network is closed, so every background
// service that would call Google hosts is switched off, or the browser stalls at start.
export const CHROMIUM_PATH = process.env.CHROMIUM || process.env.CHROME_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
