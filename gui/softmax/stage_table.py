"""Stages of the softmax as columns of ten bars, left to right, the class names drawn once.

One hand-painted widget instead of forty labels and bars: an update while the student draws is
one repaint, and the layout can wrap. When the columns do not fit side by side (a projector's
large text on a 1024-px screen) they continue on a new band below, each band with its own class
names, so nothing is cut off and nothing scrolls sideways. `heightForWidth` tells the scroll area
how tall that makes it.

inf and NaN are values here, not errors: they are what the naive softmax produces, so they get a
full, hatched bar in a warning colour and the word itself instead of a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.classes import NUM_CLASSES
from gui.language import class_names

# Okabe–Ito: readable for every common colour-vision deficiency, and on a projector.
POSITIVE = QColor("#D55E00")  # vermillion: pushes up / positive
NEGATIVE = QColor("#0072B2")  # blue: negative
PROBABILITY = QColor("#56B4E9")  # sky blue
TOP = QColor("#E69F00")  # orange: the most probable class
TRUE = QColor("#009E73")  # bluish green: the true class y
BROKEN = QColor("#CC79A7")  # reddish purple: inf / NaN

SIGNED, POSITIVE_KIND, PROBABILITY_KIND = "signed", "positive", "probability"


@dataclass
class Column:
    """One stage: a heading, its formula in the lesson's notation, ten values and a footer."""

    title: str
    formula: str
    values: np.ndarray | None
    kind: str = SIGNED  # SIGNED bars grow both ways from 0; POSITIVE from the left; PROBABILITY 0..1
    footer: str = ""
    digits: int = 2  # decimals for ordinary numbers
    # The value a full half-bar stands for; None: the column's largest |value|. A fixed one lets
    # sizes be compared from image to image (ŷ − y always lies in [−1, 1]).
    reach: float | None = None


def bar_reach(column: Column) -> float:
    """The |value| a column draws as a full bar (a half-bar for SIGNED columns)."""
    values = None if column.values is None else np.asarray(column.values, dtype=np.float64)
    if column.kind == PROBABILITY_KIND:
        return 1.0
    if values is not None and np.any(np.isposinf(values)):
        return math.inf  # next to inf every finite exp is nothing: draw it so
    if column.reach is not None:
        return column.reach
    finite = values[np.isfinite(values)] if values is not None else np.zeros(0)
    reach = float(np.max(np.abs(finite))) if finite.size else 1.0
    return reach if reach > 0 else 1.0


