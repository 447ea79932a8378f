#!/bin/sh
# Trunk's post-build hook: bakes the hashed file names into boot.js, so that boot.js alone
# is what a portal embeds, minifies the JS, gives the app's own pages a hashed copy of
# boot.js, and copies index.html to 404.html for a static host's deep links.
set -eu
# The project's own tools first (the splitter's wasm-bindgen, npm's binaryen and terser), so
# that a build started from any shell (`trunk build --release` with only cargo's bin on
# PATH) makes the same files as scripts/test.sh's.
PATH="$TRUNK_SOURCE_DIR/scripts/bin:$TRUNK_SOURCE_DIR/tests/node_modules/.bin:$PATH"
target="${CARGO_TARGET_DIR:-$TRUNK_SOURCE_DIR/target}"
profile="${TRUNK_PROFILE:-release}"
cd "$TRUNK_STAGING_DIR"
js=$(grep -o 'news-app-[0-9a-f]*\.js' index.html | head -n 1)
wasm=$(grep -o 'news-app-[0-9a-f]*_bg\.wasm' index.html | head -n 1)
css=$(grep -o 'href=[^ >]*\.css' index.html | sed 's|.*/||; s|"||g' |
  awk '{ printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 }')
[ -n "$js" ] && [ -n "$wasm" ] || { echo "post-build: no app in index.html" >&2; exit 1; }
# The media blocks' stylesheet (pre-build.sh), named after the first view's, whose hash
# changes with it (contract::paths::media_stylesheet says the rule).
main_css=$(grep -o 'news-app-[0-9a-f]*\.css' index.html | head -n 1)
[ -n "$main_css" ] && [ -f media.css ] || { echo "post-build: no stylesheets" >&2; exit 1; }
mv media.css "news-app-media-${main_css#news-app-}"
sed "s|/\*FILES\*/null|{\"js\":\"$js\",\"wasm\":\"$wasm\",\"css\":[$css],\"app\":[/*APP*/],\"comments\":[/*COMMENTS*/]}|" boot.js > boot.js.tmp
mv boot.js.tmp boot.js
grep -q "\"wasm\":\"$wasm\"" boot.js || { echo "post-build: boot.js has no FILES marker" >&2; exit 1; }
# Trunk called the real wasm-bindgen (scripts/bin was not first on PATH): the wasm was not
# cut at its split points. Cut it here, with the arguments Trunk gives, over Trunk's output.
split="$target/wasm-bindgen/$profile/split"
if ! grep -q '__wasm_split\.js' "$js"; then
  raw="$target/wasm32-unknown-unknown/$profile/news-app.wasm"
  if grep -q '__wasm_split_placeholder__' "$raw"; then
    wasm-bindgen --target=web --out-dir="$target/wasm-bindgen/$profile" --out-name=news-app \
      --no-typescript "$raw"
    cp "$target/wasm-bindgen/$profile/news-app.js" "$js"
    cp "$target/wasm-bindgen/$profile/news-app_bg.wasm" "$wasm"
  fi
fi
opt=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$TRUNK_SOURCE_DIR/index.html")
# wasm-opt here rather than by Trunk (index.html: data-wasm-opt="0"), with the same passes:
# Trunk looks only on PATH for it, and this one is npm's binaryen (Debian's breaks the wasm).
if [ "$profile" = release ]; then
  # shellcheck disable=SC2086 # the settings are words
  wasm-opt -Oz $opt "$wasm" -o "$wasm.opt" && mv "$wasm.opt" "$wasm"
fi
# Drop the wasm's exports that nothing uses, and the code behind them (see the script).
if command -v wasm-metadce >/dev/null 2>&1; then
  node "$TRUNK_SOURCE_DIR/scripts/drop-unused-exports.mjs" "$wasm"
else
  echo "post-build: binaryen not on PATH, unused exports left in the wasm (run scripts/setup.sh)" >&2
