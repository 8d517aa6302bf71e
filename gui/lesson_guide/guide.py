"""The Lesson menu (课程) and its guide: step through the chapter, each step setting the window up.

PageDown and PageUp (what a presenter's remote sends) go to the next and previous step from
anywhere in the window while the guide is open, even when a spin box or a text field has the focus
(those would otherwise keep the keys for themselves: see `eventFilter`). With the guide closed the
keys do what they always did. Whether the guide is open and its step are remembered.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from gui.language import follow_language
from gui.lesson_guide.dock import GuideDock
from gui.lesson_guide.steps import STEPS, GuideStep
from gui.menu_parts import menu_bar_menu, translated_action
from gui.screen_fit import fit_window_to_screen
from gui.stored_settings import read_bool, read_int

SHOWN_KEY = "lesson/guideShown"
STEP_KEY = "lesson/step"
FOLDED_KEY = "lesson/guideFolded"
STEP_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_PageUp}


class LessonGuide(QObject):
    def __init__(
        self, window: QMainWindow, settings: QSettings, steps: tuple[GuideStep, ...] = STEPS
    ) -> None:
        super().__init__(window)
        self.main_window = window
        self.steps = steps
        self._settings = settings
        self._index = read_int(settings, STEP_KEY, 0, 0, len(steps) - 1)
        was_shown = read_bool(settings, SHOWN_KEY, False)
        self._watching = False  # whether the focused widget's events are filtered (guide open)
        self._watched: QWidget | None = None
        self.dock = GuideDock(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.menu = menu_bar_menu(window, lambda: self.tr("Lesso&n"))
        self.show_action = translated_action(
            window, lambda: self.tr("Show the lesson &guide"), QKeySequence("Ctrl+G"), self.set_shown
        )
        self.show_action.setCheckable(True)
        self.next_action = translated_action(
            window, lambda: self.tr("&Next step"), QKeySequence(Qt.Key.Key_PageDown), self.next_step
        )
        self.previous_action = translated_action(
            window, lambda: self.tr("&Previous step"), QKeySequence(Qt.Key.Key_PageUp), self.previous_step
        )
        for action in (self.next_action, self.previous_action):
            window.addAction(action)  # the keys work whichever tab or dock has the focus
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.next_action)
        self.menu.addAction(self.previous_action)
        self.menu.addSeparator()
        self._step_group = QActionGroup(self)
        self.step_actions: list[QAction] = []
        for index, _step in enumerate(steps):
            action = QAction(self.menu, checkable=True)
            action.triggered.connect(lambda _checked=False, i=index: self.go_to(i))
            self._step_group.addAction(action)
            self.step_actions.append(action)
            self.menu.addAction(action)
        self.dock.previous_requested.connect(self.previous_step)
        self.dock.next_requested.connect(self.next_step)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self.dock.set_folded(read_bool(settings, FOLDED_KEY, False))
        self.dock.folded_changed.connect(lambda folded: self._settings.setValue(FOLDED_KEY, folded))
        follow_language(self.dock, self._retranslate)
        self._visibility_changed(False)
        if was_shown:
            self.set_shown(True, apply=False)  # back where the teacher was, without changing anything

    # -- steps -----------------------------------------------------------------------------
    def index(self) -> int:
        return self._index

    def current(self) -> GuideStep:
        return self.steps[self._index]

    def go_to(self, index: int) -> None:
        """Show step `index` and set the window up for it; opens the guide if it was closed."""
        if not self.dock.isHidden():
            self.current().leave(self.main_window)
        self._index = max(0, min(index, len(self.steps) - 1))
        self._settings.setValue(STEP_KEY, self._index)
        self._show_text()
        if not self.dock.isVisible():
            self.set_shown(True, apply=False)
        self.current().apply(self.main_window)
        self._refit_window()

    def _refit_window(self) -> None:
        """Back inside the screen once the step's tab and texts are laid out (a step's longer title
        or larger page must never leave the window wider than the screen, even after PageUp)."""
        window = self.main_window
        QTimer.singleShot(0, window, lambda: fit_window_to_screen(window))

    def next_step(self) -> None:
        if self._index + 1 < len(self.steps):
            self.go_to(self._index + 1)

    def previous_step(self) -> None:
        if self._index > 0:
            self.go_to(self._index - 1)

    def set_shown(self, shown: bool, *, apply: bool = True) -> None:
        """Open or close the guide; opening it sets the window up for the step it shows."""
        self.dock.setVisible(shown)
        self._visibility_changed(shown)  # the dock does not say so itself while the window is hidden
        if shown and apply:
            self.current().apply(self.main_window)

    def _visibility_changed(self, _visible: bool) -> None:
        # isVisible, not the signal's value: a dock on a hidden window reports False at first.
        shown = not self.dock.isHidden()
        if self._watching and not shown:  # closed (✕, the menu, Ctrl+G): the step's exercise ends
            self.current().leave(self.main_window)
            self._refit_window()
        self.show_action.setChecked(shown)
        self.next_action.setEnabled(shown)
        self.previous_action.setEnabled(shown)
        self._settings.setValue(SHOWN_KEY, shown)
        self._watch_focus(shown)

    def _watch_focus(self, on: bool) -> None:
        """Filter the focused widget's events only (an application-wide filter would run Python
        for every paint of every widget): the ShortcutOverride for a key goes to the focus first."""
        app = QApplication.instance()
        if on == self._watching:
            return
        self._watching = on
        if on:
            app.focusChanged.connect(self._focus_moved)
            self._focus_moved(None, app.focusWidget())
        else:
            app.focusChanged.disconnect(self._focus_moved)
            self._focus_moved(self._watched, None)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = new if new is not None and self._in_window(new) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def _show_text(self) -> None:
        step = self.current()
        self.dock.show_step(self._index + 1, len(self.steps), step.title(), step.text())
        self.step_actions[self._index].setChecked(True)

    def _retranslate(self) -> None:
        for index, (step, action) in enumerate(zip(self.steps, self.step_actions, strict=True)):
            number = f"&{index + 1}" if index < 9 else str(index + 1)
            action.setText(f"{number}  {step.title()}")
        dock = self.dock
        dock.previous_button.setToolTip(self.tr("Previous step (PgUp)"))
        dock.next_button.setToolTip(self.tr("Next step (PgDown)"))
        dock.fold_button.setToolTip(self.tr("Fold the text away, or show it again"))
        dock.close_button.setToolTip(self.tr("Close the guide (Lesson menu to open it again)"))
        self._show_text()

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """A spin box or text field asks to keep PageUp/PageDown (a ShortcutOverride it would
        accept); while the guide is open the keys are the guide's, so the request is swallowed
        unanswered and the shortcut runs instead."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in STEP_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
                if isinstance(watched, QWidget) and self._in_window(watched):
                    return True
        return super().eventFilter(watched, event)

    def _in_window(self, widget: QWidget) -> bool:
        top = widget.window()
        return top is self.main_window or top is self.dock

    def shutdown(self) -> None:
        self._watch_focus(False)
