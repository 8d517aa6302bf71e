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
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from gui.draw.second_model import SecondModel
from gui.language import class_name
from gui.session.model_labels import live_label, live_label_with_figures, not_trained_label, source_label
from gui.session.model_sources import ModelSource
from gui.session.values import LiveRun
from gui.text_size import relative_font
from gui.widgets.prob_bars import ProbabilityBars
from gui.widgets.wrapped_label import WrappedLabel


def no_model_reason(error: str, is_live: bool, run: LiveRun | None = None) -> str:
    """Why a column shows no bars: the model's error, no run yet, a run with no good weights, or
    torch still loading."""
    if is_live and run is not None and not run.has_good_weights:
        return QCoreApplication.translate(
            "DrawPanel",
            "Run {run} has no good weights: train again with a smaller learning rate.",
        ).format(run=run.run_id)
    if error:
        return QCoreApplication.translate("DrawPanel", "The model could not be loaded: {error}").format(
            error=error
        )
    if is_live:
        return QCoreApplication.translate(
            "DrawPanel",
            "No live model yet: start training on the Train tab, or pick a pretrained model above.",
        )
    return QCoreApplication.translate("DrawPanel", "Loading the model…")


def live_title(run: LiveRun | None) -> str:
    """A live model's name and how its run went, so an odd answer is never a silent surprise."""
    if run is None:
        return not_trained_label()
    name = live_label(run)
    if run.end_reason == "diverged" and run.restored_good:
        return QCoreApplication.translate(
            "DrawPanel", "{model}: diverged; restored the last good weights"
        ).format(model=name)
    if run.end_reason == "diverged":
        return QCoreApplication.translate(
            "DrawPanel", "{model}: diverged before any good weights; not answering"
        ).format(model=name)
    if run.end_reason == "collapsed":
        return QCoreApplication.translate("DrawPanel", "{model}: collapsed, no better than guessing").format(
            model=name
        )
    return live_label_with_figures(run)


TITLE_SIZE = 0.9  # the titles' text size, relative to the app's


class AnswerColumn:
    """One model's title over its ten bars (placed in TwoAnswers' grid, so both line up)."""

    def __init__(self, parent: QWidget) -> None:
        # Its wrapped lines keep their height: the tab's scroll area lays out without
        # height-for-width (gui/widgets/reflow.py), so the bars would take them otherwise.
        self.title = WrappedLabel(parent=parent)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        # The bars decide the columns' widths, never a title's text: a new title must not move
        # them.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bars = ProbabilityBars(parent)
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
            self.bars.set_probabilities(
                None,
                QCoreApplication.translate("DrawPanel", "The model could not run: {error}").format(
                    error=error
                ),
            )
            return
        self.bars.set_probabilities(probs)


class TwoAnswers(QWidget):
    """Side by side always, compactly: the second set has no class names of its own but reads
    row for row beside the first's (same order, sorted or not), so the two still fit beside the
    board on a 1024×768 projector at large text, where two full sets would not."""

    explain_requested = Signal(object, int)  # (a linear model's ModelSource, its top class)

    def __init__(self, session: Any, second: SecondModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.second_model = session, second
        self.first, self.second = AnswerColumn(self), AnswerColumn(self)
        self.second.bars.set_names_shown(False)
        for column in (self.first, self.second):
            column.bars.set_minimum(bar_chars=4, row_lines=1.0)
        self.weights_link = QLabel(self)
        self.weights_link.setWordWrap(True)
        self.weights_link.linkActivated.connect(lambda _href: self.explain())
        self.weights_link.hide()
        self._explained: tuple[ModelSource, int] | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.first.title, 0, 0)
        grid.addWidget(self.second.title, 0, 1)
        grid.addWidget(self.first.bars, 1, 0)
        grid.addWidget(self.second.bars, 1, 1)
        grid.addWidget(self.weights_link, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)
        self._set_title_fonts()

    def _set_title_fonts(self) -> None:
        for column in (self.first, self.second):
            # A little under the bars' size: three lines of a live model's story must still leave
            # the ten bars and the link room on a 768-px projector at +4 in Chinese.
            column.title.setFont(relative_font(TITLE_SIZE, bold=True))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # The titles' bold font is made from the app's: a new text size must reach them.
        if event.type() == QEvent.Type.FontChange:
            self._set_title_fonts()
        super().changeEvent(event)

    def set_sorted(self, sort: bool) -> None:
        self.first.bars.set_sorted(sort)
        self._line_up()

    def _line_up(self) -> None:
        self.second.bars.set_row_order(self.first.bars.row_order())

    def show_input(self, image28: np.ndarray | None, empty_hint: str, first_why_none: str) -> None:
        """Both models read `image28` (None: an empty board; the first set shows `empty_hint`)."""
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
        why = (  # the hint is said once, in the first column
            "" if image28 is None else no_model_reason(second.error(), source.is_live, session.live_run())
        )
        self.second.show_answer(second_title, predictor, image28, why)
        self._line_up()
        self._offer_weights_link([(active, self.first), (source, self.second)])

    def _offer_weights_link(self, columns: list[tuple[ModelSource, AnswerColumn]]) -> None:
        """The link under the bars, for the first column whose linear model has an answer."""
        self._explained = None
        for source, column in columns:
            top = column.bars.top_class()
            if top is not None and _is_linear(column.predictor):
                self._explained = (source, top)
                text = QCoreApplication.translate(
                    "DrawPanel", "Why does {model} say {answer}? → Weights"
                ).format(model=column.predictor.model_name, answer=class_name(top))
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
