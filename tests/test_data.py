"""Data loading: every way the files can be bad, where they are looked for, extraction, download."""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path
from urllib.error import URLError

import numpy as np
import pytest
import torch

from core import data, paths
from core.data import (
    DataError,
    DataNotFound,
    FashionMNIST,
    describe_dataset,
    how_to_get_data,
    load_dataset,
    to_model_input,
)
from core.idx import FILE_NAMES
from tests.conftest import make_learnable_images, write_idx, write_idx_files

TRAIN_IMAGES, TRAIN_LABELS = "train-images-idx3-ubyte", "train-labels-idx1-ubyte"
REAL_DOWNLOAD = data._download_with_torchvision  # kept before the autouse fixture replaces it


class DownloadRecorder:
    """Stands in for torchvision's download: records calls, fails like an offline machine."""

    def __init__(self) -> None:
        self.calls: list[Path] = []

    def __call__(self, root: Path) -> None:
        self.calls.append(root)
        raise URLError("[Errno -2] Name or service not known")


@pytest.fixture(autouse=True)
def no_system_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> DownloadRecorder:
    """Hide the real Debian files and the network, so only what a test sets up is found."""
    empty = tmp_path / "debian-empty"
    empty.mkdir()
    monkeypatch.setattr(paths, "DEBIAN_DATA_DIR", empty)
    recorder = DownloadRecorder()
    monkeypatch.setattr(data, "_download_with_torchvision", recorder)
    return recorder


def cache_raw() -> Path:
    return paths.cache_dir() / "FashionMNIST" / "raw"


def load_error(folder: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_dataset(folder, download=False)
    return caught.value


# --- a good folder ---------------------------------------------------------------------------


def test_loads_synthetic_folder_into_uint8_and_int64_tensors(synthetic_data_dir: Path) -> None:
    ds = load_dataset(synthetic_data_dir)
    expected_images, expected_labels = make_learnable_images(600, seed=0)
    assert ds.train_images.dtype == torch.uint8 and ds.train_images.shape == (600, 28, 28)
    assert ds.test_images.shape == (200, 28, 28)
    assert ds.train_labels.dtype == torch.int64 and ds.test_labels.shape == (200,)
    assert ds.train_images.is_contiguous() and ds.test_images.is_contiguous()
    assert np.array_equal(ds.train_images.numpy(), expected_images)
    assert np.array_equal(ds.train_labels.numpy(), expected_labels)
    assert ds.source == str(synthetic_data_dir)
    assert list(synthetic_data_dir.iterdir()) and not paths.cache_dir().exists()


def test_split_returns_the_named_pair_and_refuses_others(tiny_dataset: FashionMNIST) -> None:
    images, labels = tiny_dataset.split("test")
    assert images is tiny_dataset.test_images and labels is tiny_dataset.test_labels
    assert tiny_dataset.split("train")[0] is tiny_dataset.train_images
    with pytest.raises(ValueError, match="'train' or 'test'"):
        tiny_dataset.split("validation")


def test_tiny_dataset_has_every_class_in_both_splits(tiny_dataset: FashionMNIST) -> None:
    assert torch.bincount(tiny_dataset.train_labels, minlength=10).tolist() == [60] * 10
    assert torch.bincount(tiny_dataset.test_labels, minlength=10).tolist() == [20] * 10


def test_describe_dataset_names_source_and_counts(synthetic_data_dir: Path) -> None:
    text = describe_dataset(load_dataset(synthetic_data_dir))
    assert str(synthetic_data_dir) in text
    assert "600 images" in text and "200 images" in text


# --- bad files: a DataError naming the file and the problem ----------------------------------


def test_missing_file_names_the_folder_and_the_file(synthetic_data_dir: Path) -> None:
    (synthetic_data_dir / TRAIN_LABELS).unlink()
    error = load_error(synthetic_data_dir)
    assert isinstance(error, DataNotFound)
    assert str(synthetic_data_dir) in str(error) and TRAIN_LABELS in str(error)
    assert "apt-get install dataset-fashion-mnist" in str(error)


def test_missing_folder_is_reported_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_idx_files(cache_raw())  # a good cache must not hide the user's mistake
    monkeypatch.setenv(paths.DATA_ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataNotFound, match="does not exist") as caught:
        load_dataset()
    assert str(tmp_path / "nowhere") in str(caught.value) and paths.DATA_ENV_VAR in str(caught.value)


def test_a_file_given_as_folder(synthetic_data_dir: Path) -> None:
    error = load_error(synthetic_data_dir / TRAIN_IMAGES)
    assert "not a folder" in str(error)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: b[:-100], "truncated"),
        (lambda b: b[:10], "too short"),
        (lambda b: b + b"\0" * 7, "7 unexpected bytes"),
        (lambda b: struct.pack(">I", 0x12345678) + b[4:], "magic number 0x12345678"),
        (lambda b: struct.pack(">I", 0x00000801) + b[4:], "this is a label file"),
        (lambda b: b[:12] + struct.pack(">I", 27) + b[16:], "28×28"),
        (lambda b: gzip.compress(b), "gzip-compressed"),
    ],
    ids=["truncated", "header-only", "trailing", "magic", "swapped", "dims", "gzip-without-.gz"],
)
def test_bad_image_file(synthetic_data_dir: Path, damage, expected: str) -> None:
    path = synthetic_data_dir / TRAIN_IMAGES
    path.write_bytes(damage(path.read_bytes()))
    error = load_error(synthetic_data_dir)
    assert type(error) is DataError
    assert str(error).startswith(str(path)) and expected in str(error)


