"""A model's two accuracies, said the same way wherever a model is picked.

Every chooser (the Draw tab's two, the Teach dialog's, the Model menu, Browse's "All models") shows
the Session's one model list; its rows carry the checkpoint's metrics under `FIGURES_ROLE` and are
named with `with_figures`: "pretrained cnn (test 90.1% · reference drawings 62%)". The status bar,
Draw's titles and the Class tab name the active model the same way (gui/session/model_labels.py).
"Reference drawings" is the project's own corpus of 120 drawings (resources/sketches-eval,
core.sketch_eval), never the class's sketchbook: Browse ▸ All models scores that one beside it.
The figures are read from the files (a shipped model replaced on disk shows its own), never written down here:

- shipped checkpoints: read once torch is in, as gui.background work (a few ms each, but the GUI
  thread never reads a checkpoint), and again when one of their files is replaced (a
  QFileSystemWatcher on the files and their folder: a retrained model copied in shows its own
  figures in every chooser without a restart);
- an opened file, a model taught the class's sketches: from the Predictor the Session already holds;
- the live run: its last epoch's test accuracy (no sketch figure: nobody has scored it yet).
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, Qt

from gui.background import BackgroundJob

FIGURES_ROLE = Qt.ItemDataRole.UserRole + 2  # a row's {"test_acc", "sketch_acc"} (SOURCE_ROLE is +1)
FIGURE_KEYS = ("test_acc", "sketch_acc")


def _share(value: Any) -> float | None:
    """A share in [0, 1] as a float; None for anything else (missing, text, a bool, nan)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    share = float(value)
    return share if 0.0 <= share <= 1.0 else None


def accuracy_figures(metrics: Mapping[str, Any] | None) -> str:
    """"test 90.1% · reference drawings 62%" in the window's language; "" without a test accuracy.

    The drawings' figure is core.sketch_eval's (metrics["sketch_acc"], the project's 120 reference
    drawings); a model nobody scored on them (a live run, a taught model) says so rather than
    leave the teacher to guess. Both are percentages, as Browse ▸ All models gives the class's own."""
    return _figures_said(
        metrics,
        QCoreApplication.translate("ModelFigures", "test {test} · reference drawings {drawings}"),
        QCoreApplication.translate("ModelFigures", "test {test} · reference drawings not scored"),
    )


def short_accuracy_figures(metrics: Mapping[str, Any] | None) -> str:
    """"test 90.1% · drawings 62%": the same figures in fewer words, for the status bar's line where
    the whole one does not fit (a projector at a large text size; its tooltip says them whole)."""
    return _figures_said(
        metrics,
        QCoreApplication.translate("ModelFigures", "test {test} · drawings {drawings}"),
        QCoreApplication.translate("ModelFigures", "test {test} · drawings not scored"),
    )


def _figures_said(metrics: Mapping[str, Any] | None, scored: str, not_scored: str) -> str:
    test = _share((metrics or {}).get("test_acc"))
    if test is None:
        return ""
    sketches = _share(metrics.get("sketch_acc"))
    if sketches is None:
        return not_scored.format(test=f"{test:.1%}")
    return scored.format(test=f"{test:.1%}", drawings=f"{sketches:.0%}")


def with_figures(name: str, metrics: Mapping[str, Any] | None) -> str:
    """A chooser row: the model's name, then its figures when it has any."""
    figures = accuracy_figures(metrics)
    if not figures:
        return name
    text = QCoreApplication.translate("ModelFigures", "{model} ({figures})")
    return text.format(model=name, figures=figures)


def figures_of(metrics: Mapping[str, Any] | None) -> dict[str, float]:
    """Only the two figures a row shows, as plain floats (what the row keeps)."""
    kept = {key: _share((metrics or {}).get(key)) for key in FIGURE_KEYS}
    return {key: value for key, value in kept.items() if value is not None}


def read_figures(paths: Iterable[tuple[Any, Path]]) -> Generator[tuple[Any, dict[str, float]], None, None]:
    """Background work: (key, figures) of each checkpoint that can be read; one that cannot is
    left without figures (its row already says why it cannot be chosen)."""
    from core.checkpoint import load_checkpoint

    for key, path in paths:
        try:
            metrics = load_checkpoint(path).metrics
        except Exception:  # noqa: BLE001 (a broken shipped file must not break the choosers)
            continue
        yield key, figures_of(metrics)


class FiguresReader(QObject):
    """Keeps the figures of the Session's model list current (see the module's docstring)."""

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._job: BackgroundJob | None = None
        self._read_stamps: dict[Path, tuple[int, int, int] | None] = {}  # each file as last read
        self._read_again = False  # a file changed while a read was running
        # A file replaced by a rename is a new file (its watch ends): its folder says so.
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._if_replaced)
        self._watcher.directoryChanged.connect(self._if_replaced)
        session.runtime_changed.connect(self.read_shipped)
        session.model_source_changed.connect(self._from_active)
        session.live_run_changed.connect(self._from_live_run)
        if session.runtime_ready:
            self.read_shipped()

    def read_shipped(self) -> None:
        """Read every shipped checkpoint's figures in the background (again: a file may have been
        replaced)."""
        from core.paths import pretrained_path

        models = self._session.model_list()
        shipped = [
            (source, pretrained_path(source.name_or_path))
            for row, source in enumerate(models.sources())
            if source.kind == "pretrained" and models.is_available(row)
        ]
        if not shipped:
            return
        if self._job is not None and self._job.is_running():
            self._read_again = True
            return
        paths = [path for _source, path in shipped]
        self._read_stamps = {path: _stamp(path) for path in paths}
        self._watch(paths)
        job = BackgroundJob(lambda: read_figures(shipped), "model-figures")
        job.yielded.connect(lambda answer: self._show(*answer))
        job.finished.connect(lambda: self._forget(job))
        self._job = job
        job.start()

    def is_reading(self) -> bool:
        return self._job is not None

    def shutdown(self, timeout_ms: int = 1000) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.shutdown(timeout_ms)

    def _forget(self, job: BackgroundJob) -> None:
        if self._job is job:
            self._job = None
            if self._read_again:
                self._read_again = False
                self._if_replaced()

    def _watch(self, paths: list[Path]) -> None:
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        wanted = {str(path) for path in paths} | {str(path.parent) for path in paths}
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))

    def _if_replaced(self, _path: str = "") -> None:
        """A watched file or its folder changed: read the figures again if a shipped file is not
        the one last read (a stat each, on this thread; the reading itself is background work)."""
        if any(_stamp(path) != stamp for path, stamp in self._read_stamps.items()):
            self.read_shipped()

    def _from_active(self, source: Any) -> None:
        """An opened file or a fine-tuned model became the active one: its Predictor is at hand."""
        if source.kind == "file":
            predictor = self._session.predictor()
        elif source.kind == "finetuned":
            predictor = self._session.finetuned_predictor(source.name_or_path)
        else:
            return
        if predictor is not None:
            self._show(source, figures_of(getattr(predictor, "metrics", None)))

    def _from_live_run(self) -> None:
        from gui.session.model_sources import LIVE

        run = self._session.live_run()
        # A run with no good weights answers nowhere: its last epoch's figures would mislead.
        self._show(LIVE, figures_of(run.metrics) if run is not None and run.has_good_weights else {})

    def _show(self, source: Any, figures: dict[str, float]) -> None:
        models = self._session.model_list()
        row = models.row_of(source)
        if row < 0:
            return
        item = models.item(row)
        if item.data(FIGURES_ROLE) != (figures or None):
            item.setData(figures or None, FIGURES_ROLE)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a replaced file from the one read: its inode, size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
