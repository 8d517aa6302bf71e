"""How well each model reads mouse sketches: the evaluation corpus and the held-out set.

For every model (the four shipped ones, plus --checkpoint files, plus the shipped files of an
older commit with --before REV): Fashion-MNIST test accuracy (measured on the 10,000 test images
when the data is installed, else the checkpoint's stored figure, marked *), then sketches read
right on the corpus (resources/sketches-eval, 120+) by style, by ink and by class, and on the 40
held-out sketches (resources/sketches-holdout) by kind and class. Nothing here trains; neither set
is ever trained on. Run:

    .venv/bin/python benchmarks/sketch_corpus.py [--before REV] [--checkpoint PATH ...] [--verbose]

--store writes each shipped model's corpus accuracy into its checkpoint as metrics["sketch_acc"]
(through core.checkpoint; weights, config and other metrics unchanged), which the window shows
beside the test accuracy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402
from core.classes import CLASS_NAMES  # noqa: E402
from core.config import MODEL_NAMES  # noqa: E402
from core.paths import pretrained_path  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.sketch_eval import (  # noqa: E402
    INKS,
    STYLES,
    corpus_files,
    evaluation_sketches,
    holdout_sketches,
    parse_name,
    predictions,
    sketch_accuracy,
)

SHORT_NAMES = ("tshirt", "trousr", "pullov", "dress", "coat", "sandal", "shirt", "sneakr", "bag", "boot")
ROOT = Path(__file__).resolve().parent.parent


def count(right: np.ndarray, where: np.ndarray) -> str:
    return f"{int(right[where].sum())}/{int(where.sum())}"


def test_accuracy(predictor: Predictor, test_set) -> str:
    if test_set is None:
        return f"{predictor.metrics.get('test_acc', float('nan')):.4f}*"
    images, labels = test_set
    return f"{float((predictor.probabilities(images).argmax(axis=1) == labels).mean()):.4f}"


def checkpoints_at(revision: str, folder: Path) -> list[tuple[str, Path]]:
    """The shipped checkpoints as they were at ``revision``, written into ``folder``."""
    rows = []
    for name in MODEL_NAMES:
        relative = pretrained_path(name).relative_to(ROOT)
        blob = subprocess.run(
            ["git", "show", f"{revision}:{relative.as_posix()}"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        path = folder / f"{name}.pt"
        path.write_bytes(blob)
        rows.append((f"{revision[:9]} {name}", path))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", type=Path, nargs="*", default=[], help="more checkpoints to score")
    parser.add_argument("--before", metavar="REV", help="also score the shipped models of this git commit")
    parser.add_argument("--models", nargs="+", choices=MODEL_NAMES, default=list(MODEL_NAMES))
    parser.add_argument("--no-test", action="store_true", help="the stored test accuracy, not measured")
    parser.add_argument("--verbose", action="store_true", help="list every misread corpus sketch")
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="leave the held-out set unscored (while choosing a setting: it is the independent check)",
    )
    parser.add_argument(
        "--store", action="store_true", help="store metrics['sketch_acc'] in the shipped files"
    )
    args = parser.parse_args()

    corpus = evaluation_sketches()
    names = [path.name for path in corpus_files()]
    labels = np.array([label for _image, label, _style in corpus])
    styles = np.array([style for _image, _label, style in corpus])
    inks = np.array([parse_name(name)[2] for name in names])
    holdout = [] if args.corpus_only else holdout_sketches()
    held_labels = np.array([label for _image, label, _style in holdout])
    held_kinds = np.array([style for _image, _label, style in holdout])

    test_set = None
    if not args.no_test:
        try:
            from core.data import load_dataset

            data = load_dataset(download=False)
            test_set = (data.test_images.numpy(), data.test_labels.numpy())
        except Exception as error:  # no data installed: the stored figures, marked
            print(f"(test accuracy as stored in each checkpoint, marked *: {error})")

    with tempfile.TemporaryDirectory() as scratch:
        rows = [(f"shipped {name}", pretrained_path(name)) for name in args.models]
        if args.before:
            rows += [
                row for row in checkpoints_at(args.before, Path(scratch)) if row[0].split()[1] in args.models
            ]
        rows += [(str(path), path) for path in args.checkpoint]
        results = []
        for title, path in rows:
            predictor = Predictor.from_checkpoint(path)
            read = predictions(predictor, corpus)
            held = predictions(predictor, holdout)
            results.append(
                (title, test_accuracy(predictor, test_set), read == labels, held == held_labels, read)
            )

    print(f"\ncorpus: {len(corpus)} sketches (resources/sketches-eval); held out: {len(holdout)}")
    print(f"\n{'model':<24} {'test':>7} {'corpus':>7} {'%':>4} {'holdout':>7} {'%':>4}")
    for title, test, right, held_right, _read in results:
        held = (
            f"{count(held_right, held_right | True):>7} {held_right.mean():>4.0%}"
            if holdout
            else f"{'-':>7} {'-':>4}"
        )
        print(f"{title[-24:]:<24} {test:>7} {count(right, right | True):>7} {right.mean():>4.0%} {held}")
    print(f"\ncorpus by style and ink\n{'model':<24} " + " ".join(f"{s:>9}" for s in (*STYLES, *INKS)))
    for title, _test, right, _held, _read in results:
        cells = [count(right, styles == s) for s in STYLES] + [count(right, inks == i) for i in INKS]
        print(f"{title[-24:]:<24} " + " ".join(f"{cell:>9}" for cell in cells))
    print(f"\ncorpus by class\n{'model':<24} " + " ".join(f"{s:>6}" for s in SHORT_NAMES))
    for title, _test, right, _held, _read in results:
        print(f"{title[-24:]:<24} " + " ".join(f"{count(right, labels == c):>6}" for c in range(10)))
    if holdout:
        print(
            f"\nheld out by kind and class\n{'model':<24} {'filled':>6} {'outlin':>6} "
            + " ".join(f"{s:>6}" for s in SHORT_NAMES)
        )
    for title, _test, _right, held, _read in results if holdout else []:
        kinds = [count(held, held_kinds == kind) for kind in ("filled", "outline")]
        classes = [count(held, held_labels == c) for c in range(10)]
        print(f"{title[-24:]:<24} " + " ".join(f"{cell:>6}" for cell in kinds + classes))
    if args.store:
        for name in args.models:
            stored = load_checkpoint(pretrained_path(name), expected_model=name)
            metrics = {**stored.metrics, "sketch_acc": sketch_accuracy(Predictor.pretrained(name), corpus)}
            save_checkpoint(stored.path, stored.build(), stored.config, metrics)
            print(f"{stored.path}: sketch_acc {metrics['sketch_acc']:.4f}")
    if args.verbose:
        for title, _test, right, _held, read in results:
            print(f"\n{title}: misread corpus sketches")
            for index in np.flatnonzero(~right):
                print(f"    {names[index]} → {CLASS_NAMES[read[index]]}")


if __name__ == "__main__":
    main()
