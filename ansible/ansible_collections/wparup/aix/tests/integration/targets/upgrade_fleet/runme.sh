#!/usr/bin/env bash
# playbooks/upgrade_fleet.yml on three hosts (local aliases, each its own demo AIX): g2's update
# media lack the compiler updates, so the preflight fails the run and no host changes; once
# they are copied in (and the stale .toc rebuilt by wparup_refresh_toc) the rerun upgrades all
# three, one batch at a time; then a failure in the first batch stops the others, its logs fetched.
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
for h in g1 g2 g3; do
    d="$top/$h"
    sh "$repo/demo/setup" "$d" >/dev/null 2>&1
    s="$d/state"
    # wp_name runs at 7100-00-01 (migrated earlier) and needs the 7100-00-03 update; no versioned WPAR.
    echo A > "$s/wp_name.state"
    echo 7100-00-01-1037 > "$s/wp_name.level"
    printf '%s\n' 'bos.rte 7.1.0.1' 'vac.C 11.1.0.2' 'vac.aix53.lib 11.1.0.2' 'Java6.sdk 6.0.0.265' > "$s/wp_name.filesets"
    rm -f "$s"/old52.*
    if [ "$h" != g2 ]; then
        cp "$d/media/compiler-updates/"* "$d/media/7100-00-03/"
        "$d/bin/inutoc" "$d/media/7100-00-03"
    fi
    : > "$s/calls"
    printf '%s ansible_connection=local wparup_media=%s wparup_bin_dir=%s wparup_log_dir=%s wparup_lock_dir=%s wparup_install_path=%s\n' \
        "$h" "$d/media/7100-00-03" "$d/bin" "$d/logs" "$d/locks" "$d/wparup" >> "$inventory"
done

run() {
    # (the caller's arguments last: a later -e wins)
    ansible-playbook -i "$inventory" -e "@$config" wparup.aix.upgrade_fleet \
        -e "ansible_python_interpreter=$(command -v python)" \
        -e wparup_install_method=binary -e "wparup_binary_src=$bin" -e wparup_check_libunwind=false \
        -e wparup_expand=true -e wparup_poll=1 -e "wparup_fetch_dir=$top/fetched" "$@"
}
mutating() { grep -E '^(startwpar|stopwpar|rebootwpar|migwpar|inutoc)( |$)|^syncwpar( |$)' "$top/$1/state/calls" | grep -v -- ' -p' || true; }

echo "== 1. g2's media are incomplete: the preflight stops the run"
set +e
run "$@" > "$top/first.out" 2>&1
rc=$?
set -e
cat "$top/first.out"
[ "$rc" -ne 0 ] || { echo "FAIL: the run succeeded with incomplete media on g2"; exit 1; }
grep -q 'vac.C' "$top/first.out" || { echo "FAIL: the missing fileset is not named"; exit 1; }
grep -q '"rc": 11' "$top/first.out" || { echo "FAIL: no rc 11 in the output"; exit 1; }
if grep -q 'PLAY \[Rolling upgrade\]' "$top/first.out"; then echo "FAIL: the rolling play started"; exit 1; fi
for h in g1 g2 g3; do
    m="$(mutating $h)"
    [ -z "$m" ] || { echo "FAIL: $h ran mutating commands in the preflight: $m"; exit 1; }
done

echo "== 2. g2's compiler updates copied in (its .toc now stale; wparup_refresh_toc rebuilds it): all three upgrade in batches"
cp "$top/g2/media/compiler-updates/"* "$top/g2/media/7100-00-03/"
touch -t 202011200905 "$top/g2/media/7100-00-03/.toc"
run "$@" -e wparup_refresh_toc=true > "$top/second.out" 2>&1 || { cat "$top/second.out"; echo "FAIL: the rerun failed"; exit 1; }
cat "$top/second.out"
grep -q '^inutoc ' "$top/g2/state/calls" || { echo "FAIL: g2's stale .toc was not rebuilt"; exit 1; }
batches="$(grep -c 'PLAY \[Rolling upgrade\]' "$top/second.out")"
[ "$batches" -eq 3 ] || { echo "FAIL: $batches rolling batches, expected 3 (1, 10%, 25% of 3 hosts)"; exit 1; }
for h in g1 g2 g3; do
    grep -q '^syncwpar -D -d .* -X wp_name' "$top/$h/state/calls" || { echo "FAIL: $h did not sync wp_name"; exit 1; }
    [ "$(cat "$top/$h/state/wp_name.level")" = 7100-00-03-1115 ] || { echo "FAIL: $h's wp_name is not at the global level"; exit 1; }
done

echo "== 3. a failure in a batch: logs fetched, the rest of the fleet untouched"
for h in g1 g2 g3; do : > "$top/$h/state/calls"; echo 7100-00-01-1037 > "$top/$h/state/wp_name.level"; printf '%s\n' 'bos.rte 7.1.0.1' 'vac.C 11.1.0.2' 'vac.aix53.lib 11.1.0.2' > "$top/$h/state/wp_name.filesets"; done
# g1's syncwpar fails after the preflight passed: its /usr cannot grow (no -X) and is full.
echo 100 > "$top/g1/state/wp_name.usr_free_mb"
set +e
run "$@" -e wparup_expand=false > "$top/third.out" 2>&1
rc=$?
set -e
cat "$top/third.out"
[ "$rc" -ne 0 ] || { echo "FAIL: the run succeeded although g1 failed"; exit 1; }
ls "$top/fetched/g1/"*.txt >/dev/null 2>&1 || { echo "FAIL: g1's log was not fetched"; exit 1; }
for h in g2 g3; do
    m="$(mutating $h)"
    [ -z "$m" ] || { echo "FAIL: $h was upgraded after g1 failed: $m"; exit 1; }
done
echo "upgrade_fleet: OK"
