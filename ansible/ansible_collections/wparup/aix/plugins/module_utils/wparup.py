# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)
"""Runs wparup with ``--json`` and turns its JSON envelope into an Ansible result.

wparup prints exactly one JSON document on stdout for every run (the envelope, schema 2:
``schema, command, ok, exit_code, exit_name, changed, error, warnings, replay, log`` and the
command's payload) and exits with a stable code. This file is the one place that knows that
contract; the modules only choose the command line.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

# The envelope version these modules read (wparup's `schema` key).
SCHEMA = 2

# How much of wparup's stderr a failure without a valid envelope shows.
STDERR_TAIL_LINES = 40

# Where the RPM puts wparup (packaging/aix/wparup.spec: /opt/freeware/bin) when it is not on PATH.
EXTRA_DIRS = ['/opt/freeware/bin', '/usr/local/bin']

# AIX commands print localized text; wparup sets C for its children too, this keeps its own
# messages in English for the task output.
ENVIRON = {'LANG': 'C', 'LC_ALL': 'C', 'LC_MESSAGES': 'C'}

# Options every module takes.
COMMON_ARGS = dict(
    executable=dict(type='path'),
    bin_dir=dict(type='path'),
    log_dir=dict(type='path'),
    lock_dir=dict(type='path'),
    replay=dict(type='path'),
)


def find_executable(module):
    """The wparup to run: the `executable` option, else `wparup` on PATH or in EXTRA_DIRS."""
    exe = module.params.get('executable')
    if exe:
        return exe
    return module.get_bin_path('wparup', required=True, opt_dirs=EXTRA_DIRS)


def base_argv(module):
    """`[wparup, --json, -q, global options…]`: everything before the subcommand.

    A WPARUP_REPLAY (or WPARUP_RECORD) left in the module's environment would turn the task
    into a replay that reports success without touching a WPAR: the task is refused instead. A
    replay is asked for in the task itself (the `replay` option)."""
    for var in ('WPARUP_REPLAY', 'WPARUP_RECORD'):
        if os.environ.get(var):
            module.fail_json(msg='%s is set in the environment of the module (%s): a task never replays '
                                 'or records on its own; unset it, or ask for a replay with the replay option'
                                 % (var, os.environ[var]), rc=2, exit_name='usage', changed=False)
    argv = [find_executable(module), '--json', '-q']
    for opt, flag in (('bin_dir', '--bin-dir'), ('log_dir', '--log-dir'), ('lock_dir', '--lock-dir'),
                      ('replay', '--replay')):
        value = module.params.get(opt)
        if value:
            argv.extend([flag, value])
    return argv


def stderr_tail(err, lines=STDERR_TAIL_LINES):
    """The last `lines` lines of stderr, as a list."""
    return (err or '').rstrip('\n').splitlines()[-lines:]


def parse_envelope(out):
    """The envelope in `out`, or None when stdout is not exactly one JSON object."""
    try:
        doc = json.loads(out)
    except ValueError:
        return None
    if not isinstance(doc, dict) or 'exit_code' not in doc:
        return None
    return doc


def run(module, argv):
    """Runs wparup (no shell, no timeout: migwpar may take hours) and returns (rc, envelope).

    Fails the task, with the tail of stderr, when wparup printed no valid envelope.
    """
    # expand_user_and_vars=False: a media path with `$` or `~` is passed as written.
    rc, out, err = module.run_command(argv, environ_update=ENVIRON, expand_user_and_vars=False)
    doc = parse_envelope(out)
    if doc is None:
        module.fail_json(
            msg='wparup printed no valid JSON envelope (exit %d); see stderr_tail' % rc,
            rc=rc,
            cmd=argv,
            stderr_tail=stderr_tail(err),
        )
    if doc.get('schema') != SCHEMA:
        module.fail_json(
            msg='wparup printed JSON schema %r; this collection reads schema %d: install the wparup '
                'release that matches the collection (role wparup.aix.install)' % (doc.get('schema'), SCHEMA),
            rc=rc,
            cmd=argv,
            stderr_tail=stderr_tail(err),
        )
    return rc, doc


def version(module):
    """`wparup --version` as `0.2.0` (None when it cannot be read)."""
    rc, out, dummy = module.run_command([find_executable(module), '--version'], environ_update=ENVIRON)
    words = out.split()
    if rc != 0 or len(words) < 2:
        return None
    return words[-1]


def runs(doc):
    """The per-WPAR reports of a document: `wpar_runs` with --all, else the document itself."""
    if isinstance(doc.get('wpar_runs'), list):
        return doc['wpar_runs']
    if doc.get('wpar') is not None:
        return [doc]
    return []


def missing_filesets(doc):
    """Filesets missing from the media, from wparup's own media check (`media.missing`) and from
    syncwpar's 0960-582 table (`result.missing_filesets`), each with the WPAR it was found for."""
    seen = set()
    found = []
    for r in runs(doc):
        rows = list(((r.get('media') or {}).get('missing') or []))
        rows.extend((r.get('result') or {}).get('missing_filesets') or [])
        for row in rows:
            key = (r.get('wpar'), row.get('fileset'))
            if key in seen:
                continue
            seen.add(key)
            item = dict(row)
            item['wpar'] = r.get('wpar')
            found.append(item)
    return found


