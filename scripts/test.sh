#!/usr/bin/env bash
# The whole test suite, in order: formatting, clippy (host and wasm32), native tests, browser tests in
# headless Chromium, a release build, and the Playwright end-to-end suite against that build.
# Installs whatever is missing first (scripts/setup.sh --test). Ends with "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

bash scripts/setup.sh --test || exit 1
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

LOGS=$(mktemp -d)
passed=0
failed=0
failed_stages=()

stage() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

# Adds the "test result: … N passed; M failed" lines of cargo's and wasm-bindgen-test-runner's output.
count_cargo() {
  local p f
  p=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $1} END {print s + 0}')
  f=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $3} END {print s + 0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

run() { # run NAME CMD...: runs a stage, keeps its output, records a failure without stopping
  local name=$1
  shift
  stage "$name"
  local log="$LOGS/$(echo "$name" | tr -c 'a-zA-Z0-9' _).log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || failed_stages+=("$name (exit $rc)")
  LAST_LOG=$log
  return "$rc"
}

run "cargo fmt --check" cargo fmt --all --check
run "clippy (host)" cargo clippy --workspace --all-targets --locked -- -D warnings
run "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --locked -p llm-qa --lib --tests -- -D warnings
run "native tests" cargo test --workspace --locked
count_cargo "$LAST_LOG"
run "browser tests (wasm-bindgen-test in headless Chromium)" \
  cargo test --target wasm32-unknown-unknown --locked -p llm-qa
count_cargo "$LAST_LOG"

if run "release build (trunk)" trunk build --release; then
  # shellcheck source=budgets.env
  source scripts/budgets.env
  run "first-load size (dist/sizes.json, bytes; ceiling in scripts/budgets.env)" \
    node scripts/sizes.mjs dist --max-brotli "$FIRST_LOAD_BROTLI_CEILING"
  run "builds for the offline test (scripts/e2e-builds.sh)" bash scripts/e2e-builds.sh
  report="$LOGS/e2e.json"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$report" run "end-to-end tests (Playwright, headless Chromium)" \
    npx playwright test --config e2e/playwright.config.ts --reporter=list,json
  if [ -f "$report" ]; then
    read -r p f < <(node -e '
      const s = require(process.argv[1]).stats;
      console.log(s.expected + s.flaky, s.unexpected);' "$report")
    passed=$((passed + p))
    failed=$((failed + f))
  fi
else
  failed_stages+=("end-to-end tests (skipped: no build)")
fi

echo
if [ ${#failed_stages[@]} -gt 0 ]; then
  printf 'failed stage: %s\n' "${failed_stages[@]}"
fi
echo "$passed passed, $failed failed"
[ ${#failed_stages[@]} -eq 0 ] && [ "$failed" -eq 0 ]
