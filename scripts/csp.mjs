// Puts a strict Content-Security-Policy into the built pages (index.html, zh.html, embed.html) as a <meta>,
// first thing in <head>: scripts and styles only from the site itself, wasm allowed to compile
// ('wasm-unsafe-eval'), nothing from any other origin, no inline style at all, and inline scripts
// only by the SHA-256 of their exact text (Trunk writes one: the module that starts the wasm).
// Run by scripts/post-build.sh after every step that edits the pages, before the service worker:
//   node scripts/csp.mjs [dir]
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGE_PAGES } from "./files.mjs";

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";

// Development builds (`trunk serve`, TRUNK_PROFILE=debug) get no policy: the dev server adds its
// live-reload script to the page after this hook has run, so no hash here could allow it.
if (process.env.TRUNK_PROFILE === "debug" && !process.argv[2]) {
  console.log("csp: development build, no policy (trunk serve injects its live-reload script)");
  process.exit(0);
}

const PAGES = [...LANGUAGE_PAGES, "embed.html"];

/** The policy for a page whose inline scripts hash to `hashes`. */
export function policy(hashes) {
  const scripts = ["'self'", "'wasm-unsafe-eval'", ...hashes.map((h) => `'sha256-${h}'`)];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

for (const page of PAGES) {
  const file = join(dir, page);
  let html = readFileSync(file, "utf8");
  if (html.includes('http-equiv="Content-Security-Policy"')) {
    throw new Error(`csp.mjs: ${page} already has a policy (run once per build)`);
  }
  // Inline <script> elements (no src): their text, exactly as the browser will hash it.
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
    createHash("sha256").update(m[1], "utf8").digest("base64"),
  );
  if (/\sstyle="/.test(html.replace(/<!--[\s\S]*?-->/g, ""))) {
    throw new Error(`csp.mjs: ${page} has an inline style attribute, which the policy forbids`);
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}" />`;
  html = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n    ${meta}`);
  if (!html.includes(meta)) throw new Error(`csp.mjs: no <meta charset> in ${page} to put the policy after`);
  writeFileSync(file, html);
  console.log(`csp: ${page} (${hashes.length} inline script${hashes.length === 1 ? "" : "s"} by hash)`);
}
