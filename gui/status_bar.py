"""The window's status bar: the dataset, the active model, the device, and a checkpoint file
being opened in the background (a busy cursor and "Opening …" until it has loaded or been refused).

A message (what an export wrote, a file opened, a font missing) takes the whole bar while it
shows: the permanent labels on the right step aside, so "Imported 0 sketches from
sketchbook-2026-12-07.zip, 12 already there." is read to its end, not cut at "from ske".
While a run trains, the model's line keeps the width its figures will take ("test 100.0% · …"):
the figures arriving at the end of each epoch, or going at the next run, do not make the bar's
labels jump (the dataset's line swapped between its long and short wording).

Its texts keep the "MainWindow" translation context they had when the window drew them itself.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from superqt import QElidingLabel

from gui.checkpoint_messages import explain_note
from gui.model_figures import accuracy_figures, short_accuracy_figures, with_figures
from gui.session.model_labels import live_label

# The widest figures a live run's label can carry (a test accuracy, no drawings' score yet).
WIDEST_LIVE_FIGURES = {"test_acc": 1.0}


class WindowStatus(QObject):
    def __init__(self, window: QMainWindow, session: object) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        # The dataset's and the model's lines give way on a narrow screen (ending in "…", whole in
        # their tooltips): a long checkpoint name must not make the window wider than a projector.
        self.dataset_status = StatusLabel()
        self.model_status = StatusLabel()
        self.device_status = QLabel()
        bar = window.statusBar()
        bar.addWidget(self.dataset_status, 1)
        bar.addPermanentWidget(self.model_status)
        bar.addPermanentWidget(self.device_status)
        self._busy = False  # the override cursor is ours to restore
        self._opening_message = ""
        session.opening_changed.connect(self.show_opening)
        session.file_opened.connect(self.show_opened)  # from File ▸ Open, the Model menu or a drop
        # An epoch's figures come with the same weights (no new predictor): said when they come.
        session.live_run_changed.connect(self.update)
        bar.messageChanged.connect(self._give_way_to_message)

    def _give_way_to_message(self, message: str) -> None:
        """The whole bar for a message, the permanent labels back once it has gone."""
        for label in (self.model_status, self.device_status):
            label.setVisible(not message)

    def update(self) -> None:
        session = self._session
        if session.dataset is not None:
            dataset = session.dataset
            counts = {"train": len(dataset.train_labels), "test": len(dataset.test_labels)}
            self.dataset_status.setText(
                QCoreApplication.translate(
                    "MainWindow", "Dataset: {train:,} training / {test:,} test images"
                ).format(**counts)
            )
            # What a projector's narrow bar shows instead of "Dataset: 60,000 training / 10,000 tes…".
            self.dataset_status.set_short_text(
                QCoreApplication.translate("MainWindow", "Data: {train:,} / {test:,}").format(**counts)
            )
            self.dataset_status.set_details(
                QCoreApplication.translate("MainWindow", "read from {folder}").format(folder=dataset.source)
            )
        elif session.dataset_error:
            self.dataset_status.set_short_text("")  # no counts to shorten to: the line elides
            self.dataset_status.setText(
                QCoreApplication.translate("MainWindow", "Dataset: not found — see the Train tab")
            )
            self.dataset_status.set_details(session.dataset_error)
        else:
            self.dataset_status.set_short_text("")
            self.dataset_status.setText(QCoreApplication.translate("MainWindow", "Dataset: loading…"))
        # "Active model", as the Draw tab says: the one model every tab predicts with.
        label = session.model_label()
        predictor = session.predictor() if not session.model_source().is_live else None
        # Where the whole line does not fit (a projector at +4: "… (test …"), the figures in fewer
        # words: the label carries accuracy_figures() verbatim, since gui.model_figures words every
        # model label's figures.
        run = session.live_run() if session.model_source().is_live else None
        metrics = run.metrics if run is not None else getattr(predictor, "metrics", None)
        figures = accuracy_figures(metrics)
        short_label = label.replace(figures, _short_figures(metrics)) if figures else label
        short = QCoreApplication.translate("MainWindow", "Model: {model}").format(model=short_label)
        self.model_status.set_short_text(short, reserve=False)
        active = QCoreApplication.translate("MainWindow", "Active model: {model}")
        # A training run's label gains its figures after its first epoch and loses them at the
        # next run: the label keeps their room throughout, so nothing beside it moves.
        widest = active.format(model=with_figures(live_label(run), WIDEST_LIVE_FIGURES)) if run else ""
        self.model_status.set_widest_text(widest)
        self.model_status.setText(active.format(model=label))
        notes = getattr(predictor, "notes", ())
        # A note would make this permanent label (and so the window) wider: it goes in the tooltip,
        # and in the "Opened …" message and on the Draw tab's model line, which wrap.
        self.model_status.set_details("\n".join(explain_note(note) for note in notes))
        if session.runtime_ready:
            self.device_status.setText(
                QCoreApplication.translate("MainWindow", "Device: {device}").format(
                    device=session.device_description
                )
            )
        else:
            self.device_status.setText(QCoreApplication.translate("MainWindow", "Device: starting PyTorch…"))

    def show_opening(self) -> None:
        """While a file is read: the busy cursor (the window still answers) and its name.

        Names, not paths, here and in "Opened …": the permanent labels on the right leave the
        message little room at 1024 px, and a long path would push the name or a note out."""
        path = self._session.opening()
        bar = self._window.statusBar()
        if path is not None:
            if not self._busy:
                QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
                self._busy = True
            name = os.path.basename(path)
            self._opening_message = QCoreApplication.translate("MainWindow", "Opening {file}…").format(
                file=name
            )
            bar.showMessage(self._opening_message)
            return
        self.release()
        if self._opening_message and bar.currentMessage() == self._opening_message:
            bar.clearMessage()
        self._opening_message = ""

    def show_opened(self, path: str, notes: tuple[str, ...]) -> None:
        """A checkpoint became the active model; what core noted about it is said with it."""
        name = os.path.basename(path)
        message = QCoreApplication.translate("MainWindow", "Opened {file}").format(file=name)
        for note in notes:
            message += QCoreApplication.translate("MainWindow", " — {note}").format(note=explain_note(note))
        self._window.statusBar().showMessage(message, 12_000 if notes else 5000)

    def release(self) -> None:
        """Give the cursor back (a load ended, or the window closes)."""
        if self._busy:
            self._busy = False
            QApplication.restoreOverrideCursor()


def _short_figures(metrics: dict | None) -> str:
    """The figures in the fewest words: "test 78.4%" for a model nobody scored on the reference
    drawings (a live run: "· drawings not scored" cut its figures at +4), else "test 90.4% ·
    drawings 75%"."""
    if accuracy_figures(metrics) and metrics.get("sketch_acc") is None:
        test = QCoreApplication.translate("MainWindow", "test {test}")
        return test.format(test=f"{float(metrics['test_acc']):.1%}")
    return short_accuracy_figures(metrics)


