"""The Draw tab's "Compare with:" chooser: which model answers beside the active one.

It shows the Session's model list without opened files (gui/draw/second_model.py says why) and
follows the second model's default until the teacher picks one. Texts in the "DrawPanel" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gui.draw.second_model import LiveAndShipped, SecondModel
from gui.language import follow_language
from gui.session.model_sources import SOURCE_ROLE
from gui.widgets.model_chooser import ModelChooser


class CompareRow(QWidget):
    def __init__(self, session: object, second: SecondModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.second = second
        self.label = QLabel(self)
        self.combo = ModelChooser(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(14)  # as the model chooser above it
        self.rows = LiveAndShipped(self)
        self.rows.setSourceModel(session.model_list())  # type: ignore[attr-defined]
        self.combo.setModel(self.rows)
        self.label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo, 1)
        self.combo.activated.connect(lambda row: second.choose(self.rows.index(row, 0).data(SOURCE_ROLE)))
        self.show_source()
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.label.setText(QCoreApplication.translate("DrawPanel", "&Compare with:"))
        self.combo.setToolTip(
            QCoreApplication.translate(
                "DrawPanel", "Which model answers beside the active one, for one board"
            )
        )

    def show_source(self) -> None:
        """Point the chooser at the second model (its default follows the active model)."""
        wanted = self.second.source()
        for row in range(self.rows.rowCount()):
            if self.rows.index(row, 0).data(SOURCE_ROLE) == wanted:
                self.combo.blockSignals(True)
                self.combo.setCurrentIndex(row)
                self.combo.blockSignals(False)
                return
