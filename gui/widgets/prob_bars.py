"""Ten horizontal bars, one per class: what a softmax output *is*, drawn so a room can read it.

Shared by the Draw and Browse tabs. Painted by hand (not ten QProgressBars) so an update while
drawing costs one repaint, and every size comes from the font, so the bars grow with the
app-wide text size on a projector.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.classes import NUM_CLASSES
from gui.language import class_names, follow_language

# Softmax outputs in float32 sum to 1 within rounding; anything further off is not probabilities
# (most likely raw logits), and showing those as percentages would teach the wrong thing.
SUM_TOLERANCE = 1e-3
TOP_COLOUR = QColor("#f0a030")  # warm amber: stands out on a projector in light and dark themes
OTHER_COLOUR = QColor("#5b8bd0")
TRUE_CLASS_COLOUR = QColor("#3fae5a")
ROW_LINES = 1.45  # row height in text lines, where there is room
MIN_ROW_LINES = 1.1  # squeezed (and compact) row height, in text lines


class ProbabilityBars(QWidget):
    """One bar per class with its name and percentage; the most probable class highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._probs: np.ndarray | None = None
        self._hint = ""
        self._sorted = False
        self._true_class: int | None = None
        self._compact = False
        self._names_shown = True
        self._min_bar_chars = 10  # the shortest bar, in average character widths
        self._min_row_lines = MIN_ROW_LINES  # the lowest row, in text lines
        self._fixed_order: list[int] | None = None  # rows in another set's order (set_row_order)
        self._names: tuple[str, ...] = class_names()
        self._own_names = False  # True once set_class_names chose names; else they follow the language
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        if not self._own_names:
            self._names = class_names()
        self.setAccessibleName(self.tr("class probabilities"))
        self._describe()
        self.updateGeometry()
        self.update()

    # -- public API --------------------------------------------------------------------
    def set_probabilities(self, probs: np.ndarray | None, hint: str = "") -> None:
        """Show softmax probabilities [10] (they must sum to 1), or None for the neutral state."""
        if probs is None:
            self._probs = None
        else:
            values = np.asarray(probs, dtype=np.float64).reshape(-1)
            if values.shape != (NUM_CLASSES,):
                raise ValueError(f"expected {NUM_CLASSES} probabilities, got shape {np.shape(probs)}")
            if not np.all(np.isfinite(values)) or values.min() < -SUM_TOLERANCE:
                raise ValueError("probabilities must be finite and not negative (were logits passed?)")
            if abs(values.sum() - 1.0) > SUM_TOLERANCE:
                raise ValueError(f"probabilities must sum to 1, these sum to {values.sum():.4f}")
            self._probs = np.clip(values, 0.0, 1.0)
        self._hint = hint
        self._describe()
        self.update()

    def probabilities(self) -> np.ndarray | None:
        return None if self._probs is None else self._probs.copy()

    def hint(self) -> str:
        return self._hint

    def set_sorted(self, sort: bool) -> None:
        """Most probable first (easy to read) or fixed label order (easy to compare)."""
        self._sorted = bool(sort)
        self.update()

    def is_sorted(self) -> bool:
        return self._sorted

    def set_true_class(self, index: int | None) -> None:
        """Mark the correct class (the browser knows it; a drawing does not)."""
        self._true_class = index
        self.update()

    def set_class_names(self, names: tuple[str, ...] | list[str]) -> None:
        if len(names) != NUM_CLASSES:
            raise ValueError(f"expected {NUM_CLASSES} class names, got {len(names)}")
        self._names = tuple(names)
        self._own_names = True
        self.updateGeometry()
        self.update()

    def top_class(self) -> int | None:
        return None if self._probs is None else int(np.argmax(self._probs))

    def row_order(self) -> list[int]:
        """Class indices from the top row down, as currently drawn."""
        if self._fixed_order is not None:
            return list(self._fixed_order)
        if self._sorted and self._probs is not None:
            return [int(i) for i in np.argsort(-self._probs, kind="stable")]
        return list(range(NUM_CLASSES))

    def set_names_shown(self, shown: bool) -> None:
        """Without names, a set placed right of another reads row for row beside it (see
        set_row_order) in far less width: two sets fit where one with names did."""
        self._names_shown = bool(shown)
        self.updateGeometry()
        self.update()

    def set_minimum(self, bar_chars: int, row_lines: float) -> None:
        """The shortest bars (in average character widths, 10 unless told) and lowest rows (in
        text lines, MIN_ROW_LINES unless told): two sets side by side beside the board may each
        go smaller than one alone, so both fit a 768-px projector at large text."""
        self._min_bar_chars = int(bar_chars)
        self._min_row_lines = float(row_lines)
        self.updateGeometry()

    def set_row_order(self, order: list[int] | None) -> None:
        """Draw the rows in this order (another set's, so the rows line up), or None: own order."""
        if order is not None and sorted(order) != list(range(NUM_CLASSES)):
            raise ValueError(f"a row order names each of the {NUM_CLASSES} classes once, not {order}")
        self._fixed_order = None if order is None else [int(i) for i in order]
        self.update()

    # -- geometry ----------------------------------------------------------------------
    def _row_height(self) -> float:
        return self.fontMetrics().height() * (MIN_ROW_LINES if self._compact else ROW_LINES)

    def set_compact(self, compact: bool) -> None:
        """Ask for rows only a little more than a line high (MIN_ROW_LINES) even when there is
        room: for a pane that is short on a projector and must not grow past the screen."""
        self._compact = bool(compact)
        self.updateGeometry()
        self.update()

    def _names_width(self) -> int:
        """Room for the widest class name in bold, since any class can become the top one."""
        if not self._names_shown:
            return 0
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        metrics = QFontMetrics(bold_font)
        return max(metrics.horizontalAdvance(name) for name in self._names)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        names = self._names_width()
        width = names + metrics.horizontalAdvance("100.0%") + metrics.averageCharWidth() * 24
        spare = 0.0 if self._compact else metrics.height() * 0.5
        return QSize(int(width), int(self._row_height() * NUM_CLASSES + spare))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        names = self._names_width()
        width = names + metrics.horizontalAdvance("100.0%") + metrics.averageCharWidth() * self._min_bar_chars
        # Rows may close up to a little more than a line each: on a 768-px projector at large
        # text the ten bars must fit beside the board, not push it off screen.
        return QSize(int(width), int(metrics.height() * self._min_row_lines * NUM_CLASSES))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        gap = metrics.averageCharWidth()
        name_width = self._names_width() + gap if self._names_shown else 0.0
        percent_width = metrics.horizontalAdvance("100.0%") + gap
        row_height = min(self._row_height(), self.height() / NUM_CLASSES)
        top_offset = max(0.0, (self.height() - row_height * NUM_CLASSES) / 2)
        bar_left = name_width + gap
        bar_width = max(1.0, self.width() - bar_left - percent_width - gap)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        track = QColor(text_colour)
        track.setAlphaF(0.12)
        top = self.top_class()
        normal_font = QFont(self.font())
        bold_font = QFont(self.font())
        bold_font.setBold(True)

        for row, index in enumerate(self.row_order()):
            y = top_offset + row * row_height
            is_top = index == top
            painter.setFont(bold_font if is_top else normal_font)
            painter.setPen(text_colour)
            name_rect = QRectF(0, y, name_width, row_height)
            align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if self._names_shown:
                painter.drawText(name_rect, align_right, self._names[index])
            bar_rect = QRectF(bar_left, y + row_height * 0.18, bar_width, row_height * 0.64)
            radius = bar_rect.height() * 0.2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar_rect, radius, radius)
            if index == self._true_class:
                painter.setPen(QPen(TRUE_CLASS_COLOUR, max(2.0, metrics.height() / 8)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(bar_rect, radius, radius)
                painter.setPen(Qt.PenStyle.NoPen)
            percent_text = "–"
            if self._probs is not None:
                value = float(self._probs[index])
                filled = QRectF(bar_rect)
                filled.setWidth(bar_rect.width() * value)
                painter.setBrush(TOP_COLOUR if is_top else OTHER_COLOUR)
                if filled.width() > 0.5:
                    painter.drawRoundedRect(filled, radius, radius)
                percent_text = f"{100 * value:.1f}%"
            painter.setPen(text_colour)
            percent_rect = QRectF(bar_left + bar_width + gap, y, percent_width, row_height)
            painter.drawText(percent_rect, align_right, percent_text)

        if self._probs is None and self._hint:
            self._paint_hint(painter, metrics.height())
        painter.end()

    def _hint_area(self) -> QRectF:
        """Where the hint's text may go: over the bars and percentages, right of the class names, so
        the names stay readable under it (it covered "Coat" and "Sandal")."""
        metrics = self.fontMetrics()
        line_height = metrics.height()
        left = self._names_width() + 2 * metrics.averageCharWidth() if self._names_shown else 0.0
        margin_x = line_height * 0.8  # the plate's padding: it must not reach the names either
        return QRectF(self.rect()).adjusted(left + margin_x, line_height, -margin_x, -line_height)

    def hint_plate(self) -> QRectF:
        """The hint's plate (its text and padding) in the widget's coordinates; empty without one."""
        if self._probs is not None or not self._hint:
            return QRectF()
        line_height = self.fontMetrics().height()
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        area = self._hint_area().toRect()
        text_rect = QRectF(self.fontMetrics().boundingRect(area, int(flags), self._hint))
        pad_x, pad_y = line_height * 0.8, line_height * 0.5
        # Within the bars: the area rounded to whole pixels put it 0.2 px past the edge at +4.
        return text_rect.adjusted(-pad_x, -pad_y, pad_x, pad_y).intersected(QRectF(self.rect()))

    def _paint_hint(self, painter: QPainter, line_height: float) -> None:
        """The neutral state's message, on a plate over the empty bars so it is read first."""
        painter.setFont(self.font())
        area = self._hint_area()
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        plate = self.hint_plate()
        background = QColor(self.palette().color(QPalette.ColorRole.Window))
        background.setAlphaF(0.92)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(plate, line_height * 0.4, line_height * 0.4)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(area.toRect(), int(flags), self._hint)  # as hint_plate measured it

    def _describe(self) -> None:
        """Tooltip and screen-reader text: the same numbers in words."""
        if self._probs is None:
            text = self._hint or self.tr("no prediction")
        else:
            order = np.argsort(-self._probs)[:3]
            text = ", ".join(f"{self._names[i]} {100 * self._probs[i]:.1f}%" for i in order)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
