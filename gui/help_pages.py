"""Help ▸ How to run the lesson, and Help ▸ Keyboard shortcuts.

The shortcuts page is read from the window's own actions at the moment it opens, so it lists
every key that works, in the window's language, and can never disagree with the menus.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt
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
            "<b>Train.</b> Press <i>Lesson defaults</i>, then <b>▶ Start</b> (F5): softmax regression "
            "from scratch, 5 epochs, learning rate 0.1, batch size 256. The loss falls, the accuracies "
            "rise, and the log prints one line per epoch, as the book does.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Compare learning rates.</b> Start again with 0.01, 1 and 50: each run keeps its curves "
            "and its colour, named in the key beside the plots (solid = test, dashed = train). At 50 the "
            "run diverges and the progress box says why.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Weights.</b> Open the Weights tab while a run trains (F5 works from any tab): the ten "
            "rows of W form garment-shaped templates.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Draw.</b> Draw a garment: the ten softmax probabilities change as you draw. The lesson's "
            "linear model is shown beside the strongest shipped one.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Browse.</b> Test images with the true label over the predicted one, the confusion "
            "matrix, and the most confident mistakes; send any image to the Draw tab.",
        ),
        QCoreApplication.translate(
            "HelpPages",
            "<b>Softmax.</b> Step through o → exp → ÷ Σ → ŷ for the current image, change the "
            "temperature, and see why the row maximum is subtracted before exp.",
        ),
    ]
    tips = QCoreApplication.translate(
        "HelpPages",
        "On a projector: <b>Ctrl+=</b> makes all text bigger (Ctrl+0 goes back), <b>View ▸ High "
        "contrast</b> suits a bright room, <b>F11</b> fills the screen.",
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


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, keys) for every action with a key: the menus' in menu order, then the tabs' own,
    then the tabs' QShortcuts that say where they work in their What's This (Draw's Ctrl+K)."""
    listed: list[tuple[str, QAction]] = []
    for bar_action in window.menuBar().actions():
        if bar_action.menu() is not None:
            listed += _menu_actions(bar_action.menu(), _plain(bar_action.text()))
    listed += [(_plain(action.text()), action) for action in window.findChildren(QAction) if action.text()]
    rows, seen = [], set()
    for where, action in listed:
        # Portable text: "Ctrl+=", never a translated key name; each action once (File ▸ Open
        # is in the Model menu too).
        keys = [key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()]
        if keys and action not in seen:
            seen.add(action)
            rows.append((where, " · ".join(keys)))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
            rows.append((shortcut.whatsThis(), keys))
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
