"""Containers that reflow for a small screen at a large text size (a 1024×768 projector at +4).

Two parts sit side by side where there is room and one under the other where there is not. Each
container reports the *stacked* arrangement's width as its minimum, so the window may become
narrower than the side-by-side arrangement needs; the resize that follows switches the
direction. What then no longer fits in height scrolls vertically, never sideways.

The direction is decided where the parts are placed (the layout's setGeometry), so it follows
every resize and every new text size without a timer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QScrollArea, QSplitter, QTabWidget, QWidget

LEFT_TO_RIGHT = QBoxLayout.Direction.LeftToRight
TOP_TO_BOTTOM = QBoxLayout.Direction.TopToBottom


def _min_size(part: QWidget | QLayout) -> QSize:
    if isinstance(part, QLayout):
        return part.minimumSize()
    return part.minimumSizeHint().expandedTo(part.minimumSize())


def side_by_side_width(parts: list[QWidget | QLayout], spacing: int) -> int:
    """The width the parts need next to each other (their minimum widths and the gaps)."""
    return sum(_min_size(part).width() for part in parts) + spacing * max(0, len(parts) - 1)


class ReflowBox(QBoxLayout):
    """A box layout whose direction follows the width it gets: left to right when every part fits
    at its minimum width, top to bottom otherwise. Its own minimum is the stacked one's width."""

    def __init__(self, parent: QWidget | None = None, *, height_for_width: bool = True) -> None:
        super().__init__(LEFT_TO_RIGHT, parent)
        self._parts: list[QWidget | QLayout] = []
        self._needs: list[Callable[[], int] | None] = []
        self._height_for_width = height_for_width

    def add_part(
        self, part: QWidget | QLayout, stretch: int = 0, needs: Callable[[], int] | None = None
    ) -> None:
        """`needs`: the width the part must get to sit beside the others, when that is more than
        its minimum (a matrix that would otherwise scroll sideways, a pane that reflows itself)."""
        self._parts.append(part)
        self._needs.append(needs)
        if isinstance(part, QLayout):
            self.addLayout(part, stretch)
        else:
            self.addWidget(part, stretch)

    def parts(self) -> list[QWidget | QLayout]:
        return list(self._parts)

    def wide_width(self) -> int:
        margins = self.contentsMargins()
        widths = [
            max(_min_size(part).width(), needs() if needs is not None else 0)
            for part, needs in zip(self._parts, self._needs, strict=True)
        ]
        gaps = self.spacing() * max(0, len(widths) - 1)
        return sum(widths) + gaps + margins.left() + margins.right()

    def fits_side_by_side(self, width: int) -> bool:
        return width >= self.wide_width()

    def follow_width(self, width: int) -> bool:
        """Pick the direction for `width`; True when it changed."""
        direction = LEFT_TO_RIGHT if self.fits_side_by_side(width) else TOP_TO_BOTTOM
        if direction == self.direction():
            return False
        self.setDirection(direction)
        return True

    def is_wide(self) -> bool:
        return self.direction() == LEFT_TO_RIGHT

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        size = super().minimumSize()
        if self.is_wide() and self._parts:
            margins = self.contentsMargins()
            narrow = max(_min_size(part).width() for part in self._parts) + margins.left() + margins.right()
            size.setWidth(min(size.width(), narrow))
        return size

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        # Off in a ReflowArea: a scroll area sizes a height-for-width layout to its *preferred*
        # height (every bar at full height) and scrolls; without it the parts close up to their
        # minimum first. On elsewhere, so wrapped labels get the lines they need.
        return self._height_for_width and super().hasHeightForWidth()

    def setGeometry(self, rect) -> None:  # noqa: N802
        # The direction follows every new width, before the parts are placed.
        self.follow_width(rect.width())
        super().setGeometry(rect)


