#!/usr/bin/env bash
# wparup.aix.wpar replaying the repository's recorded scenarios (the modules' replay option, --replay): --all results,
# async runs, refusals wparup decides before running anything.
set -euo pipefail
# ansible-test copies tests/integration/integration_config.yml (wparup_repo, wparup_bin; written
# by ansible/test.sh) two levels above this target.
config="$(cd ../.. && pwd)/integration_config.yml"
repo="$(sed -n 's/^wparup_repo: //p' "$config")"
async_dir="$(mktemp -d)"
trap 'rm -rf "$async_dir"' EXIT
export ANSIBLE_ASYNC_DIR="$async_dir"
# The transcripts name their media relative to the repository (`-d fixtures/media/…`): run there.
cd "$repo"
ansible-playbook -i localhost, -c local "$OLDPWD/replay.yml" "$@" -e "@$config"
