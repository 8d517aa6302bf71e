"""How many CPU threads torch may use in each thread of the app.

Why one rule for the whole process: this torch build's OpenMP runtime (GNU libgomp) gives every
thread that runs a multi-threaded torch op its own pool of helper threads, and the pools outlive
the op for as long as their thread lives. Once the pools together hold more threads than the
machine has cores, libgomp stops letting idle helpers spin and puts them to sleep between
parallel regions instead. One minibatch step is several short parallel regions, so each step
then pays several sleep/wake round trips: on the 2-core machine the trainer ran about 2× slower in
the window's worker thread than in the CLI's main thread, merely because the GUI thread had
already run a two-thread op (`benchmarks/thread_effect.py` shows it).

So the rule is: while a run trains, the trainer's thread is the only one with a multi-threaded
pool. The GUI thread always runs torch on one thread (its pool would live as long as the app;
drawing one 28×28 image needs no second core), and side work such as Browse's predictions uses
one thread while a run trains and every core otherwise. A single-threaded op creates no pool.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_training_threads = 0


def all_cores() -> int:
    """The cores this process may run on (respects taskset/cgroup affinity where available)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def training_is_running() -> bool:
    with _lock:
        return _training_threads > 0


@contextmanager
def training_thread() -> Iterator[None]:
    """Wrap a training run in its thread: torch gets every core here, and side work steps aside."""
    import torch

    global _training_threads
    torch.set_num_threads(all_cores())
    with _lock:
        _training_threads += 1
    try:
        yield
    finally:
        with _lock:
            _training_threads -= 1


def single_threaded_here() -> None:
    """For the GUI thread: torch ops started from this thread use one core and no helper pool."""
    import torch

    torch.set_num_threads(1)


def side_work_threads_here() -> int:
    """For a short-lived worker thread (Browse's predictions): one core while a run trains, else all.

    Returns the count it set, so callers can report it."""
    import torch

    threads = 1 if training_is_running() else all_cores()
    torch.set_num_threads(threads)
    return threads
