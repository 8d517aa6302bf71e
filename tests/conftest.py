"""Shared test data: small synthetic Fashion-MNIST-format files that a model can really learn.

Helpers (importable as `from tests.conftest import write_idx_files`, or via the
`idx_files_writer` fixture from any test folder):
- `make_learnable_images(n, seed)`: uint8 [n,28,28] images + int64 labels, balanced classes
  (from core.synthetic, so the benchmarks need not import tests/);
- `write_idx(path, array)`: one IDX file (images if 3-D, labels if 1-D), gzipped if path ends .gz;
- `write_idx_files(folder, ...)`: the four official files.
Fixtures: `synthetic_data_dir`, `tiny_dataset`, `real_dataset` (skips when not installed).
Every test runs with its own empty app cache and no $FASHION_MNIST_DIR, so nothing a test does
reaches the user's real cache and no user setting changes a test's outcome.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from core.idx import IMAGE_FILES, IMAGES_MAGIC, LABEL_FILES, LABELS_MAGIC
from core.paths import DATA_ENV_VAR
from core.synthetic import make_learnable_images  # noqa: F401  (re-exported for the tests)


def write_idx(path: Path, array: np.ndarray) -> Path:
    """Write a valid IDX file: uint8 images [N,28,28] or labels [N]; gzipped when path ends .gz."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    if array.ndim == 3:
        header = struct.pack(">IIII", IMAGES_MAGIC, *array.shape)
    elif array.ndim == 1:
        header = struct.pack(">II", LABELS_MAGIC, len(array))
    else:
        raise ValueError(f"IDX images are 3-D and labels 1-D, got shape {array.shape}")
    payload = header + array.tobytes()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(payload) if path.suffix == ".gz" else payload)
    return path


def write_idx_files(
    folder: Path, n_train: int = 600, n_test: int = 200, gz: bool = False, seed: int = 0
) -> Path:
    """The four official Fashion-MNIST files with learnable synthetic content; returns folder."""
    folder = Path(folder)
    suffix = ".gz" if gz else ""
    for split, count, split_seed in (("train", n_train, seed), ("test", n_test, seed + 1)):
        images, labels = make_learnable_images(count, split_seed)
        write_idx(folder / f"{IMAGE_FILES[split]}{suffix}", images)
        write_idx(folder / f"{LABEL_FILES[split]}{suffix}", labels)
    return folder


@pytest.fixture(autouse=True)
def _isolated_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An empty cache per test (Linux XDG, Windows LOCALAPPDATA) and no user data setting."""
    cache_root = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_root))
    monkeypatch.setenv("XDG_DATA_HOME", str(cache_root / "data"))  # sketchbooks (core.paths.data_dir)
    monkeypatch.setenv("LOCALAPPDATA", str(cache_root))
    # platformdirs asks Windows itself for the folder above unless this names one.
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(cache_root))
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)


@pytest.fixture
def idx_files_writer():
    """`write_idx_files` for tests in sub-folders, where importing this module is awkward."""
    return write_idx_files


@pytest.fixture
def synthetic_data_dir(tmp_path: Path) -> Path:
    """A folder holding the four uncompressed files: 600 train / 200 test learnable images."""
    return write_idx_files(tmp_path / "fashion-mnist")


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory):
    """A FashionMNIST of 600 train / 200 test learnable images, read through load_dataset.

    Tensors are shared by every test in the session: don't modify them in place.
    """
    from core.data import load_dataset

    folder = write_idx_files(tmp_path_factory.mktemp("tiny-fashion-mnist"))
    return load_dataset(folder, download=False)


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory: pytest.TempPathFactory):
    """The real 60,000 / 10,000 images, extracted once per run into a session cache; skips if absent.

    Honours the user's $FASHION_MNIST_DIR; never downloads (tests stay offline and quick).
    """
    from core.data import DataNotFound, load_dataset

    with pytest.MonkeyPatch.context() as patch:
        cache_root = tmp_path_factory.mktemp("real-data-cache")
        patch.setenv("XDG_CACHE_HOME", str(cache_root))
        patch.setenv("LOCALAPPDATA", str(cache_root))
        try:
            return load_dataset(download=False)
        except DataNotFound as missing:
            pytest.skip(f"real Fashion-MNIST is not installed here:\n{missing}")
