#!/usr/bin/env bash
# dsviz-cli from the outside: output shape, determinism, and one-line errors
# with exit code 2 for every kind of bad input.
#   cli_test.sh <command that runs dsviz-cli...>
set -u
cli=("$@")
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_error "what" args...: exit 2, one line on stderr, nothing on stdout.
expect_error() {
  local what=$1; shift
  local out err rc
  out=$("${cli[@]}" "$@" 2>/tmp/dsviz-cli-err.$$); rc=$?
  err=$(cat /tmp/dsviz-cli-err.$$)
  if [ $rc -ne 2 ]; then bad "$what: exit $rc, wanted 2"; return; fi
  if [ -n "$out" ]; then bad "$what: printed on stdout"; return; fi
  if [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then bad "$what: stderr not one line: $err"; return; fi
  ok
}

scenes=$("${cli[@]}" list | grep -E '^[a-z]' | cut -d' ' -f1)
[ -n "$scenes" ] && ok || bad "list printed no scenes"
for s in $scenes; do
  j=$("${cli[@]}" run --scene "$s" --seed 3 --duration 30s --json) || { bad "$s: run failed"; continue; }
  for key in '"scene":"'"$s"'"' '"seed":3' '"duration_s":30' '"events":' '"trace_hash":"' '"metrics":{' '"invariants":"ok"'; do
    case "$j" in *"$key"*) ok ;; *) bad "$s: JSON lacks $key: $j" ;; esac
  done
  j2=$("${cli[@]}" run --scene "$s" --seed 3 --duration 30s --json)
  [ "$j" = "$j2" ] && ok || bad "$s: same seed gave a different run"
  j3=$("${cli[@]}" run --scene "$s" --seed 4 --duration 30s --json)
  h1=$(printf '%s' "$j" | grep -o '"trace_hash":"[0-9a-f]*"'); h3=$(printf '%s' "$j3" | grep -o '"trace_hash":"[0-9a-f]*"')
  [ "$h1" != "$h3" ] && ok || bad "$s: seeds 3 and 4 gave the same trace"
done

expect_error "no command"
expect_error "unknown command" frobnicate
expect_error "unknown scene" run --scene nope
expect_error "missing scene" run --seed 1
expect_error "unknown flag" run --scene unity --speed 3
expect_error "flag without value" run --scene
expect_error "bad seed" run --scene unity --seed -5
expect_error "seed overflow" run --scene unity --seed 99999999999999999999999
expect_error "bad duration" run --scene unity --duration 5parsecs
expect_error "negative duration" run --scene unity --duration -3s
expect_error "zero duration" run --scene unity --duration 0s
expect_error "unknown key" run --scene unity --set warp=9
expect_error "out of range" run --scene unity --set nodes=33
expect_error "not whole" run --scene unity --set nodes=2.5
expect_error "not a number" run --scene unity --set nodes=many
expect_error "no equals" run --scene unity --set nodes
expect_error "seed with a plus" run --scene unity --seed +5
expect_error "seed with a space" run --scene unity --seed " 5"
expect_error "hex setting" run --scene unity --set nodes=0x8
expect_error "setting with a space" run --scene unity --set "nodes= 8"
expect_error "setting with a plus" run --scene unity --set nodes=+8
expect_error "nan setting" run --scene unity --set rate=nan
expect_error "inf setting" run --scene unity --set rate=inf
expect_error "hex duration" run --scene unity --duration 0x10s
expect_error "event budget" run --scene unity --duration 1h --max-events 1000
expect_error "bad event budget" run --scene unity --max-events 0
expect_error "link and scene" run --link "scene=unity" --scene unity
expect_error "link without scene" run --link "seed=3"
expect_error "bad link value" run --link "scene=unity&nodes=abc"
expect_error "bad link input" run --link "scene=unity&in=5:9"
expect_error "list with args" list extra
expect_error "bench junk" bench --fast

# Deep links: the address a run prints rebuilds it (same trace hash), and
# a link with the reader's inputs prints itself back unchanged.
field() { printf '%s' "$1" | grep -o "\"$2\":\"[^\"]*\"" | cut -d'"' -f4; }
for s in $scenes; do
  j=$("${cli[@]}" run --scene "$s" --seed 5 --duration 20s --set nodes=3 --json 2>/dev/null) ||
    j=$("${cli[@]}" run --scene "$s" --seed 5 --duration 20s --json)
  link=$(field "$j" link)
  j2=$("${cli[@]}" run --link "$link" --duration 20s --json) || { bad "$s: run --link '$link' failed"; continue; }
  [ "$(field "$j" trace_hash)" = "$(field "$j2" trace_hash)" ] && ok || bad "$s: --link '$link' gave another trace"
