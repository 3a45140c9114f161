#!/usr/bin/env bash
# The desktop package as a user gets it: builds it (make package), installs
# it with apt-get (Depends resolved from Debian's archive), and runs the
# installed programs from an empty directory: dsviz under a private Xvfb
# with --screenshot (a real picture, not a blank window), dsviz-cli --help
# and a short run. Also checks the files a desktop expects (menu entry,
# icons, man pages) and runs lintian. Ends with "N passed, M failed".
#   tests/package/install-check.sh            as root (CI, .ci/run's package stage)
#   tests/package/install-check.sh --extract  without root: unpacks the .deb
#       with dpkg-deb -x into a temporary root and runs the programs from
#       there (apt-get and Depends are not exercised then)
#   DSVIZ_DEB=path.deb skips make package and checks that file.
set -uo pipefail
cd "$(dirname "$0")/../.."

mode=install
[ "${1:-}" = "--extract" ] && mode=extract

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "${passed} passed, ${failed} failed"; [ "$failed" -eq 0 ]; exit; }

if [ "$mode" = install ] && [ "$(id -u)" -ne 0 ]; then
  bad "installing needs root (apt-get install); run as root, or with --extract to test an unpacked copy"
  finish
fi

deb=${DSVIZ_DEB:-}
if [ -z "$deb" ]; then
  make package || { bad "make package failed"; finish; }
  deb=$(ls build/package/dsviz_*.deb 2>/dev/null | head -1)
fi
if [ ! -f "$deb" ]; then bad "no .deb (looked for ${deb:-build/package/dsviz_*.deb})"; finish; fi
deb=$(realpath "$deb")
ok "package $deb: $(du -k "$deb" | cut -f1) KB, version $(dpkg-deb -f "$deb" Version)"

# Control fields a Debian user and apt rely on.
for f in Package Version Architecture Maintainer Depends Description; do
  v=$(dpkg-deb -f "$deb" "$f")
  if [ -n "$v" ]; then ok "control field $f: $(echo "$v" | head -1)"; else bad "control field $f is empty"; fi
done
dpkg-deb -f "$deb" Depends | grep -q 'libsdl2-2.0-0' || bad "Depends does not name libsdl2-2.0-0 (dpkg-shlibdeps did not run?)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$mode" = install ]; then
  export DEBIAN_FRONTEND=noninteractive
  # An absolute path: apt-get takes it as a file, not a package name.
  # --reinstall: a package of the same version may be installed already.
  if apt-get install -y -qq --reinstall "$deb" >"$work/apt.log" 2>&1; then
    ok "apt-get install $deb"
  else
    bad "apt-get install $deb failed: $(tail -5 "$work/apt.log")"
    finish
  fi
  # The installed files are this .deb's (its md5sums), not an older build's.
  if out=$(dpkg-deb -I "$deb" md5sums | (cd / && md5sum --quiet -c -) 2>&1); then
    ok "installed files match the package's md5sums ($(dpkg-deb -I "$deb" md5sums | wc -l) files)"
  else
    bad "installed files differ from the package: $out"
  fi
  root=""
  files=$(dpkg -L dsviz)
else
  dpkg-deb -x "$deb" "$work/root" || { bad "dpkg-deb -x failed"; finish; }
  root=$work/root
  files=$(cd "$root" && find . -mindepth 1 | sed 's|^\.||')
  ok "unpacked into $root (not installed: Depends not exercised)"
fi
bin=$root/usr/bin/dsviz
cli=$root/usr/bin/dsviz-cli

for f in /usr/bin/dsviz /usr/bin/dsviz-cli /usr/share/applications/dsviz.desktop \
         /usr/share/icons/hicolor/scalable/apps/dsviz.svg /usr/share/icons/hicolor/256x256/apps/dsviz.png \
         /usr/share/icons/hicolor/48x48/apps/dsviz.png /usr/share/man/man1/dsviz.1.gz \
         /usr/share/man/man1/dsviz-cli.1.gz /usr/share/doc/dsviz/copyright /usr/share/doc/dsviz/changelog.Debian.gz; do
  if echo "$files" | grep -qx "$f" && [ -s "$root$f" ]; then ok "file $f"; else bad "missing or empty: $f"; fi
