"""Number fields that read what a user types the way they meant it, in any locale.

Qt's QDoubleSpinBox parses text in the widget's locale: in Turkish or German "," is the decimal
separator and "." groups thousands, so "0.05" typed into Learning rate was read as 005 and became
5,00000 (×100) without a word. A learning rate has no thousands, so here either mark is the
decimal separator, and the field rewrites it to the locale's own as it is typed: what the field
shows is the value it will use.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox

DECIMAL_MARKS = (".", ",")


class DecimalSpinBox(QDoubleSpinBox):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.setGroupSeparatorShown(False)  # a shown "1.000" would be read back by the rule below

    def _as_locale_text(self, text: str) -> str:
        point = self.locale().decimalPoint()
        for mark in DECIMAL_MARKS:
            if mark != point:
                text = text.replace(mark, point)
        return text

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 (Qt's override)
        return super().validate(self._as_locale_text(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        return super().valueFromText(self._as_locale_text(text))

    def fixup(self, text: str) -> str:
        return super().fixup(self._as_locale_text(text))
