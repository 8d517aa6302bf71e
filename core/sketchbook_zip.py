"""A sketchbook as one zip file, to carry a class's sketches to another computer, and back.

Export writes the sketch and board PNGs of core/sketch_files.py, flat, atomically. Import trusts
nothing in the zip: before a single byte is decompressed it refuses names that lead out of a
folder (../, absolute, drive letters), links, encrypted members, too many members, and sizes or
compression ratios no sketchbook has (a zip bomb); then every member must be a sketch or its
board, decoded within the limits of sketch_files. Anything wrong refuses the whole zip with one
SketchbookError (sketchbook.zip.*), so nothing is half-imported. The pictures are decoded and
encoded afresh by Sketchbook.add: no byte of a student's file is copied through.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from core import sketch_files
from core.errors import Note
from core.file_safety import TargetError, atomic_writer
from core.sketch_files import BOARD_SUFFIX, SKETCH_SUFFIX, Sketch, SketchbookError, Unusable

MAX_SKETCHES = 5_000  # a school year of a class drawing every lesson
MAX_MEMBERS = 2 * MAX_SKETCHES + 64  # a sketch and its board each, and a few folder entries
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # unpacked: far above 5,000 sketches with 512×512 boards
MAX_RATIO = 100  # PNGs hardly compress further; a member unpacking 100× its size is a bomb
RATIO_FLOOR_BYTES = 64 * 1024  # below this a high ratio is harmless (a blank board, a tiny PNG)
_DRIVE = re.compile(r"^[A-Za-z]:")


def export_zip(sketches: list[Sketch], path: str | Path) -> int:
    """Write the sketches to a zip at `path`, replacing it all at once; returns how many."""
    if not sketches:
        raise SketchbookError("sketchbook.nothing_to_export")
    try:
        with atomic_writer(path, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
            for sketch in sketches:
                details = {"label": sketch.label, "created": sketch.created, "source": sketch.source}
                data = sketch_files.encode_sketch(np.asarray(sketch.model_input), details)
                archive.writestr(f"{sketch.sketch_id}{SKETCH_SUFFIX}", data)
                archive.writestr(f"{sketch.sketch_id}{BOARD_SUFFIX}", sketch.board_png)
    except (TargetError, OSError) as error:
        why = str(error) if isinstance(error, TargetError) else (error.strerror or str(error))
        raise SketchbookError("sketchbook.cannot_save_there", why=why) from error
    return len(sketches)


def read_zip(path: str | Path) -> list[tuple[np.ndarray, dict[str, Any], bytes | None]]:
    """Every sketch of the zip as (model input, details, board PNG or None), oldest first.

    Raises SketchbookError (sketchbook.zip.*) for a zip that is not safe or not all sketches."""
    text = os.fspath(path)
    try:
        info = os.stat(text)
        # A pipe would block the read and a device never end: only a file can be a zip.
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > MAX_TOTAL_BYTES:  # before its index is parsed into memory
            raise SketchbookError("sketchbook.zip.too_big", path=text, size_mb=info.st_size / 2**20,
                                  limit_mb=MAX_TOTAL_BYTES // 2**20)
        archive = zipfile.ZipFile(text) if regular else None
    except SketchbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        archive = None
    except OSError as error:
        why = error.strerror or str(error)
        raise SketchbookError("sketchbook.zip.unreadable", path=text, why=why) from None
    if archive is None:
        raise SketchbookError("sketchbook.zip.not_zip", path=text)
    with archive:
        members = _checked_members(archive, text)
        entries = _read_sketches(archive, members, text)
    if not entries:
        raise SketchbookError("sketchbook.zip.empty", path=text)
    entries.sort(key=lambda entry: datetime.fromisoformat(entry[1]["created"]))
    return entries


def _checked_members(archive: zipfile.ZipFile, path: str) -> dict[tuple[str, str], zipfile.ZipInfo]:
    """{(folder/id, "sketch" or "board"): member} after the checks that read no member's bytes."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise SketchbookError("sketchbook.zip.too_many", path=path, count=len(infos), limit=MAX_MEMBERS)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise SketchbookError("sketchbook.zip.too_big", path=path, size_mb=total / 2**20,
                              limit_mb=MAX_TOTAL_BYTES // 2**20)
    members: dict[tuple[str, str], zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if _leads_out(name):
            raise SketchbookError("sketchbook.zip.unsafe_name", path=path, name=name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise SketchbookError("sketchbook.zip.link", path=path, name=name)
        if info.flag_bits & 0x1:
            raise SketchbookError("sketchbook.zip.encrypted", path=path, name=name)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise SketchbookError("sketchbook.zip.bomb", path=path, name=name, ratio=ratio)
        if info.is_dir() or _system_litter(name):
            continue
        folder, _, base = name.rpartition("/")
        kind = sketch_files.split_name(base)
        if kind is None:
            raise _bad_member(path, Note("sketchbook.file.foreign", path=name))
        members[(f"{folder}/{kind[0]}", kind[1])] = info
    return members


def _read_sketches(
    archive: zipfile.ZipFile, members: dict[tuple[str, str], zipfile.ZipInfo], path: str
) -> list[tuple[np.ndarray, dict[str, Any], bytes | None]]:
    entries = []
    for (key, kind), info in members.items():
        if kind != "sketch":
            continue  # a board is read with its sketch; one without is ignored
        try:
            model_input, details = sketch_files.decode_sketch(
                _member_bytes(archive, info, sketch_files.MAX_SKETCH_BYTES), info.filename
            )
            board_info = members.get((key, "board"))
            board = None
            if board_info is not None:
                board = sketch_files.reencoded_board(
                    _member_bytes(archive, board_info, sketch_files.MAX_BOARD_BYTES), board_info.filename
                )
        except Unusable as unusable:
            raise _bad_member(path, unusable.note) from None
        entries.append((model_input, details, board))
    return entries


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most limit + 1 bytes of a member (so one larger is seen as such, never unpacked whole)."""
    try:
        with archive.open(info) as stream:
            return stream.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError):
        raise Unusable(Note("sketchbook.file.damaged", path=info.filename)) from None


def _leads_out(name: str) -> bool:
    """A member name that would land outside the folder it is unpacked into, on any system."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    return ".." in PurePosixPath(name).parts


def _system_litter(name: str) -> bool:
    """What Finder and Explorer add to a zip they make of a folder: no sketch, no harm."""
    parts = PurePosixPath(name).parts
    return parts[0] == "__MACOSX" or parts[-1].startswith(".") or parts[-1] in ("Thumbs.db", "desktop.ini")


def _bad_member(path: str, note: Note) -> SketchbookError:
    return SketchbookError("sketchbook.zip.bad_member", path=path, cause=note)
