#!/usr/bin/env bash
# Every test of the repository: the Rust tests (`cargo test --locked`), then the Ansible
# collection's (ansible/test.sh: ansible-test sanity, units and integration with real
# ansible-playbook runs, and the collection build). Needs cargo, python3 and the package
# registries (crates.io, PyPI); no AIX, no other network.
#
#     bash tests/all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
cargo test --locked
# The spec's check needs rpmspec (Debian's `rpm`; .ci/run installs it): run when it is there,
# and say so when it is not.
if command -v rpmspec >/dev/null 2>&1; then
    cargo test --locked --test it -- --ignored packaging::rpmspec
else
    echo "tests/all.sh: rpmspec not installed: packaging::rpmspec_parses_and_lists_the_expected_files not run (apt-get install rpm)"
fi
rust=$(date +%s)
bash ansible/test.sh
end=$(date +%s)
echo "tests/all.sh: cargo test $((rust - start)) s, Ansible collection $((end - rust)) s"
