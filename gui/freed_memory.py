"""Hands the memory a finished run (or a Browse prediction) freed back to the system, so the
window's size stays flat.

A run allocates tens of MB that die with it (float copies of the images, activations, the
optimizer's state). glibc's malloc keeps freed memory for reuse instead of returning it, and it
keeps it per thread arena; every run trains in a thread of its own, so each of the first runs
left another 20-40 MB resident although nothing of it was alive any more (benchmarks/soak.py:
+41 MB from cycle 1 to 40 with a constant number of live objects and tensors; with the trim,
+7 MB). The trim takes 0.1-7 ms here and runs once per run, in the training thread after the
trainer is gone, never in the GUI thread. What it cannot return: the free top of a thread arena's
heap, which glibc keeps up to its trim threshold (raised with its mmap threshold, to about twice
the largest block freed), so the size still moves by up to ~20 MB from one run to the next.

Browse's predictions of a whole split run in threads of their own too: without a trim after each,
40 re-predictions of 30,000 images with new weights left the window ~120 MB larger (flat with it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import cache


@cache
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


# glibc's mallopt option for the most arenas (malloc.h: M_ARENA_MAX = -8). Its default, 8 per
# core, lets each new training or prediction thread take an arena of its own, and what a finished
# thread's arena keeps below its trim threshold adds up run after run: benchmarks/soak.py
# (60 cycles, 30 + 30, load ~6) grew +60 MB from cycle 30 to 60 with the default, +9 MB with 2 arenas.
# Two: the GUI thread and one worker at a time are what this app runs.
M_ARENA_MAX = -8
ARENAS = 2


def limit_malloc_arenas() -> bool:
    """Cap glibc's arenas (before the first worker thread starts); True when it took."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, ARENAS))


def return_freed_memory() -> bool:
    """Give free heap pages of every arena back to the system; True when some were returned."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def freeze_start_up_objects() -> int:
    """Keep the objects alive after start-up out of every later garbage collection.

    A full collection walks every tracked object, and after start-up that is torch's, pyqtgraph's
    and Qt's modules, which live until exit; Python starts one by itself in whichever thread is
    allocating, and the GUI thread waits (benchmarks/gc_pause.py measures the walk). Frozen, they
    are never walked again; objects made later are collected as before. Returns how many froze.
    """
    gc.freeze()
    return gc.get_freeze_count()