class StatusLabel(QElidingLabel):
    """superqt's eliding label ("…" when cut, `text()` the whole text), asking for its whole
    text's width (superqt's asks for the cut text's, so a status bar would keep it cut) and
    saying the whole text, when cut, in its tooltip above `set_details`' lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._short = ""
        self._reserve_short = True
        self._widest = ""
        super().__init__(parent)
        self.setEllipsesWidth(0)  # a text exactly as wide as the label fits, uncut
        self._details = ""

    def set_short_text(self, short: str, *, reserve: bool = True) -> None:
        """A shorter wording shown where the text does not fit; the tooltip still says the whole
        text. `reserve`: the label keeps room for it, whole (the bar's other labels give way
        first); else it is cut too where even it does not fit (a long file name must not make
        the window wider than a projector)."""
        self._short = short
        self._reserve_short = reserve
        self.updateGeometry()
        self.setText(self.text())

    def short_text(self) -> str:
        return self._short

    def set_widest_text(self, widest: str) -> None:
        """A text this label may soon show (a run's label with its figures): it asks for room
        for it now, and shows its short text where that would not fit, so a change between the
        two moves nothing ("" when no such text is coming)."""
        if widest != self._widest:
            self._widest = widest
            self.updateGeometry()
            self.setText(self.text())

    def _whole_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(self.text()), metrics.horizontalAdvance(self._widest))

    def _elidedText(self) -> str:  # noqa: N802 (superqt's name)
        whole = self._whole_width()
        if self._short and whole > self.width():
            return self.fontMetrics().elidedText(self._short, Qt.TextElideMode.ElideRight, self.width())
        return super()._elidedText()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        if self._short and self._reserve_short:
            margins = self.contentsMargins()
            width = self.fontMetrics().horizontalAdvance(self._short) + margins.left() + margins.right() + 2
            hint.setWidth(max(hint.width(), width))
        return hint

    def set_details(self, details: str) -> None:
        self._details = details
        self._say_whole()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.updateGeometry()
        holder = self.parentWidget()
        if holder is not None and holder.layout() is not None:
            holder.layout().activate()  # laid out now, so "cut or not" is judged at its new width
        self._say_whole()

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        width = self._whole_width() + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._say_whole()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._say_whole()  # back after a message: a text set while hidden was not judged cut or not

    def _say_whole(self) -> None:
        cut = self.isVisible() and QLabel.text(self) != self.text()  # hidden: not laid out yet
        self.setToolTip(
            "\n".join(([self.text()] if cut else []) + ([self._details] if self._details else []))
        )
