"""Drawings and photos → 28×28 uint8 images made the way Fashion-MNIST's were made.

The paper (§2) trimmed each product photo to its bounding box, resized the longest edge to 28
keeping the aspect ratio, padded the short side to centre and negated it, so garments are light
on dark. A model only reads a sketch well when the sketch goes through the same steps, so the
canvas, the sample browser's "send to canvas" and ``main.py predict`` all come through here.

numpy + PIL only: the window imports this before torch has finished loading.
"""

from __future__ import annotations

import contextlib
import os
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.classes import IMAGE_SIZE
from core.errors import CodedError

# Pixels fainter than this fraction of the brightest one count as background. Without it a
# stray anti-aliased speck or sensor noise in a photo's background would stretch the bounding
# box and shrink the garment.
NOISE_FRACTION = 0.08
# Photos larger than this are shrunk first; the result is 28 px anyway and a 12-megapixel
# photo would otherwise cost a second of work.
MAX_PHOTO_EDGE = 512
# Pictures with more pixels than this are refused from their header, before decoding: 40 megapixels
# is beyond any phone photo's default, while a 169-megapixel PNG would take ~2 GB to decode.
# JPEGs are decoded at a reduced scale first (draft), so only their reduced size counts.
MAX_IMAGE_PIXELS = 40_000_000
# Width of the frame of border pixels whose median says what the background looks like.
BORDER_FRACTION = 0.03
# The formats the app documents. Pillow would also open EPS (by running Ghostscript on the file),
# PSD, ICO, SGI and dozens more: a file named .png is opened only if its bytes are one of these.
IMAGE_FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP")

# Pillow's notes about damaged metadata (EXIF, TIFF tags) while the pixels decode fine: they
# would reach the terminal with library paths and mean nothing to the user. Filters set once,
# here, because warnings.catch_warnings is not thread-safe and pictures decode in workers too.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.TiffImagePlugin")
warnings.filterwarnings("ignore", message=r"Possibly corrupt EXIF", category=UserWarning)
# Pillow's "decompression bomb" warning from 89 megapixels: read_grayscale refuses those (and
# smaller ones) anyway, with a sentence.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageError(CodedError, ValueError):
    """An image file that cannot be used; ``str()`` is the message shown to the user, `params`
    name the file by its name alone (``name``) and by the path given (``path``)."""


def preprocess_drawing(gray: np.ndarray) -> np.ndarray | None:
    """Make a light-on-dark greyscale image into a Fashion-MNIST-like uint8 [28, 28].

    ``gray`` is 2-D, uint8 in 0..255 or float in 0..1, garment light on dark. Returns None when
    nothing is drawn, so an empty canvas shows a hint instead of a meaningless prediction.
    """
    values = _as_unit_float(gray)
    peak = float(values.max()) if values.size else 0.0
    if peak <= 0.0:
        return None
    # Stretch so the garment's brightest pixel is full white: the dataset's garments reach 255,
    # and a faint photo or a grey brush should not read as a "dark" garment.
    values = values / peak
    values[values < NOISE_FRACTION] = 0.0
    image = Image.fromarray(values.astype(np.float32), mode="F")
    cropped = image.crop(image.getbbox())  # the garment's bounding box: exact zeros are background
    # Longest edge to 28 keeping the aspect ratio, short side padded to centre (the paper's recipe).
    # Lanczos on float data anti-aliases a 10× reduction properly (no jagged strokes) and its
    # slight overshoot acts like the paper's sharpening step; the overshoot is clipped.
    square = ImageOps.pad(cropped, (IMAGE_SIZE, IMAGE_SIZE), Image.Resampling.LANCZOS, color=0.0)
    out = np.clip(np.asarray(square, dtype=np.float32), 0.0, 1.0)
    return np.clip(np.rint(out * 255.0), 0, 255).astype(np.uint8)


def _as_unit_float(gray: np.ndarray) -> np.ndarray:
    array = np.asarray(gray)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D greyscale image, got shape {array.shape}")
    if array.dtype == np.uint8:
        return array.astype(np.float32) / 255.0
    return np.clip(np.nan_to_num(array.astype(np.float32)), 0.0, 1.0)


def load_image_file(path: str | Path) -> np.ndarray:
    """Read a PNG/JPEG/… photo or drawing and return uint8 [28, 28], garment light on dark.

    The background's polarity is detected from the border, so a shoe photographed on a white
    table and a white sketch on black both work. Raises ImageError with a message for people.
    """
    gray = read_grayscale(path)
    image28 = preprocess_drawing(_garment_light_on_dark(gray))
    if image28 is None:
        raise _refusal("image.blank", path)
    return image28


def _refusal(code: str, path: str | Path, **params: object) -> ImageError:
    return ImageError(code, name=Path(path).name or str(path), path=str(path), **params)


