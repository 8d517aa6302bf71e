"""The lower half of the Weights tab: why the model answers what it answers for the current image.

w_j ⊙ x = what each pixel adds, the sum that makes o_j, and the ten o_j beside the softmax
probabilities they become. Its strings keep the "WeightsPanel" translation context they were
written in, so the Chinese catalogue still finds them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.text_size import relative_font
from gui.weights.colour import colour_images, grey_image
from gui.weights.equation import LogitBars, LogitEquation
from gui.weights.reflow import ReflowPair
from gui.widgets.prob_bars import ProbabilityBars


def set_text(label: QLabel, text: str) -> None:
    """Change a label only when its text changes: every change re-lays out the whole page, and
    live weights arrive several times a second while the Train tab's figures need the thread."""
    if label.text() != text:
        label.setText(text)


def _signed(value: float) -> str:
    """+ 1.23 / − 1.23 with a real minus sign, so the sum reads as arithmetic."""
    return f"− {abs(value):.2f}" if value < 0 else f"+ {value:.2f}"


def _titled(title: QLabel, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(body)
    return box


class BreakdownView(QWidget):
    """Heading, the w ⊙ x = map equation (paintable template), the sum, logit and softmax bars."""

    class_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.equation = LogitEquation(self)
        self.sums = QLabel(self)
        self.sums.setWordWrap(True)
        self.sums.setTextFormat(Qt.TextFormat.PlainText)
        self.logit_heading, self.logit_bars = QLabel(self), LogitBars(self)
        self.prob_heading, self.prob_bars = QLabel(self), ProbabilityBars(self)
        self.bars = ReflowPair(
            _titled(self.logit_heading, self.logit_bars), _titled(self.prob_heading, self.prob_bars)
        )
        for widget in (self.heading, self.equation, self.sums, self.bars):
            layout.addWidget(widget)
        self.logit_bars.class_clicked.connect(self.class_clicked)
        self._names_shown: list[str] = []
        self._apply_fonts()
        self.retranslate()

    def _apply_fonts(self) -> None:
        self.heading.setFont(relative_font(1.15, bold=True))
        self.sums.setFont(relative_font(1.1))
        for heading in (self.logit_heading, self.prob_heading):
            heading.setFont(relative_font(1.0, bold=True))

    def retranslate(self) -> None:
        self.logit_heading.setText(QCoreApplication.translate("WeightsPanel", "Logits o (before softmax)"))
        self.prob_heading.setText(QCoreApplication.translate("WeightsPanel", "Softmax probabilities"))
        self.equation.setAccessibleName(
            QCoreApplication.translate("WeightsPanel", "template times image equals what each pixel adds")
        )
        self.logit_bars.setAccessibleName(QCoreApplication.translate("WeightsPanel", "logits"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    # -- content -------------------------------------------------------------------------------
    def set_class_names(self, names: list[str]) -> None:
        if names != self._names_shown:  # each call re-lays out the bars: only on a language switch
            self._names_shown = names
            self.logit_bars.set_class_names(names)
            self.prob_bars.set_class_names(names)

    def clear(self, hint: str) -> None:
        """No model: empty pictures and bars, with `hint` saying why."""
        self.equation.set_paintable(False)
        self.equation.set_pictures(None, None, None)
        self.equation.set_captions("", "", "")
        set_text(self.heading, "")
        set_text(self.sums, "")
        self.logit_bars.set_logits(None)
        self.prob_bars.set_probabilities(None, hint)

    def show_breakdown(
        self,
        predictor: Any,
        image: Any,
        names: list[str],
        selected: int,
        templates: Any,
        template_scale: float,
    ) -> None:
        """The current image (`CurrentImage | None`) explained for class `selected`."""
        from core.lesson.templates import logit_breakdown

        self.set_class_names(names)
        j = selected
        if image is None:
            set_text(
                self.heading,
                QCoreApplication.translate("WeightsPanel", "Why this answer? There is no current image yet."),
            )
            template = None
            if templates is not None:
                template = colour_images(templates.images[j : j + 1], template_scale)[0]
            self.equation.set_pictures(template, None, None)
            self._set_captions(names[j], exact=templates is not None, has_image=False)
            set_text(self.sums, "")
            self.logit_bars.set_logits(None)
            hint = QCoreApplication.translate(
                "WeightsPanel", "Draw on the Draw tab or pick an image in Browse."
            )
            self.prob_bars.set_probabilities(None, hint)
            return
        parts = logit_breakdown(predictor.model, predictor.model_name, image.pixels)
        heading = QCoreApplication.translate("WeightsPanel", "Why this answer? The current image: {source}")
        set_text(self.heading, heading.format(source=image.describe()))
        if parts.exact and templates is not None:
            weight_scale = template_scale  # the template exactly as in the grid above
        else:
            weight_scale = float(np.abs(parts.weights[j]).max()) or 1.0
        product_scale = float(np.abs(parts.maps[j]).max()) or 1.0  # its own scale: faint otherwise
        self.equation.set_pictures(
            colour_images(parts.weights[j : j + 1], weight_scale)[0],
            grey_image(image.pixels),
            colour_images(parts.maps[j : j + 1], product_scale)[0],
        )
        self._set_captions(names[j], exact=parts.exact, has_image=True)
        if parts.exact:
            bias_name = QCoreApplication.translate("WeightsPanel", "bias")
        else:
            bias_name = QCoreApplication.translate("WeightsPanel", "the rest: biases through the network")
        text = QCoreApplication.translate(
            "WeightsPanel",
            "{name}:  o = {positive} (pixels for) {negative} (pixels against) {bias} ({bias_name}) = {logit}",
        )
        set_text(
            self.sums,
            text.format(
                name=names[j],
                positive=f"{parts.positive[j]:.2f}",
                negative=_signed(parts.negative[j]),
                bias=_signed(parts.bias[j]),
                bias_name=bias_name,
                logit=f"{parts.logits[j]:.2f}".replace("-", "−"),
            ),
        )
        self.logit_bars.set_logits(parts.logits)
        self.logit_bars.set_selected(j)
        self.prob_bars.set_probabilities(predictor.probabilities(image.pixels))
        self.prob_bars.set_true_class(image.true_label)

    def _set_captions(self, name: str, *, exact: bool, has_image: bool) -> None:
        if exact:
            first = QCoreApplication.translate("WeightsPanel", "w: template of {name} (paint here)")
        else:
            first = QCoreApplication.translate("WeightsPanel", "w: slopes of o for {name} at this image")
        self.equation.set_captions(
            first.format(name=name),
            QCoreApplication.translate("WeightsPanel", "x: the image (0…1)"),
            QCoreApplication.translate("WeightsPanel", "w ⊙ x: what each pixel adds"),
            ""
            if has_image
            else QCoreApplication.translate("WeightsPanel", "No image yet: draw one or pick one in Browse"),
        )
