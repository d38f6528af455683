#!/bin/sh
# Parse speed against `wc -l`, side by side in one run, on a realistic 100 MB syncwpar log
# (benches/gen-syncwpar-log.sh); peak RSS too. Run from the crate root:
#
#     cargo build --release && sh benches/ratio.sh [SIZE_MB [varied] | LOG]
#
# `varied` measures the generator's harder mix (messages, lines no rule types, six banners,
# TAB rows, a 50,000-row summary: see gen-syncwpar-log.sh). With a file instead of a size,
# that log is measured (e.g. the performance review's independent generator:
# `python3 genlog.py 100 > own100.log; sh benches/ratio.sh own100.log`).
#
# Prints the median of 7 alternating runs of each command and the ratio to `wc -l`; the target
# is within 3x of `wc -l`, peak RSS under 64 MB.
set -eu
bin="${WPARUP:-target/release/wparup}"
size="${1:-100}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -f "$size" ]; then
  log="$size"
else
  log="$tmp/syncwpar.log"
  sh "$(dirname "$0")/gen-syncwpar-log.sh" "$size" "${2:-}" > "$log"
fi
echo "log: $(wc -c < "$log") bytes, $(wc -l < "$log") lines"

# Wall time of one run in milliseconds (date +%s%N: GNU; on AIX use the perl line instead).
ms() {
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$tmp/wc"; : > "$tmp/q"; : > "$tmp/json"
for i in 1 2 3 4 5 6 7; do
  ms wc -l "$log" >> "$tmp/wc"
  ms "$bin" -q parse syncwpar "$log" >> "$tmp/q"
  ms "$bin" --json parse syncwpar "$log" >> "$tmp/json"
done
wc_ms=$(median < "$tmp/wc"); q_ms=$(median < "$tmp/q"); json_ms=$(median < "$tmp/json")
rss=$( { /usr/bin/time -f '%M' "$bin" --json parse syncwpar "$log" > /dev/null; } 2>&1 | tail -1)
awk -v w="$wc_ms" -v q="$q_ms" -v j="$json_ms" -v r="$rss" 'BEGIN {
  if (w < 1) w = 1
  printf "wc -l:                      %6d ms\n", w
  printf "wparup -q parse syncwpar:   %6d ms  %.2fx wc -l\n", q, q / w
  printf "wparup --json parse:        %6d ms  %.2fx wc -l\n", j, j / w
  printf "peak RSS (--json):          %6.1f MB\n", r / 1024
}'
