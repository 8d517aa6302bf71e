"""The Draw tab's two answers for the same board: two sets of ten bars, each titled with its model.

Both columns read the one 28×28 model input the panel made, so they differ only by model. A
live model is titled with how its run went: its test accuracy, or that it diverged (and whether
its last good weights were restored or it is back at its untrained start: even bars), or that it
collapsed. Under them, when one of the two is a linear model, a link asks why it says what it
says and opens the Weights tab on that model's template (through the window: tabs never import
each other). Texts are in the "DrawPanel" context.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.draw.second_model import SecondModel
from gui.language import class_name
from gui.session.model_labels import live_label, not_trained_label, source_label
from gui.session.model_sources import ModelSource
from gui.session.values import LiveRun
from gui.text_size import relative_font
from gui.widgets.prob_bars import ProbabilityBars
from gui.widgets.reflow import ReflowBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("DrawPanel", text)


def no_model_reason(error: str, is_live: bool) -> str:
    """Why a column shows no bars: the model's error, no run yet, or torch still loading."""
    if error:
        return _tr("The model could not be loaded: {error}").format(error=error)
    if is_live:
        return _tr("No live model yet: start training on the Train tab, or pick a pretrained model above.")
    return _tr("Loading the model…")


def live_title(run: LiveRun | None) -> str:
    """A live model's name and how its run went, so an odd answer is never a silent surprise."""
    if run is None:
        return not_trained_label()
    name = live_label(run)
    if run.end_reason == "diverged" and run.restored_good:
        return _tr("{model}: diverged, restored the last good weights from before the loss blew up").format(
            model=name
        )
    if run.end_reason == "diverged":
        return _tr("{model}: diverged before it learned: untrained weights (even bars)").format(model=name)
    if run.end_reason == "collapsed":
        return _tr("{model}: collapsed, no better than guessing").format(model=name)
    accuracy = run.metrics.get("test_acc")
    if isinstance(accuracy, float):
        name += QCoreApplication.translate("Session", " (test acc {accuracy:.3f})").format(accuracy=accuracy)
    return name


class AnswerColumn(QWidget):
    """One model's title over its ten bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setFont(relative_font(1.0, bold=True))
        self.bars = ProbabilityBars(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.bars, 1)
        self.predictor: Any = None  # the model whose answer is shown

    def show_answer(self, title: str, predictor: Any, image28: np.ndarray | None, why_none: str) -> None:
        """`why_none`: the bars' hint when there is no input or no model."""
        self.title.setText(title)
        self.predictor = predictor
        if image28 is None or predictor is None:
            self.bars.set_probabilities(None, why_none)
            return
        try:
            probs = predictor.probabilities(image28)
        except Exception as error:  # weights that do not fit, a broken live model, …
            self.bars.set_probabilities(None, _tr("The model could not run: {error}").format(error=error))
            return
        self.bars.set_probabilities(probs)


class TwoAnswers(QWidget):
    explain_requested = Signal(object, int)  # (a linear model's ModelSource, its top class)

    def __init__(self, session: Any, second: SecondModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.second_model = session, second
        self.first, self.second = AnswerColumn(self), AnswerColumn(self)
        # Side by side where both fit at their minimum width, else one under the other.
        self.box = ReflowBox()
        self.box.add_part(self.first, 1)
        self.box.add_part(self.second, 1)
        self.weights_link = QLabel(self)
        self.weights_link.setWordWrap(True)
        self.weights_link.linkActivated.connect(lambda _href: self.explain())
        self.weights_link.hide()
        self._explained: tuple[ModelSource, int] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.box)
        layout.addWidget(self.weights_link)

    def set_sorted(self, sort: bool) -> None:
        self.first.bars.set_sorted(sort)
        self.second.bars.set_sorted(sort)

    def show_input(self, image28: np.ndarray | None, empty_hint: str, first_why_none: str) -> None:
        """Both models read `image28` (None: an empty board, both show `empty_hint`)."""
        session, second = self.session, self.second_model
        active = session.model_source()
        first_title = session.model_label()
        if active.is_live and not session.has_edits():
            first_title = live_title(session.live_run())
        self.first.show_answer(
            first_title, session.predictor(), image28, empty_hint if image28 is None else first_why_none
        )
        source, predictor = second.source(), second.predictor()
        if source.is_live:
            second_title = live_title(session.live_run())
        elif predictor is not None and source != active:
            second_title = source_label(source, predictor)
        else:
            second_title = first_title if source == active else source.describe()
        why = empty_hint if image28 is None else no_model_reason(second.error(), source.is_live)
        self.second.show_answer(second_title, predictor, image28, why)
        self._offer_weights_link([(active, self.first), (source, self.second)])

    def _offer_weights_link(self, columns: list[tuple[ModelSource, AnswerColumn]]) -> None:
        """The link under the bars, for the first column whose linear model has an answer."""
        self._explained = None
        for source, column in columns:
            top = column.bars.top_class()
            if top is not None and _is_linear(column.predictor):
                self._explained = (source, top)
                text = _tr("Why does {model} say {answer}? → Weights").format(
                    model=column.predictor.model_name, answer=class_name(top)
                )
                self.weights_link.setText(f'<a href="weights">{html.escape(text)}</a>')
                break
        self.weights_link.setVisible(self._explained is not None)

    def explain(self) -> None:
        """Ask the window to show the linear model's template of the class it answered."""
        if self._explained is not None:
            self.explain_requested.emit(*self._explained)


def _is_linear(predictor: Any) -> bool:
    if predictor is None:
        return False
    from core.lesson.templates import is_linear  # torch is loaded once there is a predictor

    return is_linear(predictor.model_name)
