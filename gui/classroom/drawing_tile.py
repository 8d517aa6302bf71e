"""How one student's drawing looks in the Class tab: the drawing in a verdict-coloured frame with a
✓ or ✗ badge, the model's guess, the class the student said, and the three most probable classes
as small bars (the class drawn blue, the others grey: `bar_colours`, which the gallery's key uses
too); the teacher's buttons right of the drawing, never over it, in words: "Hide" in the gallery,
"Show" and "Hide" beside a drawing waiting for approval (the badge's ✓/✗ is the model's verdict, so
no button has a mark of its own to mistake for it, as a ✕ beside a ✗ was).

Colour is never the only sign of right and wrong (gui/widgets/verdict.py): the badge and the guess
line carry the mark too. Every size comes from the font, so tiles grow with the text on a projector.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from gui.classroom.drawings import DRAWING_ROLE, SUBMISSION_ROLE, Drawing
from gui.language import class_name, class_names, current_language
from gui.widgets.verdict import CORRECT_COLOUR, RIGHT_MARK, WRONG_COLOUR, WRONG_MARK

HIDE, APPROVE = "hide", "approve"
BARS = 3  # the most probable classes shown under each drawing
THUMB_LINES = 4.5  # the drawing's side, in text lines
COMPACT_THUMB_LINES = 3.5  # a drawing waiting for approval: the teacher judges the drawing alone
BAR_FONT = 0.8  # the bars' text, relative to the view's font
BOARD_COLOUR = QColor(20, 20, 20)  # behind a drawing: the page's board is dark
MIN_BUTTON = 28  # pixels: a teacher clicks these on a projector, from a touchpad
BAR_OPACITY = 150 / 255  # a bar's fill over its row, so the class name on it stays readable


def bar_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(the class the student drew, any other class): the mini bars' fills as painted, opaque."""

    row = palette.alternateBase().color()

    def over_row(colour: QColor) -> QColor:
        def mix(top: float, below: float) -> float:
            return BAR_OPACITY * top + (1 - BAR_OPACITY) * below

        red, green, blue = colour.redF(), colour.greenF(), colour.blueF()
        return QColor.fromRgbF(mix(red, row.redF()), mix(green, row.greenF()), mix(blue, row.blueF()))

    return over_row(QColor(CORRECT_COLOUR)), over_row(palette.mid().color())


