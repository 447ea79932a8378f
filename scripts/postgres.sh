#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and the benchmark: Debian's `postgresql`
# (installed when missing), a new cluster in a temporary folder, on 127.0.0.1 at a free
# port, trusting local connections; removed by `stop`.
#
#   eval "$(bash scripts/postgres.sh start)"   # sets NEWS_PG_DIR and NEWS_TEST_DATABASE_URL
#   bash scripts/postgres.sh stop "$NEWS_PG_DIR"
set -euo pipefail

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# As root, the server runs as the `postgres` user the package made (it refuses root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "installing postgresql (Debian)" >&2
      as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
      as_root apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >&2
    fi
    BIN="$(bin_dir)"
    DIR="$(mktemp -d /tmp/news-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$BIN/initdb" -D "$DIR/data" -U news -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    # The durability settings stay PostgreSQL's defaults (fsync, synchronous_commit on):
    # the tests kill servers and count what was acknowledged.
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=300 -c shared_buffers=128MB" >/dev/null
    echo "export NEWS_PG_DIR=$DIR"
    echo "export NEWS_TEST_DATABASE_URL=postgres://news@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    DIR="${2:?the folder start printed}"
    BIN="$(bin_dir)"
    if [ -d "$DIR/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
