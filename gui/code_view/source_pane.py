"""One column of the Code tab: a title, a list to jump to a function, and the read-only code.

Each function is preceded by a comment line naming it as the list does (where it lives in the
program is the list entry's tooltip, for teachers, not a line for students); the text after that
line is the function's code as the lesson shows it (Section.shown: no developer notes), which
`section_text` gives back for the tests. Long lines wrap at spaces, never inside a name
("model.paramet / ers()" at +4), so nothing is cut off at any text size.
The lines a minibatch stage runs are marked with a full-width background, and brought into view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.code_view.highlighter import PythonHighlighter, spans_by_line
from gui.code_view.wrapping import breakable, moved_spans, plain
from gui.text_size import current_point_size

if TYPE_CHECKING:  # sections imports the trainer, hence torch: the window starts before torch has
    from gui.code_view.sections import Section

MARK_COLOURS = ("#ffe98a", "#5a4a00")  # the running lines' background: normal, high contrast


class CodeEdit(QPlainTextEdit):
    """The code, read-only; what is copied from it is the code as written (see wrapping)."""

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt's name)
        data = QMimeData()
        data.setText(plain(self.textCursor().selection().toPlainText()))
        return data


class SourcePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.jump = QComboBox()
        self.jump.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.editor = CodeEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Breaks at spaces and at the places gui.code_view.wrapping marks, never inside a name.
        self.editor.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # Python reads the same in every language: the language check leaves this text alone.
        self.editor.setProperty("source_code", True)
        self.highlighter = PythonHighlighter(self.editor.document())
        self._sections: tuple[Section, ...] = ()
        self._starts: dict[str, int] = {}  # section key -> first line of its code (0-based)
        self._texts: dict[str, str] = {}
        self._marked: list[int] = []
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.jump)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.editor, 1)
        self.jump.activated.connect(self._jump_to)
        self.fit_font()

    # -- the text ------------------------------------------------------------------------
    def set_sections(self, sections: tuple[Section, ...]) -> None:
        self._sections = sections
        self._show_text()
        self.retranslate()

    def _show_text(self) -> None:
        """The sections' code, each under a comment line with its (translated) title."""
        lines: list[str] = []
        spans: dict[int, list[tuple[int, int, str]]] = {}
        self._starts, self._texts = {}, {}
        for section in self._sections:
            lines.append(f"# ── {section.title()}")
            spans[len(lines) - 1] = [(0, len(lines[-1]), "comment")]
            source = section.shown()
            self._starts[section.key] = len(lines)
            self._texts[section.key] = source
            found = spans_by_line(source)
            for row, line in enumerate(source.splitlines()):
                shown, columns = breakable(line)
                spans[len(lines)] = moved_spans(found.get(row, []), columns)
                lines.append(shown)
            lines.append("")
        self.editor.setPlainText("\n".join(lines))
        self.highlighter.set_spans(spans)
        self._paint_marks()  # the same lines: only the titles change with the language

    def retranslate(self) -> None:
        shown_titles = [self.section_title_line(section.key) for section in self._sections]
        if shown_titles != [f"# ── {section.title()}" for section in self._sections]:
            self._show_text()  # a new language
        current = self.jump.currentIndex()
        self.jump.clear()
        for index, section in enumerate(self._sections):
            self.jump.addItem(section.title(), section.key)
            file, first = section.where()
            self.jump.setItemData(index, f"{file}:{first}", Qt.ItemDataRole.ToolTipRole)
        self.jump.setCurrentIndex(max(0, current))

    def section_title_line(self, key: str) -> str:
        """The comment line above section `key`'s code."""
        return self.line_text(self._starts[key] - 1)

    def section_text(self, key: str) -> str:
        """The shown text of one function, exactly as the document holds it."""
        start = self._starts[key]
        count = len(self._texts[key].splitlines())
        document = self.editor.document()
        first = document.findBlockByNumber(start).position()
        end_block = document.findBlockByNumber(start + count - 1)
        return plain(document.toPlainText()[first : end_block.position() + end_block.length() - 1]) + "\n"

    def section_keys(self) -> list[str]:
        return [section.key for section in self._sections]

    def line_of(self, key: str, piece: str) -> int | None:
        """The document line (0-based) of the first line of section `key` that contains `piece`."""
        if key not in self._starts:
            return None
        for row, line in enumerate(self._texts[key].splitlines()):
            if piece in line:
                return self._starts[key] + row
        return None

    def line_text(self, line: int) -> str:
        return plain(self.editor.document().findBlockByNumber(line).text())

    # -- marking the running lines --------------------------------------------------------
    def mark(self, pieces: tuple[tuple[str, str], ...]) -> list[int]:
        """Mark the lines holding each (section, piece); bring the first into view. The lines."""
        lines = [line for key, piece in pieces if (line := self.line_of(key, piece)) is not None]
        self._marked = sorted(set(lines))
        self._paint_marks()
        if lines:
            first_key = next(key for key, piece in pieces if self.line_of(key, piece) == lines[0])
            self.jump.setCurrentIndex(max(0, self.jump.findData(first_key)))  # names where the mark is
            cursor = QTextCursor(self.editor.document().findBlockByNumber(lines[0]))
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
        return self._marked

    def marked_lines(self) -> list[int]:
        return list(self._marked)

    def _paint_marks(self) -> None:
        colour = QColor(MARK_COLOURS[1 if theme.is_high_contrast() else 0])
        selections = []
        for line in self._marked:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(colour)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(self.editor.document().findBlockByNumber(line))
            # The whole block selected: a wrapped line is marked on every row it takes.
            selection.cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _jump_to(self, index: int) -> None:
        key = self.jump.itemData(index)
        if key in self._starts:
            bar = self.editor.verticalScrollBar()
            bar.setValue(bar.maximum())  # so the header line ends at the top, not at the bottom
            header = self.editor.document().findBlockByNumber(self._starts[key] - 1)
            self.editor.setTextCursor(QTextCursor(header))
            self.editor.ensureCursorVisible()

    # -- looks ---------------------------------------------------------------------------
    def fit_font(self) -> None:
        """The monospace font at the app-wide text size (a font of its own does not follow it)."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(current_point_size())
        self.editor.setFont(mono)

    def restyle(self) -> None:
        self.highlighter.restyle()
        self._paint_marks()


def placeholder_text() -> str:
    return QCoreApplication.translate("CodeView", "The code appears once the program has loaded torch.")
