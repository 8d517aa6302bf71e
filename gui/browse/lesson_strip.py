"""The lesson's closing picture: a row of test images titled "true / predicted", as in d2l's
`show_fashion_mnist(X[0:9], titles[0:9])`, which the teacher can save as a PNG for slides."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.browse.sample_model import WRONG_COLOUR, gray_image, widest_class_name
from gui.file_writing import explain_write_error, write_png
from gui.language import class_name, follow_language
from gui.stored_settings import read_bool
from gui.user_folders import in_pictures

STRIP_LENGTH = 9  # as in the lesson: show_fashion_mnist(X[0:9], titles[0:9])
# Below this screen height (a 1024×768 projector) the strip starts folded: the grid needs the
# third of the tab's height it takes. The teacher's own choice, once made, is kept instead.
ROOM_FOR_STRIP_PX = 900


def screen_has_room_for_strip() -> bool:
    screen = QGuiApplication.primaryScreen()
    return screen is None or screen.availableGeometry().height() >= ROOM_FOR_STRIP_PX


@dataclass(frozen=True)
class Arrangement:
    """How the strip's images sit: `columns` × `rows`, each `column` px wide, images `side` px."""

    columns: int
    rows: int
    column: int
    side: int


class FashionStrip(QWidget):
    """Images side by side, each under its two-line "true / predicted" title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = np.zeros((0, 28, 28), dtype=np.uint8)
        self._true: list[int] = []
        self._predicted: list[int | None] = []
        self._hint = ""  # empty: the default hint, translated when painted
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAutoFillBackground(True)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        """Class names are painted in the window's language (and saved so in the PNG)."""
        self.setAccessibleName(self.tr("True and predicted labels of the first images"))
        self.updateGeometry()
        self.update()

    def set_samples(
        self,
        images: np.ndarray,
        true_labels: np.ndarray,
        predicted_labels: np.ndarray | None,
        hint: str = "",
    ) -> None:
        self._images = np.asarray(images, dtype=np.uint8)
        self._true = [int(t) for t in true_labels]
        self._predicted = (
            [None] * len(self._true) if predicted_labels is None else [int(p) for p in predicted_labels]
        )
        if hint:
            self._hint = hint
        self.updateGeometry()
        self.update()

    def titles(self) -> list[str]:
        """The d2l titles, "true\\npredicted" ("?" while the model has not answered yet)."""
        return [
            f"{class_name(t)}\n{class_name(p) if p is not None else '?'}"
            for t, p in zip(self._true, self._predicted, strict=True)
        ]

    def _gap(self) -> int:
        return max(4, QFontMetrics(self.font()).height() // 2)

    def _title_height(self) -> int:
        """Two lines of names and the gaps around them: what every image carries above it."""
        return 2 * QFontMetrics(self.font()).height() + 3 * self._gap()

    def _count(self) -> int:
        return len(self._true) or STRIP_LENGTH

    def arrangement(self, width: int, height: int) -> Arrangement:
        """The largest images that fit `width` × `height` with every name whole.

        The columns are never narrower than the widest class name (so no "A…" or "连…"), and the
        images wrap into as many rows as that takes; among the column counts that keep names
        whole, the one with the largest images wins (at a projector's text size, 3×3 beats 9×1)."""
        count, gap = self._count(), self._gap()
        widest = widest_class_name(QFontMetrics(self.font()))
        best: Arrangement | None = None
        for columns in range(min(count, STRIP_LENGTH), 0, -1):
            column = (width - gap) // columns - gap
            if column < widest and columns > 1:
                continue
            rows = -(-count // columns)
            side = max(1, min(column, (height - gap) // rows - self._title_height()))
            if best is None or side > best.side:
                best = Arrangement(columns, rows, max(column, 1), side)
        return best

    def _natural_side(self) -> int:
        return round(QFontMetrics(self.font()).height() * 3.6)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height for natural-size images (3.6 lines) at `width`, wrapped so names stay whole."""
        count, gap = self._count(), self._gap()
        widest = widest_class_name(QFontMetrics(self.font()))
        columns = max(1, min(count, (width - gap) // (widest + gap)))
        rows = -(-count // columns)
        return rows * (self._title_height() + self._natural_side()) + gap

    def sizeHint(self) -> QSize:
        gap = self._gap()
        column = max(widest_class_name(QFontMetrics(self.font())), self._natural_side())
        width = self._count() * (column + gap) + gap
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """One column of small images: the strip may be narrow; its rows then grow downwards."""
        widest = widest_class_name(QFontMetrics(self.font()))
        return QSize(widest + 2 * self._gap(), self._title_height() + self._natural_side() // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        fm = QFontMetrics(self.font())
        gap = self._gap()
        painter.setPen(self.palette().windowText().color())
        if not self._true:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self._hint or self.tr("No images to show.")
            )
            painter.end()
            return
        layout = self.arrangement(self.width(), self.height())
        row_height = self._title_height() + layout.side
        # Centred: a wide pane leaves equal margins instead of a gap on the right.
        left = (self.width() - layout.columns * (layout.column + gap) + gap) // 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for k, (true, predicted) in enumerate(zip(self._true, self._predicted, strict=True)):
            row, col = divmod(k, layout.columns)
            x, y = left + col * (layout.column + gap), gap + row * row_height
            true_rect = QRect(x, y, layout.column, fm.height())
            predicted_rect = QRect(x, y + fm.height(), layout.column, fm.height())
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                true_rect,
                Qt.AlignmentFlag.AlignCenter,
                fm.elidedText(class_name(true), Qt.TextElideMode.ElideRight, layout.column),
            )
            wrong = predicted is not None and predicted != true
            painter.setPen(WRONG_COLOUR if wrong else self.palette().windowText().color())
            name = class_name(predicted) if predicted is not None else "?"
            painter.drawText(
                predicted_rect,
                Qt.AlignmentFlag.AlignCenter,
                fm.elidedText(name, Qt.TextElideMode.ElideRight, layout.column),
            )
            image_rect = QRect(
                x + (layout.column - layout.side) // 2, y + gap + 2 * fm.height(), layout.side, layout.side
            )
            painter.drawImage(image_rect, gray_image(self._images[k]))
            if wrong:
                painter.setPen(QColor(WRONG_COLOUR))
                painter.drawRect(image_rect.adjusted(-1, -1, 0, 0))
        painter.end()

    def save_png(self, path: str) -> bool:
        """Save exactly what is on screen; OSError (gui.file_writing) when it cannot, the old file whole."""
        write_png(self.grab(), path)
        return True


class LessonStripPane(QWidget):
    """The strip with its caption and a "Save as PNG…" button, as the Browse tab shows it.

    It can be folded to its caption: at a projector's text size the strip takes about a third
    of the tab's height, which the grid needs more. The choice is remembered (QSettings)."""

    SETTINGS_KEY = "browse/lesson_strip_shown"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FashionStrip()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_with_dialog)
        self.fold_button = QToolButton()
        self.fold_button.setCheckable(True)
        self.fold_button.setAutoRaise(True)
        caption = QLabel()
        caption.setWordWrap(True)
        caption.setBuddy(self.fold_button)
        header = QHBoxLayout()
        header.addWidget(self.fold_button)
        header.addWidget(caption, 1)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.strip, 1)

        def retranslate() -> None:
            self.save_button.setText(self.tr("Save as PNG…"))
            caption.setText(
                self.tr("The lesson's picture: the first {count} images shown, true over predicted").format(
                    count=STRIP_LENGTH
                )
            )
            self._label_fold_button()

        follow_language(self, retranslate)
        self.fold_button.toggled.connect(self.set_strip_shown)
        self.fold_button.setChecked(read_bool(QSettings(), self.SETTINGS_KEY, screen_has_room_for_strip()))
        self.set_strip_shown(self.fold_button.isChecked())

    def strip_shown(self) -> bool:
        return self.fold_button.isChecked()

    def set_strip_shown(self, shown: bool) -> None:
        """Show or fold the strip; the caption stays so that the way back is in view."""
        if self.fold_button.isChecked() != shown:
            self.fold_button.setChecked(shown)  # toggled() comes back here once
            return
        self.strip.setVisible(shown)
        self.save_button.setVisible(shown)
        # Triangles as text, not the style's arrow: they grow with the text size (the arrow stayed
        # a few pixels wide at +4, hard to find from the back of the room).
        self.fold_button.setText("▼" if shown else "▶")
        self._label_fold_button()
        QSettings().setValue(self.SETTINGS_KEY, shown)

    def _label_fold_button(self) -> None:
        if self.strip_shown():
            text = self.tr("Hide the lesson's picture")
        else:
            text = self.tr("Show the lesson's picture")
        self.fold_button.setToolTip(text)
        self.fold_button.setAccessibleName(text)

    def save_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the lesson's picture"),
            in_pictures("true-vs-predicted.png"),  # not the folder the app was started from
            self.tr("PNG images (*.png)"),
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            self.strip.save_png(path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not saved"), explain_write_error(error, path))
