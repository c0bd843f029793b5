#!/usr/bin/env bash
# The whole test suite, in order: formatting, clippy (host and wasm32), native tests, browser tests in
# headless Chromium, a release build and its size, the Playwright end-to-end suite against that
# build, and the cross-engine scenarios in Firefox and WebKit (e2e/engines). Installs whatever is
# missing first (scripts/setup.sh --test).
#
# Every stage runs, whatever failed before it (except what needs a build that failed). The last line
# is "N passed, N failed, N skipped", where:
#   passed   tests that passed (cargo, wasm-bindgen-test, Playwright, cross-engine scenarios);
#   failed   tests that failed; plus one for each test binary that crashed (no result line) and each
#            Playwright error outside any test (a spec that did not load, a test.only) and each
#            browser engine of the cross-engine suite that could not start; plus one for
#            each stage that failed with no failure counted above (fmt, clippy, setup, the build, the
#            size ceiling, tests that did not compile, an e2e run with no readable report, a stage
#            that could not run); plus one for each test stage that ran fewer tests than its minimum;
#   skipped  tests that were skipped (#[ignore], test.skip/fixme).
# The exit code is 0 exactly when failed is 0.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# The fewest tests each test stage must run (passed + failed; skipped ones do not count). A stage
# that runs fewer, say a test file that stopped being found or a runner that started nothing, fails.
# Set to the counts of this commit: raise them as tests are added; lower one only together with the
# tests removed on purpose.
MIN_NATIVE_TESTS=306
MIN_BROWSER_TESTS=8
MIN_E2E_TESTS=328
MIN_ENGINE_TESTS=38 # 19 scenarios in each of Firefox and WebKit

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

LOGS=$(mktemp -d)
passed=0
failed=0
skipped=0
report_lines=() # one line per stage for the summary

stage() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

run() { # run NAME CMD...: runs a stage, keeps its output in $LAST_LOG and its exit code in $LAST_RC
  local name=$1
  shift
  stage "$name"
  LAST_LOG="$LOGS/$(echo "$name" | tr -c 'a-zA-Z0-9' _).log"
  "$@" 2>&1 | tee "$LAST_LOG"
  LAST_RC=${PIPESTATUS[0]}
  return "$LAST_RC"
}

stage_failed() { # stage_failed NAME WHY: one failure that no test count shows
  failed=$((failed + 1))
  report_lines+=("FAILED  $1: $2")
}

# A stage without tests of its own (fmt, clippy, build, size): passes or counts as one failure.
check() { # check NAME CMD...
  if run "$@"; then
    report_lines+=("ok      $1")
  else
    stage_failed "$1" "exit $LAST_RC"
  fi
  return "$LAST_RC"
}

not_run() { # not_run NAME WHY: a stage that could not run is a failure too
  stage "$1"
  echo "not run: $2"
  stage_failed "$1" "not run ($2)"
}

# Adds a test stage's counts, and one failure more for each of: a non-zero exit with no failure
# counted (it did not compile, or failed outside any test), and fewer tests run than its minimum.
# OUTSIDE is the part of FAILED that is not a test that ran (a crashed binary, an error outside any
# test): it counts as failed but not towards the minimum.
tally() { # tally NAME MIN PASSED FAILED SKIPPED RC [NOTE] [OUTSIDE]
  local name=$1 min=$2 p=$3 f=$4 s=$5 rc=$6 note=${7:+; $7} outside=${8:-0}
  local ran=$((p + f - outside))
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  local counts="$p passed, $f failed, $s skipped; $ran run (minimum $min)$note"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    stage_failed "$name" "$counts; exit $rc with no failure counted"
  elif [ "$ran" -lt "$min" ]; then
    stage_failed "$name" "$counts; fewer than the minimum"
  elif [ "$f" -gt 0 ]; then
    report_lines+=("FAILED  $name: $counts")
  else
    report_lines+=("ok      $name: $counts")
  fi
}

# Counts of a cargo test run (native, or wasm32 through wasm-bindgen-test-runner, which prints the
# same "test result: …" line per test binary, or "no tests to run!" for a binary without tests). A
# binary that cargo started ("Running …", "Doc-tests …") but that printed neither crashed: each
# counts as one failed test.
tally_cargo() { # tally_cargo NAME MIN LOG RC
  local name=$1 min=$2 log=$3 rc=$4 p f s started finished note=
  read -r p f s finished < <(awk '/^test result: / {
      for (i = 1; i < NF; i++) {
        if ($(i + 1) ~ /^passed;?$/) p += $i
        if ($(i + 1) ~ /^failed;?$/) f += $i
        if ($(i + 1) ~ /^ignored;?$/) s += $i
      }
      n++
    }
    /^no tests to run!$/ { n++ }
    END { print p + 0, f + 0, s + 0, n + 0 }' "$log")
  started=$(grep -cE '^ +(Running|Doc-tests) ' "$log")
  local crashed=$((started > finished ? started - finished : 0))
  if [ "$crashed" -gt 0 ]; then
    f=$((f + crashed))
    note="$crashed of $started test binaries printed no result (each counted as failed)"
  fi
  tally "$name" "$min" "$p" "$f" "$s" "$rc" "$note" "$crashed"
}