class ReflowArea(QScrollArea):
    """A vertical-only scroll area around a ReflowBox of parts (layouts or widgets).

    Used as a panel's whole content: side by side on a wide screen, stacked and scrolling on a
    narrow one. Its minimum width is the widest part's, its minimum height a few lines."""

    def __init__(
        self,
        parts: list[QWidget | QLayout],
        stretches: list[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = QWidget()
        self.box = ReflowBox(self.content, height_for_width=False)
        self.box.setContentsMargins(0, 0, 0, 0)
        for part, stretch in zip(parts, stretches or [0] * len(parts), strict=True):
            self.box.add_part(part, stretch)
        self.setWidget(self.content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The area's minimum is its parts' (see minimumSizeHint): when they change, so does it.
        self.content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def is_wide(self) -> bool:
        return self.box.is_wide()

    def resizeEvent(self, event) -> None:  # noqa: N802
        # The direction is picked for the width without a scroll bar, before the area decides
        # whether it needs one: picked on the viewport's width, the stacked parts' scroll bar
        # took the width that side by side needed, and a window widened again kept both.
        self.box.follow_width(self.maximumViewportSize().width())
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        parts = self.box.parts()
        widest = max((_min_size(part).width() for part in parts), default=0)
        scroll = self.verticalScrollBar().sizeHint().width()
        height = self.fontMetrics().height() * 6
        return QSize(widest + scroll + 2 * self.frameWidth(), height)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.content.sizeHint()


class ReflowSplitter(QSplitter):
    """A splitter that puts its second widget under the first when they no longer fit side by
    side; its minimum width is the wider widget's, so the window may shrink to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(lambda: self.follow_width(self.width()))

    def _widgets(self) -> list[QWidget]:
        return [self.widget(i) for i in range(self.count())]

    def fits_side_by_side(self, width: int) -> bool:
        return width >= side_by_side_width(self._widgets(), self.handleWidth())

    def follow_width(self, width: int) -> bool:
        wanted = Qt.Orientation.Horizontal if self.fits_side_by_side(width) else Qt.Orientation.Vertical
        if wanted == self.orientation():
            return False
        self.setOrientation(wanted)
        if wanted == Qt.Orientation.Vertical and self.count() == 2:
            # The first part (e.g. the grid) keeps what it needs; the second gets the rest, up
            # to its own preferred height, so what it shows first (a sample, a button) is whole.
            first, second = self._widgets()
            total = max(self.height(), 1)
            first_min = _min_size(first).height()
            second_height = max(0, min(second.sizeHint().height(), total - first_min - self.handleWidth()))
            self.setSizes([total - second_height, second_height])
        return True

    def is_side_by_side(self) -> bool:
        return self.orientation() == Qt.Orientation.Horizontal

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        sizes = [_min_size(widget) for widget in self._widgets()]
        if not sizes:
            return super().minimumSizeHint()
        handles = self.handleWidth() * (len(sizes) - 1)
        # The stacked arrangement: widest part's width, the parts' heights added up.
        return QSize(max(s.width() for s in sizes), sum(s.height() for s in sizes) + handles)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.follow_width(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._refit.start()
        super().changeEvent(event)


def refit_pages(tabs: QTabWidget) -> None:
    """Make a tab widget (and its window) take its hidden pages' new minimum sizes.

    Qt re-measures a hidden page's nested layouts only when the page is shown, so after a
    smaller text size (Ctrl+0) the window kept the minimum size of the larger text until every
    tab had been visited. Invalidating every layout under the pages brings it back at once."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        for layout in page.findChildren(QLayout):
            layout.invalidate()
        # Layouts cache their items' size hints too: each widget drops its cached ones.
        for widget in page.findChildren(QWidget):
            widget.updateGeometry()
        page.updateGeometry()
    window = tabs.window()
    for layout in (tabs.layout(), window.layout()):
        if layout is not None:
            layout.invalidate()
    if window.layout() is not None:
        window.layout().activate()
