"""The Softmax tab's temperature: a log-scale slider to sweep, a spin box to type, "T = 1" to reset.

The slider alone could not be typed into or put back to 1 (PageUp jumped to 1.82), which is
what a teacher does most: try T = 0.5 or T = 5, then go back to the model's own softmax. The spin
box holds the exact value; the slider follows it on a log scale (0.1 … 10, centre 1).
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gui.language import follow_language
from gui.widgets.number_fields import DecimalSpinBox

LOWEST, HIGHEST = 0.1, 10.0
SLIDER_STEPS = 100  # per decade


class TemperatureControl(QWidget):
    changed = Signal(float)  # the new T, typed, slid or reset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(_slider_position(LOWEST), _slider_position(HIGHEST))
        self.slider.setPageStep(SLIDER_STEPS // 4)
        self.slider.setValue(0)
        self.spin = DecimalSpinBox()  # "0.5" is 0.5 in a Turkish or German locale too
        self.spin.setRange(LOWEST, HIGHEST)
        self.spin.setDecimals(2)
        self.spin.setSingleStep(0.1)
        self.spin.setValue(1.0)
        self.spin.setKeyboardTracking(False)  # typing "0.5" must not pass through T = 0 … 0.5 step by step
        self.reset_button = QPushButton()
        self.label.setBuddy(self.spin)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.slider, self.spin, self.reset_button):
            layout.addWidget(widget)
        self.slider.valueChanged.connect(self._slid)
        self.spin.valueChanged.connect(self._typed)
        self.reset_button.clicked.connect(lambda: self.set_value(1.0))
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("Temperature T:"))
        self.reset_button.setText(self.tr("T = 1"))
        self.reset_button.setToolTip(self.tr("Back to the model's own softmax (T = 1)"))

    def value(self) -> float:
        return float(self.spin.value())

    def set_value(self, temperature: float) -> None:
        """Show `temperature` in both controls; `changed` once, when it is a new value."""
        self.spin.setValue(min(HIGHEST, max(LOWEST, temperature)))

    def set_locked(self, locked: bool) -> None:
        """A fitted T (the calibration box) is shown but not editable until the fit is cleared."""
        for widget in (self.slider, self.spin, self.reset_button):
            widget.setEnabled(not locked)

    def show_value(self, temperature: float) -> None:
        """Show a T set elsewhere (the fit) without announcing it back."""
        for widget in (self.spin, self.slider):
            widget.blockSignals(True)
        self.spin.setValue(min(HIGHEST, max(LOWEST, temperature)))
        self.slider.setValue(_slider_position(self.spin.value()))
        for widget in (self.spin, self.slider):
            widget.blockSignals(False)

    def _slid(self, position: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(10 ** (position / SLIDER_STEPS))
        self.spin.blockSignals(False)
        self.changed.emit(self.value())

    def _typed(self, temperature: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(_slider_position(temperature))
        self.slider.blockSignals(False)
        self.changed.emit(float(temperature))


def _slider_position(temperature: float) -> int:
    return round(math.log10(temperature) * SLIDER_STEPS)
