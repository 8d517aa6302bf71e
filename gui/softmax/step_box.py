"""One SGD step on the current image, taken on a copy of the weights: "what if we trained on this?"

For the linear models the change to the weights is a picture: ΔW = −lr (ŷ − y) xᵀ, so class j's
template gains or loses the image itself. The MLP and the CNN take the same step through
autograd; their weight change is no picture, and the box says so. Either way ŷ before and after
stand side by side, and the step reaches the model that answers in the app only through "Apply"
(Session.set_edited_weights), undone by "Reset" (Session.reset_edits).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from core.lesson.softmax_steps import LINEAR_MODELS, SgdWhatIf, sgd_step_on_image, sgd_step_with_autograd
from gui.language import class_names, follow_language
from gui.softmax.delta_maps import DeltaMaps
from gui.softmax.stage_table import PROBABILITY_KIND, Column, StageTable, sentence_number
from gui.widgets.rows import flow_row, pair

LEARNING_RATES = (0.001, 0.01, 0.1, 1.0)
# 0.01, not the lesson's 0.1: the lesson averages 256 images per step, so one image moves the
# weights lr/256; a whole step of 0.1 on one image makes it 100 % sure at once, which hides the
# gradual change a class should see.
DEFAULT_LR_INDEX = 1


class StepBox(QGroupBox):
    settings_changed = Signal()  # the learning rate changed: the step must be taken again

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._what_if: SgdWhatIf | None = None
        self.lr_title = QLabel()
        self.lr = QComboBox()
        for value in LEARNING_RATES:
            self.lr.addItem(f"{value:g}", value)
        self.lr.setCurrentIndex(DEFAULT_LR_INDEX)
        self.apply_button = QPushButton()
        self.reset_button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.delta_maps = DeltaMaps()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.after_table = StageTable()
        layout = QVBoxLayout(self)
        layout.addWidget(flow_row(pair(self.lr_title, self.lr), self.apply_button, self.reset_button))
        layout.addWidget(self.note)
        layout.addWidget(self.delta_maps)
        layout.addWidget(self.caption)
        layout.addWidget(self.after_table)
        self.lr.currentIndexChanged.connect(self.settings_changed)
        self.apply_button.clicked.connect(self.apply)
        self.reset_button.clicked.connect(self.session.reset_edits)
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setTitle(self.tr("One SGD step on this image, on a copy (“what if”)"))
        self.lr_title.setText(self.tr("Learning rate lr:"))
        self.apply_button.setText(self.tr("Apply to the live model"))
        self.reset_button.setText(self.tr("Reset to the trained weights"))
        self.after_table.set_class_names(class_names())
        self.delta_maps.set_class_names(class_names())

    def learning_rate(self) -> float:
        return float(self.lr.currentData())

    def what_if(self) -> SgdWhatIf | None:
        return self._what_if

    def apply(self) -> None:
        """The one way the step reaches the model that answers in the app: the teacher pressed Apply."""
        if self._what_if is not None:
            self.session.set_edited_weights(self._what_if.new_state)

    # -- showing a step --------------------------------------------------------------------
    def clear(self, note: str) -> None:
        self._show(None, note)

    def take_step(
        self, predictor: Any, pixels: np.ndarray, label: int | None, *, shown_differs: bool
    ) -> None:
        """Take the step for this image and y; `shown_differs`: the stages above use a scale or a
        T other than 1, while the step (like training) uses the model's own ŷ."""
        if label is None:
            self._show(None, self.tr("Pick the true class y above to take the step."))
            return
        lr = self.learning_rate()
        if predictor.model_name in LINEAR_MODELS:
            state = predictor.model.state_dict()
            what_if = sgd_step_on_image(predictor.model_name, state, pixels, label, lr)
            note = ""
        else:
            what_if = sgd_step_with_autograd(predictor.model, pixels, label, lr)
            note = self.tr(
                "{model} is not a linear model: the ΔW pictures exist only for softmax-scratch and "
                "softmax, where o = Wx + b and the step on class j's weights is the image itself, "
                "times −lr (ŷⱼ − yⱼ). Here the same ŷ − y flows back through every layer "
                "(backpropagation), and the step below is taken on all of them."
            ).format(model=predictor.model_name)
        if shown_differs:
            note = (note + " " if note else "") + self.tr(
                "The step uses the model's own ŷ (scale ×1, T = 1), as training does."
            )
        self._show(what_if, note, label, lr)

    def _show(self, what_if: SgdWhatIf | None, note: str, label: int | None = None, lr: float = 0.0) -> None:
        self._what_if = what_if
        self.apply_button.setEnabled(what_if is not None)
        self.reset_button.setEnabled(self.session.has_edits())
        self.note.setText(note)
        self.note.setVisible(bool(note))
        pictures = what_if is not None and what_if.delta_maps is not None
        self.delta_maps.setVisible(pictures)
        self.caption.setVisible(pictures)
        self.after_table.setVisible(what_if is not None)
        if what_if is None:
            self.delta_maps.set_maps(None)
            return
        if pictures:
            self.delta_maps.set_maps(what_if.delta_maps, label)
            self.caption.setText(
                self.tr(
                    "ΔW = −lr (ŷ − y) xᵀ with lr = {lr:g}: the true class's weights gain the image (red), "
                    "every other class loses it (blue) in proportion to the probability it took. "
                    "Shared colour scale ±{reach}. In training the step is averaged over a batch "
                    "(lr / 256 for this image with the lesson's batch of 256)."
                ).format(lr=lr, reach=self.delta_maps.reach_text())
            )
        before_after = [
            Column(
                self.tr("ŷ before the step"),
                self.tr("loss {loss}").format(loss=sentence_number(what_if.loss_before, 3)),
                what_if.probs_before,
                PROBABILITY_KIND,
            ),
            Column(
                self.tr("ŷ after the step"),
                self.tr("loss {loss}").format(loss=sentence_number(what_if.loss_after, 3)),
                what_if.probs_after,
                PROBABILITY_KIND,
            ),
        ]
        self.after_table.set_columns(before_after, top=int(np.argmax(what_if.probs_after)), true_class=label)
