"""How long Python's full garbage collection holds the window's GUI thread, before and after
the start-up objects are frozen (gui/freed_memory.freeze_start_up_objects).

A full collection walks every object the collector tracks. Once torch, pyqtgraph and the
dataset are loaded that is a few hundred thousand objects that live until exit; Python starts a
full collection on its own whenever enough new objects have survived, in whichever thread is
allocating, and the GUI thread waits for it. Opens the real window offscreen, waits for the
dataset, then times gc.collect() a few times, freezes, and times it again.

    .venv/bin/python benchmarks/gc_pause.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def full_collection_ms(repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        gc.collect()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from gui.freed_memory import freeze_start_up_objects
    from gui.main_window import MainWindow
    from gui.session import Session

    app = QApplication.instance() or QApplication(sys.argv)
    session = Session()
    window = MainWindow(session)
    window.show()
    session.start_loading()
    deadline = time.monotonic() + 300
    while session.dataset_loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    tracked = len(gc.get_objects())
    before = full_collection_ms(args.repeats)
    freeze_start_up_objects()
    after = full_collection_ms(args.repeats)
    load = os.getloadavg()[0]
    print(f"objects the collector tracked after start-up: {tracked:,}; frozen: {gc.get_freeze_count():,}")
    median_before, median_after = sorted(before)[len(before) // 2], sorted(after)[len(after) // 2]
    print(
        f"full collection, ms (median of {args.repeats}): before freeze {median_before:.1f}"
        f" (max {max(before):.1f}), after {median_after:.1f} (max {max(after):.1f}); load average {load:.1f}"
    )
    window.close()


if __name__ == "__main__":
    main()
