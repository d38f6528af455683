#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: wpar
short_description: Start, stop, reboot, synchronize, migrate or upgrade AIX workload partitions with wparup
description:
  - Runs C(wparup) on an AIX global environment to bring one WPAR, or all of them, to a state.
  - C(upgraded) is the declarative state for fleets; wparup decides per WPAR whether it needs
    C(migwpar) (a new release) or C(syncwpar) (a new TL/SP), checks the media first, and does
    nothing to a WPAR already at the global level.
  - C(synced) and C(migrated) always run C(syncwpar) and C(migwpar), like the commands.
  - The task fails on every non-zero wparup exit code, with wparup's message, its hints and the
    typed fields (missing filesets, space shortfalls, the decision, the plan).
  - wparup runs with an argument list, never through a shell, and without a module-side timeout
    (C(migwpar) takes an hour or more); use C(async) and C(poll) for long runs.
  - Each run writes its whole transcript under C(/var/adm/wparup) on the host (returned in
    C(logs)); C(wparup replay LOG) reproduces it anywhere.
version_added: 0.2.0
author:
  - The wparup developers (@wparup)
options:
  name:
    description:
      - The WPAR.
      - Exactly one of O(name), O(names) and O(all) is required.
      - Checked against AIX's name rules before anything runs (so C(--all) or a path never
        reaches wparup as a name), and passed after C(--).
    type: str
  names:
    description:
      - Several WPARs, one after another in this order; the first failure stops the rest unless
        O(keep_going).
    type: list
    elements: str
  all:
    description:
      - Every WPAR on the host, one after another; the first failure stops the rest unless O(keep_going).
      - Versioned (5.2/5.3) WPARs are kept at their level by V(upgraded) and V(synced), which
        report them and do not fail.
    type: bool
    default: false
  exclude:
    description: With O(all), leave these WPARs out.
    type: list
    elements: str
  state:
    description:
      - V(started) runs C(startwpar) unless the WPAR is already active.
      - V(stopped) runs C(stopwpar) unless the WPAR is already defined.
      - V(rebooted) runs C(rebootwpar) on an active WPAR.
      - V(synced) runs C(syncwpar) (C(-D -d DEVICE) for a private /usr).
      - V(migrated) runs C(migwpar) (C(-d DEVICE) for a private /usr).
      - V(upgraded) migrates or synchronizes as the WPAR needs, and nothing when it is up to date.
      - V(restored) brings the WPAR O(name) back from the backup image O(image) (C(wparup restore));
        the image is read back and checked before anything changes, then C(stopwpar), C(rmwpar),
        C(restwpar), C(startwpar) if it was running, and the level and C(lppchk -v) are checked.
        An image of a shared-/usr WPAR taken when the global was at another level fails with rc 18
        (O(force) restores it anyway).
      - V(verified) checks each running WPAR inside (C(wparup verify)), its level against the
        global's (rc 5 below it) and C(lppchk -v) (rc 17 inconsistent). Never changes anything.
    type: str
    required: true
    choices: [started, stopped, rebooted, synced, migrated, upgraded, restored, verified]
  image:
    description:
      - V(restored) only, and required there; the savewpar image (C(backup.image) of an earlier
        run with O(backup_dir), or C(wparup backups --dir DIR)).
      - Like every path option here, a path on the managed host, passed to wparup as written
        (no C(~) or C($VAR) expansion).
    type: str
  device:
    description:
      - Installation media directory (C(-d)) for V(synced), V(migrated) and V(upgraded); the
        update (TL/SP) images for a sync, the base images of the new release for V(migrated).
      - For V(upgraded) it may hold the base images too (a NIM lpp_source often does), as wparup
        reads what installp sees there, never the directory's name.
      - Passed to wparup as written (no C(~) or C($VAR) expansion), a path on the managed host.
    type: str
  base_device:
    description:
      - V(upgraded) only; the new release's base images (C(--base)), what C(migwpar) needs for a
        WPAR with a private /usr still on the old release. The run migrates it with these, then
        synchronizes it with O(device), in one task.
    type: str
  backup_dir:
    description:
      - V(synced), V(migrated) and V(upgraded); back each WPAR up (C(savewpar), read back with
        C(lssavewpar)) into this directory right before its first change (C(--backup)). A WPAR
        whose backup fails is not changed. The image is in the result (C(backup.image) of each
        WPAR). No backup in check mode (a preview changes nothing).
      - The directory must exist on the managed host.
      - V(migrated) needs this or O(no_backup) (C(migwpar) cannot be undone any other way).
    type: str
  no_backup:
    description:
      - V(synced), V(migrated) and V(upgraded); change the WPARs without a backup
        (C(--no-backup)), an explicit decision. V(migrated) needs this or O(backup_dir).
    type: bool
    default: false
  expand:
    description: Let installp expand file systems (C(syncwpar -X)); V(synced) and V(upgraded).
    type: bool
    default: false
  restart:
    description: Leave the WPAR running afterwards even if it was stopped; V(synced) and V(upgraded).
    type: bool
    default: false
  refresh_toc:
    description:
      - Rebuild a stale or missing C(.toc) of O(device) with C(inutoc) before the run (installp
        ignores images a stale C(.toc) does not list); V(synced) and V(upgraded).
      - In check mode the C(inutoc) is only planned, and the missing-fileset check waits for the
        real run (a warning says so).
    type: bool
    default: false
  keep_going:
    description: With O(all), go on after a WPAR fails.
    type: bool
    default: false
  force:
    description:
      - V(stopped) and V(rebooted), C(stopwpar -F) (a Broken WPAR).
      - V(restored), restore an image the guards refuse (C(restore --force)).
    type: bool
    default: false
  hard:
    description: C(stopwpar -h); V(stopped) and V(rebooted).
    type: bool
    default: false
  timeout:
    description:
      - For V(stopped) and V(rebooted), seconds C(stopwpar) waits (C(-t)); V(0) waits as long as it
        takes (C(-N)).
      - For V(synced), V(migrated) and V(upgraded), wparup kills the AIX command after this long
        (C(90m), C(2h)) and the task fails with rc 15. Default is no limit.
    type: str
  convert:
    description: V(migrated) only; convert a versioned WPAR to a native one (C(migwpar -C -d DEVICE)).
    type: bool
    default: false
  keep_versioned:
    description: V(migrated) only; keep a versioned WPAR at its level (C(migwpar -V)).
    type: bool
    default: false
