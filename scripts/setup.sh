#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the app needs on a fresh machine of this kind.
# Idempotent: anything already present at the pinned version is left alone, so a second run takes seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=versions.env
source scripts/versions.env

MODE=${1:-serve}
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

lock_version() { # version of a crate in Cargo.lock
  awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

WASM_BINDGEN_VERSION=$(lock_version wasm-bindgen)
[ -n "$WASM_BINDGEN_VERSION" ] || die "wasm-bindgen is missing from Cargo.lock"
TRUNK_WB=$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)
[ "$TRUNK_WB" = "$WASM_BINDGEN_VERSION" ] ||
  die "Trunk.toml pins wasm_bindgen = \"$TRUNK_WB\" but Cargo.lock has $WASM_BINDGEN_VERSION; make them equal"

# System packages (test only) are network-bound, cargo installs are CPU-bound: run them side by side.
apt_pid=
if [ "$MODE" = "--test" ] || [ "$MODE" = test ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # A CJK font, so that screenshots and layout checks see real Chinese glyphs.
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    ( export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    ) > /tmp/llm-qa-apt.log 2>&1 &
    apt_pid=$!
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# npm tools: wasm-opt (binaryen) for every build, Playwright and axe for the tests.
stamp=node_modules/.llm-qa-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${have:-none})"
  # Without --locked: the CLI's own lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

have=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (found: ${have:-none}; takes about 10 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

if [ -n "$apt_pid" ]; then
  wait "$apt_pid" || { cat /tmp/llm-qa-apt.log >&2; die "apt-get install failed"; }
fi

wasm-opt --version | grep -q 'version 132' || die "wasm-opt is not binaryen 132: $(command -v wasm-opt)"
say "ready: trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version)"
