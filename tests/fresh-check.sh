#!/usr/bin/env bash
# make fresh-check: the README's two commands on a plain Debian 12 system.
# Builds a minimal bookworm root (debootstrap --variant=minbase, Debian's own
# packages only, so Debian's Node.js 18 and npm 9) in a temporary folder,
# clones the repository's committed HEAD into it and runs there, as root:
#   make test                  (bootstrap, both builds, every test)
#   make serve PORT=0 &        then a request for the page and its .wasm
# The host's apt sources and settings, CA certificates, npm settings and DNS
# set-up are carried in, so the chroot reaches the same package registries.
# /proc, /sys, /dev and a tmpfs /dev/shm (Chromium) are mounted in a private
# mount and PID namespace (unshare), so the mounts and every process started
# inside end with it, whatever happens; the folder is removed on exit.
#   tests/fresh-check.sh [repository]      (default: this checkout; as root)
# Environment: DSVIZ_CACHE (default ~/.cache/dsviz: the debootstrap tarball,
# a pristine copy of the unpacked root and a download cache of .deb files
# live in $DSVIZ_CACHE/fresh; delete that folder to start from the network),
# FRESH_KEEP=1 keeps the folder for a look afterwards (printed at the end),
# FRESH_TMP (default /var/tmp) is where the folder goes.
set -euo pipefail
{ # the whole script is read before it runs, so an edit during a run is harmless

# ---- inside the namespace: mounts, chroot, the README's commands ----------
if [ "${1:-}" = "--inner" ]; then
  root=$2 debs=$3
  for d in proc sys dev; do mkdir -p "$root/$d"; done
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777,size=1g tmpfs "$root/dev/shm"
  mkdir -p "$root/var/cache/apt/archives"
  mount --bind "$debs" "$root/var/cache/apt/archives"
  # A clean environment, as a root login on a new machine would have.
  in_root() {
    chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
      TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
      ${no_proxy:+no_proxy=$no_proxy} \
      /bin/bash -c "cd /root/dsviz || exit 1
$1"
  }
  # The request, with the chroot's (Debian's) Node.js: page and .wasm must come
  # back 200 with their content types, the .wasm whole and starting "\0asm".
  cat >"$root/tmp/fresh-request.mjs" <<'EOF'
import http from 'node:http';
import fs from 'node:fs';
const [base, wasm] = process.argv.slice(2);
const get = (u) => new Promise((ok, bad) => http.get(u, (r) => {
  const parts = []; r.on('data', (c) => parts.push(c));
  r.on('end', () => ok({ status: r.statusCode, type: r.headers['content-type'], body: Buffer.concat(parts) }));
}).on('error', bad));
let bad = 0;
const page = await get(base);
console.log(`GET ${base}: ${page.status} ${page.type} ${page.body.length} bytes`);
if (page.status !== 200 || !/^text\/html/.test(page.type) || !page.body.includes('index.js')) bad++;
const w = await get(base + wasm);
const size = fs.statSync('build/web/' + wasm).size;
console.log(`GET ${base}${wasm}: ${w.status} ${w.type} ${w.body.length} bytes (file ${size})`);
if (w.status !== 200 || w.type !== 'application/wasm' || w.body.length !== size ||
    w.body.subarray(0, 4).toString('latin1') !== '\0asm') bad++;
console.log(bad ? 'request: FAILED' : 'request: page and wasm ok');
process.exit(bad ? 1 : 0);
EOF
  t0=$SECONDS
  rc=0
  echo "--- fresh-check: make test (in the chroot) started at $(date -u +%H:%M:%S)"
  in_root 'make test' || rc=$?
  echo "--- fresh-check: make test finished in $((SECONDS - t0))s (exit $rc)"
  [ $rc -eq 0 ] || exit $rc

  echo "--- fresh-check: Node.js used in the chroot"
  in_root 'echo "node $(node --version), npm $(npm --version), $(dpkg-query -W -f="\${Package} \${Version}  " nodejs npm)"; dpkg-query -W -f="\${Version}" nodejs | grep -q "dfsg" || { echo "fresh-check: nodejs is not Debian'"'"'s package" >&2; exit 1; }; echo "playwright-core $(node -p "require(\"./tests/browser/node_modules/playwright-core/package.json\").version")"'

  t0=$SECONDS
  echo "--- fresh-check: make serve (in the background) and a request for the page and its .wasm"
  in_root 'make serve PORT=0 >/tmp/serve.log 2>&1 &
    url=
    for i in $(seq 1 600); do
      url=$(grep -o "http://[^ ]*/" /tmp/serve.log | head -1 || true)
      [ -n "$url" ] && break
      grep -q -E "^make.*Error|serve: " /tmp/serve.log && break
      sleep 1
    done
    cat /tmp/serve.log
    [ -n "$url" ] || { echo "fresh-check: make serve did not start" >&2; exit 1; }
    node /tmp/fresh-request.mjs "$url" index.wasm'
  echo "--- fresh-check: make serve and the request took $((SECONDS - t0))s"
  exit 0
fi

# ---- on the host --------------------------------------------------------
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-$here}
cache=${DSVIZ_CACHE:-$HOME/.cache/dsviz}/fresh
tmpbase=${FRESH_TMP:-/var/tmp}
[ "$(id -u)" -eq 0 ] || { echo "fresh-check: run as root (debootstrap, chroot and mounts need it)" >&2; exit 1; }

