"""Why the window's trainer must own the process's only multi-threaded torch pool.

The same minibatch steps (the scratch model's hot loop) timed four ways, in this order because
an OpenMP pool, once a thread has one, lives as long as that thread:
1. in a worker thread while no other thread has ever run a two-thread torch op;
2. in the main thread with two torch threads (this gives the main thread a pool for good);
3. in a worker thread again, now that the main thread's pool exists;
4. in a worker thread with one torch thread.
With GNU libgomp (this torch build), 3 is about 2× slower than 1 and 2 on the 2-core machine:
two pools hold more threads than there are cores, so libgomp stops letting idle helpers spin and
each short parallel region pays for waking them. core/parallelism.py avoids case 3 in the app.

    .venv/bin/python benchmarks/thread_effect.py
"""

from __future__ import annotations

import threading
import time

import torch

STEPS = 1000
BATCH = 256
REPEATS = 3


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


def in_worker_thread(threads: int) -> float:
    result: list[float] = []

    def work() -> None:
        torch.set_num_threads(threads)
        result.append(minibatch_steps())

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return result[0]


def best(measure) -> float:
    return min(measure() for _ in range(REPEATS))


def main() -> None:
    # Nothing above ran a torch op in this (main) thread yet: it has no OpenMP pool.
    torch.set_num_threads(1)  # and ops below that are not timed must not give it one
    alone = best(lambda: in_worker_thread(2))
    torch.set_num_threads(2)
    main_thread = best(minibatch_steps)
    beside_main_pool = best(lambda: in_worker_thread(2))
    one_thread = best(lambda: in_worker_thread(1))
    print(f"{STEPS} minibatch steps, best of {REPEATS}:")
    print(f"1. worker thread, 2 torch threads, the only pool:      {alone:.3f} s")
    print(f"2. main thread, 2 torch threads:                       {main_thread:.3f} s")
    print(f"3. worker thread, 2 torch threads, main has a pool:    {beside_main_pool:.3f} s")
    print(f"4. worker thread, 1 torch thread:                      {one_thread:.3f} s")


if __name__ == "__main__":
    main()
