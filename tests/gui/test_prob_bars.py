"""The reusable probability bars (gui/widgets/prob_bars.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFont

from core.classes import CLASS_NAMES
from gui.widgets.prob_bars import ProbabilityBars

PROBS = np.array([0.02, 0.01, 0.05, 0.02, 0.10, 0.00, 0.15, 0.55, 0.05, 0.05])


@pytest.fixture
def bars(qtbot) -> ProbabilityBars:
    widget = ProbabilityBars()
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    return widget


def test_shows_probabilities_and_top_class(bars: ProbabilityBars) -> None:
    bars.set_probabilities(PROBS)
    np.testing.assert_allclose(bars.probabilities(), PROBS)
    assert bars.top_class() == 7
    assert "Sneaker 55.0%" in bars.toolTip()
    assert not bars.grab().isNull()


def test_neutral_state_shows_the_hint(bars: ProbabilityBars) -> None:
    bars.set_probabilities(PROBS)
    bars.set_probabilities(None, "Draw something")
    assert bars.probabilities() is None and bars.top_class() is None
    assert bars.hint() == "Draw something" and bars.toolTip() == "Draw something"
    image = bars.grab().toImage()
    assert not image.isNull()


def test_logits_and_wrong_shapes_are_refused(bars: ProbabilityBars) -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        bars.set_probabilities(np.arange(10, dtype=float))  # raw logits, not probabilities
    with pytest.raises(ValueError, match="negative"):
        bars.set_probabilities(np.array([-0.5, 1.5] + [0.0] * 8))
    with pytest.raises(ValueError, match="10 probabilities"):
        bars.set_probabilities(np.full(9, 1 / 9))
    assert bars.probabilities() is None  # a refused update leaves the previous state


def test_sorted_and_fixed_order(bars: ProbabilityBars) -> None:
    bars.set_probabilities(PROBS)
    assert bars.row_order() == list(range(10))
    bars.set_sorted(True)
    order = bars.row_order()
    assert order[0] == 7 and order[1] == 6
    assert list(PROBS[order]) == sorted(PROBS, reverse=True)
    bars.set_probabilities(None, "hint")
    assert bars.row_order() == list(range(10))  # nothing to sort by


def test_class_names_and_true_class(bars: ProbabilityBars) -> None:
    with pytest.raises(ValueError):
        bars.set_class_names(["a", "b"])
    bars.set_class_names([f"{name}!" for name in CLASS_NAMES])
    bars.set_true_class(3)
    bars.set_probabilities(PROBS)
    assert "Sneaker! 55.0%" in bars.toolTip()
    assert not bars.grab().isNull()


def test_grows_with_the_font(bars: ProbabilityBars) -> None:
    small = bars.sizeHint()
    font = QFont(bars.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    bars.setFont(font)
    large = bars.sizeHint()
    assert large.height() > small.height() * 1.5 and large.width() > small.width() * 1.3


def test_the_hint_s_plate_lies_right_of_the_class_names(show_widget):
    """The neutral state's hint covers the empty bars, never the names beside them."""
    from gui.widgets.prob_bars import ProbabilityBars

    bars = show_widget(ProbabilityBars(), 420, 320)
    bars.set_probabilities(None, "Draw a garment on the board: the bars will show what the model thinks.")
    names_right = bars._names_width()
    plate = bars.hint_plate()
    assert not plate.isEmpty() and plate.left() > names_right and plate.right() <= bars.width()
    bars.set_names_shown(False)  # a set without names may use its whole width
    assert bars.hint_plate().left() < names_right
    bars.set_probabilities(np.full(10, 0.1))
    assert bars.hint_plate().isEmpty()
