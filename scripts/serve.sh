#!/usr/bin/env bash
# Builds the app and serves it with live reload on http://127.0.0.1:8080 (or $PORT / --port N).
# Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PORT=${PORT:-8080}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=$2; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    *) echo "usage: scripts/serve.sh [--port N]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh serve
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "Serving the app at http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec trunk serve --port "$PORT" --address 127.0.0.1