if ! run "setup (scripts/setup.sh --test)" bash scripts/setup.sh --test; then
  stage_failed "setup" "exit $LAST_RC; nothing else can run"
  printf '%s\n' "" "${report_lines[@]}" ""
  echo "$passed passed, $failed failed, $skipped skipped"
  exit 1
fi

check "cargo fmt --check" cargo fmt --all --check
check "clippy (host)" cargo clippy --workspace --all-targets --locked -- -D warnings
check "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --locked -p llm-qa --lib --tests -- -D warnings
# The first stage as Trunk builds it: hydration, and the questions' text installed at run time.
check "clippy (wasm32, first stage)" cargo clippy --target wasm32-unknown-unknown --locked -p llm-qa --lib --bin app --features hydration -- -D warnings
# The second stage (labs, explorers, embeds) is the same crate with the `parts` feature.
check "clippy (wasm32, second stage)" cargo clippy --target wasm32-unknown-unknown --locked -p llm-qa --lib --tests --bin parts --features parts -- -D warnings

# --no-fail-fast: a failing test binary does not keep the ones after it from running.
run "native tests" cargo test --workspace --locked --no-fail-fast
tally_cargo "native tests" "$MIN_NATIVE_TESTS" "$LAST_LOG" "$LAST_RC"

# wasm-bindgen-test-runner takes the first WebDriver it finds: a *_REMOTE or driver variable in the
# environment, else the first driver on PATH, geckodriver before chromedriver. Name Chromium's.
# (.cargo/config.toml sets the same CHROMEDRIVER for a plain `cargo test --target wasm32-…`.)
run "browser tests (wasm-bindgen-test in headless Chromium)" \
  env -u GECKODRIVER -u GECKODRIVER_REMOTE -u SAFARIDRIVER -u SAFARIDRIVER_REMOTE \
  -u MSEDGEDRIVER -u MSEDGEDRIVER_REMOTE -u CHROMEDRIVER_REMOTE CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --locked --no-fail-fast -p llm-qa --features parts
tally_cargo "browser tests" "$MIN_BROWSER_TESTS" "$LAST_LOG" "$LAST_RC"

if check "release build (trunk)" trunk build --release; then
  # shellcheck source=budgets.env
  source scripts/budgets.env
  check "first-load size (dist/sizes.json, bytes; ceiling in scripts/budgets.env)" \
    node scripts/sizes.mjs dist --max-brotli "$FIRST_LOAD_BROTLI_CEILING"
  if check "builds for the offline test (scripts/e2e-builds.sh)" bash scripts/e2e-builds.sh; then
    report="$LOGS/e2e.json"
    PLAYWRIGHT_JSON_OUTPUT_NAME="$report" run "end-to-end tests (Playwright, headless Chromium)" \
      npx playwright test --config e2e/playwright.config.ts --reporter=list,json
    rc=$LAST_RC
    if [ -s "$report" ] && counts=$(node -e '
      const r = require(process.argv[1]);
      const s = r.stats;
      // flaky = failed, then passed on a retry: a failure here (and retries are off anyway).
      // errors = failures outside any test: a spec file that did not load, test.only, the server, …
      console.log(s.expected, s.unexpected + s.flaky, s.skipped, (r.errors || []).length);' "$report"); then
      read -r p f s e <<<"$counts"
      note=
      [ "$e" -eq 0 ] || note="$e error(s) outside any test (each counted as failed)"
      tally "end-to-end tests" "$MIN_E2E_TESTS" "$p" $((f + e)) "$s" "$rc" "$note" "$e"
    else
      stage_failed "end-to-end tests" "no readable Playwright report (exit $rc)"
    fi
  else
    not_run "end-to-end tests" "the offline test's builds failed"
  fi
  # The same build in Firefox (Gecko) and WebKit. An engine that cannot start counts as a failure
  # (and its scenarios, not run, leave the stage under its minimum): never a silent skip.
  report="$LOGS/engines.json"
  run "cross-engine tests (Firefox ESR and WebKitGTK, e2e/engines)" \
    node e2e/engines/run.mjs --dist dist --port "${ENGINES_PORT:-4280}" --report "$report"
  rc=$LAST_RC
  if [ -s "$report" ] && counts=$(node -e '
    const r = require(process.argv[1]);
    console.log(r.passed, r.failed, r.skipped, r.errors);' "$report"); then
    read -r p f s e <<<"$counts"
    note=
    [ "$e" -eq 0 ] || note="$e engine(s) that could not start (each counted as failed)"
    tally "cross-engine tests" "$MIN_ENGINE_TESTS" "$p" $((f + e)) "$s" "$rc" "$note" "$e"
  else
    stage_failed "cross-engine tests" "no readable report (exit $rc)"
  fi
else
  not_run "first-load size" "no build"
  not_run "end-to-end tests" "no build"
  not_run "cross-engine tests" "no build"
fi

stage "summary"
printf '%s\n' "${report_lines[@]}"
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
