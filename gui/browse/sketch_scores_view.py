"""The Browse tab's "How well does it read our class?": each model's accuracy on the class's
sketches, one row per model (name, a bar, "85% (17 of 20)"), the model the grid shows in bold;
a row's tooltip says it per class ("Shirt: 1 of 3"). Under each name, as in every model chooser,
its test and sketch-corpus accuracy (gui.model_figures), on a line of its own across the row.

Plain labels and progress bars in a grid, so every size follows the app's text size; names wrap
rather than widen the side pane on a projector, and the bars keep a width of their own
(BAR_CHARS digits): a long bold name ("cnn taught our sketches") took the bars' column down to ~30 px,
where 54 % and 100 % looked alike.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.language import class_name, follow_language
from gui.model_figures import accuracy_figures
from gui.widgets.wrapped_label import WrappedLabel

BAR_STEPS = 1000
BAR_CHARS = 10  # the bars' least width, in digits' widths: they grow with the text size


class _Row:
    def __init__(self, grid: QGridLayout, row: int, name: str, shown: bool, figures: Any = None) -> None:
        self.name = _RowLabel(name, bold=shown)
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.value = _RowLabel()
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.score: Any = None  # SketchScore, an error text, or None while waiting
        self.figures = figures  # the checkpoint's metrics, worded in the window's language
        self.figures_line = QLabel()
        self.figures_line.setTextFormat(Qt.TextFormat.RichText)  # smaller than the name it belongs to
        self.figures_line.setWordWrap(True)  # wraps rather than widen the side pane
        grid.addWidget(self.name, 2 * row, 0)
        grid.addWidget(self.bar, 2 * row, 1)
        grid.addWidget(self.value, 2 * row, 2)
        grid.addWidget(self.figures_line, 2 * row + 1, 0, 1, 3)
        self.show_figures()

    def show_figures(self) -> None:
        text = accuracy_figures(self.figures)
        self.figures_line.setText(f"<small>{text}</small>" if text else "")
        self.figures_line.setVisible(bool(text))

    def widgets(self) -> tuple[QWidget, ...]:
        return self.name, self.bar, self.value, self.figures_line

    def set_bar_width(self) -> None:
        # A digit's width, not averageCharWidth: a CJK font's average is a whole ideograph.
        self.bar.setMinimumWidth(self.bar.fontMetrics().horizontalAdvance("0") * BAR_CHARS)


class _RowLabel(WrappedLabel):
    """A row's name (bold for the model the grid shows) or its "85% (17 of 20)": on one line where
    the row has room, else wrapped between its words (never inside "softmax-scratch"), its lines'
    height kept; the bar beside it keeps its width (_Row.set_bar_width)."""

    def __init__(self, text: str = "", bold: bool = False) -> None:
        super().__init__()
        self._plain = ""
        self._bold = bold
        self.setTextFormat(Qt.TextFormat.RichText if bold else Qt.TextFormat.PlainText)
        self.set_plain(text)

    def set_plain(self, text: str) -> None:
        self._plain = text
        self.setText(f"<b>{html.escape(text)}</b>" if self._bold else text)
        self.updateGeometry()

    def _metrics(self) -> QFontMetrics:
        font = QFont(self.font())
        font.setBold(self._bold)
        return QFontMetrics(font)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self._metrics().horizontalAdvance(self._plain) + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self._metrics()
        width = max(metrics.horizontalAdvance(word) for word in self._plain.split() or [""]) + 2
        return QSize(width, super().minimumSizeHint().height())


class SketchScoresView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        # Where a low score is read, the way to better it (the panel sends it as teach_requested).
        self.teach_button = QPushButton()
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)  # the bars take what the names and numbers leave
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(self._grid)
        layout.addWidget(self.note)
        layout.addWidget(self.teach_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._rows: dict[Any, _Row] = {}
        self._layout_key: list[tuple[Any, str, bool, Any]] = []
        self._sketch_count = 0
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.caption.setText(
            self.tr("<b>How well does it read our class?</b> Each model's answers on our sketches")
        )
        self.teach_button.setText(self.tr("Teach it our sketches…"))
        for row in self._rows.values():
            row.show_figures()
            self._show_value(row)
        self._show_note()

    def set_rows(self, rows: list[tuple[Any, str, bool, Any]], sketch_count: int, keep_scores: bool) -> None:
        """One row per model: (key, name, whether the grid shows it, its figures). `keep_scores`: the
        sketches are the same, so a row's last score stays until its new one arrives."""
        self._sketch_count = sketch_count
        if rows != self._layout_key:
            old = self._rows
            self._rows = {}
            for row in old.values():
                for widget in row.widgets():
                    self._grid.removeWidget(widget)
                    widget.hide()  # out of sight now, not only when the event loop deletes it
                    widget.deleteLater()
            for index, (key, name, shown, figures) in enumerate(rows):
                new = _Row(self._grid, index, name, shown, figures)
                new.set_bar_width()
                if keep_scores and key in old:
                    new.score = old[key].score
                self._rows[key] = new
            self._layout_key = list(rows)
        elif not keep_scores:
            for row in self._rows.values():
                row.score = None
        for row in self._rows.values():
            self._show_value(row)
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:  # a new text size: bars as many characters wide
            for row in self._rows.values():
                row.set_bar_width()
        super().changeEvent(event)

    def bar_widths(self) -> dict[Any, int]:
        """Each row's bar width on screen, for the tests."""
        return {key: row.bar.width() for key, row in self._rows.items()}

    def set_score(self, key: Any, score: Any) -> None:
        """A SketchScore for the row `key`, or the text saying why that model could not answer."""
        row = self._rows.get(key)
        if row is not None:
            row.score = score
            self._show_value(row)

    def scores(self) -> dict[Any, Any]:
        """Every row's score as shown (None: still waiting), for tests and the screenshots."""
        return {key: row.score for key, row in self._rows.items()}

    def row_texts(self) -> list[tuple[str, str]]:
        return [(row.name.text(), row.value.text()) for row in self._rows.values()]

    def figures_lines(self) -> dict[Any, str]:
        """Each row's line of test and sketch-corpus accuracy ("" when its model has none)."""
        lines = {key: row.figures_line.text() for key, row in self._rows.items()}
        return {key: line.removeprefix("<small>").removesuffix("</small>") for key, line in lines.items()}

    def _show_value(self, row: _Row) -> None:
        score = row.score
        for widget in row.widgets():
            widget.setToolTip(score if isinstance(score, str) else "")
        if isinstance(score, str):
            row.value.set_plain(self.tr("cannot answer"))
            row.bar.setValue(0)
        elif score is None or score.accuracy is None:
            row.value.set_plain("…" if self._sketch_count else "–")
            row.bar.setValue(0)
        else:
            row.value.set_plain(
                self.tr("{accuracy:.0%} ({right} of {total})").format(
                    accuracy=score.accuracy, right=score.right, total=score.total
                )
            )
            per_class = self.per_class_text(score)
            for widget in row.widgets():
                widget.setToolTip(per_class)
            row.bar.setValue(round(score.accuracy * BAR_STEPS))

    def per_class_text(self, score: Any) -> str:
        """One line per class the sketches have: "Shirt: 1 of 3" (which garments it misreads)."""
        line = self.tr("{name}: {right} of {total}")
        pairs = enumerate(zip(score.right_per_class, score.total_per_class, strict=True))
        return "\n".join(
            line.format(name=class_name(index), right=right, total=total)
            for index, (right, total) in pairs
            if total
        )

    def _show_note(self) -> None:
        if not self._sketch_count:
            self.note.setText(self.tr("No sketches yet: the scores appear once the class keeps some."))
        elif not self._rows:
            self.note.setText(self.tr("No model to score yet."))
        else:
            note = self.tr("In bold: the model the images are framed for.")
            if any(getattr(key, "kind", "") == "finetuned" for key in self._rows):
                note += " " + self.tr(
                    "A model taught our sketches has learned from most of them: its score here flatters "
                    "it; the Teach window tests it on the sketches it never saw."
                )
            self.note.setText(note)
