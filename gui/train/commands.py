"""Start, Pause/Resume, Stop, Reset and the two steps as one QAction each, shared by the Train tab
and the menu.

The Train tab's buttons show these actions (QToolButton.setDefaultAction) and the window's
Training menu lists the same objects, so enabling, the Pause/Resume text and the keys live in one
place: `follow(state)` sets them and both views update themselves. The actions' shortcuts work
from any tab because the menu bar holds them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from gui.language import follow_language

IDLE, RUNNING, PAUSED, STOPPING = "idle", "running", "paused", "stopping"


class TrainCommands(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.start = QAction(parent)
        self.start.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Return")])
        self.pause = QAction(parent)
        self.pause.setShortcut(QKeySequence("F6"))
        self.stop = QAction(parent)
        self.stop.setShortcut(QKeySequence("Shift+F5"))
        self.reset = QAction(parent)
        # Stepping through a paused run, as in a debugger: function keys, so no text field or
        # the Draw tab's keys ever take them.
        self.step_batch = QAction(parent)
        self.step_batch.setShortcut(QKeySequence("F7"))
        self.step_epoch = QAction(parent)
        self.step_epoch.setShortcut(QKeySequence("F8"))
        self._state = IDLE
        follow_language(parent, self.retranslate)

    def actions(self) -> list[QAction]:
        return [self.start, self.pause, self.stop, self.reset, self.step_batch, self.step_epoch]

    def retranslate(self) -> None:
        """Menu texts (with Alt keys), the buttons' shorter texts with symbols, and tooltips."""
        self.start.setText(self.tr("St&art"))
        self.start.setIconText(self.tr("▶ Start"))
        self.start.setToolTip(self.tr("Start training (F5 or Ctrl+Enter)"))
        self.stop.setText(self.tr("Stop"))
        self.stop.setIconText(self.tr("■ Stop"))
        self.stop.setToolTip(self.tr("Stop this run; the weights so far are kept (Shift+F5)"))
        self.reset.setText(self.tr("Reset wei&ghts"))
        self.reset.setIconText(self.tr("↺ Reset weights"))
        self.reset.setToolTip(self.tr("Forget the trained weights: the live model is empty until a run."))
        self.pause.setToolTip(self.tr("Pause or resume (F6)"))
        self.step_batch.setText(self.tr("One &minibatch"))
        self.step_batch.setIconText("▷")  # the button: a glyph, named by its tooltip and the menu
        self.step_batch.setToolTip(self.tr("Pause, then train on one more minibatch and show it (F7)"))
        self.step_epoch.setText(self.tr("One e&poch"))
        self.step_epoch.setIconText("▷▷")
        self.step_epoch.setToolTip(
            self.tr("Pause, then train to the end of this epoch, its test accuracy included (F8)")
        )
        self._set_pause_text()

    def follow(self, state: str, can_start: bool) -> None:
        """What is possible now: called by the Train tab on every state change."""
        self._state = state
        self.start.setEnabled(state == IDLE and can_start)
        self.pause.setEnabled(state in (RUNNING, PAUSED))
        self.stop.setEnabled(state in (RUNNING, PAUSED))
        self.reset.setEnabled(state == IDLE)
        self.step_batch.setEnabled(state in (RUNNING, PAUSED))
        self.step_epoch.setEnabled(state in (RUNNING, PAUSED))
        self._set_pause_text()

    def _set_pause_text(self) -> None:
        paused = self._state == PAUSED
        self.pause.setText(self.tr("Res&ume") if paused else self.tr("Pa&use"))
        self.pause.setIconText(self.tr("Resume") if paused else self.tr("Pause"))


def command_button(action: QAction) -> QToolButton:
    """A push-button-like view of `action`: its enabled state, text and tooltip follow the action."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def name() -> None:  # the menu's words, also for the step buttons, which show only a glyph
        button.setAccessibleName(action.text().replace("&", ""))

    action.changed.connect(name)
    name()
    return button
