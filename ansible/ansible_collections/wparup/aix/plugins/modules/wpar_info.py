#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: wpar_info
short_description: List the AIX workload partitions of a host and whether each is at the global level
description:
  - Runs C(wparup list) and, with O(status), C(wparup status) on an AIX global environment and
    returns every WPAR with its state, type and /usr, and with O(status) its oslevel and what it
    needs (the verdict).
  - Read-only; never reports C(changed).
version_added: 0.2.0
author:
  - The wparup developers (@wparup)
options:
  name:
    description: Only these WPARs (default all). A name that does not exist fails the task (rc 3).
    type: list
    elements: str
    aliases: [names]
    default: []
  status:
    description:
      - Also read each running WPAR's oslevel (C(clogin NAME oslevel -s)) and decide whether it is
        up to date, needs a sync, needs a migration or is versioned.
    type: bool
    default: false
  jobs:
    description: With O(status), how many WPARs are read at once (C(--jobs), 1 to 256).
    type: int
    default: 8
  probe:
    description:
      - With O(status), read stopped WPARs' levels too, in maintenance mode (C(startwpar -m) then
        C(stopwpar), no processes started, each WPAR left stopped; C(wparup status --probe)).
      - Without it a stopped WPAR's verdict is V(unknown).
    type: bool
    default: false
extends_documentation_fragment:
  - wparup.aix.wparup
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is nothing to diff.
notes:
  - Returns result keys, not C(ansible_facts), as Ansible's guidelines ask of C(_info) modules;
    the EXAMPLES show how to keep the result as facts for later plays and reports.
seealso:
  - module: wparup.aix.wpar
'''

EXAMPLES = r'''
- name: Which WPARs still need work?
  wparup.aix.wpar_info:
    status: true
  register: info

- name: Show them
  ansible.builtin.debug:
    msg: "{{ info.wpars | rejectattr('verdict', 'equalto', 'up-to-date') | map(attribute='name') | list }}"

- name: Keep them as host facts (for later plays, inventories and reports; cacheable)
  ansible.builtin.set_fact:
    wparup_wpars: "{{ info.wpars }}"
    wparup_global_level: "{{ info.global_level }}"
    cacheable: true
'''

RETURN = r'''
wpars:
  description: The WPARs, in lswpar's order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The WPAR's name.
      type: str
    state:
      description: active, defined, broken, transitional, paused, loaded, frozen or moving.
      type: str
    type:
      description: system or application.
      type: str
    private_usr:
      description: Whether the WPAR has its own /usr (detached).
      type: bool
    rootvg:
      description: Whether it is a rootvg WPAR.
      type: bool
    versioned:
      description: Whether it is a versioned (5.2/5.3) WPAR.
      type: bool
    ostype:
      description: lswpar's ostype.
      type: str
    hostname:
      description: Its host name.
      type: str
    directory:
      description: Its base directory.
      type: str
    level:
      description: Its oslevel (with O(status); null when it cannot be read, e.g. defined).
      type: str
    verdict:
      description: With O(status); up-to-date, needs-sync, needs-migrate, versioned or unknown.
      type: str
    reason:
      description: With O(status); why.
      type: str
global_level:
  description: The global environment's oslevel (with O(status)).
  returned: always
  type: str
  sample: 7300-02-02-2346
needs_work:
  description: With O(status), the WPARs not at the global level.
  returned: always
  type: list
  elements: str
not_found:
  description: Names asked for that do not exist (the task fails with rc 3).
  returned: when a name is not found
  type: list
  elements: str
wparup_version:
  description: The version of wparup on the host.
  returned: always
  type: str
  sample: 0.2.0
schema:
  description: The JSON schema version wparup printed.
  returned: always
  type: int
rc:
  description: wparup's exit code.
  returned: always
  type: int
exit_name:
  description: The exit code's stable name.
  returned: always
  type: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.wparup.aix.plugins.module_utils import wparup as w


def fail(module, rc, doc, argv):
    """A failed wparup run as a failed task (a name not found: rc 3, `no WPAR named …`)."""
    module.fail_json(msg=w.failure_message(doc), rc=rc, exit_name=doc.get('exit_name'), hints=w.hints(doc),
                     cmd=argv, not_found=doc.get('not_found') or [])


def main():
    argument_spec = dict(
        name=dict(type='list', elements='str', aliases=['names'], default=[]),
        status=dict(type='bool', default=False),
        jobs=dict(type='int', default=8),
        probe=dict(type='bool', default=False),
    )
    argument_spec.update(w.COMMON_ARGS)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    p = module.params
    if not 1 <= p['jobs'] <= 256:
        module.fail_json(msg='jobs is how many WPARs are read at once: 1 to 256, not %d' % p['jobs'])

    argv = w.base_argv(module) + ['list', '--'] + p['name']
    rc, doc = w.run(module, argv)
    if rc != 0:
        fail(module, rc, doc, argv)
    wpars = [dict(wp) for wp in doc.get('wpars') or []]
    result = dict(changed=False, rc=rc, exit_name=doc.get('exit_name'), schema=doc.get('schema'),
                  global_level=None, needs_work=[], wparup_version=w.version(module))
    if p['status']:
        argv = w.base_argv(module) + ['status', '--jobs', str(p['jobs'])]
        if p['probe']:
            argv.append('--probe')
        argv += ['--'] + p['name']
        rc, st = w.run(module, argv)
        if rc != 0:
            fail(module, rc, st, argv)
        rows = dict((row.get('name'), row) for row in st.get('wpars') or [])
        for wp in wpars:
            row = rows.get(wp.get('name')) or {}
            for key in ('level', 'verdict', 'reason'):
                wp[key] = row.get(key)
        result['global_level'] = st.get('global_level')
        result['needs_work'] = st.get('needs_work') or []
    result['wpars'] = wpars
    module.exit_json(**result)


if __name__ == '__main__':
    main()
