#!/usr/bin/env bash
# Tests the wparup.aix Ansible collection with real Ansible, offline except for the package
# registry: ansible-test sanity, units and integration (real ansible-playbook runs against the
# built wparup and the demo AIX), then `ansible-galaxy collection build`.
#
#     bash ansible/test.sh            # from anywhere; tests/all.sh runs it after `cargo test`
#
# Everything it creates lives under target/ansible/: the virtual environment (from
# ansible/requirements.txt), a HOME for ansible-test's caches and venvs, and the built collection.
# ansible-test normally downloads a pip bootstrap script from a host CI cannot reach; the
# stand-in ansible/get_pip_standin.py takes its place (see the collection's README).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/ansible"
coll="$root/ansible/ansible_collections/wparup/aix"
mkdir -p "$work"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

step "wparup binary"
(cd "$root" && cargo build --locked --quiet)
export WPARUP_TEST_BIN="$root/target/debug/wparup"

step "virtual environment"
venv="$work/venv"
stamp="$venv/.requirements"
if ! cmp -s "$root/ansible/requirements.txt" "$stamp" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/ansible/requirements.txt"
    cp "$root/ansible/requirements.txt" "$stamp"
fi
# (not `| head -1`: under pipefail, ansible dies of the closed pipe about one run in four)
"$venv/bin/ansible" --version > "$work/ansible-version.txt"
sed -n 1p "$work/ansible-version.txt"
pyver="$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# ansible-test's caches and the venvs it builds for each test stay under target/.
export HOME="$work/home"
mkdir -p "$HOME/.ansible/test/cache"
# ansible-core 2.19 bootstraps pip 24.2 in its venvs.
cp "$root/ansible/get_pip_standin.py" "$HOME/.ansible/test/cache/get_pip_24_2.py"
export PATH="$venv/bin:$PATH" ANSIBLE_NOCOLOR=1

cd "$coll"
printf 'wparup_repo: %s\nwparup_bin: %s\n' "$root" "$WPARUP_TEST_BIN" > tests/integration/integration_config.yml

what="${1:-all}"
if [ "$what" = all ] || [ "$what" = sanity ]; then
    step "ansible-test sanity"
    ansible-test sanity --venv --python "$pyver"
fi
if [ "$what" = all ] || [ "$what" = units ]; then
    step "ansible-test units"
    ansible-test units --venv --python "$pyver"
fi
if [ "$what" = all ] || [ "$what" = integration ]; then
    step "ansible-test integration"
    ansible-test integration --venv --python "$pyver"
fi
if [ "$what" = all ] || [ "$what" = build ]; then
    step "ansible-galaxy collection build"
    ansible-galaxy collection build . --output-path "$work/dist" --force
fi
step "done"
