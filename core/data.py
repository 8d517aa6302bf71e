"""Fashion-MNIST held in memory as uint8 tensors, found wherever a user is likely to have it.

Search order (first hit wins):
1. the folder given as `data_dir` (CLI --data) or in $FASHION_MNIST_DIR; a folder named
   explicitly is never silently skipped: if it is unusable, the error is about that folder;
2. the app's cache, `<cache>/FashionMNIST/raw/` (torchvision's layout);
3. Debian's `dataset-fashion-mnist` package, whose .gz files are extracted into the cache once
   (they were re-compressed, so torchvision's MD5 check of the .gz would reject them);
4. torchvision's download into the cache, for users with internet.
Every file is validated by core.idx before torchvision's reader sees it, so bad data gives a
message naming the file, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import socket
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from core import paths
from core.classes import CLASS_NAMES, IMAGE_SIZE
from core.data_cache import extracted_copy, kind_of, read_in_memory
from core.errors import Note
from core.file_safety import remove_leftover_temps
from core.idx import (
    FILE_NAMES,
    IMAGE_FILES,
    LABEL_FILES,
    PART_SUFFIX,
    CacheWriteError,
    DataError,
    check_split,
    extract_gzip,
)

__all__ = [
    "DataError",
    "DataNotFound",
    "FashionMNIST",
    "describe_dataset",
    "how_to_get_data",
    "load_dataset",
    "to_model_input",
]

SPLITS = ("train", "test")
RAW_LAYOUT = Path("FashionMNIST") / "raw"  # torchvision's folder layout under a root
# A download that stalls this long on one read is treated as failed, so a half-open network
# (captive portal, firewall that drops packets) cannot freeze the app's data loading forever.
DOWNLOAD_SOCKET_TIMEOUT_S = 20.0


class DataNotFound(DataError):
    """No Fashion-MNIST anywhere; `str()` is the full how-to message for the user (the how-to is
    the `how_to` param, a Note the window says in its own language)."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, how_to=how_to_note(), **params)


@dataclass(frozen=True)
class FashionMNIST:
    train_images: Tensor  # uint8 [60000, 28, 28], garment light (255) on dark (0)
    train_labels: Tensor  # int64 [60000], 0..9
    test_images: Tensor  # uint8 [10000, 28, 28]
    test_labels: Tensor  # int64 [10000]
    source: str  # folder the files were read from, for messages
    origin: str = ""  # how they got there, e.g. "extracted from /usr/share/datasets/..."

    def split(self, name: str) -> tuple[Tensor, Tensor]:
        """(images, labels) of "train" or "test"."""
        if name == "train":
            return self.train_images, self.train_labels
        if name == "test":
            return self.test_images, self.test_labels
        raise ValueError(f"split must be 'train' or 'test', got {name!r}")


def cache_raw_dir() -> Path:
    """Where extracted and downloaded files live: torchvision's layout inside the app's cache."""
    return paths.cache_dir() / RAW_LAYOUT


def how_to_get_data() -> str:
    """The how-to shown by the CLI and by the GUI's Train and Browse tabs when data is missing."""
    return str(how_to_note())


def how_to_note() -> Note:
    return Note(
        "data.how_to", names=", ".join(FILE_NAMES), variable=paths.DATA_ENV_VAR, cache=str(cache_raw_dir())
    )


def describe_dataset(ds: FashionMNIST) -> str:
    """What `python main.py data` prints: where the data came from and how much there is."""
    lines = [f"Fashion-MNIST read from {ds.source}"]
    if ds.origin:
        lines[0] += f" ({ds.origin})"
    for name in SPLITS:
        images, labels = ds.split(name)
        lines.append(f"  {name + ':':6} {len(images):>7,} images, {len(labels):,} labels")
    lines.append(
        f"  {IMAGE_SIZE}×{IMAGE_SIZE} greyscale, {len(CLASS_NAMES)} classes: {', '.join(CLASS_NAMES)}"
    )
    return "\n".join(lines)


def to_model_input(images_uint8: Tensor | np.ndarray) -> Tensor:
    """uint8 [N,28,28] (or one [28,28]) → float32 [N,1,28,28] in [0,1]: the lesson's ToTensor.

    The one place the pixel scaling lives, so training, prediction and the canvas cannot disagree.
    Only uint8 is accepted: scaling an already-scaled float image again would fail silently.
    The result stays on the input's device (move uint8 to the GPU first: 4× less to copy).
    """
    images = torch.as_tensor(images_uint8)
    if images.dtype != torch.uint8:
        raise TypeError(f"to_model_input expects uint8 images (0..255), got {images.dtype}")
    if images.dim() == 2:
        images = images.unsqueeze(0)
    if images.dim() == 3:
        images = images.unsqueeze(1)
    if images.dim() != 4 or tuple(images.shape[1:]) != (1, IMAGE_SIZE, IMAGE_SIZE):
        raise ValueError(
            f"to_model_input expects [N,28,28] or [28,28] images, got shape {tuple(images.shape)}"
        )
    return images.to(torch.float32).div_(255.0)