def test_truncated_label_file(synthetic_data_dir: Path) -> None:
    path = synthetic_data_dir / TRAIN_LABELS
    path.write_bytes(path.read_bytes()[:-1])
    assert "truncated" in str(load_error(synthetic_data_dir))


def test_label_outside_0_to_9(synthetic_data_dir: Path) -> None:
    labels = np.zeros(600, dtype=np.uint8)
    labels[123] = 10
    write_idx(synthetic_data_dir / TRAIN_LABELS, labels)
    message = str(load_error(synthetic_data_dir))
    assert TRAIN_LABELS in message and "label 10" in message and "123" in message


def test_image_and_label_counts_must_agree(synthetic_data_dir: Path) -> None:
    write_idx(synthetic_data_dir / TRAIN_LABELS, np.zeros(599, dtype=np.uint8))
    message = str(load_error(synthetic_data_dir))
    assert "600 images" in message and "599 labels" in message


def test_unreadable_header_is_a_data_error_too(synthetic_data_dir: Path) -> None:
    path = synthetic_data_dir / TRAIN_IMAGES
    path.write_bytes(b"")
    assert "too short" in str(load_error(synthetic_data_dir))


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[: len(b) // 2], lambda b: b"not a gzip file at all" * 10, lambda b: b[:20] + b"\xff" * 50],
    ids=["cut-short", "not-gzip", "garbled"],
)
def test_corrupt_gzip(tmp_path: Path, damage) -> None:
    folder = write_idx_files(tmp_path / "gz", gz=True)
    path = folder / f"{TRAIN_IMAGES}.gz"
    path.write_bytes(damage(path.read_bytes()))
    message = str(load_error(folder))
    assert str(path) in message
    assert "corrupt" in message or "truncated" in message
    leftovers = [p.name for p in paths.cache_dir().rglob("*") if p.is_file() and TRAIN_IMAGES in p.name]
    assert leftovers == []  # no half-extracted file, no temporary file


# --- where data is looked for ----------------------------------------------------------------


def debian_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n_train: int) -> Path:
    folder = write_idx_files(tmp_path / "debian", n_train=n_train, n_test=20, gz=True)
    monkeypatch.setattr(paths, "DEBIAN_DATA_DIR", folder)
    return folder


def test_search_order_argument_env_cache_debian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    argument = write_idx_files(tmp_path / "argument", n_train=20, n_test=10)
    env = write_idx_files(tmp_path / "env", n_train=30, n_test=10)
    write_idx_files(cache_raw(), n_train=40, n_test=10)
    debian_with(tmp_path, monkeypatch, n_train=50)
    monkeypatch.setenv(paths.DATA_ENV_VAR, str(env))

    assert len(load_dataset(argument).train_images) == 20
    assert len(load_dataset().train_images) == 30
    monkeypatch.delenv(paths.DATA_ENV_VAR)
    assert len(load_dataset().train_images) == 40
    for name in FILE_NAMES:
        (cache_raw() / name).unlink()
    from_debian = load_dataset()
    assert len(from_debian.train_images) == 50
    assert "extracted from" in from_debian.origin and from_debian.source == str(cache_raw())


