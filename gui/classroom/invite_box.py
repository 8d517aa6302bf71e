"""The Class tab's left column: how the class joins.

Before the lesson: what the page is, the network to invite on, and "Invite the class". While the
page starts: "Starting the class page…" and a busy bar (it takes seconds on a busy laptop; a button
that only greys out looks frozen to a room of thirty). While the page is served: the QR code as
large as the column allows (scanned from the back of the room), the class code every phone's page
shows (students check it to know they joined this lesson, not an old one; nobody types it), the
address as text that can be selected and copied, as large as the code (a phone without a QR
scanner types it from the back of the room), and "Stop". Below, always, the one thing that goes
wrong in schools: Wi-Fi that keeps devices apart, and what works instead.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.classroom.qr_code import QrCode
from gui.language import cjk_family, follow_language
from gui.text_size import relative_font
from gui.widgets.rows import flow_row, pair

CODE_SIZE = 1.6  # the class code's size (and the address's), relative to the window's text
ADDRESS_LINES = 2  # the column is made wide enough for the address on this many lines (if it can be)
# How tall the address is before there is one: an address of the usual length.
TYPICAL_ADDRESS = "http://192.168.100.100:50000/abcdefghijklmnop/"


class AddressText(QTextEdit):
    """The page's address, selectable and copyable whole, wrapped anywhere rather than cut off, as
    many lines tall as it takes at its width (`heightForWidth`, which the panel's fitting reads)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(0)  # every pixel of the column's height is the QR code's
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self._fit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """The height the address takes wrapped at `width` (laid out on a copy of its text)."""
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDefaultTextOption(self.document().defaultTextOption())
        document.setDocumentMargin(self.document().documentMargin())
        document.setPlainText(self.toPlainText() or TYPICAL_ADDRESS)
        document.setTextWidth(max(1, width - 2 * self.frameWidth()))
        return math.ceil(document.size().height()) + 2 * self.frameWidth()

    def width_for_lines(self, lines: int) -> int:
        """About the narrowest width at which the address takes no more than `lines` lines."""
        metrics = QFontMetrics(self.font())
        text = self.toPlainText() or TYPICAL_ADDRESS
        per_line = math.ceil(metrics.horizontalAdvance(text) / lines) + metrics.horizontalAdvance("W")
        return per_line + 2 * self.frameWidth()

    def setPlainText(self, text: str) -> None:  # noqa: N802
        super().setPlainText(text)
        self._fit()

    def _fit(self) -> None:
        height = self.heightForWidth(self.width())
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit()


class InviteBox(QWidget):
    invite_clicked = Signal()
    stop_clicked = Signal()
    refresh_clicked = Signal()
    address_chosen = Signal(str)  # an IPv4 address of this computer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._invitation: tuple[str, str, object] | None = None  # (url, join code, QR modules)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.network_caption = QLabel()
        # With one network there is nothing to pick: this says which one, and what Look again is for.
        self.network_note = QLabel()
        self.network_note.setWordWrap(True)
        self.network = QComboBox()
        self.network.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh = QPushButton()
        self.button = QPushButton()
        self.button.setDefault(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar()  # Qt's busy indicator: no range, so it moves without a figure
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.qr = QrCode()
        self.code = QLabel()
        self.code.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.code.setWordWrap(True)
        self.code.setTextFormat(Qt.TextFormat.RichText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address = AddressText()
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        # Wraps rather than cutting the address off at +4 text.
        self.network_row = flow_row(pair(self.network_caption, self.network), self.refresh)
        # The join code and Stop share a line under the code: every line here is taken from it.
        code_row = QHBoxLayout()
        code_row.setContentsMargins(0, 0, 0, 0)
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.network_note)
        layout.addWidget(self.network_row)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.qr, 1)
        joining = QVBoxLayout()  # the code and the address: one block, no gap between
        joining.setSpacing(0)
        joining.addLayout(code_row)
        joining.addWidget(self.address)
        layout.addLayout(joining)
        layout.addWidget(self.hint)
        layout.addStretch(0)

        self.button.clicked.connect(self._button_clicked)
        self.refresh.clicked.connect(self.refresh_clicked)
        self.network.activated.connect(lambda _row: self._emit_address())
        follow_language(self, self._retranslate)
        self._fonts()
        self.show_stopped()

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("Every student draws on their own phone"))
        self.intro.setText(
            self.tr(
                "Students scan the code (or type the address) on a phone, tablet or laptop in this room, "
                "draw a garment, say what it is and send it; the model answers on their screen and here. "
                "The page comes from this computer: nothing leaves the room, no names are asked."
            )
        )
        self.network_caption.setText(self.tr("Network:"))
        self.refresh.setText(self.tr("Look again"))
        self._show_network_row()
        self.refresh.setToolTip(self.tr("Look for this computer's networks again (after joining a hotspot)"))
        self.hint.setText(
            self.tr(
                "Phones cannot open the page? Some school Wi-Fi keeps devices apart: "
                "use a phone's hotspot instead."
            )
        )
        self._set_button_text()
        if self._invitation is not None:
            self.show_invitation(*self._invitation)

    def _set_button_text(self) -> None:
        self.button.setText(self.tr("Stop") if self._running else self.tr("Invite the class"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.ApplicationFontChange):
            self._fonts()

    def _fonts(self) -> None:
        self.heading.setFont(relative_font(1.3, bold=True))
        self.address.setFont(self._address_font(relative_font(CODE_SIZE).pointSizeF()))
        self.hint.setFont(relative_font(0.85))  # smaller than the rest: for whoever is close
        if self._invitation is not None:  # the code's size is written into its text
            self.show_invitation(*self._invitation)

    # -- what the panel tells it -----------------------------------------------------------------
    def set_addresses(self, addresses: list[tuple[str, str]]) -> None:
        """This computer's (interface, IPv4) pairs; the picker shows only when there is a choice."""
        previous = self.chosen_address()
        self.network.clear()
        for row, (name, address) in enumerate(addresses):
            # The address alone: the interface's name is the system's (eth0, wlan0), in no language.
            self.network.addItem(address, address)
            self.network.setItemData(row, name, Qt.ItemDataRole.ToolTipRole)
        found = self.network.findData(previous)
        self.network.setCurrentIndex(max(found, 0))
        self._show_network_row()

    def _show_network_row(self) -> None:
        """Before inviting: the picker (when there is a choice) and Look again. While serving only
        the picker, and only when there is a choice: every line here is taken from the QR code."""
        several = self.network.count() > 1
        self.network_caption.setVisible(several and not self._running)
        self.network.setVisible(several)
        self.refresh.setVisible(not self._running)
        self.network_row.setVisible(several or not self._running)
        # None at all: the panel's message says so and names Look again.
        alone = self.network.count() == 1 and not self._running
        self.network_note.setVisible(alone)
        if alone:
            self.network_note.setText(
                self.tr(
                    "Phones will reach this computer at {address}. Joined another Wi-Fi or "
                    "a phone's hotspot since? Press Look again."
                ).format(address=self.network.itemText(0))
            )

    def chosen_address(self) -> str | None:
        return self.network.currentData()

    def show_stopped(self, message: str = "") -> None:
        self._running = False
        self._set_button_text()
        self.button.setEnabled(self.network.count() > 0)
        self._show_network_row()
        for widget in (self.heading, self.intro):
            widget.show()
        for widget in (self.qr, self.code, self.address):
            widget.hide()
        self.qr.set_modules(None)
        self._invitation = None
        self.busy.hide()
        self.show_message(message)

    def show_busy(self, text: str = "") -> None:
        """Starting or stopping: nothing to press until it is done; `text` says which, with a busy
        bar ("": a look for networks, over in a moment)."""
        self.button.setEnabled(False)
        if text:
            self.show_message(text)
        self.busy.setVisible(bool(text))

    def show_running(self, url: str, join_code: str, modules: object) -> None:
        """`modules`: the QR code of `url`, rows of 0/1 (gui/classroom/qr_code.py)."""
        self._running = True
        self._set_button_text()
        self.button.setEnabled(True)
        self.busy.hide()
        self.show_message("")  # "Starting the class page…" is over
        for widget in (self.heading, self.intro):
            widget.hide()
        self._show_network_row()
        self.show_invitation(url, join_code, modules)
        for widget in (self.qr, self.code, self.address):
            widget.show()

    def show_invitation(self, url: str, join_code: str, modules: object) -> None:
        self._invitation = (url, join_code, modules)
        self.qr.set_modules(modules)
        self.qr.setAccessibleName(self.tr("QR code of the page's address"))
        # The code in large letters, so the room reads it off the projector and checks its pages.
        size = relative_font(CODE_SIZE).pointSizeF()
        big = f'<span style="font-size:{size:.1f}pt; font-weight:bold">{join_code}</span>'
        self.code.setText(self.tr("Check that your page shows {code}").format(code=big))
        self.address.setPlainText(url)

    @staticmethod
    def _address_font(size: float) -> QFont:
        """In the Latin families alone: in Chinese the CJK family's lines are taller, and the QR
        code's height would pay for it (the address has no Chinese)."""
        font = relative_font()
        latin = [family for family in font.families() if family != cjk_family()]
        if latin:
            font.setFamilies(latin)
        font.setPointSizeF(size)
        return font

    def fit_address(self, widest: int) -> None:
        """The address as large as the code (a phone without a QR scanner types it from the back of
        the room); where two lines of it would be wider than `widest`, the widest column the tab can
        give (+4 text on a 1024 px projector), as large as fits two lines there, never smaller
        than the window's text: a third line would take its height from the QR code."""
        code = relative_font(CODE_SIZE).pointSizeF()
        wanted = self._address_font(code)
        needed = QFontMetrics(wanted).horizontalAdvance(self.address.toPlainText() or TYPICAL_ADDRESS)
        fits = (widest - QFontMetrics(wanted).horizontalAdvance("W")) * ADDRESS_LINES
        size = (
            code
            if needed <= fits
            else max(relative_font().pointSizeF(), math.floor(2 * code * fits / needed) / 2)
        )
        if self.address.font().pointSizeF() != size:
            self.address.setFont(self._address_font(size))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def is_running(self) -> bool:
        return self._running

    def text_width(self) -> int:
        """About the narrowest column that has the join code's sentence and Stop on one line and
        the address on ADDRESS_LINES: at +4 each more line takes a line's height from the QR code."""
        sentence = QTextDocument()
        sentence.setDefaultFont(self.code.font())
        sentence.setDocumentMargin(0)
        sentence.setHtml(self.code.text())
        code_line = math.ceil(sentence.idealWidth()) + 2 * self.code.margin() + self.code.indent()
        code_line += self.button.sizeHint().width() + max(0, self.layout().spacing())
        return max(code_line, self.address.width_for_lines(ADDRESS_LINES))

    def height_around_code(self, width: int) -> int:
        """The height the lines shown above and below the QR code take in a column `width` wide,
        the gaps between them and the code included (the code and the address have none)."""
        spacing = self.layout().spacing()
        total = 0
        for widget in (self.network_row, self.message, self.busy, self.code, self.address, self.hint):
            if widget.isHidden():
                continue
            if widget.hasHeightForWidth():
                total += widget.heightForWidth(width)
            else:
                total += min(widget.sizeHint().height(), widget.maximumHeight())
            total += 0 if widget is self.code else spacing
        return total

    def _button_clicked(self) -> None:
        (self.stop_clicked if self._running else self.invite_clicked).emit()

    def _emit_address(self) -> None:
        address = self.chosen_address()
        if address:
            self.address_chosen.emit(address)
