#!/usr/bin/env bash
# Builds the app's second stage (the labs and explorers, src/bin/parts.rs) into a build's directory:
# cargo for wasm32 → wasm-bindgen (--target web: an ES module that <llm-part> imports) → wasm-opt -Oz in
# release builds → scripts/parts.mjs, which gives both files content-hashed names and writes part.js
# (the <llm-part> element) pointing at them. Trunk builds only one Rust binary (the first stage), so this
# runs from its post_build hook (scripts/post-build.sh), with the same profile.
#   bash scripts/parts.sh [dir]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
dir=${1:-${TRUNK_STAGING_DIR:-dist}}
profile=${TRUNK_PROFILE:-release}

cargo_args=(--target wasm32-unknown-unknown --bin parts --features parts)
out=debug
if [ "$profile" = release ]; then
  cargo_args+=(--release)
  out=release
fi
cargo build "${cargo_args[@]}"
target=$(cargo metadata --format-version 1 --no-deps | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0)).target_directory)')

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name parts \
  "$target/wasm32-unknown-unknown/$out/parts.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz "$tmp/parts_bg.wasm" -o "$tmp/parts_bg.wasm"
fi
node scripts/parts.mjs "$tmp" "$dir"
