"""The Class tab's right column: what the model made of the class's drawings.

The running class accuracy (the model's guess against the class each student said), the drawings
waiting for the teacher's approval (only while there are some, or approval is asked for), and the
gallery newest first beside the class's confusion matrix (one at a time: at +4 text each needs
the column's whole height). Above the gallery, a key to the bars under each drawing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.classroom.drawing_tile import APPROVE, HIDE, DrawingStrip, bar_colours
from gui.classroom.drawings import CellFilter, DrawingList
from gui.language import class_name, follow_language
from gui.text_size import relative_font
from gui.widgets.confusion import ConfusionMatrixWidget
from gui.widgets.rows import flow_row

GALLERY_PAGE, MATRIX_PAGE = 0, 1


class ClickableLabel(QLabel):
    """A check box's text that wraps (a QCheckBox's never does: at +4 its one line set the column's
    width, and the QR code beside it paid); a click on it is a click on the box."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class ResultsBox(QWidget):
    def __init__(self, gallery: DrawingList, waiting: DrawingList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accuracy = QLabel()
        self.accuracy.setWordWrap(True)
        self.model_line = QLabel()
        self.model_line.setWordWrap(True)
        self.hold = QCheckBox()
        self.hold_text = ClickableLabel()
        self.hold_text.setWordWrap(True)
        self.hold_text.clicked.connect(self.hold.toggle)
        hold_row = QHBoxLayout()
        hold_row.setContentsMargins(0, 0, 0, 0)
        hold_row.addWidget(self.hold, 0, Qt.AlignmentFlag.AlignTop)
        hold_row.addWidget(self.hold_text, 1)

        self.waiting_caption = QLabel()
        self.approve_all = QPushButton()
        self.waiting_view = DrawingStrip((APPROVE, HIDE), one_row=True)
        self.waiting_view.setModel(waiting)
        self.waiting_box = QWidget()
        waiting_layout = QVBoxLayout(self.waiting_box)
        waiting_layout.setContentsMargins(0, 0, 0, 0)
        waiting_layout.addWidget(flow_row(self.waiting_caption, self.approve_all))
        waiting_layout.addWidget(self.waiting_view)

        self.cell_filter = CellFilter(self)
        self.cell_filter.setSourceModel(gallery)
        self.gallery_view = DrawingStrip((HIDE,), one_row=False)
        self.gallery_view.setModel(self.cell_filter)
        # A click on the matrix shows that cell's drawings; this line says so and undoes it.
        self.filter_caption = QLabel()
        self.show_all = QPushButton()
        self.filter_row = flow_row(self.filter_caption, self.show_all)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.bars_key = QLabel()  # what the bars' colours mean (the tiles paint no legend)
        self.bars_key.setWordWrap(True)
        self.bars_key.setTextFormat(Qt.TextFormat.RichText)
        gallery_page = QWidget()
        gallery_layout = QVBoxLayout(gallery_page)
        gallery_layout.addWidget(self.filter_row)
        gallery_layout.addWidget(self.empty)
        gallery_layout.addWidget(self.bars_key)
        gallery_layout.addWidget(self.gallery_view, 1)
        self.matrix = ConfusionMatrixWidget()
        # The matrix's smallest size at +4 is most of a 1024×768 column: scroll rather than grow.
        matrix_scroll = QScrollArea()
        matrix_scroll.setWidget(self.matrix)
        matrix_scroll.setWidgetResizable(True)
        matrix_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        # Both tabs whole (no scroll arrows, no elided names): the column beside may not take their room.
        self.pages.tabBar().setUsesScrollButtons(False)
        self.pages.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.pages.addTab(gallery_page, "")
        self.pages.addTab(matrix_scroll, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.accuracy)
        layout.addWidget(self.model_line)
        layout.addLayout(hold_row)
        layout.addWidget(self.waiting_box)
        layout.addWidget(self.pages, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._gallery, self._waiting = gallery, waiting
        for model in (gallery, waiting):
            for change in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                change.connect(self.refresh)
        self.hold.toggled.connect(self.refresh)
        self.matrix.cell_clicked.connect(lambda said, guess: self.show_cell((said, guess)))
        self.show_all.clicked.connect(lambda: self.show_cell(None))
        follow_language(self, self._retranslate)
        self._fonts()

    def _retranslate(self) -> None:
        self.hold_text.setText(self.tr("Show drawings only after I approve them"))
        self.hold.setAccessibleName(self.hold_text.text())
        self.approve_all.setText(self.tr("Show all waiting"))
        self.show_all.setText(self.tr("Show all"))
        self.empty.setText(
            self.tr("No drawings yet. They appear here as the students send them, newest first.")
        )
        self.pages.setTabToolTip(
            GALLERY_PAGE,
            self.tr(
                "Click a drawing to open it on the Draw tab; Hide takes it out of the gallery and the "
                "sketchbook"
            ),
        )
        self._show_bars_key()
        self._gallery.retranslate()
        self._waiting.retranslate()
        self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.ApplicationFontChange):
            self._fonts()
        elif event.type() == event.Type.PaletteChange:  # High contrast: the bars' colours change
            self._show_bars_key()

    def _show_bars_key(self) -> None:
        def swatch(colour) -> str:
            return f'<span style="background-color:{colour.name()}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'

        drawn, other = bar_colours(self.gallery_view.palette())
        self.bars_key.setText(
            self.tr(
                "Bars: the model's three likeliest classes. {drawn} the class drawn, {other} the others."
            ).format(drawn=swatch(drawn), other=swatch(other))
        )

    def _fonts(self) -> None:
        self.accuracy.setFont(relative_font(1.3, bold=True))
        # As tall as the text's first line: its box is drawn in the middle, beside that line.
        self.hold.setFixedHeight(max(self.hold.sizeHint().height(), self.hold_text.fontMetrics().height()))
        self.waiting_view.setFixedHeight(
            self.waiting_view.tile_height() + self.waiting_view.horizontalScrollBar().sizeHint().height() + 8
        )

    def refresh(self) -> None:
        """Counts, the accuracy line and the matrix, from the two lists as they are now."""
        right, total = self._gallery.tally()
        if total:
            self.accuracy.setText(
                self.tr("Class accuracy: {right} of {total} right ({share:.0%})").format(
                    right=right, total=total, share=right / total
                )
            )
            self.matrix.set_matrix(self._gallery.confusion())
        else:
            self.accuracy.setText(self.tr("Class accuracy: no drawings yet"))
            self.matrix.set_matrix(None, self.tr("No drawings yet."))
        self.empty.setVisible(total == 0)
        self.bars_key.setVisible(total > 0)
        waiting = self._waiting.rowCount()
        self.waiting_caption.setText(self.tr("Waiting for your approval: {count}").format(count=waiting))
        self.approve_all.setEnabled(waiting > 0)
        self.waiting_box.setVisible(waiting > 0 or self.hold.isChecked())
        # Empty, the strip is only its caption: its tiles' height stays with the gallery.
        self.waiting_view.setVisible(waiting > 0)
        self.approve_all.setVisible(waiting > 0)
        self.pages.setTabText(GALLERY_PAGE, self.tr("Drawings ({count})").format(count=total))
        self.pages.setTabText(MATRIX_PAGE, self.tr("Confusion matrix"))
        cell = self.cell_filter.cell()
        self.filter_row.setVisible(cell is not None)
        if cell is not None:
            self.filter_caption.setText(
                self.tr("Drawn as {said}, guessed {guess}: {count}").format(
                    said=class_name(cell[0]), guess=class_name(cell[1]), count=self.cell_filter.rowCount()
                )
            )

    def show_cell(self, cell: tuple[int, int] | None) -> None:
        """Only the drawings of one cell of the matrix (drawn as, guessed as) in the gallery, or all."""
        self.cell_filter.set_cell(cell)
        self.matrix.set_selected(cell)
        if cell is not None:
            self.pages.setCurrentIndex(GALLERY_PAGE)
        self.refresh()

    def set_model_line(self, text: str) -> None:
        self.model_line.setText(text)
        self.model_line.setVisible(bool(text))
