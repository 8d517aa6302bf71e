"""How many of the hand-made sketches each model reads correctly, on both sketch sets.

Set 1 (resources/sketches, 20 drawings made by benchmarks/make_sketches.py) is the one the shipped
model was checked against while it was chosen; set 2 (resources/sketches-holdout, drawn by mouse
through the window by benchmarks/draw_holdout_sketches.py before any retraining) was never used
to pick anything, so it says how well a model reads drawings nobody tuned it to. The sketches go
through exactly the canvas's path (core.preprocess.preprocess_drawing, then
Predictor.probabilities). For each model: read right of all, of the filled and of the outline
drawings, and per class. Run:

    .venv/bin/python benchmarks/sketch_accuracy.py [--checkpoint PATH ...] [--compare DIR] [--verbose]

--checkpoint scores other checkpoint files beside the shipped models; --compare DIR adds the
checkpoints named <model>.pt in DIR (e.g. the same commands trained without --augment sketch).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.classes import CLASS_NAMES  # noqa: E402
from core.config import MODEL_NAMES  # noqa: E402
from core.paths import pretrained_path, resources_dir  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402

SHORT_NAMES = ("tshirt", "trouser", "pullov", "dress", "coat", "sandal", "shirt", "sneakr", "bag", "boot")


@dataclass(frozen=True)
class Sketch:
    name: str
    label: int
    image28: np.ndarray


@dataclass(frozen=True)
class Score:
    right: np.ndarray  # bool per sketch
    guesses: np.ndarray  # predicted class per sketch
    confidence: np.ndarray  # probability of the true class per sketch


def load_sketches(folder: Path) -> list[Sketch]:
    """Every '<label>-…png' in the folder, as the Draw tab's 28×28 model input."""
    sketches = []
    for path in sorted(folder.glob("*.png"), key=lambda p: (int(p.name.split("-")[0]), p.name)):
        drawing = np.asarray(Image.open(path).convert("L"))
        image28 = preprocess_drawing(drawing)
        if image28 is None:
            raise SystemExit(f"{path} is blank")
        sketches.append(Sketch(path.name, int(path.name.split("-")[0]), image28))
    return sketches


def score(predictor: Predictor, sketches: list[Sketch]) -> Score:
    probs = predictor.probabilities(np.stack([sketch.image28 for sketch in sketches]))
    labels = np.array([sketch.label for sketch in sketches])
    guesses = probs.argmax(axis=1)
    return Score(guesses == labels, guesses, probs[np.arange(len(labels)), labels])


def summary(sketches: list[Sketch], result: Score) -> str:
    """'all filled outline' counts, then read right / drawn for each class."""
    filled = np.array(["filled" in sketch.name for sketch in sketches])
    outline = np.array(["outline" in sketch.name for sketch in sketches])
    labels = np.array([sketch.label for sketch in sketches])
    parts = [
        f"{int(result.right.sum()):>2}/{len(sketches):<2}",
        f"{int(result.right[filled].sum()):>2}/{int(filled.sum()):<2}",
        f"{int(result.right[outline].sum()):>2}/{int(outline.sum()):<2}",
    ]
    per_class = [f"{int(result.right[labels == c].sum())}/{int((labels == c).sum())}" for c in range(10)]
    return "  ".join(parts) + "  | " + " ".join(f"{cell:>6}" for cell in per_class)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sketches",
        type=Path,
        nargs="+",
        default=[resources_dir() / "sketches", resources_dir() / "sketches-holdout"],
        help="sketch folders (default: set 1 and the held-out set 2)",
    )
    parser.add_argument("--checkpoint", type=Path, nargs="*", default=[], help="more checkpoints to score")
    parser.add_argument("--compare", type=Path, help="folder of checkpoints named <model>.pt")
    parser.add_argument("--models", nargs="+", choices=MODEL_NAMES, default=list(MODEL_NAMES))
    parser.add_argument("--verbose", action="store_true", help="list every misread sketch")
    args = parser.parse_args()
    sets = [(folder, load_sketches(folder)) for folder in args.sketches]
    rows = [(f"shipped {name}", pretrained_path(name)) for name in args.models]
    if args.compare:
        rows += [(f"{args.compare.name}/{name}", args.compare / f"{name}.pt") for name in args.models]
    rows += [(str(path), path) for path in args.checkpoint]
    header = f"{'all':>5}  {'filled':>5}  {'outline':>5}  | " + " ".join(f"{name:>6}" for name in SHORT_NAMES)
    for number, (folder, sketches) in enumerate(sets, start=1):
        print(f"\nset {number}: {len(sketches)} sketches from {folder}")
        print(f"{'model':<34} {'test acc':>8}  {header}")
        for title, path in rows:
            if not path.is_file():
                print(f"{title:<34} (missing: {path})")
                continue
            predictor = Predictor.from_checkpoint(path)
            result = score(predictor, sketches)
            accuracy = predictor.metrics.get("test_acc", float("nan"))
            print(f"{title[-34:]:<34} {accuracy:>8.4f}  {summary(sketches, result)}")
            if args.verbose:
                for index in np.flatnonzero(~result.right):
                    sketch = sketches[index]
                    print(
                        f"    {sketch.name} → {CLASS_NAMES[result.guesses[index]]} "
                        f"(true class {result.confidence[index]:.0%})"
                    )


if __name__ == "__main__":
    main()
