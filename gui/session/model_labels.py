"""How the window names the active model ("pretrained cnn (test 0.912 · sketches 0.87)",
"mine.pt (mlp)", "live softmax lr 0.1 (edited)"), in its own language.

core names shipped and opened models in English; the status bar and the Draw tab say the same in
the window's language, read afresh at every call so a language switch shows at once.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.model_figures import accuracy_figures
from gui.session.model_sources import ModelSource
from gui.session.values import LiveRun


def source_label(source: ModelSource, predictor: Any) -> str:
    """The label of `predictor`, loaded from `source` (a live one is named by the Session)."""
    if source.is_live:
        return predictor.label  # made by the Session, already translated
    if source.kind == "finetuned":  # named in the window's language, its accuracy after the fine-tune
        accuracy = predictor.metrics.get("test_acc")
        if not isinstance(accuracy, float):
            return source.describe()
        label = QCoreApplication.translate("Session", "{model} (test acc {accuracy:.3f})")
        return label.format(model=source.describe(), accuracy=accuracy)
    accuracy = predictor.metrics.get("test_acc")
    has_accuracy = isinstance(accuracy, float)
    # Share of the sketch corpus read right (core.sketch_eval), where the checkpoint carries it:
    # a model that tests well on photos may still misread the class's drawings.
    sketches = predictor.metrics.get("sketch_acc")
    if has_accuracy and isinstance(sketches, float):
        both = accuracy_figures(predictor.metrics)  # as every model chooser's rows say them
        if source.kind == "pretrained":
            label = QCoreApplication.translate("Session", "pretrained {name} ({accuracies})")
            return label.format(name=predictor.model_name, accuracies=both)
        label = QCoreApplication.translate("Session", "{file} ({model}, {accuracies})")
        file = os.path.basename(source.name_or_path)
        return label.format(file=file, model=predictor.model_name, accuracies=both)
    if source.kind == "pretrained":
        label = QCoreApplication.translate("Session", "pretrained {name}")
        label = label.format(name=predictor.model_name)
        if has_accuracy:
            label += QCoreApplication.translate("Session", " (test acc {accuracy:.3f})").format(
                accuracy=accuracy
            )
        return label
    file = os.path.basename(source.name_or_path)
    if has_accuracy:
        label = QCoreApplication.translate("Session", "{file} ({model}, test acc {accuracy:.3f})")
    else:
        label = QCoreApplication.translate("Session", "{file} ({model})")
    return label.format(file=file, model=predictor.model_name, accuracy=accuracy)


def edited_label(trained_label: str) -> str:
    return QCoreApplication.translate("Session", "{model} (edited)").format(model=trained_label)


def live_label(run: LiveRun) -> str:
    return QCoreApplication.translate("Session", "live {run}").format(run=run.label)


def not_trained_label() -> str:
    return QCoreApplication.translate("Session", "live (not trained yet)")
