#!/usr/bin/env bash
# playbooks/upgrade_fleet.yml on three hosts (local aliases, each the demo host): g2's base
# media are wrong, so the preflight fails the run and no host changes; once they are right (and
# g2's stale .toc rebuilt by wparup_refresh_toc) the rerun brings every WPAR of all three to the
# global's level (old52 kept versioned, stopped WPARs stopped again), one batch at a time; a
# second run changes nothing; then a failure in the first batch stops the others, its logs fetched.
set -euo pipefail
# ansible-test copies tests/integration/integration_config.yml (wparup_repo, wparup_bin; written
# by ansible/test.sh) two levels above this target.
config="$(cd ../.. && pwd)/integration_config.yml"
repo="$(sed -n 's/^wparup_repo: //p' "$config")"
bin="$(sed -n 's/^wparup_bin: //p' "$config")"
top="$(mktemp -d)"
trap 'rm -rf "$top"' EXIT
# async jobs: the wrapper and async_status must agree on the directory whatever HOME says.
export ANSIBLE_ASYNC_DIR="$top/async"

inventory="$top/inventory.ini"
printf '[aix_globals]\n' > "$inventory"
# Three hosts, each the demo host as demo/setup builds it (nothing removed): wp_name (private
# /usr, stopped) still on 6.1, shared01 one SP behind, web01 stopped and up to date, old52
# versioned. Their update media hold the compiler updates (copied in, .toc rebuilt), except g2's:
# there they are copied in after the .toc was built (stale), and g2's base-media variable first
# points at its update directory (no base images).
for h in g1 g2 g3; do
    d="$top/$h"
    sh "$repo/demo/setup" "$d" >/dev/null 2>&1
    cp "$d/media/compiler-updates/"* "$d/media/7100-00-03/"
    if [ "$h" = g2 ]; then
        touch -t 202011200905 "$d/media/7100-00-03/.toc"
        base="$d/media/7100-00-03"
    else
        "$d/bin/inutoc" "$d/media/7100-00-03"
        base="$d/media/aix71-base"
    fi
    : > "$d/state/calls"
    mkdir -p "$d/backups"
    printf '%s ansible_connection=local wparup_media=%s wparup_base_media=%s wparup_bin_dir=%s wparup_log_dir=%s wparup_lock_dir=%s install_path=%s wparup_backup_dir=%s\n' \
        "$h" "$d/media/7100-00-03" "$base" "$d/bin" "$d/logs" "$d/locks" "$d/wparup" "$d/backups" >> "$inventory"
done

run() {
    # (the caller's arguments last: a later -e wins)
    ansible-playbook -i "$inventory" -e "@$config" wparup.aix.upgrade_fleet \
        -e "ansible_python_interpreter=$(command -v python)" \
        -e install_method=binary -e "install_binary_src=$bin" -e install_check_libunwind=false \
        -e wparup_expand=true -e wparup_poll=1 -e "wparup_fetch_dir=$top/fetched" "$@"
}
# The commands that change a WPAR: every one but the reads and the maintenance-mode probes
# (`startwpar -m NAME` and the `stopwpar NAME` that ends it).
mutating() {
    awk '$1 == "startwpar" && $2 == "-m" { probe[$3] = 1; next }
         $1 == "stopwpar" && probe[$NF] { delete probe[$NF]; next }
         $1 ~ /^(startwpar|stopwpar|rebootwpar|migwpar|inutoc|savewpar)$/ { print; next }
         $1 == "syncwpar" && $0 !~ / -p( |$)/ { print }' "$top/$1/state/calls"
}
# must_fail OUT WHY ARG...: a run that must fail; its output in $top/OUT (and shown); fails
# (saying WHY) if the run succeeded.
must_fail() {
    out="$top/$1"; why="$2"; shift 2
    set +e
    run "$@" > "$out" 2>&1
    rc=$?
    set -e
    cat "$out"
    [ "$rc" -ne 0 ] || { echo "FAIL: the run succeeded $why"; exit 1; }
}
# unchanged WHY HOST...: fails (saying WHY) unless none of the hosts ran a mutating command.
unchanged() {
    why="$1"; shift
    for h in "$@"; do
        m="$(mutating "$h")"
        [ -z "$m" ] || { echo "FAIL: $h ran mutating commands $why: $m"; exit 1; }
    done
}

echo "== 0. --check on hosts without wparup yet: each says so, nothing is installed or changed"
run "$@" --check > "$top/check0.out" 2>&1 || { cat "$top/check0.out"; echo "FAIL: the check-mode run failed on hosts without wparup"; exit 1; }
cat "$top/check0.out"
[ "$(grep -c 'is not installed yet' "$top/check0.out")" -ge 3 ] || { echo "FAIL: check mode did not say wparup is missing on each host"; exit 1; }
for h in g1 g2 g3; do
    [ ! -e "$top/$h/wparup" ] || { echo "FAIL: check mode installed wparup on $h"; exit 1; }
done
unchanged "in check mode" g1 g2 g3

echo "== 1. g2's base media are the update images: the preflight stops the run"
must_fail first.out "with no base images on g2" "$@"
grep -q 'base images' "$top/first.out" || { echo "FAIL: the missing base images are not named"; exit 1; }
grep -q '"rc": 2' "$top/first.out" || { echo "FAIL: no rc 2 in the output"; exit 1; }
if grep -q 'PLAY \[Rolling upgrade\]' "$top/first.out"; then echo "FAIL: the rolling play started"; exit 1; fi
unchanged "in the preflight" g1 g2 g3

