"""What a student's device may send, and how it becomes the model's 28×28 input.

The page POSTs ``drawing`` with ``Content-Type: application/json`` and a body of at most
``Limits.max_body`` bytes::

    {"label": 3, "image": "data:image/png;base64,iVBORw0…"}

``label`` is the class the student says they drew (0..9, core.classes order). ``image`` is a PNG
(base64, with or without the ``data:`` prefix canvas.toDataURL gives) of at most 512×512 pixels:
the page's 280×280 canvas, the Draw board's size. Light strokes on dark, like the board: the page
draws white on a transparent canvas, so a pixel's ink is its alpha; an opaque PNG is read as its
grey level. Either way the result is the board's own convention (uint8, 255 = garment, 0 =
background), and it goes through preprocess_drawing and the Predictor exactly as the Draw tab's
``preprocess_drawing(canvas.to_array())`` does, so the same drawing gets the same answer on the
phone and on the projector.

Only the documented format is decoded, and only after its header passed the size limit; what is
kept is a fresh greyscale PNG made from the decoded pixels, never the bytes that came in.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import struct
import zlib
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from core.classes import NUM_CLASSES
from core.preprocess import preprocess_drawing

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"
# The gallery's picture of a drawing, made where the board is decoded anyway: the window (its GUI
# thread shares one GIL with whatever decodes) then never decodes a PNG while a class draws.
THUMBNAIL_EDGE = 160
# The chunks that make the picture. Text, ICC profiles and the like are dropped before Pillow sees
# the file: compressed text chunks alone could inflate a 256 KB body to Pillow's 64 MB text limit.
PICTURE_CHUNKS = (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND")


@dataclass(frozen=True)
class Limits:
    """The server's limits; tests pass smaller ones so a limit is reached in a few requests."""

    max_body: int = 256 * 1024  # bytes of one request body
    max_edge: int = 512  # pixels on a side of the drawing
    min_interval: float = 2.0  # seconds between two drawings of one device
    per_lesson: int = 200  # drawings one device may send while the server runs
    max_devices: int = 60  # devices that may send drawings while the server runs


class Refusal(Exception):
    """A request the server answers with ``status`` and a short JSON ``{"error": code}``."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class Drawing:
    label: int
    board: np.ndarray  # uint8 [height, width], 255 = garment (the Draw board's convention)
    board_png: bytes  # the board re-encoded as a greyscale PNG
    model_input: np.ndarray  # uint8 [28, 28]: preprocess_drawing(board)


def thumbnail_of(board: np.ndarray) -> np.ndarray:
    """The board scaled down to at most THUMBNAIL_EDGE pixels a side (uint8, same convention)."""
    picture = Image.fromarray(np.ascontiguousarray(board, dtype=np.uint8))
    picture.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.BILINEAR)
    return np.asarray(picture)


def parse_drawing(body: bytes, limits: Limits) -> Drawing:
    """The request body → a Drawing, or Refusal(400) with a code the page can show."""
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):  # bad JSON or UTF-8, or a number of over 4,300 digits
        raise Refusal(400, "bad_json") from None
    if not isinstance(message, dict) or set(message) != {"label", "image"}:
        raise Refusal(400, "bad_json")
    label, image = message["label"], message["image"]
    # bool is an int to Python, not to the protocol
    if not isinstance(label, int) or isinstance(label, bool) or not 0 <= label < NUM_CLASSES:
        raise Refusal(400, "bad_label")
    if not isinstance(image, str):
        raise Refusal(400, "bad_image")
    board = decode_board(_png_bytes(image), limits.max_edge)
    model_input = preprocess_drawing(board)
    if model_input is None:
        raise Refusal(400, "blank")
    return Drawing(label, board, encode_board(board), model_input)


def _png_bytes(image: str) -> bytes:
    if image.startswith("data:"):
        if not image.startswith(DATA_URL_PREFIX):
            raise Refusal(415, "not_png")
        image = image[len(DATA_URL_PREFIX) :]
    try:
        data = base64.b64decode(image, validate=True)
    except (binascii.Error, ValueError):
        raise Refusal(400, "bad_image") from None
    if not data.startswith(PNG_SIGNATURE):
        raise Refusal(415, "not_png")
    return data


def decode_board(png: bytes, max_edge: int) -> np.ndarray:
    """A PNG → uint8 [height, width], ink 255 on 0: alpha is ink when there is alpha, else grey."""
    picture = _picture_chunks_only(png, max_edge)
    try:
        with Image.open(io.BytesIO(picture), formats=["PNG"]) as opened:
            width, height = opened.size  # from the header: nothing is decoded yet
            if not (1 <= width <= max_edge and 1 <= height <= max_edge):
                raise Refusal(400, "too_large")
            opened.load()
            rgba = opened.convert("RGBA")
    except Refusal:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
        zlib.error,
        Image.DecompressionBombError,
    ):
        raise Refusal(400, "bad_image") from None
    grey = np.asarray(rgba.convert("L"), dtype=np.uint16)
    alpha = np.asarray(rgba.getchannel("A"), dtype=np.uint16)
    # composited over black: the page's white ink at coverage a is a·255, as on the Draw board
    return ((grey * alpha + 127) // 255).astype(np.uint8)


def _picture_chunks_only(png: bytes, max_edge: int) -> bytes:
    """The PNG with only the chunks in PICTURE_CHUNKS; Refusal(400) when its structure is broken
    or its header claims more than max_edge pixels on a side (before anything is decompressed).

    Lengths are checked against what is there, so a chunk that claims gigabytes costs nothing."""
    kept = [PNG_SIGNATURE]
    position, end = len(PNG_SIGNATURE), len(png)
    first = True
    while position + 12 <= end:
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunk_end = position + 12 + length
        if chunk_end > end or (first and (kind != b"IHDR" or length != 13)):
            break
        if first:
            width, height = struct.unpack(">II", png[position + 8 : position + 16])
            if width == 0 or height == 0:
                raise Refusal(400, "bad_image")
            if width > max_edge or height > max_edge:
                raise Refusal(400, "too_large")
        if kind in PICTURE_CHUNKS:
            kept.append(png[position:chunk_end])
        first = False
        position = chunk_end
        if kind == b"IEND":
            return b"".join(kept)
    raise Refusal(400, "bad_image")


def encode_board(board: np.ndarray) -> bytes:
    """The board as a fresh greyscale PNG (what the sketchbook keeps)."""
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(board, dtype=np.uint8)).save(out, format="PNG")
    return out.getvalue()


def top_classes(probabilities: np.ndarray, count: int = 3) -> list[dict[str, float | int]]:
    """The answer's ``top``: the most probable classes first, as {"class": i, "probability": p}."""
    order = np.argsort(-np.asarray(probabilities, dtype=np.float64), kind="stable")[:count]
    return [{"class": int(index), "probability": float(probabilities[index])} for index in order]