def load_dataset(data_dir: str | os.PathLike[str] | None = None, *, download: bool = True) -> FashionMNIST:
    """Find, validate and read Fashion-MNIST (see the module docstring for the search order).

    Raises DataNotFound (the how-to message) when there is none, DataError for bad files,
    unreadable folders included (one sentence, never a PermissionError traceback).
    """
    try:
        return _load_dataset(data_dir, download)
    except PermissionError as error:  # anything no finer check caught: name the place, one line
        if error.filename:
            raise DataError("data.permission", path=str(error.filename)) from None
        raise DataError("data.permission_somewhere") from None


def _load_dataset(data_dir: str | os.PathLike[str] | None, download: bool) -> FashionMNIST:
    _remove_leftovers()
    given = os.fspath(data_dir) if data_dir is not None else ""  # "" (an empty GUI field) = not given
    if given:
        return _load_given_folder(Path(given).expanduser(), "")
    from_env = os.environ.get(paths.DATA_ENV_VAR, "")
    if from_env:
        return _load_given_folder(
            Path(from_env).expanduser(), Note("data.from_variable", variable=paths.DATA_ENV_VAR)
        )

    cache_raw = cache_raw_dir()
    cache_problem: DataError | None = None
    if _complete(cache_raw, compressed=False):
        try:
            return _read(_raw_files(cache_raw), cache_raw, "cached")
        except DataError as error:  # damaged cache: repair it from Debian or the internet below
            cache_problem = DataError("data.cache_damaged", cause=error, path=str(cache_raw))

    debian = paths.DEBIAN_DATA_DIR
    if _complete(debian, compressed=True):
        archives = {name: debian / f"{name}.gz" for name in FILE_NAMES}
        try:
            for name in FILE_NAMES:
                extract_gzip(archives[name], cache_raw / name, _kind(name))
        except CacheWriteError:  # a read-only or full cache: the .gz files are still readable
            return _in_memory(archives, debian, f"read in memory: {cache_raw} is not writable")
        return _read(_raw_files(cache_raw), cache_raw, f"extracted from {debian}")

    if download:
        failure = _download_into(cache_raw)
        if failure is None:
            return _read(_raw_files(cache_raw), cache_raw, "downloaded by torchvision")
        if cache_problem is not None:
            raise cache_problem
        raise DataNotFound("data.download_failed", why=failure)
    if cache_problem is not None:
        raise cache_problem
    raise DataNotFound("data.not_found")


def _kind(name: str) -> str:
    return kind_of(name)


def _raw_files(folder: Path) -> dict[str, Path]:
    return {name: folder / name for name in FILE_NAMES}


def _is_file(path: Path) -> bool:
    """Path.is_file, but a folder on the way that cannot be read counts as "not there"."""
    try:
        return path.is_file()
    except OSError:
        return False


def _complete(folder: Path, *, compressed: bool) -> bool:
    suffix = ".gz" if compressed else ""
    return all(_is_file(folder / f"{name}{suffix}") for name in FILE_NAMES)


def _remove_leftovers() -> None:
    """Temp files of extractions that were killed (they are hidden and 30 MB each)."""
    folders = [cache_raw_dir()]
    try:
        folders += [path for path in (paths.cache_dir() / "extracted").iterdir() if path.is_dir()]
    except OSError:
        pass
    for folder in folders:
        for name in FILE_NAMES:
            remove_leftover_temps(folder, name, PART_SUFFIX)


def _find_in(folder: Path) -> dict[str, Path]:
    """Each official name found in `folder`, uncompressed preferred over .gz."""
    found = {}
    for name in FILE_NAMES:
        for candidate in (folder / name, folder / f"{name}.gz"):
            if _is_file(candidate):
                found[name] = candidate
                break
    return found


def _refuse_unusable_entries(folder: Path, names: list[str]) -> None:
    """A data file's name that is there but is not a regular file (a pipe, a device, a link
    that loops) is named as such: "lacks train-images" would be untrue and no help."""
    for name in names:
        for candidate in (folder / name, folder / f"{name}.gz"):
            try:
                mode = os.stat(candidate).st_mode
            except FileNotFoundError:
                continue
            except OSError as error:
                if error.errno == errno.ELOOP:
                    raise DataError("data.file_link_loop", path=str(candidate)) from None
                continue
            if not stat.S_ISREG(mode):
                raise DataError("data.special_file", path=str(candidate))


