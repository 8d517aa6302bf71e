"""Seconds per training epoch of every model, the old per-batch-read loop, the deferred eager loop
and the CUDA-graph loop side by side (issue 14 §2).

For each device and model: one warm-up epoch (it includes capturing the graph), then timed
epochs; an epoch's time is core.trainer's EpochEvent.seconds: the epoch's training plus its test
evaluation, whose final read waits for all GPU work. Each model trains with its recommended
learning rate and batch size (core.config.RECOMMENDED).

Modes:
  per-batch  read the loss and correct count after every batch, no graph (the loop before the fix)
  eager      statistics kept on the device, read every GPU_READ_INTERVAL_S (the GPU's default), no
             graph; on the CPU the same deferred loop (the CPU's default is per-batch)
  graph      as eager, each full batch replayed from one captured CUDA graph (CUDA only)

Needs only core/, torch and numpy (no Qt). Data: --data DIR (a folder with the four
Fashion-MNIST files, .gz or not), else --synthetic (random learnable images of the same sizes),
else the app's usual search (cache, Debian package).

Run:  python benchmarks/gpu_epoch.py --device cuda --synthetic
      python benchmarks/gpu_epoch.py --device cuda,cpu --data DIR --epochs 3 --out results.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from core.config import MODEL_NAMES, RECOMMENDED, TrainConfig  # noqa: E402
from core.data import FashionMNIST, load_dataset  # noqa: E402
from core.train_events import EpochEvent, RunEnded  # noqa: E402
from core.trainer import GPU_READ_INTERVAL_S, Trainer

MODES = ("per-batch", "eager", "graph")
# Issue 14's targets on a GPU, seconds per epoch.
TARGETS = {"softmax": 0.05, "cnn": 0.25}


def synthetic_dataset(seed: int = 0) -> FashionMNIST:
    """60,000 + 10,000 images of ten noisy blurred prototypes: learnable, the real sizes."""
    generator = torch.Generator().manual_seed(seed)
    coarse = (torch.rand(10, 1, 7, 7, generator=generator) < 0.45).float()
    prototypes = torch.nn.functional.interpolate(coarse, size=(28, 28), mode="bilinear", align_corners=False)

    def split(count: int) -> tuple[torch.Tensor, torch.Tensor]:
        labels = torch.arange(count) % 10
        labels = labels[torch.randperm(count, generator=generator)]
        brightness = 0.6 + 0.4 * torch.rand(count, 1, 1, generator=generator)
        noise = torch.randn(count, 28, 28, generator=generator) * 0.1
        pixels = (prototypes[labels, 0] * brightness + noise).clamp(0, 1) * 255
        return pixels.to(torch.uint8), labels.to(torch.int64)

    train_x, train_y = split(60_000)
    test_x, test_y = split(10_000)
    return FashionMNIST(train_x, train_y, test_x, test_y, "synthetic", "benchmarks/gpu_epoch.py")


def time_epochs(dataset: FashionMNIST, model: str, device: str, mode: str, epochs: int, augment: str) -> dict:
    """One warm-up epoch then `epochs` timed ones; returns the figures as a dict."""
    recommended = RECOMMENDED[model]
    config = TrainConfig(
        model=model,
        epochs=1 + epochs,
        lr=recommended["lr"],
        batch_size=recommended["batch_size"],
        device=device,
        seed=0,
        augment=augment,
    )
    options = {
        "per-batch": {"read_interval_s": 0.0, "cuda_graphs": False},
        "eager": {"read_interval_s": GPU_READ_INTERVAL_S, "cuda_graphs": False},
        "graph": {"read_interval_s": GPU_READ_INTERVAL_S, "cuda_graphs": True},
    }[mode]
    trainer = Trainer(config, dataset, **options)
    seconds, test_acc, ended = [], math.nan, None
    for event in trainer.run():
        if isinstance(event, EpochEvent):
            if event.epoch > 1:
                seconds.append(event.seconds)
            test_acc = event.test_acc
        elif isinstance(event, RunEnded):
            ended = event
    result = {
        "device": device,
        "model": model,
        "mode": mode,
        "augment": augment,
        "seconds": seconds,
        "median_s": statistics.median(seconds) if seconds else math.nan,
        "test_acc": test_acc,
        "ended": ended.reason if ended else "?",
        "graph_used": trainer.graph_used,
        "graph_note": trainer.graph_note,
    }
    del trainer
    if device == "cuda":
        torch.cuda.empty_cache()
    return result


def _line(result: dict) -> str:
    spread = ", ".join(f"{s:.3f}" for s in result["seconds"])
    note = ""
    if result["mode"] == "graph" and not result["graph_used"]:
        note = f"  (NOT replayed as a graph: {result['graph_note'] or 'graphs need CUDA'})"
    if result["ended"] not in ("finished",):
        note += f"  (run ended: {result['ended']})"
    return (
        f"{result['device']:<4} {result['model']:<15} {result['mode']:<9} augment {result['augment']:<6} "
        f"{result['median_s']:8.4f} s/epoch  [{spread}]  test acc {result['test_acc']:.3f}{note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda", help="cuda, cpu or both: cuda,cpu")
    parser.add_argument("--models", default=",".join(MODEL_NAMES))
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after the warm-up epoch")
    parser.add_argument("--augment", default="none", help="none, sketch, or both: none,sketch")
    parser.add_argument("--data", help="folder holding the four Fashion-MNIST files")
    parser.add_argument("--synthetic", action="store_true", help="random learnable data of the real sizes")
    parser.add_argument("--out", help="also write every figure to this JSON file")
    args = parser.parse_args()

    devices = [d for d in args.device.split(",") if d]
    if "cuda" in devices and not torch.cuda.is_available():
        print("torch sees no CUDA GPU here; use --device cpu", file=sys.stderr)
        return 2
    if args.synthetic:
        dataset = synthetic_dataset()
    else:
        dataset = load_dataset(args.data, download=False)
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    print(
        f"torch {torch.__version__}, GPU {gpu}, CPU {platform.processor() or platform.machine()} "
        f"with {os.cpu_count()} cores ({torch.get_num_threads()} torch threads), data {dataset.source}",
        flush=True,
    )
    results = []
    for device in devices:
        for augment in args.augment.split(","):
            for model in args.models.split(","):
                for mode in args.modes.split(","):
                    if mode == "graph" and device != "cuda":
                        continue  # graphs are CUDA-only; the CPU's "eager" is its real path
                    started = time.perf_counter()
                    result = time_epochs(dataset, model, device, mode, args.epochs, augment)
                    result["wall_s"] = time.perf_counter() - started
                    results.append(result)
                    print(_line(result), flush=True)
    print()
    print("summary (median seconds per epoch, test evaluation included):")
    for device in devices:
        for augment in args.augment.split(","):
            for model in args.models.split(","):
                row = {
                    r["mode"]: r["median_s"]
                    for r in results
                    if (r["device"], r["model"], r["augment"]) == (device, model, augment)
                }
                cells = "  ".join(f"{mode} {row[mode]:.4f}" for mode in MODES if mode in row)
                speedup = ""
                if "graph" in row and "per-batch" in row:
                    speedup = f"  graph is {row['per-batch'] / row['graph']:.1f}x the per-batch loop"
                target = ""
                if device == "cuda" and "graph" in row and model in TARGETS and augment == "none":
                    ok = "met" if row["graph"] <= TARGETS[model] else "MISSED"
                    target = f"  target <= {TARGETS[model]} s: {ok}"
                print(f"  {device:<4} {model:<15} augment {augment:<6} {cells}{speedup}{target}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