extends_documentation_fragment:
  - wparup.aix.wparup
attributes:
  check_mode:
    support: full
    description:
      - V(upgraded), V(synced) and V(migrated) run C(wparup … --preview), which checks the media and
        fails with the same codes as the real run (11 missing filesets, 12 space, 14 undocumented
        release pair); C(changed) is the prediction.
      - V(started), V(stopped) and V(rebooted) read the WPAR states with C(wparup list).
      - V(restored) runs C(wparup restore … --preview) (the image is read back and the guards
        apply; nothing is removed); V(verified) runs as usual (it changes nothing).
  diff_mode:
    support: full
    description: State and level of each WPAR before and after.
notes:
  - Exit codes and JSON are wparup's contract (C(wparup --help), C(wparup schema)); the task result
    never has a top-level C(results) key, so Ansible does not read it as a loop.
  - Runs on AIX 7.2 and 7.3 global environments; WPARs are not inventory hosts.
seealso:
  - module: wparup.aix.wpar_info
'''

EXAMPLES = r'''
- name: Preview the upgrade of every WPAR (checks the media; changes nothing)
  wparup.aix.wpar:
    all: true
    state: upgraded
    device: /mnt/7300-02-02
  check_mode: true

- name: Upgrade every WPAR, letting installp grow /usr, for up to 6 hours
  wparup.aix.wpar:
    all: true
    state: upgraded
    device: /mnt/7300-02-02
    expand: true
    restart: true
  async: 21600
  poll: 60
  register: upgrade

