"""Soak test of the window: many start/stop cycles in one window, with language switches and Browse
filter changes between them, then window closes at random moments (some during the end-of-epoch
test evaluation). Prints figures; asserts nothing.

Part 1, in this process (offscreen): `--cycles` Start → first batches → Stop cycles on the Train
tab of one MainWindow; spread evenly between them, `--languages` switches of the whole window
between English and Chinese and `--filters` changes of the Browse tab's filters (shown on its
tab). Prints at cycles 0, 1, 30, ½ and all of them: RSS, the process's thread count, the time to
repaint the training plots (best and median of 21 grabs of the plot widget) and the number of
Python objects the garbage collector tracks (flat when nothing accumulates).
Part 2, `--closes` subprocesses: each opens the window, starts training and closes the window at
a random moment; every second close waits for the test evaluation to begin first. Prints each
close-to-exit time (from the close request to the process's exit) and exit code (134 = abort).
Each ends as `python main.py` does once its window has closed (main.leave_without_teardown).

Targets: RSS growth ≤ 5 MB from cycle 30 to the last with 100 language switches and 100 filter
changes (issue 19; issue 13 allowed 30 MB from cycle 1 without them), repaint time ≤ 1.5× cycle 0,
0 aborts in 30 closes, every exit ≤ 2 s.

    .venv/bin/python benchmarks/soak.py                         # 200 cycles, 100 + 100, 30 closes
    .venv/bin/python benchmarks/soak.py --cycles 60 --languages 30 --filters 30 --closes 5  # short
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# RSS growth is measured from here: the first cycles warm up once (torch's optimizer imports, the
# first buffers, the Chinese font and catalogue, Browse's first predictions).
SETTLED_CYCLE = 30
sys.path.insert(0, str(ROOT))


def synthetic_data(n_train: int, n_test: int, seed: int = 0):
    """Learnable images without the real files: ten blurred prototypes, dimmed and noisy."""
    import numpy as np
    import torch

    from core.data import FashionMNIST

    rng = np.random.default_rng(seed)
    prototypes = (rng.random((10, 7, 7)) < 0.45).repeat(4, axis=1).repeat(4, axis=2) * 255.0

    def make(count: int):
        labels = rng.permutation(np.arange(count) % 10)
        pixels = prototypes[labels] * rng.uniform(0.6, 1.0, (count, 1, 1))
        pixels += rng.normal(0.0, 25.0, pixels.shape)
        return torch.from_numpy(pixels.clip(0, 255).astype(np.uint8)), torch.from_numpy(
            labels.astype(np.int64)
        )

    train_x, train_y = make(n_train)
    test_x, test_y = make(n_test)
    return FashionMNIST(train_x, train_y, test_x, test_y, "synthetic")


def load_data(real: bool, n_train: int, n_test: int):
    if real:
        from core.data import load_dataset

        return load_dataset(download=False), "real Fashion-MNIST"
    return synthetic_data(n_train, n_test), f"synthetic ({n_train:,} train / {n_test:,} test images)"


def proc_status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def wait_until(app, condition, timeout_s: float) -> bool:
    """Turn the event loop as app.exec() would, until `condition()` or the timeout."""
    from PySide6.QtCore import QEvent

    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        app.processEvents()
        # processEvents outside exec() never deletes what deleteLater() gave it: without this the
        # soak counted every replaced widget (the run key's rows, 21 labels a run) as a leak.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if condition():
            return True
        time.sleep(0.002)
    return False


def make_window(data, settings_dir: str):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.session import Session

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(data)
    settings = QSettings(str(Path(settings_dir) / "soak.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings)
    window.resize(1200, 850)
    window.show()
    return window, session


def repaint_ms(app, plots, grabs: int = 21) -> tuple[float, float]:
    """(best, median) ms of `grabs` full repaints of the plot widget. The best is what the
    ratio uses: on a shared machine the median also measures the neighbours' load."""
    times = []
    for _ in range(grabs):
        app.processEvents()
        started = time.perf_counter()
        plots.grab()  # paints every curve of both plots into a pixmap, as a screen update would
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def quiet_offscreen_notes() -> None:
    """The offscreen platform says "does not support propagateSizeHints()" at every tab switch:
    noise between the figures, and nothing about the app. Everything else is still printed."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def cycles(args) -> None:
    from PySide6.QtWidgets import QApplication

    from core.config import TrainConfig
    from core.parallelism import single_threaded_here
    from gui import language
    from gui.browse.sample_model import Filter
    from gui.freed_memory import limit_malloc_arenas
    from gui.train.commands import IDLE

    limit_malloc_arenas()  # as gui.app.run_app does
    app = QApplication.instance() or QApplication(sys.argv[:1])
    quiet_offscreen_notes()
    single_threaded_here()
    data, what = load_data(args.real, args.train_images, args.test_images)
    window, _session = make_window(data, tempfile.mkdtemp())
    panel = window.train_panel
    config = TrainConfig(model=args.model, epochs=2, lr=0.1, batch_size=64, device="cpu").validate()
    panel.controls.set_config(config)
    wait_until(app, lambda: False, 0.3)
    print(
        f"part 1: {args.cycles} start/stop cycles, {args.languages} language switches, {args.filters} "
        f"Browse filter changes; {config.model}, {what}, Qt {app.platformName()}"
    )
    print(
        f"{'cycle':>6} {'RSS MB':>8} {'threads':>8} {'repaint ms best':>16} {'median':>7} "
        f"{'runs plotted':>13} {'Python objects':>15}"
    )
    settled = min(SETTLED_CYCLE, args.cycles)
    marks = sorted({0, 1, settled, args.cycles // 2, args.cycles})
    switches = filters = 0

    def switch_language() -> None:
        nonlocal switches
        switches += 1
        language.apply_language(language.CHINESE if switches % 2 else language.ENGLISH)
        wait_until(app, lambda: False, 0.02)

    def change_filter() -> None:
        nonlocal filters
        filters += 1
        window.tabs.setCurrentWidget(window.browse_panel)
        # Every class in turn, every third change only its mistakes, every seventh all again.
        chosen = Filter() if filters % 7 == 0 else Filter(filters % 10, None, only_wrong=filters % 3 == 0)
        window.browse_panel.controls.set_filter(chosen)
        wait_until(app, lambda: False, 0.02)
        window.tabs.setCurrentWidget(panel)

    figures = {}
    stuck = 0
    for cycle in range(args.cycles + 1):
        if cycle in marks:
            # Measured at rest: a Browse prediction still running holds its working memory and CPU.
            wait_until(app, lambda: not window.browse_panel.runner.is_busy(), 120.0)
            gc.collect()
            wait_until(app, lambda: False, 0.2)
            rss, threads = proc_status("VmRSS") / 1024, proc_status("Threads")
            best, median = repaint_ms(app, panel.plots)
            figures[cycle] = (rss, threads, best)
            runs = len(getattr(panel.plots, "runs", []))
            print(
                f"{cycle:>6} {rss:>8.1f} {threads:>8} {best:>16.2f} {median:>7.2f} {runs:>13} "
                f"{len(gc.get_objects()):>15,}",
                flush=True,
            )
        if cycle == args.cycles:
            break
        # Spread evenly: after cycle c, as many as (c + 1) / cycles of each have been done.
        while switches < args.languages * (cycle + 1) // args.cycles:
            switch_language()
        while filters < args.filters * (cycle + 1) // args.cycles:
            change_filter()
        before = panel.last_batch_event
        if not panel.start():
            print("the Train tab refused to start:\n" + panel.log_text())
            return
        wait_until(app, lambda old=before: panel.last_batch_event is not old, 10.0)  # a few batches drawn
        panel.stop()
        if not wait_until(
            app, lambda: panel.state == IDLE and (panel.job is None or not panel.job.is_running()), 10.0
        ):
            stuck += 1
    first = figures.get(1, figures[0])
    last = figures[args.cycles]
    full = figures[settled]  # by then the plots hold all the runs they keep
    print(
        f"RSS growth from cycle {settled} to {args.cycles}: {last[0] - full[0]:+.1f} MB (target ≤ 5); "
        f"from cycle 1: {last[0] - first[0]:+.1f} MB, from cycle 0: {last[0] - figures[0][0]:+.1f} MB; "
        f"threads {first[1]} → {last[1]}; repaint (best) "
        f"{figures[0][2]:.2f} → {last[2]:.2f} ms ({last[2] / max(figures[0][2], 1e-9):.2f}× cycle 0, "
        f"whose plots are empty; {last[2] / max(full[2], 1e-9):.2f}× cycle {settled}); "
        f"language switches {switches}, filter changes {filters}; "
        f"cycles that did not reach idle within 10 s: {stuck}"
    )
    language.apply_language(language.ENGLISH)
    window.close()


def close_child(args) -> None:
    """One window; start training, close at a random moment (or once evaluation began)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import core.trainer as trainer
    from core.config import TrainConfig
    from core.parallelism import single_threaded_here

    evaluating = threading.Event()
    original = trainer.Trainer.test_accuracy

    def marked_test_accuracy(self, *a, **k):
        evaluating.set()
        return original(self, *a, **k)

    trainer.Trainer.test_accuracy = marked_test_accuracy
    app = QApplication(sys.argv[:1])
    single_threaded_here()
    data, _what = load_data(False, args.train_images, args.test_images)
    window, session = make_window(data, tempfile.mkdtemp())
    panel = window.train_panel
    panel.controls.set_config(TrainConfig(model=args.model, epochs=3, lr=0.1, batch_size=64, device="cpu"))

    def close_now() -> None:
        phase = "evaluation" if evaluating.is_set() else "training"
        print(f"CLOSING {time.time():.6f} {phase}", flush=True)
        window.close()
        print(f"CLOSED {time.time():.6f}", flush=True)
        app.quit()

    def start() -> None:
        panel.start()
        if args.child_mode == "eval":
            poll = QTimer(window, interval=5)
            poll.timeout.connect(lambda: evaluating.is_set() and close_now())
            poll.start()
        else:
            QTimer.singleShot(int(args.child_delay * 1000), close_now)

    QTimer.singleShot(100, start)
    code = app.exec()
    session.wait_for_loader(2.0)
    print(f"EXITING {time.time():.6f}", flush=True)
    others = [thread.name for thread in threading.enumerate() if thread is not threading.main_thread()]
    print(f"THREADS {proc_status('Threads')} {','.join(others) or '-'}", flush=True)
    from main import leave_without_teardown  # how `python main.py` ends once its window closed

    leave_without_teardown(code)


