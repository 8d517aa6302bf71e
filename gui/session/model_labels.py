"""How the window names the active model ("pretrained cnn (test 90.1% · reference drawings 62%)",
"mine.pt (mlp)", "live softmax lr 0.1 (edited)"), in its own language.

core names shipped and opened models in English; the status bar and the Draw tab say the same in
the window's language, read afresh at every call so a language switch shows at once.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.model_figures import accuracy_figures, with_figures
from gui.session.model_sources import ModelSource
from gui.session.values import LiveRun


def source_label(source: ModelSource, predictor: Any) -> str:
    """The label of `predictor`, loaded from `source` (a live one is named by the Session): its
    name, then its figures exactly as every model chooser's rows say them (gui/model_figures)."""
    if source.is_live:
        return predictor.label  # made by the Session, already translated
    metrics = getattr(predictor, "metrics", None)
    if source.kind == "finetuned":  # named in the window's language, its accuracy after the fine-tune
        return with_figures(source.describe(), metrics)
    if source.kind == "pretrained":
        name = QCoreApplication.translate("Session", "pretrained {name}").format(name=predictor.model_name)
        return with_figures(name, metrics)
    file = os.path.basename(source.name_or_path)
    figures = accuracy_figures(metrics)
    if not figures:
        return QCoreApplication.translate("Session", "{file} ({model})").format(
            file=file, model=predictor.model_name
        )
    label = QCoreApplication.translate("Session", "{file} ({model}, {accuracies})")
    return label.format(file=file, model=predictor.model_name, accuracies=figures)


def edited_label(trained_label: str) -> str:
    return QCoreApplication.translate("Session", "{model} (edited)").format(model=trained_label)


def live_label(run: LiveRun) -> str:
    return QCoreApplication.translate("Session", "live {run}").format(run=run.label)


def live_name(run: LiveRun | None) -> str:
    """The live model's one name, without figures: every chooser's row (their figures follow it),
    and the start of the status bar's and Draw's titles. One with no good weights says so: it
    answers nowhere."""
    if run is None:
        return not_trained_label()
    if not run.has_good_weights:
        return QCoreApplication.translate("Session", "{model} (diverged, no good weights)").format(
            model=live_label(run)
        )
    return live_label(run)


def live_label_with_figures(run: LiveRun) -> str:
    """A live run named with its last epoch's figures, as every other model is (the status bar,
    Draw's titles); one with no good weights says so instead: it answers nowhere."""
    if not run.has_good_weights:
        return live_name(run)
    return with_figures(live_label(run), run.metrics)


def not_trained_label() -> str:
    return QCoreApplication.translate("Session", "live (not trained yet)")