def test_debian_gz_extracted_once_into_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    debian = debian_with(tmp_path, monkeypatch, n_train=50)
    before = sorted(p.name for p in debian.iterdir())
    load_dataset()
    assert sorted(p.name for p in cache_raw().iterdir()) == sorted(FILE_NAMES)
    assert sorted(p.name for p in debian.iterdir()) == before  # nothing written next to the source
    stamp = (cache_raw() / TRAIN_IMAGES).stat().st_mtime_ns
    assert load_dataset().origin == "cached"
    assert (cache_raw() / TRAIN_IMAGES).stat().st_mtime_ns == stamp


def test_damaged_cache_is_repaired_from_debian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    debian_with(tmp_path, monkeypatch, n_train=50)
    write_idx_files(cache_raw(), n_train=40, n_test=10)
    broken = cache_raw() / TRAIN_IMAGES
    broken.write_bytes(broken.read_bytes()[:100])
    assert len(load_dataset().train_images) == 50


def test_damaged_cache_without_other_source_says_what_to_delete() -> None:
    write_idx_files(cache_raw(), n_train=40, n_test=10)
    broken = cache_raw() / TRAIN_IMAGES
    broken.write_bytes(broken.read_bytes()[:100])
    with pytest.raises(DataError, match="truncated") as caught:
        load_dataset(download=False)
    assert f"Delete the folder {cache_raw()}" in str(caught.value)


def test_failed_reextraction_keeps_the_old_file(tmp_path: Path) -> None:
    from core.idx import extract_gzip

    target = tmp_path / "out" / TRAIN_IMAGES
    good = write_idx(tmp_path / "good.gz", make_learnable_images(10)[0])
    extract_gzip(good, target, "images")
    before = target.read_bytes()
    bad = tmp_path / "bad.gz"
    bad.write_bytes(good.read_bytes()[:-30])
    with pytest.raises(DataError, match="bad.gz"):
        extract_gzip(bad, target, "images")
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == [TRAIN_IMAGES]


def test_user_folder_in_torchvision_layout(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write_idx_files(root / "FashionMNIST" / "raw", n_train=30, n_test=10)
    ds = load_dataset(root)
    assert len(ds.train_images) == 30 and ds.source == str(root / "FashionMNIST" / "raw")


def test_user_gz_folder_is_extracted_into_cache_not_beside_the_files(tmp_path: Path) -> None:
    folder = write_idx_files(tmp_path / "gz", n_train=30, n_test=10, gz=True)
    folder.chmod(0o555)  # read-only, as a shared or system folder may be
    try:
        ds = load_dataset(folder)
        again = load_dataset(folder)
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.gz" for n in FILE_NAMES)
    assert torch.equal(ds.train_images, again.train_images) and len(ds.train_images) == 30
    assert ds.source == str(folder) and str(paths.cache_dir()) in ds.origin


def test_user_folder_mixing_raw_and_gz(tmp_path: Path) -> None:
    folder = write_idx_files(tmp_path / "mixed", n_train=30, n_test=10)
    (folder / TRAIN_IMAGES).write_bytes(gzip.compress((folder / TRAIN_IMAGES).read_bytes()))
    (folder / TRAIN_IMAGES).rename(folder / f"{TRAIN_IMAGES}.gz")
    assert len(load_dataset(folder).train_images) == 30


# --- nothing found, download -----------------------------------------------------------------


def test_offline_download_becomes_how_to(no_system_data: DownloadRecorder) -> None:
    with pytest.raises(DataNotFound) as caught:
        load_dataset()
    message = str(caught.value)
    assert message.startswith(how_to_get_data()) and "download failed" in message
    assert "Name or service not known" in message
    assert len(no_system_data.calls) == 1
    assert not (paths.cache_dir() / "download-staging").exists()


def test_download_false_never_tries(no_system_data: DownloadRecorder) -> None:
    with pytest.raises(DataNotFound) as caught:
        load_dataset(download=False)
    assert str(caught.value) == how_to_get_data()
    assert no_system_data.calls == []


def test_real_torchvision_download_failure_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """torchvision's own download code, pointed at a closed local port: fails at once, offline."""
    from torchvision.datasets import FashionMNIST as TorchvisionFashionMNIST

    monkeypatch.setattr(data, "_download_with_torchvision", REAL_DOWNLOAD)
    monkeypatch.setattr(TorchvisionFashionMNIST, "mirrors", ["http://127.0.0.1:9/"])
    with pytest.raises(DataNotFound, match="download failed"):
        load_dataset()
    assert not cache_raw().exists() or not any(cache_raw().iterdir())
    assert not (paths.cache_dir() / "download-staging").exists()


def test_successful_download_lands_in_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_download(root: Path) -> None:
        write_idx_files(root / "FashionMNIST" / "raw", n_train=30, n_test=10)

    monkeypatch.setattr(data, "_download_with_torchvision", fake_download)
    ds = load_dataset()
    assert len(ds.train_images) == 30 and ds.source == str(cache_raw())
    assert sorted(p.name for p in cache_raw().iterdir()) == sorted(FILE_NAMES)
    assert not (paths.cache_dir() / "download-staging").exists()
    assert load_dataset().origin == "cached"


def test_how_to_gives_every_way_to_get_the_data() -> None:
    text = how_to_get_data()
    assert "sudo apt-get install dataset-fashion-mnist" in text
    assert paths.DATA_ENV_VAR in text and "--data" in text
    assert all(name in text for name in FILE_NAMES)
    assert str(cache_raw()) in text and "internet" in text


# --- the one normalisation -------------------------------------------------------------------


def test_to_model_input_batch_shape_and_range() -> None:
    images = torch.tensor([[[0] * 28] * 28, [[255] * 28] * 28], dtype=torch.uint8)
    x = to_model_input(images)
    assert x.dtype == torch.float32 and x.shape == (2, 1, 28, 28)
    assert x[0].max().item() == 0.0 and x[1].min().item() == 1.0
    assert images[1, 0, 0].item() == 255  # the input is not modified


def test_to_model_input_single_image_and_numpy() -> None:
    image = np.full((28, 28), 51, dtype=np.uint8)
    x = to_model_input(image)
    assert x.shape == (1, 1, 28, 28)
    assert torch.allclose(x, torch.full_like(x, 0.2))


def test_to_model_input_refuses_float_and_bad_shapes() -> None:
    with pytest.raises(TypeError, match="uint8"):
        to_model_input(torch.zeros(1, 28, 28))
    with pytest.raises(ValueError, match="shape"):
        to_model_input(torch.zeros(1, 32, 32, dtype=torch.uint8))


def test_empty_data_dir_argument_means_not_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_ENV_VAR, str(write_idx_files(tmp_path / "env", n_train=30, n_test=10)))
    assert len(load_dataset("").train_images) == 30


