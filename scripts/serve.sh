#!/usr/bin/env bash
# Builds the release app and the reference server, then serves the app with its demo content
# on http://localhost:8080 (PORT to change it): articles from public/api, comments and views
# in a SQLite database (target/news-demo.db). Comments are published at once (--auto-publish)
# so a reader sees theirs appear; `news-server pending|approve|reject --db target/news-demo.db`
# is the moderation of a real deployment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
export PATH="$ROOT/scripts/bin:$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"
trunk build --release
cargo build --release -p news-server
target/release/news-server prerender --dist dist --content public/api
echo "Open http://localhost:${PORT:-8080}/chinh-tri/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022"
exec target/release/news-server serve --addr "${HOST:-127.0.0.1}:${PORT:-8080}" \
  --dist dist --content public/api --db target/news-demo.db --auto-publish