start=$SECONDS
times=()
step() {  # step NAME COMMAND...: runs one step and prints its time
  local name=$1; shift
  local t0=$SECONDS rc=0
  echo "=== fresh-check: $name"
  "$@" || rc=$?
  times+=("$name $((SECONDS - t0))s$([ $rc -eq 0 ] || echo " FAILED(exit $rc)")")
  echo "=== fresh-check: $name: $((SECONDS - t0))s (exit $rc)"
  return $rc
}

work=$(mktemp -d "$tmpbase/dsviz-fresh.XXXXXX")
root=$work/root
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e  # clean up as far as possible, whatever fails
  # The mounts live in the namespace and ended with it; make sure nothing is
  # mounted below the folder before removing it (never delete through a bind).
  if grep -q " $work/" /proc/self/mounts; then
    grep " $work/" /proc/self/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l || true
  fi
  if [ "${FRESH_KEEP:-0}" = 1 ]; then
    echo "fresh-check: kept $work"
  elif grep -q " $work/" /proc/self/mounts; then
    echo "fresh-check: $work still has mounts, not removed" >&2
  else
    rm -rf --one-file-system "$work"
  fi
  echo "fresh-check: steps: ${times[*]/%/;} total $((SECONDS - start))s"
  [ $rc -eq 0 ] && echo "fresh-check: passed" || echo "fresh-check: FAILED (exit $rc)" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

head=$(git -C "$repo" rev-parse HEAD)
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] \
  || echo "fresh-check: note: $repo has uncommitted changes; the check uses the committed HEAD $head only"

# Debian's mirror from the host's sources (deb.debian.org when none is found).
mirror=$(grep -h -E '^[[:space:]]*(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
  | grep -o -E 'https?://[^ ]*' | grep -E '/debian/?$' | head -1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
tarball=$cache/bookworm-minbase.tgz
mkdir -p "$cache/debs"

make_tarball() {
  [ -s "$tarball" ] && { echo "cached: $tarball"; return 0; }
  local t=$work/tarball-root
  debootstrap --variant=minbase --include=make --make-tarball="$tarball.tmp" bookworm "$t" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; rm -f "$tarball.tmp"; return 1; }
  mv "$tarball.tmp" "$tarball"
  rm -rf --one-file-system "$t"
}
# The unpacked root is kept as a pristine tar next to the tarball: unpacking
# with debootstrap takes minutes, extracting the copy seconds.
pristine=$cache/bookworm-minbase-root.tar
unpack() {
  if [ -s "$pristine" ] && [ "$pristine" -nt "$tarball" ]; then
    mkdir -p "$root" && tar -xpf "$pristine" --numeric-owner -C "$root"
    echo "bookworm minbase from the pristine copy $pristine"
  else
    debootstrap --variant=minbase --include=make --unpack-tarball="$tarball" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log"; return 1; }
    tar -cpf "$pristine.tmp" --numeric-owner --one-file-system -C "$root" . && mv "$pristine.tmp" "$pristine"
  fi
  echo "bookworm minbase in $root ($(du -sh --one-file-system "$root" | cut -f1))"
}

