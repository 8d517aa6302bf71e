"""The data cache's bookkeeping: extracted copies keyed by content, and reading without a cache.

Split from core.data so the search order there reads in one sitting."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from core.classes import IMAGE_SIZE
from core.file_safety import atomic_write_text
from core.idx import (
    IMAGE_FILES,
    LABEL_FILES,
    MAX_INFLATED_BYTES,
    CacheWriteError,
    DataError,
    check_images_bytes,
    check_labels_bytes,
    count_mismatch,
    extract_gzip,
    read_gzip,
)


def kind_of(name: str) -> str:
    """ "images" or "labels" for one of the four official file names."""
    return "images" if name in IMAGE_FILES.values() else "labels"


def extracted_copy(archive: Path, target: Path, kind: str) -> Path:
    """The cached extraction of `archive`, redone when the archive's content changed.

    The cache is keyed by the archive's size and SHA-256 (~0.1 s for the 30 MB), not its mtime:
    a replaced .gz with an older date is still noticed."""
    stamp = target.with_name(f".{target.name}.source")
    identity = f"{archive.stat().st_size} {_sha256(archive)}"
    try:
        current = target.is_file() and stamp.read_text(encoding="ascii") == identity
    except (OSError, ValueError):
        current = False
    if not current:
        extract_gzip(archive, target, kind)
        try:
            atomic_write_text(stamp, identity, encoding="ascii")
        except OSError as error:
            why = error.strerror or str(error)
            raise CacheWriteError("data.stamp_unwritable", path=str(stamp.parent), why=why) from None
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_in_memory(found: dict[str, Path]) -> dict[str, Tensor]:
    """Read the four files (raw or .gz) straight into memory, validated, as the tensors of
    core.data.FashionMNIST: for when no cache can be written."""
    contents: dict[str, bytes] = {}
    for name, path in found.items():
        if path.suffix == ".gz":
            contents[name] = read_gzip(path, kind_of(name))
            continue
        if path.stat().st_size > MAX_INFLATED_BYTES:
            raise DataError("data.file_huge", path=str(path))
        contents[name] = path.read_bytes()
        (check_images_bytes if kind_of(name) == "images" else check_labels_bytes)(contents[name], path)
    tensors: dict[str, Tensor] = {}
    for split in IMAGE_FILES:
        image_name, label_name = IMAGE_FILES[split], LABEL_FILES[split]
        images = np.frombuffer(contents[image_name], dtype=np.uint8, offset=16)
        labels = np.frombuffer(contents[label_name], dtype=np.uint8, offset=8)
        n_images = len(images) // (IMAGE_SIZE * IMAGE_SIZE)
        if n_images != len(labels):
            raise count_mismatch(found[image_name], n_images, found[label_name], len(labels))
        tensors[f"{split}_images"] = torch.from_numpy(images.reshape(-1, IMAGE_SIZE, IMAGE_SIZE).copy())
        tensors[f"{split}_labels"] = torch.from_numpy(labels.astype(np.int64))
    return tensors
