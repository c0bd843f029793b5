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
  # The cross-engine suite (e2e/engines): Firefox ESR (Gecko, driven over WebDriver BiDi), and WebKitGTK
  # (its MiniBrowser, driven through WebKitWebDriver) in a virtual X server; xvfb-run needs xauth,
  # which xvfb only recommends.
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  command -v xauth >/dev/null || missing+=(xauth)
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

# The Rust toolchain that rust-toolchain.toml pins, with clippy, rustfmt and the wasm32 target: every
# cargo command in the repository runs on it. rustup does not install it by itself here
# (RUSTUP_AUTO_INSTALL=0 on these machines), and with no toolchain name `rustup toolchain install`
# installs exactly what that file names. --no-self-update: leave the rustup binary alone.
RUST_CHANNEL=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
[ -n "$RUST_CHANNEL" ] || die "no channel in rust-toolchain.toml"
rust_ready() {
  rustc --version 2>/dev/null | grep -q "^rustc $RUST_CHANNEL " &&
    rustup component list --installed 2>/dev/null | grep -q '^clippy' &&
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
if ! rust_ready; then
  say "installing Rust $RUST_CHANNEL with clippy, rustfmt and wasm32-unknown-unknown (rust-toolchain.toml)"
  rustup toolchain install --no-self-update
  rust_ready || die "Rust $RUST_CHANNEL is still incomplete after rustup toolchain install: $(rustup show active-toolchain 2>&1)"
fi

# npm tools: wasm-opt (binaryen) for every build; Playwright, axe and puppeteer-core (which drives
# Firefox) for the tests.
stamp=node_modules/.llm-qa-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# wasm-bindgen-cli (with wasm-bindgen-test-runner) from tools/wasm-bindgen-cli, whose Cargo.lock we
# keep, with --locked: every machine builds the same code (see tools/wasm-bindgen-cli/Cargo.toml for
# why not `cargo install wasm-bindgen-cli`). A CLI of the right version installed some other way is
# replaced once, so that what runs is what the lock file says.
WBC=tools/wasm-bindgen-cli
WBC_VERSION=$(awk '$0 == "name = \"wasm-bindgen-cli\"" { getline; gsub(/version = |"/, ""); print; exit }' "$WBC/Cargo.lock")
[ "$WBC_VERSION" = "$WASM_BINDGEN_VERSION" ] ||
  die "$WBC/Cargo.lock has wasm-bindgen-cli ${WBC_VERSION:-none} but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION; make them equal"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$WASM_BINDGEN_VERSION" ] ||
  ! cargo install --list | grep -q "^llm-qa-wasm-bindgen-cli v$WASM_BINDGEN_VERSION "; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from $WBC/Cargo.lock (found: ${have:-none}; about 3 minutes)"
  cargo install --locked --path "$WBC" --force
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
