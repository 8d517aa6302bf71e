"""Training inside the GUI vs headless, and how long the GUI thread ever stalls meanwhile.

One run of this script measures, for the same configuration and data:
- headless: core.trainer.Trainer's loop consumed directly in a fresh process's main thread
  (what `main.py train` does);
- GUI: the full MainWindow on the current Qt platform (offscreen when there is no display),
  started with the Train tab's Start, the curves and log updating live, Draw and Browse
  following the published weights; a 5 ms heartbeat QTimer in the GUI thread records the longest
  gap between its ticks (the longest time the event loop could not react).
Headless and GUI alternate (H G H G) and the best of each is compared, since the machine is shared.
Each GUI run also reports the CPU time its GUI thread used (time.thread_time): the share of the
run the window took from a trainer that wants every core, steadier than the rates under load.
`--profile N` runs cProfile on the GUI thread during the GUI runs and prints its N costliest calls.
Real Fashion-MNIST when installed, else synthetic images. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/gui_throughput.py [--model softmax-scratch] [--epochs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEARTBEAT_MS = 5


def load_data():
    from core.data import DataError, load_dataset

    try:
        return load_dataset(download=False), "real Fashion-MNIST"
    except DataError:
        import torch

        from core.data import FashionMNIST
        from core.synthetic import make_learnable_images

        train_x, train_y = make_learnable_images(60_000, 0)
        test_x, test_y = make_learnable_images(10_000, 1)
        data = FashionMNIST(
            torch.from_numpy(train_x),
            torch.from_numpy(train_y),
            torch.from_numpy(test_x),
            torch.from_numpy(test_y),
            "synthetic",
        )
        return data, "synthetic images (real data not installed)"


def headless_once(config, data) -> tuple[float, float]:
    """(samples per second over the whole run incl. set-up and test evaluation, seconds).

    The clock includes building the Trainer, as `main.py train` does and as the GUI run does."""
    from core.train_events import BatchEvent
    from core.trainer import Trainer

    started = time.perf_counter()
    trainer = Trainer(config, data)
    samples = 0
    for event in trainer.run():
        if isinstance(event, BatchEvent):
            samples = event.samples_seen
    seconds = time.perf_counter() - started
    return samples / seconds, seconds


def headless(args) -> tuple[float, float]:
    """One headless run in a fresh process, as `main.py train` runs: in its main thread, with
    torch's default threads. A process of its own because this one's GUI thread must keep torch
    single-threaded, as the app's does (core/parallelism.py)."""
    command = [
        sys.executable,
        __file__,
        "--headless-child",
        "--model",
        args.model,
        "--epochs",
        str(args.epochs),
    ]
    command += ["--batch-size", str(args.batch_size), "--lr", str(args.lr)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit("the headless run failed:\n" + done.stderr)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures["rate"], figures["seconds"]


def in_gui(
    config, data, app, train_tab_only: bool, tab: str = "train", profiler=None
) -> tuple[float, float, float, int, float]:
    """(samples per second, seconds, longest heartbeat gap in ms, batch updates drawn, CPU seconds
    the GUI thread used meanwhile: what the trainer lost to the window on a machine with no spare core,
    and less noisy than the rates on a shared one)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from gui.main_window import MainWindow
    from gui.session import Session
    from gui.train.panel import IDLE

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(data)
    settings = QSettings(str(Path(os.environ["FMP_BENCH_DIR"]) / "bench.ini"), QSettings.Format.IniFormat)
    if train_tab_only:
        from gui.train.panel import TrainPanel

        window = panel = TrainPanel(session, settings)
    else:
        window = MainWindow(session, settings=settings)
        panel = window.train_panel
        # The tab the class looks at while the run trains: each one costs the GUI thread differently.
        window.tabs.setCurrentWidget(getattr(window, f"{tab}_panel"))
    window.resize(1400, 900)
    window.show()
    panel.controls.set_config(config)
    for _ in range(20):  # let the window settle before timing
        app.processEvents()
        time.sleep(0.01)

    clock = QElapsedTimer()
    longest = [0]

    def beat():
        longest[0] = max(longest[0], clock.restart())

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    loop = QEventLoop()
    ended_at: list[float] = []

    def on_state(state: str) -> None:
        if state == IDLE and not ended_at:  # the run is over and its thread has finished
            ended_at.append(time.perf_counter())
            loop.quit()

    panel.state_changed.connect(on_state)
    updates: list = []  # the BatchUpdates the window drew, counted from outside it
    started = time.perf_counter()
    if not panel.start():
        raise SystemExit("the Train tab refused to start:\n" + panel.log_text())
    panel.job.batch_update.connect(updates.append)  # after the panel's own slot, which draws it
    clock.start()
    heartbeat.start()
    if profiler is not None:
        profiler.enable()
    cpu_started = time.thread_time()
    loop.exec()  # the real event loop, as in the app
    gui_cpu = time.thread_time() - cpu_started
    if profiler is not None:
        profiler.disable()
    seconds = ended_at[0] - started
    heartbeat.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    samples = updates[-1].latest.samples_seen if updates else 0
    return samples / seconds, seconds, float(longest[0]), len(updates), gui_cpu


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--model", default="softmax-scratch")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--headless-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--train-tab-only", action="store_true", help="without the Draw and Browse tabs")
    parser.add_argument(
        "--tab",
        default="train",
        choices=["train", "draw", "browse", "weights", "softmax"],
        help="the tab in front while training (default: train)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="profile the GUI thread during the GUI runs and print its N costliest functions",
    )
    args = parser.parse_args()
    if args.headless_child:
        run_headless_child(args)
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    os.environ["FMP_BENCH_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from core.config import TrainConfig

    QCoreApplication.setOrganizationName("fmp-benchmark")
    app = QApplication(sys.argv)
    import torch

    from core.parallelism import single_threaded_here

    single_threaded_here()  # what the app's GUI thread does once torch is imported
    data, what = load_data()
    import core.predictor  # noqa: F401  (the app's loader thread imports it before training starts)

    config = TrainConfig(
        model=args.model, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, device="cpu"
    ).validate()
    print(f"{config.model}, {config.epochs} epochs, batch {config.batch_size}, lr {config.lr:g}, cpu; {what}")
    window = "the Train tab alone" if args.train_tab_only else f"the full window, {args.tab} tab in front"
    print(f"Qt platform: {app.platformName()}; {window}; heartbeat every {HEARTBEAT_MS} ms")
    print(f"torch threads: GUI thread {torch.get_num_threads()}, trainer all {os.cpu_count()} cores")
    headless_rates, gui_rates, stalls, gui_cpu_shares = [], [], [], []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    for round_ in range(1, args.rounds + 1):
        rate, seconds = headless(args)
        headless_rates.append(rate)
        print(f"round {round_} headless: {rate:>9,.0f} samples/s ({seconds:.2f} s)")
        rate, seconds, stall, updates, gui_cpu = in_gui(
            config, data, app, args.train_tab_only, args.tab, profiler
        )
        gui_rates.append(rate)
        stalls.append(stall)
        gui_cpu_shares.append(gui_cpu / seconds)
        print(
            f"round {round_} GUI:      {rate:>9,.0f} samples/s ({seconds:.2f} s), "
            f"longest GUI stall {stall:.0f} ms, {updates} batch updates drawn ({updates / seconds:.1f}/s), "
            f"GUI thread CPU {gui_cpu * 1000:.0f} ms ({gui_cpu / seconds:.1%} of the run, "
            f"{gui_cpu * 1000 / max(updates, 1):.1f} ms per update)"
        )
    ratio = max(gui_rates) / max(headless_rates)
    typical = statistics.median(gui_rates) / statistics.median(headless_rates)
    print(
        f"GUI / headless throughput (best of each): {ratio:.0%} (target ≥ 80%), "
        f"median of each {typical:.0%}; "
        f"longest GUI stall over all GUI runs: {max(stalls):.0f} ms (target ≤ 50 ms); "
        f"GUI thread CPU, median share of a run: {statistics.median(gui_cpu_shares):.1%}"
    )
    if profiler is not None:
        import pstats

        print("GUI thread while training, all GUI runs (profiled runs are slower: take ratios unprofiled)")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


def run_headless_child(args) -> None:
    from core.config import TrainConfig

    data, _ = load_data()
    config = TrainConfig(
        model=args.model, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, device="cpu"
    ).validate()
    rate, seconds = headless_once(config, data)
    print(json.dumps({"rate": rate, "seconds": seconds}))


if __name__ == "__main__":
    main()
