#!/usr/bin/env bash
# Runs every fuzzer built in <build dir>/fuzzers on its seed corpus
# (tests/fuzz/corpus/<name without _fuzz>/). New inputs go to a scratch copy
# of the corpus, so the repository's seeds stay as they are; a crash leaves
# its input in build/fuzz/crashes/ and fails the run.
#   tests/fuzz/run.sh BUILD_DIR [RUNS] [SECONDS]
#   RUNS: executions per fuzzer (default 10000000; -1 = no limit)
#   SECONDS: wall-clock cap per fuzzer (default 0 = none)
set -u
build=${1:?build dir}
runs=${2:-10000000}
secs=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
shopt -s nullglob
fuzzers=("$build"/fuzzers/*_fuzz)
[ ${#fuzzers[@]} -gt 0 ] || { echo "fuzz: no fuzzers in $build/fuzzers"; exit 1; }
mkdir -p "$build/crashes"
failed=()
for f in "${fuzzers[@]}"; do
  name=$(basename "$f")
  seeds="$here/corpus/${name%_fuzz}"
  [ -d "$seeds" ] || seeds="$here/corpus/$name"
  [ -d "$seeds" ] || { echo "fuzz: $name has no seed corpus (tests/fuzz/corpus/${name%_fuzz}/)"; failed+=("$name"); continue; }
  work="$build/corpus/$name"
  rm -rf "$work" && mkdir -p "$work"
  cp "$seeds"/* "$work"/
  echo "== fuzz $name: $runs runs$([ "$secs" != 0 ] && echo ", at most ${secs}s")"
  t0=$SECONDS
  args=(-runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build/crashes/$name-")
  [ "$secs" != 0 ] && args+=(-max_total_time="$secs")
  if "$f" "${args[@]}" "$work" >"$build/$name.log" 2>&1; then
    echo "   ok in $((SECONDS - t0))s: $(grep -E '^stat::number_of_executed_units' "$build/$name.log" | awk '{print $2}') executions"
  else
    echo "   FAILED ($name): see $build/$name.log; crash inputs in $build/crashes/"
    tail -20 "$build/$name.log"
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#fuzzers[@]} fuzzers passed"
