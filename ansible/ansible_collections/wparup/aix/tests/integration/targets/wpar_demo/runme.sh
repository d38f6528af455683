#!/usr/bin/env bash
# wparup.aix.wpar and wpar_info through real ansible-playbook runs against the built wparup and
# the demo AIX (the repository's demo/bin scripts, which log every call they get).
set -euo pipefail
# ansible-test copies tests/integration/integration_config.yml (wparup_repo, wparup_bin; written
# by ansible/test.sh) two levels above this target.
config="$(cd ../.. && pwd)/integration_config.yml"
repo="$(sed -n 's/^wparup_repo: //p' "$config")"
demo="$(mktemp -d)"
trap 'rm -rf "$demo"' EXIT
export ANSIBLE_ASYNC_DIR="$demo/async"
sh "$repo/demo/setup" "$demo" >/dev/null 2>&1
ansible-playbook -i localhost, -c local demo.yml "$@" -e "@$config" -e "demo=$demo"
