"""How many of this process's cores other processes are keeping busy, read from Linux's /proc/stat.

The thread tuner (core.parallelism) asks this before it tries more threads: a second OpenMP
thread only helps when a core is free for it, and trying it while another process holds that
core is what made the tuner lose time on a busy machine (each such probe batch ran 2–5× slower
than a one-thread batch). The reading is cheap (one small file, ~50 µs) and needs no probing.

"Others" = the busy time of this process's CPUs minus this process's own CPU time, over the
time since the previous reading, in cores. Steal time counts (a virtual machine's host running
someone else). Niced processes' time counts only when this process is niced too: the kernel
gives a nice-0 thread about ten times the share of a nice-10 one, so such work hardly delays
our threads. Where /proc/stat is missing (macOS, Windows) `available` is False and the tuner
falls back to probing alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

PROC_STAT = "/proc/stat"
# /proc/stat counts in clock ticks (10 ms on Linux): a window this long keeps the estimate
# within about ±0.1 core on two cores.
MIN_WINDOW_S = 0.2


def own_cpus() -> frozenset[int]:
    """The CPUs this process may run on (taskset/cgroup affinity); empty where unknown (not Linux)."""
    try:
        return frozenset(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return frozenset()


def busy_ticks(cpus: frozenset[int], path: str = PROC_STAT, *, count_nice: bool = True) -> int | None:
    """Ticks the given CPUs spent on anything but idling since boot (niced processes' ticks only
    with `count_nice`); None if unreadable."""
    try:
        with open(path, encoding="ascii") as stat:
            lines = stat.read().splitlines()
    except OSError:
        return None
    busy, seen = 0, 0
    for line in lines:
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or not name[3:].isdigit() or int(name[3:]) not in cpus:
            continue
        fields = [int(value) for value in rest.split()[:8]]
        if len(fields) < 8:
            return None
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields
        busy += user + (nice if count_nice else 0) + system + irq + softirq + steal
        seen += 1
    return busy if seen else None


class OtherLoad:
    """Cores that other processes kept busy on this process's CPUs between two readings."""

    def __init__(
        self,
        cpus: Iterable[int] | None = None,
        *,
        stat_path: str = PROC_STAT,
        clock: Callable[[], float] = time.perf_counter,
        own_cpu_seconds: Callable[[], float] = time.process_time,
    ) -> None:
        self.cpus = own_cpus() if cpus is None else frozenset(cpus)
        self._stat_path = stat_path
        self._clock, self._own = clock, own_cpu_seconds
        try:  # our own ticks land in the "nice" column when we run niced
            self._count_nice = os.nice(0) > 0
        except (AttributeError, OSError):
            self._count_nice = True
        try:
            self._tick_s = 1.0 / os.sysconf("SC_CLK_TCK")
        except (AttributeError, OSError, ValueError):
            self._tick_s = 0.01
        self._start = self._sample()

    @property
    def available(self) -> bool:
        return self._start is not None

    def _sample(self) -> tuple[float, int, float] | None:
        ticks = busy_ticks(self.cpus, self._stat_path, count_nice=self._count_nice) if self.cpus else None
        return None if ticks is None else (self._clock(), ticks, self._own())

    def read(self, min_window_s: float = MIN_WINDOW_S) -> float | None:
        """Others' cores since the previous reading that returned a figure.

        None while the window is shorter than `min_window_s` (it keeps growing) or where the
        figures cannot be read."""
        if self._start is None:
            return None
        now = self._sample()
        if now is None:
            return None
        wall = now[0] - self._start[0]
        if wall < min_window_s:
            return None
        busy_s = (now[1] - self._start[1]) * self._tick_s
        own_s = now[2] - self._start[2]
        self._start = now
        return min(max(0.0, (busy_s - own_s) / wall), float(len(self.cpus)))
