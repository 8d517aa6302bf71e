"""Why training in the window's worker thread is slower than the CLI: the same minibatch steps
timed in the process's main thread and in a second thread, with 1 and 2 torch threads.

    .venv/bin/python benchmarks/thread_effect.py
"""

from __future__ import annotations

import threading
import time

import torch

STEPS = 1000
BATCH = 256


def minibatch_steps() -> float:
    """The scratch model's hot loop without the trainer: gather a batch, X·W, backward."""
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(60_000, 784, generator=generator)
    weights = (torch.randn(10, 784, generator=generator) * 0.01).t().requires_grad_()
    order = torch.randperm(60_000, generator=generator)
    started = time.perf_counter()
    for step in range(STEPS):
        start = (step % 200) * BATCH
        batch = images.index_select(0, order[start : start + BATCH])
        (batch @ weights).sum().backward()
    return time.perf_counter() - started


def in_thread(threads: int) -> float:
    result: list[float] = []

    def work() -> None:
        torch.set_num_threads(threads)
        result.append(minibatch_steps())

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return result[0]


def main() -> None:
    for threads in (2, 1):
        torch.set_num_threads(threads)
        main_seconds = min(minibatch_steps() for _ in range(3))
        thread_seconds = min(in_thread(threads) for _ in range(3))
        print(
            f"{threads} torch thread(s): main thread {main_seconds:.3f} s, "
            f"worker thread {thread_seconds:.3f} s  ({STEPS} steps, best of 3)"
        )


if __name__ == "__main__":
    main()
