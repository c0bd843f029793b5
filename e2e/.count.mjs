import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";
import { startServer } from "./server.mjs";
const srv = await startServer({ root: "dist", port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(srv.url + "?lang=en");
await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
console.log(await page.evaluate(() => {
  const n = (sel) => document.querySelectorAll(sel).length;
  return { all: n("#app *"), cards: n("#app ol.cards *"), lab: n("#lab *"), header: n("header *"), toolbar: n(".toolbar *"), footer: n("footer *") };
}));
await browser.close(); await srv.close();
