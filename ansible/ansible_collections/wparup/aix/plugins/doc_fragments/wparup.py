# -*- coding: utf-8 -*-
# Copyright: (c) 2026, The wparup developers
# MIT License (see LICENSE in this collection)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The options every wparup.aix module takes: which wparup, and where it finds AIX and keeps
    its logs and locks."""

    DOCUMENTATION = r'''
options:
  executable:
    description: The wparup binary; default C(wparup) on PATH, then C(/opt/freeware/bin/wparup).
    type: path
  bin_dir:
    description: Where the AIX commands are (C(--bin-dir)); default C(/usr/sbin) then C(/usr/bin).
    type: path
  log_dir:
    description: Where wparup writes its transcripts (C(--log-dir)); default C(/var/adm/wparup) for root.
    type: path
  lock_dir:
    description: Where wparup keeps its per-WPAR locks (C(--lock-dir)); default C(/var/locks/wparup) for root.
    type: path
  replay:
    description:
      - Replay the AIX commands from this wparup transcript instead of running them (C(--replay));
        no AIX command runs. For tests and for reading a recorded run again.
      - A C(WPARUP_REPLAY) in the module's environment is refused; a replay is asked for here.
    type: path
requirements:
  - wparup 0.2 on the managed host (role C(wparup.aix.install)), run as root in an AIX global environment.
'''
