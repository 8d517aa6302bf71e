"""core.batching: chunked prediction of many images, sized by time (Browse's background path), and
the cache-sized blocks inside one call, shared out to one-core threads."""

import threading

import numpy as np
import pytest
import torch

from core.batching import (
    FIRST_CHUNK,
    MAX_CHUNK,
    first_chunk_for,
    iter_probabilities,
    map_blocks,
    predict_all,
    predict_in_chunks,
)


def test_chunks_cover_every_image_in_order():
    images = np.arange(5 * 28 * 28, dtype=np.uint8).reshape(5, 28, 28)
    seen: list[int] = []

    def probabilities(batch: np.ndarray) -> np.ndarray:
        seen.extend(int(b[0, 0]) for b in batch)
        return np.full((len(batch), 10), 0.1)

    assert [done for done, _ in iter_probabilities(probabilities, images, chunk_size=2)] == [2, 4, 5]
    assert seen == [int(i[0, 0]) for i in images]
    assert predict_all(probabilities, images, chunk_size=2).shape == (5, 10)


def test_time_sized_chunks_grow_for_a_fast_model_and_cover_everything():
    images = np.zeros((25_000, 28, 28), dtype=np.uint8)
    images[:, 0, 0] = np.arange(25_000) % 256
    sizes: list[int] = []
    parts = []
    for _, chunk in iter_probabilities(lambda batch: np.eye(10)[batch[:, 0, 0] % 10], images):
        sizes.append(len(chunk))
        parts.append(chunk)
    assert sizes[0] == FIRST_CHUNK and sum(sizes) == 25_000
    assert max(sizes) == MAX_CHUNK  # a fast model gets the biggest chunks memory allows
    assert len(sizes) <= 4
    np.testing.assert_array_equal(np.concatenate(parts).argmax(axis=1), images[:, 0, 0] % 10)


def test_a_model_answering_the_wrong_number_of_rows_is_an_error():
    with pytest.raises(ValueError, match="rows"):
        predict_all(lambda batch: np.zeros((1, 10)), np.zeros((5, 28, 28), dtype=np.uint8))


def test_the_job_generator_reports_progress_and_returns_every_row():
    class Model:
        model_name = "mlp"

        def probabilities(self, batch):
            return np.eye(10, dtype=np.float32)[batch[:, 0, 0] % 10]

    images = np.zeros((4500, 28, 28), dtype=np.uint8)
    images[:, 0, 0] = np.arange(4500) % 256
    steps = predict_in_chunks(Model(), images)
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as end:
            result = end.value
            break
    assert progress[0] == (first_chunk_for(Model()), 4500) and progress[-1] == (4500, 4500)
    np.testing.assert_array_equal(result.argmax(axis=1), images[:, 0, 0] % 10)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_blocks_cover_every_row_once_in_order_whatever_the_workers(workers):
    images = np.arange(1000)
    calls: list[int] = []
    lock = threading.Lock()

    def answer(part: np.ndarray) -> np.ndarray:
        with lock:
            calls.append(int(part[0]))
        return part * 2

    blocks = map_blocks(answer, images, 256, workers)
    assert [len(block) for block in blocks] == [256, 256, 256, 232]
    np.testing.assert_array_equal(np.concatenate(blocks), images * 2)
    assert sorted(calls) == [0, 256, 512, 768]
    assert map_blocks(answer, images[:0], 256, workers) == [] and len(calls) == 4


def test_block_threads_run_torch_on_one_core_in_inference_mode():
    seen: list[tuple[str, int, bool]] = []
    lock = threading.Lock()
    before = torch.get_num_threads()

    def answer(part: np.ndarray) -> np.ndarray:
        with lock:
            seen.append(
                (threading.current_thread().name, torch.get_num_threads(), torch.is_inference_mode_enabled())
            )
        return part

    try:
        torch.set_num_threads(2)
        map_blocks(answer, np.arange(2000), 100, 2)
        assert torch.get_num_threads() == 2  # the caller's own count is left alone
    finally:
        torch.set_num_threads(before)
    names = {name for name, _, _ in seen}
    assert len(seen) == 20 and {(threads, inference) for _, threads, inference in seen} == {(1, True)}
    assert 1 <= len(names) <= 2 and threading.current_thread().name not in names


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_block_is_raised_in_the_caller(workers):
    calls: list[int] = []

    def answer(part: np.ndarray) -> np.ndarray:
        calls.append(int(part[0]))
        if part[0] == 300:
            raise ValueError("block at 300 broke")
        return part

    with pytest.raises(ValueError, match="300 broke"):
        map_blocks(answer, np.arange(100_000), 100, workers)
    if workers == 1:
        assert calls == [0, 100, 200, 300]  # the caller's own loop stops at once
    # Every block thread has ended: nothing keeps running after the error.
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("predict-block")]


def test_one_block_runs_in_the_caller_on_one_core_and_gives_its_count_back():
    """One image through a 2-thread pool took 78 ms instead of 0.3 ms on a busy machine."""
    seen: list[tuple[str, int]] = []
    before = torch.get_num_threads()

    def answer(part: np.ndarray) -> np.ndarray:
        seen.append((threading.current_thread().name, torch.get_num_threads()))
        if len(part) == 7:
            raise ValueError("seven")
        return part

    try:
        torch.set_num_threads(2)
        map_blocks(answer, np.arange(5), 256, 2)
        assert seen == [(threading.current_thread().name, 1)] and torch.get_num_threads() == 2
        with pytest.raises(ValueError, match="seven"):
            map_blocks(answer, np.arange(7), 256, 2)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
