#!/usr/bin/env bash
# Runs every fuzzer built in <build dir>/fuzzers on its seed corpus
# (tests/fuzz/corpus/<name without _fuzz>/). New inputs go to a scratch copy
# of the corpus, so the repository's seeds stay as they are; a crash leaves
# its input in build/fuzz/crashes/ and fails the run.
#   tests/fuzz/run.sh BUILD_DIR [RUNS] [SECONDS] [RUN_SECONDS]
#   RUNS: executions per fuzzer (default 10000000; -1 = no limit)
#   SECONDS: wall-clock cap per fuzzer (default 0 = none)
#   RUN_SECONDS: the wall-clock budget of each fuzzer that builds and runs
#     models (*_run_fuzz, e.g. link_run_fuzz): a model costs milliseconds, so
#     these run for this long (default 600) with no execution count, or for
#     SECONDS when that is smaller. quiz_fuzz gets the same budget: reading,
#     checking and grading a quiz under ASan manages 1,000-2,000 inputs/s on
#     a loaded 2-core machine (toml++ or, since, core/toml_reader alike), so
#     10 M would take over an hour. The parsers the address and the command
#     lines go through (link, options, cli_args) get the full RUNS.
set -u
build=${1:?build dir}
runs=${2:-10000000}
secs=${3:-0}
run_secs=${4:-600}
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
  n=$runs cap=$secs
  if [[ $name == *_run_fuzz || $name == quiz_fuzz ]]; then
    n=-1
    { [ "$cap" = 0 ] || [ "$cap" -gt "$run_secs" ]; } && cap=$run_secs
  fi
  echo "== fuzz $name: $([ "$n" = -1 ] && echo "no run limit" || echo "$n runs")$([ "$cap" != 0 ] && echo ", at most ${cap}s")"
  t0=$SECONDS
  args=(-runs="$n" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build/crashes/$name-")
  [ "$cap" != 0 ] && args+=(-max_total_time="$cap")
  if "$f" "${args[@]}" "$work" >"$build/$name.log" 2>&1; then
    dt=$((SECONDS - t0))
    ex=$(grep -E '^stat::number_of_executed_units' "$build/$name.log" | awk '{print $2}')
    echo "   ok in ${dt}s: $ex executions ($(( ${ex:-0} / (dt > 0 ? dt : 1) ))/s)"
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