class DrawingTile(QStyledItemDelegate):
    """Paints a drawing; `action(name, index)` when one of its corner buttons is clicked."""

    action = Signal(str, QPersistentModelIndex)

    def __init__(
        self, actions: tuple[str, ...], *, compact: bool = False, parent: QWidget | None = None
    ) -> None:
        """`compact`: a smaller drawing and the class the student said, without guess and bars."""
        super().__init__(parent)
        self._actions = actions
        self._compact = compact
        self._bars = 0 if compact else BARS

    # -- geometry ------------------------------------------------------------------------------
    def _sizes(self, font: QFont) -> tuple[int, int, int, int]:
        """(drawing side, frame width, padding, bar row height) for `font`."""
        line = QFontMetrics(font).height()
        side = round(line * (COMPACT_THUMB_LINES if self._compact else THUMB_LINES))
        return side, max(3, line // 6), max(3, line // 4), round(line * 0.9)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        fm = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        side, frame, pad, bar = self._sizes(option.font)
        guesses = max(QFontMetrics(bold).horizontalAdvance(f"{WRONG_MARK} {name}") for name in class_names())
        said = max(fm.horizontalAdvance(self._said(name)) for name in class_names())
        beside = side + 2 * frame + self._beside(option.font)  # the drawing and its buttons
        width = max(beside, said if self._compact else max(guesses, said)) + 2 * pad
        buttons = len(self._actions) * (self._button_height(option.font) + pad) - pad
        lines = 1 if self._compact else 2
        return QSize(width, max(side + 2 * frame, buttons) + lines * fm.height() + self._bars * bar + 4 * pad)

    @staticmethod
    def _button_height(font: QFont) -> int:
        return max(MIN_BUTTON, round(QFontMetrics(font).height() * 1.2))

    def _button_width(self, font: QFont) -> int:
        """As wide as the longest word (Show, Hide), at least square."""
        height = self._button_height(font)
        fm = QFontMetrics(font)
        words = max(fm.horizontalAdvance(self._label(name)) for name in self._actions)
        return max(height, words + fm.height())

    def _beside(self, font: QFont) -> int:
        """The width the buttons take right of the drawing, gap included."""
        return self._button_width(font) + self._sizes(font)[2] if self._actions else 0

    def _label(self, name: str) -> str:
        return self.tr("Show") if name == APPROVE else self.tr("Hide")

    def _framed(self, rect: QRect, font: QFont) -> QRect:
        """The drawing and its verdict-coloured frame at the top of the tile; it and the buttons
        beside it centred together."""
        side, frame, pad, _bar = self._sizes(font)
        left = rect.x() + (rect.width() - side - 2 * frame - self._beside(font)) // 2
        return QRect(left, rect.y() + pad, side + 2 * frame, side + 2 * frame)

    def action_rects(self, rect: QRect, font: QFont) -> dict[str, QRect]:
        """Where each button is, for a tile drawn in `rect`: right of the drawing, one under the
        other from its top (the drawing itself stays whole)."""
        framed = self._framed(rect, font)
        pad = self._sizes(font)[2]
        width, height = self._button_width(font), self._button_height(font)
        left = framed.right() + 1 + pad
        return {
            name: QRect(left, framed.top() + row * (height + pad), width, height)
            for row, name in enumerate(self._actions)
        }

    # -- painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """The tile's cached picture (drawings arrive at the top, so every visible tile moves and
        repaints with each batch), with focus drawn over it."""
        drawing = index.data(DRAWING_ROLE)
        if drawing is None:
            return
        rect: QRect = option.rect
        painter.drawPixmap(
            rect.topLeft(), self.picture(drawing, option, painter.device().devicePixelRatioF())
        )
        if option.state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(option.palette.highlight().color())
            pen.setWidth(self._sizes(option.font)[1])
            painter.save()
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def picture(self, drawing: Drawing, option: QStyleOptionViewItem, ratio: float) -> QPixmap:
        """The tile as `option` shows it (its rect's size, font, palette, selection), from
        QPixmapCache or painted now. Opaque, on the view's background (or the selection's), so
        drawing it is a copy, not a blend of every pixel."""
        size = option.rect.size()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        key = (
            f"class-tile:{drawing.submission.submission_id}:{size.width()}x{size.height()}@{ratio}:"
            f"{selected}:{option.font.key()}:{current_language()}:{palette.cacheKey()}:"
            f"{self._compact}:{self._actions}"
        )
        picture = QPixmapCache.find(key)
        if picture is None:
            picture = QPixmap(size * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill((palette.alternateBase() if selected else palette.base()).color())
            tile = QPainter(picture)
            self._paint_tile(tile, QRect(QPoint(0, 0), size), option, drawing)
            tile.end()
            QPixmapCache.insert(key, picture)
        return picture

    def _paint_tile(
        self, painter: QPainter, rect: QRect, option: QStyleOptionViewItem, drawing: Drawing
    ) -> None:
        correct = drawing.correct
        submission = drawing.submission
        colour = CORRECT_COLOUR if correct else WRONG_COLOUR
        palette = option.palette
        _side, frame, pad, bar = self._sizes(option.font)
        fm = QFontMetrics(option.font)
        framed = self._framed(rect, option.font)
        painter.fillRect(framed, colour)
        board = framed.adjusted(frame, frame, -frame, -frame)
        painter.fillRect(board, BOARD_COLOUR)
        image = drawing.thumbnail()
        if not image.isNull():
            shown = image.size().scaled(board.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, shown.width(), shown.height())
            target.moveCenter(board.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
        self._paint_badge(painter, board, correct, colour, fm)
        self._paint_actions(painter, rect, option.font, palette)

        y = framed.bottom() + pad
        text_width = rect.width() - 2 * pad
        if not self._compact:
            self._paint_guess(
                painter,
                QRect(rect.x() + pad, y, text_width, fm.height()),
                class_name(drawing.guess),
                correct,
                option,
            )
            y += fm.height()
        painter.setFont(option.font)
        painter.setPen(palette.text().color())
        said = fm.elidedText(
            self._said(class_name(submission.label)), Qt.TextElideMode.ElideRight, text_width
        )
        painter.drawText(
            QRect(rect.x() + pad, y, text_width, fm.height()), Qt.AlignmentFlag.AlignCenter, said
        )
        y += fm.height() + pad
        if self._bars:
            area = QRect(rect.x() + pad, y, text_width, self._bars * bar)
            self._paint_bars(painter, area, submission, option.font, palette)

    @staticmethod
    def _paint_guess(painter: QPainter, area: QRect, guessed: str, correct: bool, option) -> None:
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.text().color() if correct else WRONG_COLOUR)
        mark = RIGHT_MARK if correct else WRONG_MARK
        guess = QFontMetrics(bold).elidedText(f"{mark} {guessed}", Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, guess)

    def _said(self, name: str) -> str:
        return self.tr("drawn: {name}").format(name=name)

    @staticmethod
    def _paint_badge(
        painter: QPainter, board: QRect, correct: bool, colour: QColor, fm: QFontMetrics
    ) -> None:
        side = round(fm.height() * 1.2)
        badge = QRect(board.x(), board.y(), side, side)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(badge)
        painter.setPen(QColor(Qt.GlobalColor.white))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, RIGHT_MARK if correct else WRONG_MARK)

    def _paint_actions(self, painter: QPainter, rect: QRect, font: QFont, palette) -> None:
        painter.setFont(font)
        for name, button in self.action_rects(rect, font).items():
            painter.setPen(QPen(palette.text().color()))
            painter.setBrush(palette.button())
            painter.drawRoundedRect(button.adjusted(1, 1, -1, -1), 4, 4)
            painter.setPen(palette.buttonText().color())
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, self._label(name))

    @staticmethod
    def _paint_bars(painter: QPainter, area: QRect, submission, font: QFont, palette) -> None:
        small = QFont(font)
        small.setPointSizeF(max(1.0, font.pointSizeF() * BAR_FONT))
        painter.setFont(small)
        probabilities = np.asarray(submission.probabilities, dtype=np.float64)
        row_height = area.height() // BARS
        drawn, other = bar_colours(palette)
        for row, k in enumerate(np.argsort(-probabilities)[:BARS]):
            cell = QRect(area.x(), area.y() + row * row_height, area.width(), row_height - 1)
            painter.fillRect(cell, palette.alternateBase())
            filled = QRect(cell.x(), cell.y(), round(cell.width() * float(probabilities[k])), cell.height())
            painter.fillRect(filled, drawn if int(k) == int(submission.label) else other)
            painter.setPen(palette.text().color())
            text = f"{class_name(int(k))} {probabilities[k]:.0%}"
            painter.drawText(
                cell.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )

    # -- clicks --------------------------------------------------------------------------------
    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:  # noqa: N802
        """A click on a corner button is that button's, not the tile's (no `clicked` follows)."""
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease) and isinstance(
            event, QMouseEvent
        ):
            for name, button in self.action_rects(option.rect, option.font).items():
                if button.contains(event.position().toPoint()):
                    if event.type() == QEvent.Type.MouseButtonRelease:
                        self.action.emit(name, QPersistentModelIndex(index))
                    return True
        return super().editorEvent(event, model, option, index)


class DrawingStrip(QListView):
    """Tiles left to right, wrapping (the gallery) or in one scrolling row (the waiting strip).

    `action(name, submission)` for a corner button or the Delete key (HIDE); `opened(submission)`
    elsewhere on a tile, or Enter."""

    action = Signal(str, object)
    opened = Signal(object)

    def __init__(self, actions: tuple[str, ...], *, one_row: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = DrawingTile(actions, compact=one_row, parent=self)
        self.setItemDelegate(self.tile)
        self.setViewMode(QListView.ViewMode.ListMode)  # ListMode + wrapping = a uniform grid
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(not one_row)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tile.action.connect(lambda name, index: self.action.emit(name, index.data(SUBMISSION_ROLE)))
        self.clicked.connect(self._clicked)
        self._on_button = False  # the mouse went down on a corner button: not a click on the tile

    def prepare(self, drawing: Drawing) -> None:
        """Paint a drawing's tile now, as it arrives, so the batch that shows it (drawings join
        every ARRIVALS_MS) only copies pictures: a class's arrivals spread over the event loop
        instead of adding up in one paint. Only while tiles are on screen, at their size."""
        model = self.model()
        if not self.isVisible() or model is None or model.rowCount() == 0:
            return
        rect = self.visualRect(model.index(0, 0))
        if rect.isEmpty():
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(QPoint(0, 0), rect.size())
        self.tile.picture(drawing, option, self.viewport().devicePixelRatioF())

    def tile_height(self) -> int:
        option = QStyleOptionViewItem()
        option.font = self.font()
        return self.tile.sizeHint(option, QModelIndex()).height()

    def button_at(self, position: QPoint) -> str | None:
        """The corner button under `position` (viewport coordinates), if any."""
        index = self.indexAt(position)
        if not index.isValid():
            return None
        for name, button in self.tile.action_rects(self.visualRect(index), self.font()).items():
            if button.contains(position):
                return name
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._on_button = self.button_at(event.position().toPoint()) is not None
        super().mousePressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        # Qt sends `clicked` after the delegate handled a corner button too.
        if not self._on_button and index.isValid():
            self.opened.emit(index.data(SUBMISSION_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        current = self.currentIndex()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and current.isValid():
            self.action.emit(HIDE, current.data(SUBMISSION_ROLE))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self.opened.emit(current.data(SUBMISSION_ROLE))
            return
        super().keyPressEvent(event)