def result_rows(doc, key):
    """Rows of a list in each WPAR's parsed AIX output (`result.KEY`), each with its WPAR."""
    found = []
    for r in runs(doc):
        for row in (r.get('result') or {}).get(key) or []:
            item = dict(row)
            item['wpar'] = r.get('wpar')
            found.append(item)
    return found


def concat(doc, key, prefix=False):
    """A list key of every per-WPAR report, concatenated in order; with `prefix` and --all,
    each entry says which WPAR it is about."""
    out = []
    named = prefix and isinstance(doc.get('wpar_runs'), list)
    for r in runs(doc):
        for item in r.get(key) or []:
            out.append('%s: %s' % (r.get('wpar'), item) if named else item)
    return out


def failure_message(doc):
    """What went wrong, in wparup's words; with --all, each failed WPAR's own message too."""
    error = doc.get('error') or {}
    parts = [error.get('message') or 'wparup exited %s (%s)' % (doc.get('exit_code'), doc.get('exit_name'))]
    if isinstance(doc.get('wpar_runs'), list):
        for r in doc['wpar_runs']:
            e = r.get('error') or {}
            if e.get('message'):
                parts.append('%s: %s' % (r.get('wpar'), e['message']))
    return '; '.join(parts)


def hints(doc):
    """What to run next: the error's hints; with --all, each failed WPAR's (the top-level hint
    there only points at `wpar_runs`, which the module flattens)."""
    if isinstance(doc.get('wpar_runs'), list):
        out = []
    else:
        out = list((doc.get('error') or {}).get('hints') or [])
    for r in doc.get('wpar_runs') or []:
        for h in (r.get('error') or {}).get('hints') or []:
            if h not in out:
                out.append(h)
    return out


def operation_result(module, doc, rc, argv):
    """The task result of a `wpar` operation: typed fields, never a top-level `results`.

    wparup's warnings (a stale .toc, a WPAR whose levels cannot be read) become the task's
    warnings through `module.warn`.
    """
    # (with --all, the top-level warnings already hold every WPAR's, prefixed with its name)
    for warning in doc.get('warnings') or []:
        module.warn(warning)
    single = doc.get('wpar_runs') is None
    result = dict(
        rc=rc,
        exit_name=doc.get('exit_name'),
        changed=bool(doc.get('changed')),
        cmd=argv,
        error=doc.get('error'),
        hints=hints(doc),
        log=doc.get('log'),
        logs=list(doc.get('logs') or ([doc['log']] if doc.get('log') else [])),
        plan=concat(doc, 'plan'),
        ran=concat(doc, 'ran'),
        summary=concat(doc, 'summary', prefix=True),
        next=concat(doc, 'next', prefix=True),
        missing_filesets=missing_filesets(doc),
        space_shortfalls=result_rows(doc, 'space_shortfalls'),
        builddate_failures=result_rows(doc, 'builddate_failures'),
        messages=result_rows(doc, 'messages'),
    )
    if single:
        for key in ('wpar', 'skipped', 'state_before', 'state_after', 'private_usr', 'level_before',
                    'level_after', 'decision', 'media', 'backup', 'restored_from', 'consistency'):
            result[key] = doc.get(key)
    else:
        # Each WPAR's report without the raw parsed AIX output (`result`: thousands of
        # installation-summary rows for a syncwpar); its typed parts are flattened above and
        # the whole output is in the host's log.
        result['wpar_runs'] = [dict((k, v) for k, v in r.items() if k != 'result') for r in doc['wpar_runs']]
    return result


def diff_of(doc):
    """Before/after state and level of every WPAR the run touched."""
    before = {}
    after = {}
    for r in runs(doc):
        name = r.get('wpar')
        if name is None or r.get('skipped'):
            continue
        before[name] = dict(state=r.get('state_before'), level=r.get('level_before'))
        after[name] = dict(state=r.get('state_after') or r.get('state_before'),
                           level=r.get('level_after') or r.get('level_before'))
    return dict(before=before, after=after)
