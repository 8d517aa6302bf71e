"""How far a filled or scribbled long-sleeved top in the evaluation corpus can be told apart at all.

Three figures, printed, for issue 21's sketch target (≥ 102 of the corpus's 120):
1. The outline's proportions (width / height of the ink's box on the 280-px board) of pullovers,
   coats and shirts in resources/sketches-eval: if they overlap, a filled silhouette carries
   little of the class.
2. Fashion-MNIST's own silhouettes as the judge: each filled corpus sketch's nearest training
   silhouettes (holes filled, overlap over union), voting. Near a third right on the three
   long-sleeved classes is chance.
3. For each model given: how many of its misreads are long-sleeved tops in solid ink (filled or
   scribbled), and the corpus score it would have with every other sketch right, which is the
   most any model reading those as it does could reach.

    .venv/bin/python benchmarks/sketch_ambiguity.py [--checkpoint PATH ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.classes import CLASS_NAMES  # noqa: E402
from core.paths import pretrained_path  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.sketch_eval import corpus_files, evaluation_sketches, parse_name  # noqa: E402

LONG_SLEEVED = (2, 4, 6)  # pullover, coat, shirt
SOLID_INKS = ("filled", "scribbled")


def board_of(input_path: Path) -> np.ndarray:
    return np.asarray(Image.open(input_path.parent.parent / "drawn" / input_path.name).convert("L"))


def width_over_height(board: np.ndarray) -> float:
    rows, columns = np.nonzero(board > 127)
    return (columns.max() - columns.min() + 1) / (rows.max() - rows.min() + 1)


def silhouettes(images: np.ndarray, threshold: int) -> np.ndarray:
    """Ink above ``threshold`` with its holes filled: whatever the border cannot reach."""
    ink = images > threshold
    outside = np.zeros_like(ink)
    outside[:, 0, :] = outside[:, -1, :] = outside[:, :, 0] = outside[:, :, -1] = True
    outside &= ~ink
    for _ in range(2 * images.shape[1]):
        grown = outside.copy()
        grown[:, 1:] |= outside[:, :-1]
        grown[:, :-1] |= outside[:, 1:]
        grown[:, :, 1:] |= outside[:, :, :-1]
        grown[:, :, :-1] |= outside[:, :, 1:]
        outside = grown & ~ink
    return (~outside).reshape(len(images), -1).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", type=Path, nargs="*", default=[])
    parser.add_argument("--neighbours", type=int, default=20)
    args = parser.parse_args()

    files = corpus_files()
    corpus = evaluation_sketches()
    labels = np.array([label for _image, label, _style in corpus])
    inks = np.array([parse_name(path.name)[2] for path in files])

    print("1. width / height of the drawing (mean ± sd over 12)")
    for label in LONG_SLEEVED:
        ratios = [
            width_over_height(board_of(path)) for path, y in zip(files, labels, strict=True) if y == label
        ]
        print(f"   {CLASS_NAMES[label]:<10} {np.mean(ratios):.2f} ± {np.std(ratios):.2f}")

    from core.data import load_dataset

    data = load_dataset(download=False)
    train = silhouettes(data.train_images.numpy().reshape(-1, 28, 28), threshold=30)
    train_labels = data.train_labels.numpy()
    images = np.stack([image for image, _label, _style in corpus])
    chosen = np.isin(labels, LONG_SLEEVED) & (inks == "filled")
    query = silhouettes(images[chosen], threshold=60)
    overlap = query @ train.T
    union = query.sum(1)[:, None] + train.sum(1)[None, :] - overlap
    nearest = np.argsort(-(overlap / union), axis=1)[:, : args.neighbours]
    votes = np.stack([np.bincount(train_labels[row], minlength=10)[list(LONG_SLEEVED)] for row in nearest])
    voted = np.array(LONG_SLEEVED)[votes.argmax(1)]
    print(
        f"2. filled long-sleeved corpus tops read by their {args.neighbours} nearest Fashion-MNIST "
        f"silhouettes (among the three): {int((voted == labels[chosen]).sum())} of {int(chosen.sum())} "
        f"(chance {chosen.sum() / 3:.0f})"
    )

    solid_tops = np.isin(labels, LONG_SLEEVED) & np.isin(inks, SOLID_INKS)
    print(f"3. solid long-sleeved tops in the corpus: {int(solid_tops.sum())} of {len(labels)}")
    rows = [("shipped cnn", pretrained_path("cnn"))] + [(str(path), path) for path in args.checkpoint]
    for title, path in rows:
        read = Predictor.from_checkpoint(path).probabilities(images).argmax(1)
        wrong = read != labels
        print(
            f"   {title:<28} right {int((~wrong).sum())}/120, solid tops right "
            f"{int((~wrong & solid_tops).sum())}/{int(solid_tops.sum())}, other misreads "
            f"{int((wrong & ~solid_tops).sum())}; with every other sketch right: "
            f"{len(labels) - int((wrong & solid_tops).sum())}/120"
        )


if __name__ == "__main__":
    main()
