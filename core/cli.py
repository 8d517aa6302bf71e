"""The headless command line behind `python main.py data|train|predict`.

Nothing here imports Qt, so training runs over SSH or in CI; torch is imported only by the
subcommands that need it, so `--help` and argument errors answer at once."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from core.classes import NUM_CLASSES
from core.config import (
    AUGMENTATIONS,
    DEFAULT_THREADS,
    DEVICES,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_LR,
    MAX_SEED,
    MAX_SYNTHETIC_SKETCHES,
    MAX_THREADS,
    MIN_LR,
    MODEL_NAMES,
    RECIPES,
    RECOMMENDED,
    ConfigError,
    TrainConfig,
)

PROGRESS_WIDTH = 30
# How messages and the usage name the program: main.py from a checkout, the console script's
# name when installed (main.cli passes it), so a message never names a file the user doesn't have.
_prog = "main.py"
PROGRESS_INTERVAL = 0.1  # seconds between redraws of the stderr progress bar


class _OneLineParser(argparse.ArgumentParser):
    """Usage errors in one line on stderr (the full usage is one `--help` away): a script or a
    teacher reading a projector sees the reason, not a wall of options."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _top_count(text: str) -> int:
    value = _whole_number(text)
    if not 1 <= value <= NUM_CLASSES:
        raise argparse.ArgumentTypeError(f"must be between 1 and {NUM_CLASSES}, got {value}")
    return value


def _existing_dir(text: str) -> str:
    if os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    if os.path.exists(text) and not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"{text} is a pipe, device or socket, not a folder")
    if not os.path.isdir(text):
        raise argparse.ArgumentTypeError(_why_missing(text, "folder"))
    return text


def _existing_file(text: str) -> str:
    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"{text} is a folder, not a file")
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(_why_missing(text, "file"))
    return text


def _why_missing(text: str, kind: str) -> str:
    """Why a path that os.path.exists calls absent cannot be used: a link loop or a dangling link
    is there, and "no such file" would send the user looking for the wrong thing."""
    from core.file_safety import why_unreachable

    return why_unreachable(text) or f"no such {kind}: {text}"


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=_prog,
        description="Fashion-MNIST Playground. With no arguments, opens the window; "
        "the subcommands below run without a display.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data = commands.add_parser("data", help="say where the dataset is, or how to get it")
    data.add_argument("--data", type=_existing_dir, metavar="DIR", help="folder holding the four files")

    train = commands.add_parser("train", help="train a model and print one line per epoch")
    train.add_argument("--model", choices=MODEL_NAMES, default="softmax-scratch")
    # Left unset, these take the model's recommended values (the lesson's 5, 0.1, 256 for softmax).
    # Their bounds are TrainConfig.validate's, checked before any data is read: one copy of them.
    train.add_argument("--epochs", type=_whole_number, help=f"1 to {MAX_EPOCHS} (default: recommended)")
    train.add_argument(
        "--lr", type=_number, help=f"learning rate, {MIN_LR:g} to {MAX_LR:g} (default: recommended)"
    )
    train.add_argument(
        "--batch-size", type=_whole_number, help=f"1 to {MAX_BATCH_SIZE:,} (default: recommended)"
    )
    train.add_argument("--device", choices=DEVICES, default="auto")
    train.add_argument("--seed", type=_whole_number, default=0, help=f"0 to {MAX_SEED}")
    train.add_argument(
        "--threads",
        type=_whole_number,
        default=0,
        help=f"CPU threads, 1 to {MAX_THREADS} (default: the model's, "
        + ", ".join(f"{name} {count}" for name, count in DEFAULT_THREADS.items())
        + "); part of the run: the same seed and count give the same numbers on any machine",
    )
    train.add_argument(
        "--augment",
        choices=AUGMENTATIONS,
        default="none",
        help="'sketch' makes training images look like mouse drawings",
    )
    train.add_argument(
        "--synthetic-sketches",
        type=_whole_number,
        default=0,
        metavar="N",
        help=f"also train on N generated mouse sketches, 0 to {MAX_SYNTHETIC_SKETCHES:,} (default 0)",
    )
    train.add_argument("--data", type=_existing_dir, metavar="DIR", help="folder holding the four files")
    train.add_argument("--save", metavar="PATH", help="write a checkpoint here when training ends")
    train.add_argument(
        "--save-even-if-diverged",
        action="store_true",
        help="also save when the run diverged or collapsed (never over an existing file: beside it)",
    )
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

    predict = commands.add_parser("predict", help="classify image files (PNG, JPEG, BMP, GIF, TIFF or WebP)")
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
    predict.add_argument("--top", type=_top_count, default=3)

    from core.finetune_cli import add_arguments as add_finetune_arguments  # torch-free

    finetune = commands.add_parser(
        "finetune", help="teach a model the class's kept sketches (a part held out) and save it"
    )
    add_finetune_arguments(finetune, _existing_file, _existing_dir, _whole_number)

    serve = commands.add_parser(
        "class-server", help="serve the class's drawing page on the local network (prints its address)"
    )
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every interface)")
    serve.add_argument("--port", type=_port, default=0, help="0 to 65535 (default 0: any free port)")
    serve.add_argument("--model", choices=MODEL_NAMES, default="cnn", help="shipped model to answer with")
    serve.add_argument("--checkpoint", type=_existing_file, metavar="PATH", help="answer with this one")
    serve.add_argument(
        "--sketchbook", metavar="DIR", help="keep the drawings here (default: today's, in the user's data)"
    )
    serve.add_argument("--language", choices=("en", "zh"), default="en", help="the page's first language")
    return parser


