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

How many threads the trainer itself should use depends on the machine's load, which changes
while a run trains: on a quiet 2-core machine two threads are fastest, but with one other busy
process OpenMP's helper thread keeps waiting for a core the other process holds, and one thread
was ~2× faster (issue 14: a CNN epoch took 18.3 s with two threads, 9.5 s with one). No fixed
choice wins both, so `ThreadTuner` measures: it times the batches under each candidate count in
short probes and trains on the fastest until the next probe. The OpenMP wait policy is left at
its default (spin a while, then sleep): it is what makes two threads fast on a quiet machine,
and where spinning hurts the tuner drops to one thread, which has no helper to spin. The policy
cannot be changed at run time anyway: libgomp reads OMP_WAIT_POLICY once, when torch loads.
On two cores of an otherwise idle machine (benchmarks/busy_threads.py --cpus 0,1): CNN, 10,000
images, quiet: 2 threads 1.45 s, 1 thread 2.58 s, 2 passive 1.54 s, auto 1.50 s; one busy
process: 2 threads 25.0 s, 1 thread 2.29 s, 2 passive 3.13 s, auto 2.65 s (one probe's slow
batch is a fixed cost that a short run feels most).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
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


# The tuner's timing, in seconds of measured batch time. It must react within a few batches: on
# an oversubscribed machine two spinning threads were 25× slower than one (0.04 s against 1.05 s
# for a small softmax epoch, benchmarks/busy_threads.py), so a second spent there is a lost run.
# It starts on every core, as before, and probes from the first batch on: that count first (the
# first batch's one-off costs count against it), then the others, each for PROBE_S (at least
# one batch); the fastest trains until the next probe. A slow start thus costs one batch, and a
# quiet machine's short run (the lesson's 0.15 s epoch) spends only one probe off its best.
# The interval between probes starts at EXPLOIT_S and doubles, up to EXPLOIT_MAX_S, while probes
# keep confirming the same winner: a much slower candidate (one slow batch can outlast PROBE_S)
# then costs a per cent or two, and a change of load is still noticed within half a minute.
SETTLE_S = 0.0  # tests set it to inf: runs they compare bit for bit must never switch
PROBE_S = 0.03
EXPLOIT_S = 4.0
EXPLOIT_MAX_S = 32.0
FAR_SLOWER = 3.0  # a candidate this many times slower than the winner is probed 4× less often


def thread_candidates(cores: int | None = None) -> tuple[int, ...]:
    """Counts worth trying, most first: every core, half of them, one."""
    cores = all_cores() if cores is None else cores
    return tuple(sorted({cores, max(1, cores // 2), 1}, reverse=True))


class ThreadTuner:
    """Chooses the calling thread's torch thread count from the measured training throughput.

    The trainer calls `record(samples, seconds)` after each batch with the batch's own time
    (pauses and the consumer's time are not in it). Only the thread that creates the tuner may
    call it: torch's thread count is per thread here (see the module docstring). Switching
    counts can change float rounding, so a tuned run repeats its seed's run only to rounding;
    a fixed count (Trainer(threads=N)) repeats it bit for bit."""

    def __init__(
        self,
        candidates: tuple[int, ...] | None = None,
        *,
        set_threads: Callable[[int], None] | None = None,
    ) -> None:
        import torch

        self.candidates = candidates or thread_candidates()
        self._set_threads = set_threads or torch.set_num_threads
        # Read at creation, not at definition, so a test can keep every run from switching.
        self._settle_s = SETTLE_S
        self.current = self.candidates[0]
        self._set_threads(self.current)
        self._phase = "settle" if self._settle_s > 0 else "probe"
        self._phase_seconds = 0.0
        self._exploit_s = EXPLOIT_S
        self._last_winner: int | None = None
        # While probing: the counts still to time after the current one.
        self._probe_queue = [c for c in self.candidates if c != self.current]
        self._probe_samples, self._probe_seconds = 0, 0.0
        self.rates: dict[int, float] = {}  # samples per second in the latest probe
        self.seconds_by_threads: dict[int, float] = {}  # batch time spent with each count
        self.switches = 0

    @property
    def best(self) -> int:
        """The count the latest probe found fastest (the current one before any probe)."""
        return max(self.rates, key=self.rates.__getitem__) if self.rates else self.current

    def record(self, samples: int, seconds: float) -> None:
        """One batch of `samples` took `seconds` with the current thread count."""
        self.seconds_by_threads[self.current] = self.seconds_by_threads.get(self.current, 0.0) + seconds
        if len(self.candidates) < 2:
            return
        if self._phase == "probe":
            self._probe_samples += samples
            self._probe_seconds += seconds
            if self._probe_seconds >= PROBE_S:
                self.rates[self.current] = self._probe_samples / self._probe_seconds
                self._next_probe()
            return
        self._phase_seconds += seconds
        if self._phase == "settle":
            due = self._phase_seconds >= self._settle_s
        else:
            due = self._phase_seconds >= self._exploit_s
        if due:
            # The current count goes first: it needs no switch, and its figure is fresh.
            self._probe_queue = [self.current] + [c for c in self.candidates if c != self.current]
            self._phase = "probe"
            self._next_probe()

    def _next_probe(self) -> None:
        self._probe_samples, self._probe_seconds = 0, 0.0
        if self._probe_queue:
            self._use(self._probe_queue.pop(0))
            return
        winner = self.best
        same = winner == self._last_winner
        self._exploit_s = min(2 * self._exploit_s, EXPLOIT_MAX_S) if same else EXPLOIT_S
        if min(self.rates.values()) < self.rates[winner] / FAR_SLOWER:
            # Probing a count that was many times slower costs a whole slow batch: wait longer.
            self._exploit_s = max(self._exploit_s, 4 * EXPLOIT_S)
        self._last_winner = winner
        self._use(winner)
        self._phase, self._phase_seconds = "exploit", 0.0

    def _use(self, threads: int) -> None:
        if threads != self.current:
            self._set_threads(threads)
            self.current = threads
            self.switches += 1
