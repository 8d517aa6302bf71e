"""How many of the hand-made sketches (resources/sketches) each shipped model reads correctly.

The sketches go through exactly the canvas's path (core.preprocess.preprocess_drawing, then
Predictor.probabilities). Pass --compare DIR holding checkpoints named <model>.pt trained
*without* --augment sketch to see what the augmentation buys. Run:

    .venv/bin/python benchmarks/sketch_accuracy.py [--compare DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.classes import CLASS_NAMES  # noqa: E402
from core.config import MODEL_NAMES  # noqa: E402
from core.paths import pretrained_path, resources_dir  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402


def load_sketches(folder: Path) -> list[tuple[str, int, np.ndarray]]:
    """(file name, true label, 28×28 model input) for every '<label>-…png' in the folder."""
    sketches = []
    for path in sorted(folder.glob("*.png"), key=lambda p: (int(p.name.split("-")[0]), p.name)):
        drawing = np.asarray(Image.open(path).convert("L"))
        image28 = preprocess_drawing(drawing)
        if image28 is None:
            raise SystemExit(f"{path} is blank")
        sketches.append((path.name, int(path.name.split("-")[0]), image28))
    return sketches


def score(
    predictor: Predictor, sketches: list[tuple[str, int, np.ndarray]]
) -> tuple[int, int, int, list[str]]:
    """(correct of all, correct filled, correct outline, misreads as 'file → class')."""
    probs = predictor.probabilities(np.stack([image for _, _, image in sketches]))
    guesses = probs.argmax(axis=1)
    correct = filled = outline = 0
    misreads = []
    for (name, label, _), guess in zip(sketches, guesses, strict=True):
        if guess == label:
            correct += 1
            filled += "filled" in name
            outline += "outline" in name
        else:
            misreads.append(f"{name} → {CLASS_NAMES[guess]}")
    return correct, filled, outline, misreads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sketches", type=Path, default=resources_dir() / "sketches")
    parser.add_argument("--compare", type=Path, help="folder of checkpoints trained without augmentation")
    parser.add_argument("--verbose", action="store_true", help="list every misread sketch")
    args = parser.parse_args()
    sketches = load_sketches(args.sketches)
    total = len(sketches)
    print(f"{total} sketches from {args.sketches}")
    print(f"{'model':<28} {'all':>7} {'filled':>7} {'outline':>8}   test acc")
    rows = [(f"shipped {name}", pretrained_path(name)) for name in MODEL_NAMES]
    if args.compare:
        rows += [(f"no augmentation {name}", args.compare / f"{name}.pt") for name in MODEL_NAMES]
    for title, path in rows:
        if not path.is_file():
            print(f"{title:<28} (missing: {path})")
            continue
        predictor = Predictor.from_checkpoint(path)
        correct, filled, outline, misreads = score(predictor, sketches)
        accuracy = predictor.metrics.get("test_acc", float("nan"))
        half = total // 2
        counts = f"{correct:>3}/{total:<3} {filled:>4}/{half:<2} {outline:>4}/{half:<2}"
        print(f"{title:<28} {counts}   {accuracy:.4f}")
        if args.verbose:
            for line in misreads:
                print(f"    {line}")


if __name__ == "__main__":
    main()
