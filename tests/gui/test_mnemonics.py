"""Alt-key mnemonics: on each tab, no letter may reach two places (Alt+B once opened "Batch size"
instead of the Browse tab), in English and in Chinese."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel

from gui import language
from gui.main_window import MainWindow
from gui.session import Session

MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _clashes(window: MainWindow) -> dict[str, dict[str, list[str]]]:
    """{tab title: {letter: [owners]}} for letters with more than one owner on that tab."""
    shared = defaultdict(list)  # menus and tab titles are reachable from every tab
    for action in window.menuBar().actions():
        if (letter := _letter(action.text())) is not None:
            shared[letter].append(f"menu {action.text()!r}")
    for index in range(window.tabs.count()):
        if (letter := _letter(window.tabs.tabText(index))) is not None:
            shared[letter].append(f"tab {window.tabs.tabText(index)!r}")
    clashes = {}
    for index in range(window.tabs.count()):
        owners = defaultdict(list, {key: list(value) for key, value in shared.items()})
        page = window.tabs.widget(index)
        widgets = [page.findChildren(kind) for kind in (QLabel, QAbstractButton, QGroupBox)]
        for widget in (found for group in widgets for found in group):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue  # a label's "&" only works with a buddy
            if (letter := _letter(text)) is not None:
                owners[letter].append(f"{type(widget).__name__} {text!r}")
        bad = {letter: names for letter, names in owners.items() if len(names) > 1}
        if bad:
            clashes[window.tabs.tabText(index)] = bad
    return clashes


@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE])
def test_no_alt_key_reaches_two_places(qtbot, tmp_path, code: str) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(), settings=settings)
    qtbot.addWidget(window)
    try:
        language.apply_language(code)
        QApplication.processEvents()
        assert _clashes(window) == {}
    finally:
        language.apply_language(language.ENGLISH)
