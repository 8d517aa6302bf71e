"""Checks for Fashion-MNIST's IDX files, done before torchvision reads them.

torchvision's reader trusts its input: a truncated or mislabelled file ends in an assertion or a
`view` error deep inside torch. Users copy these files by hand, so every way a file can be wrong is
checked here first and reported as a `DataError` that names the file and says what is wrong.
Only the standard library is used, so the checks cost nothing but a few small reads.
"""

from __future__ import annotations

import gzip
import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from core.classes import IMAGE_SIZE, NUM_CLASSES
from core.errors import CodedError
from core.file_safety import current_umask, remove_leftover_temps, temp_prefix

IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions (count, rows, columns)
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension (count)
IMAGES_HEADER_BYTES = 16
LABELS_HEADER_BYTES = 8

# The official file names, per split, as torchvision and the Fashion-MNIST release spell them.
IMAGE_FILES = {"train": "train-images-idx3-ubyte", "test": "t10k-images-idx3-ubyte"}
LABEL_FILES = {"train": "train-labels-idx1-ubyte", "test": "t10k-labels-idx1-ubyte"}
FILE_NAMES: tuple[str, ...] = (
    IMAGE_FILES["train"],
    LABEL_FILES["train"],
    IMAGE_FILES["test"],
    LABEL_FILES["test"],
)

_GZIP_SIGNATURE = b"\x1f\x8b"
_CHUNK_BYTES = 1 << 20
# The biggest official file inflates to 47,040,016 bytes; more than 128 MB from one .gz is a damaged
# file or a decompression bomb, refused while inflating instead of after filling the disk.
MAX_INFLATED_BYTES = 128 * 1024 * 1024
PART_SUFFIX = ".part"


class DataError(CodedError):
    """The data files exist but cannot be used; the message names the file and the problem."""


class CacheWriteError(DataError):
    """The extracted copy cannot be written (read-only or full cache): the data itself is fine."""


def _unreadable(path: Path, error: OSError) -> DataError:
    return DataError("data.unreadable", path=str(path), why=error.strerror or str(error))


def _header(path: Path, header_bytes: int, kind: str, shown_as: Path) -> tuple[bytes, int]:
    """The first `header_bytes` bytes and the file size; a DataError when unreadable or shorter
    than the header of an IDX `kind` ("image", "label") file."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(header_bytes)
    except OSError as error:
        raise _unreadable(shown_as, error) from None
    if len(head) < header_bytes:
        raise _too_short(size, header_bytes, kind, shown_as)
    return head, size


def _too_short(size: int, header_bytes: int, kind: str, shown_as: Path) -> DataError:
    return DataError("data.too_short", path=str(shown_as), kind=kind, size=size, header=header_bytes)


def _check_magic(head: bytes, expected: int, kind: str, shown_as: Path) -> None:
    magic = struct.unpack(">I", head[:4])[0]
    if magic == expected:
        return
    if head[:2] == _GZIP_SIGNATURE:
        raise DataError("data.gzipped", path=str(shown_as), name=shown_as.name)
    if magic == LABELS_MAGIC and kind == "image":
        raise DataError("data.labels_not_images", path=str(shown_as))
    if magic == IMAGES_MAGIC and kind == "label":
        raise DataError("data.images_not_labels", path=str(shown_as))
    raise DataError("data.bad_magic", path=str(shown_as), kind=kind, magic=magic, expected=expected)


def _check_size(size: int, expected: int, kind: str, shown_as: Path, **promise: int) -> None:
    """Compare the real size with the size the header implies (catches truncation and junk);
    `promise` is what the header says: count (and rows, cols for images)."""
    images = kind == "image"
    if size < expected:
        code, params = ("data.truncated_images" if images else "data.truncated_labels"), {"size": size}
    elif size > expected:
        code = "data.extra_bytes_images" if images else "data.extra_bytes_labels"
        params = {"extra": size - expected}
    else:
        return
    raise DataError(code, path=str(shown_as), expected=expected, **params, **promise)


def check_images_file(path: Path, shown_as: Path | None = None) -> int:
    """Validate an uncompressed IDX image file; return how many 28×28 images it holds.

    `shown_as` is the name used in messages (the .gz the file was extracted from, say).
    """
    shown_as = shown_as or path
    head, size = _header(path, IMAGES_HEADER_BYTES, "image", shown_as)
    return _check_images_header(head, size, shown_as)


def _check_images_header(head: bytes, size: int, shown_as: Path) -> int:
    _check_magic(head, IMAGES_MAGIC, "image", shown_as)
    count, rows, cols = struct.unpack(">III", head[4:16])
    if (rows, cols) != (IMAGE_SIZE, IMAGE_SIZE):
        raise DataError("data.image_size", path=str(shown_as), rows=rows, cols=cols, size=IMAGE_SIZE)
    if count == 0:
        raise DataError("data.no_images", path=str(shown_as))
    expected = IMAGES_HEADER_BYTES + count * rows * cols
    _check_size(size, expected, "image", shown_as, count=count, rows=rows, cols=cols)
    return count


def check_labels_file(path: Path, shown_as: Path | None = None) -> int:
    """Validate an uncompressed IDX label file, every label included; return the label count."""
    shown_as = shown_as or path
    head, size = _header(path, LABELS_HEADER_BYTES, "label", shown_as)
    _check_magic(head, LABELS_MAGIC, "label", shown_as)
    (count,) = struct.unpack(">I", head[4:8])
    if count == 0:
        raise DataError("data.no_labels", path=str(shown_as))
    _check_size(size, LABELS_HEADER_BYTES + count, "label", shown_as, count=count)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise _unreadable(shown_as, error) from None
    return check_labels_bytes(data, shown_as)


def check_images_bytes(data: bytes, shown_as: Path) -> int:
    """`check_images_file` for a file already in memory (a .gz read without a cache)."""
    if len(data) < IMAGES_HEADER_BYTES:
        raise _too_short(len(data), IMAGES_HEADER_BYTES, "image", shown_as)
    return _check_images_header(data[:IMAGES_HEADER_BYTES], len(data), shown_as)


def check_labels_bytes(data: bytes, shown_as: Path) -> int:
    """Validate a whole IDX label file held in memory, every label included; the label count."""
    if len(data) < LABELS_HEADER_BYTES:
        raise _too_short(len(data), LABELS_HEADER_BYTES, "label", shown_as)
    _check_magic(data, LABELS_MAGIC, "label", shown_as)
    (count,) = struct.unpack(">I", data[4:8])
    if count == 0:
        raise DataError("data.no_labels", path=str(shown_as))
    _check_size(len(data), LABELS_HEADER_BYTES + count, "label", shown_as, count=count)
    labels = data[LABELS_HEADER_BYTES:]
    # One label out of range would make the loss index past the 10 outputs mid-training.
    highest = max(labels)
    if highest >= NUM_CLASSES:
        index = labels.index(highest)
        raise DataError(
            "data.label_range", path=str(shown_as), label=highest, position=index, highest=NUM_CLASSES - 1
        )
    return count


def check_split(
    images: Path, labels: Path, shown_images: Path | None = None, shown_labels: Path | None = None
) -> int:
    """Validate one split's image and label files together; return the number of examples."""
    n_images = check_images_file(images, shown_images)
    n_labels = check_labels_file(labels, shown_labels)
    if n_images != n_labels:
        raise count_mismatch(shown_images or images, n_images, shown_labels or labels, n_labels)
    return n_images


