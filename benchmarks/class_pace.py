"""How long the lesson's run takes at class pace, against full speed: the pace asks for N seconds
for the whole run, and the run should take about that (never less; more only when the machine is
slower than the pace). Also prints each run's last lesson line: they must be the same.

The lesson's recipe on the real Fashion-MNIST (softmax-scratch, 5 epochs, lr 0.1, batch 256, one
thread), through core.trainer.Trainer with a core.train_events.Pacer as the window makes it
(a minibatch shown at most every 0.08 s).

    .venv/bin/python benchmarks/class_pace.py [SECONDS ...]     (default: 10 30)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHOW_EVERY_S = 0.08  # gui.train.worker.BATCH_UPDATE_INTERVAL_S, without importing Qt


def timed_run(data, seconds: float | None) -> tuple[float, int, str]:
    from core.config import TrainConfig
    from core.train_events import EpochEvent, MinibatchShown, Pacer
    from core.trainer import Trainer

    config = TrainConfig(model="softmax-scratch", epochs=5, lr=0.1, batch_size=256, seed=0, threads=1)
    pacer = Pacer(seconds, show_every_s=SHOW_EVERY_S)
    start = time.perf_counter()
    events = list(Trainer(config, data, pacer=pacer).run())
    wall = time.perf_counter() - start
    shown = sum(isinstance(event, MinibatchShown) for event in events)
    last = [event.lesson_line() for event in events if isinstance(event, EpochEvent)][-1]
    return wall, shown, last


def main() -> None:
    from core.data import load_dataset

    paces = [float(arg) for arg in sys.argv[1:]] or [10.0, 30.0]
    data = load_dataset(None, download=False)
    for seconds in (None, *paces):
        wall, shown, last = timed_run(data, seconds)
        name = "full speed" if seconds is None else f"class pace {seconds:g} s"
        print(f"{name:>18}: {wall:6.2f} s wall, {shown:4d} minibatches shown; {last}")


if __name__ == "__main__":
    main()
