"""The Class tab over loopback: invite and stop, drawings arriving in the gallery and the sketchbook,
hiding and approving, a click that opens a drawing on the Draw tab, and what it says when there is
no network or the port is taken. The server is core's real one on 127.0.0.1; the model is a stub
that always answers "Trouser", so right and wrong are known in advance."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request

import numpy as np
import pytest
import segno
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyleOptionViewItem

from core.sketchbook import Sketchbook
from gui.classroom.drawing_tile import APPROVE, HIDE, bar_colours
from gui.classroom.drawings import DRAWING_ROLE, SUBMISSION_ROLE
from gui.classroom.panel import ClassPanel
from gui.classroom.qr_code import QUIET_ZONE
from tests.gui.class_page import TROUSER, Device, TrouserModel, send_from_new_device

DRESS = 3
LOOPBACK = [("lo", "127.0.0.1")]
WAIT_MS = 60_000  # for the class server's child process; reached only when something is broken

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class StubSession(QObject):
    """What the Class tab reads from the Session: the active model and the lesson's sketchbook."""

    predictor_changed = Signal()
    sketchbook_changed = Signal()

    def __init__(self, folder) -> None:
        super().__init__()
        self.sketchbook = Sketchbook(folder)
        self.model = TrouserModel()
        self.changes = 0
        self.sketchbook_changed.connect(self._count)

    def _count(self) -> None:
        self.changes += 1

    def predictor(self):
        return self.model

    def model_label(self) -> str:
        return "stub (always Trouser)"

    # The phones' model: the Session's is the teacher's choice, which a run that Draw follows
    # does not change (gui/session: class_predictor); here always the active one.
    class_predictor = predictor
    class_model_label = model_label


@pytest.fixture
def session(tmp_path):
    return StubSession(tmp_path / "sketchbook")


@pytest.fixture
def make_panel(qtbot, show_widget):
    panels = []

    def make(session, addresses=LOOPBACK, **options) -> ClassPanel:
        panel = ClassPanel(session, address_source=lambda: list(addresses), bind_host="127.0.0.1", **options)
        panels.append(panel)
        show_widget(panel, 1000, 700)
        qtbot.waitUntil(
            lambda: panel._addresses_job is None and panel.invite.network.count() == len(addresses)
        )
        return panel

    yield make
    for panel in panels:
        panel.shutdown()


def serving(qtbot, panel: ClassPanel) -> str:
    qtbot.mouseClick(panel.invite.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.is_serving, timeout=WAIT_MS)
    return panel.page_address()


def shown_modules(qr) -> list[list[int]]:
    """The QR code as painted, read back module by module (1 = dark) inside the quiet zone."""
    image = qr.grab().toImage()
    rect = qr.code_rect()
    module = qr.module_size()
    count = qr.module_count() - 2 * QUIET_ZONE
    inset = (rect.width() - count * module) // 2
    assert inset >= QUIET_ZONE * module
    start = rect.x() + inset + module // 2, rect.y() + inset + module // 2
    return [
        [
            int(image.pixelColor(start[0] + x * module, start[1] + y * module).lightness() < 128)
            for x in range(count)
        ]
        for y in range(count)
    ]


def click_corner(qtbot, view, row: int, action: str) -> None:
    """Click one of a tile's corner buttons, as the teacher does."""
    rect = view.visualRect(view.model().index(row, 0))
    option_font = view.font()
    button = view.tile.action_rects(rect, option_font)[action]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button.center())


def test_invite_shows_the_code_and_address_and_stop_ends_the_page(qtbot, make_panel, session):
    panel = make_panel(session)
    assert panel.invite.button.isEnabled() and not panel.invite.qr.isVisible()
    # One network, nothing to pick: a sentence says which, and what Look again beside it is for.
    note = panel.invite.network_note
    assert note.isVisible() and panel.invite.refresh.isVisible()
    assert "127.0.0.1" in note.text() and "Look again" in note.text()
    qtbot.mouseClick(panel.invite.button, Qt.MouseButton.LeftButton)
    # It takes seconds on a busy laptop: the tab says so at once, with a busy bar.
    assert panel.invite.message.text() == "Starting the class page…" and panel.invite.busy.isVisible()
    assert not panel.invite.button.isEnabled()
    qtbot.waitUntil(panel.is_serving, timeout=WAIT_MS)
    assert not panel.invite.busy.isVisible() and not panel.invite.message.isVisible()
    url = panel.page_address()
    server = panel.control.server()
    assert url.startswith("http://127.0.0.1:") and server.token in url
    assert panel.invite.qr.isVisible() and panel.invite.qr.has_code()
    code = panel.invite.code.text()
    assert server.join_code in code and "Check that your page shows" in code
    assert not note.isVisible()
    # The QR code takes most of the tab's height, and what it shows is the page's address.
    assert panel.invite.qr.code_rect().height() > 0.5 * panel.height()
    assert shown_modules(panel.invite.qr) == [list(row) for row in segno.make(url, error="m").matrix]
    # The address is typed from the back of the room: as large as the code, and shown whole.
    address = panel.invite.address
    code_size = float(re.search(r"font-size:([\d.]+)pt", code).group(1))
    assert address.font().pointSizeF() >= code_size - 0.05
    assert address.document().size().height() <= address.viewport().height() + 1
    assert address.toPlainText() == url
    assert Device(url).page.lower().startswith(b"<!doctype html")

    qtbot.mouseClick(panel.invite.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_serving() and panel.control.state() == "stopped", timeout=WAIT_MS)
    assert not panel.invite.qr.isVisible()
    with pytest.raises(urllib.error.URLError):
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5)


