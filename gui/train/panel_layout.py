"""How the Train tab's widgets are arranged: commands, progress and settings on the left
(scrolling on a short screen at big text), the plots with their key and buttons over the lesson's
log on the right. The panel makes the widgets and their texts; this only places them, and knows
them only as the parts below (no import of the panel, so no import cycle).

The commands and the progress come first: at +4 on a 768-px projector the left column scrolls,
and what the class watches during a run (progress, and why a run diverged) must stay in view;
the settings, used between runs, may scroll. The pace and the step buttons sit with the commands:
they are used during a run.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from gui.widgets.reflow import ReflowArea


@dataclass(frozen=True)
class TrainTabParts:
    settings: QWidget
    continue_box: QWidget
    commands: list[QWidget]  # Start, Pause, Stop, Reset, then the two steps: rows of two
    hint: QWidget
    data_message: QWidget
    progress: QWidget
    plots: QWidget
    plot_buttons: list[QWidget]  # the first on the left, the others on the right
    log: QWidget
    pace: QWidget | None = None  # full speed or class pace, under the commands


def lay_out(panel: QWidget, parts: TrainTabParts) -> QGroupBox:
    """Place the parts in `panel`; returns the settings' group box (titled by the panel)."""
    settings_box = QGroupBox()
    QVBoxLayout(settings_box).addWidget(parts.settings)
    buttons = QGridLayout()
    for index, button in enumerate(parts.commands):
        buttons.addWidget(button, index // 2, index % 2)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addLayout(buttons)
    if parts.pace is not None:
        left_layout.addWidget(parts.pace)
    left_layout.addWidget(parts.continue_box)
    left_layout.addWidget(parts.hint)
    left_layout.addWidget(parts.data_message)
    left_layout.addWidget(parts.progress)
    left_layout.addWidget(settings_box)
    left_layout.addStretch(1)

    plot_area = QWidget()
    plot_layout = QVBoxLayout(plot_area)
    plot_layout.setContentsMargins(0, 0, 0, 0)
    plot_layout.addWidget(parts.plots, 1)
    plot_buttons = QHBoxLayout()
    first, *others = parts.plot_buttons
    plot_buttons.addWidget(first)
    plot_buttons.addStretch(1)
    for button in others:
        plot_buttons.addWidget(button)
    plot_layout.addLayout(plot_buttons)
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(plot_area)
    right.addWidget(parts.log)
    right.setStretchFactor(0, 4)
    right.setStretchFactor(1, 1)

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(ReflowArea([left]))  # scrolls vertically on a short screen at big text
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    layout = QVBoxLayout(panel)
    layout.addWidget(splitter)
    return settings_box
