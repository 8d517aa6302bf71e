"""gui.widgets.pixel_image: the one square-pixel image widget (Draw's preview, Browse's sample)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QFont

from gui.widgets.pixel_image import PixelImage, grey_qimage


def test_each_pixel_is_drawn_as_a_sharp_square(show_widget):
    widget = show_widget(PixelImage(), 300, 200)  # wider than tall: the image is a centred square
    image = np.arange(28 * 28, dtype=np.int64).reshape(28, 28) % 256
    image = image.astype(np.uint8)
    widget.set_image(image)
    shot = widget.grab().toImage()
    rect = widget.image_rect()
    assert rect.width() == pytest.approx(200) and rect.x() == pytest.approx(50)
    side = rect.width() / 28
    for row, col in [(0, 0), (5, 17), (27, 27), (13, 2)]:
        x = int(rect.x() + (col + 0.5) * side)
        y = int(rect.y() + (row + 0.5) * side)
        assert QColor(shot.pixel(x, y)).red() == image[row, col]  # no smoothing between pixels


def test_the_image_is_copied_in_and_out(qtbot):
    widget = PixelImage()
    qtbot.addWidget(widget)
    assert widget.image() is None
    pixels = np.full((28, 28), 7, dtype=np.uint8)
    widget.set_image(pixels)
    pixels[:] = 0
    out = widget.image()
    assert out is not None and int(out[0, 0]) == 7
    out[:] = 1
    assert int(widget.image()[0, 0]) == 7
    with pytest.raises(ValueError, match="2-D"):
        widget.set_image(np.zeros((2, 28, 28), dtype=np.uint8))


def test_its_size_follows_the_text_size(qtbot):
    widget = PixelImage(hint_lines=8, minimum_lines=4)
    qtbot.addWidget(widget)
    small = widget.sizeHint().width()
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    widget.setFont(font)
    assert widget.sizeHint().width() > 1.6 * small
    assert widget.minimumSizeHint().width() == pytest.approx(widget.sizeHint().width() / 2, abs=1)


def test_a_colour_map_colours_signed_values(show_widget):
    widget = show_widget(PixelImage(), 100, 100)
    lut = pg.colormap.get("CET-D1").getLookupTable(0.0, 1.0, 256, alpha=False)
    widget.set_colours(lut, levels=(-1.0, 1.0))
    widget.set_image(np.array([[-1.0, 1.0]], dtype=np.float32))
    shot = widget.grab().toImage()
    rect = widget.image_rect()
    left = QColor(shot.pixel(int(rect.x() + rect.width() * 0.25), int(rect.center().y())))
    right = QColor(shot.pixel(int(rect.x() + rect.width() * 0.75), int(rect.center().y())))
    assert left.blue() > left.red() and right.red() > right.blue()  # blue for −, red for +


def test_grey_qimage_reads_the_array_without_a_copy():
    pixels = np.arange(28 * 28, dtype=np.uint8).reshape(28, 28)
    image = grey_qimage(pixels)
    assert (image.width(), image.height()) == (28, 28)
    assert QColor(image.pixel(5, 3)).red() == pixels[3, 5]
