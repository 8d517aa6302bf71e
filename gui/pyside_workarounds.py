"""Guard against a PySide6 6.12 reference-count bug that aborts the interpreter.

On CPython 3.11 with PySide6 6.12.0, ``SignalInstance.emit()`` (and ``disconnect()``) return
``True`` without taking a reference to it. Every emit from Python therefore lowers True's
reference count by one; after a few thousand emits (a canvas emits on every mouse move, the
training worker ~20 times a second) it reaches zero and CPython aborts with "Fatal Python error:
bool_dealloc: deallocating True or False".

True and False are never really freed, so the guard gives them a huge head room of references
(2**40: decades of emits at any realistic rate). It first checks that the bug is present, and
does nothing on Python ≥ 3.12, where True and False are immortal and their count is not used.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40
_applied = False


def emit_loses_a_reference() -> bool:
    """Whether a Python-side signal emit here drops a reference to True (the bug)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    lost = sys.getrefcount(True) < before
    probe.deleteLater()
    return lost


def protect_bool_singletons() -> bool:
    """Apply the guard once per process if needed; returns whether it is (now) applied."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_loses_a_reference():
        return False
    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _applied = True
    return True