# --- leftovers and staleness (issue 13 item 11) ------------------------------------------------


def test_replaced_gz_with_an_older_date_is_extracted_again(tmp_path: Path) -> None:
    folder = write_idx_files(tmp_path / "gz", n_train=30, n_test=10, gz=True)
    first = load_dataset(folder)
    archive = folder / f"{TRAIN_IMAGES}.gz"
    old_time = archive.stat().st_mtime - 3600
    images, _labels = make_learnable_images(30, seed=99)
    write_idx(archive, images)
    os.utime(archive, (old_time, old_time))  # e.g. copied with `cp -p` from an older backup
    second = load_dataset(folder)
    assert torch.equal(second.train_images, torch.from_numpy(images))
    assert not torch.equal(first.train_images, second.train_images)


def test_killed_extractions_leave_no_part_files_after_the_next_load(tmp_path: Path) -> None:
    folder = write_idx_files(tmp_path / "gz", n_train=30, n_test=10, gz=True)
    load_dataset(folder)
    extracted = next((paths.cache_dir() / "extracted").iterdir())
    leftovers = [extracted / f".{TRAIN_IMAGES}.999999999.abc.part", cache_raw() / f".{TRAIN_LABELS}.k3y.part"]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(bytes(1000))
        os.utime(leftover, (0, 0))
    load_dataset(folder)
    assert not any(leftover.exists() for leftover in leftovers)


def test_gzip_bomb_stops_inflating_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import core.idx as idx

    folder = write_idx_files(tmp_path / "gz", n_train=30, n_test=10, gz=True)
    header = struct.pack(">IIII", 0x00000803, 30, 28, 28)
    (folder / f"{TRAIN_IMAGES}.gz").write_bytes(gzip.compress(header + bytes(40 * 2**20), compresslevel=1))
    written: list[int] = []
    real_inflate = idx._inflate

    def counting(source, kind, write, folder_):
        return real_inflate(source, kind, lambda chunk: (written.append(len(chunk)), write(chunk)), folder_)

    monkeypatch.setattr(idx, "_inflate", counting)
    with pytest.raises(DataError, match="decompression bomb"):
        load_dataset(folder)
    assert sum(written) < 3 * 2**20  # stopped about 1 MB past the 23 kB its header promised
