"""Latency of one Draw-tab update: preprocessing a 280×280 drawing plus inference, per model.

The Draw tab re-predicts while the student draws, so one update must stay well under a frame
(target: median ≤ 5 ms on CPU for every shipped model). Timings on a shared machine are noisy:
the load average is printed with them. Run:

    .venv/bin/python benchmarks/predict_latency.py [--repeats 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.config import MODEL_NAMES  # noqa: E402
from core.paths import pretrained_path, resources_dir  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402

TARGET_MS = 5.0


def _drawing() -> np.ndarray:
    """A real canvas-sized sketch if the set is there, else a filled rectangle."""
    sketch = resources_dir() / "sketches" / "7-sneaker-outline.png"
    if sketch.is_file():
        return np.asarray(Image.open(sketch).convert("L"))
    board = np.zeros((280, 280), dtype=np.uint8)
    board[60:220, 40:240] = 255
    return board


def time_ms(function, repeats: int) -> list[float]:
    for _ in range(20):  # warm-up: first calls allocate and pick kernels
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    p95 = float(np.percentile(times, 95))
    return f"median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()
    import torch

    drawing = _drawing()
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"preprocess only             {summary(time_ms(lambda: preprocess_drawing(drawing), args.repeats))}"
    )
    image28 = preprocess_drawing(drawing)
    for name in MODEL_NAMES:
        if not pretrained_path(name).is_file():
            print(f"{name:<16} missing: {pretrained_path(name)}")
            continue
        predictor = Predictor.pretrained(name)
        inference = time_ms(lambda p=predictor: p.probabilities(image28), args.repeats)
        update = time_ms(lambda p=predictor: p.probabilities(preprocess_drawing(drawing)), args.repeats)
        verdict = "ok" if statistics.median(update) <= TARGET_MS else f"OVER {TARGET_MS} ms"
        print(f"{name:<16} inference   {summary(inference)}")
        print(f"{name:<16} full update {summary(update)}   {verdict}")


if __name__ == "__main__":
    main()
