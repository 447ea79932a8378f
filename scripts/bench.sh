#!/usr/bin/env bash
# The benchmark (not part of the tests): builds the release app and the reference server,
# then measures bytes, page loads under mobile throttling, click-to-paint, memory,
# Lighthouse, the server under load and its search on the 100,000-article archive (written
# once into target/archive-bench/api, 1.1 GB, and reused), then the soak (two servers on one
# PostgreSQL for 10 minutes). Prints a table and writes bench/results/latest.json. About 24
# minutes on 2 cores once the tools are installed, the search step about 4 of them, the soak
# 10. Extra arguments go to bench/run.mjs (--runs N, --lighthouse-runs N,
# --skip bytes,cold,trace,click,memory,lighthouse,load,search,soak, --soak-minutes N).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/bin:$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  # Installs a Debian package if the package lists know it (refreshing them once if not).
  if ! apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    as_root apt-get update -qq || true
  fi
  if apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$1" >/dev/null
  else
    return 1
  fi
}

# Build tools (trunk, wasm-bindgen, wasm-opt, terser): the same as the tests use.
bash "$ROOT/scripts/setup.sh"

# Debian's Chromium, which Playwright and Lighthouse drive.
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium"
  apt_install chromium
fi

# The bench's own npm packages (playwright-core, lighthouse 12.2.3), pinned in its lock.
if [ ! -d "$ROOT/bench/node_modules" ] ||
  [ "$ROOT/bench/package-lock.json" -nt "$ROOT/bench/node_modules/.package-lock.json" ]; then
  log "installing bench/ npm packages (playwright-core, lighthouse)"
  (cd "$ROOT/bench" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# wrk for the server load; without it, bench/load.mjs (Node) does the same, more slowly.
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt_install wrk || log "wrk is not available: the server load uses bench/load.mjs instead"
fi

# The release app, in its own folder so that the dist/ of a concurrent test run is left
# alone (the same build as `trunk build --release`), and the reference server.
DIST="$ROOT/target/bench/dist"
cd "$ROOT"
log "building the release app into target/bench/dist"
trunk build --release --dist "$DIST" >&2
log "building the reference server"
cargo build --release -p news-server >&2
target/release/news-server prerender --dist "$DIST" --content public/api >&2

mkdir -p "$ROOT/bench/results"
status=0
node "$ROOT/bench/run.mjs" --dist "$DIST" --server "$ROOT/target/release/news-server" "$@" || status=$?
# The server under the attacks of its hardening: beacon flood, slow heads, a full limiter.
log "the reference server under attack (bench/attacks.mjs)"
node "$ROOT/bench/attacks.mjs" --server "$ROOT/target/release/news-server" --dist "$DIST"
# The database at 1k and 1M rows, on SQLite and on a throw-away PostgreSQL.
log "the database as it grows (bench/database.mjs)"
eval "$(bash "$ROOT/scripts/postgres.sh" start)"
node "$ROOT/bench/database.mjs" --server "$ROOT/target/release/news-server" --pg "$NEWS_TEST_DATABASE_URL" || status=$?
bash "$ROOT/scripts/postgres.sh" stop "$NEWS_PG_DIR"
exit "$status"
