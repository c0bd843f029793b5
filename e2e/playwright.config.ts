import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";

// Overridable so that two runs (e.g. two working copies) can share a machine.
const PORT = Number(process.env.E2E_PORT || 4173);
const DIST = process.env.E2E_DIST || "dist";

export default defineConfig({
  testDir: "./tests",
  outputDir: process.env.E2E_OUTPUT || "./test-results",
  fullyParallel: true,
  workers: 2,
  // A test.only left in a spec fails the run everywhere, not only on CI: it would skip every other test.
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // The system Chromium with the flags this machine needs (e2e/chromium.mjs).
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1440, height: 900 } } },
    { name: "phone", use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: `node e2e/server.mjs --root ${DIST} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    cwd: "..",
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
