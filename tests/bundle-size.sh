#!/usr/bin/env bash
# The web bundle: what a reader downloads (index.html, its .js and .wasm, and
# any data files), printed raw and gzip -9 compressed.
#   tests/bundle-size.sh [build/web]           prints the sizes
#   tests/bundle-size.sh --copy DIR [build/web] copies the bundle to DIR (for Pages)
set -euo pipefail

copy=
if [ "${1:-}" = --copy ]; then copy=$2; shift 2; fi
web=${1:-build/web}

[ -f "$web/index.html" ] || { echo "bundle-size: $web/index.html not found: build the web preset first" >&2; exit 1; }

# index.* (page, glue, wasm, preloaded .data) and the page's own files
# (web/CMakeLists.txt: shell.js, shell.css, favicon.svg, embed.js); the CLI
# and test binaries built beside it (dsviz-cli.js, core_tests.js, ...) are
# not part of the page, nor is index.html.symbols (function names for the
# breakdown below), nor is build/web/assets/ (CMake's build folder for
# assets/: the map and the quizzes are compiled into index.wasm).
mapfile -t files < <(cd "$web" && find . -maxdepth 1 -type f \( -name 'index.*' -o -name '*.data' -o -name shell.js \
  -o -name shell.css -o -name favicon.svg -o -name embed.js \) ! -name '*.symbols' | sed 's|^\./||' | sort -u)

if [ -n "$copy" ]; then
  dest=$(mkdir -p "$copy" && cd "$copy" && pwd)
  (cd "$web" && cp --parents "${files[@]}" "$dest")
  echo "bundle-size: copied ${#files[@]} files to $copy"
  exit 0
fi

raw_total=0 gz_total=0
printf '%-28s %12s %12s\n' "web bundle ($web)" "raw bytes" "gzip -9"
for f in "${files[@]}"; do
  raw=$(stat -c %s "$web/$f")
  gz=$(gzip -9 -c "$web/$f" | wc -c)
  raw_total=$((raw_total + raw)) gz_total=$((gz_total + gz))
  printf '%-28s %12d %12d\n' "$f" "$raw" "$gz"
done
# KiB: 1024 bytes. The target of issue 14 is 500 KiB gzip -9 = 512,000 bytes.
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
target=$((500 * 1024))
printf '%-28s %12d %12d\n' "total" "$raw_total" "$gz_total"
echo "bundle: $(kib "$raw_total") raw, $(kib "$gz_total") gzip -9 (${#files[@]} files)"
if [ "$gz_total" -le "$target" ]; then
  echo "bundle: within the 500 KiB target ($target bytes gzip -9) by $(kib $((target - gz_total)))"
else
  echo "bundle: over the 500 KiB target ($target bytes gzip -9) by $(kib $((gz_total - target)))"
fi
# What index.wasm is made of (font, map, quizzes, ImGui, SDL2, core, views,
# shell, runtime), measured from the built file: tests/wasm-breakdown.py.
if [ -f "$web/index.wasm" ]; then
  py=$(command -v python3 || true)
  if [ -n "$py" ]; then
    "$py" "$(dirname "$0")/wasm-breakdown.py" "$web" || echo "bundle-size: the breakdown failed (above)"
  else
    echo "bundle-size: no python3, no breakdown"
  fi
fi
