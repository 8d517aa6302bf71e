"""What the tabs share: the dataset, the live run being trained, the active model and its hand
edits, and the current image.

The window must paint before `import torch` (~1.7 s) finishes, so torch, the dataset and every
Predictor are reached lazily: a background thread imports torch and loads the data, then reports
back through queued signals; until then `dataset` and `predictor()` are simply None.
The Draw and Browse tabs never touch the model being trained: the Train tab publishes a frozen
`LiveRun` (config, CPU copies of the weights, metrics, label) here in one step, they build their
own Predictor from it, and File ▸ Save saves from it, so a saved file's model name and weights
always belong together. Each piece of state has one owner: the Train tab writes the live run, the
Draw and Browse tabs the current image, the Weights and Softmax tabs the edits; the rest read.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.config import TrainConfig
from core.errors import CodedError
from gui.background import BackgroundJob
from gui.checkpoint_messages import explain
from gui.data_help import DataErrorText, explain_data_error
from gui.language import notifier
from gui.session.checkpoint_loading import FileOpen, OpenOutcome, PendingOpen
from gui.session.model_labels import (
    edited_label,
    live_label,
    live_label_with_figures,
    live_name,
    not_trained_label,
    source_label,
)
from gui.session.model_sources import LIVE, ModelList, ModelSource, default_model_source
from gui.session.sketchbook import SessionSketchbook
from gui.session.startup_work import load_in_background
from gui.session.values import BROWSE_SAMPLE, DRAW_BOARD, CurrentImage, LiveRun

__all__ = [
    "BROWSE_SAMPLE",
    "DRAW_BOARD",
    "LIVE",
    "CurrentImage",
    "LiveRun",
    "ModelSource",
    "Session",
    "default_model_source",
]


class HeldModel(NamedTuple):
    """The model the teacher chose, kept for the class's phones while Draw follows a run."""

    source: ModelSource
    predictor: Any  # as it answered then, edits included (None: nothing could answer)
    file_predictor: Any  # an opened file's model as loaded, to go back to it unread
    label: str  # the window's name for it then (a live run's is gone from the Session)
    edited: bool  # with hand edits (named as then: "… (edited)")
    run: LiveRun | None  # the live run it answered with (a live model), else None