def test_drawings_arrive_newest_first_graded_and_kept(qtbot, make_panel, session):
    panel = make_panel(session)
    url = serving(qtbot, panel)
    answer = send_from_new_device(url, TROUSER)
    assert answer["top"][0]["class"] == TROUSER
    send_from_new_device(url, DRESS)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 2, timeout=WAIT_MS)

    newest, oldest = panel.gallery.submission_at(0), panel.gallery.submission_at(1)
    assert (newest.label, oldest.label) == (DRESS, TROUSER)
    assert panel.gallery.tally() == (1, 2)
    assert "1 of 2" in panel.results.accuracy.text()
    matrix = panel.results.matrix.matrix()
    assert matrix[TROUSER, TROUSER] == 1 and matrix[DRESS, TROUSER] == 1 and matrix.sum() == 2
    # Browse is told once the server has written them (once per batch of arrivals).
    qtbot.waitUntil(lambda: session.changes >= 1 and panel._drain_job is None, timeout=WAIT_MS)
    kept = session.sketchbook.sketches()
    assert sorted(s.label for s in kept) == [TROUSER, DRESS] and {s.source for s in kept} == {"class"}


def test_hiding_a_drawing_removes_it_from_gallery_and_sketchbook(qtbot, make_panel, session):
    panel = make_panel(session)
    opened = []
    panel.open_on_canvas.connect(lambda image, label: opened.append(image))
    url = serving(qtbot, panel)
    send_from_new_device(url, TROUSER)
    send_from_new_device(url, DRESS)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(session.sketchbook.sketches()) == 2, timeout=WAIT_MS)

    click_corner(qtbot, panel.results.gallery_view, 0, HIDE)  # the dress, newest
    assert [s.label for s in map(panel.gallery.submission_at, range(panel.gallery.rowCount()))] == [TROUSER]
    qtbot.waitUntil(lambda: [s.label for s in session.sketchbook.sketches()] == [TROUSER], timeout=WAIT_MS)
    assert opened == []  # the hide button is not a click on the drawing
    assert panel.gallery.tally() == (1, 1)


