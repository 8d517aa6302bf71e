"""The window while a whole class draws: does the projector keep moving?

Opens the real window (its Class tab in front, the shipped cnn answering), invites the class on
127.0.0.1, and runs benchmarks/class_load.py's run_load(url, students, drawings) against it: 60
simulated phones sending 10 drawings each, the rate limit respected as the page does. Meanwhile a
heartbeat QTimer in the GUI thread records how late it fires: the event loop's longest stall is
what the class would see as a frozen projector (target <= 50 ms). Also printed: the answers'
p50/p95/max latency, the submissions lost (no answer, or answered but never in the gallery;
target 0) and the drawings the sketchbook kept.

The window serves the class as shipped: from a child process of its own (core/class_server/
process.py), so the window's process only receives each drawing; --server-in-thread serves it from
a thread of the window's process instead, as before that change, for comparison.

The phones are other machines, so by default the load runs in a separate process (a client in
the window's process would compete for its GIL as no phone does); --in-process runs it in a
thread of the window's process, as run_load's docstring allows, for comparison.

    .venv/bin/python benchmarks/class_load_window.py [--students 60] [--drawings 10] [--in-process]
        [--server-in-thread] [--busy]

--busy runs one busy loop (a process of its own, bounded) on a core for the whole run, the idle
baseline included: the teacher's browser or another program beside the window. The load average
is printed before and after, since on a shared machine "quiet" is rarely quiet. Also printed: how
many updates the gallery had (drawings join it in batches, gui/classroom/panel.py ARRIVALS_MS).

Offscreen unless a display is set (DISPLAY=:N runs it on a real X server, painting included).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Today's sketchbook goes to a temporary folder, never the user's own.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="class-load-data-")

HEARTBEAT_MS = 5
BUSY_LOOP = "import sys, time\nend = time.time() + float(sys.argv[1])\nwhile time.time() < end:\n    pass\n"
BUSY_LIMIT_S = 900.0  # a safety net; the run stops it as soon as it is done
TARGET_STALL_MS = 50.0
LOAD_CODE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from class_load import run_load
print(json.dumps(run_load(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
"""


class Heartbeat:
    """A timer that should fire every HEARTBEAT_MS; the gaps beyond that are the loop's stalls.
    Beside each gap, the GUI thread's own CPU time in it: a stall longer than its CPU waited (for
    a core, or for the GIL)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps_ms: list[float] = []
        self.cpu_ms: list[float] = []
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer = QTimer(interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps_ms.append((now - self._last) * 1000.0 - HEARTBEAT_MS)
        self.cpu_ms.append((cpu - self._last_cpu) * 1000.0)
        self._last, self._last_cpu = now, cpu

    def longest(self) -> tuple[float, float]:
        """(the longest gap, the GUI thread's CPU in it), in ms."""
        if not self.gaps_ms:
            return float("nan"), float("nan")
        at = max(range(len(self.gaps_ms)), key=self.gaps_ms.__getitem__)
        return self.gaps_ms[at], self.cpu_ms[at]


def _stalls(gaps: list[float]) -> tuple[float, float]:
    """(longest, 99th percentile) of sorted gaps, in ms."""
    if not gaps:
        return float("nan"), float("nan")
    return gaps[-1], gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))]


