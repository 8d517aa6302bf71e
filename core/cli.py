"""The headless command line behind `python main.py data|train|predict`.

Nothing here imports Qt, so training runs over SSH or in CI; torch is imported only by the
subcommands that need it, so `--help` and argument errors answer at once."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from core.classes import NUM_CLASSES
from core.config import (
    AUGMENTATIONS,
    DEVICES,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_LR,
    MAX_SEED,
    MIN_LR,
    MODEL_NAMES,
    RECOMMENDED,
    ConfigError,
    TrainConfig,
)

PROGRESS_WIDTH = 30
PROGRESS_INTERVAL = 0.1  # seconds between redraws of the stderr progress bar


def _bounded_int(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return parse


def _learning_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not MIN_LR <= value <= MAX_LR:  # the same bounds as TrainConfig and the GUI's spin box
        raise argparse.ArgumentTypeError(f"must be between {MIN_LR:g} and {MAX_LR:g}, got {text}")
    return value


def _existing_dir(text: str) -> str:
    if not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"no such folder: {text}")
    return text


def _existing_file(text: str) -> str:
    if not os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Fashion-MNIST Playground. With no arguments, opens the window; "
        "the subcommands below run without a display.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data = commands.add_parser("data", help="say where the dataset is, or how to get it")
    data.add_argument("--data", type=_existing_dir, metavar="DIR", help="folder holding the four files")

    train = commands.add_parser("train", help="train a model and print one line per epoch")
    train.add_argument("--model", choices=MODEL_NAMES, default="softmax-scratch")
    # Left unset, these take the model's recommended values (the lesson's 5, 0.1, 256 for softmax).
    train.add_argument("--epochs", type=_bounded_int(1, MAX_EPOCHS), help="default: the model's recommended")
    train.add_argument("--lr", type=_learning_rate, help="learning rate (default: the model's recommended)")
    train.add_argument("--batch-size", type=_bounded_int(1, MAX_BATCH_SIZE), help="default: recommended")
    train.add_argument("--device", choices=DEVICES, default="auto")
    train.add_argument("--seed", type=_bounded_int(0, MAX_SEED), default=0)
    train.add_argument(
        "--augment",
        choices=AUGMENTATIONS,
        default="none",
        help="'sketch' makes training images look like mouse drawings",
    )
    train.add_argument("--data", type=_existing_dir, metavar="DIR", help="folder holding the four files")
    train.add_argument("--save", metavar="PATH", help="write a checkpoint here when training ends")
    train.add_argument("--json", action="store_true", help="one JSON object per epoch on stdout")
    train.add_argument(
        "--dry-run",
        action="store_true",
        help="one epoch on 2,048 training and 1,024 test images: a seconds-long check",
    )
    train.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )

    predict = commands.add_parser("predict", help="classify image files (PNG/JPEG)")
    predict.add_argument("images", nargs="+", type=_existing_file, metavar="IMAGE")
    predict.add_argument(
        "--checkpoint",
        type=_existing_file,
        metavar="PATH",
        help="a checkpoint file (default: the shipped pretrained --model)",
    )
    predict.add_argument(
        "--model",
        choices=MODEL_NAMES,
        default="cnn",
        help="which shipped pretrained model to use without --checkpoint",
    )
    predict.add_argument("--top", type=_bounded_int(1, NUM_CLASSES), default=3)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"data": _run_data, "train": _run_train, "predict": _run_predict}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def _load_data(data_dir: str | None):
    from core.data import DataError, load_dataset

    try:
        return load_dataset(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return None


def _first_images(dataset, train: int, test: int):
    """The same dataset cut to its first images, for a seconds-long --dry-run."""
    from dataclasses import replace

    return replace(
        dataset,
        train_images=dataset.train_images[:train],
        train_labels=dataset.train_labels[:train],
        test_images=dataset.test_images[:test],
        test_labels=dataset.test_labels[:test],
    )


def _run_data(args: argparse.Namespace) -> int:
    from core.data import describe_dataset

    dataset = _load_data(args.data)
    if dataset is None:
        return 1
    print(describe_dataset(dataset))
    return 0


class ProgressBar:
    """A one-line bar on stderr, redrawn at most ten times a second so printing costs nothing."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._last_draw = 0.0

    def update(self, event) -> None:
        now = time.perf_counter()
        if not self.enabled or (now - self._last_draw < PROGRESS_INTERVAL and event.batch != event.batches):
            return
        self._last_draw = now
        done = int(PROGRESS_WIDTH * event.batch / event.batches)
        bar = "#" * done + "-" * (PROGRESS_WIDTH - done)
        self.stream.write(
            f"\repoch {event.epoch}/{event.epochs} [{bar}] {event.batch}/{event.batches} "
            f"loss {event.loss:.4f} {event.samples_per_second:,.0f} img/s"
        )
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _run_train(args: argparse.Namespace) -> int:
    recommended = RECOMMENDED[args.model]
    config = TrainConfig(
        model=args.model,
        epochs=1 if args.dry_run else (args.epochs or recommended["epochs"]),
        lr=args.lr or recommended["lr"],
        batch_size=args.batch_size or recommended["batch_size"],
        device=args.device,
        seed=args.seed,
        augment=args.augment,
    )
    dataset = _load_data(args.data)
    if dataset is None:
        return 1
    if args.dry_run:
        dataset = _first_images(dataset, train=2048, test=1024)

    from core.trainer import BatchEvent, EpochEvent, Trainer

    try:
        trainer = Trainer(config, dataset)
    except ConfigError as error:
        print(f"main.py train: error: {error}", file=sys.stderr)
        return 2
    show_bar = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    bar = ProgressBar(sys.stderr, enabled=show_bar and not args.json)
    if not args.json:
        print(
            f"training {config.model} on {trainer.device} ({dataset.source}): "
            f"{config.epochs} epochs, lr {config.lr:g}, batch size {config.batch_size}",
            flush=True,
        )
    metrics: dict[str, float] = {}
    for event in trainer.run():
        if isinstance(event, BatchEvent):
            bar.update(event)
        elif isinstance(event, EpochEvent):
            bar.clear()
            metrics = {
                "epoch": event.epoch,
                "loss": event.loss,
                "train_acc": event.train_acc,
                "test_acc": event.test_acc,
                "seconds": event.seconds,
            }
            if args.json:
                print(json.dumps(metrics), flush=True)
            else:
                print(f"{event.lesson_line()}, {event.seconds:.2f} s", flush=True)
        else:  # RunEnded
            bar.clear()
            ended = event
    if ended.reason == "diverged":
        print(ended.message, file=sys.stderr)
    if args.save:
        from core.checkpoint import save_checkpoint

        if not metrics:  # diverged in the first epoch: record what the restored weights score
            metrics = {"test_acc": trainer.test_accuracy()}
        path = save_checkpoint(args.save, trainer.model, config, metrics)
        print(f"saved checkpoint to {path}", file=sys.stderr)
    return 1 if ended.reason == "diverged" else 0


def _run_predict(args: argparse.Namespace) -> int:
    from core.checkpoint import CheckpointError
    from core.predictor import Predictor, format_top_classes
    from core.preprocess import ImageError, load_image_file

    try:
        if args.checkpoint:
            predictor = Predictor.from_checkpoint(args.checkpoint)
        else:
            predictor = Predictor.pretrained(args.model)
    except CheckpointError as error:
        print(f"main.py predict: {error}", file=sys.stderr)
        return 1
    failures = 0
    for image_path in args.images:
        try:
            image = load_image_file(image_path)
        except ImageError as error:
            print(f"{image_path}: {error}", file=sys.stderr)
            failures += 1
            continue
        probabilities = predictor.probabilities(image)
        print(f"{Path(image_path).name}:")
        print(format_top_classes(probabilities, k=args.top))
    return 1 if failures else 0
