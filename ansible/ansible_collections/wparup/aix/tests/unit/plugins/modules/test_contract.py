# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)
"""The collection against wparup's own contract: its JSON schema and its version."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

import yaml

from ansible_collections.wparup.aix.plugins.modules import wpar, wpar_info
from ansible_collections.wparup.aix.plugins.module_utils import wparup
from ansible_collections.wparup.aix.tests.unit.plugins.modules.conftest import repo_file

# Keys the modules return that are not wparup's, each with where its value comes from.
MODULE_OWN = {
    'rc': 'wparup exit status (the schema\'s exit_code)',
    'msg': 'error.message, or the summary',
    'cmd': 'the argv the module ran',
    'wparup_version': '`wparup --version`',
}


def schema_keys():
    """Every property name anywhere in schema/wparup.schema.json."""
    with open(repo_file('schema', 'wparup.schema.json')) as f:
        schema = json.load(f)
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in (node.get('properties') or {}).items():
                keys.add(k)
                walk(v)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    return schema, keys


def return_keys(module):
    """Every key (nested `contains` too) a module documents in RETURN."""
    found = []

    def walk(doc, path):
        for k, v in (doc or {}).items():
            found.append((path + k, k))
            walk(v.get('contains'), path + k + '.')

    walk(yaml.safe_load(module.RETURN), '')
    return found


def test_every_documented_return_key_is_in_the_schema():
    dummy, keys = schema_keys()
    assert 'exit_code' in keys and 'missing_filesets' in keys  # the walk found the schema's keys
    for module in (wpar, wpar_info):
        for path, key in return_keys(module):
            assert key in keys or key in MODULE_OWN, \
                '%s RETURN documents `%s`, which wparup\'s JSON schema does not have' % (module.__name__, path)


def test_the_module_reads_the_schema_version_wparup_prints():
    schema, dummy = schema_keys()
    assert 'schema' in schema['required']
    with open(repo_file('src', 'report', 'envelope.rs')) as f:
        m = re.search(r'pub const SCHEMA: u32 = (\d+);', f.read())
    assert m, 'SCHEMA not found in src/report/envelope.rs'
    assert int(m.group(1)) == wparup.SCHEMA


def test_galaxy_version_is_cargo_version():
    with open(repo_file('Cargo.toml')) as f:
        cargo = re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)
    # The collection these tests belong to: galaxy.yml in the repository, MANIFEST.json once built
    # and installed.
    collection = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
    galaxy_yml = os.path.join(collection, 'galaxy.yml')
    if os.path.exists(galaxy_yml):
        with open(galaxy_yml) as f:
            galaxy = yaml.safe_load(f)['version']
    else:
        with open(os.path.join(collection, 'MANIFEST.json')) as f:
            galaxy = json.load(f)['collection_info']['version']
    assert galaxy == cargo


def test_no_module_returns_a_top_level_results_key():
    # Ansible reads a top-level `results` list as loop results and can show the task as skipped.
    for module in (wpar, wpar_info):
        assert 'results' not in dict(return_keys(module))
