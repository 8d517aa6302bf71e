"""Reading the class sketchbook for the Browse tab, off the GUI thread.

Reading a sketchbook decodes two PNGs per sketch; a class of 30 keeps hundreds, and a student's
drawing arriving from the class server asks for a fresh read while the room watches the window.
So every read is a gui.background job. The reader keeps one core.sketchbook.Sketchbook of its own
per folder (its cache skips files read before) and runs one read at a time: a read asked for
while one runs waits for it and then happens once, however many sketches arrived meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from core.sketch_scores import sketch_arrays
from gui.background import BackgroundJob


@dataclass(frozen=True)
class SketchbookContents:
    """One read of a sketchbook: its sketches (oldest first), their arrays, and what was skipped."""

    folder: Path
    sketches: tuple[Any, ...] = ()  # core.sketchbook.Sketch
    images: np.ndarray = field(default_factory=lambda: np.zeros((0, 28, 28), np.uint8))
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    skipped: int = 0  # files in the folder that are not sketches (damaged or foreign)


def read_contents(book: Any) -> SketchbookContents:
    """The job's work: every sketch, stacked, and how many files were skipped."""
    sketches = book.sketches()
    images, labels = sketch_arrays(sketches)
    return SketchbookContents(Path(book.folder), tuple(sketches), images, labels, len(book.skipped))


class SketchbookReader(QObject):
    """`read(folder)` → `loaded(SketchbookContents)`; `failed(text)` when the folder cannot be read."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book: Any = None
        self._job: BackgroundJob | None = None
        self._again = False  # asked again while a read ran
        self._closed = False

    def is_busy(self) -> bool:
        return self._job is not None

    def read(self, folder: str | Path) -> None:
        if self._closed:
            return
        if self._book is None or Path(self._book.folder) != Path(folder):
            from core.sketchbook import Sketchbook  # torch-free

            self._book = Sketchbook(folder)
            if self._job is not None:
                self._job.request_stop()  # another folder: the running read's answer is useless
        if self._job is not None:
            self._again = True
            return
        self._start()

    def _start(self) -> None:
        book = self._book
        job = BackgroundJob(lambda: read_contents(book), "browse-sketchbook")
        job.returned.connect(self._on_read)
        job.failed.connect(self.failed)
        job.finished.connect(self._on_ended)
        self._job = job
        job.start()

    def _on_read(self, contents: SketchbookContents) -> None:
        if not self._closed and self._book is not None and contents.folder == Path(self._book.folder):
            self.loaded.emit(contents)

    def _on_ended(self) -> None:
        self._job = None
        if self._again and not self._closed:
            self._again = False
            self._start()

    def shutdown(self, timeout_ms: int = 2000) -> None:
        self._closed = True
        job, self._job = self._job, None
        if job is not None:
            job.shutdown(timeout_ms)
