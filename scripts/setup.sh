#!/usr/bin/env bash
# Installs whatever is missing to build the app (and, with `--test`, to test it) on a fresh
# Debian machine with Rust, Node 20 and npm. Idempotent: a second run checks and returns.
# Every tool comes from a package registry; nothing is downloaded from GitHub. Trunk runs
# offline: it finds wasm-bindgen in cargo's bin, and its hooks (scripts/pre-build.sh,
# post-build.sh) find the rest in this project, so `trunk build --release` works from a shell
# with only cargo's bin on PATH once this has run. Source it, or run it, from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
export PATH="$ROOT/scripts/bin:$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust's wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk: 0.22 needs a newer rustc than this machine's, so the pinned 0.21.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock.
WB_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: the registry lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# Leptos's wasm splitter (what cargo-leptos runs), which scripts/bin/wasm-bindgen calls to
# cut the release build at its split points. The version Leptos's wasm_split_helpers of
# Cargo.lock goes with.
SPLIT_VERSION=0.2.4
if ! command -v wasm-split-cli >/dev/null ||
  ! cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  log "installing wasm-split-cli $SPLIT_VERSION (wasm_split_cli_support, about a minute)"
  cargo install --locked wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary
fi

# wasm-opt from npm's binaryen (Debian's 108 builds a wasm that dies at start), and
# playwright-core, puppeteer-core, selenium-webdriver and axe-core for the end-to-end tests, all pinned in tests/package-lock.json.
if [ ! -x "$ROOT/tests/node_modules/.bin/wasm-opt" ] ||
  [ "$ROOT/tests/package-lock.json" -nt "$ROOT/tests/node_modules/.package-lock.json" ]; then
  log "installing npm packages (binaryen, playwright-core, puppeteer-core, selenium-webdriver, axe-core, terser)"
  (cd "$ROOT/tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if [ "${1:-}" = "--test" ]; then
  # Debian's Chromium and its driver: Playwright and wasm-bindgen-test drive them.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # The other engines of tests/engines/ (docs/testing.md, «Three engines»): Firefox ESR,
  # driven by puppeteer-core over WebDriver BiDi, and WebKitGTK's WebDriver with its
  # MiniBrowser, which needs an X server: Xvfb, started by the tests themselves.
  if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null ||
    ! command -v Xvfb >/dev/null; then
    log "installing firefox-esr, webkit2gtk-driver and xvfb"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
  # xmllint (Debian's libxml2-utils): the server's tests validate the sitemaps and feeds
  # against the schemas in server/tests/fixtures/ with it.
  if ! command -v xmllint >/dev/null; then
    log "installing libxml2-utils (xmllint)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libxml2-utils >/dev/null
  fi
  components=$(rustup component list --installed)
  if ! grep -q '^clippy' <<<"$components" || ! grep -q '^rustfmt' <<<"$components"; then
    rustup component add clippy rustfmt
  fi
fi
