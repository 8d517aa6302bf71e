"""Drawings and photos → 28×28 uint8 images made the way Fashion-MNIST's were made.

The paper (§2) trimmed each product photo to its bounding box, resized the longest edge to 28
keeping the aspect ratio, padded the short side to centre and negated it, so garments are light
on dark. A model only reads a sketch well when the sketch goes through the same steps, so the
canvas, the sample browser's "send to canvas" and ``main.py predict`` all come through here.

numpy + PIL only: the window imports this before torch has finished loading.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.classes import IMAGE_SIZE

# Pixels fainter than this fraction of the brightest one count as background. Without it a
# stray anti-aliased speck or sensor noise in a photo's background would stretch the bounding
# box and shrink the garment.
NOISE_FRACTION = 0.08
# Photos larger than this are shrunk first; the result is 28 px anyway and a 12-megapixel
# photo would otherwise cost a second of work.
MAX_PHOTO_EDGE = 512
# Width of the frame of border pixels whose median says what the background looks like.
BORDER_FRACTION = 0.03


class ImageError(ValueError):
    """An image file that cannot be used; ``str()`` is the message shown to the user."""


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
    rows = np.flatnonzero(values.any(axis=1))
    cols = np.flatnonzero(values.any(axis=0))
    cropped = values[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    scaled = _resize_longest_edge(cropped, IMAGE_SIZE)
    out = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=np.float32)
    top = (IMAGE_SIZE - scaled.shape[0]) // 2
    left = (IMAGE_SIZE - scaled.shape[1]) // 2
    out[top : top + scaled.shape[0], left : left + scaled.shape[1]] = scaled
    return np.clip(np.rint(out * 255.0), 0, 255).astype(np.uint8)


def _as_unit_float(gray: np.ndarray) -> np.ndarray:
    array = np.asarray(gray)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D greyscale image, got shape {array.shape}")
    if array.dtype == np.uint8:
        return array.astype(np.float32) / 255.0
    return np.clip(np.nan_to_num(array.astype(np.float32)), 0.0, 1.0)


def _resize_longest_edge(values: np.ndarray, size: int) -> np.ndarray:
    """Resize so the longest edge is ``size``, keeping the aspect ratio.

    Lanczos on float data anti-aliases a 10× reduction properly (no jagged strokes) and its
    slight overshoot acts like the paper's sharpening step; the overshoot is clipped.
    """
    height, width = values.shape
    scale = size / max(height, width)
    new_height = max(1, min(size, round(height * scale)))
    new_width = max(1, min(size, round(width * scale)))
    image = Image.fromarray(values.astype(np.float32), mode="F")
    resized = image.resize((new_width, new_height), Image.Resampling.LANCZOS)
    return np.clip(np.asarray(resized, dtype=np.float32), 0.0, 1.0)


def load_image_file(path: str | Path) -> np.ndarray:
    """Read a PNG/JPEG/… photo or drawing and return uint8 [28, 28], garment light on dark.

    The background's polarity is detected from the border, so a shoe photographed on a white
    table and a white sketch on black both work. Raises ImageError with a message for people.
    """
    name = Path(path).name or str(path)
    gray = read_grayscale(path)
    image28 = preprocess_drawing(_garment_light_on_dark(gray))
    if image28 is None:
        raise ImageError(f"cannot use {name}: the picture is blank, there is no garment to classify")
    return image28


def read_grayscale(path: str | Path) -> np.ndarray:
    """Decode an image file to float greyscale in 0..1, upright, alpha resolved."""
    name = Path(path).name or str(path)
    try:
        with Image.open(path) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except FileNotFoundError:
        raise ImageError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise ImageError(f"cannot read {name}: it is a folder, not an image file") from None
    except UnidentifiedImageError:
        raise ImageError(f"cannot read {name}: not an image (PNG, JPEG, BMP or GIF expected)") from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ImageError(f"cannot read {name}: not an image or damaged ({error})") from None
    if image.width == 0 or image.height == 0:
        raise ImageError(f"cannot read {name}: the image is empty")
    image.thumbnail((MAX_PHOTO_EDGE, MAX_PHOTO_EDGE), Image.Resampling.BOX)
    return _flatten_alpha(image)


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
