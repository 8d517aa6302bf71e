"""The students' drawings as a list model, newest first, with the class's running tally.

One model per strip (the gallery, and the drawings waiting for the teacher's approval); a view in
icon mode shows it through gui/classroom/drawing_tile.py, so a lesson's hundreds of drawings are
rows of data, not hundreds of widgets. The verdict of each drawing is the model's guess (the
submission's own probabilities, computed by the server with the same Predictor path as the Draw
tab) against the class the student said it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QImage

from core.classes import NUM_CLASSES
from gui.language import class_name
from gui.widgets.pixel_image import grey_qimage

SUBMISSION_ROLE = Qt.ItemDataRole.UserRole + 1  # the core Submission itself
CORRECT_ROLE = Qt.ItemDataRole.UserRole + 2  # True when the guess is the class the student said
DRAWING_ROLE = Qt.ItemDataRole.UserRole + 3  # the Drawing: what a tile shows
THUMBNAIL_SIDE = 160  # pixels kept per drawing; the view scales down from this


@dataclass
class Drawing:
    submission: Any  # core.class_server.Submission
    guess: int
    correct: bool
    _thumbnail: QImage | None = field(default=None, repr=False)

    @classmethod
    def of(cls, submission: Any, thumbnail: QImage | None = None) -> Drawing:
        guess = int(np.argmax(submission.probabilities))
        return cls(submission, guess, guess == int(submission.label), thumbnail)

    def thumbnail(self) -> QImage:
        """The drawing as the student drew it (made when it arrived, or now)."""
        if self._thumbnail is None:
            self._thumbnail = make_thumbnail(self.submission)
        return self._thumbnail


def make_thumbnail(submission: Any) -> QImage:
    """The board as drawn, THUMBNAIL_SIDE pixels at most: the picture the server made where it
    decoded the drawing (a QImage over its pixels, no decoding here), else the board's PNG decoded."""
    pixels = getattr(submission, "thumbnail", None)
    if pixels is not None:
        image = grey_qimage(pixels).copy()
    else:
        image = QImage.fromData(submission.board_png, "PNG")
        if image.isNull():  # cannot happen for a server-made PNG; the model input is always there
            image = grey_qimage(np.asarray(submission.model_input, dtype=np.uint8)).copy()
    if max(image.width(), image.height()) <= THUMBNAIL_SIDE:
        return image
    return image.scaled(
        THUMBNAIL_SIDE,
        THUMBNAIL_SIDE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class DrawingList(QAbstractListModel):
    """Drawings, newest first; `tally()` and `confusion()` count the ones shown here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drawings: list[Drawing] = []

    # -- Qt's model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._drawings)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._drawings):
            return None
        drawing = self._drawings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return class_name(drawing.guess)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("The model's guess: {guess}. The student drew: {said}.").format(
                guess=class_name(drawing.guess), said=class_name(drawing.submission.label)
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return drawing.thumbnail()
        if role == SUBMISSION_ROLE:
            return drawing.submission
        if role == CORRECT_ROLE:
            return drawing.correct
        if role == DRAWING_ROLE:
            return drawing
        return None

    # -- changes ---------------------------------------------------------------------------------
    def add(self, submission: Any, thumbnail: QImage | None = None) -> None:
        self.add_many([submission], [thumbnail])

    def add_many(self, submissions: list[Any], thumbnails: list[QImage | None] | None = None) -> None:
        """Several at once (oldest first), in one insertion: one relayout and repaint for them all."""
        if not submissions:
            return
        pictures = thumbnails if thumbnails is not None else [None] * len(submissions)
        self.beginInsertRows(QModelIndex(), 0, len(submissions) - 1)
        self._drawings[:0] = [
            Drawing.of(s, picture) for s, picture in reversed(list(zip(submissions, pictures, strict=True)))
        ]
        self.endInsertRows()

    def take(self, submission_id: str) -> Any:
        """Remove a drawing; its submission, or None when it is not in this list."""
        for row, drawing in enumerate(self._drawings):
            if drawing.submission.submission_id == submission_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._drawings[row]
                self.endRemoveRows()
                return drawing.submission
        return None

    def clear(self) -> None:
        self.beginResetModel()
        self._drawings.clear()
        self.endResetModel()

    def retranslate(self) -> None:
        """Class names follow the window's language."""
        if self._drawings:
            self.dataChanged.emit(self.index(0), self.index(len(self._drawings) - 1))

    # -- reading ----------------------------------------------------------------------------------
    def submission_at(self, row: int) -> Any:
        return self._drawings[row].submission

    def submission_ids(self) -> list[str]:
        return [drawing.submission.submission_id for drawing in self._drawings]

    def tally(self) -> tuple[int, int]:
        """(right, all): how many guesses matched the class the student said."""
        return sum(drawing.correct for drawing in self._drawings), len(self._drawings)

    def confusion(self) -> np.ndarray:
        """10×10 counts, rows the class the student said, columns the model's guess."""
        matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=np.int64)
        for drawing in self._drawings:
            matrix[int(drawing.submission.label), drawing.guess] += 1
        return matrix


class CellFilter(QSortFilterProxyModel):
    """The drawings of one cell of the confusion matrix (drawn as one class, guessed as another),
    or all of them: what a click on the matrix shows in the gallery."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cell: tuple[int, int] | None = None

    def cell(self) -> tuple[int, int] | None:
        return self._cell

    def set_cell(self, cell: tuple[int, int] | None) -> None:
        self.beginFilterChange()
        self._cell = cell
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self._cell is None:
            return True
        drawing = self.sourceModel().index(row, 0, parent)
        submission = drawing.data(SUBMISSION_ROLE)
        return (int(submission.label), int(np.argmax(submission.probabilities))) == self._cell
