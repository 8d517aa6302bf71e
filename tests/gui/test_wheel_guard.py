"""The wheel over a combo box or spin box that lacks the focus scrolls the page, not the field."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from gui.widgets import wheel_guard


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _page(qtbot) -> tuple[QScrollArea, QSpinBox, QComboBox]:
    wheel_guard.install(QApplication.instance())
    area = QScrollArea()
    qtbot.addWidget(area)
    content = QWidget()
    layout = QVBoxLayout(content)
    spin = QSpinBox()
    spin.setValue(50)
    combo = QComboBox()
    combo.addItems(["softmax-scratch", "softmax-concise", "mlp"])
    layout.addWidget(spin)
    layout.addWidget(combo)
    layout.addSpacing(2000)  # a page taller than the area: it scrolls
    area.setWidget(content)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    return area, spin, combo


def test_the_wheel_over_unfocused_fields_scrolls_the_page_and_leaves_their_values(qtbot):
    area, spin, combo = _page(qtbot)
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel gives it no focus
    _wheel_down(spin)
    assert spin.value() == 50
    scrolled = area.verticalScrollBar().value()
    assert scrolled > 0
    _wheel_down(combo)
    assert combo.currentIndex() == 0
    assert area.verticalScrollBar().value() > scrolled


def test_a_focused_field_still_takes_the_wheel(qtbot):
    area, spin, _ = _page(qtbot)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel_down(spin)
    assert spin.value() == 49
    assert area.verticalScrollBar().value() == 0
