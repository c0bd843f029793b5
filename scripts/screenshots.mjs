// Pictures of a build for a person to look at: the top of the page and card 23 (its formula) in
// English, Chinese and both, and the sampling lab in English and Chinese, each on a desktop and a
// phone screen. Not a test: it checks nothing (the e2e suite does), it only takes the pictures that
// used to be taken by test cases that asserted almost nothing and still counted as passes.
//
//   node scripts/screenshots.mjs [--dist dist] [--out target/screens]
//
// Needs a release build (`trunk build --release`, or scripts/test.sh) and the npm packages
// (scripts/setup.sh). Uses the system Chromium, as the tests do.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium.mjs";
import { startServer } from "../e2e/server.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const DIST = arg("dist", "dist");
const OUT = arg("out", "target/screens");
mkdirSync(OUT, { recursive: true });

const SCREENS = {
  desktop: { viewport: { width: 1440, height: 900 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
};

const server = await startServer({ root: DIST, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [screen, options] of Object.entries(SCREENS)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const open = async (query) => {
      await page.goto(new URL(query, server.url).href);
      await page.locator('html[data-ready="true"]').waitFor({ timeout: 30_000 });
    };
    const shot = async (name, target = page) => {
      const path = join(OUT, `${screen}-${name}.png`);
      await target.screenshot({ path });
      console.log(path);
    };
    for (const lang of ["en", "zh", "both"]) {
      await open(`?lang=${lang}#q23`);
      await page.locator("#q23 .card__answers").waitFor();
      await shot(`${lang}-q23`);
      await open(`?lang=${lang}`);
      await shot(`${lang}-top`);
    }
    for (const lang of ["en", "zh"]) {
      await open(`?lang=${lang}&k=5&p=0.9#lab`);
      const lab = page.locator("#lab");
      await lab.scrollIntoViewIfNeeded();
      // The lab is a second-stage part: it loads once it is near the viewport.
      await page.waitForSelector("#lab llm-part[data-part=ready]");
      await shot(`${lang}-lab`, lab);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