fi
# The parts of the wasm fetched when first needed and their loader (scripts/bin/wasm-bindgen
# left them in its output folder), named like the main part: news-app-{part}-{hash}.wasm
# and news-app-split-{hash}.js, so the server caches them for good as it does the others.
# They get the main part's wasm-opt settings (index.html), and the main part's JS their
# loader's name.
loader=""
if [ -f "$split/__wasm_split.js" ]; then
  # Each part one file, with the chunks of code it shares with others (see the script).
  if command -v wasm-merge >/dev/null 2>&1; then
    node "$TRUNK_SOURCE_DIR/scripts/join-parts.mjs" "$split" "$target/wasm-bindgen/$profile/joined"
    split="$target/wasm-bindgen/$profile/joined"
  else
    echo "post-build: binaryen not on PATH, the parts left in chunks (run scripts/setup.sh)" >&2
  fi
  stem=${js%.js}
  hash=${stem##*-}
  app=${stem%-*}
  for part in "$split"/*.wasm; do
    name=$(basename "$part" .wasm)
    if command -v wasm-opt >/dev/null 2>&1; then
      # shellcheck disable=SC2086 # the settings are words
      wasm-opt $opt "$part" -o "$app-$name-$hash.wasm"
    else
      cp "$part" "$app-$name-$hash.wasm"
    fi
  done
  loader="$app-split-$hash.js"
  sed -e "s|\"\./$app\.js\"|\"./$js\"|" \
    -e "s|\"\./\([A-Za-z0-9_]*\)\.wasm\"|\"./$app-\1-$hash.wasm\"|g" \
    "$split/__wasm_split.js" > "$loader"
  # The files a part fetches, the part and the chunks its `__wasm_split_load_{part}` lists
  # that are files (not joined into a part: scripts/join-parts.mjs), as the loader names
  # them: boot.js preloads the app's own part (src/whole.rs) and the comments' (less what
  # the app's already brings) where nothing waits for them. (The app's load names its own
  # list before its export line; the next part's export ends the search.)
  chunks_of() {
    for c in $(awk -v p="__wasm_split_load_$1 =" 'index($0, p) { f = 1; next } f && /^export / { exit }
      f && /^, \[/ { print; exit }' "$split/__wasm_split.js" | grep -o 'chunk_[0-9]*'); do
      [ ! -f "$split/$c.wasm" ] || printf '%s ' "$c"
    done
  }
  # The files $1 not among $2, as a JSON list's items.
  names() {
    for f in $1; do case " $2 " in *" $f "*) ;; *) echo "$f" ;; esac; done |
      awk -v a="$app" -v h="$hash" '{ printf "%s\"%s-%s-%s.wasm\"", (NR > 1 ? "," : ""), a, $0, h }'
  }
  app_files="split_app $(chunks_of app)"
  comments_files="split_comments $(chunks_of comments)"
  sed -e "s|/\*APP\*/|$(names "$app_files" "")|" \
    -e "s|/\*COMMENTS\*/|$(names "$comments_files" "$app_files")|" boot.js > boot.js.tmp
  mv boot.js.tmp boot.js
  # Only where the module is imported: the wasm's imports keep the name the splitter gave.
  sed "s|from \"\./__wasm_split\.js\"|from \"./$loader\"|" "$js" > "$js.tmp"
  mv "$js.tmp" "$js"
  grep -q "$loader" "$js" || { echo "post-build: the main part does not import its loader" >&2; exit 1; }
fi
# Minify the JS (Trunk's own minifier cannot parse wasm-bindgen's module): terser comes
# with the npm tooling that setup.sh installs.
if command -v terser >/dev/null 2>&1; then
  for m in "$js" $loader; do
    terser "$m" --module --compress --mangle -o "$m.min" && mv "$m.min" "$m"
  done
  terser boot.js --compress --mangle -o boot.js.min && mv boot.js.min boot.js
else
  echo "post-build: terser not on PATH, JS left unminified (run scripts/setup.sh)" >&2
fi
# The app's own pages load a copy named by its content, cached for good like the other
# hashed files: a repeat visit then starts the JSON without first revalidating boot.js.
# `boot.js` itself keeps its name (and no-cache) for the portals that embed it.
hash=$(sha256sum boot.js | cut -c1-16)
cp boot.js "boot-$hash.js"
sed "s|\(src=\"\{0,1\}[^ >\"]*\)boot\.js|\1boot-$hash.js|" index.html > index.html.tmp
mv index.html.tmp index.html
grep -q "boot-$hash.js" index.html || { echo "post-build: no boot.js in index.html" >&2; exit 1; }
cp index.html 404.html
# Offline reading: the service worker (public/sw.js) learns the build's files, to precache
# them, and the build's id, which names their cache. sw.js keeps its name (and no-cache):
# a new build changes its bytes, so the browser installs the new worker, which replaces
# the old build's cache with its own.
files=$(ls | grep -E -- '-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$')
id=$(cat $files index.html | sha256sum | cut -c1-16)
list=$(printf '%s\n' $files index.html | awk '{ printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 }')
sed "s|/\*BUILD\*/ null|{\"id\":\"$id\",\"files\":[$list]}|" sw.js > sw.js.tmp
mv sw.js.tmp sw.js
grep -q "\"id\":\"$id\"" sw.js || { echo "post-build: sw.js has no BUILD marker" >&2; exit 1; }
if command -v terser >/dev/null 2>&1; then
  terser sw.js --compress --mangle -o sw.js.min && mv sw.js.min sw.js
fi
