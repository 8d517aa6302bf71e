"""Rows of controls that wrap instead of being cut off: a 1024-px screen at the largest text
size cannot hold a row of toggles, sliders and buttons side by side.

The wrapping is superqt's QFlowLayout (Qt's flow layout example); its heightForWidth tells a
scroll area how tall the wrapped rows are.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget
from superqt import QFlowLayout


def flow_row(*widgets: QWidget) -> QWidget:
    """A widget holding `widgets` in a row that wraps onto more lines when narrow."""
    holder = QWidget()
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    layout = QFlowLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


def pair(label: QWidget, control: QWidget) -> QWidget:
    """A caption and its control, kept on one line when the row wraps."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(control)
    return holder
