"""A combo box of models whose drop-down rows say each model's accuracies.

The box itself names the chosen model only, so the figures never widen the row it sits in (a
1024×768 projector at +4); its drop-down rows add them ("pretrained cnn (test 90.4% · reference
drawings 75%)", gui.model_figures) and the drop-down is as wide as its longest row, within the screen.
QComboBox sizes its drop-down from the rows' plain texts, so the width is set here when it opens.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.model_figures import FIGURES_ROLE, with_figures


class FiguresDelegate(QStyledItemDelegate):
    """Draws (and measures) a row as its name with its figures."""

    def initStyleOption(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = with_figures(option.text, index.data(FIGURES_ROLE))


class ModelChooser(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(FiguresDelegate(self))

    def row_text(self, row: int) -> str:
        """What the drop-down shows for `row` (the box shows `itemText(row)`)."""
        index = self.model().index(row, self.modelColumn(), self.rootModelIndex())
        return with_figures(self.itemText(row), index.data(FIGURES_ROLE))

    def showPopup(self) -> None:  # noqa: N802 (Qt's name)
        view = self.view()
        screen = self.screen().availableGeometry()
        scroll_bar = view.verticalScrollBar().sizeHint().width()
        needed = view.sizeHintForColumn(self.modelColumn()) + 2 * view.frameWidth() + scroll_bar
        view.setMinimumWidth(min(needed, screen.width()))
        super().showPopup()
        # Widened past where Qt placed it: keep it on the screen.
        popup = view.window()
        frame = popup.frameGeometry()
        if frame.right() > screen.right():
            popup.move(max(screen.left(), screen.right() - frame.width() + 1), frame.top())
