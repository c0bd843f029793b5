#!/usr/bin/env bash
# Trunk post_build hook: renders the first screen into the staged index.html (see src/bin/prerender.rs).
set -euo pipefail
dir=${TRUNK_STAGING_DIR:-${1:-dist}}
exec cargo run --quiet --locked --features ssr --bin prerender -- "$dir/index.html"
