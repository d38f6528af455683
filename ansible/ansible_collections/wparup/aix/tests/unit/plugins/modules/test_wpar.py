# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)
"""wparup.aix.wpar, fed the JSON wparup prints for the repository's scenarios."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.wparup.aix.plugins.modules import wpar
from ansible_collections.wparup.aix.tests.unit.plugins.modules.conftest import EXE, scenario_json


def test_missing_media_fails_with_rc_11_and_the_fileset_names(run_module):
    doc = scenario_json('upgrade-media-missing')
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='upgraded', device='/mnt/7100-00-03'),
                                      [(11, doc, '')])
    assert failed
    assert result['rc'] == 11 and result['exit_name'] == 'media_incomplete'
    assert [m['fileset'] for m in result['missing_filesets']] == ['vac.C', 'vac.aix53.lib']
    assert result['missing_filesets'][0]['wpar'] == 'wp_name'
    assert 'vac.C' in result['msg']
    assert any('inutoc' in h for h in result['hints'])
    assert result['changed'] is False and result['ran'] == []
    assert 'results' not in result
    assert fake.calls == [[EXE, '--json', '-q', 'upgrade', '-d', '/mnt/7100-00-03', '--', 'wp_name']]


def test_check_mode_is_the_preview_and_predicts_changed(run_module):
    doc = scenario_json('upgrade-preview')
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='upgraded', device='/mnt/7100-00-03'),
                                      [(0, doc, '')], check=True, diff=True)
    assert not failed
    assert fake.calls[0][-3:] == ['--preview', '--', 'wp_name']
    assert result['changed'] is True
    assert result['plan'][0].startswith('syncwpar -D -d')
    assert result['diff']['before'] == {'wp_name': {'state': 'active', 'level': '7100-00-01-1037'}}
    assert 'syncwpar' in result['diff']['prepared']


def test_already_started_is_ok_not_changed(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='started'),
                                      [(0, scenario_json('start-already-active'), '')])
    assert not failed and result['changed'] is False
    assert result['state_after'] == 'active'
    assert fake.calls == [[EXE, '--json', '-q', 'start', '--', 'wp_name']]


def test_a_refused_start_says_migrate(run_module):
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='started'),
                                       [(10, scenario_json('start-0960-667'), '')])
    assert failed and result['rc'] == 10 and result['exit_name'] == 'needs_migration'
    assert any('migrate' in h for h in result['hints'])


def test_full_usr_reports_the_shortfall_and_that_syncwpar_ran(run_module):
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='synced', device='/mnt/7100-00-03'),
                                       [(12, scenario_json('sync-usr-full-cycle'), '')])
    assert failed and result['rc'] == 12
    assert result['space_shortfalls'] == [{'wpar': 'wp_name', 'filesystem': '/usr', 'blocks_512': 930568}]
    # syncwpar started (and may have applied filesets) before it stopped: changed.
    assert result['changed'] is True
    assert any('--expand' in h for h in result['hints'])
    assert [m['id'] for m in result['messages']] == ['0503-008', '0960-580']


def test_a_builddate_refusal_names_the_filesets_and_asks_for_newer_media(run_module):
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='synced', device='/mnt/7100-00-03'),
                                       [(16, scenario_json('sync-builddate-refused'), '')])
    assert failed and result['rc'] == 16 and result['exit_name'] == 'media_older'
    assert result['builddate_failures'] == [
        {'wpar': 'wp_name', 'fileset': 'bos.rte.install', 'installed': '0816', 'selected': '0746'}]
    assert 'bos.rte.install' in result['msg']
    assert any('oslevel -s' in h for h in result['hints'])


def test_all_returns_wpar_runs_never_results(run_module):
    result, failed, fake = run_module(
        wpar.main, dict(all=True, keep_going=True, state='synced', device='/mnt/7100-00-03'),
        [(11, scenario_json('sync-all-mixed'), '')])
    assert failed and result['rc'] == 11
    assert 'results' not in result
    assert [r['wpar'] for r in result['wpar_runs']] == ['shared01', 'wp_name', 'old52']
    assert [m['fileset'] for m in result['missing_filesets']] == ['vac.C', 'vac.aix53.lib']
    assert 'wp_name: ' in result['msg']
    # The per-WPAR hints, not the top-level pointer to wpar_runs; no raw parsed output.
    assert result['hints'] and not any('wpar_runs' in h for h in result['hints'])
    assert all('result' not in r for r in result['wpar_runs'])
    assert result['changed'] is True
    assert fake.calls[0][3:5] == ['sync', '--all']
    assert '--keep-going' in fake.calls[0]


def test_undocumented_release_pair_fails_with_rc_14_and_ran_nothing(run_module):
    result, failed, dummy = run_module(wpar.main, dict(name='wp72', state='upgraded'),
                                       [(14, scenario_json('upgrade-undocumented-7.2-on-7.3'), '')])
    assert failed and result['rc'] == 14 and result['ran'] == [] and result['changed'] is False


def test_no_envelope_fails_with_the_tail_of_stderr(run_module):
    err = ''.join('line %d\n' % i for i in range(100)) + 'error: something broke\n'
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='started'), [(23, 'not json', err)])
    assert failed and result['rc'] == 23
    assert 'no valid JSON envelope' in result['msg']
    assert result['stderr_tail'][-1] == 'error: something broke'
    assert len(result['stderr_tail']) == 40


def test_another_schema_is_refused(run_module):
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='started'),
                                       [(0, '{"schema": 99, "exit_code": 0}', '')])
    assert failed and 'schema 99' in result['msg']


def test_check_mode_start_reads_the_state_and_runs_nothing(run_module):
    result, failed, fake = run_module(wpar.main, dict(all=True, state='started'),
                                      [(0, scenario_json('list-versioned'), '')], check=True, diff=True)
    assert not failed
    assert fake.calls == [[EXE, '--json', '-q', 'list']]
    assert result['changed'] is True and result['plan'] == ['startwpar old52']
    assert result['diff']['after']['old52'] == {'state': 'active'}


def test_options_for_another_state_are_refused_before_running(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='started', expand=True), [])
    assert failed and 'expand' in result['msg'] and fake.calls == []


def test_stop_timeout_zero_waits_without_limit(run_module):
    dummy, failed, fake = run_module(wpar.main, dict(name='wp_name', state='stopped', timeout='0', force=True),
                                     [(0, scenario_json('stop-already-defined'), '')])
    assert not failed
    assert fake.calls[0][3:] == ['stop', '--force', '--no-timeout', '--', 'wp_name']


def test_arguments_are_passed_as_written(run_module):
    dummy, failed, fake = run_module(wpar.main, dict(name='wp_name', state='migrated', device='/mnt/7100 "SP3"; ls',
                                                     convert=True, bin_dir='/opt/fake bin', no_backup=True),
                                     [(0, scenario_json('migrate-with-d'), '')])
    assert fake.calls[0] == [EXE, '--json', '-q', '--bin-dir', '/opt/fake bin', 'migrate', '-d',
                             '/mnt/7100 "SP3"; ls', '--convert', '--no-backup', '--', 'wp_name']


def test_wparup_warnings_become_task_warnings(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='synced', device='/mnt/7100-00-03'),
                                      [(11, scenario_json('sync-preview-missing-vac'), '')], check=True)
    assert failed and result['rc'] == 11
    assert any('is not running' in w for w in fake.warnings)
    assert 'warnings' not in result


def test_options_are_checked_in_check_mode_too(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='started', expand=True), [], check=True)
    assert failed and 'expand' in result['msg'] and fake.calls == []


def test_name_and_all_together_or_neither_are_refused(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', all=True, state='started'), [])
    assert failed and 'without name' in result['msg'] and fake.calls == []
    result, failed, fake = run_module(wpar.main, dict(state='started'), [])
    assert failed and 'name, names or all' in result['msg'] and fake.calls == []


def test_a_stop_timeout_must_be_seconds(run_module):
    for timeout in ('2h', '\u00b2'):
        result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='stopped', timeout=timeout), [])
        assert failed and 'whole seconds' in result['msg'] and fake.calls == []


def test_names_are_checked_and_passed_after_a_double_dash(run_module):
    # A name that is an option (or a path, or holds a shell character) never reaches wparup.
    for bad in ('--all', '-A', '/etc', 'a b', 'wp;rm', '0wp', 'x' * 26):
        result, failed, fake = run_module(wpar.main, dict(name=bad, state='stopped'), [])
        assert failed and 'not a WPAR name' in result['msg'], bad
        assert fake.calls == []
    result, failed, fake = run_module(wpar.main, dict(names=['wp1', 'wp2'], state='upgraded',
                                                      device='/mnt/u', base_device='/mnt/b'),
                                      [(0, scenario_json('upgrade-media-complete'), '')])
    assert fake.calls == [[EXE, '--json', '-q', 'upgrade', '-d', '/mnt/u', '--base', '/mnt/b', '--', 'wp1', 'wp2']]


def test_backup_dir_is_passed_and_refused_where_nothing_changes(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp1', state='upgraded', device='/mnt/u',
                                                      backup_dir='/backup/wpars'),
                                      [(0, scenario_json('upgrade-media-complete'), '')])
    assert fake.calls == [[EXE, '--json', '-q', 'upgrade', '-d', '/mnt/u', '--backup', '/backup/wpars',
                           '--', 'wp1']]
    result, failed, fake = run_module(wpar.main, dict(name='wp1', state='started', backup_dir='/b'), [])
    assert failed and 'backup_dir' in result['msg'] and fake.calls == []


def test_migrated_needs_a_backup_decision(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp1', state='migrated', device='/mnt/b'), [])
    assert failed and 'backup_dir' in result['msg'] and 'no_backup' in result['msg'] and fake.calls == []
    result, failed, fake = run_module(wpar.main, dict(name='wp1', state='migrated', device='/mnt/b',
                                                      backup_dir='/b', no_backup=True), [])
    assert failed and 'exclude each other' in result['msg'] and fake.calls == []


def test_exclude_goes_with_all(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp1', state='upgraded', exclude=['old52']), [])
    assert failed and 'exclude works with all=true' in result['msg']
    result, failed, fake = run_module(wpar.main, dict(all=True, state='upgraded', exclude=['old52'],
                                                      device='/mnt/u'),
                                      [(0, scenario_json('upgrade-media-complete'), '')])
    assert fake.calls == [[EXE, '--json', '-q', 'upgrade', '--all', '--exclude', 'old52', '-d', '/mnt/u']]


def test_a_replay_variable_in_the_environment_is_refused(run_module, monkeypatch):
    monkeypatch.setenv('WPARUP_REPLAY', '/tmp/start-ok.txt')
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='started'), [])
    assert failed and 'WPARUP_REPLAY' in result['msg']
    assert fake.calls == []


def _restore_doc(plan, exit_code=0, exit_name='ok'):
    return dict(schema=2, command='restore', ok=exit_code == 0, exit_code=exit_code, exit_name=exit_name,
                changed=False, error=None, warnings=[], replay=None, log=None, wpar='wp_name', plan=plan,
                ran=[], summary=[], next=[], restored_from=dict(wpar='wp_name', image='/b/wp_name.bff'))


def test_restored_passes_the_image_and_force_and_previews_in_check_mode(run_module):
    plan = ['stopwpar wp_name', 'rmwpar wp_name', 'restwpar -f /b/wp_name.bff -n wp_name']
    result, failed, fake = run_module(
        wpar.main, dict(name='wp_name', state='restored', image='/b/wp_name.bff', force=True),
        [(0, json.dumps(_restore_doc(plan)), '')], check=True)
    assert not failed and result['changed'] is True
    assert result['restored_from']['image'] == '/b/wp_name.bff'
    assert fake.calls == [[EXE, '--json', '-q', 'restore', '--from', '/b/wp_name.bff', '--force', '--preview',
                           '--', 'wp_name']]


def test_restored_needs_one_name_and_an_image(run_module):
    for params in (dict(name='wp_name', state='restored'), dict(all=True, state='restored', image='/b/x.bff')):
        result, failed, fake = run_module(wpar.main, params, [])
        assert failed and 'needs name' in result['msg'] and fake.calls == []
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', state='synced', image='/b/x.bff'), [])
    assert failed and 'option image works with state restored' in result['msg']


def test_a_refused_restore_fails_with_rc_18(run_module):
    doc = _restore_doc([], 18, 'image_mismatch')
    doc['error'] = dict(kind='image_mismatch', message='WPAR `wp_name` shares the global\'s /usr', hints=['h'])
    result, failed, dummy = run_module(
        wpar.main, dict(name='wp_name', state='restored', image='/b/wp_name.bff'), [(18, json.dumps(doc), '')])
    assert failed and result['rc'] == 18 and result['exit_name'] == 'image_mismatch'


def test_verified_runs_as_is_in_check_mode_and_never_changes(run_module):
    doc = dict(schema=2, command='verify', ok=True, exit_code=0, exit_name='ok', changed=False, error=None,
               warnings=[], replay=None, log=None, wpar_runs=[], logs=[])
    result, failed, fake = run_module(wpar.main, dict(all=True, state='verified'), [(0, json.dumps(doc), '')],
                                      check=True)
    assert not failed and result['changed'] is False
    assert fake.calls == [[EXE, '--json', '-q', 'verify', '--all']]


def test_all_false_beside_a_name_is_accepted_and_all_with_a_name_is_not(run_module):
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', all=False, state='started'),
                                      [(0, scenario_json('start-already-active'), '')])
    assert not failed, result
    assert fake.calls == [[EXE, '--json', '-q', 'start', '--', 'wp_name']]
    result, failed, fake = run_module(wpar.main, dict(name='wp_name', all=True, state='started'), [])
    assert failed and 'without name' in result['msg'] and fake.calls == []


def test_check_mode_of_rebooted_on_a_stopped_wpar_fails_like_the_real_run(run_module):
    doc = json.dumps(dict(schema=2, command='list', ok=True, exit_code=0, exit_name='ok', changed=False,
                          error=None, warnings=[], replay=None, log=None,
                          wpars=[dict(name='wp_name', state='defined')]))
    result, failed, dummy = run_module(wpar.main, dict(name='wp_name', state='rebooted'), [(0, doc, '')],
                                       check=True)
    assert failed and result['rc'] == 4 and result['exit_name'] == 'wrong_state'
    assert 'only an active WPAR can be rebooted' in result['msg']


def test_paths_are_passed_as_written(run_module):
    dummy, failed, fake = run_module(
        wpar.main, dict(name='wp_name', state='synced', device='~/media/$TL'),
        [(11, scenario_json('upgrade-media-missing'), '')])
    assert '~/media/$TL' in fake.calls[0]
