# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)
"""wparup.aix.wpar_info, fed the JSON wparup prints for the repository's scenarios."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.wparup.aix.plugins.modules import wpar_info
from ansible_collections.wparup.aix.tests.unit.plugins.modules.conftest import EXE, scenario_json


def list_of(status_doc):
    """A `list` document with the WPARs of a `status` scenario (status-mix has no list twin)."""
    st = json.loads(status_doc)
    return json.dumps(dict(schema=2, command='list', ok=True, exit_code=0, exit_name='ok', changed=False,
                           error=None, warnings=[], replay=None, log=None, not_found=[],
                           wpars=[dict(name=w['name'], state=w['state'], type='system',
                                       private_usr=w['private_usr'], versioned=w['versioned']) for w in st['wpars']]))


def test_status_merges_levels_and_verdicts(run_module):
    st = scenario_json('status-mix')
    result, failed, fake = run_module(wpar_info.main, dict(status=True), [(0, list_of(st), ''), (0, st, '')],
                                      check=True)
    assert not failed and result['changed'] is False
    by = dict((w['name'], w) for w in result['wpars'])
    assert by['wp_name']['verdict'] == 'needs-sync' and by['old61']['verdict'] == 'needs-migrate'
    assert by['uptodate']['level'] == result['global_level']
    assert 'wp_name' in result['needs_work'] and 'uptodate' not in result['needs_work']
    assert result['wparup_version'] == '0.2.0'
    assert [EXE, '--json', '-q', 'status', '--jobs', '8', '--'] in fake.calls


def test_list_only(run_module):
    result, failed, fake = run_module(wpar_info.main, dict(), [(0, scenario_json('list-versioned'), '')])
    assert not failed
    assert [(w['name'], w['state'], w['versioned']) for w in result['wpars']] == [
        ('wp_name', 'active', False), ('old52', 'defined', True)]
    assert result['global_level'] is None
    assert fake.calls[0] == [EXE, '--json', '-q', 'list', '--']


def test_jobs_out_of_range_is_a_clean_error(run_module):
    for jobs in (-1, 0, 257):
        result, failed, fake = run_module(wpar_info.main, dict(status=True, jobs=jobs), [])
        assert failed and '1 to 256' in result['msg'] and fake.calls == []
