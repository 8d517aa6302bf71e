"""Scoring every model on the class's sketches in the background ("How well does it read our class?").

The panel lists the models (`ModelEntry`: a ready Predictor, or how to build one) and asks for
their scores on the sketchbook's arrays; one gui.background job builds each model that needs
building and scores it with core.sketch_scores, row by row, so the table fills as answers come.
Shipped and file models are built once and kept (a file again when it changed on disk); scores
that cannot have changed (same sketches, same fixed model) are kept too, so a new set of live
weights during training re-scores only the live model. One job at a time; the newest request
waits for it, and between two jobs the runner rests as long as the last one took, so scoring
never takes more than half the CPU from a run that trains.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from gui.background import BackgroundJob
from gui.model_figures import FIGURES_ROLE


@dataclass(frozen=True)
class ModelEntry:
    """One row of the table. `build` says where the model comes from:
    ("ready", predictor) | ("pretrained", name) | ("file", path) | ("weights", model_name, state_dict, label).
    `fixed`: the same entry always answers the same (a shipped model, a file), so its score on the
    same sketches may be reused."""

    key: Any
    build: tuple
    fixed: bool = False


def _built(build: tuple) -> Any:
    from core.predictor import Predictor

    kind = build[0]
    if kind == "ready":
        return build[1]
    if kind == "pretrained":
        return Predictor.pretrained(build[1])
    if kind == "file":
        return Predictor.from_checkpoint(build[1])
    if kind == "weights":
        _, name, state_dict, label = build
        return Predictor.from_state_dict(name, dict(state_dict), label)
    raise ValueError(f"unknown model entry {kind!r}")


def score_entries(
    entries: list[ModelEntry], images: np.ndarray, labels: np.ndarray
) -> Generator[tuple[Any, Any, Any], None, None]:
    """The job's work: yields (key, SketchScore or error text, the predictor built or None)."""
    from core.errors import CodedError
    from core.parallelism import side_work_threads_here
    from core.sketch_scores import score_model
    from gui.checkpoint_messages import explain

    side_work_threads_here()  # one core while a run trains (core/parallelism.py)
    for entry in entries:
        try:
            predictor = _built(entry.build)
            yield entry.key, score_model(predictor, images, labels), predictor
        except Exception as error:  # one broken model must not hide the others' scores
            text = explain(error) if isinstance(error, CodedError) else f"{type(error).__name__}: {error}"
            yield entry.key, text, None


class ScoresRunner(QObject):
    scored = Signal(object, object)  # key, core.sketch_scores.SketchScore or an error text
    idle = Signal()  # every requested score has arrived

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: BackgroundJob | None = None
        self._pending: tuple | None = None
        self._closed = False
        self._started_at = 0.0
        self._predictors: dict[tuple, Any] = {}  # shipped and file models, built once
        self._scores: dict[tuple, Any] = {}  # (sketches' generation, build) -> score of a fixed model
        self._rest = QTimer(self, singleShot=True)
        self._rest.timeout.connect(self._start_pending)

    def is_busy(self) -> bool:
        return self._job is not None or self._pending is not None

    def request(
        self, generation: Any, entries: list[ModelEntry], images: np.ndarray, labels: np.ndarray
    ) -> None:
        """Scores of `entries` on these sketches; `generation` names the sketches (new: new scores)."""
        if self._closed:
            return
        self._scores = {key: score for key, score in self._scores.items() if key[0] == generation}
        self._pending = (generation, list(entries), images, labels)
        if self._job is None and not self._rest.isActive():
            self._start_pending()

    def _start_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None or self._closed:
            self.idle.emit()
            return
        generation, entries, images, labels = pending
        to_score = []
        for entry in entries:
            known = self._scores.get((generation, entry.build)) if entry.fixed else None
            if known is not None:
                self.scored.emit(entry.key, known)
            else:
                to_score.append(self._with_cached_predictor(entry))
        if not to_score:
            self.idle.emit()
            return
        fixed = {entry.key: entry.build for entry in entries if entry.fixed}
        job = BackgroundJob(lambda: score_entries(to_score, images, labels), "browse-sketch-scores")
        job.yielded.connect(lambda answer: self._on_scored(job, generation, fixed, answer))
        job.finished.connect(lambda: self._on_ended(job))
        self._job = job
        self._started_at = time.perf_counter()
        job.start()

    def _with_cached_predictor(self, entry: ModelEntry) -> ModelEntry:
        if entry.build[0] not in ("pretrained", "file"):
            return entry
        predictor = self._predictors.get(entry.build)
        if predictor is None or (entry.build[0] == "file" and predictor.file_changed()):
            return entry
        return ModelEntry(entry.key, ("ready", predictor), entry.fixed)

    def _on_scored(self, job: BackgroundJob, generation: Any, fixed: dict, answer: tuple) -> None:
        if job is not self._job or self._closed:
            return
        key, score, predictor = answer
        build = fixed.get(key)
        if build is not None and not isinstance(score, str):
            self._scores[(generation, build)] = score
            if predictor is not None and build[0] in ("pretrained", "file"):
                self._predictors[build] = predictor
        self.scored.emit(key, score)

    def _on_ended(self, job: BackgroundJob) -> None:
        if job is not self._job:
            return
        self._job = None
        if self._closed:
            return
        if self._pending is None:
            self.idle.emit()
            return
        took = time.perf_counter() - self._started_at
        self._rest.start(round(took * 1000))

    def shutdown(self, timeout_ms: int = 2000) -> None:
        self._closed = True
        self._rest.stop()
        self._pending = None
        job, self._job = self._job, None
        if job is not None:
            job.shutdown(timeout_ms)


