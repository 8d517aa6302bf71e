"""How long the class sketchbook's file work takes: add, list (cold and from the read cache),
export and import, for a sketchbook of N sketches with 280×280 boards (the Draw tab's).

    .venv/bin/python benchmarks/sketchbook_io.py [--sketches 500]

Prints figures; asserts nothing (timings depend on the disk and the machine's load)."""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402, F401  (imported here: tensors() would otherwise time torch's import)

from core.sketchbook import Sketchbook  # noqa: E402


def board_png(rng: np.random.Generator) -> bytes:
    image = Image.new("L", (280, 280), 0)
    points = [tuple(int(v) for v in rng.integers(20, 260, 2)) for _ in range(8)]
    ImageDraw.Draw(image).line(points, fill=255, width=18)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def timed(label: str, work, count: int) -> object:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds * 1000:9.1f} ms   {seconds / count * 1000:7.3f} ms a sketch")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sketches", type=int, default=500)
    count = parser.parse_args().sketches
    rng = np.random.default_rng(0)
    boards = [board_png(rng) for _ in range(count)]
    inputs = rng.integers(0, 256, (count, 28, 28), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as folder:
        book = Sketchbook(Path(folder) / "book")
        timed("add (atomic, fsync'd)", lambda: [book.add(i % 10, inputs[i], boards[i]) for i in range(count)],
              count)
        reader = Sketchbook(book.folder)
        timed("sketches(), cold (a fresh object)", reader.sketches, count)
        timed("sketches(), again (its read cache)", reader.sketches, count)
        timed("tensors() (listing from the cache)", reader.tensors, count)
        timed("export_zip", lambda: book.export_zip(Path(folder) / "class.zip"), count)
        print(f"{'zip size':<34} {(Path(folder) / 'class.zip').stat().st_size / 2**20:9.2f} MB")
        other = Sketchbook(Path(folder) / "other")
        timed("import_zip (checked, re-encoded)", lambda: other.import_zip(Path(folder) / "class.zip"), count)


if __name__ == "__main__":
    main()
