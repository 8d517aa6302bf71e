"""Drawings and photos become Fashion-MNIST-like 28×28 images (core/preprocess.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from core.preprocess import ImageError, load_image_file, preprocess_drawing

CANVAS = 280


def _board() -> np.ndarray:
    return np.zeros((CANVAS, CANVAS), dtype=np.uint8)


def _shirt(board: np.ndarray, left: int, top: int, scale: float = 1.0) -> np.ndarray:
    """A filled T-shirt-like polygon, 120×100 at scale 1, drawn at (left, top)."""
    image = Image.fromarray(board)
    points = [
        (0, 20),
        (30, 0),
        (90, 0),
        (120, 20),
        (105, 40),
        (95, 35),
        (95, 100),
        (25, 100),
        (25, 35),
        (15, 40),
    ]
    ImageDraw.Draw(image).polygon([(left + x * scale, top + y * scale) for x, y in points], fill=255)
    return np.asarray(image).copy()


def test_shape_dtype_and_range() -> None:
    rng = np.random.default_rng(0)
    for _ in range(5):
        image = Image.fromarray(_board())
        points = [tuple(p) for p in rng.integers(0, CANVAS, size=(6, 2)).tolist()]
        ImageDraw.Draw(image).line(points, fill=255, width=int(rng.integers(8, 30)))
        out = preprocess_drawing(np.asarray(image))
        assert out is not None
        assert out.shape == (28, 28) and out.dtype == np.uint8
        assert out.max() == 255 and out.min() == 0


def test_empty_canvas_gives_none_not_an_error() -> None:
    assert preprocess_drawing(_board()) is None
    assert preprocess_drawing(np.zeros((50, 80), dtype=np.float32)) is None


def test_position_does_not_matter() -> None:
    first = preprocess_drawing(_shirt(_board(), 10, 20))
    second = preprocess_drawing(_shirt(_board(), 150, 170))
    assert first is not None and second is not None
    np.testing.assert_array_equal(first, second)


def test_size_barely_matters() -> None:
    small = preprocess_drawing(_shirt(_board(), 40, 40, scale=0.8)).astype(int)
    large = preprocess_drawing(_shirt(_board(), 10, 10, scale=2.2)).astype(int)
    assert np.abs(small - large).mean() < 6  # only the anti-aliased edges differ
    assert ((small > 127) == (large > 127)).mean() > 0.97


def test_longest_edge_is_28_and_short_side_centred() -> None:
    board = _board()
    board[100:150, 40:240] = 255  # 200 wide, 50 tall: aspect 4:1
    out = preprocess_drawing(board)
    assert out is not None
    rows = np.flatnonzero(out.any(axis=1))
    cols = np.flatnonzero(out.any(axis=0))
    assert cols[0] == 0 and cols[-1] == 27
    assert len(rows) == 7  # 28 / 4
    assert rows[0] == 10 and rows[-1] == 16  # centred: (28 - 7) // 2 = 10
    assert (out[rows[0] : rows[-1] + 1] == 255).all()  # a solid white drawing stays 255


def test_one_dot_gives_an_image() -> None:
    board = _board()
    board[140, 140] = 255
    out = preprocess_drawing(board)
    assert out is not None and out.shape == (28, 28)
    assert out.max() == 255


def test_full_canvas_is_all_white() -> None:
    out = preprocess_drawing(np.full((CANVAS, CANVAS), 255, dtype=np.uint8))
    assert out is not None
    assert (out == 255).all()


def test_faint_speck_does_not_stretch_the_box() -> None:
    clean = _shirt(_board(), 80, 80)
    speckled = clean.copy()
    speckled[2, 2] = 10  # a stray anti-aliased pixel far away
    np.testing.assert_array_equal(preprocess_drawing(clean), preprocess_drawing(speckled))


def test_float_input_in_unit_range_matches_uint8() -> None:
    board = _shirt(_board(), 30, 60)
    np.testing.assert_array_equal(preprocess_drawing(board), preprocess_drawing(board / 255.0))


def test_faint_drawing_is_stretched_to_full_white() -> None:
    board = (_shirt(_board(), 30, 60) // 255 * 90).astype(np.uint8)
    out = preprocess_drawing(board)
    assert out is not None and out.max() == 255


def test_not_two_dimensional_is_refused() -> None:
    with pytest.raises(ValueError, match="2-D"):
        preprocess_drawing(np.zeros((28, 28, 3), dtype=np.uint8))


# -- image files ---------------------------------------------------------------------------------
def _dark_shoe_on_white(size: tuple[int, int] = (400, 300)) -> Image.Image:
    image = Image.new("RGB", size, (245, 243, 240))
    draw = ImageDraw.Draw(image)
    draw.polygon([(60, 120), (200, 110), (340, 190), (340, 240), (60, 240)], fill=(40, 30, 35))
    return image


def _expected_from(gray_light_on_dark: Image.Image) -> np.ndarray:
    return preprocess_drawing(np.asarray(gray_light_on_dark.convert("L")))


def test_photo_on_light_background_is_inverted(tmp_path: Path) -> None:
    path = tmp_path / "shoe.png"
    _dark_shoe_on_white().save(path)
    out = load_image_file(path)
    assert out.shape == (28, 28) and out.dtype == np.uint8
    assert out[0, 0] == 0 and out[17, 14] > 200  # background dark, shoe light
    inverted = Image.eval(_dark_shoe_on_white(), lambda v: 255 - v)
    assert np.abs(out.astype(int) - _expected_from(inverted).astype(int)).max() <= 40


def test_light_garment_on_dark_background_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "shoe-dark.png"
    Image.eval(_dark_shoe_on_white(), lambda v: 255 - v).save(path)
    out = load_image_file(path)
    assert out[0, 0] == 0 and out[17, 14] > 200


def test_jpeg_is_read(tmp_path: Path) -> None:
    path = tmp_path / "shoe.jpg"
    _dark_shoe_on_white().save(path, quality=85)
    png_path = tmp_path / "shoe.png"
    _dark_shoe_on_white().save(png_path)
    from_jpeg, from_png = load_image_file(path), load_image_file(png_path)
    assert ((from_jpeg > 127) == (from_png > 127)).mean() > 0.95  # compression noise aside


def test_transparent_cut_out_uses_alpha(tmp_path: Path) -> None:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([50, 20, 150, 180], fill=(20, 20, 20, 255))  # dark, opaque
    path = tmp_path / "cutout.png"
    image.save(path)
    out = load_image_file(path)
    assert out[14, 14] == 255 and out[14, 0] == 0


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    upright = Image.new("L", (100, 300), 0)
    draw = ImageDraw.Draw(upright)
    draw.rectangle([10, 10, 90, 80], fill=255)  # a wide block at the top…
    draw.rectangle([45, 80, 55, 290], fill=255)  # …on a thin stem: a "T"
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # how a camera might store it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "rotated.jpg"
    stored.save(path, exif=exif, quality=95)
    out = load_image_file(path)
    assert out[:7].mean() > out[14:].mean() + 50  # the T stands upright again


def test_text_file_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("this is not a picture")
    with pytest.raises(ImageError, match=r"cannot read notes\.png: not an image"):
        load_image_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="no such file"):
        load_image_file(tmp_path / "gone.png")


def test_truncated_png(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    _dark_shoe_on_white().save(good)
    broken = tmp_path / "broken.png"
    broken.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ImageError, match=r"cannot read broken\.png"):
        load_image_file(broken)


def test_empty_file_and_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ImageError, match="empty.jpg"):
        load_image_file(empty)
    with pytest.raises(ImageError, match="folder"):
        load_image_file(tmp_path)


def test_blank_picture_says_so(tmp_path: Path) -> None:
    path = tmp_path / "white.png"
    Image.new("L", (64, 64), 255).save(path)
    with pytest.raises(ImageError, match="blank"):
        load_image_file(path)


@pytest.mark.parametrize("dark_on_light", [False, True])
def test_16_bit_png_is_scaled_not_clipped(tmp_path: Path, dark_on_light: bool) -> None:
    eight = np.asarray(_dark_shoe_on_white().convert("L"))
    if not dark_on_light:
        eight = 255 - eight
    sixteen = eight.astype(np.uint16) * 257  # the same picture at 16 bits per pixel
    Image.fromarray(eight).save(tmp_path / "8.png")
    Image.fromarray(sixteen).save(tmp_path / "16.png")
    assert Image.open(tmp_path / "16.png").mode.startswith("I")
    from_8, from_16 = load_image_file(tmp_path / "8.png"), load_image_file(tmp_path / "16.png")
    assert np.abs(from_8.astype(int) - from_16.astype(int)).max() <= 2


def test_huge_picture_is_refused_from_its_header_before_decoding(tmp_path: Path, monkeypatch) -> None:
    from PIL import ImageFile

    import core.preprocess as preprocess

    path = tmp_path / "huge.png"
    Image.new("L", (300, 200), 0).save(path)
    monkeypatch.setattr(preprocess, "MAX_IMAGE_PIXELS", 300 * 200 - 1)

    def no_decoding(_self):
        raise AssertionError("the pixels must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ImageError, match=r"300×200 pixels .*limit"):
        load_image_file(path)


def test_big_jpeg_decodes_at_reduced_scale(tmp_path: Path, monkeypatch) -> None:
    import core.preprocess as preprocess

    path = tmp_path / "big.jpg"
    _dark_shoe_on_white().resize((1600, 1600)).save(path, quality=90)
    monkeypatch.setattr(preprocess, "MAX_IMAGE_PIXELS", 800 * 800)  # only the half-scale draft fits
    out = load_image_file(path)
    assert out[0, 0] == 0 and out[17, 14] > 200