done
inlink='scene=unity&seed=7&nodes=8&in=12.5:1:3,20.000000001@4410:0,40:rate=40'
j=$("${cli[@]}" run --link "$inlink" --duration 1m --json)
[ "$(field "$j" link)" = "$inlink" ] && ok || bad "link with inputs did not print itself back: $(field "$j" link)"
j3=$("${cli[@]}" run --link "scene=unity&seed=7&nodes=8" --duration 1m --json)
[ "$(field "$j" trace_hash)" != "$(field "$j3" trace_hash)" ] && ok || bad "the link's inputs did not change the run"
# Years of virtual time for event-light scenes: bounded by events, not by 30 days.
j=$("${cli[@]}" run --scene availability --duration 3650d --json 2>/dev/null) && ok || bad "availability for 10 years failed"
case "$j" in *'"duration_s":315360000,'*'"invariants":"ok"'*) ok ;; *) bad "10-year run: $j" ;; esac

msg=$("${cli[@]}" run --scene unity --set nodes=33 2>&1 >/dev/null)
case "$msg" in *"1 to 32"*) ok ;; *) bad "range error does not name the range: $msg" ;; esac
msg=$("${cli[@]}" run --scene nope 2>&1 >/dev/null)
case "$msg" in *unity*) ok ;; *) bad "unknown scene error does not list scenes: $msg" ;; esac

# quiz check: our quizzes and the feature file pass; each file under
# tests/quiz/ gives exactly its lines of expected.txt (FILE:LINE:COL: ...),
# exit 2 for bad-* files and 0 for warn-* (warnings do not fail the check).
root=$(cd "$(dirname "$0")/../.." && pwd)
qdir="$root/tests/quiz"
(cd "$root" && "${cli[@]}" quiz check assets/quiz/dsviz-quiz.toml assets/quiz/dsviz-quiz.fr.toml tests/quiz/ok-features.toml >/tmp/dsviz-quiz-out.$$ 2>&1) \
  && ok || bad "quiz check of our quizzes failed: $(cat /tmp/dsviz-quiz-out.$$)"
grep -q '^assets/quiz/dsviz-quiz.toml: 10 questions (MultipleChoice 8, ShortAnswer 1, Tracing 1)$' /tmp/dsviz-quiz-out.$$ \
  && ok || bad "quiz check summary: $(cat /tmp/dsviz-quiz-out.$$)"
for f in $(cut -d: -f1 "$qdir/expected.txt" | sort -u); do
  got=$(cd "$qdir" && "${cli[@]}" quiz check "$f" 2>&1 >/dev/null); rc=$?
  want=$(grep "^$f:" "$qdir/expected.txt")
  [ "$got" = "$want" ] && ok || bad "quiz check $f printed:
$got
wanted:
$want"
  case "$f" in
    bad-*) [ $rc -eq 2 ] && ok || bad "quiz check $f: exit $rc, wanted 2" ;;
    *) [ $rc -eq 0 ] && ok || bad "quiz check $f: exit $rc, wanted 0" ;;
  esac
done
j=$(cd "$qdir" && "${cli[@]}" quiz check ok-features.toml bad-duplicate-id.toml --json); rc=$?
[ $rc -eq 2 ] && ok || bad "quiz check --json with a bad file: exit $rc"
case "$j" in *'"file":"ok-features.toml","valid":true,"questions":9,"types":{"MultipleChoice":4,"ShortAnswer":3,"Tracing":2}'*'"line":8,"col":6,"severity":"error"'*'"valid":false}') ok ;;
  *) bad "quiz check --json: $j" ;; esac
