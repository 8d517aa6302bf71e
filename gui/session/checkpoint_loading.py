"""Opening a checkpoint file (or, where images are welcome, an image) off the GUI thread.

A checkpoint may be large, or sit on a slow disk or a network share: reading it, checking its
checksum and building the model run in a gui.background.BackgroundJob, so the window keeps
painting and answering meanwhile. What a file is gets decided by its first bytes, with core's own
check (core.checkpoint_checks.describe_non_checkpoint), never by its name: a PNG called shoe.pt
dropped on the Draw tab is classified as an image, and File ▸ Open says it is not a checkpoint.

The Session owns the one open in progress and receives the loaded Predictor (gui/session/__init__.py);
whoever asked hears how it ended from the `FileOpen` request it was handed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from gui.background import BackgroundJob

HEAD_BYTES = 16  # enough for every signature core knows


@dataclass(frozen=True)
class OpenOutcome:
    """How opening one file ended: exactly one of `predictor`, `image`, `error` is set."""

    path: str
    predictor: Any = None  # core.predictor.Predictor: the file was a checkpoint and loaded
    image: Any = None  # uint8 28×28 numpy array: an image, for a caller that welcomes them
    error: str = ""  # core's English sentence (or an unexpected failure's text), as the CLI says it
    refusal: Any = None  # core's CodedError behind `error`, for gui.checkpoint_messages to translate


class FileOpen(QObject):
    """One request to open a file. `ended(OpenOutcome)` comes once, in the GUI thread, unless the
    request was cancelled first (another file or model was chosen meanwhile, or the window closed)."""

    ended = Signal(object)

    def __init__(self, path: str, images_welcome: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.images_welcome = images_welcome
        self._job: BackgroundJob | None = None
        self._cancelled = False
        self._done = False

    def start(self) -> None:
        job = BackgroundJob(partial(open_file, self.path, self.images_welcome), "fmp-open-file")
        job.returned.connect(self._finish)
        # Only an unexpected failure gets here (open_file turns every expected one into an outcome).
        job.failed.connect(self._fail)
        self._job = job
        job.start()

    def is_pending(self) -> bool:
        return not self._done and not self._cancelled

    def cancel(self) -> None:
        """Nothing more is delivered; the thread finishes its read on its own and is forgotten."""
        job = self._take_job()
        if job is not None:
            job.request_stop()

    def shutdown(self, timeout_ms: int) -> bool:
        """Cancel and wait up to `timeout_ms`; a read that takes longer is left to end with the
        process (gui.background never destroys a running thread, so closing never aborts)."""
        job = self._take_job()
        return job.shutdown(timeout_ms) if job is not None else True

    def _take_job(self) -> BackgroundJob | None:
        """Stop listening; the job, unless it has already ended and deleted itself."""
        self._cancelled = True
        job, self._job = self._job, None
        return job if job is not None and shiboken6.isValid(job) else None

    def _fail(self, text: str) -> None:
        self._finish(OpenOutcome(self.path, error=f"{self.path}: {text}"))

    def _finish(self, outcome: OpenOutcome) -> None:
        if not self.is_pending():
            return
        self._done = True
        self._job = None  # the job deletes itself once its thread has ended
        self.ended.emit(outcome)


def open_file(path: str, images_welcome: bool) -> OpenOutcome:
    """Runs in the job's thread: the file's content decides what it is; refusals become outcomes."""
    from core.checkpoint import CheckpointError
    from core.parallelism import single_threaded_here
    from core.predictor import Predictor
    from core.preprocess import ImageError, load_image_file

    single_threaded_here()  # a short-lived thread: no OpenMP pool beside the trainer's
    image_error: ImageError | None = None
    if images_welcome and not looks_like_checkpoint(path):
        try:
            return OpenOutcome(path, image=load_image_file(path))
        except ImageError as error:
            image_error = error
    try:
        return OpenOutcome(path, predictor=Predictor.from_checkpoint(path))
    except CheckpointError as error:
        # Neither an image nor a checkpoint: a file named like a checkpoint hears core's
        # checkpoint refusal ("not a checkpoint file"), any other the image's.
        named_like_checkpoint = Path(path).suffix.lower() in (".pt", ".pth")
        refusal = error if named_like_checkpoint or image_error is None else image_error
    except OSError as error:  # core reports what it expects; anything else still gets one line
        refusal = CheckpointError("checkpoint.unreadable", path=path, why=error.strerror or str(error))
    return OpenOutcome(path, error=str(refusal), refusal=refusal)


def looks_like_checkpoint(path: str) -> bool:
    """Whether the file starts the way a checkpoint saved by this app does (core's check).

    Only a regular file's head is read: a pipe or device would block, and core refuses those
    with its own sentence when they are loaded as checkpoints."""
    from core.checkpoint_checks import describe_non_checkpoint

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return True  # core says why it cannot be read
    return describe_non_checkpoint(head) == ""


class PendingOpen(QObject):
    """The one file being opened for the Session: a new request cancels the one before, so a slow
    file can never replace a model chosen after it."""

    changed = Signal()  # a file started or stopped being read: busy cursor, status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request: FileOpen | None = None

    def path(self) -> str | None:
        """The file being read now, or None."""
        return self._request.path if self._request is not None else None

    def start(self, path: str, images_welcome: bool, on_ended: Any) -> FileOpen:
        """Read `path` in the background; `on_ended(outcome)` runs before anyone else hears of it."""
        self.cancel()
        request = FileOpen(path, images_welcome, self)
        request.ended.connect(on_ended)
        request.ended.connect(partial(self._forget, request))
        self._request = request
        request.start()
        self.changed.emit()
        return request

    def cancel(self) -> None:
        if self._request is not None:
            self._request.cancel()
            self._forget(self._request)

    def shutdown(self, timeout_ms: int) -> bool:
        """Closing: stop waiting for a file; True when its thread ended within `timeout_ms`."""
        request = self._request
        if request is None:
            return True
        ended = request.shutdown(timeout_ms)
        self._forget(request)
        return ended

    def _forget(self, request: FileOpen, *_outcome: object) -> None:
        if request is self._request:
            self._request = None
            self.changed.emit()
        request.deleteLater()  # after its `ended` has reached every slot: deletion waits for the loop
