"""The brush's settings on the Weights tab and the two buttons that go with editing.

Two rows (paint direction, strength, size / reset, save) so the tab still fits a 1024-px
projector at the largest text size without a sideways scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gui.weights.equation import DEFAULT_BRUSH, MAX_BRUSH, MIN_BRUSH

DEFAULT_STRENGTH = 30  # % of the shared colour scale added at the brush's centre per stroke


class PaintControls(QWidget):
    """+ / − (push towards the class or away), strength, size, Reset to trained weights, Save."""

    size_changed = Signal(float)  # brush diameter in template pixels
    reset_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edited = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        grid.addLayout(top, 0, 0)
        grid.addLayout(bottom, 1, 0)

        self.paint_label = QLabel(self)
        self.towards_button = QPushButton(self)
        self.away_button = QPushButton(self)
        self._direction = QButtonGroup(self)  # exactly one direction at a time
        for button in (self.towards_button, self.away_button):
            button.setCheckable(True)
            self._direction.addButton(button)
        self.towards_button.setChecked(True)
        self.strength_label = QLabel(self)
        self.strength_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.strength_slider.setRange(5, 100)
        self.strength_slider.setValue(DEFAULT_STRENGTH)
        self.strength_label.setBuddy(self.strength_slider)
        self.size_label = QLabel(self)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(int(MIN_BRUSH), int(MAX_BRUSH))
        self.size_slider.setValue(int(DEFAULT_BRUSH))
        self.size_label.setBuddy(self.size_slider)
        self.size_slider.valueChanged.connect(lambda value: self.size_changed.emit(float(value)))
        for slider in (self.strength_slider, self.size_slider):
            slider.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        top.addWidget(self.paint_label)
        top.addWidget(self.towards_button)
        top.addWidget(self.away_button)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.strength_label)
        top.addWidget(self.strength_slider, 1)
        top.addWidget(self.size_label)
        top.addWidget(self.size_slider, 1)

        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self.reset_requested)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_requested)
        self.edit_state = QLabel(self)
        self.edit_state.setWordWrap(True)
        bottom.addWidget(self.reset_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.edit_state, 1)
        self.retranslate()

    def sign(self) -> int:
        return 1 if self.towards_button.isChecked() else -1

    def strength(self) -> float:
        """A fraction of the shared colour scale, 0.05..1."""
        return self.strength_slider.value() / 100

    def set_painting_enabled(self, enabled: bool) -> None:
        for widget in (
            self.paint_label,
            self.towards_button,
            self.away_button,
            self.strength_label,
            self.strength_slider,
            self.size_label,
            self.size_slider,
        ):
            widget.setEnabled(enabled)

    def set_edited(self, edited: bool) -> None:
        self.reset_button.setEnabled(edited)
        self._edited = edited
        self._describe_edits()

    def _describe_edits(self) -> None:
        if self._edited:
            self.edit_state.setText(self.tr("Edited by hand: the Draw tab answers with these weights too."))
        else:
            self.edit_state.setText("")

    def retranslate(self) -> None:
        self.paint_label.setText(self.tr("Paint:"))
        self.towards_button.setText(self.tr("+ towards"))
        self.towards_button.setToolTip(self.tr("Painted pixels make the image more like this class"))
        self.away_button.setText(self.tr("− away"))
        self.away_button.setToolTip(
            self.tr(
                "Painted pixels make the image less like this class (the right mouse button does this too)"
            )
        )
        self.strength_label.setText(self.tr("&Strength"))
        self.size_label.setText(self.tr("Si&ze"))
        self.reset_button.setText(self.tr("Reset to tra&ined weights"))
        self.reset_button.setToolTip(self.tr("Undo every edit; no file was ever changed"))
        self.save_button.setText(self.tr("Save &picture…"))
        self.save_button.setToolTip(self.tr("Save the ten templates as one PNG at twice the screen size"))
        self._describe_edits()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