big=/tmp/dsviz-quiz-big.$$.toml
head -c 20971520 /dev/zero | tr '\0' 'x' > "$big"
t0=$(date +%s%N)
msg=$("${cli[@]}" quiz check "$big" 2>&1 >/dev/null); rc=$?
t1=$(date +%s%N)
[ $rc -eq 2 ] && ok || bad "20 MB quiz: exit $rc"
case "$msg" in "$big:1:1: error: file too large: 20971520 bytes (the limit is 262144)") ok ;; *) bad "20 MB quiz: $msg" ;; esac
[ $(( (t1 - t0) / 1000000 )) -lt 3000 ] && ok || bad "20 MB quiz took $(( (t1 - t0) / 1000000 )) ms"
rm -f "$big"
msg=$("${cli[@]}" quiz check /nonexistent/q.toml 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && ok || bad "missing quiz file: exit $rc"
case "$msg" in "/nonexistent/q.toml:1:1: error: cannot open"*) ok ;; *) bad "missing quiz file: $msg" ;; esac
expect_error "quiz without check" quiz
expect_error "quiz check without files" quiz check
expect_error "quiz with another verb" quiz lint x.toml
course="$root/../shared/course/quizzes"
if [ -d "$course" ]; then
  out=$("${cli[@]}" quiz check "$course"/*.toml 2>&1); rc=$?
  [ $rc -eq 0 ] && ok || bad "the course's quizzes fail the check: $out"
else
  echo "cli: skipped the course's quizzes (no $course)"
fi

# tour check: every bundled tour passes; a bad tour gives FILE:LINE: lines
# (unknown setting, refused value, unknown target, unknown scene, bad
# advance) and exit 2.
out=$(cd "$root" && "${cli[@]}" tour check assets/tours/*.toml 2>&1); rc=$?
[ $rc -eq 0 ] && ok || bad "tour check of our tours failed: $out"
[ "$(printf '%s\n' "$out" | grep -c ': scene [a-z]*, [4-8] steps')" -eq "$(ls "$root"/assets/tours/*.toml | wc -l)" ] \
  && ok || bad "tour check summary: $out"
badtour=/tmp/dsviz-tour-bad.$$.toml
printf '%s\n' 'scene = "unity"' '[[step]]' 'caption = "One."' 'setup = "nodez=3"' '[[step]]' 'caption = "Two."' \
  'setup = "nodes=0"' 'highlight = "node:99"' 'advance = "metric:nope>=1"' 'do = "in=0:1:1"' >"$badtour"
err=$("${cli[@]}" tour check "$badtour" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && ok || bad "bad tour: exit $rc, wanted 2"
want="$badtour:4: step 1: 'setup': scene 'unity' has no setting 'nodez'
$badtour:7: step 2: 'setup': Setting 'nodes' must be 1 to 32 servers, got 0
$badtour:8: step 2: unknown highlight target 'node:99'
$badtour:9: step 2: advance 'metric:nope>=1': the scene has no metric 'nope'"
got=$(printf '%s\n' "$err" | sed -e 's/ (settings: .*)$//' -e "s/ for scene 'unity' (targets: .*)$//" -e 's/ (metrics: .*)$//')
[ "$got" = "$want" ] && ok || bad "bad tour printed:
$got
wanted:
$want"
printf 'scene = "nowhere"\n[[step]]\ncaption = "x"\n' >"$badtour"
err=$("${cli[@]}" tour check "$badtour" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && ok || bad "tour of an unknown scene: exit $rc"
case "$err" in "$badtour:1: unknown scene 'nowhere'"*) ok ;; *) bad "tour of an unknown scene: $err" ;; esac
j=$("${cli[@]}" tour check "$root/assets/tours/unity.toml" "$badtour" --json); rc=$?
[ $rc -eq 2 ] && ok || bad "tour check --json with a bad file: exit $rc"
case "$j" in '{"files":[{"file":"'*'"valid":true,"scene":"unity"'*'"valid":false'*'"line":1,'*'],"valid":false}') ok ;;
  *) bad "tour check --json: $j" ;; esac
rm -f "$badtour"
expect_error "tour without check" tour
expect_error "tour check without files" tour check
rm -f /tmp/dsviz-quiz-out.$$

# rtt: the latency model for one pair, by coordinates or place name.
j=$("${cli[@]}" rtt --from "New York" --to 51.5074,-0.1278 --json) || bad "rtt failed"
for key in '"distance_km":557' '"rtt_floor_ms":54.6' '"rtt_low_ms":' '"rtt_typical_ms":77.' '"rtt_high_ms":' '"name":"New York"' '"name":null'; do
  case "$j" in *"$key"*) ok ;; *) bad "rtt JSON lacks $key: $j" ;; esac
done
t=$("${cli[@]}" rtt --from tyo --to Frankfurt) || bad "rtt by short name failed"
for key in distance_km rtt_floor_ms rtt_low_ms rtt_typical_ms rtt_high_ms; do
  printf '%s\n' "$t" | grep -q "^  $key " && ok || bad "rtt text lacks $key: $t"
done
[ "$("${cli[@]}" rtt --places | wc -l)" -ge 40 ] && ok || bad "rtt --places lists fewer than 40 places"
expect_error "rtt latitude over 90" rtt --from 91,0 --to London
expect_error "rtt latitude under -90" rtt --from -90.5,0 --to London
expect_error "rtt longitude over 180" rtt --from London --to 0,180.01
expect_error "rtt longitude under -180" rtt --from London --to 10,-181
expect_error "rtt junk coordinates" rtt --from 12,abc --to London
expect_error "rtt three numbers" rtt --from 1,2,3 --to London
expect_error "rtt not a number" rtt --from nan,0 --to London
expect_error "rtt unknown place" rtt --from Atlantis --to London
expect_error "rtt missing --to" rtt --from London
expect_error "rtt flag without value" rtt --from London --to
expect_error "rtt unknown flag" rtt --from London --to Paris --fast
j=$("${cli[@]}" run --scene latency --json)
for key in '"rtt_typical_ms_nyc":' '"rtt_typical_ms_london":' '"rtt_typical_ms_tokyo":'; do
  case "$j" in *"$key"*) ok ;; *) bad "latency run lacks $key" ;; esac
done

rm -f /tmp/dsviz-cli-err.$$
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
