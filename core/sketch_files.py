"""One kept sketch as files: the PNG whose 28×28 grey pixels are the model's input, with its label,
time and source in a text chunk, and the board as drawn in a second PNG beside it.

A PNG is lossless, opens in any picture viewer, and carries text chunks, so a sketch is one
self-describing file a teacher can look at; the board is a companion for thumbnails and may be
missing. Reading never trusts the bytes: Pillow decodes PNG only, after the size and pixel
count are checked, and anything else comes back as a coded Note (sketchbook.file.*).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

from core.classes import IMAGE_SIZE, NUM_CLASSES
from core.errors import CodedError, Note


class SketchbookError(CodedError, ValueError):
    """A sketch that cannot be kept, or a zip that cannot be imported or written (sketchbook.*)."""


@dataclass(frozen=True, eq=False)  # eq=False: == on the array would raise; sketches compare by id
class Sketch:
    sketch_id: str  # unique in its sketchbook, file-name safe ("20261207-101502-3f9a0c")
    label: int  # 0..9, index into core.classes.CLASS_NAMES: the class the student said it is
    model_input: np.ndarray = field(repr=False)  # uint8 [28, 28], read-only: what the model was given
    board_png: bytes = field(repr=False)  # the drawing as drawn, a grey PNG of at most 512×512
    created: str  # ISO 8601 with the UTC offset
    source: str  # "draw", "class" (a student's phone) or "import" (from a zip)

FORMAT_VERSION = 1
META_KEY = "fashion-mnist-playground-sketch"  # the PNG text chunk holding the sketch's details
SOURCES = ("draw", "class", "import")
SKETCH_SUFFIX = ".png"
BOARD_SUFFIX = ".board.png"
# An id is a file name on every system: no dots (the suffixes start there), no separators.
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A 28×28 PNG with its details is under 2 KB; a board PNG of 512×512 grey under 300 KB.
MAX_SKETCH_BYTES = 64 * 1024
MAX_BOARD_BYTES = 2 * 1024 * 1024
MAX_BOARD_SIDE = 512
# Boards given to add() are shrunk to MAX_BOARD_SIDE; beyond this many pixels they are refused
# before decoding (a PNG's header can promise gigapixels in a few bytes).
MAX_GIVEN_BOARD_PIXELS = 4096 * 4096


class Unusable(Exception):
    """A file that is not a usable sketch; `note` says why (sketchbook.file.*)."""

    def __init__(self, note: Note) -> None:
        super().__init__(str(note))
        self.note = note


def split_name(name: str) -> tuple[str, str] | None:
    """("<id>", "sketch" or "board") for a name this format uses, else None."""
    for suffix, kind in ((BOARD_SUFFIX, "board"), (SKETCH_SUFFIX, "sketch")):
        if name.endswith(suffix) and ID_PATTERN.fullmatch(name[: -len(suffix)]):
            return name[: -len(suffix)], kind
    return None


def encode_sketch(model_input: np.ndarray, details: dict[str, Any]) -> bytes:
    """The sketch PNG: the model input's pixels exactly, `details` (label, created, source) as JSON."""
    info = PngInfo()
    info.add_text(META_KEY, json.dumps({"format": FORMAT_VERSION, **details}, sort_keys=True))
    out = io.BytesIO()
    Image.fromarray(model_input, mode="L").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def encode_grey_png(values: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(values, mode="L").save(out, format="PNG")
    return out.getvalue()


def _open_png(data: bytes, name: str, limit_bytes: int) -> Image.Image:
    if len(data) > limit_bytes:
        raise Unusable(Note("sketchbook.file.too_large", path=name, size=len(data), limit=limit_bytes))
    try:
        return Image.open(io.BytesIO(data), formats=["PNG"])
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise Unusable(Note("sketchbook.file.damaged", path=name)) from None


def _grey_pixels(image: Image.Image, name: str) -> np.ndarray:
    """Decode (the size was checked): the pixels as uint8 grey, alpha dropped."""
    try:
        image.load()
        return np.asarray(image.convert("L"), dtype=np.uint8).copy()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        raise Unusable(Note("sketchbook.file.damaged", path=name)) from None


def decode_sketch(data: bytes, name: str) -> tuple[np.ndarray, dict[str, Any]]:
    """(model input uint8 [28, 28], {"label", "created", "source"}) from a sketch PNG's bytes.

    Raises Unusable for anything else: too large, not a PNG, damaged, another size, a PNG
    without our details (a foreign picture), details that are invalid or of a newer format."""
    image = _open_png(data, name, MAX_SKETCH_BYTES)
    with image:
        # Our details come before the pixels in the file, so Pillow has read them by now.
        text = image.info.get(META_KEY)
        if text is None or image.mode != "L":
            raise Unusable(Note("sketchbook.file.foreign", path=name))
        if image.size != (IMAGE_SIZE, IMAGE_SIZE):
            width, height = image.size
            raise Unusable(Note("sketchbook.file.wrong_size", path=name, width=width, height=height))
        pixels = _grey_pixels(image, name)
    return pixels, _checked_details(text, name)


def _checked_details(text: str, name: str) -> dict[str, Any]:
    invalid = Unusable(Note("sketchbook.file.no_details", path=name))
    try:
        details = json.loads(text)
    except (ValueError, RecursionError):
        raise invalid from None
    if not isinstance(details, dict):
        raise invalid
    version = details.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise Unusable(Note("sketchbook.file.newer", path=name, version=version, ours=FORMAT_VERSION))
    label, created, source = details.get("label"), details.get("created"), details.get("source")
    if version != FORMAT_VERSION or type(label) is not int or not 0 <= label < NUM_CLASSES:
        raise invalid
    if source not in SOURCES or not isinstance(created, str) or not is_aware_time(created):
        raise invalid
    return {"label": label, "created": created, "source": source}


def is_aware_time(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).utcoffset() is not None
    except ValueError:
        return False


def check_board(data: bytes, name: str) -> None:
    """A kept board file's header (PNG, at most MAX_BOARD_SIDE a side), without decoding its
    pixels: listing a sketchbook of hundreds stays quick, and whoever shows a board decodes it
    with the same care (a damaged one then shows nothing)."""
    image = _open_png(data, name, MAX_BOARD_BYTES)
    with image:
        width, height = image.size
    if max(width, height) > MAX_BOARD_SIDE:
        raise Unusable(Note("sketchbook.file.board_size", path=name, width=width, height=height,
                            limit=MAX_BOARD_SIDE))


def reencoded_board(data: bytes, name: str, limit_bytes: int = MAX_BOARD_BYTES) -> bytes:
    """A board given to us (a drawing, a phone's upload, a zip's member) decoded, shrunk to
    MAX_BOARD_SIDE, made grey and encoded afresh: no byte of the original is kept."""
    image = _open_png(data, name, limit_bytes)
    with image:
        width, height = image.size
        if width * height > MAX_GIVEN_BOARD_PIXELS or width == 0 or height == 0:
            raise Unusable(Note("sketchbook.file.board_size", path=name, width=width, height=height,
                                limit=MAX_BOARD_SIDE))
        pixels = _grey_pixels(image, name)
    board = Image.fromarray(pixels, mode="L")
    board.thumbnail((MAX_BOARD_SIDE, MAX_BOARD_SIDE), Image.Resampling.LANCZOS)
    return encode_grey_png(np.asarray(board))