def _pixels_of(view, row: int, colour) -> int:
    """How many pixels of the tile in `row` are painted `colour` (within 2 per channel)."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(view.model().index(row, 0))
    drawing = view.model().index(row, 0).data(DRAWING_ROLE)
    image = view.tile.picture(drawing, option, 1.0).toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    wanted = np.array([colour.blue(), colour.green(), colour.red()])
    return int((np.abs(pixels[:, : image.width(), :3].astype(int) - wanted).max(axis=2) <= 2).sum())


def test_the_gallerys_bars_have_a_key_and_hide_is_a_word_beside_the_verdict(qtbot, make_panel, session):
    """Under each drawing the model's three likeliest classes: the class drawn blue, the others grey,
    as the key above the gallery says. Hide is written out: a ✕ beside the ✗ badge read as one."""
    panel = make_panel(session)
    results = panel.results
    assert results.bars_key.isHidden()  # no drawings, no bars to explain
    url = serving(qtbot, panel)
    send_from_new_device(url, TROUSER)  # guessed right: its top bar is the class drawn
    send_from_new_device(url, DRESS)  # guessed Trouser: its top bar is another class
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 2, timeout=WAIT_MS)
    view = results.gallery_view
    drawn, other = bar_colours(view.palette())
    key = results.bars_key.text()
    assert results.bars_key.isVisible() and "the class drawn" in key
    assert drawn.name() in key and other.name() in key
    dress, trouser = 0, 1  # newest first
    assert _pixels_of(view, trouser, drawn) > 10 * max(1, _pixels_of(view, trouser, other))
    assert _pixels_of(view, dress, other) > 10 * max(1, _pixels_of(view, dress, drawn))
    hide = view.tile.action_rects(view.visualRect(view.model().index(0, 0)), view.font())[HIDE]
    assert hide.width() >= view.fontMetrics().horizontalAdvance("Hide")


def test_a_click_on_the_matrix_shows_that_cells_drawings(qtbot, make_panel, session):
    panel = make_panel(session)
    url = serving(qtbot, panel)
    for label in (TROUSER, DRESS, DRESS):
        send_from_new_device(url, label)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 3, timeout=WAIT_MS)
    results = panel.results
    results.pages.setCurrentIndex(1)
    matrix = results.matrix
    qtbot.waitUntil(matrix.isVisible)
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(DRESS, TROUSER).center())
    assert results.pages.currentIndex() == 0 and matrix.selected() == (DRESS, TROUSER)
    view = results.gallery_view
    shown = [view.model().index(row, 0).data(SUBMISSION_ROLE).label for row in range(view.model().rowCount())]
    assert shown == [DRESS, DRESS] and results.filter_row.isVisible()
    send_from_new_device(url, TROUSER)  # arrives while filtered: counted, not shown here
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 4, timeout=WAIT_MS)
    assert view.model().rowCount() == 2 and "2 of 4" in results.accuracy.text()  # the class counts all
    qtbot.mouseClick(results.show_all, Qt.MouseButton.LeftButton)
    assert view.model().rowCount() == 4 and not results.filter_row.isVisible() and matrix.selected() is None


def test_show_only_after_approval(qtbot, make_panel, session):
    panel = make_panel(session)
    url = serving(qtbot, panel)
    panel.results.hold.setChecked(True)
    assert panel.results.waiting_box.isVisible()
    # Nothing waits yet: the strip is its caption alone, not an empty box a tile high.
    view = panel.results.waiting_view
    assert not view.isVisible()
    qtbot.waitUntil(lambda: 0 < panel.results.waiting_box.height() < view.tile_height())
    send_from_new_device(url, TROUSER)
    send_from_new_device(url, DRESS)
    qtbot.waitUntil(lambda: panel.waiting.rowCount() == 2, timeout=WAIT_MS)
    assert panel.gallery.rowCount() == 0 and session.sketchbook.sketches() == []
    assert view.isVisible()
    # Show and Hide are words beside the drawing, big enough to click on a projector, and never
    # over the drawing (whose ✓/✗ badge is the model's verdict).
    tile = view.visualRect(view.model().index(0, 0))
    buttons = view.tile.action_rects(tile, view.font())
    drawing = view.tile._framed(tile, view.font())
    assert set(buttons) == {APPROVE, HIDE} and view.tile._label(APPROVE) == "Show"
    for button in buttons.values():
        assert button.height() >= 28 and button.width() >= 28 and tile.contains(button)
        assert not button.intersects(drawing)
    assert not buttons[APPROVE].intersects(buttons[HIDE])
    gallery = panel.results.gallery_view
    click_corner(qtbot, view, 1, APPROVE)  # the trouser, sent first
    assert panel.gallery.rowCount() == 1 and panel.gallery.submission_at(0).label == TROUSER
    qtbot.waitUntil(lambda: [s.label for s in session.sketchbook.sketches()] == [TROUSER], timeout=WAIT_MS)
    click_corner(qtbot, view, 0, HIDE)
    assert panel.waiting.rowCount() == 0 and panel.gallery.rowCount() == 1
    qtbot.waitUntil(lambda: not panel._moderation)
    assert [s.label for s in session.sketchbook.sketches()] == [TROUSER]

    send_from_new_device(url, 7)
    send_from_new_device(url, 8)
    qtbot.waitUntil(lambda: panel.waiting.rowCount() == 2, timeout=WAIT_MS)
    qtbot.mouseClick(panel.results.approve_all, Qt.MouseButton.LeftButton)
    assert panel.waiting.rowCount() == 0
    assert [panel.gallery.submission_at(row).label for row in range(3)] == [8, 7, TROUSER]  # newest first
    assert not view.isVisible()  # empty again: collapsed
    tile = gallery.visualRect(gallery.model().index(0, 0))
    (hide,) = gallery.tile.action_rects(tile, gallery.font()).values()
    assert hide.height() >= 28 and tile.contains(hide)
    assert not hide.intersects(gallery.tile._framed(tile, gallery.font()))
    qtbot.waitUntil(lambda: sorted(s.label for s in session.sketchbook.sketches()) == [TROUSER, 7, 8])


def test_a_click_on_a_drawing_sends_its_exact_input_to_the_canvas(qtbot, make_panel, session):
    panel = make_panel(session)
    opened, labels = [], []
    panel.open_on_canvas.connect(lambda image, label: (opened.append(image), labels.append(label)))
    url = serving(qtbot, panel)
    send_from_new_device(url, DRESS)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 1, timeout=WAIT_MS)
    view = panel.results.gallery_view
    centre = view.visualRect(view.model().index(0, 0)).center() + QPoint(0, 40)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(opened) == 1
    np.testing.assert_array_equal(opened[0], panel.gallery.submission_at(0).model_input)
    assert opened[0].shape == (28, 28) and opened[0].dtype == np.uint8
    assert labels == [DRESS]  # the class the student chose: Softmax's y on the Draw tab


def test_no_network_says_so_and_look_again_finds_one(qtbot, make_panel, session):
    addresses: list[tuple[str, str]] = []
    panel = make_panel(session, addresses)
    assert not panel.invite.button.isEnabled()
    assert panel.invite.message.isVisible() and "hotspot" in panel.invite.message.text()
    # Look again is not alone: the message says what it looks for.
    assert "Look again" in panel.invite.message.text() and panel.invite.refresh.isVisible()
    sentence = panel.invite.network_note
    assert not sentence.isVisible()  # the message says it all
    assert "keeps devices apart" in panel.invite.hint.text()
    addresses.extend([("wlan0", "127.0.0.1"), ("eth0", "127.0.0.2")])
    qtbot.mouseClick(panel.invite.refresh, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.invite.network.count() == 2)
    assert panel.invite.button.isEnabled() and not panel.invite.message.isVisible()
    assert panel.invite.network.isVisible()  # a choice to make: the picker shows
    assert not sentence.isVisible()


def test_a_port_in_use_is_one_coded_line(qtbot, make_panel, session):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        panel = make_panel(session, port=taken.getsockname()[1])
        qtbot.mouseClick(panel.invite.button, Qt.MouseButton.LeftButton)
        assert panel.invite.message.text() == "Starting the class page…" and panel.invite.busy.isVisible()
        qtbot.waitUntil(lambda: "already in use" in panel.invite.message.text(), timeout=WAIT_MS)
    finally:
        taken.close()
    assert panel.invite.message.isVisible() and not panel.invite.busy.isVisible()
    text = panel.invite.message.text()
    assert "already in use" in text and "\n" not in text
    assert not panel.is_serving() and panel.invite.button.isEnabled()


def test_closing_the_window_ends_the_page_and_a_click_opens_the_drawing_on_draw(qtbot, tmp_path, monkeypatch):
    """The window's own Class tab: a drawing clicked in the gallery is on the Draw tab with its exact
    28×28 input; closing the window stops the server (the students' pages lose it)."""
    from PySide6.QtCore import QSettings

    import gui.classroom.panel as class_panel
    from gui.main_window import MainWindow
    from gui.session import Session

    monkeypatch.setattr(class_panel, "BIND_HOST", "127.0.0.1")
    monkeypatch.setattr(class_panel, "local_addresses", lambda: LOOPBACK)
    session = Session()
    window = MainWindow(session, settings=QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    session.mark_runtime_ready(False, "CPU")
    window.show()
    window.show_tab("class")
    panel = window.class_panel
    qtbot.waitUntil(lambda: panel.invite.network.count() == 1, timeout=WAIT_MS)
    url = serving(qtbot, panel)
    send_from_new_device(url, DRESS)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 1, timeout=WAIT_MS)
    view = panel.results.gallery_view
    centre = view.visualRect(view.model().index(0, 0)).center() + QPoint(0, 40)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.tabs.currentWidget() is window.draw_panel and window.draw_panel.is_exact_input()
    np.testing.assert_array_equal(window.draw_panel.model_input(), panel.gallery.submission_at(0).model_input)
    current = session.current_image()  # the Softmax tab's y: the class the student chose
    assert current.origin == "draw" and current.true_label == DRESS

    server = panel.control.server()
    child = server._child  # the server's own process
    window.close()
    assert not server.running
    assert child.returncode == 0  # ended by itself when asked, and waited for (no zombie)
    with pytest.raises(urllib.error.URLError):
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5)


