// Screenshots of the first screen and of an open explorer (card 23's softmax explorer), in each engine,
// at phone (390×844) and desktop (1440×900) size, in English and Chinese: for looking at, not kept
// in the repository (they go to e2e/test-results/engines/screens). With --sheet FILE, also one
// comparison sheet of them, laid out by a browser page and captured (the image in docs/engines.md).
//   node e2e/engines/screens.mjs [--dist dist] [--port 4280] [--engines firefox,webkit] [--sheet docs/engines.png]
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startServer } from "../server.mjs";
import { launchFirefox, launchWebKit, waitFor } from "./drivers.mjs";
import { inPage, open } from "./scenarios.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PORT = Number(arg("port", 4280));
const ENGINES = arg("engines", "firefox,webkit").split(",");
const OUT = resolve("e2e/test-results/engines/screens");
const SHEET = arg("sheet", "");
mkdirSync(OUT, { recursive: true });

const server = await startServer({ root: resolve(arg("dist", "dist")), port: PORT });
const SIZES = { phone: [390, 844], desktop: [1440, 900] };
const shots = [];
for (const name of ENGINES) {
  const engine = name === "firefox" ? await launchFirefox() : await launchWebKit({ port: PORT + 3 });
  for (const [size, [w, h]] of Object.entries(SIZES)) {
    for (const lang of ["en", "zh"]) {
      let d = await engine.session();
      await d.setViewport(w, h);
      const page = lang === "zh" ? "zh.html" : "";
      await open(d, `${server.url}${page}?lang=${lang}`);
      const first = join(OUT, `${name}-${size}-${lang}-first.png`);
      await d.screenshot(first);
      // A new session: WebKitWebDriver does not answer a navigation that only changes the hash.
      await d.close();
      d = await engine.session();
      await d.setViewport(w, h);
      await open(d, `${server.url}${page}?lang=${lang}#q23`);
      await waitFor("the explorer", () => inPage(d, () => document.querySelector("#q23 llm-part")?.dataset.part === "ready"), 60_000);
      await inPage(d, () => document.querySelector("#q23 section.explorer").scrollIntoView({ block: "start" }));
      await waitFor("the explorer in view", () => inPage(d, () => Math.abs(document.querySelector("#q23 section.explorer").getBoundingClientRect().top) < 2), 10_000);
      const opened = join(OUT, `${name}-${size}-${lang}-explorer.png`);
      await d.screenshot(opened);
      // Say so if the card was no longer open when the picture was taken (it is looked at, not asserted).
      const state = await inPage(d, () => `card 23 open: ${document.querySelector("#q23 details").open}, explorer top: ${Math.round(document.querySelector("#q23 section.explorer").getBoundingClientRect().top)}`);
      console.log(`${name} ${size} ${lang}: after the explorer shot, ${state}`);
      shots.push({ name, size, lang, first, opened, version: engine.version });
      await d.close();
      console.log(`${name} ${size} ${lang}: ${first}, ${opened}`);
    }
  }
  await engine.close();
}
await server.close();

if (SHEET) {
  // One row per engine and size; English and Chinese side by side, first screen then explorer.
  const rows = [...new Set(shots.map((s) => `${s.name}|${s.size}`))].map((key) => {
    const [name, size] = key.split("|");
    const cells = shots.filter((s) => s.name === name && s.size === size);
    const imgs = cells.flatMap((c) => [
      `<figure><img src="file://${c.first}"><figcaption>${c.lang}, first screen</figcaption></figure>`,
      `<figure><img src="file://${c.opened}"><figcaption>${c.lang}, explorer</figcaption></figure>`,
    ]);
    return `<section class="${size}"><h2>${cells[0].version} — ${size} ${SIZES[size].join("×")}</h2><div>${imgs.join("")}</div></section>`;
  });
  const html = `<!doctype html><meta charset="utf-8"><style>
    body { margin: 12px; font: 14px sans-serif; background: #fff; }
    h2 { font-size: 15px; margin: 10px 0 4px; }
    section > div { display: flex; gap: 8px; }
    figure { margin: 0; } figcaption { font-size: 12px; color: #444; }
    img { border: 1px solid #999; display: block; }
    .phone img { width: 195px; } .desktop img { width: 360px; }
  </style>${rows.join("")}`;
  const page = join(OUT, "sheet.html");
  writeFileSync(page, html);
  const engine = await launchFirefox();
  const d = await engine.session();
  await d.setViewport(1530, 10);
  await d.goto(`file://${page}`);
  await waitFor("the images", () => d.evaluate(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0)), 30_000);
  const height = await d.evaluate(() => document.documentElement.scrollHeight);
  await d.setViewport(1530, height);
  await d.screenshot(resolve(SHEET));
  await d.close();
  await engine.close();
  console.log(`sheet: ${SHEET}`);
}