- name: Migrate a detached WPAR to 7.3 with the base images
  wparup.aix.wpar:
    name: wp_name
    state: migrated
    device: /mnt/installp/ppc
    backup_dir: /backup/wpars

- name: Start it
  wparup.aix.wpar:
    name: wp_name
    state: started

- name: Check every running WPAR inside (level and lppchk -v)
  wparup.aix.wpar:
    all: true
    state: verified

- name: Undo the migration from the image taken before it
  wparup.aix.wpar:
    name: wp_name
    state: restored
    image: /backup/wpars/wp_name.20261205T020000Z.bff

- name: Sync, waiting while another wparup holds the WPAR's lock (not when its state is wrong)
  wparup.aix.wpar:
    name: wp_name
    state: synced
    device: /mnt/7300-02-02
  register: sync
  until: sync is not failed or sync.error.reason | default('') != 'locked'
  retries: 30
  delay: 60
'''

RETURN = r'''
rc:
  description: wparup's exit code (0 success; 10 needs migration; 11 media incomplete; 12 no space; …).
  returned: always
  type: int
  sample: 11
exit_name:
  description: The exit code's stable name.
  returned: always
  type: str
  sample: media_incomplete
msg:
  description: What happened, in wparup's words.
  returned: always
  type: str
error:
  description:
    - wparup's error, or null. RV(error.reason) tells a lock held by another wparup (V(locked),
      with RV(error.holder_pid)) from a WPAR state that does not allow the operation (V(state)),
      so a playbook can retry only the first.
  returned: always
  type: dict
  contains:
    kind:
      description: The exit code's name.
      type: str
    message:
      description: What happened.
      type: str
    reason:
      description: V(locked) or V(state) for rc 4, else absent.
      type: str
    holder_pid:
      description: The process holding the lock.
      type: int
hints:
  description: What to run next.
  returned: always
  type: list
  elements: str
cmd:
  description: The wparup command line.
  returned: always
  type: list
  elements: str
log:
  description: The transcript wparup wrote on the host.
  returned: always
  type: str
logs:
  description: Every transcript the run wrote.
  returned: always
  type: list
  elements: str
plan:
  description: The commands wparup would run, in order (check mode, and refusals before running).
  returned: always
  type: list
  elements: str
ran:
  description: The AIX commands that ran.
  returned: always
  type: list
  elements: str