def test_a_drawing_from_before_a_new_invitation_is_still_hidden_for_good(qtbot, make_panel, session):
    """Stop, invite again (a new address and token): hiding a drawing the first page received
    still takes it out of the sketchbook."""
    panel = make_panel(session)
    first_url = serving(qtbot, panel)
    send_from_new_device(first_url, DRESS)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 1, timeout=WAIT_MS)
    qtbot.mouseClick(panel.invite.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.control.state() == "stopped", timeout=WAIT_MS)
    second_url = serving(qtbot, panel)
    assert second_url != first_url
    send_from_new_device(second_url, TROUSER)
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(session.sketchbook.sketches()) == 2, timeout=WAIT_MS)
    panel.hide_drawing(panel.gallery.submission_at(1).submission_id)  # the dress, from the first page
    qtbot.waitUntil(lambda: [s.label for s in session.sketchbook.sketches()] == [TROUSER], timeout=WAIT_MS)


def test_the_page_follows_the_windows_language(qtbot, make_panel, session):
    """Pages opened after a switch to Chinese start in Chinese; the tab's texts switch too."""
    import json

    from gui import language

    panel = make_panel(session)
    url = serving(qtbot, panel)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        language.apply_language(language.CHINESE)
        assert "请确认你的页面显示" in panel.invite.code.text() and panel.invite.button.text() == "停止"
        with opener.open(url + "config", timeout=10) as answer:
            assert json.loads(answer.read())["language"] == "zh"
    finally:
        language.apply_language(language.ENGLISH)
    with opener.open(url + "config", timeout=10) as answer:
        assert json.loads(answer.read())["language"] == "en"


