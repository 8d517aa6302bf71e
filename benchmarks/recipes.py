"""Train a model with its recommended recipe (core.config.RECIPES) on the real Fashion-MNIST and
print each epoch's test accuracy, the wall seconds, and the final figure against its target.

    .venv/bin/python benchmarks/recipes.py --model cnn
    .venv/bin/python benchmarks/recipes.py --model softmax --set epochs=40 --set lr=0.2

`--set FIELD=VALUE` overrides one TrainConfig field (to compare recipes); `--lesson` trains the
lesson's plain settings instead (core.config.RECOMMENDED). `--holdout N` keeps the last N
training images out of training and reports the accuracy on them in place of the test
accuracy: compare recipes that way, so the test set is never what a recipe was chosen on.
The load average is printed before and after, and at the end the process's CPU time. A run
trains on its config's thread count (`--threads N`, default the model's core.config.DEFAULT_THREADS) whatever
the load, so a seed's run repeats bit for bit; another count rounds differently and moves the
4th digit.

Measured 2026-11-26 on the shared 2-core CPU machine, seed 0:
  cnn      0.9197 after 12 epochs, 88.6 s of training (6.6–7.9 s an epoch on two threads;
           load average 2.0 with this run's own two threads), 0.9207 in a run at load 5, niced,
           mostly on one thread; with --set lr=0.005: 0.9223 in 81.3 s (7.0 s an epoch)
  mlp      0.9022 after 30 epochs, 24.5 s
  softmax  0.8486 after 30 epochs, 10.3 s (every optimizer tried converged to 0.846–0.849)
  softmax-scratch (the lesson, unchanged) 0.8240 after 5 epochs
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import fields
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.config import MODEL_NAMES, RECOMMENDED, TrainConfig  # noqa: E402

# Issue 14 §3: test accuracy to reach, and for the cnn within how many seconds of training.
TARGETS: dict[str, tuple[float, float | None]] = {
    "softmax-scratch": (0.82, None),  # the lesson's figure is kept, not raised
    "softmax": (0.85, None),
    "mlp": (0.89, None),
    "cnn": (0.92, 90.0),
}


def _parse_override(text: str) -> tuple[str, object]:
    name, _, raw = text.partition("=")
    types = {f.name: f.type for f in fields(TrainConfig)}
    if name not in types:
        raise argparse.ArgumentTypeError(f"unknown field {name!r}; one of {', '.join(types)}")
    kind = types[name]
    if kind == "bool":
        return name, raw.lower() in ("1", "true", "yes")
    if kind == "int":
        return name, int(raw)
    if kind == "float":
        return name, float(raw)
    return name, raw


def _holdout(dataset, count: int):
    """The dataset with its last `count` training images as the "test" split."""
    from core.data import FashionMNIST

    if not 0 < count < dataset.train_labels.shape[0]:
        raise SystemExit(f"--holdout must be between 1 and {dataset.train_labels.shape[0] - 1}")
    keep = dataset.train_labels.shape[0] - count
    images, labels = dataset.train_images, dataset.train_labels
    return FashionMNIST(images[:keep], labels[:keep], images[keep:], labels[keep:], dataset.source)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--model", choices=MODEL_NAMES, default="cnn")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lesson", action="store_true", help="the plain settings of RECOMMENDED instead")
    parser.add_argument("--set", type=_parse_override, action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument(
        "--threads", type=int, default=0, help="torch threads (0: the model's; part of the run's numbers)"
    )
    parser.add_argument(
        "--holdout", type=int, default=0, metavar="N", help="validate on the last N training images instead"
    )
    args = parser.parse_args()

    from core.data import load_dataset
    from core.train_events import EpochEvent, RunEnded
    from core.trainer import Trainer

    overrides = dict(args.set)
    if args.lesson:
        config = TrainConfig(
            model=args.model, device="cpu", seed=args.seed, threads=args.threads, **RECOMMENDED[args.model]
        )
        config = TrainConfig(**{**config.to_dict(), **overrides}).validate()
    else:
        config = TrainConfig.recommended(
            args.model, device="cpu", seed=args.seed, threads=args.threads, **overrides
        )
    dataset = load_dataset()
    if args.holdout:
        dataset = _holdout(dataset, args.holdout)
    load_before = os.getloadavg()
    kind = "val" if args.holdout else "test"
    split = f"validation on the last {args.holdout} training images" if args.holdout else "test set"
    print(
        f"{split}; {config.model}: {config.epochs} epochs, lr {config.lr:g}, batch {config.batch_size}, "
        f"{config.recipe_summary() or 'plain SGD'}; load average {load_before[0]:.2f} "
        f"(2-core machine: {os.cpu_count()} CPUs seen)",
        flush=True,
    )
    trained = 0.0
    last = None
    wall_started, cpu_started = time.perf_counter(), time.process_time()
    trainer = Trainer(config, dataset)
    for event in trainer.run():
        if isinstance(event, EpochEvent):
            trained += event.seconds
            last = event
            print(
                f"epoch {event.epoch:2d}  loss {event.loss:.4f}  train acc {event.train_acc:.4f}  "
                f"{kind} acc {event.test_acc:.4f}  {event.seconds:5.1f} s  (so far {trained:5.1f} s)",
                flush=True,
            )
        elif isinstance(event, RunEnded) and event.reason != "finished":
            print(f"run ended: {event.reason}: {event.message}")
            return 1
    wall = time.perf_counter() - wall_started
    target, seconds = TARGETS[config.model]
    assert last is not None
    verdict = "meets" if last.test_acc >= target and (seconds is None or trained <= seconds) else "MISSES"
    budget = f" within {seconds:g} s" if seconds is not None else ""
    print(
        f"final {kind} acc {last.test_acc:.4f} after {trained:.1f} s of training ({wall:.1f} s wall, "
        f"test evaluations included); target ≥ {target}{budget}: {verdict}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    # On a busy machine the wall seconds say little; the process's CPU seconds on one thread are
    # close to what the run takes on a quiet machine with one thread.
    print(
        f"process CPU time {time.process_time() - cpu_started:.1f} s on {config.threads} thread(s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
