"""Guards against a reference-counting defect seen in PySide6 6.12 on
CPython 3.11: calls that return None or a bool from C++ (every void method such as setPen,
drawLine, update; every Signal.emit) hand back the singleton without taking a reference to it,
so the reference counts of None and True/False drift down by one per call. Painting a plot at
20 Hz gets them to zero within seconds and the interpreter aborts with "Fatal Python error:
none_dealloc" (or bool_dealloc). CPython 3.12+ makes these singletons immortal, which hides the
defect there; on 3.11 we do the same by hand, and only when a probe shows the leak, so a fixed
PySide6 leaves them untouched.
"""

from __future__ import annotations

import sys

# ~10^18 references: at a million leaking calls a second this lasts ~35,000 years.
_REFCOUNT_HEADROOM = 1 << 60
_PROBE_CALLS = 32


def _leaks(singleton: object, call) -> bool:
    """Whether `call()` loses a reference to `singleton` (almost) every time it runs."""
    before = sys.getrefcount(singleton)
    for _ in range(_PROBE_CALLS):
        call()
    # Other threads may touch the singleton meanwhile; a loss of ~one per call is unmistakable.
    return before - sys.getrefcount(singleton) >= _PROBE_CALLS // 2


def _pin(singleton: object) -> None:
    import ctypes

    # ob_refcnt is the first field of every CPython object, at the object's address.
    ctypes.c_ssize_t.from_address(id(singleton)).value += _REFCOUNT_HEADROOM


def _guard_singleton_refcounts() -> tuple[str, ...]:
    """Make None/True/False effectively immortal where PySide6 leaks them; names those pinned."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return ()  # immortal there: the stray decrements are harmless
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        pinged = Signal()

    probe = _Probe()
    pinned = []
    if _leaks(None, lambda: probe.setObjectName("probe")):
        _pin(None)
        pinned.append("None")
    if _leaks(True, probe.pinged.emit):
        _pin(True)
        _pin(False)  # the same path returns False (e.g. a failed disconnect)
        pinned += ["True", "False"]
    return tuple(pinned)


PINNED_SINGLETONS = _guard_singleton_refcounts()
