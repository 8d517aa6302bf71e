"""The Browse grid's item model and thumbnail painter: one list model, no widget per image.

The model's rows are a numpy index array (the filtered and sorted view into one split), so a
filter or sort is a single `core.lesson.metrics` call followed by one model reset, even for 60,000 rows.
The delegate paints each visible thumbnail straight from the uint8 array; nothing is cached per
item, so memory stays flat however far the teacher scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFontInfo, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from core.lesson.metrics import SampleStats, filter_indices, sample_stats, sort_indices
from gui.language import class_name, class_names, current_language, notifier
from gui.widgets.pixel_image import grey_qimage
from gui.widgets.verdict import CORRECT_COLOUR, WRONG_COLOUR  # frames: blue right, vermillion wrong

UNKNOWN_COLOUR = QColor(128, 128, 128)
# A Latin font's line height per pixel of font size (DejaVu Sans: 1.164): the thumbnails keep the
# size they had in English, in any language.
ENGLISH_LINE_PER_EM = 1.164

# Custom roles, for tests and anyone reading the model without the delegate.
SAMPLE_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
TRUE_LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
PREDICTED_LABEL_ROLE = Qt.ItemDataRole.UserRole + 3  # None before predictions arrive
CORRECT_ROLE = Qt.ItemDataRole.UserRole + 4  # None before predictions arrive
IMAGE_ROLE = Qt.ItemDataRole.UserRole + 5  # uint8 [28, 28] numpy view


@dataclass(frozen=True)
class Filter:
    true_class: int | None = None
    predicted_class: int | None = None
    only_wrong: bool = False


def gray_image(image28: np.ndarray) -> QImage:
    """A QImage over the pixels for painting right away (no copy: pyqtgraph's ndarray_to_qimage).

    The thumbnail delegate calls this for every visible thumbnail on every scroll step; without
    the two copies the old code made it takes about a quarter less time (~9 → ~7 µs per image)."""
    return grey_qimage(image28)


def widest_class_name(fm: QFontMetrics) -> int:
    """Pixels that fit every class name unelided (advance widths round down, so add slack)."""
    return max(fm.horizontalAdvance(name) for name in class_names()) + fm.horizontalAdvance(" ")


class SampleModel(QAbstractListModel):
    """One split's samples seen through the current model, filtered and sorted."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._images = np.zeros((0, 28, 28), dtype=np.uint8)
        self._labels = np.zeros(0, dtype=np.int64)
        self._probabilities: np.ndarray | None = None
        self._stats: SampleStats | None = None
        self._rows = np.zeros(0, dtype=np.int64)
        self._filter = Filter()
        self._order = "index"
        # Labels and tooltips name classes in the window's language: views re-read them all.
        notifier().changed.connect(self._language_changed)

    def _language_changed(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # -- inputs ------------------------------------------------------------------------------
    def set_samples(self, images: np.ndarray, labels: np.ndarray) -> None:
        """A new split (or dataset): predictions for the old one no longer apply."""
        images = np.asarray(images)
        labels = np.asarray(labels, dtype=np.int64)
        if images.ndim != 3 or len(images) != len(labels):
            raise ValueError(f"need images [N, H, W] and N labels, got {images.shape} and {labels.shape}")
        self._images, self._labels = images, labels
        self._probabilities, self._stats = None, None
        self._rebuild()

    def set_probabilities(self, probabilities: np.ndarray | None) -> None:
        """New model output for every sample of the split (None: no model yet)."""
        if probabilities is not None and len(probabilities) != len(self._labels):
            raise ValueError(f"{len(probabilities)} predictions for {len(self._labels)} samples")
        self._probabilities = probabilities
        self._stats = None if probabilities is None else sample_stats(probabilities, self._labels)
        self._rebuild()

    def set_filter(self, new_filter: Filter) -> None:
        if new_filter != self._filter:
            self._filter = new_filter
            self._rebuild()

    def set_order(self, order: str) -> None:
        if order != self._order:
            self._order = order
            self._rebuild()

    def _rebuild(self) -> None:
        """Recompute the rows; when they did not change (new weights, index order) only repaint,
        so the teacher's scroll position and selection survive every refresh during training."""
        predicted = None if self._stats is None else self._stats.predicted
        kept = filter_indices(
            self._labels,
            predicted,
            true_class=self._filter.true_class,
            predicted_class=self._filter.predicted_class,
            only_wrong=self._filter.only_wrong,
        )
        rows = sort_indices(kept, self._order, self._stats)
        if np.array_equal(rows, self._rows):
            if len(rows):
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # -- reading -----------------------------------------------------------------------------
    def filter(self) -> Filter:
        return self._filter

    def order(self) -> str:
        return self._order

    def stats(self) -> SampleStats | None:
        return self._stats

    def labels(self) -> np.ndarray:
        return self._labels

    def total_count(self) -> int:
        return len(self._labels)

    def visible_indices(self) -> np.ndarray:
        """Sample indices in display order (a copy, so callers cannot disturb the view)."""
        return self._rows.copy()

    def sample_index(self, row: int) -> int:
        return int(self._rows[row])

    def row_of(self, sample_index: int) -> int | None:
        """The row that shows `sample_index`, or None when the filter hides it."""
        hits = np.flatnonzero(self._rows == sample_index)
        return int(hits[0]) if len(hits) else None

    def image(self, sample_index: int) -> np.ndarray:
        return self._images[sample_index]

    def true_label(self, sample_index: int) -> int:
        return int(self._labels[sample_index])

    def predicted_label(self, sample_index: int) -> int | None:
        return None if self._stats is None else int(self._stats.predicted[sample_index])

    def probabilities_of(self, sample_index: int) -> np.ndarray | None:
        return None if self._probabilities is None else np.asarray(self._probabilities[sample_index])

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        sample = int(self._rows[index.row()])
        predicted = self.predicted_label(sample)
        true = int(self._labels[sample])
        if role == Qt.ItemDataRole.DisplayRole:
            return class_name(predicted) if predicted is not None else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(sample, true, predicted)
        if role == SAMPLE_INDEX_ROLE:
            return sample
        if role == TRUE_LABEL_ROLE:
            return true
        if role == PREDICTED_LABEL_ROLE:
            return predicted
        if role == CORRECT_ROLE:
            return None if predicted is None else predicted == true
        if role == IMAGE_ROLE:
            return self._images[sample]
        return None

    def _describe(self, sample: int, true: int, predicted: int | None) -> str:
        if predicted is None or self._stats is None:
            return QCoreApplication.translate("SampleModel", "#{sample}: true {true}").format(
                sample=sample, true=class_name(true)
            )
        return QCoreApplication.translate(
            "SampleModel", "#{sample}: true {true}, predicted {predicted} ({confidence:.0%})"
        ).format(
            sample=sample,
            true=class_name(true),
            predicted=class_name(predicted),
            confidence=self._stats.confidence[sample],
        )


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints image, predicted label and a right/wrong frame; sizes follow the app font.

    paint() runs for every visible thumbnail on every scroll step (100+ per frame), so what only
    depends on the font (geometry, elided labels) is computed once per font and reused.
    """

    def __init__(self, model: SampleModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self._font_key: tuple[float, str, str] = (0.0, "", "")
        self._fm: QFontMetrics | None = None
        self._geometry = (0, 0, 0)
        self._labels: dict[tuple[str, int], str] = {}

    @staticmethod
    def metrics_for(option_font) -> tuple[int, int, int]:
        """(image side, frame width, padding) in pixels for the given font.

        From the font's size, not its line height: a Chinese font's lines are a quarter taller, and
        images sized by them left ~1.5 rows of the grid in view at +4 (the same size as in English)."""
        line = QFontInfo(option_font).pixelSize() * ENGLISH_LINE_PER_EM
        return max(28, round(line * 3.2)), max(2, round(line / 7)), max(2, round(line / 5))

    def _use_font(self, font) -> QFontMetrics:
        # QFont.key() is slow enough to show in profiles; the language changes the class names.
        key = (font.pointSizeF(), font.family(), current_language())
        if key != self._font_key or self._fm is None:
            self._font_key, self._fm = key, QFontMetrics(font)
            self._geometry = self.metrics_for(font)
            self._labels.clear()
        return self._fm

    def _label(self, predicted: int | None, width: int) -> str:
        key = (f"{predicted}", width)
        text = self._labels.get(key)
        if text is None:
            fm = self._fm
            assert fm is not None
            # The model's answer alone: a wrong one is marked by the ✗ on its image, which no
            # name is too long for ("✗ T-shirt/top" did not fit and lost its ✗).
            text = "…" if predicted is None else class_name(predicted)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._labels[key] = text
        return text

    @staticmethod
    def wrong_mark_rect(frame_rect: QRect) -> QRect:
        """The ✗ badge: a disc on the frame's top-right corner, sized by the image (a Chinese font's
        taller lines made a line-high disc hide a third of the picture)."""
        side = max(12, round(frame_rect.width() * 0.28))
        return QRect(frame_rect.right() - side + 1, frame_rect.top(), side, side)

    def _paint_wrong_mark(self, painter: QPainter, frame_rect: QRect) -> None:
        """Wrong is never said by colour alone: a white-ringed vermillion disc with a white ✗ (the
        summary's key, "✗ wrong"), as the Class tab's gallery marks its drawings. The cross is two
        strokes, not the glyph: a font's ✗ at badge size was a hairline."""
        badge = QRectF(self.wrong_mark_rect(frame_rect))
        ring = max(1.0, badge.width() / 12)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(Qt.GlobalColor.white), ring))
        painter.setBrush(WRONG_COLOUR)
        painter.drawEllipse(badge.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2))
        arm = badge.width() * 0.22
        centre = badge.center()
        cross = QPen(QColor(Qt.GlobalColor.white), max(1.5, badge.width() / 7))
        cross.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(cross)
        painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
        painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        fm = self._use_font(option.font)
        side, frame, pad = self._geometry
        width = max(side + 2 * frame, widest_class_name(fm)) + 2 * pad  # whole names: no "Ankle b…"
        return QSize(width, side + 2 * frame + fm.height() + 3 * pad)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        model = self._model
        row = index.row()
        if not 0 <= row < model.rowCount():
            return
        sample = model.sample_index(row)
        predicted = model.predicted_label(sample)
        correct = None if predicted is None else predicted == model.true_label(sample)
        colour = UNKNOWN_COLOUR if correct is None else (CORRECT_COLOUR if correct else WRONG_COLOUR)
        fm = self._use_font(option.font)
        side, frame, pad = self._geometry
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)

        painter.save()
        rect: QRect = option.rect
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.highlight())
        frame_rect = QRect(
            rect.x() + (rect.width() - side) // 2 - frame, rect.y() + pad, side + 2 * frame, side + 2 * frame
        )
        painter.fillRect(frame_rect, colour)
        image_rect = frame_rect.adjusted(frame, frame, -frame, -frame)
        # Nearest-neighbour scaling keeps each of the 28×28 pixels visible as a crisp square.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(image_rect, gray_image(model.image(sample)))
        if correct is False:
            self._paint_wrong_mark(painter, frame_rect)

        text_rect = QRect(rect.x() + pad, frame_rect.bottom() + pad, rect.width() - 2 * pad, fm.height())
        if selected:
            painter.setPen(palette.highlightedText().color())
        else:
            painter.setPen(palette.text().color() if correct is not False else WRONG_COLOUR)
        painter.setFont(option.font)
        label = self._label(predicted, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(palette.highlight().color())
            pen.setWidth(frame)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()