# The host's registries and trust: apt sources and Acquire settings (proxy,
# validity), CA certificates, npm settings, DNS. Only Debian's sources: a
# third-party Node.js repository would defeat the check.
carry_in() {
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  cp /etc/hosts "$root/etc/hosts"
  rm -f "$root/etc/apt/sources.list"
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
  local f k
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    if grep -q -i nodesource "$f"; then echo "skipped $f (not Debian's)"; continue; fi
    cp "$f" "$root/etc/apt/sources.list.d/"
    for k in $(grep -h -o -E '(Signed-By: *|signed-by=)/[^] ]*' "$f" | sed -E 's/^(Signed-By: *|signed-by=)//'); do
      [ -e "$root$k" ] || { mkdir -p "$root$(dirname "$k")"; cp "$k" "$root$k"; }
    done
  done
  for f in /etc/apt/apt.conf.d/*; do
    grep -q -E '^[[:space:]]*Acquire' "$f" 2>/dev/null && cp "$f" "$root/etc/apt/apt.conf.d/"
  done
  [ -f /etc/apt/auth.conf ] && cp /etc/apt/auth.conf "$root/etc/apt/auth.conf"
  [ -d /etc/apt/auth.conf.d ] && cp -r /etc/apt/auth.conf.d/. "$root/etc/apt/auth.conf.d/" 2>/dev/null || true
  mkdir -p "$root/etc/ssl" "$root/usr/local/share/ca-certificates"
  cp -a /etc/ssl/certs "$root/etc/ssl/"
  [ -d /usr/local/share/ca-certificates ] && cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  [ -f "$HOME/.npmrc" ] && cp "$HOME/.npmrc" "$root/root/.npmrc"
  # Debian's npm reads /etc/npmrc; a host npm installed under /usr reads /usr/etc/npmrc.
  if [ -f /etc/npmrc ]; then cp /etc/npmrc "$root/etc/npmrc"
  elif [ -f /usr/etc/npmrc ]; then cp /usr/etc/npmrc "$root/etc/npmrc"; fi
  echo "apt sources: $(ls "$root/etc/apt/sources.list.d" | tr '\n' ' ')"
}

clone() {
  local d=$root/root/dsviz
  git clone -q --no-checkout "$repo" "$d"
  git -C "$d" fetch -q "$repo" HEAD
  [ "$(git -C "$d" rev-parse FETCH_HEAD)" = "$head" ] || { echo "HEAD of $repo moved during the clone" >&2; return 1; }
  git -C "$d" checkout -q --detach "$head"
  echo "clone of $head: $(git -C "$d" log --oneline -1 | cut -c1-72)"
}

inner() {
  # A private mount and PID namespace: everything mounted or started inside
  # ends when the inner script ends.
  unshare --mount --propagation private --pid --fork bash "$here/tests/fresh-check.sh" --inner "$root" "$cache/debs"
}

step "prerequisites (host: debootstrap, git)" bash "$here/.ci/bootstrap" fresh
step "debootstrap tarball (cached in $cache)" make_tarball
step "unpack bookworm minbase" unpack
step "carry in apt, CA, npm and DNS settings" carry_in
step "clone $repo at ${head:0:12}" clone
step "the README's commands in the chroot" inner
exit
}
