#!/bin/sh
# Trunk's post-build hook: bakes the hashed file names into boot.js, so that boot.js alone
# is what a portal embeds, and copies index.html to 404.html for a static host's deep links.
set -eu
cd "$TRUNK_STAGING_DIR"
js=$(grep -o 'news-app-[0-9a-f]*\.js' index.html | head -n 1)
wasm=$(grep -o 'news-app-[0-9a-f]*_bg\.wasm' index.html | head -n 1)
css=$(grep -o 'href="[^"]*\.css"' index.html | sed 's|.*/||; s|"$||' |
  awk '{ printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 }')
[ -n "$js" ] && [ -n "$wasm" ] || { echo "post-build: no app in index.html" >&2; exit 1; }
sed "s|/\*FILES\*/null|{\"js\":\"$js\",\"wasm\":\"$wasm\",\"css\":[$css]}|" boot.js > boot.js.tmp
mv boot.js.tmp boot.js
grep -q "\"wasm\":\"$wasm\"" boot.js || { echo "post-build: boot.js has no FILES marker" >&2; exit 1; }
cp index.html 404.html
