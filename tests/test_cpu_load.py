"""core.cpu_load: other processes' load from a /proc/stat-format file, with fake clocks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core.cpu_load import OtherLoad, busy_ticks

HEADER = "cpu  {total} 0 0 0 0 0 0 0 0 0\n"


def _write_stat(path: Path, per_cpu: dict[int, tuple[int, ...]]) -> None:
    """per_cpu: cpu number -> (user, nice, system, idle, iowait, irq, softirq, steal)."""
    lines = [HEADER.format(total=sum(values[0] for values in per_cpu.values()))]
    lines += [f"cpu{n} " + " ".join(map(str, values)) + " 0 0\n" for n, values in per_cpu.items()]
    lines.append("intr 12345 0 0\nctxt 999\n")
    path.write_text("".join(lines), encoding="ascii")


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_busy_ticks_adds_every_busy_column_of_the_chosen_cpus_only(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    _write_stat(
        stat, {0: (10, 1, 2, 500, 7, 3, 4, 5), 1: (100, 0, 0, 0, 0, 0, 0, 0), 2: (1000, 0, 0, 0, 0, 0, 0, 0)}
    )
    assert busy_ticks(frozenset({0}), str(stat)) == 10 + 1 + 2 + 3 + 4 + 5  # idle and iowait left out
    assert busy_ticks(frozenset({0, 2}), str(stat)) == 25 + 1000
    assert busy_ticks(frozenset({0}), str(stat), count_nice=False) == 10 + 2 + 3 + 4 + 5
    assert busy_ticks(frozenset({7}), str(stat)) is None
    assert busy_ticks(frozenset({0}), str(tmp_path / "missing")) is None


def test_others_are_the_busy_time_less_our_own_over_the_wall_time(tmp_path: Path) -> None:
    stat, clock = tmp_path / "stat", _Clock()
    own = {"seconds": 5.0}
    _write_stat(stat, {0: (0,) * 8, 1: (0,) * 8})
    load = OtherLoad({0, 1}, stat_path=str(stat), clock=clock, own_cpu_seconds=lambda: own["seconds"])
    assert load.available
    # One second later: both CPUs busy all the time (200 ticks of 10 ms), 1.2 s of it ours.
    clock.now, own["seconds"] = 1.0, 6.2
    _write_stat(stat, {0: (100, 0, 0, 0, 0, 0, 0, 0), 1: (60, 0, 0, 0, 0, 0, 0, 40)})
    assert load.read() == pytest.approx(0.8)
    # Another second: we ran one core's worth, nothing else ran.
    clock.now, own["seconds"] = 2.0, 7.2
    _write_stat(stat, {0: (200, 0, 0, 0, 0, 0, 0, 0), 1: (60, 0, 0, 100, 0, 0, 0, 40)})
    assert load.read() == pytest.approx(0.0)


def test_a_window_shorter_than_asked_gives_no_figure_and_keeps_growing(tmp_path: Path) -> None:
    stat, clock = tmp_path / "stat", _Clock()
    _write_stat(stat, {0: (0,) * 8})
    load = OtherLoad({0}, stat_path=str(stat), clock=clock, own_cpu_seconds=lambda: 0.0)
    clock.now = 0.05
    _write_stat(stat, {0: (5, 0, 0, 0, 0, 0, 0, 0)})
    assert load.read(min_window_s=0.1) is None
    clock.now = 0.2
    _write_stat(stat, {0: (20, 0, 0, 0, 0, 0, 0, 0)})
    assert load.read(min_window_s=0.1) == pytest.approx(1.0)  # measured from the start, not 0.05


def test_without_proc_stat_there_is_no_reading(tmp_path: Path) -> None:
    load = OtherLoad({0}, stat_path=str(tmp_path / "absent"))
    assert not load.available and load.read(0.0) is None


def test_the_real_reading_is_a_share_of_this_process_cores() -> None:
    load = OtherLoad()
    if not sys.platform.startswith("linux"):  # the tuner then probes without a reading
        assert load.read(0.0) is None
        return
    assert load.available
    total = 0
    for _ in range(200_000):  # some work of our own, which must not count as others'
        total += 1
    others = load.read(0.0)
    assert others is not None and 0.0 <= others <= len(load.cpus)
