"""`main.py finetune`: teach a model the class's sketches without the window.

Reads a sketchbook folder, holds a part out (core.finetune.split_sketches), fine-tunes a shipped
model or a checkpoint, prints a line per measurement and the before/after accuracies, and saves
the result as a checkpoint. Every refusal is one line on stderr: exit 2 for what the command line
asked wrongly (checked before any work), 1 for what went wrong with the files.
"""

from __future__ import annotations

import argparse
import math
import sys


def held_out_part(text: str) -> float | int:
    """ "0.25" is a share, "10" the last ten sketches: a decimal point or exponent means a share."""
    try:
        value: float | int = float(text) if any(mark in text.lower() for mark in ".e") else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither a share (e.g. 0.25) nor a count") from None
    from core.finetune_settings import FinetuneError, held_count

    try:
        held_count(0, value)  # the split's own check, before any work (and before torch loads)
    except FinetuneError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def add_arguments(parser: argparse.ArgumentParser, existing_file, existing_dir, whole_number) -> None:
    """The subcommand's options; the path and number checks are core.cli's, handed in."""
    from core.config import MAX_SEED, MODEL_NAMES
    from core.finetune_settings import DEFAULT_STEPS, MAX_STEPS

    parser.add_argument(
        "--model", choices=MODEL_NAMES, help="shipped model to start from (default: cnn, or the checkpoint's)"
    )
    parser.add_argument("--checkpoint", type=existing_file, metavar="PATH", help="start from this checkpoint")
    parser.add_argument(
        "--sketchbook", type=existing_dir, metavar="DIR", required=True, help="folder of kept sketches"
    )
    parser.add_argument(
        "--held-out",
        type=held_out_part,
        default=0.25,
        metavar="SHARE|N",
        help="a share held out from every class (default 0.25) or the last N sketches",
    )
    parser.add_argument(
        "--steps",
        type=_within(whole_number, 1, MAX_STEPS),
        default=DEFAULT_STEPS,
        help=f"1 to {MAX_STEPS} (default {DEFAULT_STEPS})",
    )
    parser.add_argument("--seed", type=_within(whole_number, 0, MAX_SEED), default=0, help=f"0 to {MAX_SEED}")
    parser.add_argument(
        "--data", type=existing_dir, metavar="DIR", help="folder holding Fashion-MNIST's files"
    )
    parser.add_argument("--save", metavar="PATH", required=True, help="write the fine-tuned checkpoint here")


def _within(whole_number, low: int, high: int):
    """A whole number from low to high, refused by argparse (exit 2) before any work."""

    def checked(text: str) -> int:
        value = whole_number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return checked


def run_finetune(args: argparse.Namespace, prog: str) -> int:
    from core.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
    from core.config import TrainConfig
    from core.file_safety import TargetError, check_writable, is_disk_full, no_space_message
    from core.finetune import FinetuneError, finetune, split_sketches
    from core.finetune_settings import check_enough
    from core.models import build_model
    from core.paths import pretrained_path
    from core.sketchbook import Sketchbook

    command = f"{prog} finetune"
    try:
        target = check_writable(args.save)  # now, not after the work
    except TargetError as error:
        print(f"{command}: error: --save: {error}", file=sys.stderr)
        return 2
    try:
        if args.checkpoint:
            start = load_checkpoint(args.checkpoint, expected_model=args.model)
        else:
            start = load_checkpoint(pretrained_path(args.model or "cnn"), expected_model=args.model or "cnn")
    except CheckpointError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    book = Sketchbook(args.sketchbook)
    sketches = book.sketches()
    for note in book.skipped:
        print(f"{command}: note: {note}", file=sys.stderr)
    try:
        if not sketches:
            raise FinetuneError("finetune.no_sketches", path=args.sketchbook)
        train, held = split_sketches(sketches, args.held_out)
        check_enough(len(train), len(held))  # before the data set is read
        dataset = _dataset(args.data, command)
        print(
            f"fine-tuning {start.model_name} from {args.checkpoint or 'the shipped model'} on {len(train)} "
            f"sketches, {len(held)} held out, {args.steps} steps, seed {args.seed}",
            flush=True,
        )
        result = finetune(
            start.model_name,
            start.state_dict,
            train,
            held,
            test_set=dataset,
            steps=args.steps,
            seed=args.seed,
            on_progress=lambda progress: print(_progress_line(progress), flush=True),
        )
    except FinetuneError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    print(_summary("before", result.before, len(held)))
    print(_summary("after", result.after, len(held)))
    model = build_model(start.model_name)
    model.load_state_dict(result.state_dict)
    config = start.config if start.config.model == start.model_name else TrainConfig(model=start.model_name)
    metrics = {key: value for key, value in result.after.items() if math.isfinite(value)}
    try:
        path = save_checkpoint(target, model, config, metrics)
    except (OSError, RuntimeError, CheckpointError) as error:
        reason = no_space_message(target.parent) if is_disk_full(error) else str(error).splitlines()[0]
        print(f"{command}: could not save {target}: {reason}", file=sys.stderr)
        return 1
    print(f"saved checkpoint to {path}", file=sys.stderr)
    return 0


def _dataset(data_dir: str | None, command: str):
    """Fashion-MNIST for the replay and the test accuracy; without it, the sketches alone (said once)."""
    from core.data import DataError, load_dataset

    try:
        return load_dataset(data_dir)
    except DataError:
        print(
            f"{command}: note: Fashion-MNIST not found (see {command.split()[0]} data): fine-tuning on the "
            "sketches alone, without a test accuracy",
            file=sys.stderr,
        )
        return None


def _accuracy(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.3f}"


def _progress_line(progress) -> str:
    line = f"step {progress.step}/{progress.steps}: held-out acc {_accuracy(progress.held_acc)}"
    if progress.test_acc is not None:
        line += f", test acc {_accuracy(progress.test_acc)} (first 1,000)"
    if not math.isnan(progress.loss):
        line += f", loss {progress.loss:.4f}"
    return line


def _summary(when: str, numbers: dict[str, float], held: int) -> str:
    line = f"{when + ':':7} held-out acc {_accuracy(numbers['held_acc'])} ({held} sketches)"
    if "test_acc" in numbers:
        line += f", test acc {numbers['test_acc']:.4f}"
    return line
