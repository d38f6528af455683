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
rust=$(date +%s)
bash ansible/test.sh
end=$(date +%s)
echo "tests/all.sh: cargo test $((rust - start)) s, Ansible collection $((end - rust)) s"