done

if command -v desktop-file-validate >/dev/null; then
  if out=$(desktop-file-validate "$root/usr/share/applications/dsviz.desktop" 2>&1) && [ -z "$out" ]; then
    ok "desktop-file-validate dsviz.desktop"
  else
    bad "desktop-file-validate: $out"
  fi
fi
# The icon's PNGs are the sizes their directories say.
for px in 48 256; do
  got=$(identify -format '%wx%h' "$root/usr/share/icons/hicolor/${px}x${px}/apps/dsviz.png" 2>&1)
  [ "$got" = "${px}x${px}" ] && ok "icon ${px}x${px}" || bad "icon ${px}x${px} is $got"
done
# Man pages: gzip'd roff with the usage help2man took from --help.
for m in dsviz dsviz-cli; do
  page=$(zcat "$root/usr/share/man/man1/$m.1.gz" 2>&1)
  if echo "$page" | grep -q '^\.SH DESCRIPTION' && echo "$page" | grep -q "^usage: dsviz"; then
    ok "man page $m(1): $(echo "$page" | wc -l) lines"
  else
    bad "man page $m(1) has no DESCRIPTION or no usage"
  fi
done

# The programs, from an empty directory: nothing may be looked up beside
# the source tree or the working directory.
cd "$work"
ldd "$bin" "$cli" | grep -q 'not found' && bad "unresolved libraries: $(ldd "$bin" "$cli" | grep 'not found')"
out=$("$cli" --help 2>&1) && echo "$out" | grep -q '^usage: dsviz-cli' && ok "dsviz-cli --help" || bad "dsviz-cli --help: $out"
json=$("$cli" run --scene unity --seed 7 --duration 10s --json 2>&1)
if echo "$json" | grep -q '"trace_hash"' && echo "$json" | grep -q '"scene": *"unity"'; then
  ok "dsviz-cli run --scene unity --seed 7 --duration 10s --json: trace hash $(echo "$json" | grep -o '"trace_hash": *"[^"]*"' | head -1)"
else
  bad "dsviz-cli run: $(echo "$json" | head -5)"
fi
out=$("$bin" --help 2>&1) && echo "$out" | grep -q '^usage: dsviz' && ok "dsviz --help" || bad "dsviz --help: $out"

if ! command -v xvfb-run >/dev/null; then
  bad "xvfb-run not found (Debian package xvfb; run .ci/bootstrap test)"
else
  png=$work/x.png
  out=$(timeout 120 xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
        "$bin" --scene unity --frames 30 --screenshot "$png" 2>&1)
  rc=$?
  info=$(identify -format '%m %w %h %k' "$png" 2>&1)
  read -r fmt w h colours <<<"$info"
  if [ $rc -ne 0 ]; then
    bad "dsviz --scene unity --frames 30 exited $rc: $(echo "$out" | tail -3)"
  elif [ "${fmt:-}" != PNG ] || [ "${colours:-0}" -le 10 ]; then
    bad "screenshot $png: $info (blank or not a PNG)"
  else
    ok "$bin --scene unity --frames 30 --screenshot: ${w}x${h} PNG, $colours colours, $(du -k "$png" | cut -f1) KB"
    [ -n "${DSVIZ_PACKAGE_SHOT:-}" ] && cp "$png" "$DSVIZ_PACKAGE_SHOT"
  fi
fi

# lintian: errors fail the check; warnings are printed.
if command -v lintian >/dev/null; then
  lintian --fail-on error "$deb" >"$work/lintian.txt" 2>&1
  rc=$?
  lint=$(grep -v '^running with root privileges' "$work/lintian.txt")
  [ -n "$lint" ] && echo "$lint" | sed 's/^/     lintian: /'
  if [ "$rc" -eq 0 ]; then ok "lintian: no errors ($(echo -n "$lint" | grep -c '^W:') warnings)"; else bad "lintian found errors"; fi
else
  echo "     lintian not installed: skipped (.ci/bootstrap package installs it)"
fi
finish
