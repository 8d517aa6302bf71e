"""The mouse wheel scrolls the page, not the field under the pointer.

A combo box or spin box that merely lay under the pointer took the wheel while a teacher scrolled
the Train tab's settings or the Draw tab: the learning rate went from 0.1 to 0.095, the Draw tab
switched models. Here, once for the whole application: such fields take the focus only by click or
Tab (StrongFocus, not Qt's WheelFocus), and a wheel over one without the focus scrolls the scroll
area around it instead; with the focus (clicked), the wheel still steps it, as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox)


def _guarded_field(widget: QObject) -> QWidget | None:
    """The combo box or spin box the wheel went to: itself, or the line edit inside it."""
    for candidate in (widget, widget.parent() if isinstance(widget, QWidget) else None):
        if isinstance(candidate, GUARDED):
            return candidate
    return None


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # Qt's default; NoFocus stays
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel:
            field = _guarded_field(watched)
            if field is not None and not field.hasFocus():
                area = _scroll_area_around(field)
                if area is not None:
                    QApplication.sendEvent(area.verticalScrollBar(), _copy(event))
                return True  # the field keeps its value
        return False


def _copy(event: QWheelEvent) -> QWheelEvent:
    return QWheelEvent(
        event.position(),
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )


def install(app: QApplication) -> None:
    """Once per application (a second call does nothing)."""
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
