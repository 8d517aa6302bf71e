"""The Softmax tab: the lesson's two closing questions answered on one image, step by step.

For the current image (the Draw board's input or Browse's selection, named on screen) and the
active model it shows, left to right, o → exp(o − max o) → ÷ Σ → ŷ → ŷ − y, each stage with its
formula, then one SGD step on a copy of the weights ("what if") that is applied to the live
model only when the teacher presses Apply, and the reliability diagram of the whole test set.

Everything is recomputed from the Session when something changes, but only while the tab is
visible: a hidden tab remembers that it is stale and catches up when it is shown.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from core.lesson.softmax_steps import loss_and_gradient, loss_terms, softmax_stages
from gui import theme
from gui.language import class_names, follow_language
from gui.softmax.calibration_box import CalibrationBox
from gui.softmax.information_box import InformationBox
from gui.softmax.stage_table import (
    POSITIVE_KIND,
    PROBABILITY_KIND,
    SIGNED,
    Column,
    StageTable,
    sentence_number,
)
from gui.softmax.step_box import StepBox
from gui.softmax.temperature_control import TemperatureControl
from gui.text_size import relative_font
from gui.widgets.rows import flow_row, pair

SLIDER_STEPS = 100  # per decade, for the log-scale sliders


def _log_slider(low_exp: int, high_exp: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(low_exp * SLIDER_STEPS, high_exp * SLIDER_STEPS)
    slider.setValue(0)
    slider.setPageStep(SLIDER_STEPS // 4)
    return slider


class SoftmaxPanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._shut_down = False  # shutdown() disconnects from the session once
        self.updates = 0  # full recomputations done: the tests check the tab idles when hidden
        self._stale = True
        self._drawing_label: int | None = None  # the teacher's y for drawings, kept across strokes
        # A y the teacher picked for one Browse sample ("what if it were a Coat?"), until the image changes.
        self._sample_pick: tuple[Any, int | None] | None = None
        self._fitted_t: float | None = None

        self.source = QLabel()
        self.source.setWordWrap(True)
        self.thumbnail = QLabel()
        self.thumbnail.setFrameShape(QFrame.Shape.Box)
        # -- 1–4: the stages
        self.stages_box = QGroupBox()
        self.subtract_max = QCheckBox()
        self.subtract_max.setChecked(True)
        self.scale_label = QLabel()
        self.scale_slider = _log_slider(0, 2)  # ×1 … ×100
        self.temperature_control = TemperatureControl()
        self.temperature_slider = self.temperature_control.slider
        self.temperature_spin = self.temperature_control.spin
        self.true_label_title = QLabel()
        self.true_class = QComboBox()
        self.table = StageTable()
        self.overflow = QLabel()
        self.overflow.setWordWrap(True)
        # Coloured through its palette, not a style sheet: a style sheet froze the label's font at
        # the size it had when set, so it stayed small at a projector's text size.
        self._colour_overflow()
        theme.notifier().changed.connect(self._colour_overflow)
        self.loss = QLabel()
        self.loss.setWordWrap(True)
        self.information = InformationBox()  # the loss line's ŷ and y, read in bits
        stages = QVBoxLayout(self.stages_box)
        stages.addWidget(
            flow_row(
                self.subtract_max,
                pair(self.scale_label, self.scale_slider),
                self.temperature_control,
                pair(self.true_label_title, self.true_class),
            )
        )
        stages.addWidget(self.table)
        stages.addWidget(self.overflow)
        stages.addWidget(self.loss)
        stages.addWidget(self.information)
        # -- 5: one SGD step, on a copy
        self.step = StepBox(session)
        # -- what softmax means statistically
        self.calibration = CalibrationBox(session)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(pair(self.thumbnail, self.source))  # the text wraps beside the image
        column.addWidget(self.stages_box)
        column.addWidget(self.step)
        column.addWidget(self.calibration)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self.subtract_max.toggled.connect(self.refresh)
        self.scale_slider.valueChanged.connect(self.refresh)
        self.temperature_control.changed.connect(self.refresh)
        self.step.settings_changed.connect(self.refresh)
        self.true_class.activated.connect(self._true_class_picked)
        self.calibration.temperature_changed.connect(self._use_temperature)
        session.current_image_changed.connect(self.refresh)
        session.predictor_changed.connect(self._model_changed)
        session.dataset_changed.connect(self.calibration.model_changed)
        follow_language(self, self.retranslate)

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.stages_box.setTitle(self.tr("From the logits o to the probabilities ŷ, and the loss"))
        self.subtract_max.setText(self.tr("Subtract the max (stable softmax)"))
        self.true_label_title.setText(self.tr("True class y:"))
        self.true_class.blockSignals(True)
        current = self.true_class.currentIndex()
        self.true_class.clear()
        self.true_class.addItem(self.tr("— pick one —"), None)
        for index, name in enumerate(class_names()):
            self.true_class.addItem(f"{index} {name}", index)
        self.true_class.setCurrentIndex(max(0, current))
        self.true_class.blockSignals(False)
        self.table.set_class_names(class_names())
        self.information.retranslate()
        self.loss.setFont(relative_font(1.2, bold=True))
        self._stale = True
        self.refresh()

    # -- follow the session ----------------------------------------------------------------
    def _model_changed(self) -> None:
        self.calibration.model_changed()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # A new text size: the headings set with relative_font() are resized here, the rest follow.
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.loss.setFont(relative_font(1.2, bold=True))
            self.calibration.restyle()
            self._stale = True
            self.refresh()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, *_: Any) -> None:
        """Recompute everything for the current image, or only note that it is due (hidden)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.updates += 1
        self._update()

    def _true_class_picked(self, _index: int) -> None:
        image = self.session.current_image()
        if image is None or image.true_label is None:
            self._drawing_label = self.true_class.currentData()
        else:
            self._sample_pick = (image, self.true_class.currentData())
        self.refresh()

    def _use_temperature(self, temperature: float | None) -> None:
        self._fitted_t = temperature
        self.temperature_control.set_locked(temperature is not None)
        self.temperature_control.show_value(1.0 if temperature is None else temperature)
        self.refresh()

    def _colour_overflow(self, *_: Any) -> None:
        """The table's inf/NaN colour, darker for text; high contrast keeps its own light text."""
        palette = QPalette()  # only the role set here is the label's own; the rest follows the theme
        if not theme.is_high_contrast():
            palette.setColor(QPalette.ColorRole.WindowText, QColor("#A6266E"))
        self.overflow.setPalette(palette)

    # -- the numbers -----------------------------------------------------------------------
    def scale(self) -> float:
        return 10 ** (self.scale_slider.value() / SLIDER_STEPS)

    def temperature(self) -> float:
        if self._fitted_t is not None:
            return self._fitted_t
        return self.temperature_control.value()

    def true_label(self) -> int | None:
        return self.true_class.currentData()

    def _sync_true_class(self, image: Any) -> None:
        label = self._drawing_label
        if image is not None and image.true_label is not None:
            picked = self._sample_pick
            label = picked[1] if picked is not None and picked[0] is image else image.true_label
        self.true_class.blockSignals(True)
        self.true_class.setCurrentIndex(0 if label is None else label + 1)
        self.true_class.blockSignals(False)

    def _size_controls(self) -> None:
        """Captions as wide as their widest value, so the row does not jump while sliding."""
        metrics = self.fontMetrics()
        self.scale_label.setMinimumWidth(
            metrics.horizontalAdvance(self.tr("Logit scale ×{s:.3g}").format(s=88.8))
        )
        for slider in (self.scale_slider, self.temperature_slider):
            slider.setMinimumWidth(metrics.horizontalAdvance("0") * 16)

    def _update(self) -> None:
        image = self.session.current_image()
        predictor = self.session.predictor()
        self._sync_true_class(image)
        scale, temperature = self.scale(), self.temperature()
        self._size_controls()
        self.scale_label.setText(self.tr("Logit scale ×{s:.3g}").format(s=scale))
        source = image.describe() if image is not None else self.tr("no image yet")
        # The status bar's words for it, in the window's language (core's label is English).
        model = self.session.model_label() if predictor is not None else self.tr("no model yet")
        self.source.setText(self.tr("Image: {source}\nModel: {model}").format(source=source, model=model))
        self._show_thumbnail(image)
        if predictor is None or image is None:
            hint = (
                self.tr("No model yet: train one on the Train tab or choose one in the Model menu.")
                if predictor is None
                else self.tr("Draw a garment on the Draw tab, or pick an image in Browse.")
            )
            self.table.set_hint(hint)
            self.overflow.hide()
            self.overflow.clear()  # not left in the previous language for a later switch to find
            self.loss.setText("")
            self.information.clear()
            self.step.clear(hint)
            return
        logits = predictor.logits(image.pixels)
        stages = softmax_stages(
            logits, scale=scale, temperature=temperature, subtract_max=self.subtract_max.isChecked()
        )
        label = self.true_label()
        self._show_stages(stages, label, scale, temperature)
        self.step.take_step(predictor, image.pixels, label, shown_differs=scale != 1 or temperature != 1)

    def _show_stages(self, stages: Any, label: int | None, scale: float, temperature: float) -> None:
        o = "o" if scale == 1 else self.tr("{s:.3g}·o").format(s=scale)
        z = o if temperature == 1 else self.tr("{o} / T").format(o=o)
        naive = not self.subtract_max.isChecked()
        exp_title = self.tr("exp({z})").format(z=z) if naive else self.tr("exp({z} − max)").format(z=z)
        top = int(np.argmax(stages.stable_probs))
        columns = [
            Column(
                self.tr("1. Logits o"),
                self.tr("o = the model's 10 outputs") if scale == 1 else self.tr("scaled: {o}").format(o=o),
                stages.logits,
                SIGNED,
                self.tr("max = {m}").format(m=sentence_number(float(np.max(stages.logits)))),
            ),
            Column(
                self.tr("2. Exponentiate"),
                exp_title,
                stages.exps,
                POSITIVE_KIND,
                self.tr("Σ = {total}").format(total=sentence_number(stages.total)),
                digits=3,
            ),
            Column(
                self.tr("3. ÷ Σ gives ŷ"),
                self.tr("ŷ = exp(…) / Σ"),
                stages.probs,
                PROBABILITY_KIND,
                self.tr("Σ ŷ = {sum}\nentropy H(ŷ) = {bits} bits").format(
                    sum=sentence_number(float(np.sum(stages.probs))),
                    bits=sentence_number(stages.entropy_bits if stages.finite else math.nan),
                ),
            ),
        ]
        if label is not None:
            loss, gradient = loss_and_gradient(stages, label)
            columns.append(
                Column(
                    self.tr("4. Gradient ∂l/∂o"),
                    self.tr("ŷ − y (y = one-hot of the true class)"),
                    gradient,
                    SIGNED,
                    self.tr("Σ = {sum}").format(
                        sum=sentence_number(_zero_if_rounding(float(np.sum(gradient))), 3)
                    ),
                    digits=3,
                    reach=1.0,  # one scale for every image: −0.005 must look small beside −0.823
                )
            )
            self.loss.setText(self._loss_sentence(stages, label, loss, z))
        else:
            self.loss.setText(
                self.tr("Pick the true class y above to see the loss −log ŷ_y and the gradient ŷ − y.")
            )
        self.table.set_columns(columns, top=top, true_class=label)
        self.information.show_information(stages, label)
        if stages.finite:
            self.overflow.setVisible(naive and scale > 1)
            self.overflow.setText(
                self.tr(
                    "No overflow yet: the largest exp is {big}. float32 holds up to about exp(88.7) ≈ 3.4e38."
                ).format(big=sentence_number(float(np.max(stages.exps))))
            )
        else:
            self.overflow.show()
            self.overflow.setText(self._overflow_sentence(stages, label))

    def _loss_sentence(self, stages: Any, label: int, loss: float, z: str) -> str:
        """The loss as computed: through log-softmax on the stable path (a ŷ_y that prints as 0.0000
        still has both terms), as −log of the broken ŷ_y on the naive path that overflowed."""
        name = class_names()[label]
        if not stages.finite:
            return self.tr("Loss l = −log ŷ_y = −log {p} = {loss}   (y = {name})").format(
                p=sentence_number(float(stages.probs[label]), 4), loss=sentence_number(loss, 3), name=name
            )
        terms = loss_terms(stages.inputs, label)
        symbol = "o" if z == "o" else "z"  # a scaled input is named once, after the sentence
        sentence = self.tr(
            "Loss l = −log ŷ_y = log Σ exp({z}) − {z}_y = {lse} − ({zy}) = {loss}   (y = {name})"
        ).format(
            z=symbol,
            lse=sentence_number(terms.log_sum_exp, 3),
            zy=sentence_number(terms.true_input, 3),
            loss=sentence_number(terms.loss, 3),
            name=name,
        )
        return sentence if symbol == "o" else sentence + "\n" + self.tr("with z = {z}").format(z=z)

    def _overflow_sentence(self, stages: Any, label: int | None) -> str:
        """Why the naive softmax broke, naming the loss the line below shows (inf or NaN)."""
        tick = self.tr(
            "Tick “Subtract the max”: exp(o − max o) ≤ 1 never overflows, and ŷ is the same because "
            "the shift cancels in the division."
        )
        why = self.tr(
            "Overflow! exp of a number above 88.7 is more than a float32 can hold, so it becomes inf, "
            "and inf / inf is NaN."
        )
        if label is None:
            # The sentences joined in the window's language: Chinese puts no space after "。".
            return self.tr("{why} {tick}").format(why=why, tick=tick)
        loss, gradient = loss_and_gradient(stages, label)
        consequence = self.tr(
            "ŷ_y = {p}, so the loss −log ŷ_y is {loss} and the gradient ŷ − y holds {broken}: "
            "training would break."
        ).format(
            p=sentence_number(float(stages.probs[label]), 4),
            loss=sentence_number(loss, 3),
            broken="NaN" if np.isnan(gradient).any() else "inf",
        )
        return self.tr("{why} {consequence} {tick}").format(why=why, consequence=consequence, tick=tick)

    def what_if(self) -> Any:
        """The step on a copy that "Apply" would hand to the Session, or None."""
        return self.step.what_if()

    def _show_thumbnail(self, image: Any) -> None:
        side = int(self.fontMetrics().height() * 3.5)
        if image is None:
            self.thumbnail.setFixedSize(side, side)
            self.thumbnail.setPixmap(QPixmap())
            return
        pixels = np.ascontiguousarray(image.pixels, dtype=np.uint8)
        picture = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
        self.thumbnail.setFixedSize(side, side)
        self.thumbnail.setPixmap(QPixmap.fromImage(picture.scaled(side, side)))

    def shutdown(self) -> None:
        """Stop the test-set measurement if one runs, and stop reacting to the session."""
        self.calibration.shutdown()
        if self._shut_down:
            return  # the window may close twice (a test, a second Ctrl+Q): disconnect once
        self._shut_down = True
        self.session.current_image_changed.disconnect(self.refresh)
        self.session.predictor_changed.disconnect(self._model_changed)


def _zero_if_rounding(value: float) -> float:
    """A sum that is 0 up to float rounding (1e-8) shows as 0, which is what it is."""
    return 0.0 if abs(value) < 1e-6 else value