def read_grayscale(path: str | Path) -> np.ndarray:
    """Decode an image file to float greyscale in 0..1, upright, alpha resolved."""
    try:
        with _regular_file(path) as stream, _open_quietly(stream) as opened:
            # A JPEG can decode at 1/2, 1/4 or 1/8 scale for free: ask for no more than needed.
            opened.draft("L", (MAX_PHOTO_EDGE, MAX_PHOTO_EDGE))
            width, height = opened.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _refusal(
                    "image.too_many_pixels",
                    path,
                    width=width,
                    height=height,
                    megapixels=width * height / 1e6,
                    limit=MAX_IMAGE_PIXELS // 10**6,
                )
            opened.load()
            file_format = opened.format
            image = ImageOps.exif_transpose(opened)
    except ImageError:
        raise
    except FileNotFoundError:
        raise _refusal("image.missing", path) from None
    except IsADirectoryError:
        raise _refusal("image.folder", path) from None
    except PermissionError:
        raise _refusal("image.permission", path) from None
    except UnidentifiedImageError:
        raise _refusal("image.not_image", path) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _refusal("image.damaged", path, why=str(error)) from None
    if image.width == 0 or image.height == 0:
        raise _refusal("image.empty", path)
    if image.mode in _WIDE_MODES:
        image = _to_unit_float_image(image, file_format)
    image.thumbnail((MAX_PHOTO_EDGE, MAX_PHOTO_EDGE), Image.Resampling.BOX)
    if image.mode == "F":
        return np.asarray(image, dtype=np.float32).clip(0.0, 1.0)
    return _flatten_alpha(image)


@contextlib.contextmanager
def _regular_file(path: str | Path) -> Iterator[BinaryIO]:
    """The file opened for reading, once it is known to be a regular file: opened without
    blocking and checked on the open descriptor, so a FIFO (which would wait for a writer for
    ever) or a device (/dev/zero never ends) is refused, and no swap after a check can fool it."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise _refusal("image.special_file", path)
        os.set_blocking(handle, True)
        stream = os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise
    with stream:
        yield stream


def _open_quietly(stream: BinaryIO) -> Image.Image:
    """Image.open of the documented formats only (see IMAGE_FORMATS), its warnings filtered above."""
    return Image.open(stream, formats=IMAGE_FORMATS)


# Greyscale modes with more than 8 bits: Pillow's convert("L") clips them at 255 instead of scaling.
_WIDE_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")


def _to_unit_float_image(image: Image.Image, file_format: str | None) -> Image.Image:
    """A 16-bit (or 32-bit, or float) greyscale picture as mode "F" in 0..1, scaled, not clipped.

    The full scale is the smallest of 2^8−1, 2^16−1, 2^32−1 that holds the brightest pixel (16-bit
    PNGs always use 2^16−1); float pictures already in 0..1 stay as they are."""
    values = np.asarray(image, dtype=np.float64)
    finite = values[np.isfinite(values)]
    peak = float(finite.max()) if finite.size else 0.0
    if image.mode.startswith("I;16") or (image.mode == "I" and file_format == "PNG"):
        full_scale = 65535.0
    elif image.mode == "F" and peak <= 1.0:
        full_scale = 1.0
    else:
        full_scale = next((2.0**bits - 1 for bits in (8, 16, 32) if peak <= 2.0**bits - 1), max(peak, 1.0))
    unit = np.clip(np.nan_to_num(values / full_scale), 0.0, 1.0)
    return Image.fromarray(unit.astype(np.float32), mode="F")


def _flatten_alpha(image: Image.Image) -> np.ndarray:
    """Greyscale in 0..1; transparent parts become a background that contrasts with the garment.

    A cut-out PNG has no background colour of its own: put it on black when the opaque part is
    light and on white when it is dark, so polarity detection sees a clear garment either way.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if not has_alpha:
        return np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    rgba = image.convert("RGBA")
    alpha = np.asarray(rgba.getchannel("A"), dtype=np.float32) / 255.0
    gray = np.asarray(rgba.convert("L"), dtype=np.float32) / 255.0
    opaque = alpha > 0.5
    garment_light = bool(opaque.any()) and float(np.median(gray[opaque])) > 0.5
    background = 0.0 if garment_light else 1.0
    return gray * alpha + background * (1.0 - alpha)


def _garment_light_on_dark(gray: np.ndarray) -> np.ndarray:
    """Invert when the border is light, then remove the background level.

    Subtracting the border's median makes a grey paper or a slightly lit black cloth read as
    zero, like the dataset's pure black background.
    """
    band = max(1, round(min(gray.shape) * BORDER_FRACTION))
    border = np.concatenate(
        [gray[:band].ravel(), gray[-band:].ravel(), gray[:, :band].ravel(), gray[:, -band:].ravel()]
    )
    background = float(np.median(border))
    if background > 0.5:
        gray = 1.0 - gray
        background = 1.0 - background
    return np.clip(gray - background, 0.0, 1.0)
