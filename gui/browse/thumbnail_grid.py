"""The Browse tab's grid of thumbnails: one QListView over the SampleModel, painted by the
ThumbnailDelegate, laid out as a fast uniform grid; the Delete key is offered as a signal (the
panel deletes only the class's sketches, never a dataset image)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from gui.browse.sample_model import SampleModel, ThumbnailDelegate
from gui.language import follow_language


class ThumbnailGrid(QListView):
    delete_pressed = Signal()

    def __init__(self, model: SampleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(ThumbnailDelegate(model, self))
        self.setViewMode(QListView.ViewMode.ListMode)  # ListMode + wrap = a fast uniform grid
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_pressed)
        # Help ▸ Keyboard shortcuts lists a QShortcut by its What's This (gui/help_pages.py).
        follow_language(
            self, lambda: delete_key.setWhatsThis(self.tr("Browse ▸ Our sketches ▸ Delete sketch"))
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            # Uniform item sizes are cached by the view; a new text size must re-measure them.
            self.setUniformItemSizes(False)
            self.setUniformItemSizes(True)
            self.doItemsLayout()
        super().changeEvent(event)
