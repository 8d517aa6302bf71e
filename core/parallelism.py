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
choice wins both, so `ThreadTuner` chooses while the run trains. It reads how many cores other
processes use (core.cpu_load, from /proc/stat) and moves to the most threads that the free
cores hold; a short timed probe confirms each move, and the faster count stays. Timing alone
(the fallback where /proc/stat is missing) has to try two threads now and then to learn that
they are still slow, and on a busy machine each such batch cost several one-thread batches (4–5
at load 5 here, one of them the run's first batch with its one-off costs): that was where the
timing-only tuner lost its 13 %.

The OpenMP wait policy is left at its default (spin a while, then sleep): it is what makes two
threads fast on a quiet machine (OMP_WAIT_POLICY=PASSIVE cost ~6 % there), and where spinning
hurts the tuner uses one thread, which has no helper to spin. It could not follow the load
anyway: libgomp reads OMP_WAIT_POLICY and GOMP_SPINCOUNT once, when torch loads.
Figures: benchmarks/busy_threads.py.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

_lock = threading.Lock()
_training_threads = 0


def all_cores() -> int:
    """The cores this process may run on (respects taskset/cgroup affinity where available)."""
    from core.cpu_load import own_cpus

    return len(own_cpus()) or max(1, os.cpu_count() or 1)


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


# The tuner's timing, in seconds of measured batch time. With a reading of the other processes'
# load (core.cpu_load, Linux) the load decides which counts are worth timing: more threads only
# when a core is free for them, fewer at once when another process takes one. Timing is left to
# confirm a change, so a busy machine never pays for a slow probe of threads it has no room for
# (each probe of two threads cost several one-thread batches there). Without the reading (not
# Linux) it probes every count in turn.
SETTLE_S = 0.0  # tests set it to inf: runs they compare bit for bit must never switch
CHECK_S = 0.2  # batch time between readings of the load (a reading costs ~50 µs)
PROBE_S = 0.03  # each probe times a count for this long (at least one batch)
# A probe the load asks for ("down": another process took a core; "up": one came free) may run
# at once; one it did not ask for ("periodic", fewer threads in case they do better anyway)
# waits EXPLOIT_S (without a reading the first comes at once). A probe that finds nothing
# better doubles its kind's wait (from RETRY_S) up to EXPLOIT_MAX_S, so a load that hovers at the
# edge costs a few probes, not one per reading.
EXPLOIT_S = 4.0
RETRY_S = 1.0
EXPLOIT_MAX_S = 32.0
AFTER_SWITCH_WAIT = {"down": 0.0, "up": 0.0, "periodic": EXPLOIT_S}
# A load reading needs this much wall time since the previous one. The first, which picks the
# starting count, may be shorter: the trainer starts its reader before it loads the data (~0.07 s
# for 60,000 images), and a wrong start is put right at the first check, 0.2 s later.
READING_WINDOW_S = 0.1
FIRST_READING_S = 0.05
# A count fits when the cores that others leave free, plus this much, hold it: on two cores,
# two threads fit while others use at most half a core.
FIT_MARGIN = 0.5


def thread_candidates(cores: int | None = None) -> tuple[int, ...]:
    """Counts worth trying, most first: every core, half of them, one."""
    cores = all_cores() if cores is None else cores
    return tuple(sorted({cores, max(1, cores // 2), 1}, reverse=True))


class LoadReader(Protocol):
    """What the tuner needs of core.cpu_load.OtherLoad (tests pass their own)."""

    @property
    def available(self) -> bool: ...

    def read(self, min_window_s: float = ...) -> float | None: ...


class ThreadTuner:
    """Chooses the calling thread's torch thread count from the machine's load and measured speed.

    The trainer calls `record(samples, seconds)` after each batch with the batch's own time
    (pauses and the consumer's time are not in it). Only the thread that creates the tuner may
    call it: torch's thread count is per thread here (see the module docstring). Switching
    counts can change float rounding, so a tuned run repeats its seed's run only to rounding;
    a fixed count (Trainer(threads=N)) repeats it bit for bit.

    With a load reading it starts on one thread (never the slow choice: two spinning threads
    beside a busy process were up to 25× slower) and moves up as soon as a reading shows a free
    core; without one it starts on every core, as torch does."""

    def __init__(
        self,
        candidates: tuple[int, ...] | None = None,
        *,
        set_threads: Callable[[int], None] | None = None,
        load: LoadReader | None = None,
    ) -> None:
        """`load`: the other processes' load (core.cpu_load.OtherLoad, one started now if None)."""
        import torch

        from core.cpu_load import OtherLoad

        self.candidates = tuple(sorted(candidates or thread_candidates(), reverse=True))
        self._set_threads = set_threads or torch.set_num_threads
        self.load = load if load is not None else OtherLoad()
        # Read at creation, not at definition, so a test can keep every run from switching.
        self._settle_s = SETTLE_S
        self.others: float | None = None  # the latest reading: cores that other processes use
        # Where a reading can move it up, it starts on what the first reading allows (the reader
        # has usually watched the data load by now), or on one thread until there is a reading.
        # A tuner that may never switch keeps torch's own choice, every core.
        self.current = self.candidates[0]
        if self.load.available and math.isfinite(self._settle_s):
            self.others = self.load.read(FIRST_READING_S)
            self.current = self.fitting(self.others) if self.others is not None else self.candidates[-1]
        self._set_threads(self.current)
        self._warming_up = True  # the first batch's one-off costs are rated against no count
        self._window = [0, 0.0]  # samples and seconds at the current count since the last check
        self._since_probe = 0.0
        self._since_check = CHECK_S  # the first check comes right after the warm-up batch
        # Batch time to wait before the next probe of each kind, and the time since the last one.
        self._wait = dict(AFTER_SWITCH_WAIT)
        if not self.load.available:  # the load unknown, every core may be the wrong start
            self._wait["periodic"] = 0.0
        self._since = dict.fromkeys(AFTER_SWITCH_WAIT, 0.0)
        self._queue: list[int] = []  # counts still to time in this probe
        self._timed: set[int] = set()  # the counts this probe compares
        self._probing = False
        self._direction = "down"
        self._before = self.current  # the count in use when the probe began
        self._probe_samples, self._probe_seconds = 0, 0.0
        self.rates: dict[int, float] = {}  # samples per second, the latest figure of each count
        self.seconds_by_threads: dict[int, float] = {}  # batch time spent with each count
        self.switches = 0

    @property
    def best(self) -> int:
        """The count the latest figures say is fastest (the current one before any)."""
        return max(self.rates, key=self.rates.__getitem__) if self.rates else self.current

    def fitting(self, others: float | None) -> int:
        """The most threads that the cores left free by other processes hold (all if unknown)."""
        if others is None:
            return self.candidates[0]
        room = self.candidates[0] - others + FIT_MARGIN
        return next((c for c in self.candidates if c <= room), self.candidates[-1])

    def record(self, samples: int, seconds: float) -> None:
        """One batch of `samples` took `seconds` with the current thread count."""
        self.seconds_by_threads[self.current] = self.seconds_by_threads.get(self.current, 0.0) + seconds
        if len(self.candidates) < 2:
            return
        if self._warming_up:
            self._warming_up = False
            return
        if self._probing:
            self._probe_samples += samples
            self._probe_seconds += seconds
            if self._probe_seconds >= PROBE_S:
                self.rates[self.current] = self._probe_samples / self._probe_seconds
                self._next_probe()
            return
        self._window[0] += samples
        self._window[1] += seconds
        self._since_check += seconds
        self._since_probe += seconds
        for direction in self._since:
            self._since[direction] += seconds
        if self._since_probe < self._settle_s or self._since_check < CHECK_S:
            return
        if self.load.available:
            reading = self.load.read(READING_WINDOW_S)
            if reading is None:
                return  # too short a window to say much: carry on and ask after the next batch
            self.others = reading
        self._since_check = 0.0
        self.rates[self.current] = self._window[0] / self._window[1]
        self._window = [0, 0.0]
        targets = self._targets()
        if targets:
            self._start_probe(targets)

    def _targets(self) -> list[int]:
        """The counts to time now, nearest first; [] to carry on."""
        fits = self.fitting(self.others if self.load.available else None)
        if fits < self.current and self._since["down"] >= self._wait["down"]:
            self._direction = "down"  # another process took a core: try fewer threads
            return [c for c in self.candidates if fits >= c]
        if fits > self.current and self._since["up"] >= self._wait["up"]:
            self._direction = "up"  # a core came free
            return [c for c in reversed(self.candidates) if self.current < c <= fits]
        if fits == self.current and self._since["periodic"] >= self._wait["periodic"]:
            self._direction = "periodic"  # now and then, in case fewer threads do better anyway
            return [c for c in self.candidates if c < self.current]
        return []

    def _start_probe(self, targets: list[int]) -> None:
        self._before = self.current
        self._queue = list(targets)
        if self._direction == "down":
            # Load arrived during the window just measured, so the count in use is timed afresh,
            # first (no switch needed). Moving up needs no such care: one thread keeps its speed.
            self._queue.insert(0, self.current)
        self._timed = {self.current, *self._queue}
        self._probing = True
        self._next_probe()

    def _next_probe(self) -> None:
        self._probe_samples, self._probe_seconds = 0, 0.0
        if self._queue:
            self._use(self._queue.pop(0))
            return
        winner = max(self._timed, key=self.rates.__getitem__)
        direction = self._direction
        if winner == self._before:  # nothing better found: ask again later, and later
            self._wait[direction] = min(max(2 * self._wait[direction], RETRY_S), EXPLOIT_MAX_S)
            self._since[direction] = 0.0
        else:  # a new count: every kind of probe starts afresh
            self._wait = dict(AFTER_SWITCH_WAIT)
            if not self.load.available:  # "up" is then always asked for: probe it as seldom
                self._wait["up"] = EXPLOIT_S
            self._since = dict.fromkeys(AFTER_SWITCH_WAIT, 0.0)
        self._use(winner)
        self._probing = False
        self._window = [0, 0.0]
        self._since_probe = self._since_check = 0.0

    def _use(self, threads: int) -> None:
        if threads != self.current:
            self._set_threads(threads)
            self.current = threads
            self.switches += 1