def _load_given_folder(folder: Path, given_by: Note | str) -> FashionMNIST:
    """A folder the user named: files directly in it or in FashionMNIST/raw/, raw or .gz.
    `given_by` says where the name came from ("" for --data or the window's field)."""
    where = {"path": str(folder), "given_by": given_by}
    try:
        folder_mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise DataNotFound("data.folder_missing", **where) from None
    except OSError as error:
        # A link that loops exists but leads nowhere: "does not exist" would send the user
        # looking for a typo instead of at the link.
        code = "data.folder_link_loop" if error.errno == errno.ELOOP else "data.folder_unreadable"
        raise DataError(code, why=error.strerror or str(error), **where) from None
    if not stat.S_ISDIR(folder_mode):
        raise DataNotFound("data.folder_is_file", **where)
    try:
        os.listdir(folder)
    except OSError as error:
        raise DataError("data.folder_unreadable", why=error.strerror or str(error), **where) from None
    candidates = [(place, _find_in(place)) for place in (folder, folder / RAW_LAYOUT)]
    place, found = max(candidates, key=lambda pair: len(pair[1]))  # ties: the folder itself
    missing = [name for name in FILE_NAMES if name not in found]
    if missing:
        _refuse_unusable_entries(place, missing)
        raise DataNotFound("data.folder_lacks", missing=", ".join(missing), **where)
    files: dict[str, Path] = {}
    shown: dict[str, Path] = {}
    # .gz files are extracted into the cache, keyed by the source folder: never write into the
    # user's folder (it may be read-only or shared), and two folders never overwrite each other.
    key = hashlib.sha1(str(place.resolve()).encode()).hexdigest()[:16]
    extracted = paths.cache_dir() / "extracted" / key
    try:
        for name, path in found.items():
            shown[name] = path
            files[name] = (
                path if path.suffix != ".gz" else extracted_copy(path, extracted / name, _kind(name))
            )
    except CacheWriteError:
        return _in_memory(found, place, "read in memory: the cache is not writable")
    gz_used = any(path.suffix == ".gz" for path in found.values())
    return _read(files, place, f"extracted into {extracted}" if gz_used else "", shown)


def _in_memory(found: dict[str, Path], source: Path, origin: str) -> FashionMNIST:
    return _not_swapped(FashionMNIST(source=str(source), origin=origin, **read_in_memory(found)))


def _not_swapped(dataset: FashionMNIST) -> FashionMNIST:
    """Refuse a dataset with more test than training images: the files' names are swapped
    (60,000 "test" images), and a run on it would train on the small split and report a test
    accuracy on what should have been its training data."""
    train, test = len(dataset.train_labels), len(dataset.test_labels)
    if test > train:
        raise DataError("data.swapped", path=dataset.source, train=train, test=test)
    return dataset


def _read(
    files: dict[str, Path], source: Path, origin: str, shown: dict[str, Path] | None = None
) -> FashionMNIST:
    """Validate, then read with torchvision's IDX reader into contiguous in-memory tensors."""
    from torchvision.datasets.mnist import read_image_file, read_label_file  # ~1 s import

    shown = shown or files
    tensors: dict[str, Tensor] = {}
    for split in SPLITS:
        image_name, label_name = IMAGE_FILES[split], LABEL_FILES[split]
        check_split(files[image_name], files[label_name], shown[image_name], shown[label_name])
        try:
            images = read_image_file(str(files[image_name]))
            labels = read_label_file(str(files[label_name]))
        except (OSError, RuntimeError, ValueError, AssertionError) as error:  # e.g. changed since the check
            raise DataError("data.split_unreadable", path=str(source), split=split, why=str(error)) from None
        tensors[f"{split}_images"] = images.to(torch.uint8).contiguous()
        tensors[f"{split}_labels"] = labels.to(torch.int64).contiguous()
    return _not_swapped(FashionMNIST(source=str(source), origin=origin, **tensors))


def _download_with_torchvision(root: Path) -> None:
    """torchvision's own download of the four files into `<root>/FashionMNIST/raw/`."""
    from torchvision.datasets import FashionMNIST as TorchvisionFashionMNIST

    TorchvisionFashionMNIST(str(root), train=True, download=True)


def _download_into(cache_raw: Path, download: Callable[[Path], None] | None = None) -> str | None:
    """Download into a staging folder, validate, then move into the cache; the failure or None.

    Staging keeps a half-finished download (no network, ctrl-C) out of the cache folder, which
    is trusted on the next start.
    """
    download = download or _download_with_torchvision
    staging = cache_raw.parent.parent / "download-staging"
    shutil.rmtree(staging, ignore_errors=True)  # leftovers of an interrupted try would be trusted
    previous_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(DOWNLOAD_SOCKET_TIMEOUT_S)
    try:
        # torchvision prints progress; keep stdout clean for `main.py train --json` consumers.
        with contextlib.redirect_stdout(sys.stderr):
            download(staging)
    except Exception as error:  # noqa: BLE001 - any failure means "no data", reported, not raised
        shutil.rmtree(staging, ignore_errors=True)
        return " ".join(str(error).split()) or type(error).__name__
    finally:
        socket.setdefaulttimeout(previous_timeout)
    downloaded = staging / RAW_LAYOUT
    for split in SPLITS:
        check_split(downloaded / IMAGE_FILES[split], downloaded / LABEL_FILES[split])
    cache_raw.mkdir(parents=True, exist_ok=True)
    for name in FILE_NAMES:
        os.replace(downloaded / name, cache_raw / name)
    shutil.rmtree(staging, ignore_errors=True)
    return None
