"""What the Train tab saves: each run's epoch metrics as CSV (File ▸ Export…) and the plots as PNG.

Both dialogs open in the user's Documents/Pictures folder, never the app's own folder. Texts keep
the "TrainPanel" translation context they were written in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from core.file_safety import atomic_write_text
from gui.file_writing import explain_write_error, write_png
from gui.user_folders import in_documents, in_pictures

# Column order: which run, its settings, then what the lesson's log line says for each epoch.
EPOCH_FIELDS = (
    "run",
    "label",
    "model",
    "lr",
    "batch_size",
    "seed",
    "epoch",
    "loss",
    "train_acc",
    "test_acc",
    "seconds",
)


def write_epoch_csv(path: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write one row per run and epoch; floats keep full precision (the plots round them).

    The table is made in memory and replaces the file at once: a full disk used to leave the old
    export cut off mid-row."""
    table = io.StringIO(newline="")
    writer = csv.DictWriter(table, fieldnames=EPOCH_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(dict(row))
    atomic_write_text(path, table.getvalue())


class RunExports(QObject):
    """The table of every run's epoch metrics, and the two save dialogs; reports go to the log."""

    def __init__(self, plots: Any, log: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._parent, self._plots, self._log = parent, plots, log
        self.rows: list[dict[str, Any]] = []

    def add_epoch(self, run: int, label: str, config: Any, event: Any) -> None:
        """One row at the end of each epoch (core.train_events.EpochEvent) of run number `run`."""
        self.rows.append(
            {
                "run": run,
                "label": label,
                "model": config.model,
                "lr": config.lr,
                "batch_size": config.batch_size,
                "seed": config.seed,
                "epoch": event.epoch,
                "loss": event.loss,
                "train_acc": event.train_acc,
                "test_acc": event.test_acc,
                "seconds": event.seconds,
            }
        )

    def keep_only_run(self, run: int | None) -> None:
        """Clear runs: the rows of every run but `run` (the one still training, if any) go."""
        self.rows = [row for row in self.rows if row["run"] == run]

    def ask_save_plots(self) -> None:
        title = QCoreApplication.translate("TrainPanel", "Save plots as PNG")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, title, in_pictures("training-curves.png"), "PNG (*.png)"
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        width = self._plots.ask_export_width(self._parent)  # 2× the screen unless another is chosen
        if width is None:
            return
        try:
            write_png(self._plots.render_image(width), path)  # the old picture stays whole on failure
        except OSError as error:
            self._log(explain_write_error(error, path))
            return
        self._log(QCoreApplication.translate("TrainPanel", "plots saved to {path}").format(path=path))

    def ask_save_book_figure(self, figure: Any) -> None:
        """The book's figure (gui/train/book_figure.py) as a PNG, twice its size on screen."""
        title = QCoreApplication.translate("TrainPanel", "Save the book's figure as PNG")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, title, in_pictures("book-figure.png"), "PNG (*.png)"
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            figure.save_png(path)
        except OSError as error:
            self._log(explain_write_error(error, path))
            return
        self._log(QCoreApplication.translate("TrainPanel", "figure saved to {path}").format(path=path))

    def ask_export_csv(self) -> None:
        """File ▸ Export…: every run's epoch metrics as one CSV table (a row per run and epoch)."""
        if not self.rows:
            self._log(
                QCoreApplication.translate(
                    "TrainPanel", "nothing to export yet: the table gets a row at the end of each epoch"
                )
            )
            return
        title = QCoreApplication.translate("TrainPanel", "Export epoch metrics")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, title, in_documents("training-runs.csv"), "CSV (*.csv)"
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            write_epoch_csv(path, self.rows)
        except OSError as error:
            self._log(explain_write_error(error, path))
            return
        runs = len({row["run"] for row in self.rows})
        done = self.tr("epoch metrics of %n run(s) exported to {path}", None, runs)
        self._log(done.format(path=path))
