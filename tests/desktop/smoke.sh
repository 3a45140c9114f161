#!/usr/bin/env bash
# Desktop smoke test: runs the native app under a private Xvfb display for
# every scene with --frames/--screenshot, and checks that it exits 0 and
# writes a real picture (a valid PNG with more than a handful of colours).
# Also checks that bad flags exit with code 2. Ends with "N passed, M failed".
#   tests/desktop/smoke.sh            (from the repository root)
# Environment: DSVIZ_BIN (default build/native/dsviz), DSVIZ_CLI (default
# build/native/dsviz-cli), DSVIZ_SCENES (space-separated ids, overrides
# `dsviz-cli list`), DSVIZ_SCREENSHOTS (default build/screenshots).
set -uo pipefail

bin=${DSVIZ_BIN:-build/native/dsviz}
cli=${DSVIZ_CLI:-build/native/dsviz-cli}
shots=${DSVIZ_SCREENSHOTS:-build/screenshots}

# A private X server, whatever DISPLAY the caller has: xvfb-run -a picks a
# free display number and removes the server when the script ends.
if [ -z "${DSVIZ_IN_XVFB:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "FAIL xvfb-run not found (Debian package xvfb; run .ci/bootstrap test)"; echo "0 passed, 1 failed"; exit 1; }
  exec env DSVIZ_IN_XVFB=1 xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$0" "$@"
fi

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "${passed} passed, ${failed} failed"; [ "$failed" -eq 0 ]; exit; }

if [ ! -x "$bin" ]; then bad "$bin not found: build the native preset first (make test does)"; finish; fi
mkdir -p "$shots"

# Scene ids: DSVIZ_SCENES, else `dsviz-cli list --json` ("id" fields), else
# the first word of each unindented line of `dsviz-cli list`.
scenes=${DSVIZ_SCENES:-}
if [ -z "$scenes" ] && [ -x "$cli" ]; then
  scenes=$("$cli" list --json 2>/dev/null | grep -o '"id" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' | tr '\n' ' ')
  [ -n "${scenes// }" ] || scenes=$("$cli" list 2>/dev/null | grep -oE '^[a-z][a-z0-9_-]*' | awk '!seen[$0]++' | tr '\n' ' ')
fi
# No silent fallback to one scene: finding none is a failure.
if [ -z "${scenes// }" ]; then bad "no scene ids from DSVIZ_SCENES or \`$cli list\` (is $cli built?)"; finish; fi
echo "     scenes: $scenes"

for id in $scenes; do
  png="$shots/desktop-$id.png"
  rm -f "$png"
  t0=$(date +%s%N)
  out=$(timeout 180 "$bin" --scene "$id" --frames 60 --screenshot "$png" 2>&1)
  rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ $rc -ne 0 ]; then bad "dsviz --scene $id exited $rc ($ms ms): $(echo "$out" | tail -5)"; continue; fi
  if [ ! -s "$png" ]; then bad "dsviz --scene $id wrote no screenshot $png"; continue; fi
  info=$(identify -format '%m %w %h %k' "$png" 2>&1) || { bad "$png is not a valid image: $info"; continue; }
  read -r fmt w h colours <<<"$info"
  if [ "$fmt" != PNG ]; then bad "$png is $fmt, not PNG"; continue; fi
  if [ "$colours" -le 10 ]; then bad "$png (${w}x${h}) has only $colours colours: blank window?"; continue; fi
  ok "dsviz --scene $id --frames 60: ${w}x${h} PNG, $colours colours ($ms ms)"
done

# Bad command lines: a one-line error and exit code 2, no crash.
for args in "--no-such-flag" "--frames" "--frames not-a-number" "--set nodes=abc" "--seed +5"; do
  # shellcheck disable=SC2086
  out=$(timeout 30 "$bin" $args 2>&1)
  rc=$?
  if [ $rc -eq 2 ]; then ok "dsviz $args exits 2: $(echo "$out" | head -1)"
  else bad "dsviz $args exited $rc, expected 2: $(echo "$out" | head -3)"; fi
done

# A --set value the scene refuses (a number out of its range; a malformed
# number is a usage error, exit 2, checked above): said on stderr; without
# --strict the app still runs (exit 0, a screenshot), with --strict it exits
# 2 before any window, so scripted screenshots cannot fall back to defaults.
refused_png="$shots/desktop-refused-set.png"
for strict in "" "--strict"; do
  rm -f "$refused_png"
  # shellcheck disable=SC2086
  err=$(timeout 60 "$bin" --scene unity --set nodes=999 $strict --frames 5 --screenshot "$refused_png" 2>&1 >/dev/null)
  rc=$?
  said=$(echo "$err" | grep -m1 -- '--set refused:.*nodes')
  if [ -z "$strict" ]; then
    if [ $rc -eq 0 ] && [ -n "$said" ] && [ -s "$refused_png" ]; then ok "dsviz --set nodes=999: runs (exit 0, screenshot) and says on stderr: $said"
    else bad "dsviz --set nodes=999 exited $rc (expected 0 with a screenshot and a stderr line): $(echo "$err" | head -3)"; fi
  else
    if [ $rc -eq 2 ] && [ -n "$said" ] && [ ! -e "$refused_png" ]; then ok "dsviz --set nodes=999 --strict exits 2 without a window: $said"
    else bad "dsviz --set nodes=999 --strict exited $rc (expected 2, a stderr line, no screenshot): $(echo "$err" | head -3)"; fi
  fi
done

finish
