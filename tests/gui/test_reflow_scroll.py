"""A ReflowArea shrunk (parts stacked, scrolling) and widened again loses its scroll bar as soon as
the parts fit side by side: the stacked parts' scroll bar used to take the width that side by side
needed, so the area stayed stacked and scrolling until the window was wider by a scroll bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from gui.session import Session
from gui.widgets.reflow import ReflowArea
from tests.gui.conftest import PROJECTOR_H, PROJECTOR_W

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PART = 300  # px: each part's minimum width and height


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def part() -> QWidget:
    widget = QWidget()
    widget.setMinimumSize(PART, PART)
    return widget


@pytest.fixture
def area(show_widget):
    return show_widget(ReflowArea([part(), part()], [1, 1]), 3 * PART, PART + 50)


def scrolls(area: ReflowArea) -> bool:
    return area.verticalScrollBar().isVisible()


def test_the_area_widened_again_is_side_by_side_without_a_scroll_bar(area):
    settle()
    assert area.is_wide() and not scrolls(area)
    area.resize(PART + 50, PART + 50)
    settle()
    assert not area.is_wide() and scrolls(area)  # stacked, two parts in the height of one
    # Every width at which the parts fit side by side without a scroll bar, including the band
    # just a scroll bar wider than they need, where the area used to stay stacked.
    fits = area.box.wide_width() + 2 * area.frameWidth()
    for width in range(fits, fits + area.verticalScrollBar().sizeHint().width() + 2):
        area.resize(PART + 50, PART + 50)
        settle()
        area.resize(width, PART + 50)
        settle()
        assert area.is_wide(), width
        assert not scrolls(area), width
        assert area.content.width() == area.viewport().width(), width


def test_a_width_too_narrow_for_side_by_side_stays_stacked_and_scrolls(area):
    area.resize(area.box.wide_width() + 2 * area.frameWidth() - 1, PART + 50)
    settle()
    assert not area.is_wide() and scrolls(area)
    assert area.content.width() <= area.viewport().width()  # never sideways


def test_side_by_side_parts_too_tall_for_the_area_settle_stacked_with_a_scroll_bar(area):
    """Side by side at the full width, yet taller than the area: the scroll bar then narrows the
    parts' width below side by side, and the area settles on stacked (no flicker between them)."""
    area.resize(area.box.wide_width() + 2 * area.frameWidth(), PART // 2)
    settle()
    first = (area.is_wide(), scrolls(area), area.content.size())
    settle()
    assert (area.is_wide(), scrolls(area), area.content.size()) == first
    assert scrolls(area)


def test_draw_shrunk_and_widened_again_has_no_scroll_bar(show_widget):
    """As at +4 on a projector: stacked, board and bars are taller than the tab and scroll; side by
    side they fit."""
    from gui.draw.panel import DrawPanel

    panel = show_widget(DrawPanel(Session()), PROJECTOR_W, PROJECTOR_H - 100)
    area = panel.reflow
    settle()
    assert area.is_wide() and not scrolls(area)
    wide_height = area.content.minimumSizeHint().height()
    frame = panel.size() - area.maximumViewportSize()
    panel.resize(panel.minimumSizeHint().width(), panel.height())
    settle()
    assert not area.is_wide()
    stacked_height = area.content.minimumSizeHint().height()
    assert wide_height < stacked_height
    height = frame.height() + (wide_height + stacked_height) // 2
    panel.resize(panel.width(), height)
    settle()
    assert scrolls(area)
    # Back just wide enough for board and bars side by side, as a window dragged wider stops.
    panel.resize(area.box.wide_width() + frame.width(), height)
    settle()
    assert area.is_wide()
    assert not scrolls(area)
