"""The Draw tab's model row: which model reads the board, an Open… button, and the line under them.

Its texts keep the "DrawPanel" translation context they had when the panel made them itself.

The chooser shows the Session's one model list (the window's Model menu shows the same rows).
The line says which file is being opened while one is read in the background, or why there is no
model; naming the active model (in the window's language) it is hidden, the title over its bars
says the same (core's notes about the model go under
the board: gui/draw/panel.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gui.language import follow_language
from gui.widgets.model_chooser import ModelChooser


class ModelRow(QWidget):
    source_chosen = Signal(object)  # a ModelSource picked in the chooser
    open_requested = Signal()  # the Open… button

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label = QLabel(self)
        self.combo = ModelChooser(self)  # its drop-down rows say each model's accuracies
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(14)  # long file names must not widen the tab
        self.combo.setModel(session.model_list())  # the Session's one list
        self.open_button = QToolButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)

        self.combo.activated.connect(lambda row: self.source_chosen.emit(session.model_list().source_at(row)))
        self.open_button.clicked.connect(self.open_requested)
        session.model_source_changed.connect(self.show_source)
        self.show_source()
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.combo.setToolTip(QCoreApplication.translate("DrawPanel", "Which model reads the drawing"))
        self.open_button.setText(QCoreApplication.translate("DrawPanel", "Open…"))
        self.open_button.setToolTip(
            QCoreApplication.translate(
                "DrawPanel", "Open a checkpoint file (.pt) as the model, or an image to classify"
            )
        )
        self.label.setText(
            QCoreApplication.translate("DrawPanel", "Model:")
        )  # no Alt-key: the menu bar's Model menu has Alt+M

    def show_source(self, *_args: object) -> None:
        """Point the chooser at the active model (a refused file leaves it on the previous one)."""
        row = self.session.model_list().row_of(self.session.model_source())
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(row)
        self.combo.blockSignals(False)

    def show_model(self, predictor: Any, why_none: str) -> None:
        """The line under the chooser: the file being opened, else the active model, else `why_none`."""
        opening = self.session.opening()
        # The active model's name is the title over its bars (gui/draw/answers.py): the line
        # shows only what that title cannot say, so the bars keep their height on a projector.
        self.status.setVisible(opening is not None or predictor is None)
        if opening is not None:
            self.status.setText(
                QCoreApplication.translate("DrawPanel", "Opening {file}…").format(file=Path(opening).name)
            )
            self.status.setToolTip(opening)
            return
        self.status.setToolTip("")
        if predictor is None:
            self.status.setText(why_none)
            return
        label = self.session.model_label()  # the status bar's words, in the window's language
        self.status.setText(
            QCoreApplication.translate("DrawPanel", "Active model: {model}").format(model=label)
        )
