"""Checked reads of QSettings: a value that a hand edit, a damaged file or another version left
wrong falls back to its default, and the default is written back so the bad line is repaired.

QSettings hands back whatever the file holds: `geometry=` gives '' (a str where bytes were
written), `0` gives '0', a list gives a list. Passing such a value on unchecked stopped every
launch (restoreGeometry(str) raised TypeError) until the file was edited by hand, so every read in
gui/ goes through one of the functions below.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
TRUE_TEXTS = ("true", "1")
FALSE_TEXTS = ("false", "0")


def read_checked(settings: QSettings, key: str, default: T, convert: Callable[[object], T]) -> T:
    """`convert(stored)`, or `default` when nothing is stored; a value `convert` refuses (by
    raising ValueError or TypeError) is replaced by `default` in the file too."""
    if not settings.contains(key):
        return default
    try:
        return convert(settings.value(key))
    except (TypeError, ValueError):
        if default is None:
            settings.remove(key)
        else:
            settings.setValue(key, default)
        return default


def read_int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    def convert(stored: object) -> int:
        if isinstance(stored, bool) or not isinstance(stored, (int, float, str)):
            raise TypeError(stored)
        number = float(stored)
        if not number.is_integer() or not low <= number <= high:
            raise ValueError(stored)
        return int(number)

    return read_checked(settings, key, default, convert)


def read_float(settings: QSettings, key: str, default: float, low: float, high: float) -> float:
    def convert(stored: object) -> float:
        if isinstance(stored, bool) or not isinstance(stored, (int, float, str)):
            raise TypeError(stored)
        number = float(stored)
        if not math.isfinite(number) or not low <= number <= high:
            raise ValueError(stored)
        return number

    return read_checked(settings, key, default, convert)


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    def convert(stored: object) -> bool:
        if isinstance(stored, bool):
            return stored
        text = str(stored).strip().lower() if isinstance(stored, (str, int)) else None
        if text in TRUE_TEXTS:
            return True
        if text in FALSE_TEXTS:
            return False
        raise ValueError(stored)

    return read_checked(settings, key, default, convert)


def read_choice(settings: QSettings, key: str, default: str, choices: Collection[str]) -> str:
    def convert(stored: object) -> str:
        if not isinstance(stored, str) or stored not in choices:
            raise ValueError(stored)
        return stored

    return read_checked(settings, key, default, convert)


def read_text(settings: QSettings, key: str, default: str) -> str:
    def convert(stored: object) -> str:
        if not isinstance(stored, str):
            raise TypeError(stored)
        return stored

    return read_checked(settings, key, default, convert)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """Bytes that Qt itself wrote (saveGeometry and the like), or None after removing anything else."""

    def convert(stored: object) -> QByteArray:
        if isinstance(stored, QByteArray) and not stored.isEmpty():
            return stored
        if isinstance(stored, bytes) and stored:
            return QByteArray(stored)
        raise TypeError(stored)

    return read_checked(settings, key, None, convert)
