"""The Browse grid's thumbnails say "wrong" with a mark, not by colour alone, whatever the name."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from core.classes import CLASS_NAMES
from gui.browse.sample_model import SampleModel, ThumbnailDelegate
from gui.widgets.verdict import WRONG_COLOUR

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
T_SHIRT, TROUSER, SHIRT, ANKLE_BOOT = (
    CLASS_NAMES.index(name) for name in ("T-shirt/top", "Trouser", "Shirt", "Ankle boot")
)


def _painted(delegate: ThumbnailDelegate, model: SampleModel, row: int) -> tuple[QImage, QRect]:
    """One thumbnail painted on its own, and where its image's frame is."""
    option = QStyleOptionViewItem()
    option.font = QApplication.font()
    option.palette = QApplication.palette()
    option.state = QStyle.StateFlag.State_Enabled
    size = delegate.sizeHint(option, model.index(row))
    option.rect = QRect(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(row))
    painter.end()
    side, frame, pad = delegate.metrics_for(option.font)
    frame_rect = QRect((size.width() - side) // 2 - frame, pad, side + 2 * frame, side + 2 * frame)
    return image, frame_rect


def test_a_wrong_thumbnail_carries_a_cross_however_long_the_name(qtbot):
    """"✗ T-shirt/top" did not fit under a thumbnail and lost its ✗: wrong was then said only by the
    orange colour. Every wrong thumbnail now has a ✗ disc on its frame; a right one has none."""
    model = SampleModel()
    # All black images: anything white on the frame's corner is the mark.
    truths = np.array([SHIRT, TROUSER, TROUSER, T_SHIRT])
    guesses = np.array([T_SHIRT, ANKLE_BOOT, TROUSER, SHIRT])
    model.set_samples(np.zeros((4, 28, 28), np.uint8), truths)
    model.set_probabilities(np.eye(10, dtype=np.float32)[guesses])
    delegate = ThumbnailDelegate(model)
    for row, wrong in enumerate(guesses != truths):
        image, frame_rect = _painted(delegate, model, row)
        badge = ThumbnailDelegate.wrong_mark_rect(frame_rect)
        centre = badge.center()
        on_the_cross = QColor(image.pixel(centre))
        beside_the_cross = QColor(image.pixel(centre + QPoint(0, round(badge.height() * 0.3))))
        name = CLASS_NAMES[int(guesses[row])]
        if wrong:
            assert on_the_cross.lightness() > 200, f"no white ✗ on the wrong {name}"
            assert abs(beside_the_cross.red() - WRONG_COLOUR.red()) < 30, f"no disc behind the ✗ ({name})"
            assert abs(beside_the_cross.green() - WRONG_COLOUR.green()) < 30
        else:
            assert on_the_cross.lightness() < 50, "a right answer has no mark"
