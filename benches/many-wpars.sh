#!/bin/sh
# Many WPARs on one host: wall time of the read-only commands that read every WPAR through
# clogin (`status`, `check-media --all`, `upgrade --all --preview`) on the demo AIX with N
# running WPARs (private /usr, one TL behind the global, complete media), every clogin taking
# DELAY seconds, at --jobs 1, 8 and 32; and how many AIX commands each run spawned per WPAR.
# Run from the crate root:
#
#     cargo build --release && sh benches/many-wpars.sh [DELAY] [N ...]
#
# (default: 0.2 s, N = 10 100). Serial runs of 1000 WPARs take minutes: ask for them with
# `sh benches/many-wpars.sh 0.2 1000`. The demo commands are shell scripts: their own cost (a
# demo lswpar of one WPAR lists a directory of N files) is part of the figures.
set -eu
bin="$(pwd)/${WPARUP:-target/release/wparup}"
delay="${1:-0.2}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- 10 100
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ms() { date +%s%N | cut -c1-13; }

for n in "$@"; do
  demo="$tmp/demo-$n"
  eval "$("$here/demo/setup" "$demo" 2>/dev/null)"
  s="$demo/state"
  rm -f "$s"/wp_name.* "$s"/shared01.* "$s"/old52.*
  i=1
  while [ "$i" -le "$n" ]; do
    w=$(printf 'w%04d' "$i")
    echo A > "$s/$w.state"; echo yes > "$s/$w.private"
    echo 7100-00-01-1037 > "$s/$w.level"
    printf '%s\n' 'bos.rte 7.1.0.1' 'vac.C 11.1.0.2' 'vac.aix53.lib 11.1.0.2' 'Java6.sdk 6.0.0.265' > "$s/$w.filesets"
    i=$((i + 1))
  done
  media="$demo/media/7100-00-03"
  cp "$demo/media/compiler-updates/"* "$media/"
  "$demo/bin/inutoc" "$media"
  sed -i "s/^n=\"\$1\"\$/n=\"\$1\"; sleep $delay/" "$demo/bin/clogin"
  for cmd in "status" "check-media --all -d $media" "upgrade --all --preview -d $media"; do
    for j in 1 8 32; do
      : > "$s/calls"
      t0=$(ms)
      # shellcheck disable=SC2086
      "$bin" -q $cmd --jobs "$j" > /dev/null 2>&1 || true
      t1=$(ms)
      spawns=$(awk -v n="$n" '{ c[$1]++ } END {
        out = ""; for (p in c) out = out sprintf("%s %.2f, ", p, c[p] / n); print out }' "$s/calls")
      printf '%5d WPARs  %-22s -j %-2d %8.1f s   per WPAR: %s\n' "$n" "${cmd%% -d*}" "$j" \
        "$(echo "$t0 $t1" | awk '{ print ($2 - $1) / 1000 }')" "$spawns"
    done
  done
done
