"""File ▸ Export sketchbook… / Import sketchbook…: today's class sketchbook as one zip and back.

The dialogs ask in the GUI thread; the writing and the careful reading (core/sketchbook_zip.py)
run in the background (gui/session/sketchbook.py), and what they did is said in the status bar in
one line (the whole bar, gui/status_bar.py). An import's result is said in a box as well: "Nothing
new in class.zip: …" must not look like a failure, and the teacher asked for it. A zip refused (or
a sketchbook that could not be written) opens a box too, as a refused checkpoint does.

Export is greyed while today's sketchbook is empty (its tooltip says how to fill it): a Save dialog
that ends in "the sketchbook is empty" wasted the teacher's time.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from core.sketchbook import SketchbookError
from gui.background import BackgroundJob
from gui.language import follow_language
from gui.menu_parts import translated_action
from gui.sketchbook_messages import explain
from gui.stored_settings import read_text
from gui.user_folders import in_documents

MESSAGE_MS = 12_000
# The folder of the last zip exported or imported: the next one is there too (a USB stick, a share).
LAST_FOLDER_KEY = "sketchbook/lastDir"


class SketchbookFiles(QObject):
    def __init__(self, window: QMainWindow, session: Any, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings if settings is not None else QSettings()
        self.export_action = translated_action(
            window, lambda: self.tr("Export s&ketchbook…"), None, self.ask_export
        )
        self.import_action = translated_action(
            window, lambda: self.tr("&Import sketchbook…"), None, self.ask_import
        )
        session.sketchbook.finished.connect(self._say)
        session.sketchbook.refused.connect(self._say)
        session.sketchbook.imported.connect(lambda text: self._tell(self.tr("Import the sketchbook"), text))
        self._count: int | None = session.sketchbook.count  # None: not counted yet (export stays on)
        session.sketchbook.counted.connect(self._follow_count)
        follow_language(window, self._say_why_export_is_off)

    def _follow_count(self, count: int) -> None:
        self._count = count
        self._say_why_export_is_off()

    def _say_why_export_is_off(self) -> None:
        empty = self._count == 0
        self.export_action.setEnabled(not empty)
        why = (
            self.tr(
                "Today's sketchbook is empty: keep drawings first (Draw ▸ Keep as…, Ctrl+K), "
                "or let the class draw on the Class tab."
            )
            if empty
            else ""
        )
        self.export_action.setToolTip(why)
        self.export_action.setStatusTip(why)  # shown in the status bar while the item is pointed at
        for menu in self.export_action.associatedObjects():
            if isinstance(menu, QMenu):
                menu.setToolTipsVisible(True)  # a menu shows an item's tooltip only when told to

    def _zips(self) -> str:
        return self.tr("Sketchbooks (*.zip);;All files (*)")

    def ask_export(self) -> None:
        name = f"sketchbook-{self._session.sketchbook.folder.name or dt.date.today().isoformat()}.zip"
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export the sketchbook"), self._in_last_folder(name), self._zips()
        )
        if path:
            self._remember_folder(path)
            job = self._session.sketchbook.export_zip(path)
            self._warn_if_refused(job, lambda: self.tr("Could not export the sketchbook"))

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import a sketchbook into today's"), self._in_last_folder(), self._zips()
        )
        if path:
            self._remember_folder(path)
            job = self._session.sketchbook.import_zip(path)
            self._warn_if_refused(job, lambda: self.tr("Could not import the sketchbook"))

    def _in_last_folder(self, file_name: str = "") -> str:
        """In the last zip's folder while it still exists, else in the user's Documents."""
        folder = read_text(self._settings, LAST_FOLDER_KEY, "")
        if folder and os.path.isdir(folder):
            return os.path.join(folder, file_name)
        return in_documents(file_name)

    def _remember_folder(self, path: str) -> None:
        self._settings.setValue(LAST_FOLDER_KEY, os.path.dirname(path))

    def _warn_if_refused(self, job: BackgroundJob, title: Any) -> None:
        """A message box with core's reason (in the window's language) when `job` is refused or fails."""

        def returned(result: Any) -> None:
            if isinstance(result, SketchbookError):
                self._warn(title(), explain(result))

        job.returned.connect(returned)
        job.failed.connect(lambda message: self._warn(title(), message))

    def _warn(self, title: str, text: str) -> None:
        self._box(QMessageBox.Icon.Warning, title, title, text)

    def _tell(self, title: str, text: str) -> None:
        self._box(QMessageBox.Icon.Information, title, text, "")

    def _box(self, icon: QMessageBox.Icon, title: str, heading: str, details: str) -> None:
        """A box over the window that does not hold up its event loop (open(), not exec()). A
        refusal's title is its first line too: without a title bar (a bare X session, macOS's
        sheets) nothing else would say what failed."""
        box = QMessageBox(icon, title, heading, QMessageBox.StandardButton.Ok, self._window)
        box.setInformativeText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, MESSAGE_MS)
