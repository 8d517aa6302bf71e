"""File ▸ Open and File ▸ Save for checkpoints: which weights a Save writes, where dialogs open,
and what the window says when a file it opened in the background loaded or was refused.

Save writes the Session's live run as published (its config and weights belong together) or,
only when the teacher chooses it, the active model's hand-edited weights; the save dialog asks
before replacing a file, so edits never overwrite one silently.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from gui.checkpoint_messages import explain_file_error
from gui.file_writing import explain_write_error
from gui.session import Session
from gui.session.checkpoint_loading import FileOpen, OpenOutcome
from gui.session.model_sources import ModelSource
from gui.stored_settings import read_text
from gui.user_folders import user_folder


class CheckpointFiles(QObject):
    """The File menu's checkpoint commands; their texts keep the "MainWindow" translation context."""

    def __init__(self, window: QMainWindow, session: Session, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings

    def open_checkpoint(self) -> None:
        start = self._last_folder(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            QCoreApplication.translate("MainWindow", "Open checkpoint"),
            start,
            QCoreApplication.translate("MainWindow", "Checkpoints (*.pt);;All files (*)"),
        )
        if not path:
            return
        self._settings.setValue("files/lastDir", os.path.dirname(path))
        self.open_checkpoint_file(path)

    def open_checkpoint_file(self, path: str) -> FileOpen | None:
        """Read `path` in the background (the window keeps working; the status bar shows the busy
        state): the file's content decides, so an image named .pt is refused as not a checkpoint.
        Returns the request, or None when it is the active model already, unchanged on disk."""
        request = self._session.open_file(path)
        if request is None:
            self._window.status.show_opened(path, getattr(self._session.predictor(), "notes", ()))
        else:
            request.ended.connect(self._report)
        return request

    def use_model_source(self, source: ModelSource) -> FileOpen | None:
        """The Model menu's choice; a file row is read again when it changed on disk."""
        request = self._session.set_model_source(source)
        if request is not None:
            request.ended.connect(self._report)
        return request

    def _report(self, outcome: OpenOutcome) -> None:
        """Refused: one line, and the old model stays (a loaded one: the status bar says so)."""
        if outcome.error == "":
            return
        QMessageBox.warning(
            self._window,
            QCoreApplication.translate("MainWindow", "Could not open the checkpoint"),
            explain_file_error(outcome.refusal or outcome.error, outcome.path),
        )

    def save_checkpoint(self) -> None:
        """File ▸ Save: the live run as published (its config and weights belong together), or,
        when the active model has hand edits and the teacher says so, the edited weights."""
        session = self._session
        run = session.live_run()
        edited = False
        if session.has_edits():
            edited = self._ask_save_edits(can_save_trained=run is not None)
            if edited is None:
                return
        elif run is None:
            nothing = QCoreApplication.translate(
                "MainWindow", "Nothing has been trained yet: train a model on the Train tab first."
            )
            QMessageBox.information(
                self._window, QCoreApplication.translate("MainWindow", "Nothing to save"), nothing
            )
            return
        if edited:
            name = session.active_weights()[0]
            suggested = QCoreApplication.translate("MainWindow", "{model}-edited.pt").format(model=name)
        else:
            suggested = f"{run.model_name}.pt"
        title = (
            QCoreApplication.translate("MainWindow", "Save edited model")
            if edited
            else QCoreApplication.translate("MainWindow", "Save trained model")
        )
        start = os.path.join(self._last_folder(QStandardPaths.StandardLocation.DocumentsLocation), suggested)
        # The dialog asks before replacing an existing file: edits never overwrite one silently.
        path, _ = QFileDialog.getSaveFileName(
            self._window, title, start, QCoreApplication.translate("MainWindow", "Checkpoints (*.pt)")
        )
        if not path:
            return
        if not path.endswith(".pt"):
            path += ".pt"
        self._settings.setValue("files/lastDir", os.path.dirname(path))
        try:
            if edited:
                session.save_edited_checkpoint(path)
            else:
                session.save_live_checkpoint(path)
        except Exception as error:  # full disk, read-only folder: the old file and the weights stay
            kept = QCoreApplication.translate(
                "MainWindow",
                "The weights are still in the window: free some space or choose another folder, "
                "then save again.",
            )
            QMessageBox.warning(
                self._window,
                QCoreApplication.translate("MainWindow", "Could not save"),
                f"{explain_write_error(error, path)}\n{kept}",
            )
            return
        saved = QCoreApplication.translate("MainWindow", "Saved {path}").format(path=path)
        self._window.statusBar().showMessage(saved, 5000)

    def _ask_save_edits(self, can_save_trained: bool) -> bool | None:
        """True: save the edited weights; False: the trained live run; None: cancelled."""
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Save which weights?"))
        question = QCoreApplication.translate(
            "MainWindow", "The active model ({model}) has hand edits. Save the edited weights to a file?"
        )
        box.setText(question.format(model=self._session.model_label()))
        edited = box.addButton(
            QCoreApplication.translate("MainWindow", "Save &edited weights…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        trained = None
        if can_save_trained:
            role = QMessageBox.ButtonRole.ActionRole
            trained = box.addButton(
                QCoreApplication.translate("MainWindow", "Save the &trained live model…"), role
            )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(edited)
        box.exec()
        clicked = box.clickedButton()
        if clicked is edited:
            return True
        if trained is not None and clicked is trained:
            return False
        return None

    def _last_folder(self, fallback: QStandardPaths.StandardLocation) -> str:
        """The folder of the last file opened or saved, else the user's Documents (never the
        folder the app was started from)."""
        folder = read_text(self._settings, "files/lastDir", "")
        return folder if folder and os.path.isdir(folder) else user_folder(fallback)
