"""Where a long line of code may wrap: between words, after an opening bracket and before the dot of
an attribute, never inside a name.

Qt wraps at spaces, and where a run of text without one is wider than the column it broke it
anywhere ("torch.optim.SGD(model.paramet" / "ers(), lr=lr)" at +4), or with word-only wrapping
let it run off the column's edge. A zero-width space (U+200B) is a break opportunity the line
breaking honours and draws as nothing; it is taken out again wherever the text leaves the view
(copying, the tests' reading of a line), since Python refuses it in source.
"""

from __future__ import annotations

BREAK = "\u200b"


def _name_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def breakable(line: str) -> tuple[str, list[int]]:
    """`line` with its break opportunities, and for each column of `line` (and its end) the
    column it moved to."""
    shown: list[str] = []
    columns: list[int] = []
    for index, char in enumerate(line):
        before, after = line[index - 1 : index], line[index + 1 : index + 2]
        if char == "." and before and (_name_char(before) or before in ")]") and after[:1].isalpha():
            shown.append(BREAK)  # torch​.optim​.SGD: the line may wrap before the attribute
        columns.append(len(shown))
        shown.append(char)
        if char in "([" and after and after not in ")]":
            shown.append(BREAK)  # f(​x, y): or after the bracket
    columns.append(len(shown))
    return "".join(shown), columns


def moved_spans(spans: list[tuple[int, int, str]], columns: list[int]) -> list[tuple[int, int, str]]:
    """(column, length, kind) spans of a line moved to where `breakable` put its characters."""
    moved = []
    for start, length, kind in spans:
        begin, end = columns[min(start, len(columns) - 1)], columns[min(start + length, len(columns) - 1)]
        moved.append((begin, end - begin, kind))
    return moved


def plain(text: str) -> str:
    """The text without its break opportunities: the code as written."""
    return text.replace(BREAK, "")
