// Makes the app's wasm wait for the first paint. The page arrives prerendered and readable, so
// nothing should compete with its first paint: Trunk's loader would start downloading the wasm from
// <head> (a preload) and run it as soon as it arrives, which on a slow phone holds the largest
// contentful paint back behind the download and the hydration. Here the preload goes, and the
// inline loader awaits a painted frame (or goes at once in a hidden tab, which paints nothing)
// before it fetches and starts the wasm. Fails the build if Trunk's output no longer looks as
// expected. Run by scripts/post-build.sh before csp.mjs, which hashes the edited loader.
//   node scripts/loader.mjs [dir]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGE_PAGES } from "./files.mjs";

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";
const afterPaint =
  "await new Promise((go) => (document.hidden ? go() : requestAnimationFrame(() => setTimeout(go, 0))));\n";
const start = "const wasm = await init(";
const preload = /<link rel="preload" href="[^"]+_bg\.wasm"[^>]*>\s*/g;

// One prerendered page per language (src/bin/prerender.rs): both start the wasm the same way.
for (const page of LANGUAGE_PAGES) {
  const file = join(dir, page);
  let html = readFileSync(file, "utf8");
  const preloads = html.match(preload) ?? [];
  if (preloads.length !== 1) {
    console.error(`loader: expected one wasm preload in ${file}, found ${preloads.length}`);
    process.exit(1);
  }
  html = html.replace(preload, "");
  if (html.split(start).length !== 2) {
    console.error(`loader: expected Trunk's loader (${start}…) once in ${file}`);
    process.exit(1);
  }
  writeFileSync(file, html.replace(start, afterPaint + start));
}
console.log(`loader: the wasm starts after the first paint (preload removed) in ${LANGUAGE_PAGES.join(" and ")}`);
