#!/bin/sh
# Trunk's pre-build hook: the stylesheets of style/ (one file per concern) joined into one,
# in cascade order, so that a reader downloads one CSS file: one request instead of five,
# and one brotli stream (about 600 bytes smaller than five). index.html links the result.
set -eu
cd "${TRUNK_SOURCE_DIR:-.}"
mkdir -p target/style
out=target/style/news-app.css
: > "$out.tmp"
for f in base masthead article gallery video states most-read comments comforts search live; do
  cat "style/$f.css" >> "$out.tmp"
done
mv "$out.tmp" "$out"
