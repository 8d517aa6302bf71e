"""How the Train tab's widgets are arranged: settings, commands, hint and progress on the left
(scrolling on a short screen at big text), the plots with their buttons over the lesson's log on
the right. The panel makes the widgets and their texts; this only places them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.text_size import current_point_size
from gui.widgets.reflow import ReflowArea

if TYPE_CHECKING:
    from gui.train.panel import TrainPanel

LOG_LINES = 6


def lay_out(panel: TrainPanel) -> QGroupBox:
    """Place the Train panel's widgets in it; returns the settings' group box (titled by the panel)."""
    settings_box = QGroupBox()
    QVBoxLayout(settings_box).addWidget(panel.controls)
    buttons = QGridLayout()
    buttons.addWidget(panel.start_button, 0, 0)
    buttons.addWidget(panel.pause_button, 0, 1)
    buttons.addWidget(panel.stop_button, 1, 0)
    buttons.addWidget(panel.reset_button, 1, 1)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addWidget(settings_box)
    left_layout.addWidget(panel.continue_box)
    left_layout.addLayout(buttons)
    left_layout.addWidget(panel.first_hint)
    left_layout.addWidget(panel.data_message)
    left_layout.addWidget(panel.progress)
    left_layout.addStretch(1)

    plot_area = QWidget()
    plot_layout = QVBoxLayout(plot_area)
    plot_layout.setContentsMargins(0, 0, 0, 0)
    plot_layout.addWidget(panel.plots, 1)
    plot_buttons = QHBoxLayout()
    plot_buttons.addWidget(panel.plots.log_scale_box)
    plot_buttons.addStretch(1)
    plot_buttons.addWidget(panel.clear_runs_button)
    plot_buttons.addWidget(panel.save_plots_button)
    plot_layout.addLayout(plot_buttons)
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(plot_area)
    right.addWidget(panel.log)
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


def fit_log_font(log: QPlainTextEdit) -> None:
    """The log in the monospace system font at the app-wide text size."""
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(current_point_size())
    log.setFont(mono)
    # At least LOG_LINES lines of the log stay readable on a 768-px projector, at any text size.
    spacing = QFontMetrics(mono).lineSpacing()
    margin = 2 * (log.frameWidth() + round(log.document().documentMargin()))
    log.setMinimumHeight(LOG_LINES * spacing + margin + spacing // 2)
