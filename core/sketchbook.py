"""The class sketchbook: the students' drawings kept with the class they said, one folder per lesson.

Each sketch is a PNG whose 28×28 pixels are exactly what the model was given, its label, time and
source in the PNG (core/sketch_files.py), and the board as drawn beside it. Files are written
atomically (core/file_safety), so a reader never sees half a sketch; a file in the folder that is
not a sketch (damaged, foreign, too large) is listed in `skipped`, never raised. Adding is
thread-safe: the class server adds from its own thread while the window adds from the GUI's.
Zips of a sketchbook (one file to carry to another computer) are in core/sketchbook_zip.py.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from core import paths, sketch_files, sketchbook_zip
from core.classes import IMAGE_SIZE, NUM_CLASSES
from core.errors import Note
from core.file_safety import atomic_write_bytes
from core.sketch_files import (  # Sketch and SketchbookError live with the format; named here too
    BOARD_SUFFIX,
    ID_PATTERN,
    SKETCH_SUFFIX,
    SOURCES,
    Sketch,
    SketchbookError,
    Unusable,
)

if TYPE_CHECKING:
    import torch


# One lock per folder, shared by every Sketchbook of it: the window's and the class server's.
_FOLDER_LOCKS: dict[str, threading.Lock] = {}
_FOLDER_LOCKS_GUARD = threading.Lock()


def _folder_lock(folder: Path) -> threading.Lock:
    with _FOLDER_LOCKS_GUARD:
        return _FOLDER_LOCKS.setdefault(os.path.abspath(folder), threading.Lock())


class Sketchbook:
    """The sketches kept in one folder (created by the first add)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.skipped: list[Note] = []
        self._lock = _folder_lock(self.folder)
        # file name → (its stat signature, what it was read as): unchanged files are not re-read
        self._read_cache: dict[str, tuple[tuple[int, int, int], Sketch | Note]] = {}

    @classmethod
    def for_lesson(cls, day: dt.date | None = None) -> Sketchbook:
        """Today's (or `day`'s) sketchbook in the user's data folder: …/sketchbooks/YYYY-MM-DD."""
        day = day or dt.date.today()
        return cls(paths.data_dir() / "sketchbooks" / day.isoformat())

    def __repr__(self) -> str:
        return f"Sketchbook({str(self.folder)!r})"

    # -- adding and removing -----------------------------------------------------------------
    def add(
        self, label: int, model_input: np.ndarray, board_png: bytes | None = None, *, source: str = "draw"
    ) -> Sketch:
        """Keep a sketch; returns it as stored. Raises SketchbookError for a label outside 0..9, an
        input that is not uint8 28×28, a board that is not a PNG, or a folder that cannot be written."""
        return self._add(label, model_input, board_png, source)

    def _add(
        self, label: int, model_input: np.ndarray, board_png: bytes | None, source: str,
        created: str | None = None,
    ) -> Sketch:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        label = _checked_label(label)
        pixels = _checked_input(model_input)
        try:
            board = (
                sketch_files.encode_grey_png(pixels)
                if board_png is None
                else sketch_files.reencoded_board(bytes(board_png), "board")
            )
        except Unusable:
            raise SketchbookError("sketchbook.bad_board") from None
        now = dt.datetime.now().astimezone()
        created = created or now.isoformat(timespec="milliseconds")
        details = {"label": label, "created": created, "source": source}
        data = sketch_files.encode_sketch(pixels, details)
        with self._lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                sketch_id = self._fresh_id(now)
                # The board first: the sketch file is what makes a sketch, so a crash in between
                # leaves at most a board without its sketch, which nothing lists.
                atomic_write_bytes(self.folder / f"{sketch_id}{BOARD_SUFFIX}", board)
                atomic_write_bytes(self.folder / f"{sketch_id}{SKETCH_SUFFIX}", data)
            except OSError as error:
                raise SketchbookError(
                    "sketchbook.cannot_keep", path=str(self.folder), why=error.strerror or str(error)
                ) from error
        return Sketch(sketch_id, label, pixels, board, created, source)

    def _fresh_id(self, now: dt.datetime) -> str:
        """A time-stamped id no file in the folder has (called under the lock)."""
        while True:
            sketch_id = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
            names = (f"{sketch_id}{SKETCH_SUFFIX}", f"{sketch_id}{BOARD_SUFFIX}")
            if not any(os.path.lexists(self.folder / name) for name in names):
                return sketch_id

    def delete(self, sketch_id: str) -> None:
        """Remove a sketch and its board; nothing happens for an id that is not (or no longer) kept."""
        if not isinstance(sketch_id, str) or not ID_PATTERN.fullmatch(sketch_id):
            raise ValueError(f"not a sketch id: {sketch_id!r}")
        with self._lock:
            try:
                (self.folder / f"{sketch_id}{SKETCH_SUFFIX}").unlink(missing_ok=True)
                (self.folder / f"{sketch_id}{BOARD_SUFFIX}").unlink(missing_ok=True)
            except OSError as error:
                raise SketchbookError(
                    "sketchbook.cannot_delete", path=str(self.folder), why=error.strerror or str(error)
                ) from error

    # -- reading -----------------------------------------------------------------------------
    def sketches(self) -> list[Sketch]:
        """Every sketch in the folder, oldest first; the files that are not sketches go to `skipped`."""
        with self._lock:
            try:
                entries = sorted(os.scandir(self.folder), key=lambda entry: entry.name)
            except FileNotFoundError:
                entries = []
            except OSError as error:
                self.skipped = [Note("sketchbook.file.unreadable", path=str(self.folder),
                                     why=error.strerror or str(error))]
                return []
            found: list[Sketch] = []
            skipped: list[Note] = []
            cache: dict[str, tuple[tuple[int, int, int], Sketch | Note]] = {}
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # a save's temp file, or the system's (.DS_Store)
                kind = sketch_files.split_name(entry.name)
                if kind is not None and kind[1] == "board":
                    # read with its sketch; one without (a crash between the two writes of _add,
                    # or a delete cut short) is no sketch and nobody's business
                    continue
                result = self._read_entry(entry, kind is not None, cache)
                (found if isinstance(result, Sketch) else skipped).append(result)
            self._read_cache = cache
            self.skipped = skipped
        found.sort(key=_age)
        return found

    def _read_entry(
        self, entry: os.DirEntry, named_like_a_sketch: bool,
        cache: dict[str, tuple[tuple[int, int, int], Sketch | Note]],
    ) -> Sketch | Note:
        path = self.folder / entry.name
        try:
            if not entry.is_file(follow_symlinks=False):
                return Note("sketchbook.file.foreign", path=str(path))
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            return Note("sketchbook.file.unreadable", path=str(path), why=error.strerror or str(error))
        board_path = self.folder / f"{entry.name[: -len(SKETCH_SUFFIX)]}{BOARD_SUFFIX}"
        signature = (info.st_mtime_ns, info.st_size, info.st_ino)
        board_signature = _signature(board_path)
        remembered = self._read_cache.get(entry.name)
        if remembered is not None and remembered[0] == (*signature, *board_signature):
            cache[entry.name] = remembered
            return remembered[1]
        if not named_like_a_sketch:
            result: Sketch | Note = Note("sketchbook.file.foreign", path=str(path))
        else:
            result = self._read_sketch(path, info.st_size, board_path)
        cache[entry.name] = ((*signature, *board_signature), result)
        return result

    def _read_sketch(self, path: Path, size: int, board_path: Path) -> Sketch | Note:
        try:
            if size > sketch_files.MAX_SKETCH_BYTES:  # not read at all
                raise Unusable(Note("sketchbook.file.too_large", path=str(path), size=size,
                                    limit=sketch_files.MAX_SKETCH_BYTES))
            pixels, details = sketch_files.decode_sketch(
                _read_at_most(path, sketch_files.MAX_SKETCH_BYTES), str(path)
            )
        except Unusable as unusable:
            return unusable.note
        except OSError as error:
            return Note("sketchbook.file.unreadable", path=str(path), why=error.strerror or str(error))
        pixels.flags.writeable = False
        board = self._read_board(board_path, pixels)
        return Sketch(path.name[: -len(SKETCH_SUFFIX)], details["label"], pixels, board,
                      details["created"], details["source"])

    def _read_board(self, board_path: Path, pixels: np.ndarray) -> bytes:
        """The board's bytes; the model input itself for a board that is missing or unusable (the
        sketch still counts, only its large view is coarser)."""
        try:
            if not stat.S_ISREG(board_path.lstat().st_mode):  # a FIFO would block the open
                raise Unusable(Note("sketchbook.file.foreign", path=str(board_path)))
            data = _read_at_most(board_path, sketch_files.MAX_BOARD_BYTES)
            sketch_files.check_board(data, str(board_path))
            return data
        except (OSError, Unusable):
            return sketch_files.encode_grey_png(pixels)

    def tensors(self, sketches: list[Sketch] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """uint8 images [N, 28, 28] and int64 labels [N], the dataset's and Predictor's convention."""
        import torch  # here, so that listing sketches does not need torch loaded

        chosen = self.sketches() if sketches is None else sketches
        images = np.zeros((len(chosen), IMAGE_SIZE, IMAGE_SIZE), dtype=np.uint8)
        for index, sketch in enumerate(chosen):
            images[index] = sketch.model_input
        labels = torch.tensor([sketch.label for sketch in chosen], dtype=torch.int64)
        return torch.from_numpy(images), labels

    # -- zips --------------------------------------------------------------------------------
    def export_zip(self, path: str | Path) -> int:
        """Write every sketch into one zip at `path` (atomically); returns how many."""
        return sketchbook_zip.export_zip(self.sketches(), path)

    def import_zip(self, path: str | Path) -> int:
        """Add the sketches of an exported zip that are not here already (see `import_zip_counts`),
        with fresh ids and source "import"; returns how many were added."""
        return self.import_zip_counts(path)[0]

    def import_zip_counts(self, path: str | Path) -> tuple[int, int]:
        """(added, already there): a sketch whose label and exact 28×28 input the book holds is
        skipped, so importing today's own export again adds nothing (a copy would be learnt from
        and held out at once by a fine-tune). A zip that is unsafe or holds anything but sketches
        is refused whole (SketchbookError), before anything is added."""
        entries = sketchbook_zip.read_zip(path)
        present = {(sketch.label, sketch.model_input.tobytes()) for sketch in self.sketches()}
        added = 0
        for model_input, details, board in entries:
            key = (details["label"], np.ascontiguousarray(model_input, dtype=np.uint8).tobytes())
            if key in present:
                continue
            self._add(details["label"], model_input, board, "import")
            present.add(key)
            added += 1
        return added, len(entries) - added


def _checked_label(label: Any) -> int:
    try:
        value = int(label) if isinstance(label, (int, np.integer)) and not isinstance(label, bool) else None
    except (TypeError, ValueError):
        value = None
    if value is None or not 0 <= value < NUM_CLASSES:
        raise SketchbookError("sketchbook.bad_label", label=label)
    return value


def _checked_input(model_input: Any) -> np.ndarray:
    pixels = np.asarray(model_input)
    if pixels.shape != (IMAGE_SIZE, IMAGE_SIZE) or pixels.dtype != np.uint8:
        raise SketchbookError("sketchbook.bad_input", shape="×".join(map(str, pixels.shape)),
                              dtype=str(pixels.dtype))
    pixels = np.array(pixels, dtype=np.uint8, copy=True)
    pixels.flags.writeable = False
    return pixels


def _read_at_most(path: Path, limit: int) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(limit + 1)


def _signature(path: Path) -> tuple[int, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0)
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _age(sketch: Sketch) -> tuple[dt.datetime, str]:
    return dt.datetime.fromisoformat(sketch.created), sketch.sketch_id
