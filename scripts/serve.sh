#!/usr/bin/env bash
# Builds the release app with its demo content and serves it on http://localhost:8080
# (PORT to change it) from a plain static server with the 404.html fallback of a CDN.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
export PATH="$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"
trunk build --release
echo "Open http://localhost:${PORT:-8080}/chinh-tri/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022"
exec node tests/static-server.mjs --dir dist --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
