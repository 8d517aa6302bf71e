"""The Code tab: the from-scratch code and the concise code side by side, as the trainer runs them,
and at class pace the stages of the current minibatch: which lines compute it, its shapes and a
few of its values.

A minibatch arrives as one core.train_events.MinibatchShown (the Train panel forwards them). The
tab then walks through its stages, X → O → ŷ → ℓ → the gradients, one every `stage_ms`, marking the
lines of each in both columns; the numbers are always the newest minibatch's. When minibatches
keep coming the walk starts over; after a single step it stays on the last stage. The code is read
from the live functions once torch is loaded (the window starts before torch has imported).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.code_view.source_pane import SourcePane, placeholder_text
from gui.language import follow_language

STAGE_MS = 900  # long enough to read which line lit up, short enough to see the whole step go by
SAMPLE_VALUES = 5  # values per stage in the table: a few, as a glimpse of the numbers


def shape_text(shape: Any) -> str:
    return " × ".join(str(size) for size in shape) if shape else "·"


def values_text(values: dict) -> str:
    """'X[0, 300:305]: 0, 0.118, 0.624, …' from a stage's {"where", "sample"}."""
    sample = list(values.get("sample", ()))
    shown = ", ".join(f"{value:.3g}" for value in sample[:SAMPLE_VALUES])
    if len(sample) > SAMPLE_VALUES:
        shown += ", …"
    where = values.get("where")
    return f"{where}: {shown}" if where else shown


class CodePanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None, *, stage_ms: int = STAGE_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.minibatch: Any = None  # the newest MinibatchShown
        self.ended_at: Any = None  # the last BatchEvent of the run that ended, until a new minibatch
        self._stage = -1  # index into STAGES of the marked stage; -1 before any minibatch
        self._walk_restarts = False  # a newer minibatch came while walking: walk it next
        self._stages: tuple[str, ...] = ()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.scratch = SourcePane()
        self.concise = SourcePane()
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.addWidget(self.scratch)
        self.columns.addWidget(self.concise)
        self.columns.setStretchFactor(0, 3)
        self.columns.setStretchFactor(1, 2)
        self.values = QTableWidget(0, 3)
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.values.verticalHeader().setVisible(False)
        header = self.values.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(self.columns)
        self.body.addWidget(self.values)
        self.body.setStretchFactor(0, 1)  # more height (the guide folded away) goes to the code
        self.body.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)

        self.walk = QTimer(self, interval=max(1, stage_ms))
        self.walk.timeout.connect(self.next_stage)
        self._walking = stage_ms > 0
        self.values.cellClicked.connect(lambda row, _column: self._stage_picked(row))
        theme.notifier().changed.connect(self._restyle)
        self._filled = False
        self._table_fitted = False
        self._shut_down = False
        session.runtime_changed.connect(self._fill)
        follow_language(self, self.retranslate)
        self._fill()

    # -- the code --------------------------------------------------------------------------
    def _fill(self) -> None:
        """Read the functions from the live modules: only once torch is imported (they import it)."""
        if self._filled or not self.session.runtime_ready:
            return
        from gui.code_view import sections

        self._filled = True
        self._stages = sections.STAGES
        self.scratch.set_sections(sections.SCRATCH)
        self.concise.set_sections(sections.CONCISE)
        self.values.setRowCount(len(self._stages))
        self.retranslate()

    def retranslate(self) -> None:
        # Short titles: at +4 text both columns' titles and lists share 1024 px.
        self.scratch.title.setText(self.tr("From scratch"))
        self.scratch.title.setToolTip(self.tr("What the model softmax-scratch runs"))
        self.concise.title.setText(self.tr("Concise"))
        self.concise.title.setToolTip(self.tr("What the model softmax runs instead"))
        self.values.setHorizontalHeaderLabels([self.tr("Stage"), self.tr("Shape"), self.tr("A few values")])
        self.scratch.editor.setPlaceholderText("" if self._filled else placeholder_text())
        if not self._filled:
            self._show_hint()
            return
        self.scratch.retranslate()
        self.concise.retranslate()
        self._fill_values()
        self._show_hint()

    # -- the minibatch ---------------------------------------------------------------------
    def show_minibatch(self, event: Any) -> None:
        """A core.train_events.MinibatchShown: its numbers now, its stages one after another."""
        self.minibatch = event
        self.ended_at = None
        self._fill()
        self._fill_values()
        self._show_hint()
        if self.walk.isActive():
            self._walk_restarts = True
            return
        self.show_stage(0)
        if self._walking:
            self.walk.start()

    def show_run_ended(self, last_batch: Any) -> None:
        """The run has ended (the Train tab's run_ended_at): say so, and where, instead of the last
        minibatch shown, which the class pace's rhythm may have left a few minibatches before."""
        self.ended_at = last_batch
        self.walk.stop()
        self._walk_restarts = False
        self._show_hint()

    def current_stage(self) -> str | None:
        return self._stages[self._stage] if 0 <= self._stage < len(self._stages) else None

    def show_stage(self, index: int) -> None:
        """Mark the lines that compute stage `index` in both columns, and its row of numbers."""
        from gui.code_view import sections

        if not self._stages:
            return
        self._stage = max(0, min(index, len(self._stages) - 1))
        stage = self._stages[self._stage]
        self.scratch.mark(sections.SCRATCH_LINES[stage])
        self.concise.mark(sections.CONCISE_LINES[stage])
        self.values.selectRow(self._stage)

    def next_stage(self) -> None:
        """The walk's tick: the next stage; after the last, the newest minibatch if one came."""
        if self._stage + 1 < len(self._stages):
            self.show_stage(self._stage + 1)
        elif self._walk_restarts:
            self._walk_restarts = False
            self.show_stage(0)
        else:
            self.walk.stop()

    def _stage_picked(self, row: int) -> None:
        """The teacher clicked a row: stay on that stage until the next minibatch."""
        self.walk.stop()
        self._walk_restarts = False
        self.show_stage(row)

    def _fill_values(self) -> None:
        from gui.code_view.sections import STAGE_SYMBOLS, stage_title

        stage_values = getattr(self.minibatch, "stage_values", {}) or {}
        for row, stage in enumerate(self._stages):
            values = stage_values.get(stage, {})
            cells = (
                f"{STAGE_SYMBOLS[stage]}  {stage_title(stage)}",
                shape_text(values.get("shape")) if values else "",
                values_text(values) if values else "",
            )
            for column, text in enumerate(cells):
                item = self.values.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.values.setItem(row, column, item)
                item.setText(text)

    def value_cells(self, stage: str) -> tuple[str, str]:
        """(shape, values) as the table shows them for `stage` (for tests)."""
        row = self._stages.index(stage)
        return self.values.item(row, 1).text(), self.values.item(row, 2).text()

    def _show_hint(self) -> None:
        from_tab = self.tr(
            "At class pace (Train tab) the lines that compute each stage of the current minibatch "
            "light up in turn, with its shapes and a few of its values below."
        )
        if self.minibatch is None:
            self.hint.setText(from_tab)
            return
        shown = self.minibatch
        line = self.tr("Epoch {epoch}, minibatch {batch} of {batches}, loss {loss:.4f}").format(
            epoch=shown.epoch, batch=shown.batch, batches=shown.batches, loss=shown.loss
        )
        ended = self.ended_at
        if ended is not None and (ended.epoch, ended.batch) == (shown.epoch, shown.batch):
            line = self.tr(
                "The run has ended at epoch {epoch}, minibatch {batch} of {batches}, loss {loss:.4f}: "
                "that minibatch is below."
            ).format(epoch=ended.epoch, batch=ended.batch, batches=ended.batches, loss=shown.loss)
        elif ended is not None:
            # The class pace shows only some minibatches: the last one shown may be an earlier one.
            line = self.tr(
                "The run has ended at epoch {epoch}, minibatch {batch} of {batches}. The last "
                "minibatch shown, below, was an earlier one: epoch {shown_epoch}, minibatch "
                "{shown_batch}, loss {loss:.4f}."
            ).format(
                epoch=ended.epoch,
                batch=ended.batch,
                batches=ended.batches,
                shown_epoch=shown.epoch,
                shown_batch=shown.batch,
                loss=shown.loss,
            )
        # The stage being walked is the table's selected row, not in this line: a line that
        # changed length with every stage would make the code above it jump.
        self.hint.setText(line)

    # -- looks and lifetime ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._table_fitted and self._filled:
            self._table_fitted = True
            QTimer.singleShot(0, self, self.fit_table)  # once the splitter has its height

    def fit_table(self) -> None:
        """Every stage's row in view where the code keeps at least half the height."""
        table = self.values
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        wanted = table.horizontalHeader().height() + rows + 2 * table.frameWidth()
        total = sum(self.body.sizes())
        table_height = min(wanted, total // 2)
        self.body.setSizes([total - table_height, table_height])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.scratch.fit_font()
            self.concise.fit_font()
        super().changeEvent(event)

    def _restyle(self, *_: Any) -> None:
        self.scratch.restyle()
        self.concise.restyle()

    def shutdown(self) -> None:
        """Stop the walk and leave the theme's notifier (once: a window may be closed twice)."""
        self.walk.stop()
        if not self._shut_down:
            self._shut_down = True
            theme.notifier().changed.disconnect(self._restyle)
