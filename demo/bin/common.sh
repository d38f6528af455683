# Shared by the demo AIX commands (sourced, not run). Synthetic: a small model of an AIX global
# environment with WPARs, kept as plain files in the state directory named by `fake-state`
# beside these scripts (wparup gives the commands a scrubbed environment, so they cannot rely
# on variables). Message texts are the ones published in real AIX output (the seed story and
# the transcripts listed in docs/seed-story.md); no other text is invented.
#
# State files: global.level, global.filesets ("fileset level" lines); per WPAR NAME.state (lswpar
# letter), NAME.private (yes|no), and optional NAME.level, NAME.filesets, NAME.ostype, NAME.type
# (lswpar letter, S unless set),
# NAME.usr_free_mb; calls (every command run, appended); NAME.hold (tests: sync/migrate of NAME
# wait while it exists). Media directories hold image files (NAME.V.R.M.F.U|I|bff) and a `.toc` that lists
# "fileset level" lines, rebuilt only by inutoc or when missing, as installp does.

HERE="$(cd "$(dirname "$0")" && pwd)"
S="$(cat "$HERE/fake-state")"
ME="$(basename "$0")"
echo "$ME $*" >> "$S/calls"

get() { if [ -f "$S/$1" ]; then cat "$S/$1"; else echo "$2"; fi; }
global_level() { get global.level 7100-00-03-1115; }
wpar_level() { get "$1.level" "$(global_level)"; }
release() { echo "$1" | cut -c1-2; }
global_filesets() { get global.filesets ""; }
wpar_filesets() { if [ -f "$S/$1.filesets" ]; then cat "$S/$1.filesets"; else global_filesets; fi; }
exists() { [ -f "$S/$1.state" ]; }

# ver_ge A B: is dotted version A >= B?
ver_ge() {
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, "."); m = split(b, y, ".");
    for (i = 1; i <= (n > m ? n : m); i++) { if ((x[i] + 0) > (y[i] + 0)) exit 0; if ((x[i] + 0) < (y[i] + 0)) exit 1 }
    exit 0 }'
}

# toc DIR: what installp sees in DIR (its .toc; built from the images when there is none).
toc() {
  [ -f "$1/.toc" ] || rebuild_toc "$1"
  cat "$1/.toc"
}

# One "fileset level kind" line per image: kind I (install image: *.I, *.bff) or U (update).
rebuild_toc() {
  for f in "$1"/*.U "$1"/*.I "$1"/*.bff; do
    [ -f "$f" ] || continue
    case "$f" in *.U) k=U ;; *) k=I ;; esac
    echo "$(basename "$f" | sed -e 's/\.\(U\|I\|bff\)$//' -e 's/^\(.*\)\.\([0-9]*\.[0-9]*\.[0-9]*\.[0-9]*\)$/\1 \2/') $k"
  done > "$1/.toc"
}

# hold NAME: tests make sync/migrate of NAME wait while $S/NAME.hold exists (after touching
# NAME.syncing), at most 30 s.
hold() {
  touch "$S/$1.syncing"
  i=0
  while [ -f "$S/$1.hold" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
}

# last NAME of an argument list
last() { for a in "$@"; do :; done; echo "$a"; }