class Session(QObject):
    dataset_changed = Signal()  # dataset loaded, or loading failed (see dataset_error)
    predictor_changed = Signal()  # the active model changed or got new weights
    runtime_changed = Signal()  # torch finished importing; cuda_available is now known
    model_source_changed = Signal(object)  # the new ModelSource
    current_image_changed = Signal()  # the Draw board's input or Browse's selection changed
    opening_changed = Signal()  # a checkpoint file started or stopped being read (see opening())
    file_opened = Signal(str, object)  # (path, core's notes): a checkpoint file became the model
    live_run_changed = Signal()  # the Train tab published a new LiveRun (weights, metrics or its end)
    sketchbook_changed = Signal()  # a sketch was kept, deleted or imported (session.sketchbook)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dataset: Any = None  # core.data.FashionMNIST once loaded
        self.dataset_error: str | None = None
        self.dataset_loading = False
        self.runtime_ready = False  # torch imported: Predictors may be built without a stall
        self.cuda_available = False
        self.device_description = "CPU"
        self._live_run: LiveRun | None = None
        self._current_image: CurrentImage | None = None
        self._edited_state: dict | None = None  # hand-edited weights of the active model, if any
        self._trained_predictor: Any = None  # the active model before the edits, for Reset
        self._source = default_model_source()
        self._model_list = ModelList(self)  # the one list the Draw chooser and the Model menu show
        self._model_list.name_live_row(lambda: live_name(self._live_run))  # as the status bar names it
        self._predictor: Any = None
        self._predictor_error: Exception | None = None
        self._file_predictor: Any = None  # the opened checkpoint's model, while a file is the source
        self._finetuned: dict[str, Any] = {}  # registry name → Predictor taught the class's sketches
        self._class_model: HeldModel | None = None  # see class_predictor
        self._set_aside: LiveRun | None = None  # a run Draw left: it diverged with no good weights
        self._good_before: LiveRun | None = None  # the good run a new one replaced: see publish_live_run
        self._no_good_run: LiveRun | None = None  # the last run, if it diverged with no good weights
        self._opening = PendingOpen(self)  # the checkpoint file being read, if any
        self._opening.changed.connect(self.opening_changed)
        self._loader: BackgroundJob | None = None
        self.sketchbook = SessionSketchbook(self.sketchbook_changed, parent=self)  # today's, shared
        notifier().changed.connect(self._retranslate_dataset_error)

    def _retranslate_dataset_error(self) -> None:
        """Why there is no data (and the how-to) is re-said in the new language (the tabs show it)."""
        if self.dataset is None and isinstance(self.dataset_error, DataErrorText):
            self.dataset_error = explain_data_error(self.dataset_error.error)
            self.dataset_changed.emit()

    # -- background start-up -------------------------------------------------------------
    def start_loading(self, data_dir: str | None = None) -> None:
        """Import torch and load the dataset off the GUI thread; results arrive as signals."""
        if self._loader is not None:
            return  # once per session: a second caller (e.g. a fallback timer) changes nothing
        self.dataset_loading = True
        # A gui.background job: its messages arrive here, in the GUI thread.
        self._loader = BackgroundJob(partial(load_in_background, data_dir), "fmp-loader")
        self._loader.yielded.connect(self._on_runtime_ready)
        self._loader.returned.connect(self._on_dataset_loaded)
        self._loader.failed.connect(lambda message: self.set_dataset(None, message))
        self._loader.start()

    def wait_for_loader(self, timeout: float) -> None:
        """Let a half-finished `import torch` end before the interpreter shuts down under it.

        If it does not end in time it is left running, never destroyed (gui.background)."""
        if self._loader is not None and not self._loader.is_finished():
            self._loader.shutdown(int(timeout * 1000))

    def _on_runtime_ready(self, runtime: tuple[bool, str]) -> None:
        self.mark_runtime_ready(*runtime)

    def _on_dataset_loaded(self, loaded: tuple[Any, str | None]) -> None:
        self.set_dataset(*loaded)

    def mark_runtime_ready(self, cuda_available: bool = False, description: str = "CPU") -> None:
        """torch is imported; from now on building a Predictor costs milliseconds, not seconds.

        Called in the GUI thread, before it runs any torch op: from here on that thread runs torch
        on one core, so the trainer's thread keeps the only multi-threaded pool (core/parallelism.py).
        """
        from core.parallelism import single_threaded_here

        single_threaded_here()
        self.runtime_ready = True
        self.cuda_available = cuda_available
        self.device_description = description
        self.runtime_changed.emit()
        self._invalidate_predictor()

    def set_dataset(self, dataset: Any, error: str | None = None) -> None:
        self.dataset = dataset
        self.dataset_error = (
            None
            if dataset is not None
            else (error or QCoreApplication.translate("Session", "The dataset is not loaded."))
        )
        self.dataset_loading = False
        self.dataset_changed.emit()

    # -- the current image ---------------------------------------------------------------
    def current_image(self) -> CurrentImage | None:
        return self._current_image

    def set_current_image(self, image: CurrentImage | None, *, only_if_none: bool = False) -> None:
        """Called by the Draw tab (its model input) and Browse (the selected sample).

        `only_if_none`: an automatic selection (Browse picking a first row on load, on a new split
        or filter) must not replace what the student drew: it replaces nothing but another Browse
        sample, so the Softmax and Weights tabs explain what Browse highlights."""
        current = self._current_image
        if only_if_none and current is not None and current.origin != BROWSE_SAMPLE:
            return
        self._current_image = image
        self.current_image_changed.emit()

    # -- the active model ----------------------------------------------------------------
    def model_source(self) -> ModelSource:
        return self._source

    def model_list(self) -> ModelList:
        """The models to choose from (rows carry their ModelSource), shared by every chooser."""
        return self._model_list

    def model_label(self) -> str:
        """The active model's name exactly as the tabs show it (the Predictor's label), for the
        status bar. Live weights are named without building a Predictor: that costs the trainer."""
        if self._edited_state is not None and self._trained_predictor is not None:
            # A live model is named afresh (its Predictor's label is in the language it was built in).
            if self._source.is_live and self._live_run is not None:
                return edited_label(live_label(self._live_run))
            return edited_label(source_label(self._source, self._trained_predictor))
        if self._source.is_live:
            run = self._live_run
            return live_label_with_figures(run) if run is not None else not_trained_label()
        predictor = self.predictor()  # built once per source: a shipped model or a file
        return source_label(self._source, predictor) if predictor is not None else self._source.describe()

    def set_model_source(self, source: ModelSource, *, for_the_phones: bool = True) -> FileOpen | None:
        """Switch the active model. A checkpoint file is read in the background (see `open_file`)
        and the request returned; any other source is switched to at once (None).

        `for_the_phones`: the teacher's choice, which the class's phones follow too (once a file
        has loaded); False for a switch made to show something (a lesson guide step, Draw's link to
        the Weights tab), which leaves the phones on their model (see class_predictor)."""
        kinds = ("live", "pretrained", "file", "finetuned")
        if not isinstance(source, ModelSource) or source.kind not in kinds:
            raise ValueError(f"unknown model source {source!r}")
        if source.kind == "finetuned" and source.name_or_path not in self._finetuned:
            raise ValueError(f"no fine-tuned {source.name_or_path} model in this session")
        if not for_the_phones:
            self._hold_for_class()
        if source.is_file:  # the phones follow it once it has loaded (_on_file_opened)
            request = self.open_file(source.name_or_path)
            if request is None and for_the_phones and self._teacher_chose():
                self.predictor_changed.emit()  # the phones now get the model Draw shows
            return request
        released = for_the_phones and self._teacher_chose()
        self._opening.cancel()  # chosen after that file was asked for: this choice wins
        if source != self._source or self._predictor is None:
            self._use(source, None)
        elif released:
            self.predictor_changed.emit()
        return None

    def open_file(self, path: str, *, images_welcome: bool = False) -> FileOpen | None:
        """Read a checkpoint off the GUI thread; when it loads it becomes the active model, when it
        is refused the previous model stays. The returned request's `ended` says which (for the
        caller's message); None when `path` is the active model already, unchanged on disk (a
        changed file is read again). `images_welcome`: an image file comes back as its 28×28
        model input instead of being refused (the Draw tab's drops); the content decides."""
        opened = self._file_predictor
        if ModelSource.file(path) == self._source and opened is not None and not opened.file_changed():
            self._opening.cancel()
            return None
        return self._opening.start(str(path), images_welcome, self._on_file_opened)

    def opening(self) -> str | None:
        """The checkpoint file being read in the background, or None."""
        return self._opening.path()

    def stop_opening(self, timeout_ms: int) -> None:
        """Closing: a file still being read is not waited for longer than `timeout_ms`."""
        self._opening.shutdown(timeout_ms)

    def use_finetuned(self, model_name: str, state_dict: dict, metrics: dict) -> ModelSource:
        """Make weights taught the class's sketches (gui/finetune) the active model, in the chooser
        as "<name> taught our sketches" (a later fine-tune of the same model replaces it)."""
        from core.predictor import Predictor

        source = ModelSource.finetuned(model_name)
        predictor = Predictor.from_state_dict(model_name, dict(state_dict), source.describe())
        predictor.metrics = dict(metrics)
        self._finetuned[model_name] = predictor
        self._teacher_chose()
        self._opening.cancel()
        self._model_list.add(source)
        self._use(source, None)
        return source

    def finetuned_predictor(self, model_name: str) -> Any:
        """The Predictor taught the class's sketches for a registry name, or None (Browse scores it)."""
        return self._finetuned.get(model_name)

    def save_weights_checkpoint(self, path: str, model_name: str, state_dict: Mapping, metrics: dict) -> None:
        """Save weights that are not a live run (a fine-tune's): the model's default settings,
        `metrics` as measured; atomic, as every save (core.checkpoint)."""
        _save(path, model_name, state_dict, TrainConfig(model=model_name), metrics)

    def _on_file_opened(self, outcome: OpenOutcome) -> None:
        if outcome.predictor is not None:
            self._teacher_chose()
            self._use(ModelSource.file(outcome.path), outcome.predictor)
            self.file_opened.emit(outcome.path, tuple(outcome.predictor.notes))

    def _use(self, source: ModelSource, file_predictor: Any) -> None:
        self._source = source
        # An opened file's model is kept as loaded: nothing re-reads the file on the GUI thread.
        self._file_predictor = self._predictor = file_predictor
        self._predictor_error = None
        if source.is_file:
            self._model_list.add(source)
        self._edited_state = self._trained_predictor = None
        self.model_source_changed.emit(self._source)
        self.predictor_changed.emit()

    def predictor(self) -> Any:
        """The active core.predictor.Predictor, or None while torch loads or nothing is trained."""
        if not self.runtime_ready:  # a file opened meanwhile waits: see mark_runtime_ready
            return None
        if self._predictor is None and self._predictor_error is None:
            try:
                self._predictor = self._build_predictor()
            except Exception as error:  # a broken shipped file must not break drawing or browsing
                self._predictor_error = error
        return self._predictor

    def predictor_error(self) -> str | None:
        """Why there is no model, in the window's language (read afresh: a switch shows at once)."""
        error = self._predictor_error
        if error is None:
            return None
        return explain(error) if isinstance(error, CodedError) else str(error)

    # -- hand-edited weights (the Weights tab's brush, the Softmax tab's "Apply") -------------
    def active_weights(self) -> tuple[str, dict] | None:
        """(model name, CPU state dict) of the active model as it answers now, edits included.

        A copy is the caller's to change; hand it back with `set_edited_weights`."""
        predictor = self.predictor()
        if predictor is None:
            return None
        state = {name: tensor.detach().clone() for name, tensor in predictor.model.state_dict().items()}
        return predictor.model_name, state

    def set_edited_weights(self, state_dict: dict) -> None:
        """Make the active model answer with these weights until `reset_edits` or a new model.

        Edits live only here: no file changes unless the teacher saves them (File ▸ Save)."""
        if self.predictor() is None:
            raise ValueError("there is no active model to edit")
        if self._edited_state is None:
            self._trained_predictor = self._predictor
        self._edited_state = state_dict
        self._predictor = None
        self._predictor_error = None
        self.predictor_changed.emit()

    def has_edits(self) -> bool:
        return self._edited_state is not None

    def reset_edits(self) -> None:
        """Back to the trained weights, bit for bit (the edits were made on copies)."""
        if self._edited_state is None:
            return
        self._edited_state = None
        self._predictor = self._trained_predictor
        self._trained_predictor = None
        self.predictor_changed.emit()

    def _build_predictor(self) -> Any:
        from core.predictor import Predictor

        if self._edited_state is not None:
            trained = self._trained_predictor
            label = edited_label(trained.label)
            return Predictor.from_state_dict(trained.model_name, self._edited_state, label)

        if self._source.is_live:
            run = self._live_run
            if run is None or not run.has_good_weights:  # Draw says why (gui/draw/answers.py)
                return None
            return Predictor.from_state_dict(run.model_name, run.state_dict, live_label(run))
        if self._source.kind == "finetuned":
            return self._finetuned[self._source.name_or_path]
        if self._source.kind == "pretrained":  # shipped, about 1 MB: read here when first needed
            return Predictor.pretrained(self._source.name_or_path)
        return self._file_predictor

    def _invalidate_predictor(self) -> None:
        # New trained weights or another model: hand edits made to the old ones no longer apply.
        self._edited_state = None
        self._trained_predictor = None
        self._predictor = None
        self._predictor_error = None
        self.predictor_changed.emit()

    # -- the live run (written by the Train tab only) -----------------------------------------
    def live_run(self) -> LiveRun | None:
        """The live model: the run last published by the Train tab (config, weights, metrics and
        label together), or the good run before it when that one diverged with no good weights."""
        return self._live_run

    def publish_live_run(self, run: LiveRun | None) -> None:
        """Replace the live run in one step (GUI thread only); None forgets it (Reset weights).

        The policy lives here, not in the Train tab: when a run publishes its first weights, Draw
        and Browse follow the live model (Draw says so), because watching predictions change is the
        point of training live. Picking another model afterwards sticks until the next run
        publishes. The class's phones never follow a run by themselves (see class_predictor). A
        run that diverged with no good weights answers nowhere. When the run before it was good
        (the lesson's lr 0.1, then lr 50), that one stays the live model: Draw, Browse and every
        chooser keep it, so "lr 0.1 works, lr 50 does not" can still be shown (the Train tab says
        so: `no_good_weights_note`). Otherwise Draw goes back to the model the teacher had chosen
        (and says so), or, with the live model chosen, shows why it has none."""
        previous = self._live_run
        starts = run is not None and (previous is None or previous.run_id != run.run_id)
        if starts:
            self._set_aside = self._no_good_run = None
            self._good_before = previous if previous is not None and previous.has_good_weights else None
            self._hold_for_class()  # read before the run replaces the live weights
        elif run is None:
            self._good_before = self._no_good_run = None
        kept_good = run is not None and not run.has_good_weights and self._good_before is not None
        if run is not None and not run.has_good_weights:
            self._no_good_run = run
        if kept_good:
            run = self._good_before  # it answers on; the diverged run's figures go nowhere
        self._live_run = run
        self._model_list.retranslate()  # the live row's name
        same_weights = run is not None and previous is not None and run.state_dict is previous.state_dict
        if kept_good:  # Draw stays where it is: on the live model (now the good run) or another
            if self._source.is_live and not same_weights:
                self._invalidate_predictor()
        elif run is not None and not run.has_good_weights:
            held = self._class_model
            if self._source.is_live and held is not None and not held.source.is_live:
                self._set_aside = run
                self._use(held.source, held.file_predictor if held.source.is_file else None)
            elif self._source.is_live:
                self._invalidate_predictor()
        elif starts and not self._source.is_live:
            self._use(LIVE, None)  # a file still being read was asked for later: it may still win
        elif self._source.is_live and not same_weights:
            self._invalidate_predictor()
        self.live_run_changed.emit()

    def no_good_weights_note(self) -> str:
        """For the Train tab, after a run diverged before it had good weights: which model Draw
        uses now, in the window's language ("" otherwise, and once the next run starts)."""
        failed = self._no_good_run
        if failed is None:
            return ""
        if self.predictor() is None:
            text = QCoreApplication.translate(
                "Session",
                "Run {run} has no good weights: Draw answers with no model until a run has some or you "
                "choose one in the Model menu.",
            )
            return text.format(run=failed.run_id)
        text = QCoreApplication.translate(
            "Session", "Run {run} has no good weights, so Draw now uses {model}."
        )
        return text.format(run=failed.run_id, model=self.model_label())

    def set_aside_run(self) -> LiveRun | None:
        """The run Draw went back from (it diverged before it had good weights), until the next run
        or the teacher's next choice; None otherwise."""
        return self._set_aside

    # -- the class's phones -------------------------------------------------------------------
    def class_predictor(self) -> Any:
        """The model the class's phones answer with: the one the teacher chose (the Model menu,
        Draw's chooser, a file, a taught model) or the start-up default. A run that starts moves
        Draw to the live model, never the phones: they keep their model until the teacher picks
        one, so the class never gets a half-trained or untrained model without the teacher seeing."""
        if self._class_model is not None:
            return self._class_model.predictor
        return self.predictor()

    def class_model_label(self) -> str:
        """The phones' model by name, and when Draw shows another one, how to send that one."""
        held = self._class_model
        if held is None:
            return self.model_label()
        label = held.label
        if not held.source.is_live and held.predictor is not None and not held.edited:
            label = source_label(held.source, held.predictor)  # unedited: named in today's language
        if held.source == self._source and (not held.source.is_live or self._holds_live_run(held)):
            return label
        text = QCoreApplication.translate(
            "Session",
            "{model}. Draw shows {active}; the phones keep their model until you choose one (Model menu, "
            "Draw's chooser or Use on Draw).",
        )
        run = self._live_run  # Draw's model by name only: its figures are on the Draw tab
        active = live_label(run) if self._source.is_live and run is not None else self._source.describe()
        return text.format(model=label, active=active)

    def _holds_live_run(self, held: HeldModel) -> bool:
        """The phones kept the live model's weights that Draw shows now (a diverged run's good run
        before it answers again), unedited on both sides."""
        run = self._live_run
        same = held.run is not None and run is not None and held.run.state_dict is run.state_dict
        return same and not held.edited and not self.has_edits()

    def _hold_for_class(self) -> None:
        """The phones keep the model they have while Draw shows another (the first one held stays)."""
        if self._class_model is None:
            run = self._live_run if self._source.is_live else None
            predictor, label = self.predictor(), self.model_label()
            self._class_model = HeldModel(
                self._source, predictor, self._file_predictor, label, self.has_edits(), run
            )

    def _teacher_chose(self) -> bool:
        """The teacher picked a model: the phones follow the active one again. True when they had
        kept another."""
        held, self._class_model, self._set_aside = self._class_model, None, None
        return held is not None

    def save_live_checkpoint(self, path: str) -> None:
        """Save the live run as published. Raises ValueError when nothing has been trained."""
        run = self._live_run
        if run is None:
            raise ValueError(
                QCoreApplication.translate(
                    "Session", "Nothing has been trained yet: train a model on the Train tab first."
                )
            )
        _save(path, run.model_name, run.state_dict, run.config, dict(run.metrics))

    def save_edited_checkpoint(self, path: str) -> None:
        """Save the active model with its hand edits (asked for explicitly; see has_edits)."""
        weights = self.active_weights()
        if weights is None or not self.has_edits():
            raise ValueError(QCoreApplication.translate("Session", "The active model has no edits to save."))
        name, state = weights
        run = self._live_run
        live = self._source.is_live and run is not None and run.model_name == name
        config = run.config if live else TrainConfig(model=name)
        _save(path, name, state, config, {})  # its accuracy is unknown: no metrics


def _save(path: str, name: str, state_dict: Mapping[str, Any], config: TrainConfig, metrics: dict) -> None:
    from core.checkpoint import save_checkpoint
    from core.models import build_model

    model = build_model(name)
    model.load_state_dict(dict(state_dict))
    save_checkpoint(path, model, config, metrics)
