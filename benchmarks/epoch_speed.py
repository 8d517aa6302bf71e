"""One epoch of the lesson's softmax regression, two ways, side by side in one run:

1. the lesson's recipe as the d2l chapter writes it: torchvision's FashionMNIST with
   transforms.ToTensor() applied per item, a DataLoader of batch 256 (shuffled), the
   from-scratch model, then the test accuracy through a second DataLoader;
2. the playground's core Trainer (softmax-scratch, same batch size and lr), data resident in
   tensors and batches cut by indexing.

Both epochs include the test evaluation. Prints the median seconds of each and their ratio.
Run:  .venv/bin/python benchmarks/epoch_speed.py [--repeats 5] [--workers 0]

With --models it instead times one epoch of each named model through the core Trainer with the
lesson's settings (core.config.RECOMMENDED), and for convolutional models the two layouts side
by side (core.trainer.CHANNELS_LAST_ON_CPU off and on), interleaved, so a change to the CPU path
shows for every model; --threads sets the runs' thread count (default: each model's own).
      .venv/bin/python benchmarks/epoch_speed.py --models softmax-scratch,softmax,mlp,cnn --repeats 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402
import torchvision  # noqa: E402
from torch.utils.data import DataLoader  # noqa: E402

from core.config import TrainConfig  # noqa: E402
from core.data import load_dataset  # noqa: E402
from core.train_events import EpochEvent  # noqa: E402
from core.trainer import Trainer

BATCH_SIZE, LR = 256, 0.1


def lesson_epoch(train_iter: DataLoader, test_iter: DataLoader, generator: torch.Generator) -> float:
    """A rendition of the chapter's train_ch3 for one epoch, written here in the lesson's style."""
    weights = (torch.randn(784, 10, generator=generator) * 0.01).requires_grad_()
    bias = torch.zeros(10, requires_grad=True)

    def net(images: torch.Tensor) -> torch.Tensor:
        exp = (images.view(-1, 784) @ weights + bias).exp()
        return exp / exp.sum(dim=1, keepdim=True)

    def cross_entropy(probs: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        return -torch.log(probs.gather(1, labels.view(-1, 1)))

    started = time.perf_counter()
    loss_sum, correct, count = 0.0, 0.0, 0
    for images, labels in train_iter:
        probs = net(images)
        loss = cross_entropy(probs, labels).sum()
        loss.backward()
        with torch.no_grad():
            for param in (weights, bias):
                param -= LR * param.grad / BATCH_SIZE
                param.grad.zero_()
        loss_sum += loss.item()
        correct += (probs.argmax(dim=1) == labels).sum().item()
        count += labels.shape[0]
    test_correct, test_count = 0.0, 0
    with torch.no_grad():
        for images, labels in test_iter:
            test_correct += (net(images).argmax(dim=1) == labels).float().sum().item()
            test_count += labels.shape[0]
    seconds = time.perf_counter() - started
    print(
        f"  lesson:     loss {loss_sum / count:.4f}, train acc {correct / count:.3f}, "
        f"test acc {test_correct / test_count:.3f}, {seconds:.3f} s"
    )
    return seconds


def playground_epoch(dataset, seed: int) -> float:
    trainer = Trainer(
        TrainConfig(model="softmax-scratch", epochs=1, lr=LR, batch_size=BATCH_SIZE, device="cpu", seed=seed),
        dataset,
    )
    started = time.perf_counter()
    epoch = next(e for e in trainer.run() if isinstance(e, EpochEvent))
    seconds = time.perf_counter() - started
    print(f"  playground: {epoch.lesson_line()}, {seconds:.3f} s")
    return seconds


def model_epochs(models: list[str], repeats: int, threads: int) -> None:
    """Median and best seconds of one epoch (incl. test eval) per model, and per layout for convs."""
    import core.trainer
    from core.config import RECOMMENDED

    dataset = load_dataset()
    variants = []
    for model in models:
        if model == "cnn":
            variants += [(model, False), (model, True)]
        else:
            variants.append((model, core.trainer.CHANNELS_LAST_ON_CPU))
    times: dict[tuple[str, bool], list[float]] = {v: [] for v in variants}
    cpu_times: dict[tuple[str, bool], list[float]] = {v: [] for v in variants}
    print(f"torch {torch.__version__}, threads {threads}; one epoch each, lesson settings")
    for repeat in range(repeats):
        for variant in variants:
            model, channels_last = variant
            core.trainer.CHANNELS_LAST_ON_CPU = channels_last
            settings = {**RECOMMENDED[model], "epochs": 1}
            config = TrainConfig(model=model, device="cpu", seed=repeat, threads=threads, **settings)
            trainer = Trainer(config, dataset)
            cpu_started = time.process_time()
            epoch = next(e for e in trainer.run() if isinstance(e, EpochEvent))
            times[variant].append(epoch.seconds)
            cpu_times[variant].append(time.process_time() - cpu_started)
            print(
                f"  {model:<16} channels-last {channels_last!s:<5} {epoch.seconds:6.2f} s "
                f"(CPU {cpu_times[variant][-1]:6.2f} s)",
                flush=True,
            )
    print()
    print("wall seconds per epoch incl. test eval, and the process's CPU seconds (on one thread the CPU")
    print("seconds hardly depend on other processes' load):")
    for variant, seconds in times.items():
        model, channels_last = variant
        cpu = cpu_times[variant]
        print(
            f"{model:<16} channels-last {channels_last!s:<5}  median {statistics.median(seconds):6.2f} s  "
            f"best {min(seconds):6.2f} s   CPU median {statistics.median(cpu):6.2f} s  best {min(cpu):6.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workers", type=int, default=0, help="DataLoader workers for the lesson's recipe")
    parser.add_argument("--models", help="comma-separated model names: time their epochs instead")
    parser.add_argument("--threads", type=int, default=0, help="torch threads for --models (0: the model's)")
    args = parser.parse_args()
    if args.models:
        model_epochs(args.models.split(","), args.repeats, args.threads)
        return

    dataset = load_dataset()  # also makes sure the raw files exist for torchvision below
    raw_dir = Path(dataset.source)  # …/FashionMNIST/raw, the layout torchvision's reader wants
    if raw_dir.name != "raw":
        sys.exit(f"the lesson's recipe needs torchvision's FashionMNIST/raw layout; data is in {raw_dir}")
    root = str(raw_dir.parent.parent)
    to_tensor = torchvision.transforms.ToTensor()
    train_set = torchvision.datasets.FashionMNIST(root, train=True, transform=to_tensor, download=False)
    test_set = torchvision.datasets.FashionMNIST(root, train=False, transform=to_tensor, download=False)
    train_iter = DataLoader(train_set, BATCH_SIZE, shuffle=True, num_workers=args.workers)
    test_iter = DataLoader(test_set, BATCH_SIZE, shuffle=False, num_workers=args.workers)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, data from {dataset.source}")
    lesson, ours = [], []
    for repeat in range(args.repeats):  # interleaved so machine noise hits both alike
        print(f"repeat {repeat + 1}/{args.repeats}")
        lesson.append(lesson_epoch(train_iter, test_iter, torch.Generator().manual_seed(repeat)))
        ours.append(playground_epoch(dataset, seed=repeat))
    lesson_median, ours_median = statistics.median(lesson), statistics.median(ours)
    print()
    print(f"lesson recipe, one epoch incl. test eval:  median {lesson_median:.3f} s  (min {min(lesson):.3f})")
    print(f"playground,    one epoch incl. test eval:  median {ours_median:.3f} s  (min {min(ours):.3f})")
    print(f"speed-up (median/median): {lesson_median / ours_median:.1f}x   (target >= 15x)")


if __name__ == "__main__":
    main()
