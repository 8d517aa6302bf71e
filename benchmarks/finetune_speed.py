"""How long "Teach it our sketches" takes: fine-tuning a shipped model on 100 kept sketches.

The sketches are the repository's mouse drawings (resources/sketches and resources/sketches-holdout,
drawn on the Draw tab's board; their file names start with the class number), made into model
inputs the way the board does, and topped up to --count with mirrored and shifted copies, as a
class keeps several of one garment. A quarter is held out (core.finetune.split_sketches). Mirrored
copies of a held-out sketch may sit in training, so the held-out figure here is a best case; the
timings are what this script is for. Prints the seconds of each part and the accuracies, then the
fair figure: learning from the 60 drawings alone, held out the sketch corpus (core.sketch_eval).

    .venv/bin/python benchmarks/finetune_speed.py [--model cnn] [--count 100] [--steps N] [--repeat 3]
                                                  [--threads N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.config import MODEL_NAMES  # noqa: E402
from core.finetune_settings import FINETUNE_THREADS  # noqa: E402
from core.paths import resources_dir  # noqa: E402


def mouse_sketches(count: int) -> list[SimpleNamespace]:
    """`count` sketches (label, model_input) from the repository's board drawings and variants."""
    from core.preprocess import preprocess_drawing

    drawn = []
    for folder in ("sketches", "sketches-holdout"):
        for path in sorted((resources_dir() / folder).glob("*.png")):
            board = np.asarray(Image.open(path).convert("L"), dtype=np.float32) / 255.0
            model_input = preprocess_drawing(board)
            if model_input is not None:
                drawn.append(SimpleNamespace(label=int(path.name.split("-")[0]), model_input=model_input))
    variants = []
    for shift, mirrored in ((0, True), (1, False), (-1, True), (2, False)):
        for sketch in drawn:
            image = np.roll(sketch.model_input, shift, axis=1)
            variants.append(
                SimpleNamespace(label=sketch.label, model_input=image[:, ::-1].copy() if mirrored else image)
            )
    # Interleaved by class as a lesson keeps them: drawings first, then the copies.
    return (drawn + variants)[:count]


def unseen(model: str, state: dict, dataset, steps: int, threads: int | None) -> None:
    """The fair figure: learn from the 60 repository drawings only (no copies), held out: the sketch
    corpus (core.sketch_eval, drawn in another session, never learnt from by anything)."""
    from core.finetune import finetune
    from core.sketch_eval import evaluation_sketches

    learn = mouse_sketches(60)
    corpus = [
        SimpleNamespace(label=label, model_input=image) for image, label, _style in evaluation_sketches()
    ]
    result = finetune(model, state, learn, corpus, test_set=dataset, steps=steps, threads=threads)
    before, after = result.before, result.after
    print(
        f"learnt from {len(learn)} drawings, held out the {len(corpus)} corpus sketches: "
        f"held-out {before['held_acc']:.3f} -> {after['held_acc']:.3f}, "
        f"test {before['test_acc']:.4f} -> {after['test_acc']:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=MODEL_NAMES, default="cnn")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: FINETUNE_THREADS)")
    args = parser.parse_args()

    import torch

    from core.data import load_dataset
    from core.finetune import DEFAULT_STEPS, finetune, split_sketches
    from core.predictor import Predictor

    steps = args.steps or DEFAULT_STEPS
    dataset = load_dataset()
    state = Predictor.pretrained(args.model).model.state_dict()
    sketches = mouse_sketches(args.count)
    train, held = split_sketches(sketches, 0.25)
    print(
        f"{args.model}: {len(sketches)} sketches ({len(train)} to learn from, {len(held)} held out), "
        f"{steps} steps, {args.threads or FINETUNE_THREADS} thread(s), torch {torch.__version__}, "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    totals, loops, cpus = [], [], []
    for round_number in range(args.repeat):
        marks: list[float] = []
        start, cpu_start = time.perf_counter(), time.process_time()
        result = finetune(
            args.model,
            state,
            train,
            held,
            test_set=dataset,
            steps=steps,
            threads=args.threads,
            on_progress=lambda _progress, marks=marks: marks.append(time.perf_counter()),
        )
        total = time.perf_counter() - start
        cpu = time.process_time() - cpu_start  # what a quiet machine's wall clock would show, about
        cpus.append(cpu)
        loop = marks[-1] - marks[0]  # the steps and the quick measurements between them
        totals.append(total)
        loops.append(loop)
        before, after = result.before, result.after
        print(
            f"  round {round_number + 1}: {total:.2f} s in all, {cpu:.2f} s of CPU (steps with their "
            f"progress "
            f"measurements {loop:.2f} s, whole test set before and after {total - loop:.2f} s); "
            f"held-out {before['held_acc']:.3f} -> {after['held_acc']:.3f}, "
            f"test {before['test_acc']:.4f} -> {after['test_acc']:.4f}"
        )
    print(
        f"median {statistics.median(totals):.2f} s in all ({statistics.median(cpus):.2f} s of CPU), "
        f"{statistics.median(loops):.2f} s of steps "
        f"(target: 10 s for 100 sketches with the cnn)"
    )
    unseen(args.model, state, dataset, steps, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