echo "== 1b. --check with g2's base media given: every host previewed, its plan shown, nothing changed"
sed -i "s|^g2 \(.*\)wparup_base_media=[^ ]*|g2 \\1wparup_base_media=$top/g2/media/aix71-base|" "$inventory"
run "$@" -e wparup_refresh_toc=true --check > "$top/check1.out" 2>&1 || { cat "$top/check1.out"; echo "FAIL: the check-mode run failed"; exit 1; }
cat "$top/check1.out"
[ "$(grep -c 'check mode: .*migwpar -d ' "$top/check1.out")" -eq 3 ] || { echo "FAIL: check mode did not show each host's plan"; exit 1; }
unchanged "in check mode" g1 g2 g3

echo "== 2. g2's base media given (its update .toc still stale; wparup_refresh_toc rebuilds it): every host in batches"
run "$@" -e wparup_refresh_toc=true > "$top/second.out" 2>&1 || { cat "$top/second.out"; echo "FAIL: the rerun failed"; exit 1; }
cat "$top/second.out"
grep -q '^inutoc ' "$top/g2/state/calls" || { echo "FAIL: g2's stale .toc was not rebuilt"; exit 1; }
batches="$(grep -c 'PLAY \[Rolling upgrade\]' "$top/second.out")"
[ "$batches" -eq 3 ] || { echo "FAIL: $batches rolling batches, expected 3 (1, 10%, 25% of 3 hosts)"; exit 1; }
for h in g1 g2 g3; do
    s="$top/$h/state"
    grep -q '^migwpar -d .*aix71-base wp_name' "$s/calls" || { echo "FAIL: $h did not migrate wp_name with the base images"; exit 1; }
    grep -q '^syncwpar -D -d .*7100-00-03 .*wp_name' "$s/calls" || { echo "FAIL: $h did not sync wp_name"; exit 1; }
    for w in wp_name shared01; do
        [ "$(cat "$s/$w.level")" = 7100-00-03-1115 ] || { echo "FAIL: $h's $w is not at the global level"; exit 1; }
    done
    [ "$(cat "$s/wp_name.state") $(cat "$s/web01.state")" = "D D" ] || { echo "FAIL: $h's stopped WPARs were not left stopped"; exit 1; }
    [ "$(cat "$s/old52.level")" = 5200-10-08-0930 ] || { echo "FAIL: $h's versioned old52 was changed"; exit 1; }
    # wparup_backup_dir: one image per changed WPAR, taken before its first change.
    for w in wp_name shared01; do
        ls "$top/$h/backups/$w."*.bff >/dev/null 2>&1 || { echo "FAIL: $h has no backup of $w"; exit 1; }
    done
    ls "$top/$h/backups/web01."*.bff >/dev/null 2>&1 && { echo "FAIL: $h backed up web01, which needed nothing"; exit 1; }
    awk '$1 == "savewpar" && $NF == "wp_name" { saved = NR } $1 == "migwpar" && $NF == "wp_name" { migrated = NR }
         END { exit !(saved && migrated && saved < migrated) }' "$s/calls" \
        || { echo "FAIL: $h did not back wp_name up before migwpar"; exit 1; }
done

echo "== 2b. the same run again changes nothing"
for h in g1 g2 g3; do : > "$top/$h/state/calls"; done
run "$@" > "$top/again.out" 2>&1 || { cat "$top/again.out"; echo "FAIL: the second run failed"; exit 1; }
grep -q 'changed=[1-9]' "$top/again.out" && { cat "$top/again.out"; echo "FAIL: a second run reported a change"; exit 1; }
unchanged "on a second run" g1 g2 g3

echo "== 3. a failure in a batch: logs fetched, the rest of the fleet untouched"
for h in g1 g2 g3; do : > "$top/$h/state/calls"; echo 7100-00-01-1037 > "$top/$h/state/wp_name.level"; printf '%s\n' 'bos.rte 7.1.0.1' 'vac.C 11.1.0.2' 'vac.aix53.lib 11.1.0.2' > "$top/$h/state/wp_name.filesets"; done
# g1's syncwpar fails after the preflight passed: its /usr cannot grow (no -X) and is full.
echo 100 > "$top/g1/state/wp_name.usr_free_mb"
must_fail third.out "although g1 failed" "$@" -e wparup_expand=false
ls "$top/fetched/g1/"*.txt >/dev/null 2>&1 || { echo "FAIL: g1's log was not fetched"; exit 1; }
# The failed host's message names the line that undoes the change made after its backup.
grep -q "Fail this host" "$top/third.out" && grep -q "wparup restore wp_name --from $top/g1/backups/wp_name\." "$top/third.out" \
    || { echo "FAIL: g1's failure does not name its restore line"; exit 1; }
# Each AIX command's limit in wparup sits below the async ceiling (21600 - 600 s).
grep -q '"--timeout", "21000"' "$top/third.out" || { echo "FAIL: the upgrade was not given a --timeout below the async ceiling"; exit 1; }
unchanged "after g1 failed" g2 g3
echo "== 4. a host that cannot be reached: named, and no host is changed"
for h in g1 g2 g3; do : > "$top/$h/state/calls"; done
echo 'g4 ansible_host=127.0.0.1 ansible_port=1 ansible_connection=ssh ansible_ssh_common_args="-o ConnectTimeout=5"' >> "$inventory"
must_fail fourth.out "with g4 unreachable" "$@"
grep -q 'the preflight did not pass on .*g4: unreachable' "$top/fourth.out" || { echo "FAIL: the unreachable host is not named"; exit 1; }
unchanged "although g4 was unreachable" g1 g2 g3
echo "upgrade_fleet: OK"
