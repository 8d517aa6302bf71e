"""The Train tab's pace: full speed, or class pace, where a whole run takes about N seconds on screen
(the lesson's 5 epochs are over in under a second otherwise, before a class has seen a curve).

Only the waits between minibatches change (core.train_events.Pacer, in the training thread); the
numbers are the same at either pace. Both choices are remembered between sessions.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSizePolicy, QSpinBox, QWidget

from gui.language import follow_language
from gui.stored_settings import read_choice, read_int

FULL, CLASS = "full", "class"
MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS = 10, 120, 30
PACE_KEY, SECONDS_KEY = "train/pace", "train/pace_seconds"


class PaceControl(QWidget):
    changed = Signal()  # the pace or its seconds changed (a running run follows at once)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        # A check box, not a list of two: it shares a row with Lesson defaults in a narrow column.
        self.mode = QCheckBox()
        self.seconds = QSpinBox()
        self.seconds.setRange(MIN_SECONDS, MAX_SECONDS)
        self.seconds.setSingleStep(5)
        self.seconds.setKeyboardTracking(False)
        self.seconds.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Typed, wheeled or arrow-keyed: without its two buttons it fits beside Lesson defaults at +4.
        self.seconds.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mode)
        row.addWidget(self.seconds)
        self.mode.setChecked(read_choice(settings, PACE_KEY, FULL, (FULL, CLASS)) == CLASS)
        self.seconds.setValue(read_int(settings, SECONDS_KEY, DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS))
        self._follow_mode()
        self.mode.toggled.connect(self._remember)
        self.seconds.valueChanged.connect(self._remember)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.mode.setText(self.tr("Class pace"))
        self.seconds.setSuffix(self.tr(" s"))
        tip = self.tr(
            "Class pace: the whole run takes about this many seconds on screen, however many epochs, "
            "so the class sees the curves grow. Off: full speed. Same numbers either way: it only "
            "waits between minibatches. Pause (F6), then F7 trains one minibatch and F8 one epoch."
        )
        self.mode.setToolTip(tip)
        self.seconds.setToolTip(tip)

    def class_pace(self) -> bool:
        return self.mode.isChecked()

    def set_class_pace(self, on: bool) -> None:
        self.mode.setChecked(on)

    def pace_seconds(self) -> int:
        return self.seconds.value()

    def set_pace_seconds(self, seconds: int) -> None:
        self.seconds.setValue(seconds)  # clamped to 10..120 by the spin box

    def run_seconds(self) -> float | None:
        """What core.train_events.Pacer takes: the run's seconds at class pace, None at full speed."""
        return float(self.pace_seconds()) if self.class_pace() else None

    def _follow_mode(self) -> None:
        self.seconds.setEnabled(self.class_pace())

    def _remember(self) -> None:
        self._follow_mode()
        self._settings.setValue(PACE_KEY, CLASS if self.class_pace() else FULL)
        self._settings.setValue(SECONDS_KEY, self.seconds.value())
        self.changed.emit()
