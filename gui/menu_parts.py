"""Small builders for the window's menus: language-following titles and actions, distinct keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from gui.language import follow_language


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
