// Records the shipped sizes of a build: raw, gzip -9 and brotli q11 of each file a first visit loads
// (HTML, JS, wasm, CSS, manifest; one of the two language pages, the heavier counting). Run by Trunk's post_build hook on the staging dir, or by hand:
//   node scripts/sizes.mjs [dir]
// Writes <dir>/sizes.json and prints a table. With --max-brotli N (scripts/test.sh passes the ceiling
// of scripts/budgets.env), exits 1 when the first load's brotli total is over N bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { LANGUAGE_PAGES, walk } from "./files.mjs";

const args = process.argv.slice(2);
const maxAt = args.indexOf("--max-brotli");
const maxBrotli = maxAt >= 0 ? Number(args.splice(maxAt, 2)[1]) : null;
if (maxAt >= 0 && !(maxBrotli > 0)) {
  console.error("sizes.mjs: --max-brotli needs a number of bytes");
  process.exit(2);
}
const dir = args[0] || process.env.TRUNK_STAGING_DIR || "dist";
const FIRST_LOAD = new Set([".html", ".js", ".wasm", ".css", ".webmanifest"]);

// Not loaded by a visit to the app: the embed files (loaded by other sites' pages) and the demo blog.
const NOT_THE_APP = /^(embed[.-]|blog-example\.)/;
// The second stage (labs and explorers, scripts/parts.sh): fetched when a part is about to be shown,
// never by the first load. Reported on its own line.
const SECOND_STAGE = /^parts-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/;
// The questions' text as data, one file per language (src/texts.rs): the first stage reads its page's
// language from the page, and fetches a file only for another language or the search.
const TEXTS = /^texts-(en|zh)-[0-9a-f]+\.json$/;

const measure = (name) => {
  const data = readFileSync(join(dir, name));
  return {
    name,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
};
const shipped = walk(dir)
  .filter((f) => FIRST_LOAD.has(extname(f)) && !f.startsWith("e2e/") && !NOT_THE_APP.test(f))
  .sort();
const files = shipped.filter((f) => !SECOND_STAGE.test(f)).map(measure);
const second = shipped.filter((f) => SECOND_STAGE.test(f)).map(measure);
const texts = walk(dir).filter((f) => TEXTS.test(f)).sort().map(measure);
if (texts.length !== 2) {
  console.error(`sizes.mjs: expected the two texts-<lang>-<hash>.json files in ${dir}, found ${texts.length}`);
  process.exit(1);
}

const sum = (list) =>
  list.reduce(
    (t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
// A visit loads one of the language pages with the rest: the first load is that of the heavier page.
const shared = files.filter((f) => !LANGUAGE_PAGES.includes(f.name));
const pages = Object.fromEntries(
  files.filter((f) => LANGUAGE_PAGES.includes(f.name)).map((page) => [page.name, sum([...shared, page])]),
);
if (Object.keys(pages).length === 0) {
  console.error(`sizes.mjs: none of ${LANGUAGE_PAGES.join(", ")} in ${dir}`);
  process.exit(1);
}
const total = Object.values(pages).reduce((a, b) => (b.brotli > a.brotli ? b : a));
const secondTotal = sum(second);
writeFileSync(
  join(dir, "sizes.json"),
  JSON.stringify({ files, total, pages, second_stage: { files: second, total: secondTotal }, texts }, null, 2) + "\n",
);

const pad = (s, n) => String(s).padStart(n);
console.log(`${"file".padEnd(40)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
const row = (f) => console.log(`${f.name.padEnd(40)} ${pad(f.raw, 9)} ${pad(f.gzip, 9)} ${pad(f.brotli, 9)}`);
[...files, ...Object.entries(pages).map(([page, t]) => ({ name: `first load with ${page}`, ...t }))].forEach(row);
[...second, { name: "second stage (on demand)", ...secondTotal }].forEach(row);
texts.forEach((f) => row({ ...f, name: `${f.name} (on demand)` }));

if (maxBrotli !== null) {
  if (total.brotli > maxBrotli) {
    console.error(`first load is ${total.brotli} bytes brotli, over the ceiling of ${maxBrotli} (scripts/budgets.env)`);
    process.exit(1);
  }
  console.log(`first load ${total.brotli} bytes brotli: within the ceiling of ${maxBrotli}`);
}
