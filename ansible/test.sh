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

step "virtual environments"
# venv: the pinned ansible-core (newest supported here) for everything; venv-oldest: the oldest
# supported ansible-core, for sanity and units; venv-tools: ansible-lint, antsibull-changelog,
# ansible-builder.
make_venv() {
    local venv="$work/$1" req="$root/ansible/$2"
    if ! cmp -s "$req" "$venv/.requirements" 2>/dev/null; then
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
        cp "$req" "$venv/.requirements"
    fi
    # (not `| head -1`: under pipefail, ansible dies of the closed pipe about one run in four)
    "$venv/bin/ansible" --version > "$work/$1-version.txt"
    printf '%s: %s\n' "$1" "$(sed -n 1p "$work/$1-version.txt")"
}
make_venv venv requirements.txt
make_venv venv-oldest requirements-oldest.txt
make_venv venv-tools requirements-tools.txt
venv="$work/venv"
pyver="$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# ansible-test's caches and the venvs it builds for each test stay under target/.
export HOME="$work/home"
mkdir -p "$HOME/.ansible/test/cache"
# ansible-test bootstraps pip in its venvs (2.19: pip 24.2; 2.16: pip 23.1.2) with a script it
# downloads; the stand-in takes its place.
for v in 24_2 23_1_2; do
    cp "$root/ansible/get_pip_standin.py" "$HOME/.ansible/test/cache/get_pip_$v.py"
done
export ANSIBLE_NOCOLOR=1
# Runs a command with one venv's ansible first on PATH.
with() { local v="$1"; shift; PATH="$work/$v/bin:$PATH" "$@"; }

cd "$coll"
printf 'wparup_repo: %s\nwparup_bin: %s\n' "$root" "$WPARUP_TEST_BIN" > tests/integration/integration_config.yml

what="${1:-all}"
if [ "$what" = all ] || [ "$what" = sanity ]; then
    for v in venv-oldest venv; do
        step "ansible-test sanity ($(sed -n 1p "$work/$v-version.txt"))"
        with "$v" ansible-test sanity --venv --python "$pyver"
    done
fi
if [ "$what" = all ] || [ "$what" = units ]; then
    for v in venv-oldest venv; do
        step "ansible-test units ($(sed -n 1p "$work/$v-version.txt"))"
        with "$v" ansible-test units --venv --python "$pyver"
    done
fi
if [ "$what" = all ] || [ "$what" = integration ]; then
    step "ansible-test integration"
    with venv ansible-test integration --venv --python "$pyver"
fi
if [ "$what" = all ] || [ "$what" = lint ]; then
    step "ansible-lint --profile production"
    # Offline, the collection found where it is; its cache goes under target/.
    (export ANSIBLE_COLLECTIONS_PATH="$root/ansible" ANSIBLE_HOME="$work/home/.ansible"
     with venv-tools ansible-lint --profile production --offline --nocolor -q)
    step "antsibull-changelog lint"
    with venv-tools antsibull-changelog lint
fi
if [ "$what" = all ] || [ "$what" = build ]; then
    step "ansible-galaxy collection build"
    rm -rf "$work/dist"
    with venv ansible-galaxy collection build . --output-path "$work/dist" --force
    tarball="$(ls "$work/dist"/wparup-aix-*.tar.gz)"
    # The tarball holds no builder path (this machine's paths, the integration config).
    if tar -xOzf "$tarball" | grep -a -q -e "$root" -e "$work"; then
        echo "FAIL: the built collection holds a path of this machine"; exit 1
    fi
    step "the execution environment definition (ansible-builder create)"
    ee="$(mktemp -d)"
    cp "$root/ansible/execution-environment/"*.yml "$ee/"
    cp "$tarball" "$ee/wparup-aix.tar.gz"
    # (a stand-in for the AIX RPM: `create` only lays out the build context)
    printf 'stand-in\n' > "$ee/wparup.aix.ppc.rpm"
    with venv-tools ansible-builder create -f "$ee/execution-environment.yml" -c "$ee/context" \
        --output-filename Containerfile >/dev/null
    grep -q 'ansible-galaxy collection install' "$ee/context/Containerfile" \
        && grep -q '/opt/wparup/wparup.aix.ppc.rpm' "$ee/context/Containerfile" \
        && [ -f "$ee/context/_build/collections/wparup-aix.tar.gz" ] \
        || { echo "FAIL: ansible-builder did not lay out the collection and the RPM"; exit 1; }
    rm -rf "$ee"
    step "units from the installed tarball"
    # The unit tests read the repository's scenario snapshots, schema, sources and Cargo.toml eight
    # levels above themselves: the tarball is installed where those levels hold links to them,
    # outside the repository (inside it, ansible-test lists files with git, which ignores them).
    top="$(mktemp -d)"
    trap 'rm -rf "$top"' EXIT
    mkdir -p "$top/tests/it"
    ln -s "$root/tests/it/snapshots" "$top/tests/it/snapshots"
    ln -s "$root/schema" "$top/schema"
    ln -s "$root/src" "$top/src"
    ln -s "$root/Cargo.toml" "$top/Cargo.toml"
    with venv ansible-galaxy collection install "$tarball" -p "$top/ansible" >/dev/null
    (cd "$top/ansible/ansible_collections/wparup/aix" && with venv ansible-test units --venv --python "$pyver")
fi
step "done"
