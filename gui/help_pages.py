"""Help ▸ How to run the lesson, and Help ▸ Keyboard shortcuts.

The shortcuts page is read from the window's own actions at the moment it opens, so it lists
every key that works, in the window's language, and can never disagree with the menus.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# The page is a share of the screen: readable at any text size, never taller than a projector.
PAGE_SCREEN_FRACTION = 0.85


def lesson_guide_html() -> str:
    steps = [
        QCoreApplication.translate(
            "HelpPages",
            "<b>Lesson guide.</b> <b>Ctrl+G</b> (Lesson menu) opens a guide beside the tabs: each step "
            "brings up the right tab and says what to show. <b>PageDown</b> / <b>PageUp</b> move between "
            "steps.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Train.</b> <i>Lesson defaults</i>, then <b>▶ Start</b> (F5): softmax regression from "
            "scratch, 5 epochs, learning rate 0.1, batch size 256. Tick <i>Class pace</i> so the curves "
            "grow slowly enough to talk over; pause (F6), then <b>F7</b> trains one minibatch and "
            "<b>F8</b> one epoch.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Compare learning rates.</b> Start again with 0.01, 1 and 50: each run keeps its curves "
            "and its colour. At 50 the run diverges and the progress box says why.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Weights, Softmax, Code.</b> The ten rows of W form garment-shaped templates; Softmax "
            "steps through o → exp → ÷ Σ → ŷ for one image; Code shows the lesson's code with the line "
            "that runs highlighted while you step.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Draw.</b> Draw a garment and watch the ten probabilities; <b>Keep as…</b> (Ctrl+K) keeps "
            "the drawing with its class in the class's sketchbook.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Class.</b> <i>Invite the class</i>: students scan the QR code with their phones, draw, "
            "and their drawings arrive in the gallery with the model's answer.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Our sketches.</b> Browse ▸ Split ▸ <i>Our sketches</i> shows what the class kept and how "
            "each model scores it; <b>Training ▸ Teach it our sketches…</b> trains a model on them and "
            "compares before and after.",
        ),
    ]
    tips = QCoreApplication.translate(
        "HelpPages",
        "On a projector: <b>Ctrl+=</b> makes all text bigger (Ctrl+0 goes back), <b>View ▸ High "
        "contrast</b> suits a bright room, <b>F11</b> fills the screen. All keys: Help ▸ Keyboard "
        "shortcuts (F1).",
    )
    items = "".join(f"<li>{step}</li>" for step in steps)
    title = QCoreApplication.translate("HelpPages", "How to run the lesson")
    return f"<h2>{title}</h2><ol>{items}</ol><p>{tips}</p>"


def _plain(text: str) -> str:
    """A menu text without its Alt key: "&File" → "File", "文件(&F)" → "文件"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, QAction]]:
    found = []
    for action in menu.actions():
        name = _plain(action.text())
        if action.menu() is not None:
            found += _menu_actions(action.menu(), f"{path} ▸ {name}")
        elif name:
            found.append((f"{path} ▸ {name}", action))
    return found


# Qt's short key names, as the keys are printed on most keyboards and in the window's language.
KEY_WORDS = {
    "PgDown": QT_TRANSLATE_NOOP("HelpPages", "Page Down"),
    "PgUp": QT_TRANSLATE_NOOP("HelpPages", "Page Up"),
    "Del": QT_TRANSLATE_NOOP("HelpPages", "Delete"),
    "Esc": QT_TRANSLATE_NOOP("HelpPages", "Esc"),
}


def _typed(key: QKeySequence) -> bool:
    """A key on the keyboard itself, not a multimedia one (ZoomIn's "Zoom In", Redo's "Redo")."""
    code = key[0].key()
    return not Qt.Key.Key_Back.value <= code.value < Qt.Key.Key_unknown.value


def key_words(action_keys: list[QKeySequence]) -> str:
    """One key per action, the first one typed on a keyboard, in words a person reads:
    "Ctrl+=" (not "Ctrl+= · Ctrl++ · Zoom In"), "Page Down", "Ctrl+回车" in Chinese."""
    typed = [key for key in action_keys if not key.isEmpty() and _typed(key)]
    if not typed:
        return ""
    text = typed[0].toString(QKeySequence.SequenceFormat.NativeText)
    parts = re.split(r"\+(?=.)", text)  # "Ctrl++" is Ctrl and +
    words = [QCoreApplication.translate("HelpPages", KEY_WORDS[part]) if part in KEY_WORDS else part
             for part in parts]
    return "+".join(words)


def _tab_of(window: QMainWindow, action: QAction) -> str:
    """"Draw" for an action of the Draw tab's own (its tools' keys), "" for the window's."""
    tabs = getattr(window, "tabs", None)
    widget = action.parent()
    while isinstance(widget, QWidget) and tabs is not None:
        index = tabs.indexOf(widget)
        if index >= 0:
            return _plain(tabs.tabText(index))
        widget = widget.parentWidget()
    return ""


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, keys) for every action with a key: the menus' in menu order, then the tabs' own
    ("Draw ▸ Brush"), then the tabs' QShortcuts that say where they work in their What's This
    (Draw's Ctrl+K)."""
    listed: list[tuple[str, QAction]] = []
    for bar_action in window.menuBar().actions():
        if bar_action.menu() is not None:
            listed += _menu_actions(bar_action.menu(), _plain(bar_action.text()))
    for action in window.findChildren(QAction):
        if action.text():
            tab = _tab_of(window, action)
            listed.append((f"{tab} ▸ {_plain(action.text())}" if tab else _plain(action.text()), action))
    rows, seen = [], set()
    for where, action in listed:
        keys = key_words(action.shortcuts())
        if keys and action not in seen:  # each action once: File ▸ Open is in the Model menu too
            seen.add(action)
            rows.append((where, keys))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.append((shortcut.whatsThis(), key_words([shortcut.key()])))
    return rows


def shortcuts_html(window: QMainWindow) -> str:
    cells = "".join(
        f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(where)}</td></tr>"
        for where, keys in shortcut_rows(window)
    )
    title = QCoreApplication.translate("HelpPages", "Keyboard shortcuts")
    return f"<h2>{title}</h2><table cellpadding='3'>{cells}</table>"


def _show_page(parent: QWidget, title: str, page: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    text = QTextBrowser()
    text.setOpenExternalLinks(False)
    text.setHtml(page)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry()
    dialog.resize(
        min(screen.width(), round(screen.width() * PAGE_SCREEN_FRACTION)),
        min(screen.height(), round(screen.height() * PAGE_SCREEN_FRACTION)),
    )
    dialog.show()
    return dialog


def show_lesson_guide(window: QMainWindow) -> QDialog:
    return _show_page(
        window, QCoreApplication.translate("HelpPages", "How to run the lesson"), lesson_guide_html()
    )


def show_shortcuts(window: QMainWindow) -> QDialog:
    return _show_page(
        window, QCoreApplication.translate("HelpPages", "Keyboard shortcuts"), shortcuts_html(window)
    )
