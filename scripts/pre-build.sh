#!/bin/sh
# Trunk's pre-build hook: the stylesheets of style/ (one file per concern) joined into two,
# in cascade order.
# - target/style/news-app.css, the first view's (index.html links it): one file, one
#   request instead of ten, and one brotli stream (about 600 bytes smaller than five).
# - target/style/media.css, the media blocks' (contract v3: video, gallery, live coverage),
#   which only a page whose article has one links (`contract::paths::media_stylesheet`):
#   300 bytes less of every other page's first view (brotli). post-build.sh names it after the first
#   view's, whose hash changes with it: that one ends with the media one's hash.
set -eu
cd "${TRUNK_SOURCE_DIR:-.}"
mkdir -p target/style
join() {
  out=$1
  shift
  : > "$out.tmp"
  for f in "$@"; do
    cat "style/$f.css" >> "$out.tmp"
  done
}
join target/style/media.css gallery video live
mv target/style/media.css.tmp target/style/media.css
join target/style/news-app.css base masthead article formats states most-read comments comforts search
hash=$(sha256sum target/style/media.css | cut -c1-8)
printf ':root{--na-media:"%s"}\n' "$hash" >> target/style/news-app.css.tmp
mv target/style/news-app.css.tmp target/style/news-app.css
