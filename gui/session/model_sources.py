"""Which model answers on the Draw, Browse, Weights and Softmax tabs: a value, and the one list of them.

A `ModelSource` names a model (the one being trained, a shipped one, a checkpoint file) as a
value instead of a "prefix:rest" string that every user would parse again. The Session owns one
`ModelList` (a QStandardItemModel) and both the Draw tab's chooser and the window's Model menu
show it, so the two can never offer different models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from core.config import MODEL_NAMES
from core.paths import pretrained_path
from gui.language import notifier

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's ModelSource


@dataclass(frozen=True)
class ModelSource:
    kind: str  # "live" | "pretrained" | "file" | "finetuned"
    # the registry name for "pretrained" and "finetuned", the path for "file"
    name_or_path: str = ""

    @classmethod
    def pretrained(cls, name: str) -> ModelSource:
        if name not in MODEL_NAMES:
            raise ValueError(f"unknown model {name!r}")
        return cls("pretrained", name)

    @classmethod
    def file(cls, path: str) -> ModelSource:
        return cls("file", str(path))

    @classmethod
    def finetuned(cls, name: str) -> ModelSource:
        """A model taught the class's sketches in this session (gui/finetune); one per registry name,
        the latest replacing the one before."""
        if name not in MODEL_NAMES:
            raise ValueError(f"unknown model {name!r}")
        return cls("finetuned", name)

    @property
    def is_live(self) -> bool:
        return self.kind == "live"

    @property
    def is_file(self) -> bool:
        return self.kind == "file"

    def describe(self) -> str:
        """The chooser's and the menu's text for this source (translated)."""
        if self.kind == "live":
            return QCoreApplication.translate("ModelSource", "live model")
        if self.kind == "pretrained":
            # Worded as the status bar and the Draw tab's "Active model:" line name it (one name).
            text = QCoreApplication.translate("Session", "pretrained {name}")
            return text.format(name=self.name_or_path)
        if self.kind == "finetuned":
            text = QCoreApplication.translate("ModelSource", "{name} taught our sketches")
            return text.format(name=self.name_or_path)
        return QCoreApplication.translate("ModelSource", "File: {name}").format(
            name=Path(self.name_or_path).name
        )


LIVE = ModelSource("live")


def default_model_source() -> ModelSource:
    """The shipped CNN if present (best at reading drawings), else any shipped model, else live."""
    preferred = ["cnn", *[name for name in MODEL_NAMES if name != "cnn"]]
    for name in preferred:
        if pretrained_path(name).is_file():
            return ModelSource.pretrained(name)
    return LIVE


class ModelList(QStandardItemModel):
    """Live, every registry model (greyed out with the reason when its file is missing), then the
    checkpoint files opened in this session, newest last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._live_name: Callable[[], str] | None = None  # see name_live_row
        self._append(LIVE)
        for name in MODEL_NAMES:
            item = self._append(ModelSource.pretrained(name))
            path = pretrained_path(name)
            if not path.is_file():
                item.setEnabled(False)
                missing = QCoreApplication.translate("ModelSource", "{path} is missing")
                item.setToolTip(missing.format(path=path))
        notifier().changed.connect(self.retranslate)  # not a widget: it gets no LanguageChange

    def sources(self) -> list[ModelSource]:
        return [self.source_at(row) for row in range(self.rowCount())]

    def source_at(self, row: int) -> ModelSource:
        return self.item(row).data(SOURCE_ROLE)

    def row_of(self, source: ModelSource) -> int:
        """The row showing `source`, or -1."""
        for row in range(self.rowCount()):
            if self.source_at(row) == source:
                return row
        return -1

    def is_available(self, row: int) -> bool:
        return self.item(row).isEnabled()

    def add(self, source: ModelSource) -> int:
        """Make sure `source` has a row (a newly opened file); returns the row."""
        row = self.row_of(source)
        if row < 0:
            self._append(source)
            row = self.rowCount() - 1
        return row

    def name_live_row(self, name: Callable[[], str]) -> None:
        """Name the live row after the run it holds ("live softmax-scratch #3 lr 0.1"), as the status
        bar and Draw's titles name it; `name` is read again by `retranslate` (the Session calls it
        when its live run changes)."""
        self._live_name = name
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set every text after a language change (or a new live run)."""
        for row in range(self.rowCount()):
            item, text = self.item(row), self._text(self.source_at(row))
            if item.text() != text:  # a run publishes twice a second: no dataChanged for nothing
                item.setText(text)

    def _text(self, source: ModelSource) -> str:
        if source.is_live and self._live_name is not None:
            return self._live_name()
        return source.describe()

    def _append(self, source: ModelSource) -> QStandardItem:
        item = QStandardItem(self._text(source))
        item.setData(source, SOURCE_ROLE)
        item.setEditable(False)
        self.appendRow(item)
        return item
