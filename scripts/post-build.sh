#!/usr/bin/env bash
# Trunk's post_build hook: the steps after a build, in order, on the staging dir. They share one hook
# because Trunk 0.21 starts every hook of a stage at the same moment (src/hooks.rs spawns them all),
# and each step here needs the files as the one before left them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/prerender.sh # the first screen, in English and Chinese, into index.html
bash scripts/parts.sh     # the second stage (labs, explorers) and part.js, the <llm-part> element
node scripts/embed.mjs    # embed.js, its stylesheet, embed.html and the example blog page
node scripts/loader.mjs   # the wasm waits for the first paint (no preload)
node scripts/csp.mjs      # the Content-Security-Policy of index.html and embed.html (hashes inline scripts)
node scripts/sw.mjs       # the service worker: hashes every file as shipped, so it comes after edits
node scripts/sizes.mjs    # raw/gzip/brotli sizes of what a first visit loads, into sizes.json
