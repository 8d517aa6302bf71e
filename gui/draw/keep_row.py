"""Under the board: "Keep as …", the student says which garment they drew and the sketch goes into
today's class sketchbook (session.sketchbook), with the exact 28×28 input the model just read.

A menu of the ten classes (Ctrl+K opens it, the label's digit picks one) rather than ten buttons:
one row under the board is all a 768-px projector can spare. The line beside it says what the
last keep did ("Kept as Sneaker (12 in today's sketchbook)", or just "Kept as Sneaker" where
that does not fit) or, in the window's language, why it could not. It speaks of the board it
was said for: the next change of the board (a stroke, Clear, Undo, a sample sent from Browse)
clears it, so "Kept as Pullover" never stands beside a sneaker.

A sample sent to the board from Browse or the Class tab is a Fashion-MNIST image or a sketch
that is already in the sketchbook, not a new drawing: it cannot be kept (the line says why)
until the student draws on it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

from core.classes import NUM_CLASSES
from core.sketchbook import SketchbookError
from gui.language import class_name, follow_language
from gui.sketchbook_messages import explain
from gui.status_bar import StatusLabel

KEEP_KEY = "Ctrl+K"
# What the board holds, for the keep button (KeepRow.show_board).
EMPTY, DRAWING, SENT = "empty", "drawing", "sent"


class KeepRow(QWidget):
    def __init__(
        self,
        session: Any,
        model_input: Callable[[], np.ndarray | None],
        board: Callable[[], np.ndarray],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._model_input = model_input  # what the model read last (None: an empty board)
        self._board_image = board  # the board as drawn, uint8 grey
        self.button = QToolButton(self)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.button)
        self.class_actions: list[QAction] = []
        for label in range(NUM_CLASSES):
            action = self.menu.addAction("")
            action.triggered.connect(lambda _checked=False, label=label: self.keep(label))
            self.class_actions.append(action)
        self.button.setMenu(self.menu)
        # On the Draw tab only: a shortcut of a hidden widget does not fire.
        self.shortcut = QShortcut(QKeySequence(KEEP_KEY), self, self.open_menu)
        # Elided, never wrapped: a second line would take its height from the board at +4. Its
        # text's width is not asked for: the board's column then took width the bars need.
        self.message = StatusLabel(self)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.message, 1)
        self._board = EMPTY
        self.setEnabled(False)  # until the board holds a drawing
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.button.setText(self.tr("Keep as…"))
        self.shortcut.setWhatsThis(self.tr("Draw ▸ Keep as…"))  # its row in Help ▸ Keyboard shortcuts
        for label, action in enumerate(self.class_actions):
            # The dataset's label as the menu's key: Ctrl+K then 7 keeps a sneaker.
            action.setText(f"&{label}  {class_name(label)}")
        self._say("")  # said in the old language; the next keep says it anew
        self._explain_board()

    def show_board(self, board: str) -> None:
        """What the board holds now: EMPTY (nothing to keep), DRAWING, or SENT (an unedited sample
        from Browse or the Class tab, which is already a dataset image or a kept sketch)."""
        self._board = board
        self.setEnabled(board != EMPTY)
        self.button.setEnabled(board == DRAWING)
        self._explain_board()

    def board_changed(self) -> None:
        """The board changed (a stroke, Clear, Undo, a sent sample): the last keep's line was about
        the board before."""
        self._say("")

    def _explain_board(self) -> None:
        key = QKeySequence(KEEP_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        if self._board == SENT:
            why = self.tr(
                "A sample sent here is already in the dataset or the sketchbook: draw on it to keep "
                "your own version"
            )
            self.button.setToolTip(why)
            self._say(why, self.tr("Sent sample: draw on it to keep it"))
            return
        # The why line needs no clearing here: the edit that ends SENT cleared it (board_changed).
        self.button.setToolTip(
            self.tr("Keep this drawing in today's class sketchbook as the garment you meant ({key})").format(
                key=key
            )
        )

    def _say(self, text: str, short: str = "") -> None:
        """`short`: what is shown where `text` does not fit (the tooltip says it whole)."""
        self.message.set_short_text(short, reserve=False)
        self.message.setText(text)

    def open_menu(self) -> None:
        if self.button.isEnabled() and self.isEnabled():
            self.button.showMenu()

    def keep(self, label: int) -> None:
        """Keep what the model read last as `label`, with the board as drawn."""
        model_input = self._model_input()
        if model_input is None or self._board != DRAWING:
            return
        job = self._session.sketchbook.keep(label, model_input, _png(self._board_image()), "draw")
        job.returned.connect(self._on_kept)
        job.failed.connect(self._say)

    def _on_kept(self, result: Any) -> None:
        if isinstance(result, SketchbookError):
            self._say(explain(result))
            return
        sketch, count = result
        now = self._model_input()
        if now is not None and np.array_equal(now, sketch.model_input):  # else the board changed since
            short = self.tr("Kept as {name}").format(name=class_name(sketch.label))
            self._say(self._session.sketchbook.kept_message(sketch, count), short)


def _png(board: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(board, dtype=np.uint8), mode="L").save(out, format="PNG")
    return out.getvalue()
