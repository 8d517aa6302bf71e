"""A 10×10 confusion matrix the class can click: rows are the true class, columns the prediction.

Painted by hand rather than a QTableView so the column names can stand upright-rotated and the
cells stay square at any text size. Colour encodes the share of the row (how much of this true
class went where): blue on the diagonal (right), vermillion off it (mistakes; Okabe–Ito, safe for
colour-blind eyes), so the worst confusions (Shirt ↔ T-shirt/top, Pullover ↔ Coat) light up without
reading a single number.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from core.classes import NUM_CLASSES
from gui.language import class_name, class_names, follow_language
from gui.widgets.verdict import CORRECT_COLOUR, WRONG_COLOUR

# Mistakes are rarer than hits, so their colour saturates at a smaller share of the row.
_WRONG_FULL_SHARE = 0.25
# The smallest cell, in text lines: a row name still fits beside it. Counts wider than their cell
# are drawn condensed, then smaller, so the whole matrix (all ten columns and rows) fits the side
# pane of a 1024×768 window at +4 instead of being cut off.
_MIN_CELL_LINES = 1.15
_CONDENSED = 85  # DejaVu Sans Condensed's own width; Qt picks a font's condensed face where it has one


def _min_cell(fm: QFontMetrics) -> int:
    return round(fm.height() * _MIN_CELL_LINES)


def _count_padding(fm: QFontMetrics) -> int:
    return max(4, fm.height() // 5)


def count_font(base: QFont, cell: int, matrix: np.ndarray) -> QFont:
    """The largest font in which every count of `matrix` fits a cell `cell` px wide: the text's own
    size if they fit, else each smaller pixel size, condensed before smaller (the training set's
    four-digit counts at +2: 10 px condensed; shrunk alone they were ~8 px and lost a digit)."""
    width = cell - _count_padding(QFontMetrics(base))
    counts = [str(int(count)) for count in np.unique(matrix)]
    font = QFont(base)
    for pixels in range(QFontInfo(base).pixelSize(), 0, -1):
        for stretch in (100, _CONDENSED):
            font = QFont(base)
            font.setPixelSize(pixels)
            font.setStretch(stretch)
            fm = QFontMetrics(font)
            # The ink's width, not the advance: the scaled advance rounded and cut a first digit off.
            if max(fm.boundingRect(text).width() for text in counts) <= width:
                return font
    return font


def _blend(base: QColor, background: QColor, amount: float) -> QColor:
    amount = float(min(1.0, max(0.0, amount)))
    return QColor(
        round(background.red() + (base.red() - background.red()) * amount),
        round(background.green() + (base.green() - background.green()) * amount),
        round(background.blue() + (base.blue() - background.blue()) * amount),
    )


class ConfusionMatrixWidget(QWidget):
    """Shows counts and colours; `cell_clicked(true, predicted)` when a cell is clicked."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: np.ndarray | None = None
        self._selected: tuple[int, int] | None = None
        self._hint = ""  # empty: the default hint, translated when painted
        self._count_key: tuple = ()
        self._count_font = QFont()  # what the last paint drew the counts in
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        """Class names change width with the language: new size hint and a repaint."""
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.updateGeometry()
        self.update()

    # -- API ---------------------------------------------------------------------------------
    def set_matrix(self, matrix: np.ndarray | None, hint: str = "") -> None:
        self._matrix = None if matrix is None else np.asarray(matrix, dtype=np.int64)
        if hint:
            self._hint = hint
        self.update()

    def matrix(self) -> np.ndarray | None:
        return self._matrix

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        """Outline the cell the grid is filtered to (None: no cell filter)."""
        self._selected = cell
        self.update()

    def selected(self) -> tuple[int, int] | None:
        return self._selected

    # -- geometry ----------------------------------------------------------------------------
    def _layout(self) -> tuple[int, int, int, int]:
        """(cell side, left edge of the grid, top edge of the grid, header gap) in pixels."""
        fm = QFontMetrics(self.font())
        name_width = max(fm.horizontalAdvance(name) for name in class_names())
        gap = fm.height()
        left = gap + name_width + fm.height() // 2  # room for the axis title and the row names
        top = gap + name_width + fm.height() // 2  # column names are written upwards
        available = min(self.width() - left - fm.height() // 2, self.height() - top - fm.height() // 2)
        cell = max(_min_cell(fm), available // NUM_CLASSES)
        return cell, left, top, gap

    def cell_rect(self, true_class: int, predicted_class: int) -> QRect:
        cell, left, top, _ = self._layout()
        return QRect(left + predicted_class * cell, top + true_class * cell, cell, cell)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        cell, left, top, _ = self._layout()
        column, row = int((x - left) // cell), int((y - top) // cell)
        if x >= left and y >= top and 0 <= row < NUM_CLASSES and 0 <= column < NUM_CLASSES:
            return row, column
        return None

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        name_width = max(fm.horizontalAdvance(name) for name in class_names())
        cell = round(fm.height() * 2.2)
        side = fm.height() * 2 + name_width + NUM_CLASSES * cell
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        name_width = max(fm.horizontalAdvance(name) for name in class_names())
        side = fm.height() * 2 + name_width + NUM_CLASSES * _min_cell(fm)
        return QSize(side, side)

    # -- events ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton and self._matrix is not None:
            self.cell_clicked.emit(*cell)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None and self._matrix is not None:
            true, predicted = cell
            count = int(self._matrix[true, predicted])
            # Qt's plural forms pick "1 image … show it"; the number keeps Python's 1,000 separator.
            text = self.tr(
                "true {true}, predicted {predicted}: {count:,} image(s)\nClick to show them", None, count
            ).format(true=class_name(true), predicted=class_name(predicted), count=count)
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        fm = QFontMetrics(self.font())
        cell, left, top, gap = self._layout()
        palette = self.palette()
        background = palette.base().color()
        text_colour = palette.text().color()
        grid_side = cell * NUM_CLASSES

        painter.setPen(text_colour)
        # Axis titles: "predicted →" above the column names, "true ↓" left of the row names.
        painter.drawText(QRect(left, 0, grid_side, gap), Qt.AlignmentFlag.AlignCenter, self.tr("predicted →"))
        painter.save()
        painter.translate(0, top + grid_side / 2)
        painter.rotate(-90)
        true_title = self.tr("← true")
        painter.drawText(QRectF(-grid_side / 2, 0, grid_side, gap), Qt.AlignmentFlag.AlignCenter, true_title)
        painter.restore()
        for k, name in enumerate(class_names()):
            row_rect = QRect(gap, top + k * cell, left - gap - fm.height() // 4, cell)
            painter.drawText(row_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            painter.save()
            painter.translate(QPointF(left + k * cell + cell / 2, top - fm.height() // 4))
            painter.rotate(-90)
            painter.drawText(
                QRectF(0, -fm.height() / 2, top - gap, fm.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            painter.restore()

        if self._matrix is None:
            painter.fillRect(QRect(left, top, grid_side, grid_side), palette.alternateBase())
            painter.drawText(
                QRect(left, top, grid_side, grid_side),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._hint or self.tr("No predictions yet."),
            )
            painter.end()
            return

        matrix = self._matrix
        row_totals = np.maximum(matrix.sum(axis=1), 1)
        key = (self.font().key(), cell, matrix.tobytes())
        if self._count_key != key:  # measuring takes dozens of fonts: once per matrix and size
            self._count_key = key
            self._count_font = count_font(self.font(), cell, matrix)
        painter.setFont(self._count_font)
        for true in range(NUM_CLASSES):
            for predicted in range(NUM_CLASSES):
                count = int(matrix[true, predicted])
                share = count / row_totals[true]
                if true == predicted:
                    fill = _blend(CORRECT_COLOUR, background, 0.15 + 0.85 * share)
                else:
                    fill = _blend(WRONG_COLOUR, background, share / _WRONG_FULL_SHARE if count else 0.0)
                rect = self.cell_rect(true, predicted)
                painter.fillRect(rect, fill)
                lightness = fill.lightnessF()
                painter.setPen(
                    QColor(Qt.GlobalColor.white) if lightness < 0.55 else QColor(Qt.GlobalColor.black)
                )
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        grid_pen = QPen(palette.mid().color())
        painter.setPen(grid_pen)
        for k in range(NUM_CLASSES + 1):
            painter.drawLine(left + k * cell, top, left + k * cell, top + grid_side)
            painter.drawLine(left, top + k * cell, left + grid_side, top + k * cell)
        if self._selected is not None:
            pen = QPen(palette.highlight().color())
            pen.setWidth(max(2, fm.height() // 6))
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(*self._selected).adjusted(1, 1, -1, -1))
        painter.end()
