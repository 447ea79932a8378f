#!/usr/bin/env bash
# Installs whatever is missing, then runs every test: lints, native unit tests, component
# tests in headless Chromium, the release build, its byte budget, the end-to-end tests, and the
# reader's journeys in Chromium, Firefox and WebKit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" --test
export PATH="$ROOT/scripts/bin:$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT=120
cd "$ROOT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
bash scripts/check-html.sh
cargo clippy -p news-contract -p news-page -p news-search-text -p news-server --all-targets -- -D warnings
cargo clippy -p news-app --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p news-app --target wasm32-unknown-unknown --features split -- -D warnings
node --test tests/docs-links.test.mjs   # every relative link in README.md and docs/ resolves

step "PostgreSQL for the server's tests: a throw-away cluster on loopback (scripts/postgres.sh)"
eval "$(bash scripts/postgres.sh start)"
trap 'bash "$ROOT/scripts/postgres.sh" stop "$NEWS_PG_DIR"' EXIT
export NEWS_TEST_REQUIRE_POSTGRES=1

step "1/3 native tests: the contract (parsing, time, rules, paths, demo content), the search text rules, the presentation (templates, escaping) and the server (its database on SQLite and PostgreSQL, HTTP on loopback on SQLite)"
cargo test -p news-contract -p news-page -p news-search-text -p news-server
# The text rules as the wasm builds them, without Unicode's tables (crates/search_text).
cargo test -p news-search-text --no-default-features

step "1/3 again: the server's HTTP tests on PostgreSQL (three servers on one database, one killed)"
NEWS_TEST_ENGINE=postgres cargo test -p news-server --test '*'

step "2/3 component tests in headless Chromium (wasm-bindgen-test)"
cargo test -p news-app --target wasm32-unknown-unknown

step "release build, as a Rust developer runs it: a shell with only cargo's bin on PATH"
# The project finds its own tools (scripts/post-build.sh), so the end-to-end tests below
# test the files a developer's `trunk build --release` makes, not only this script's.
plain=(env PATH="${CARGO_HOME:-$HOME/.cargo}/bin:/usr/local/bin:/usr/bin:/bin")
"${plain[@]}" trunk build --release
# The same app for a sub-path, as a CDN deployment under /tin-tuc/ban-doc/ (tests/e2e/navigation).
"${plain[@]}" trunk build --release --public-url /tin-tuc/ban-doc/ --dist dist-sub
# Each article's page with the article already in it, by the server binary the tests built.
cargo run -q -p news-server -- prerender --dist dist
cargo run -q -p news-server -- prerender --dist dist-sub --base-path /tin-tuc/ban-doc/

step "3/3 byte budget and end-to-end tests on the release build (Playwright, Chromium; static host and news-server)"
cd tests
node --test --test-concurrency=1 e2e/

step "3/3 again: the reader's journeys in Chromium, Firefox ESR and WebKitGTK (tests/engines; puppeteer-core, selenium-webdriver, Xvfb)"
node --test --test-concurrency=1 engines/
