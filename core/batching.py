"""Predicting many images in pieces: chunks sized by time, so whoever runs it can stop or report
between chunks, and inside one call blocks sized for the cache, shared out to one thread per core.

Browse predicts a whole split (up to 60,000 images) in the background; the chunking lives here,
free of Qt, so the benchmarks and tests run exactly the path the window runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

# Chunks are sized by time, not count: each call into the model should take about this long, so
# cancelling and progress react within a fraction of a second even for the CNN, while softmax
# (microseconds per image) does a split in one or two calls. On a loaded 2-core machine every
# call into torch costs tens of ms of thread hand-off, so many small chunks made softmax 3-4x slower.
TARGET_CHUNK_SECONDS = 0.3
FIRST_CHUNK = 2000  # a probe that measures an unknown model's speed on this machine
# Linear models need ~2 µs per image: probing them costs a whole extra call, so skip the probe.
FIRST_CHUNK_BY_MODEL = {"softmax-scratch": 10_000, "softmax": 10_000}
MIN_CHUNK = 100
# The float32 copy of a chunk is 3 kB per image: 10,000 images keep it near 30 MB.
MAX_CHUNK = 10_000

Probabilities = Callable[[np.ndarray], np.ndarray]


def iter_probabilities(
    probabilities: Probabilities,
    images: np.ndarray,
    chunk_size: int | None = None,
    first_chunk: int = FIRST_CHUNK,
) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (images done so far, probabilities of this chunk); the caller may stop at any yield.

    `chunk_size` None: time-sized chunks (see TARGET_CHUNK_SECONDS); an int: fixed chunks.
    """
    total = len(images)
    start = 0
    size = chunk_size or first_chunk
    while start < total:
        began = time.perf_counter()
        batch = images[start : start + size]
        chunk = np.asarray(probabilities(batch), dtype=np.float32)
        elapsed = time.perf_counter() - began
        if chunk.shape[0] != len(batch):  # would otherwise loop forever or misalign rows
            raise ValueError(f"the model answered {chunk.shape[0]} rows for {len(batch)} images")
        start += len(chunk)
        yield start, chunk
        if chunk_size is None and len(chunk):
            per_image = max(elapsed / len(chunk), 1e-9)
            size = min(MAX_CHUNK, max(MIN_CHUNK, int(TARGET_CHUNK_SECONDS / per_image)))


def predict_all(
    probabilities: Probabilities,
    images: np.ndarray,
    chunk_size: int | None = None,
    first_chunk: int = FIRST_CHUNK,
) -> np.ndarray:
    """The same chunked path as the background job, run to the end (benchmarks, small models)."""
    parts = [chunk for _, chunk in iter_probabilities(probabilities, images, chunk_size, first_chunk)]
    return np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)


def first_chunk_for(predictor: Any) -> int:
    """How many images to send in the first call, from the predictor's model name if it has one."""
    return FIRST_CHUNK_BY_MODEL.get(getattr(predictor, "model_name", ""), FIRST_CHUNK)


# A convolutional net's activations for this many images (~50 kB each after the CNN's first layer)
# fit the caches; 10,000 at once ran 2x slower than blocks of 64-1,000, which all measured alike.
BLOCK_IMAGES = 256


def map_blocks(
    answer: Callable[[Any], np.ndarray], images: Any, block: int, workers: int
) -> list[np.ndarray]:
    """answer(images[start : start + block]) for each block, in order, under torch.inference_mode.
    More than one worker and block: the blocks are shared out to `workers` threads that each run
    torch on one core. Otherwise the calling thread runs them itself, on one core for the call.

    Why threads of one core each rather than one thread with a pool of helpers: the blocks are
    independent, so nothing waits for anything until the end, while a pool meets at a barrier
    after every layer. On a busy 2-core machine a pool's helper keeps waiting for a core another
    process holds: the cnn's 10,000 test images took several times longer through a 2-thread pool,
    and one image 78 ms instead of 0.3 ms (benchmarks/browse_predict.py prints the first). The
    first error is raised here, and the blocks not yet started are dropped.
    """
    import torch  # here, not at the top: the window imports this module before torch has loaded

    from core.parallelism import set_threads_here

    parts = [images[start : start + block] for start in range(0, len(images), block)]

    def answer_part(part: Any) -> np.ndarray:
        with torch.inference_mode():
            return answer(part)

    if workers <= 1 or len(parts) <= 1:
        callers_threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return [answer_part(part) for part in parts]
        finally:
            torch.set_num_threads(callers_threads)
    pool = ThreadPoolExecutor(min(workers, len(parts)), "predict-block", set_threads_here, (1,))
    try:
        return list(pool.map(answer_part, parts))
    finally:
        pool.shutdown(cancel_futures=True)


def predict_in_chunks(predictor: Any, images: np.ndarray) -> Generator[tuple[int, int], None, np.ndarray]:
    """A generator for a background job: yields (done, total) after each chunk and returns every
    probability, float32 [N, 10]. Stopping it at a yield (closing it) abandons the rest.

    Runs torch on one core while a run trains, so the trainer keeps its speed (core/parallelism.py).
    """
    from core.parallelism import side_work_threads_here

    side_work_threads_here()
    parts = []
    total = len(images)
    first = first_chunk_for(predictor)
    for done, chunk in iter_probabilities(predictor.probabilities, images, first_chunk=first):
        parts.append(chunk)
        yield done, total
    return np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)
