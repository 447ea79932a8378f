#!/usr/bin/env bash
# The archive at a newsroom's size (not part of the tests): writes a synthetic archive of N
# articles (default 100,000) with `news-server archive`, then measures
#   1. a full `prerender` (time and peak memory, /usr/bin/time -v),
#   2. `prerender` again after adding one article, and with nothing changed,
#   3. the server's start (until `listening`) and its memory (RSS) with the archive, on a
#      fresh database (the archive's comments imported) and on the same database again,
#   4. GET of a list page and of an article (wrk, p50/p99) with the archive and with the
#      10-article demo.
# Prints the figures as lines `name: value`. Usage:
#   bash scripts/archive-bench.sh [N]
# NO_BUILD=1 uses target/release/news-server as it is; REUSE=1 measures only the server, on
# the archive of the last run.
# Writes into target/archive-bench/ (about 1.6 GB for 100,000 articles and their pages).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/bin:$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
N="${1:-100000}"
OUT="$ROOT/target/archive-bench"
BIN="$ROOT/target/release/news-server"
SITE="https://bao.example.vn/"
log() { printf '\033[1m[archive-bench]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  log "installing time (for /usr/bin/time -v)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq time >/dev/null
fi

cd "$ROOT"
if [ -z "${NO_BUILD:-}" ]; then
  log "building the reference server"
  cargo build --release -p news-server >&2
fi

# `/usr/bin/time -v CMD…`: prints "elapsed seconds, peak KB" of CMD.
measure() {
  local report
  report="$(mktemp)"
  /usr/bin/time -v -o "$report" "$@" >&2
  local wall kb
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report")"
  kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")"
  rm -f "$report"
  echo "$wall wall, $((kb / 1024)) MB peak"
}

# REUSE=1: the archive and its build of the last run, only the server measured again.
if [ -z "${REUSE:-}" ]; then
rm -rf "$OUT"
mkdir -p "$OUT/dist"
log "writing $N articles"
echo "archive ($N articles): $(measure "$BIN" archive --out "$OUT/api" --articles "$N" --seed 1)"
echo "content folder: $(du -sh "$OUT/api" | cut -f1)"

# The shell: the release build's index.html when there is one, else the source's (the same
# mount element; Trunk only adds the links to the hashed files).
if [ -f "$ROOT/target/bench/dist/index.html" ]; then
  cp "$ROOT/target/bench/dist/index.html" "$OUT/dist/index.html"
else
  cp "$ROOT/index.html" "$OUT/dist/index.html"
fi
PRERENDER=("$BIN" prerender --dist "$OUT/dist" --content "$OUT/api" --site-url "$SITE" --lists)
log "full prerender"
echo "prerender, full: $(measure "${PRERENDER[@]}")"
echo "build folder: $(du -sh "$OUT/dist" | cut -f1)"

log "one article added"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat >"$OUT/api/articles/bai-viet-vua-dang.json" <<EOF
{"slug":"bai-viet-vua-dang","title":"Bài viết vừa đăng","category":{"slug":"xa-hoi","name":"Xã Hội"},
 "published_at":"$NOW","authors":[{"name":"Phóng viên"}],
 "body":[{"type":"paragraph","html":"Nội dung bài viết vừa đăng."}]}
EOF
echo "prerender, one article added: $(measure "${PRERENDER[@]}")"
echo "prerender, nothing changed: $(measure "${PRERENDER[@]}")"
fi

# The server: start time until its `listening` line, RSS once listening and after load.
start_server() { # content db → sets PID, ADDR, STARTED_MS
  local fifo="$OUT/server.out"
  rm -f "$fifo"
  local t0
  t0="$(date +%s%N)"
  "$BIN" serve --addr 127.0.0.1:0 --dist "$OUT/dist" --content "$1" --db "$2" \
    --site-url "$SITE" >"$fifo" 2>"$OUT/server.err" &
  PID=$!
  until grep -q '^listening on' "$fifo" 2>/dev/null; do sleep 0.01; done
  STARTED_MS=$((($(date +%s%N) - t0) / 1000000))
  ADDR="$(sed -n 's/^listening on //p' "$fifo")"
}
rss_mb() { echo "$(($(sed -n 's/VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$1/status") / 1024)) MB"; }
stop_server() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

# wrk's p50 and p99 of one URL (2 threads, 32 connections, 10 s).
latency() {
  wrk -t2 -c32 -d10s --latency "$1" |
    awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} END {print "p50 " p50 ", p99 " p99 ", " rps " req/s"}'
}

SLUG=bai-viet-vua-dang
log "the server with the archive, fresh database"
rm -f "$OUT/news.db"*
start_server "$OUT/api" "$OUT/news.db"
echo "server start, $N articles, fresh database (comments imported): ${STARTED_MS} ms, RSS $(rss_mb "$PID")"
stop_server
start_server "$OUT/api" "$OUT/news.db"
echo "server start, $N articles: ${STARTED_MS} ms, RSS $(rss_mb "$PID")"
echo "GET /api/latest.json ($N): $(latency "$ADDR/api/latest.json")"
echo "GET /api/latest/1000.json ($N): $(latency "$ADDR/api/latest/1000.json")"
echo "GET /api/categories/xa-hoi/100.json ($N): $(latency "$ADDR/api/categories/xa-hoi/100.json")"
echo "GET article JSON ($N): $(latency "$ADDR/api/articles/$SLUG.json")"
echo "GET /sitemap-articles-1.xml ($N): $(wrk -t1 -c4 -d5s --latency "$ADDR/sitemap-articles-1.xml" | awk '/ 50%/ {print "p50 " $2} / 99%/ {print "p99 " $2}' | paste -sd, -)"
echo "server RSS after the load: $(rss_mb "$PID")"
stop_server

log "the server with the demo"
rm -f "$OUT/demo.db"*
start_server "$ROOT/public/api" "$OUT/demo.db"
echo "server start, demo: ${STARTED_MS} ms, RSS $(rss_mb "$PID")"
echo "GET /api/latest.json (demo): $(latency "$ADDR/api/latest.json")"
echo "GET article JSON (demo): $(latency "$ADDR/api/articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json")"
echo "server RSS after the load, demo: $(rss_mb "$PID")"
stop_server