def entries_for(session: Any) -> tuple[list[ModelEntry], list[tuple[Any, str, bool, Any]]]:
    """Every model the window offers that can answer now, as (entries to score, the table's rows
    (key, name, shown, the chooser's figures: gui.model_figures)): the shipped ones, the live run's,
    opened files, those taught the class's sketches, and the active model as it answers (with its
    hand edits)."""
    model_list = session.model_list() if hasattr(session, "model_list") else None
    if model_list is None:
        return [], []
    active = session.model_source() if hasattr(session, "model_source") else None
    shown_predictor = session.predictor()
    edited = bool(getattr(session, "has_edits", lambda: False)())
    live_run = session.live_run() if hasattr(session, "live_run") else None
    entries: list[ModelEntry] = []
    rows: list[tuple[Any, str, bool, Any]] = []
    for row, source in enumerate(model_list.sources()):
        if not model_list.is_available(row):
            continue
        is_shown = source == active and shown_predictor is not None
        if is_shown:  # as it answers in the grid: the same object, so the same numbers
            unchanging = not edited and source.kind in ("pretrained", "file")
            entry = ModelEntry(source, ("ready", shown_predictor), fixed=unchanging)
        elif source.kind == "pretrained":
            entry = ModelEntry(source, ("pretrained", source.name_or_path), fixed=True)
        elif source.kind == "file":
            entry = ModelEntry(source, ("file", source.name_or_path), fixed=True)
        elif source.kind == "live" and live_run is not None:
            entry = ModelEntry(source, ("weights", live_run.model_name, live_run.state_dict, live_run.label))
        elif source.kind == "finetuned" and hasattr(session, "finetuned_predictor"):
            taught = session.finetuned_predictor(source.name_or_path)
            if taught is None:
                continue
            entry = ModelEntry(source, ("ready", taught), fixed=True)  # replaced, never changed
        else:
            continue  # a model this tab cannot build while another one is shown
        entries.append(entry)
        rows.append((source, short_name(source), is_shown, model_list.item(row).data(FIGURES_ROLE)))
    return entries, rows


def short_name(source: Any) -> str:
    """The table's name for a model: the registry name of a shipped one ("cnn"), a file's name, or
    as the chooser says it (a projector's side pane has no room for "pretrained softmax-scratch")."""
    if source.kind == "pretrained":
        return source.name_or_path
    if source.kind == "file":
        return Path(source.name_or_path).name
    return source.describe()
