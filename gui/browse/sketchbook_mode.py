"""What the Browse tab needs to show the class's sketchbook as its third data set.

The sketchbook itself is the Session's (`session.sketchbook`, gui/session/sketchbook.py); this
reads it in the background (gui.browse.sketch_loading) whenever it is shown or
`session.sketchbook_changed` fires, deletes a sketch through the session (so every tab hears of
it) after a Yes/No, says where a sketch came from, and keeps the models' scores on the sketches
up to date (gui.browse.sketch_scoring). The panel decides what to show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import CodedError
from gui.browse.sketch_loading import SketchbookContents, SketchbookReader
from gui.browse.sketch_scoring import ScoresRunner, entries_for
from gui.language import class_name
from gui.sketchbook_messages import explain as explain_sketchbook

SOURCE_TEXTS = {  # translated where shown
    "draw": QT_TRANSLATE_NOOP("SketchbookMode", "drawn here"),
    "class": QT_TRANSLATE_NOOP("SketchbookMode", "from a phone"),
    "import": QT_TRANSLATE_NOOP("SketchbookMode", "imported"),
}


class SketchbookMode(QObject):
    """`contents_changed(SketchbookContents)` when a read finds other sketches than the last one."""

    contents_changed = Signal(object)
    read_failed = Signal(str)

    def __init__(self, session: Any, scores_view: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._scores_view = scores_view
        self.contents: SketchbookContents | None = None  # the last read, None before the first
        self.generation = 0  # changes with every new set of sketches
        self.active = False  # the panel shows the sketchbook and is visible
        self._read_stale = True  # a change came while nobody looked
        self._scores_generation = -1  # the generation the table's scores belong to
        self._reader = SketchbookReader(self)
        self._reader.loaded.connect(self._on_read)
        self._reader.failed.connect(self.read_failed)
        self.scores = ScoresRunner(self)
        self.scores.scored.connect(scores_view.set_score)
        # Bursts (a new set of live weights every few seconds, several sketches arriving at once)
        # make one request each time the event loop comes round.
        self._scores_timer = QTimer(self, singleShot=True, interval=0)
        self._scores_timer.timeout.connect(self._request_scores)
        changed = getattr(session, "sketchbook_changed", None)
        if changed is not None:
            changed.connect(self._on_sketchbook_changed)
        session.predictor_changed.connect(self.rescore)
        for name in ("live_run_changed", "model_source_changed"):
            signal = getattr(session, name, None)
            if signal is not None:
                signal.connect(self.rescore)
        if hasattr(session, "model_list"):
            models = session.model_list()
            models.rowsInserted.connect(self.rescore)
            models.dataChanged.connect(self.rescore)  # a row's figures arrived (gui.model_figures)

    # -- the sketchbook --------------------------------------------------------------------------
    def _book(self) -> Any:
        return getattr(self._session, "sketchbook", None)

    def folder(self) -> Path | None:
        book = self._book()
        folder = getattr(book, "folder", None)
        return None if folder is None else Path(folder)

    def set_active(self, active: bool) -> None:
        """The sketchbook is on screen (or not); a change that came meanwhile is read now."""
        self.active = active
        if active and self._read_stale:
            self.refresh()
        if active:
            self.rescore()

    def refresh(self) -> None:
        folder = self.folder()
        if folder is None:
            return
        self._read_stale = False
        self._reader.read(folder)

    def _on_sketchbook_changed(self, *_: Any) -> None:
        self._read_stale = True
        if self.active:
            self.refresh()

    def _on_read(self, contents: SketchbookContents) -> None:
        old = self.contents
        same = (
            old is not None
            and old.folder == contents.folder
            and [s.sketch_id for s in old.sketches] == [s.sketch_id for s in contents.sketches]
            and old.skipped == contents.skipped
        )
        if same:
            return
        self.contents = contents
        self.generation += 1
        self.contents_changed.emit(contents)
        self.rescore()

    def delete(self, sketch_id: str) -> None:
        """Remove a sketch for good; the session's `sketchbook_changed` brings the re-read. Raises
        core's SketchbookError when the file cannot be removed."""
        book = self._book()
        book.delete(sketch_id)
        if getattr(self._session, "sketchbook_changed", None) is None:
            self._on_sketchbook_changed()

    def delete_asking(self, parent: QWidget, sketch: Any, number: int) -> None:
        """Yes/No first; a refusal (a read-only folder) said in one line, the window keeps working."""
        if not self.confirm_delete(parent, sketch, number):
            return
        try:
            self.delete(sketch.sketch_id)
        except Exception as error:
            message = explain_sketchbook(error) if isinstance(error, CodedError) else str(error)
            title = QCoreApplication.translate("SketchbookMode", "Delete sketch")
            QMessageBox.warning(parent, title, message)

    @staticmethod
    def confirm_delete(parent: QWidget, sketch: Any, number: int) -> bool:
        """A student's drawing cannot be drawn again: No is the default."""
        question = QCoreApplication.translate(
            "SketchbookMode",
            "Delete sketch {number} ({name}) from the class's sketchbook? This cannot be undone.",
        )
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("SketchbookMode", "Delete sketch"),
            question.format(number=number, name=class_name(sketch.label)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- scores ----------------------------------------------------------------------------------
    def rescore(self, *_: Any) -> None:
        self._scores_timer.start()

    def _request_scores(self) -> None:
        contents = self.contents
        if not self.active or contents is None or not getattr(self._session, "runtime_ready", True):
            return
        entries, rows = entries_for(self._session)
        keep = self._scores_generation == self.generation
        self._scores_generation = self.generation
        self._scores_view.set_rows(rows, len(contents.sketches), keep_scores=keep)
        if contents.sketches:
            self.scores.request(self.generation, entries, contents.images, contents.labels)

    # -- words ----------------------------------------------------------------------------------
    @staticmethod
    def describe(sketch: Any, number: int, total: int) -> str:
        """"Sketch 3 of 20 · 10:15 · from a phone", in the window's language."""
        try:
            kept = dt.datetime.fromisoformat(sketch.created).astimezone().strftime("%H:%M")
        except (TypeError, ValueError):
            kept = ""
        source = SOURCE_TEXTS.get(sketch.source)
        title = QCoreApplication.translate("SketchbookMode", "Sketch {number} of {total}")
        parts = [title.format(number=number, total=total)]
        parts += [kept] if kept else []
        parts += [QCoreApplication.translate("SketchbookMode", source)] if source else []
        return " · ".join(parts)

    def shutdown(self) -> None:
        self._scores_timer.stop()
        self._reader.shutdown()
        self.scores.shutdown()