def _run_until_done(thread: threading.Thread) -> None:
    """The window's event loop runs (as in a lesson) until `thread` has ended."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    watcher = QTimer(interval=100)
    watcher.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    watcher.start()
    loop.exec()
    watcher.stop()


def _same_load_elsewhere(students: int, drawings: int) -> threading.Thread:
    """class_load.py on its own: main.py class-server in a process of its own takes the same load,
    so the machine is as busy as in the measurement but the window serves nothing."""

    def work() -> None:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "class_load.py"),
                "--students",
                str(students),
                "--drawings",
                str(drawings),
            ],
            capture_output=True,
            check=False,
        )

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def _load_in_process(url: str, students: int, drawings: int, result: dict) -> threading.Thread:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from class_load import run_load

    thread = threading.Thread(target=lambda: result.update(run_load(url, students, drawings)), daemon=True)
    thread.start()
    return thread


def _load_in_a_process(url: str, students: int, drawings: int, result: dict) -> threading.Thread:
    def work() -> None:
        done = subprocess.run(
            [sys.executable, "-c", LOAD_CODE, str(ROOT / "benchmarks"), url, str(students), str(drawings)],
            capture_output=True,
            text=True,
            check=True,
        )
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))

    thread = threading.Thread(target=work, daemon=True)  # only waits on the child process
    thread.start()
    return thread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--drawings", type=int, default=10)
    parser.add_argument(
        "--in-process", action="store_true", help="run the phones in a thread of this process"
    )
    parser.add_argument(
        "--no-control", dest="control", action="store_false", help="skip the run with the server elsewhere"
    )
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="the baseline without a class")
    parser.add_argument(
        "--server-in-thread", action="store_true", help="serve from a thread of the window's process"
    )
    parser.add_argument("--busy", action="store_true", help="one busy loop on a core meanwhile")
    args = parser.parse_args()
    busy = subprocess.Popen([sys.executable, "-c", BUSY_LOOP, str(BUSY_LIMIT_S)]) if args.busy else None
    try:
        return _measure(args)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _measure(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import gui.app

    gui.app.configure_application_names()
    app = QApplication([sys.argv[0]])
    import gui.classroom.panel as class_panel
    from gui.main_window import MainWindow
    from gui.session import Session

    class_panel.BIND_HOST = "127.0.0.1"
    class_panel.local_addresses = lambda: [("lo", "127.0.0.1")]
    session = Session()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings)
    session.start_loading()
    window.resize(1024, 768)
    window.show()

    def wait_for(condition, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    wait_for(lambda: session.runtime_ready and not session.dataset_loading, 300)
    from gui.freed_memory import freeze_start_up_objects

    freeze_start_up_objects()  # as run_app does once the dataset has loaded
    window.show_tab("class")
    panel = window.class_panel
    if args.server_in_thread:
        from gui.classroom.server_control import thread_server_factory

        panel.control._factory = thread_server_factory
    wait_for(lambda: panel.invite.network.count() == 1, 30)
    panel.start()
    wait_for(panel.is_serving, 30)
    wait_for(lambda: panel._predictor is not None, 30)
    url = panel.page_address()

    # The same heartbeat with the page served but nobody drawing, in the same run: on a busy
    # machine the loop stalls without any class too, and only the difference is the class's.
    load_before = _load_average()
    idle = Heartbeat()
    idle.start()
    quiet = QEventLoop()
    QTimer.singleShot(int(args.idle_seconds * 1000), quiet.quit)
    quiet.exec()
    idle.timer.stop()

    heartbeat = Heartbeat()
    updates = []
    panel.gallery.rowsInserted.connect(lambda _parent, first, last: updates.append(last - first + 1))
    gui_cpu, process_cpu, wall = time.thread_time(), time.process_time(), time.perf_counter()
    result: dict = {}
    start_load = _load_in_process if args.in_process else _load_in_a_process
    heartbeat.start()
    load = start_load(url, args.students, args.drawings, result)
    _run_until_done(load)
    # The last answers' drawings may still be queued for the GUI thread.
    deadline = time.monotonic() + 10
    while panel.gallery.rowCount() < result.get("answered", 0) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    heartbeat.timer.stop()
    gui_cpu, process_cpu = time.thread_time() - gui_cpu, time.process_time() - process_cpu
    wall = time.perf_counter() - wall

    panel.control.server().drain()  # the last answers' drawings are being written
    gaps = sorted(heartbeat.gaps_ms)
    shown = panel.gallery.rowCount()
    kept = len(session.sketchbook.sketches())
    lost = result["sent"] - min(result["answered"], shown)
    where = "a thread of the window's process" if args.in_process else "a separate process"
    served = "a thread of the window's process" if args.server_in_thread else "its own child process"
    print(
        f"{args.students} students x {args.drawings} drawings over 127.0.0.1 (phones in {where}, "
        f"server in {served}), model: {session.model_label()}, {os.cpu_count()} CPUs, "
        f"platform {app.platformName()}{', one busy loop on a core' if args.busy else ''}"
    )
    print(
        f"answers: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms in {result['seconds']:.1f} s; "
        f"other statuses {result['statuses'] or 'none'}"
    )
    print(
        f"lost: {lost} (answered {result['answered']} of {result['sent']}, in the gallery {shown}, "
        f"kept in the sketchbook {kept}); target 0"
    )
    longest, p99 = _stalls(gaps)
    verdict = "met" if longest <= TARGET_STALL_MS else "MISSED"
    print(
        f"window: longest stall {longest:.1f} ms, p99 {p99:.1f} ms over {len(gaps)} heartbeats of "
        f"{HEARTBEAT_MS} ms; target <= {TARGET_STALL_MS:.0f} ms: {verdict}"
    )
    stall, stall_cpu = heartbeat.longest()
    print(
        f"the GUI thread's own CPU in the longest stall ({stall:.1f} ms): {stall_cpu:.1f} ms; at most "
        f"{max(heartbeat.cpu_ms, default=float('nan')):.1f} ms between two heartbeats"
    )
    print(
        f"gallery updates: {len(updates)} for {sum(updates)} drawings (at most "
        f"{max(updates, default=0)} at once)"
    )
    if args.control:
        panel.stop()
        wait_for(lambda: not panel.is_serving() and panel.control.state() == "stopped", 30)
        control = Heartbeat()
        control.start()
        _run_until_done(_same_load_elsewhere(args.students, args.drawings))
        control.timer.stop()
        control_longest, control_p99 = _stalls(sorted(control.gaps_ms))
    print(
        f"CPU meanwhile: the GUI thread {gui_cpu:.1f} s, the whole window process "
        f"({'server included' if args.server_in_thread else 'without the server child'}) "
        f"{process_cpu:.1f} s, in {wall:.1f} s"
    )
    idle_longest, idle_p99 = _stalls(sorted(idle.gaps_ms))
    print(
        f"same window, nobody drawing ({args.idle_seconds:.0f} s just before): longest stall "
        f"{idle_longest:.1f} ms, p99 {idle_p99:.1f} ms; load average {load_before} before, "
        f"{_load_average()} after"
    )
    if args.control:
        print(
            f"same window, the same class served by main.py class-server in a process of its own "
            f"(just after): longest stall {control_longest:.1f} ms, p99 {control_p99:.1f} ms"
        )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
