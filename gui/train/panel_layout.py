"""How the Train tab's widgets are arranged: commands, progress and settings on the left
(scrolling on a short screen at big text), the plots with their key and buttons over the lesson's
log on the right. The panel makes the widgets and their texts; this only places them, and knows
them only as the parts below (no import of the panel, so no import cycle).

The commands and the progress come first: at +4 on a 768-px projector the left column scrolls,
and what the class watches during a run (progress, and why a run diverged) must stay in view;
the settings, used between runs, may scroll: "Continue from current weights" and the pace sit with
them, under the form; the two step buttons (one minibatch, one epoch) with the commands.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QSplitter, QVBoxLayout, QWidget

from gui.widgets.reflow import ReflowArea
from gui.widgets.rows import flow_row

# Two commands a row and a narrow third column for the steps (glyphs): a row of their own would
# push the settings further down a column that already scrolls at +4.
COMMAND_COLUMNS = 3


class _Column(QWidget):
    """The left column: its minimum height is what its wrapped labels need at its width.

    A scroll area sizes its content to the content's minimumSizeHint, which counts a wrapped label
    (the first-run hint) at the lines it would take on a wide row; at its real, narrow width it
    takes more and squeezed the settings' fields under their height (at +4, before any run)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        size = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            size.setHeight(max(size.height(), layout.minimumHeightForWidth(self.width())))
        return size

    def resizeEvent(self, event) -> None:  # noqa: N802
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a new width: new line counts, a new minimum height
        super().resizeEvent(event)


@dataclass(frozen=True)
class TrainTabParts:
    settings: QWidget
    continue_box: QWidget
    commands: list[QWidget]  # Start, Pause, one minibatch; Stop, Reset, one epoch
    hint: QWidget
    data_message: QWidget
    progress: QWidget
    plots: QWidget
    plot_buttons: list[QWidget]  # in a row that wraps
    log: QWidget
    pace: QWidget | None = None  # Lesson defaults and the pace, in the settings box


def lay_out(panel: QWidget, parts: TrainTabParts) -> QGroupBox:
    """Place the parts in `panel`; returns the settings' group box (titled by the panel)."""
    settings_box = QGroupBox()
    settings_layout = QVBoxLayout(settings_box)
    settings_layout.addWidget(parts.settings)
    # Chosen before a run, like the settings above them (the pace may still change during one).
    if parts.pace is not None:
        settings_layout.addWidget(parts.pace)  # a row that wraps where the column is narrow
    settings_layout.addWidget(parts.continue_box)
    buttons = QGridLayout()
    for index, button in enumerate(parts.commands):
        buttons.addWidget(button, index // COMMAND_COLUMNS, index % COMMAND_COLUMNS)
    buttons.setColumnStretch(0, 1)
    buttons.setColumnStretch(1, 1)  # the steps' column stays as narrow as its glyphs
    left = _Column()
    left_layout = QVBoxLayout(left)
    left_layout.addLayout(buttons)
    left_layout.addWidget(parts.hint)
    left_layout.addWidget(parts.data_message)
    left_layout.addWidget(parts.progress)
    left_layout.addWidget(settings_box)
    left_layout.addStretch(1)

    plot_area = QWidget()
    plot_layout = QVBoxLayout(plot_area)
    plot_layout.setContentsMargins(0, 0, 0, 0)
    plot_layout.addWidget(parts.plots, 1)
    plot_layout.addWidget(flow_row(*parts.plot_buttons))  # wraps at big text on a narrow screen
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