def format_value(value: float, kind: str, digits: int = 2) -> str:
    """A number as a class can read it: inf/NaN as words, probabilities as %, huge ones as 1.2e+38."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "−inf"
    if kind == PROBABILITY_KIND:
        return f"{100 * value:.1f}%"
    magnitude = abs(value)
    if magnitude >= 1e4 or (0 < magnitude < 10 ** (-digits) and kind == POSITIVE_KIND):
        text = f"{value:.2e}"
    elif kind == SIGNED:
        text = f"{value:+.{digits}f}"
    else:
        text = f"{value:.{digits}f}"
    return text.replace("-", "−")


class StageTable(QWidget):
    """Columns of bars for the ten classes, wrapping into bands when narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns: list[Column] = []
        self._names: tuple[str, ...] = class_names()  # the panel re-sets them on a language switch
        self._top: int | None = None
        self._true: int | None = None
        self._hint = ""
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- data ------------------------------------------------------------------------------
    def set_columns(
        self, columns: list[Column], *, top: int | None = None, true_class: int | None = None
    ) -> None:
        reshape = [c.title for c in columns] != [c.title for c in self._columns] or len(columns) != len(
            self._columns
        )
        self._columns = columns
        self._top, self._true = top, true_class
        self._hint = ""
        if reshape:
            self.updateGeometry()
        self.update()

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_hint(self, text: str) -> None:
        """A sentence drawn instead of the bars (no model yet, no image yet)."""
        self._hint = text
        self.update()

    def hint(self) -> str:
        return self._hint

    def set_class_names(self, names: tuple[str, ...] | list[str]) -> None:
        self._names = tuple(names)
        self.updateGeometry()
        self.update()

    # -- geometry --------------------------------------------------------------------------
    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _row_height(self) -> float:
        return self.fontMetrics().height() * 1.35

    def _names_width(self) -> float:
        metrics = QFontMetrics(self._title_font())
        return max(metrics.horizontalAdvance(name) for name in self._names) + metrics.horizontalAdvance("0")

    def _number_width(self) -> float:
        return self.fontMetrics().horizontalAdvance("−8.88e+88") + self.fontMetrics().horizontalAdvance("0")

    def _gap(self) -> float:
        return self.fontMetrics().horizontalAdvance("0") * 3.0  # room for the arrow between stages

    def _column_min(self) -> float:
        return self._number_width() + self.fontMetrics().horizontalAdvance("0") * 8

    def _per_band(self, width: float) -> int:
        count = max(1, len(self._columns))
        room = width - self._names_width()
        return max(1, min(count, int((room + self._gap()) // (self._column_min() + self._gap()))))

    def _column_width(self, width: float, per_band: int) -> float:
        room = width - self._names_width() - self._gap() * (per_band - 1)
        return max(self._column_min(), room / per_band)

    def _text_height(self, text: str, font: QFont, width: float) -> float:
        if not text:
            return 0.0
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(0, 0, max(1, int(width)), 10_000, flags, text).height()

    def _band_heights(self, band: list[Column], col_width: float) -> tuple[float, float]:
        header = max(
            self._text_height(c.title, self._title_font(), col_width)
            + self._text_height(c.formula, self.font(), col_width)
            for c in band
        )
        footer = max(self._text_height(c.footer, self.font(), col_width) for c in band)
        return header + self.fontMetrics().height() * 0.3, footer

    def _bands(self, width: float) -> list[list[Column]]:
        per_band = self._per_band(width)
        return [self._columns[i : i + per_band] for i in range(0, len(self._columns), per_band)] or [[]]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if not self._columns:
            return int(self._row_height() * NUM_CLASSES)
        col_width = self._column_width(width, self._per_band(width))
        total = 0.0
        for band in self._bands(width):
            header, footer = self._band_heights(band, col_width)
            total += header + self._row_height() * NUM_CLASSES + footer + self.fontMetrics().height() * 0.8
        return int(math.ceil(total))

    def sizeHint(self) -> QSize:  # noqa: N802
        count = max(1, len(self._columns))
        width = self._names_width() + count * (
            self._number_width() + self.fontMetrics().horizontalAdvance("0") * 14
        )
        width += self._gap() * (count - 1)
        return QSize(int(width), self.heightForWidth(int(width)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = int(self._names_width() + self._column_min())
        return QSize(width, int(self._row_height() * NUM_CLASSES))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        if self._hint or not self._columns:
            painter.setPen(text_colour)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(QRectF(self.rect()), int(flags), self._hint)
            painter.end()
            return
        width = self.width()
        per_band = self._per_band(width)
        col_width = self._column_width(width, per_band)
        y = 0.0
        for band in self._bands(width):
            header, footer = self._band_heights(band, col_width)
            self._paint_band(painter, band, y, header, col_width, text_colour)
            y += header + self._row_height() * NUM_CLASSES + footer + self.fontMetrics().height() * 0.8
        painter.end()

    def _paint_band(
        self, painter: QPainter, band: list[Column], top: float, header: float, col_width: float, text: QColor
    ) -> None:
        metrics = self.fontMetrics()
        row_h = self._row_height()
        names_w = self._names_width()
        rows_top = top + header
        wrap = int(Qt.TextFlag.TextWordWrap)
        # Class names, once per band; the top class bold, the true class marked in green.
        for index in range(NUM_CLASSES):
            rect = QRectF(0, rows_top + index * row_h, names_w - metrics.horizontalAdvance("0"), row_h)
            font = self._title_font() if index == self._top else self.font()
            painter.setFont(font)
            painter.setPen(TRUE if index == self._true else text)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self._names[index]
            )
            if index == self._true:
                painter.setPen(QPen(TRUE, max(2.0, metrics.height() / 8)))
                painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        for position, column in enumerate(band):
            left = names_w + position * (col_width + self._gap())
            if position > 0:
                painter.setFont(self._title_font())
                painter.setPen(text)
                arrow = QRectF(left - self._gap(), rows_top, self._gap(), row_h * NUM_CLASSES)
                painter.drawText(arrow, int(Qt.AlignmentFlag.AlignCenter), "→")
            title_h = self._text_height(column.title, self._title_font(), col_width)
            painter.setFont(self._title_font())
            painter.setPen(text)
            painter.drawText(QRectF(left, top, col_width, title_h), wrap, column.title)
            painter.setFont(self.font())
            painter.drawText(QRectF(left, top + title_h, col_width, header - title_h), wrap, column.formula)
            self._paint_bars(painter, column, left, rows_top, col_width, text)
            if column.footer:
                footer_top = rows_top + row_h * NUM_CLASSES
                painter.setFont(self.font())
                painter.setPen(text)
                painter.drawText(
                    QRectF(left, footer_top, col_width, metrics.height() * 4), wrap, column.footer
                )

    def _paint_bars(
        self, painter: QPainter, column: Column, left: float, top: float, width: float, text: QColor
    ) -> None:
        metrics = self.fontMetrics()
        row_h = self._row_height()
        number_w = self._number_width()
        bar_w = max(1.0, width - number_w)
        track = QColor(text)
        track.setAlphaF(0.10)
        values = None if column.values is None else np.asarray(column.values, dtype=np.float64)
        reach = bar_reach(column)
        zero_x = left + (bar_w / 2 if column.kind == SIGNED else 0.0)
        half = bar_w / 2 if column.kind == SIGNED else bar_w
        for index in range(NUM_CLASSES):
            y = top + index * row_h
            bar = QRectF(left, y + row_h * 0.15, bar_w, row_h * 0.7)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRect(bar)
            label = "–"
            if values is not None:
                value = float(values[index])
                label = format_value(value, column.kind, column.digits)
                if not math.isfinite(value):
                    painter.setBrush(QBrush(BROKEN, Qt.BrushStyle.BDiagPattern))
                    painter.setPen(QPen(BROKEN, max(1.5, metrics.height() / 10)))
                    painter.drawRect(bar)
                else:
                    length = min(1.0, abs(value) / reach) * half
                    if column.kind == SIGNED:
                        colour = POSITIVE if value > 0 else NEGATIVE
                        x = zero_x if value > 0 else zero_x - length
                    else:
                        colour = TOP if index == self._top else PROBABILITY
                        x = zero_x
                    painter.setBrush(colour)
                    painter.drawRect(QRectF(x, bar.top(), length, bar.height()))
            if column.kind == SIGNED:
                painter.setPen(QPen(text, 1))
                painter.drawLine(int(zero_x), int(bar.top()), int(zero_x), int(bar.bottom()))
            is_broken = label in ("inf", "−inf", "NaN")
            font = self._title_font() if (index == self._top or is_broken) else self.font()
            painter.setFont(font)
            painter.setPen(BROKEN if is_broken else text)
            align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(QRectF(left + bar_w, y, number_w, row_h), align, label)


def sentence_number(value: float, digits: int = 2) -> str:
    """Numbers inside sentences and footers: inf and NaN as words, huge or tiny ones in
    e-notation, a real minus sign."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "−inf"
    tiny = 0 < abs(value) < 10**-digits
    text = f"{value:.2e}" if abs(value) >= 1e5 or tiny else f"{value:.{digits}f}"
    return text.replace("-", "−")
