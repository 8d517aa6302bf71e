"""Small builders for the window's menus: language-following titles and actions, distinct keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from gui.language import follow_language
from gui.text_size import TextSize


def distinct_keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """Each key sequence once. On Linux ZoomIn is Ctrl++ and ZoomOut Ctrl+-: listing one twice
    on the same action made Qt report "Ambiguous shortcut overload" and do nothing."""
    distinct: list[QKeySequence] = []
    for key in keys:
        standard = isinstance(key, QKeySequence.StandardKey)
        bindings = QKeySequence.keyBindings(key) if standard else [QKeySequence(key)]
        for sequence in bindings:
            if not sequence.isEmpty() and sequence not in distinct:
                distinct.append(sequence)
    return distinct


def menu_bar_menu(window: QMainWindow, title: Callable[[], str]) -> QMenu:
    """A menu-bar menu whose title follows the language: `title` is called now and on each switch."""
    menu = window.menuBar().addMenu("")
    follow_language(menu, lambda: menu.setTitle(title()))
    return menu


def translated_action(
    parent: QWidget, text: str | Callable[[], str], shortcut: object, slot: object
) -> QAction:
    """An action; give `text` as `lambda: self.tr("...")` and it follows the language."""
    action = QAction(parent)
    if callable(text):
        follow_language(parent, lambda: action.setText(text()))
    else:
        action.setText(text)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action


def size_words(steps: int) -> str:
    """"Text size: +2", "Text size: −1", "Text size: normal", in the window's language."""
    if steps == 0:
        return QCoreApplication.translate("MainWindow", "Text size: normal")
    return QCoreApplication.translate("MainWindow", "Text size: {steps}").format(
        steps=f"+{steps}" if steps > 0 else f"\u2212{-steps}"
    )


def add_text_size_actions(menu: QMenu, window: QWidget, text_size: TextSize) -> QAction:
    """Bigger, smaller and normal text, under a line that says the size now (greyed: it is no
    command); returns that line. In the menu, not the menu bar: the bar must not widen."""
    now = QAction(window)
    now.setEnabled(False)

    def say_size(*_new_size: object) -> None:
        now.setText(size_words(text_size.steps()))

    follow_language(window, say_size)
    text_size.changed.connect(say_size)
    bigger = translated_action(
        window, lambda: QCoreApplication.translate("MainWindow", "&Bigger text"), None, text_size.bigger
    )
    bigger.setShortcuts(distinct_keys("Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn))
    smaller = translated_action(
        window, lambda: QCoreApplication.translate("MainWindow", "&Smaller text"), None, text_size.smaller
    )
    smaller.setShortcuts(distinct_keys("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
    normal = translated_action(
        window,
        lambda: QCoreApplication.translate("MainWindow", "&Normal text size"),
        QKeySequence("Ctrl+0"),
        text_size.reset,
    )
    menu.addActions([now, bigger, smaller, normal])
    return now