def count_mismatch(images: Path, n_images: int, labels: Path, n_labels: int) -> DataError:
    return DataError(
        "data.count_mismatch",
        images_path=str(images),
        images=n_images,
        labels_path=str(labels),
        labels=n_labels,
    )


def extract_gzip(source: Path, destination: Path, kind: str) -> None:
    """Decompress `source` into `destination`, validated, so that no half file is ever left.

    The data goes to a temporary file in the destination folder and only replaces `destination`
    (an atomic rename) once it decompressed completely and passed the `kind` ("images" or
    "labels") checks; an interruption leaves the old state untouched, and the temp file of an
    interrupted (killed) extraction is removed by the next one.
    """
    checks = {"images": check_images_file, "labels": check_labels_file}
    if kind not in checks:
        raise ValueError(f"kind must be 'images' or 'labels', got {kind!r}")
    folder = destination.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftover_temps(folder, destination.name, PART_SUFFIX)
        handle, temp_name = tempfile.mkstemp(
            dir=folder, prefix=temp_prefix(destination.name), suffix=PART_SUFFIX
        )
    except OSError as error:
        why = error.strerror or str(error)
        raise CacheWriteError("data.cache_unwritable", path=str(folder), why=why) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            _inflate(source, kind, out.write, temp.parent)
        checks[kind](temp, shown_as=source)
        os.chmod(temp, 0o666 & ~current_umask())  # mkstemp makes 0600; a cache file is ordinary data
        os.replace(temp, destination)
    finally:
        temp.unlink(missing_ok=True)


def read_gzip(source: Path, kind: str) -> bytes:
    """The validated content of a .gz IDX file, in memory: for when no cache can be written."""
    parts: list[bytes] = []
    _inflate(source, kind, parts.append, None)
    data = b"".join(parts)
    (check_images_bytes if kind == "images" else check_labels_bytes)(data, source)
    return data


def _expected_size(head: bytes, kind: str) -> int | None:
    """The file size an IDX header promises, or None when the header is not one (checked later)."""
    if kind == "images" and len(head) >= IMAGES_HEADER_BYTES:
        magic, count, rows, cols = struct.unpack(">IIII", head[:IMAGES_HEADER_BYTES])
        return IMAGES_HEADER_BYTES + count * rows * cols if magic == IMAGES_MAGIC else None
    if kind == "labels" and len(head) >= LABELS_HEADER_BYTES:
        magic, count = struct.unpack(">II", head[:LABELS_HEADER_BYTES])
        return LABELS_HEADER_BYTES + count if magic == LABELS_MAGIC else None
    return None


def _inflate(source: Path, kind: str, write: Callable[[bytes], object], write_folder: Path | None) -> None:
    """Stream-decompress into `write`, telling apart a bad archive (the user's) from a failing disk
    (ours), and stopping as soon as the output outgrows what its header promises or 128 MB."""
    try:
        archive = gzip.open(source, "rb")
    except OSError as error:
        raise _unreadable(source, error) from None
    limit, head, written = MAX_INFLATED_BYTES, b"", 0
    with archive:
        while True:
            try:
                chunk = archive.read(_CHUNK_BYTES)
            except (OSError, EOFError, zlib.error) as error:
                reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
                raise DataError("data.gzip_corrupt", path=str(source), why=reason) from None
            if not chunk:
                return
            if len(head) < IMAGES_HEADER_BYTES:
                head += chunk[:IMAGES_HEADER_BYTES]
                promised = _expected_size(head, kind)
                if promised is not None:  # a little more passes, for the size check's exact message
                    limit = min(limit, promised + _CHUNK_BYTES)
            written += len(chunk)
            if written > limit:
                raise DataError("data.gzip_bomb", path=str(source), limit=limit, kind=kind.rstrip("s"))
            try:
                write(chunk)
            except OSError as error:
                why = error.strerror or str(error)
                raise CacheWriteError("data.cache_unwritable", path=str(write_folder), why=why) from None