def test_the_phones_get_the_teachers_model_not_the_one_draw_follows(qtbot, make_panel, session):
    """A run that Draw follows (here: one with no good weights, so Draw has no model) never
    reaches the phones: the panel sends the Session's class_predictor."""
    teachers = session.model
    session.class_predictor = lambda: teachers  # the teacher's choice
    session.class_model_label = lambda: "the teacher's model"
    panel = make_panel(session)
    url = serving(qtbot, panel)
    session.model = None  # what Draw shows now
    session.predictor_changed.emit()
    qtbot.waitUntil(lambda: not panel._model_timer.isActive(), timeout=WAIT_MS)
    assert panel.results.model_line.text() == "Answering: the teacher's model"
    assert send_from_new_device(url, TROUSER)["top"][0]["class"] == TROUSER


def test_the_answering_line_names_every_way_to_send_a_model_and_follows_use_on_draw(qtbot, make_panel):
    """With the real Session: a run Draw follows leaves the phones their model, and the line says how
    to send Draw's (the Model menu, Draw's chooser, Use on Draw); Use on Draw sends the taught model
    to the phones, and the line says so at once."""
    import torch

    from core.config import TrainConfig
    from core.device import cpu_state_dict
    from core.models import build_model
    from gui.session import LiveRun, Session
    from gui.session.model_sources import ModelSource

    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(ModelSource.pretrained("softmax"))
    weights = cpu_state_dict(build_model("softmax", torch.Generator().manual_seed(0)))
    panel = make_panel(session)
    serving(qtbot, panel)
    line = panel.results.model_line
    assert line.text().startswith("Answering: pretrained softmax") and "Draw shows" not in line.text()
    session.publish_live_run(LiveRun(1, TrainConfig(model="softmax"), weights, "softmax #1 lr 0.1"))
    qtbot.waitUntil(lambda: "Draw shows live softmax #1 lr 0.1" in line.text(), timeout=WAIT_MS)
    assert line.text().startswith("Answering: pretrained softmax")
    assert "Model menu" in line.text() and "Draw's chooser" in line.text() and "Use on Draw" in line.text()
    session.use_finetuned("softmax", weights, {"test_acc": 0.5})  # Teach it our sketches ▸ Use on Draw
    qtbot.waitUntil(lambda: line.text().startswith("Answering: softmax taught our sketches"), timeout=WAIT_MS)
    assert "Draw shows" not in line.text()
    qtbot.waitUntil(lambda: not panel.control.model_pending(), timeout=WAIT_MS)
    assert panel._predictor is session.finetuned_predictor("softmax")


def test_without_a_model_the_tab_says_so_and_the_student_is_told(qtbot, make_panel, session):
    session.model = None  # the live model, before anything was trained
    panel = make_panel(session)
    url = serving(qtbot, panel)
    assert "No model can answer yet" in panel.results.model_line.text()
    with pytest.raises(urllib.error.HTTPError) as refused:
        send_from_new_device(url, TROUSER)
    assert refused.value.code == 503
    session.model = TrouserModel()  # a model is chosen: the server answers with it from now on
    session.predictor_changed.emit()
    qtbot.waitUntil(lambda: panel.results.model_line.text().startswith("Answering"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.control.model_pending(), timeout=WAIT_MS)  # sent to its process
    assert send_from_new_device(url, TROUSER)["top"][0]["class"] == TROUSER
