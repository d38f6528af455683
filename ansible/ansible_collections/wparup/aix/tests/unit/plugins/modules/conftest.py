# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)
"""Runs a module's main() with wparup's output mocked by the repository's own scenario JSON.

The JSON comes from the snapshots `cargo test` keeps of every replayed scenario
(tests/it/snapshots/it__scenarios__*.snap in the wparup repository): what the built wparup
prints for fixtures/scenarios/NAME.txt, exactly.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19 has no helper: the classic way
    import contextlib

    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved

HERE = os.path.dirname(os.path.abspath(__file__))
# tests/unit/plugins/modules -> the collection -> ansible/ansible_collections/wparup -> the repository
REPO = os.path.abspath(os.path.join(HERE, *(['..'] * 8)))
SNAPSHOTS = os.path.join(REPO, 'tests', 'it', 'snapshots')
EXE = '/opt/freeware/bin/wparup'


class ModuleExit(Exception):
    """exit_json or fail_json was called; `result` is what the task would return."""

    def __init__(self, result, failed):
        super(ModuleExit, self).__init__(result)
        self.result = result
        self.failed = failed


def repo_file(*parts):
    path = os.path.join(REPO, *parts)
    if not os.path.exists(path):
        raise AssertionError('%s not found: these tests run inside the wparup repository '
                             '(ansible/ansible_collections/wparup/aix)' % path)
    return path


def scenario_json(name):
    """The JSON wparup prints for fixtures/scenarios/NAME.txt (from its snapshot)."""
    path = repo_file('tests', 'it', 'snapshots', 'it__scenarios__every_scenario_replays_from_its_recorded_command_line@%s.txt.snap' % name)
    with open(path) as f:
        text = f.read()
    marker = '--- json (as printed)\n'
    if marker not in text:
        raise AssertionError('%s has no JSON section' % path)
    body = text.split(marker, 1)[1]
    json.loads(body)
    return body


class Wparup(object):
    """A fake wparup: each call returns the next (rc, stdout, stderr) and records its argv."""

    def __init__(self, outputs):
        self.outputs = list(outputs)
        self.calls = []
        self.warnings = []

    def __call__(self, module, args, **kwargs):
        self.calls.append(list(args))
        assert 'timeout' not in kwargs, 'wparup must run without a module-side timeout'
        if list(args[-1:]) == ['--version']:
            return 0, 'wparup 0.2.0\n', ''
        if not self.outputs:
            raise AssertionError('unexpected wparup call: %r' % (args,))
        rc, out, err = self.outputs.pop(0)
        return rc, out, err


@pytest.fixture
def run_module(monkeypatch):
    """run_module(main, args, outputs, check=False, diff=False) -> (result, failed, wparup)."""

    def exit_json(self, **kwargs):
        raise ModuleExit(kwargs, False)

    def fail_json(self, **kwargs):
        raise ModuleExit(kwargs, True)

    def run(main, args, outputs, check=False, diff=False):
        fake = Wparup(outputs)
        monkeypatch.setattr(basic.AnsibleModule, 'exit_json', exit_json)
        monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)

        def run_command(self, args, **kwargs):
            return fake(self, args, **kwargs)

        monkeypatch.setattr(basic.AnsibleModule, 'run_command', run_command)
        monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda self, w: fake.warnings.append(w))
        monkeypatch.setattr(basic.AnsibleModule, 'get_bin_path', lambda self, *a, **k: EXE)
        args = dict(args)
        args['_ansible_check_mode'] = check
        args['_ansible_diff'] = diff
        with patch_module_args(args):
            with pytest.raises(ModuleExit) as e:
                main()
        return e.value.result, e.value.failed, fake

    return run
