"""Today's class sketchbook, as the tabs share it (`session.sketchbook`).

It reads like core.sketchbook.Sketchbook (folder, sketches(), skipped, tensors(), add()), so the
Browse tab, the fine-tune and the class server use it as one; the changes the window makes go
through `keep`, `delete`, `import_zip` and `export_zip`, which tell every tab through the session's
`sketchbook_changed`. Keeping, importing and exporting write files (fsync'd, a zip of hundreds of
pictures) and so run as gui.background jobs: the GUI thread never waits on a disk. Their outcome
comes back as `kept`, `finished` (a line saying what was done; an import's also as `imported`) or
`refused` (core's coded error, said in the window's language by gui.sketchbook_messages).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.sketchbook import Sketch, Sketchbook, SketchbookError
from gui.background import BackgroundJob
from gui.language import class_name
from gui.sketchbook_messages import explain


class SessionSketchbook(QObject):
    kept = Signal(object, int)  # (the kept Sketch, how many sketches the sketchbook now holds)
    finished = Signal(str)  # what an import or export did, in the window's language
    imported = Signal(str)  # what an import did (also said through `finished`): the window shows it in a box
    refused = Signal(str)  # why a keep, delete, import or export could not be done (one line)
    counted = Signal(int)  # how many sketches the sketchbook holds, after `recount` (and every change)

    def __init__(self, changed: Any, book: Sketchbook | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book or Sketchbook.for_lesson()
        self._changed = changed  # the session's sketchbook_changed signal
        self._jobs: set[BackgroundJob] = set()  # held until they end
        self.count: int | None = None  # the last count read, None before the first
        changed.connect(self.recount)

    # -- reading: as core.sketchbook.Sketchbook -------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.book.folder

    @property
    def skipped(self) -> list:
        return self.book.skipped

    def sketches(self) -> list[Sketch]:
        return self.book.sketches()

    def tensors(self, sketches: list[Sketch] | None = None) -> tuple[Any, Any]:
        return self.book.tensors(sketches)

    def add(
        self, label: int, model_input: np.ndarray, board_png: bytes | None = None, *, source: str = "draw"
    ) -> Sketch:
        """core's add, from any thread (the class server's); whoever calls it says the change."""
        return self.book.add(label, model_input, board_png, source=source)

    # -- changes the window makes -----------------------------------------------------------------
    def keep(
        self, label: int, model_input: np.ndarray, board_png: bytes | None = None, source: str = "draw"
    ) -> BackgroundJob:
        """Keep a sketch in the background; `kept` (or `refused`) follows, then sketchbook_changed."""
        pixels = np.array(model_input, copy=True)  # the caller's board may change meanwhile
        book = self.book

        def work() -> tuple[Sketch, int] | SketchbookError:
            try:
                sketch = book.add(label, pixels, board_png, source=source)
            except SketchbookError as error:
                return error
            return sketch, len(book.sketches())

        return self._run(work, "fmp-sketchbook-keep", self._on_kept)

    def delete(self, sketch_id: str) -> None:
        """Remove a sketch now (two unlinks); raises core's SketchbookError when it cannot."""
        self.book.delete(sketch_id)
        self._changed.emit()

    def import_zip(self, path: str | Path) -> BackgroundJob:
        """Add an exported sketchbook's sketches in the background; `finished` or `refused` follows."""
        book, name = self.book, Path(path).name

        def work() -> tuple[int, int] | SketchbookError:
            try:
                return book.import_zip_counts(path)
            except SketchbookError as error:
                return error

        def done(counts: tuple[int, int]) -> None:
            count, there = counts
            self._changed.emit()
            if there and not count:  # the same zip imported again: it must not read as a failure
                text = self.tr(
                    "Nothing new in {file}: its %n sketch(es) are already in today's sketchbook.", None, there
                )
            elif there:  # today's own export imported again: the copies are not added
                text = self.tr("Imported %n sketch(es) from {file}, {there} already there.", None, count)
            else:
                text = self.tr("Imported %n sketch(es) from {file}.", None, count)
            said = text.format(file=name, there=there)
            self.imported.emit(said)
            self.finished.emit(said)

        return self._run(work, "fmp-sketchbook-import", done)

    def export_zip(self, path: str | Path) -> BackgroundJob:
        """Write the sketchbook to one zip in the background; `finished` or `refused` follows."""
        book, name = self.book, Path(path).name

        def work() -> int | SketchbookError:
            try:
                return book.export_zip(path)
            except SketchbookError as error:
                return error

        def done(count: int) -> None:
            text = self.tr("Exported %n sketch(es) to {file}.", None, count)
            self.finished.emit(text.format(file=name))

        return self._run(work, "fmp-sketchbook-export", done)

    def kept_message(self, sketch: Sketch, count: int) -> str:
        """ "Kept as Sneaker (12 in today's sketchbook)" """
        return QCoreApplication.translate(
            "Sketchbook", "Kept as {name} ({count} in today's sketchbook)"
        ).format(name=class_name(sketch.label), count=count)

    def recount(self) -> None:
        """Count the sketches in the background (the folder is read); `counted` follows."""
        book = self.book
        self._run(lambda: len(book.sketches()), "fmp-sketchbook-count", self._on_counted)

    def _on_counted(self, count: int) -> None:
        self.count = count
        self.counted.emit(count)

    # -- the jobs ----------------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], name: str, done: Callable[[Any], None]) -> BackgroundJob:
        job = BackgroundJob(work, name, self)
        self._jobs.add(job)

        def returned(result: Any) -> None:
            if isinstance(result, SketchbookError):
                self.refused.emit(explain(result))
                if result.code == "sketchbook.cannot_keep":
                    self._changed.emit()  # an import may have added some before the disk filled
            else:
                done(result)

        job.returned.connect(returned)
        job.failed.connect(self.refused)  # an unexpected fault, said as Python said it
        job.finished.connect(lambda: self._jobs.discard(job))
        job.start()
        return job

    def _on_kept(self, result: tuple[Sketch, int]) -> None:
        sketch, count = result
        self._changed.emit()
        self.kept.emit(sketch, count)

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Let a keep or an import still writing finish (so no file is left half-renamed)."""
        for job in list(self._jobs):
            job.wait(timeout_ms)
