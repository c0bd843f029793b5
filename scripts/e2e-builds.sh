#!/usr/bin/env bash
# The builds the offline end-to-end test (e2e/tests/offline.spec.ts) serves, made after
# `trunk build --release` from its output (dist/, or the dir given):
#   target/e2e/v1       a snapshot of that build, so that the test does not depend on dist/ staying put
#   target/e2e/v2       the same with a changed page title and its own service worker (new revisions,
#                       new cache name): the "new version" of the update test
#   target/e2e/subpath  a build for https://host/llm-qa/, as on GitHub Pages
#   scripts/e2e-builds.sh [built-dir]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILT=${1:-dist}
[ -f "$BUILT/index.html" ] || { echo "e2e-builds.sh: no $BUILT/index.html: run trunk build --release first" >&2; exit 1; }

rm -rf target/e2e/v1 target/e2e/v2
mkdir -p target/e2e
cp -r "$BUILT" target/e2e/v1
cp -r target/e2e/v1 target/e2e/v2
for page in index.html zh.html; do
  sed -i 's|</title>| (v2)</title>|' "target/e2e/v2/$page"
  grep -q ' (v2)</title>' "target/e2e/v2/$page" || { echo "e2e-builds.sh: no <title> to patch in $page" >&2; exit 1; }
done
node scripts/sw.mjs target/e2e/v2

trunk build --release --public-url /llm-qa/ --dist target/e2e/subpath