def _port(text: str) -> int:
    value = _whole_number(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be between 0 and 65535, got {value}")
    return value


def main(argv: Sequence[str] | None = None, prog: str = "main.py") -> int:
    global _stdout_failed, _prog
    _prog = prog
    _stdout_failed = False  # a new command, maybe in the same process (tests)
    _standard_streams_open()
    _never_fail_on_encoding(sys.stdout)
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if given and given[0].startswith("-") and given[0] not in ("-h", "--help"):
        # argparse would ask for COMMAND, as if the option were wrong rather than early.
        if given == ["--data"]:
            parser.error("--data needs a folder: main.py --data DIR opens the window on it")
        parser.error(f"{given[0]} goes after a command: {_prog} data|train|predict {given[0]} …")
    args = parser.parse_args(given)
    handlers = {
        "data": _run_data,
        "train": _run_train,
        "predict": _run_predict,
        "finetune": _run_finetune,
        "class-server": _run_class_server,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `predict … | head`: the reader left; exit like a program killed by SIGPIPE, silently.
        _stdout_to_devnull()
        return 141
    except OSError as error:  # a disk or permission problem no check foresaw: one line, no traceback
        where = f": {error.filename}" if error.filename else ""
        print(f"{_prog} {args.command}: {error.strerror or error}{where}", file=sys.stderr)
        return 1


def _standard_streams_open() -> None:
    """Started with stdout or stderr closed (`train … 2>&-`): /dev/null takes their place.
    Else Python leaves sys.stderr None (the first message is an AttributeError, the run is lost)
    and the next file opened takes descriptor 1 or 2, where anything printing by number (torch's
    C++ warnings) would write into it: into a checkpoint being saved."""
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            if opened != number:
                os.dup2(opened, number)
                os.close(opened)
    if sys.stdout is None:
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 (the process's own stream)
    if sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115


def _never_fail_on_encoding(stream: TextIO) -> None:
    """Print what the stream can hold: "×" on an ASCII-only stdout or a file name that is not
    valid UTF-8 becomes "?" instead of a UnicodeEncodeError after the work is done."""
    try:
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        pass  # a replaced or closed stream: leave it as it is


_stdout_failed = False  # set by _say when stdout refused a line; main resets it


def _say(text: str) -> None:
    """One line on stdout, or nothing once stdout has failed: its reader gone (`train … |
    head -1`) or its disk full (`train … > log.txt`). The run goes on and its checkpoint is
    still saved; the rest of stdout goes to /dev/null."""
    global _stdout_failed
    if _stdout_failed:
        return
    try:
        print(text, flush=True)
    except OSError as error:
        _stdout_failed = True
        _stdout_to_devnull()
        if not isinstance(error, BrokenPipeError):  # a reader that left expects silence
            _tell(f"{_prog}: stdout: {error.strerror or error}; printing stopped, the run goes on")


def _tell(text: str) -> None:
    """One line on stderr where a failure to print must not stop what follows (a save): with
    stderr gone (`2>&1 | head -1`) there is nowhere left to say anything."""
    try:
        print(text, file=sys.stderr, flush=True)
    except OSError:
        pass


def _stdout_to_devnull() -> None:
    """Point stdout's descriptor at /dev/null, so later prints and Python's own flush at exit
    cannot raise BrokenPipeError again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):
        pass  # a stream without a descriptor: nothing of it reaches the system at exit
    finally:
        os.close(devnull)


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
        self._draw(
            f"\repoch {event.epoch}/{event.epochs} [{bar}] {event.batch}/{event.batches} "
            f"loss {event.loss:.4f} {event.samples_per_second:,.0f} img/s"
        )

    def clear(self) -> None:
        if self.enabled:
            self._draw("\r\033[K")

    def _draw(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except OSError:  # the terminal went away: the run goes on without its bar
            self.enabled = False


def _device_words(device: Any, config: TrainConfig) -> str:
    """"cpu, 2 threads": the count is part of the run (its rounding), so the header names it."""
    if device.type != "cpu":
        return str(device)
    return f"{device}, {config.threads} thread{'' if config.threads == 1 else 's'}"


def _run_train(args: argparse.Namespace) -> int:
    recommended = RECOMMENDED[args.model]
    config = TrainConfig(
        model=args.model,
        epochs=1 if args.dry_run else _given(args.epochs, recommended["epochs"]),
        lr=_given(args.lr, recommended["lr"]),
        batch_size=_given(args.batch_size, recommended["batch_size"]),
        device=args.device,
        seed=args.seed,
        threads=args.threads,
        augment=args.augment,
        synthetic_sketches=args.synthetic_sketches,
    )
    if args.epochs is None and args.lr is None and args.batch_size is None:
        # No number chosen by hand: the model's whole recipe (optimizer, schedule, flips…), not
        # only its numbers. Any number given trains plain SGD, as the lesson's commands expect.
        recipe = {**RECIPES[args.model], **({"epochs": 1} if args.dry_run else {})}
        config = TrainConfig(**{**config.to_dict(), **recipe})
    try:
        config.validate()
    except ConfigError as error:
        print(f"{_prog} train: error: {error}", file=sys.stderr)
        return 2
    save_target = None
    if args.save is not None:  # checked now, not after an hour of training
        from core.file_safety import TargetError, check_writable

        try:
            save_target = check_writable(args.save)
        except TargetError as error:
            print(f"{_prog} train: error: --save: {error}", file=sys.stderr)
            return 2
    dataset = _load_data(args.data)
    if dataset is None:
        return 1
    if args.dry_run:
        dataset = _first_images(dataset, train=2048, test=1024)

    from core.train_events import TrainControl
    from core.trainer import Trainer

    control = TrainControl()
    try:
        trainer = Trainer(config, dataset, control=control)
    except ConfigError as error:
        print(f"{_prog} train: error: {error}", file=sys.stderr)
        return 2
    except (MemoryError, RuntimeError) as error:  # the data copied to a GPU too small for it
        if not _out_of_memory(error):
            raise
        print(_out_of_memory_advice(config), file=sys.stderr)
        return 1
    show_bar = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    bar = ProgressBar(sys.stderr, enabled=show_bar and not args.json)
    if not args.json:
        _say(
            f"training {config.model} on {_device_words(trainer.device, config)} ({dataset.source}): "
            f"{config.epochs} epochs, lr {config.lr:g}, batch size {config.batch_size}"
            + (f", {config.recipe_summary()}" if config.recipe_summary() else "")
        )
    try:
        with _first_interrupt_stops(control, bar):
            ended, metrics = _train_and_report(trainer, args, bar)
    except (MemoryError, RuntimeError) as error:
        if not _out_of_memory(error):
            raise
        bar.clear()
        print(_out_of_memory_advice(config), file=sys.stderr)
        return 1
    failed = ended.reason in FAILED_REASONS
    if failed and save_target is not None and not args.save_even_if_diverged:
        print(
            f"{ended.message} Nothing was saved to {save_target} (add --save-even-if-diverged "
            "to keep these weights anyway, beside any existing file).",
            file=sys.stderr,
        )
        return 1
    if failed:
        _tell(ended.message)
    interrupted = ended.reason == "stopped"  # only Ctrl+C stops a CLI run
    if interrupted:
        _tell(f"{_prog} train: interrupted ({ended.message})")
    if save_target is not None:
        if not metrics:  # ended in the first epoch: record what the restored weights score
            metrics = {"test_acc": trainer.test_accuracy()}
        if (failed or interrupted) and save_target.exists():  # never replaces a user's file
            save_target = _beside(save_target, "interrupted" if interrupted else ended.reason)
        if not _save(save_target, trainer.model, config, metrics):
            return 1
    return 130 if interrupted else 1 if failed else 0


@contextlib.contextmanager
def _first_interrupt_stops(control: Any, bar: ProgressBar) -> Iterator[None]:
    """The first Ctrl+C ends the run at the next batch, so what it trained is saved (--save) like
    any other end; a second one quits at once, as Ctrl+C always does."""
    if not _in_main_thread():
        yield
        return

    def stop_after_this_batch(_signal: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        bar.clear()
        _tell("stopping after this batch to keep what was trained (Ctrl+C again to quit at once)")
        control.stop()

    previous = signal.signal(signal.SIGINT, stop_after_this_batch)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _train_and_report(
    trainer: Any, args: argparse.Namespace, bar: ProgressBar
) -> tuple[Any, dict[str, float]]:
    """Run the trainer, printing each epoch; (its RunEnded, the last epoch's metrics)."""
    from core.train_events import BatchEvent, EpochEvent

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
            _say(json.dumps(metrics) if args.json else f"{event.lesson_line()}, {event.seconds:.2f} s")
        else:  # RunEnded
            bar.clear()
            ended = event
    return ended, metrics


def _out_of_memory(error: BaseException) -> bool:
    """MemoryError, or torch's allocators' RuntimeErrors (CPU "can't allocate memory", CUDA's
    OutOfMemoryError, which subclasses RuntimeError)."""
    text = str(error)
    return isinstance(error, MemoryError) or "can't allocate memory" in text or "out of memory" in text


def _out_of_memory_advice(config: TrainConfig) -> str:
    smaller = min(max(1, config.batch_size // 4), RECOMMENDED[config.model]["batch_size"])
    return (
        f"{_prog} train: out of memory at batch size {config.batch_size}; "
        f"try a smaller one (e.g. --batch-size {smaller})"
    )


# RunEnded reasons that mean the weights are worse than useless; the trainer says which.
FAILED_REASONS = ("diverged", "collapsed")


def _given(value: float | None, default: float) -> float:
    """The user's value even when it is 0 (`--lr 0` must be refused, not replaced by 0.1)."""
    return default if value is None else value


def _beside(target: Path, tag: str) -> Path:
    """A free name next to `target`, e.g. model.diverged.pt, model.diverged-2.pt."""
    for number in range(1, 1000):
        suffix = f".{tag}" if number == 1 else f".{tag}-{number}"
        candidate = target.with_name(f"{target.stem}{suffix}{target.suffix or '.pt'}")
        if not candidate.exists():
            return candidate
    return target.with_name(f"{target.stem}.{tag}-{os.getpid()}{target.suffix or '.pt'}")


def _save(target: Path, model: Any, config: TrainConfig, metrics: dict[str, float]) -> bool:
    """Save; when the disk refuses at the end of a run, keep the weights somewhere and say where."""
    from core.checkpoint import CheckpointError, save_checkpoint
    from core.file_safety import is_disk_full, no_space_message

    try:
        path = save_checkpoint(target, model, config, metrics)
    except (OSError, RuntimeError, CheckpointError) as error:
        # A RuntimeError here is torch's; every one of them must still not lose the run.
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        if is_disk_full(error):  # also torch's own words for it, "unexpected pos"
            reason = no_space_message(target.parent)
        for place in _rescue_places(target):
            try:
                rescued = save_checkpoint(place, model, config, metrics)
            except (OSError, RuntimeError, CheckpointError):
                continue
            _tell(
                f"{_prog} train: could not save {target}: {reason}; the trained weights were saved "
                f"to {rescued} instead"
            )
            return False
        _tell(f"{_prog} train: could not save {target}: {reason}, nor anywhere else")
        return False
    _tell(f"saved checkpoint to {path}")
    return True


def _rescue_places(target: Path) -> list[Path]:
    """Where a run's weights go when `target` refused them: the app's own cache folder, then the
    system's temp folder, each under a name no earlier rescue has taken. Not beside the target:
    a full disk or a read-only folder refuses there too."""
    import tempfile

    from core.paths import cache_dir

    name = f"{target.stem}.unsaved-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}{target.suffix or '.pt'}"
    return [cache_dir() / "unsaved" / name, Path(tempfile.gettempdir()) / f"fashion-mnist-{name}"]


def _run_class_server(args: argparse.Namespace) -> int:
    from core.class_server.cli import run_class_server

    return run_class_server(args, _prog)


def _run_finetune(args: argparse.Namespace) -> int:
    from core.finetune_cli import run_finetune

    return run_finetune(args, _prog)


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
        print(f"{_prog} predict: {error}", file=sys.stderr)
        return 1
    for note in predictor.notes:
        print(f"{_prog} predict: note: {args.checkpoint or predictor.label}: {note}", file=sys.stderr)
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