def closes(args) -> None:
    print(
        f"part 2: {args.closes} window closes ({args.model}, {args.test_images:,} test images so the "
        "evaluation takes a while)"
    )
    print(
        f"{'#':>3} {'when':>22} {'closed during':>14} {'close→exit s':>13} {'exit code':>10}"
        f"  (of which: close() s, then to sys.exit s, interpreter teardown s)"
    )
    rng = random.Random(args.seed)
    results = []
    for number in range(1, args.closes + 1):
        mode = "eval" if number % 2 == 0 else "random"
        delay = rng.uniform(0.2, 6.0)
        command = [sys.executable, __file__, "--child", "--child-mode", mode, "--child-delay", f"{delay:.3f}"]
        command += ["--model", args.model, "--train-images", str(args.train_images)]
        command += ["--test-images", str(args.test_images)]
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        closing_at, phase, stamps, threads_left = None, "?", {}, "?"
        for line in process.stdout:
            if line.startswith("CLOSING"):
                _, stamp, phase = line.split()
                closing_at = float(stamp)
            elif line.startswith("THREADS"):
                threads_left = line.split(maxsplit=1)[1].strip()
            elif line.startswith(("CLOSED", "EXITING")):
                word, stamp = line.split()
                stamps[word] = float(stamp)
        process.wait(timeout=120)
        exited_at = time.time()
        seconds = exited_at - closing_at if closing_at is not None else float("nan")
        when = "at evaluation start" if mode == "eval" else f"after {delay:.2f} s"
        results.append((seconds, process.returncode))
        closed, exiting = stamps.get("CLOSED", float("nan")), stamps.get("EXITING", float("nan"))
        parts = f"({closed - closing_at:.3f}, {exiting - closed:.3f}, {exited_at - exiting:.3f})"
        print(
            f"{number:>3} {when:>22} {phase:>14} {seconds:>13.3f} {process.returncode:>10}  {parts}",
            flush=True,
        )
        print(f"      at sys.exit: OS threads, then the Python threads besides the main one: {threads_left}")
        if process.returncode != 0:
            print("    stderr: " + " | ".join(process.stderr.read().strip().splitlines()[-3:]))
    times = [seconds for seconds, _code in results]
    aborts = sum(code != 0 for _seconds, code in results)
    print(
        f"closes: {len(results)}, non-zero exits: {aborts}, close→exit max {max(times):.3f} s, "
        f"median {statistics.median(times):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--closes", type=int, default=30)
    parser.add_argument("--languages", type=int, default=100, help="language switches spread over the cycles")
    parser.add_argument("--filters", type=int, default=100, help="Browse filter changes, spread likewise")
    parser.add_argument("--model", default="mlp")
    parser.add_argument("--real", action="store_true", help="part 1 on the real data (default: synthetic)")
    parser.add_argument("--train-images", type=int, default=6000)
    parser.add_argument("--test-images", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-mode", default="random", help=argparse.SUPPRESS)
    parser.add_argument("--child-delay", type=float, default=1.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName("fmp-soak")  # never touch the user's settings
    if args.child:
        close_child(args)
        return
    if args.cycles > 0:
        cycles(args)
    if args.closes > 0:
        closes(args)


if __name__ == "__main__":
    main()
