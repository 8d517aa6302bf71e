"""How long Browse's "How well does it read our class?" takes: every shipped model scored on N of
the class's sketches (core.sketch_scores.score_model, what the background job runs each time the
sketchbook changes), on one core (while a run trains) and on every core.

    .venv/bin/python benchmarks/sketch_scores.py [--sketches 300] [--repeats 5]

The sketches are the repo's held-out drawings as the Draw tab's model input, repeated to N.
Prints figures; asserts nothing (timings depend on the machine and its load)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from core.config import MODEL_NAMES  # noqa: E402
from core.parallelism import all_cores  # noqa: E402
from core.paths import pretrained_path, resources_dir  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402
from core.sketch_scores import score_model  # noqa: E402


def sketches(count: int) -> tuple[np.ndarray, np.ndarray]:
    paths = sorted((resources_dir() / "sketches-holdout").glob("*.png"))
    images = np.stack([preprocess_drawing(np.asarray(Image.open(p).convert("L"))) for p in paths])
    labels = np.array([int(p.name.split("-")[0]) for p in paths])
    repeat = -(-count // len(paths))
    return np.tile(images, (repeat, 1, 1))[:count], np.tile(labels, repeat)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sketches", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    images, labels = sketches(args.sketches)
    print(f"{len(labels)} sketches, median of {args.repeats}")
    for threads in (1, all_cores()):
        torch.set_num_threads(threads)
        total = 0.0
        for name in MODEL_NAMES:
            if not pretrained_path(name).is_file():
                continue
            predictor = Predictor.pretrained(name)
            score = score_model(predictor, images, labels)  # warm-up, and the figure itself
            times = []
            for _ in range(args.repeats):
                began = time.perf_counter()
                score_model(predictor, images, labels)
                times.append(time.perf_counter() - began)
            took = statistics.median(times)
            total += took
            print(f"  {threads} thread(s)  {name:<16} {1000 * took:7.1f} ms   {score.accuracy:.1%}")
        print(f"  {threads} thread(s)  every model      {1000 * total:7.1f} ms")


if __name__ == "__main__":
    main()
