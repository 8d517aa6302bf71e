"""The loss read as information, under the loss line: surprisal, H(ŷ), H(y, ŷ) and KL(y‖ŷ) in bits.

It is handed the same stages (temperature, scale and "subtract the max" already applied) and the
same y as the loss line above it, so the two always describe one ŷ: on the naive path that
overflowed both show NaN. The maths is core.lesson.softmax_steps.information_for_stages.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from core.lesson.softmax_steps import LN2, information_for_stages
from gui.softmax.stage_table import sentence_number

ROWS = ("surprisal", "entropy", "cross_entropy", "kl")


class InformationBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        for row, key in enumerate(ROWS):
            name, value = QLabel(), QLabel()
            name.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        self.relation = QLabel()
        self.relation.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addLayout(grid)
        column.addWidget(self.relation)
        self.bits: Any = None  # the InformationBits on screen (None without a y): tests read it
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The loss as information (in bits)"))
        self.names["surprisal"].setText(self.tr("Surprisal of the true class  −log₂ ŷ_y"))
        self.names["entropy"].setText(self.tr("Entropy of the prediction  H(ŷ) = −Σ ŷ log₂ ŷ"))
        self.names["cross_entropy"].setText(self.tr("Cross-entropy  H(y, ŷ) = −Σ y log₂ ŷ"))
        self.names["kl"].setText(self.tr("KL divergence  KL(y‖ŷ) = Σ y log₂(y / ŷ)"))

    def clear(self) -> None:
        self.bits = None
        for value in self.values.values():
            value.setText("")
        self.relation.setText("")

    def show_information(self, stages: Any, label: int | None) -> None:
        """The four numbers for the ŷ the stages show; without a y only H(ŷ) exists."""
        bits_text = self.tr("{n} bits")
        entropy = stages.entropy_bits if stages.finite else math.nan  # as the table's footer says
        self.values["entropy"].setText(bits_text.format(n=sentence_number(entropy, 3)))
        if label is None:
            self.bits = None
            for key in ("surprisal", "cross_entropy", "kl"):
                self.values[key].setText("—")
            self.relation.setText(self.tr("Pick the true class y above: the other three need it."))
            return
        self.bits = bits = information_for_stages(stages, label)
        for key in ("surprisal", "cross_entropy", "kl"):
            self.values[key].setText(bits_text.format(n=sentence_number(getattr(bits, key), 3)))
        self.relation.setText(
            self.tr(
                "y is one-hot, so H(y) = 0: H(y, ŷ) = −log₂ ŷ_y, and KL(y‖ŷ) = H(y, ŷ) − H(y) is the "
                "same number. The loss l above is this in nats: l = H(y, ŷ) · ln 2 = {loss}."
            ).format(loss=sentence_number(bits.cross_entropy * LN2, 3))
        )
