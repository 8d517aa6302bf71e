"""The Draw tab's second model: the one whose answer stands beside the active model's.

The lesson's point is a comparison: the linear model trained on photos reads a drawn outline
badly, the CNN reads it well. So unless the teacher picks one, the second model is chosen to
differ from the active one: the strongest shipped model (the cnn) beside a live run or another
model, the shipped softmax beside the cnn. Only live and shipped models are offered: a checkpoint
file is read in the background and becomes the active model (the chooser above), never a second.

The second model's Predictor is the Draw tab's own (the Session's is the active model's); a live
one is rebuilt only when the Train tab publishes new weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal

from core.errors import CodedError
from gui.checkpoint_messages import explain
from gui.session.model_sources import SOURCE_ROLE, ModelList, ModelSource

STRONGEST = ModelSource.pretrained("cnn")
LINEAR = ModelSource.pretrained("softmax")


def default_partner(active: ModelSource, models: ModelList) -> ModelSource:
    """The model shown beside `active` until the teacher picks one: the cnn, or beside the cnn
    the linear softmax (so a class without a run of its own still sees the difference)."""
    wanted = LINEAR if active == STRONGEST else STRONGEST
    others = [wanted, *(s for s in models.sources() if s.kind == "pretrained" and s != active)]
    for source in others:
        row = models.row_of(source)
        if row >= 0 and models.is_available(row):
            return source
    return active


class LiveAndShipped(QSortFilterProxyModel):
    """The Session's model list without the opened files (see the module's docstring)."""

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        source = self.sourceModel().index(source_row, 0, source_parent).data(SOURCE_ROLE)
        return isinstance(source, ModelSource) and not source.is_file


class SecondModel(QObject):
    changed = Signal()  # the teacher picked another second model

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._chosen: ModelSource | None = None  # None: default_partner of the active model
        self._shipped: dict[str, Any] = {}  # shipped Predictors by name, read once
        self._errors: dict[str, str] = {}
        self._live: tuple[Mapping[str, Any], Any] | None = None  # (the weights, their Predictor)
        self._live_error = ""

    def source(self) -> ModelSource:
        if self._chosen is not None:
            return self._chosen
        return default_partner(self.session.model_source(), self.session.model_list())

    def choose(self, source: ModelSource) -> None:
        if source.is_file:
            raise ValueError("a checkpoint file is opened as the active model, not as the second one")
        self._chosen = source
        self.changed.emit()

    def is_chosen(self) -> bool:
        return self._chosen is not None

    def predictor(self) -> Any:
        """The second model's Predictor; None while torch loads, or when there is none (see
        `error`)."""
        if not self.session.runtime_ready:
            return None
        source = self.source()
        if source == self.session.model_source():
            return self.session.predictor()  # the same model answers the same (its edits too)
        if source.is_live:
            return self._live_predictor()
        name = source.name_or_path
        if source.kind == "finetuned":  # taught the class's sketches (gui/finetune): the session holds it
            return self.session.finetuned_predictor(name)
        if name not in self._shipped and name not in self._errors:
            from core.predictor import Predictor

            try:
                self._shipped[name] = Predictor.pretrained(name)
            except Exception as error:  # a broken shipped file must not break drawing
                self._errors[name] = _in_words(error)
        return self._shipped.get(name)

    def error(self) -> str:
        """Why `predictor()` is None, in words ("" when it is not, or when nothing is trained)."""
        source = self.source()
        if source == self.session.model_source():
            return self.session.predictor_error() or ""
        if source.is_live:
            return self._live_error
        return self._errors.get(source.name_or_path, "")

    def _live_predictor(self) -> Any:
        run = self.session.live_run()
        if run is None or not run.has_good_weights:  # its reason: gui/draw/answers.no_model_reason
            self._live, self._live_error = None, ""
            return None
        if self._live is None or self._live[0] is not run.state_dict:
            from core.predictor import Predictor

            try:
                predictor = Predictor.from_state_dict(run.model_name, dict(run.state_dict), run.label)
                self._live_error = ""
            except Exception as error:  # weights that blew up (nan): say so, show no bars
                predictor, self._live_error = None, _in_words(error)
            self._live = (run.state_dict, predictor)
        return self._live[1]


def _in_words(error: Exception) -> str:
    return explain(error) if isinstance(error, CodedError) else str(error)
