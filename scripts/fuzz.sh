#!/usr/bin/env bash
# Fuzzes the core's untrusted-input paths (search, sampling, URL, lab settings, stored marks and
# language) with the proptest targets of crates/core/tests/fuzz.rs: release mode, one target at a
# time, 1,000,000 cases each unless FUZZ_CASES says otherwise. Prints each target's count and time.
#   scripts/fuzz.sh                # every target
#   scripts/fuzz.sh fuzz_search    # one target
#   FUZZ_CASES=50000 scripts/fuzz.sh
# See docs/fuzzing.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export FUZZ_CASES=${FUZZ_CASES:-1000000}

echo "fuzzing with FUZZ_CASES=$FUZZ_CASES"
start=$(date +%s)
cargo test -p llm-qa-core --release --test fuzz -- --ignored --nocapture --test-threads 1 "$@"
echo "all targets done in $(($(date +%s) - start)) s"
