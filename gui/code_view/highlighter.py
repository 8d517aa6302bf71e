"""Python colouring for the Code tab, from the standard library's own tokenizer.

The text is read-only, so it is tokenized once when it is set: each line keeps a list of
(start, length, kind) spans and QSyntaxHighlighter only paints them. `tokenize` knows Python
exactly (docstrings over several lines, f-strings, comments), which a handful of regular
expressions would not.
"""

from __future__ import annotations

import builtins
import io
import keyword
import tokenize
from collections import defaultdict

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from gui import theme

KINDS = ("keyword", "definition", "string", "comment", "number", "builtin")
# (normal, high contrast): dark colours on white, light ones on the projector theme's black.
COLOURS = {
    "keyword": ("#7a1fa2", "#ffd75f"),
    "definition": ("#0b57a4", "#7ecbff"),
    "string": ("#2e7d32", "#9be89b"),
    "comment": ("#6b6b6b", "#c8c8c8"),
    "number": ("#a04500", "#ffb36b"),
    "builtin": ("#8a4b08", "#ffcf99"),
}
_BUILTINS = frozenset(dir(builtins)) | {"self", "cls"}
_STRING_TOKENS = {tokenize.STRING}


def spans_by_line(text: str) -> dict[int, list[tuple[int, int, str]]]:
    """{0-based line: [(column, length, kind)]} for Python source; {} where it does not tokenize."""
    lines = text.splitlines()
    found: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    previous = ""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = _kind(token, previous)
            if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                previous = token.string
            if kind is None:
                continue
            (first, start), (last, end) = token.start, token.end
            for row in range(first, last + 1):  # a docstring spans several lines
                line = lines[row - 1] if row - 1 < len(lines) else ""
                begin = start if row == first else 0
                stop = end if row == last else len(line)
                if stop > begin:
                    found[row - 1].append((begin, stop - begin, kind))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return {}
    return dict(found)


def _kind(token: tokenize.TokenInfo, previous: str) -> str | None:
    if token.type == tokenize.COMMENT:
        return "comment"
    if token.type in _STRING_TOKENS:
        return "string"
    if token.type == tokenize.NUMBER:
        return "number"
    if token.type == tokenize.NAME:
        if previous in ("def", "class"):
            return "definition"
        if keyword.iskeyword(token.string):
            return "keyword"
        if token.string in _BUILTINS:
            return "builtin"
    return None


class PythonHighlighter(QSyntaxHighlighter):
    """Paints the spans of the text it was last given with `set_source`."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: dict[int, list[tuple[int, int, str]]] = {}
        self._formats: dict[str, QTextCharFormat] = {}
        self.restyle()

    def set_spans(self, spans: dict[int, list[tuple[int, int, str]]]) -> None:
        """Spans by document line, as `spans_by_line` makes them (shifted for a later piece)."""
        self._spans = spans
        self.rehighlight()

    def restyle(self) -> None:
        """Colours for the current theme (called when it changes)."""
        column = 1 if theme.is_high_contrast() else 0
        for kind in KINDS:
            format_ = QTextCharFormat()
            format_.setForeground(QColor(COLOURS[kind][column]))
            if kind in ("keyword", "definition"):
                format_.setFontWeight(QFont.Weight.Bold)
            if kind == "comment":
                format_.setFontItalic(True)
            self._formats[kind] = format_
        self.rehighlight()

    def kind_at(self, line: int, column: int) -> str | None:
        """The colouring of one character (for tests)."""
        for start, length, kind in self._spans.get(line, ()):
            if start <= column < start + length:
                return kind
        return None

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for start, length, kind in self._spans.get(self.currentBlock().blockNumber(), ()):
            self.setFormat(start, length, self._formats[kind])
