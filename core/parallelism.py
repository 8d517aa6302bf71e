"""How many CPU threads torch may use in each thread of the app.

A run's numbers must not depend on the machine: float sums split over two threads round
differently from sums on one, so a run trained on a count that followed the machine's load gave
another loss curve (and at lr 0.5, another fate) on a quiet machine than on a busy one. The
trainer's count is therefore a setting of the run (`TrainConfig.threads`, fixed default), set
when the run starts and stored with its checkpoint: the same seed and settings give the same
epoch lines on every machine, quiet or busy.

Why one rule for the rest of the process: this torch build's OpenMP runtime (GNU libgomp) gives
every thread that runs a multi-threaded torch op its own pool of helper threads, and the pools
outlive the op for as long as their thread lives. Once the pools together hold more threads
than the machine has cores, libgomp puts idle helpers to sleep between parallel regions, and
each minibatch step pays several sleep/wake round trips: on the 2-core machine the trainer ran
about 2× slower in the window's worker thread than in the CLI's main thread, merely because the
GUI thread had already run a two-thread op (`benchmarks/thread_effect.py` shows it).

So while a run trains, the trainer's thread is the only one with a multi-threaded pool. The GUI
thread always runs torch on one thread (drawing one 28×28 image needs no second core), and side
work such as Browse's predictions uses one thread while a run trains and every core otherwise.
Predictions do not depend on the count beyond the last float bit (tests/test_predictor.py).

Helpers sleep between parallel regions (OMP_WAIT_POLICY=PASSIVE, set in core/__init__.py): with
a fixed count, a spinning helper beside another busy process was what made two threads slow.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_training_threads = 0


def all_cores() -> int:
    """The cores this process may run on (respects taskset/cgroup affinity where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def training_is_running() -> bool:
    with _lock:
        return _training_threads > 0


@contextmanager
def training_thread() -> Iterator[None]:
    """Wrap a training run in its thread, so side work steps aside to one core while it runs."""
    global _training_threads
    with _lock:
        _training_threads += 1
    try:
        yield
    finally:
        with _lock:
            _training_threads -= 1


def single_threaded_here() -> None:
    """For the GUI thread: torch ops started from this thread use one core and no helper pool."""
    set_threads_here(1)


def side_work_threads_here() -> int:
    """For a short-lived worker thread (Browse's predictions): one core while a run trains, else all.

    Returns the count it set, so callers can report it."""
    threads = 1 if training_is_running() else all_cores()
    set_threads_here(threads)
    return threads


def set_threads_here(threads: int) -> None:
    """Torch ops started from this thread use `threads` cores. A thread's first torch call sizes
    its pool from the count another thread set last, which would undo ours if that thread set one
    in between: the first call is made before setting."""
    import torch

    torch.get_num_threads()
    torch.set_num_threads(threads)
