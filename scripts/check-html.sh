#!/usr/bin/env bash
# HTML is written in one place, crates/page, where every value goes through one escaper.
# Fails when Rust code elsewhere concatenates a tag by hand (push_str/format!/write! of a
# string holding one), or marks a string as already escaped (maud's PreEscaped), the one way
# around that escaping. Tests may spell HTML (expected output).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
hand='push_str\((r#*)?"[^"]*<[a-z/!]|write!\([^,]+, *(r#*)?"[^"]*<[a-z/]|format!\((r#*)?"<[a-z/]'
found=$(grep -rnE --include=*.rs "$hand" src crates server 2>/dev/null |
  grep -v '^crates/page/' | grep -vE '/tests/|_test\.rs|#\[cfg\(test\)\]' |
  while IFS=: read -r file line _; do
    # Lines inside a `mod tests` block are expected output, not markup being written.
    start=$(grep -n '^#\[cfg(test)\]' "$file" | head -n 1 | cut -d: -f1)
    if [ -z "$start" ] || [ "$line" -lt "$start" ]; then echo "$file:$line"; fi
  done || true)
escaped=$(grep -rn --include=*.rs 'PreEscaped' src crates server 2>/dev/null |
  grep -v '^crates/page/' || true)
status=0
if [ -n "$found" ]; then
  echo "HTML written by hand outside crates/page (use a template there):"
  echo "$found"
  status=1
fi
if [ -n "$escaped" ]; then
  echo "PreEscaped bypasses the templates' escaping:"
  echo "$escaped"
  status=1
fi
[ "$status" = 0 ] && echo "check-html: HTML is written only by crates/page's templates"
exit "$status"