summary:
  description: What was done, in words (with O(all), each line starts with the WPAR's name).
  returned: always
  type: list
  elements: str
next:
  description: Advice for afterwards (a restart installp asked for, the next level).
  returned: always
  type: list
  elements: str
missing_filesets:
  description: Filesets missing from O(device) at the global level, per WPAR.
  returned: always
  type: list
  elements: dict
  contains:
    wpar:
      description: The WPAR.
      type: str
    fileset:
      description: The fileset.
      type: str
    wpar_level:
      description: Its level in the WPAR.
      type: str
    global_level:
      description: Its level in the global environment.
      type: str
space_shortfalls:
  description: File systems installp found too small.
  returned: always
  type: list
  elements: dict
  contains:
    wpar:
      description: The WPAR.
      type: str
    filesystem:
      description: The file system.
      type: str
    blocks_512:
      description: The 512-byte blocks installp asked for, when it said.
      type: int
builddate_failures:
  description:
    - Filesets installp's build-date check refused (0503-465, exit 16 C(media_older)) because the
      media's image was built before the fileset installed. Build dates are YYWW.
  returned: always
  type: list
  elements: dict
  contains:
    wpar:
      description: The WPAR.
      type: str
    fileset:
      description: The fileset, when installp named it.
      type: str
    installed:
      description: Build date of the fileset installed.
      type: str
    selected:
      description: Build date of the image on the media.
      type: str
messages:
  description: The AIX messages (NNNN-NNN) the commands printed.
  returned: always
  type: list
  elements: dict
  contains:
    wpar:
      description: The WPAR.
      type: str
    id:
      description: The message id.
      type: str
    command:
      description: The command that printed it.
      type: str
    text:
      description: Its text.
      type: str
wpar:
  description: The WPAR (without O(all)).
  returned: when O(name) is given
  type: str
skipped:
  description: Why wparup did not run anything for the WPAR, or null.
  returned: when O(name) is given
  type: str
state_before:
  description: The WPAR's state before the run.
  returned: when O(name) is given
  type: str
state_after:
  description: The WPAR's state after the run.
  returned: when O(name) is given
  type: str
private_usr:
  description: Whether the WPAR has its own /usr (detached).
  returned: when O(name) is given
  type: bool
level_before:
  description: The WPAR's oslevel before the run.
  returned: when O(name) is given
  type: str
level_after:
  description: The WPAR's oslevel after the run.
  returned: when O(name) is given
  type: str
decision:
  description: What the WPAR needed (V(upgraded)).
  returned: when O(name) is given
  type: dict
  contains:
    verdict:
      description: up-to-date, needs-sync, needs-migrate, versioned or unknown.
      type: str
    reason:
      description: Why.
      type: str
media:
  description: wparup's media check (the directory, its .toc, and the missing filesets).
  returned: when O(name) is given
  type: dict
backup:
  description:
    - The backup taken before the change (O(backup_dir)), or null.
    - Keys C(wpar), C(image) (the savewpar file), C(taken), C(level), C(size_bytes), C(contents)
      (what lssavewpar printed).
  returned: when O(name) is given
  type: dict
restored_from:
  description:
    - V(restored), the image the WPAR was (in check mode, would be) restored from, with the record
      wparup wrote beside it (C(level), C(global_level), C(private_usr), C(rootvg)), or null.
  returned: when O(name) is given
  type: dict
consistency:
  description:
    - What C(lppchk -v) said in the WPAR after V(upgraded) changed it (C(consistent), C(lines),
      C(end)), or null.
  returned: when O(name) is given
  type: dict
wpar_runs:
  description:
    - With O(all), one report per WPAR, in order, each with its own exit_code, error, decision,
      plan and ran (without the raw parsed AIX output, which is in the host's log).
  returned: when O(all) is true
  type: list
  elements: dict
'''

import re

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.wparup.aix.plugins.module_utils import wparup as w

VERB = dict(started='start', stopped='stop', rebooted='reboot', synced='sync', migrated='migrate',
            upgraded='upgrade', restored='restore', verified='verify')
PREVIEW_STATES = ('synced', 'migrated', 'upgraded')
# Check mode runs `wparup … --preview` for these; verified changes nothing and runs as it is.
CHECKED_BY_WPARUP = PREVIEW_STATES + ('restored', 'verified')
# Which options go with which states (anything else is refused, so a typo'd playbook fails).
ALLOWED = dict(
    device=PREVIEW_STATES,
    base_device=('upgraded',),
    backup_dir=PREVIEW_STATES,
    no_backup=PREVIEW_STATES,
    expand=('synced', 'upgraded'),
    restart=('synced', 'upgraded'),
    refresh_toc=('synced', 'upgraded'),
    force=('stopped', 'rebooted', 'restored'),
    image=('restored',),
    exclude=('started', 'stopped', 'rebooted', 'synced', 'migrated', 'upgraded'),
    hard=('stopped', 'rebooted'),
    timeout=('stopped', 'rebooted', 'synced', 'migrated', 'upgraded', 'restored'),
    convert=('migrated',),
    keep_versioned=('migrated',),
)
FLAGS = dict(expand='--expand', restart='--restart', refresh_toc='--refresh-toc', force='--force',
             hard='--hard', convert='--convert', keep_versioned='--keep-versioned',
             keep_going='--keep-going', no_backup='--no-backup')


# AIX's WPAR name rules (mkwpar/chwpar): at most 25 bytes of ASCII, no white space or control
# character, none of these symbols, and not starting with `-` or `0` (wparup's own check).
FORBIDDEN = set('=:/!;`\'"<>~&()*+[],.^{}|\\')


def name_error(name):
    """Why `name` is not a WPAR name, or None."""
    if not name:
        return 'a WPAR name cannot be empty'
    if len(name.encode('utf-8')) > 25:
        return '%r is longer than 25 bytes' % name
    if name[0] in '-0':
        return '%r starts with %r; WPAR names cannot start with - or 0' % (name, name[0])
    for c in name:
        if ord(c) > 126 or ord(c) < 33 or c in FORBIDDEN:
            return '%r contains %r, which AIX does not allow in a WPAR name' % (name, c)
    return None


def targets(p):
    """The WPAR names given (name, or names), in order."""
    if p.get('name'):
        return [p['name']]
    return list(p.get('names') or [])


def validate(module):
    """Refuses, before anything runs (check mode too), what wparup would refuse or ignore."""
    p = module.params
    state = p['state']
    if not p['all'] and not targets(p):
        module.fail_json(msg='one of name, names or all=true is required')
    if p['all'] and targets(p):
        module.fail_json(msg='all=true acts on every WPAR: give it without name or names')
    for n in targets(p) + list(p.get('exclude') or []):
        why = name_error(n)
        if why:
            module.fail_json(msg='not a WPAR name: %s' % why)
    if p.get('exclude') and not p['all']:
        module.fail_json(msg='exclude works with all=true')
    if p.get('backup_dir') and p.get('no_backup'):
        module.fail_json(msg='backup_dir and no_backup exclude each other')
    if state == 'migrated' and not module.check_mode and not (p.get('backup_dir') or p.get('no_backup')):
        module.fail_json(msg='state migrated changes the WPAR for good: give backup_dir (a savewpar image '
                             'of each WPAR first) or no_backup: true')
    for opt, states in ALLOWED.items():
        if p.get(opt) and state not in states:
            module.fail_json(msg='option %s works with state %s, not %s' % (opt, ' or '.join(states), state))
    if state == 'restored' and not (p.get('name') and p.get('image')):
        module.fail_json(msg='state restored needs name (one WPAR) and image (its savewpar image)')
    if state == 'verified' and p['keep_going']:
        module.fail_json(msg='state verified checks every WPAR whatever the others give: keep_going is not needed')
    if p['keep_going'] and not p['all'] and len(targets(p)) < 2:
        module.fail_json(msg='keep_going works with all=true or several names')
    timeout = p.get('timeout')
    # ASCII digits only: str.isdigit() accepts `²`, which int() then refuses.
    if timeout is not None and state in ('stopped', 'rebooted') and not re.match(r'[0-9]+\Z', timeout):
        module.fail_json(msg='timeout for state %s is whole seconds (0: no limit), not %r' % (state, timeout))


def command(module, preview):
    """The wparup argv for the task (options already validated)."""
    p = module.params
    state = p['state']
    argv = w.base_argv(module) + [VERB[state]]
    if p['all']:
        argv.append('--all')
        for x in p.get('exclude') or []:
            argv += ['--exclude', x]
    if p.get('device'):
        argv += ['-d', p['device']]
    if p.get('base_device'):
        argv += ['--base', p['base_device']]
    if p.get('backup_dir'):
        argv += ['--backup', p['backup_dir']]
    if p.get('image'):
        argv += ['--from', p['image']]
    for opt, flag in FLAGS.items():
        if p.get(opt):
            argv.append(flag)
    if p.get('timeout') is not None:
        if state in ('stopped', 'rebooted'):
            argv += ['--no-timeout'] if int(p['timeout']) == 0 else ['--timeout', p['timeout']]
        else:
            argv += ['--timeout', p['timeout']]
    if preview and state != 'verified':
        argv.append('--preview')
    if not p['all']:
        # Names after `--`: whatever a name holds, it is never read as an option.
        argv += ['--'] + targets(p)
    return argv


def predict_from_list(module):
    """Check mode for started/stopped/rebooted: read the states, predict, change nothing."""
    p = module.params
    argv = w.base_argv(module) + ['list']
    if not p['all']:
        argv += ['--'] + targets(p)
    rc, doc = w.run(module, argv)
    if rc != 0:
        module.fail_json(msg=w.failure_message(doc), rc=rc, exit_name=doc.get('exit_name'), changed=False,
                         cmd=argv, hints=w.hints(doc))
    target = dict(started='active', stopped='defined', rebooted='active')[p['state']]
    before, after, plan = {}, {}, []
    for wp in doc.get('wpars') or []:
        name, state = wp.get('name'), wp.get('state')
        before[name] = dict(state=state)
        after[name] = dict(state=state)
        if p['state'] == 'rebooted':
            if state == 'active':
                plan.append('rebootwpar %s' % name)
            else:
                # What the real run does (exit 4, wrong_state), said before it.
                module.fail_json(msg='WPAR `%s` is %s: only an active WPAR can be rebooted' % (name, state),
                                 rc=4, exit_name='wrong_state', changed=False, cmd=argv,
                                 hints=['start it first: `wparup start %s`' % name])
        elif state != target:
            after[name] = dict(state=target)
            plan.append('%s %s' % ('startwpar' if target == 'active' else 'stopwpar', name))
    result = dict(rc=0, exit_name='ok', changed=bool(plan), cmd=argv, plan=plan, ran=[], hints=[],
                  msg='check mode: %s' % ('; '.join(plan) if plan else 'nothing to do'))
    if module._diff:
        result['diff'] = dict(before=before, after=after)
    module.exit_json(**result)


def main():
    argument_spec = dict(
        name=dict(type='str'),
        names=dict(type='list', elements='str'),
        all=dict(type='bool', default=False),
        exclude=dict(type='list', elements='str'),
        state=dict(type='str', required=True, choices=list(VERB)),
        device=dict(type='str'),
        base_device=dict(type='str'),
        backup_dir=dict(type='str'),
        no_backup=dict(type='bool', default=False),
        expand=dict(type='bool', default=False),
        restart=dict(type='bool', default=False),
        refresh_toc=dict(type='bool', default=False),
        keep_going=dict(type='bool', default=False),
        force=dict(type='bool', default=False),
        hard=dict(type='bool', default=False),
        timeout=dict(type='str'),
        image=dict(type='str'),
        convert=dict(type='bool', default=False),
        keep_versioned=dict(type='bool', default=False),
    )
    argument_spec.update(w.COMMON_ARGS)
    module = AnsibleModule(
        argument_spec=argument_spec,
        # (`all` is checked in validate(): `all: false` beside `name` is fine)
        mutually_exclusive=[('name', 'names'), ('convert', 'keep_versioned')],
        required_if=[('convert', True, ('device',))],
        supports_check_mode=True,
    )
    p = module.params
    validate(module)
    if module.check_mode and p['state'] not in CHECKED_BY_WPARUP:
        predict_from_list(module)

    preview = module.check_mode
    argv = command(module, preview)
    rc, doc = w.run(module, argv)
    result = w.operation_result(module, doc, rc, argv)
    if preview:
        # What the real run would do: synced/migrated always run their command; upgraded only
        # when a WPAR needs it (an up-to-date WPAR has an empty plan).
        ran = [r for r in w.runs(doc) if not r.get('skipped')]
        if p['state'] in ('upgraded', 'restored'):
            result['changed'] = any(r.get('plan') for r in ran)
        elif p['state'] == 'verified':
            result['changed'] = False
        else:
            result['changed'] = bool(ran)
    if module._diff:
        result['diff'] = w.diff_of(doc)
        if preview and result['plan']:
            result['diff']['prepared'] = '\n'.join(result['plan'])
    if rc != 0:
        result['msg'] = w.failure_message(doc)
        module.fail_json(**result)
    result['msg'] = '; '.join(result['summary']) or 'wparup %s: ok' % VERB[p['state']]
    module.exit_json(**result)


if __name__ == '__main__':
    main()
