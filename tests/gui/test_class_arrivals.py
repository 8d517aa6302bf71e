"""How the Class tab takes a class's drawings without freezing the projector: drawings join the
gallery in batches, each one's tile is painted as it arrives (the batch only copies pictures), the
other tabs hear of kept drawings once for several batches, and a drawing's picture is the pixels
the server made (nothing is decoded in the window). No server here: the drawings are handed to
the panel as the server's relay hands them over, in the GUI thread."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal

import gui.classroom.panel as class_panel
from gui.classroom.drawing_tile import DrawingTile
from gui.classroom.drawings import make_thumbnail
from gui.classroom.panel import ClassPanel

TROUSER, DRESS = 1, 3
_ids = itertools.count()

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class QuietSession(QObject):
    """What the panel reads from the Session, counting the times the other tabs are told."""

    predictor_changed = Signal()
    sketchbook_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.sketchbook = None
        self.changes = 0
        self.sketchbook_changed.connect(self._count)

    def _count(self) -> None:
        self.changes += 1

    def predictor(self):
        return None

    def model_label(self) -> str:
        return "none"

    class_predictor = predictor  # the phones' model (gui/session): here the active one
    class_model_label = model_label


def drawing(label: int, guess: int = TROUSER) -> SimpleNamespace:
    """A submission as the server makes it, with a picture of its own."""
    probabilities = np.full(10, 0.02, np.float32)
    probabilities[guess] = 0.82
    return SimpleNamespace(
        submission_id=f"drawing-{next(_ids)}",
        label=label,
        probabilities=probabilities,
        model_input=np.zeros((28, 28), np.uint8),
        board_png=b"",
        thumbnail=np.full((160, 160), 200, np.uint8),
        held=False,
    )


@pytest.fixture
def panel(qtbot, show_widget):
    panel = ClassPanel(QuietSession(), address_source=lambda: [("lo", "127.0.0.1")], bind_host="127.0.0.1")
    show_widget(panel, 1000, 700)
    qtbot.waitUntil(lambda: panel._addresses_job is None)
    yield panel
    panel.shutdown()


def arrive(panel: ClassPanel, *submissions) -> None:
    for submission in submissions:
        panel.control.arrived.emit(None, submission, make_thumbnail(submission))


def test_drawings_arriving_together_join_the_gallery_in_one_update(qtbot, panel):
    insertions = []
    panel.gallery.rowsInserted.connect(lambda _parent, first, last: insertions.append(last - first + 1))
    sent = [drawing(TROUSER), drawing(DRESS), drawing(TROUSER), drawing(DRESS), drawing(DRESS)]
    arrive(panel, *sent)
    assert panel.gallery.rowCount() == 0  # not one by one
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 5)
    assert insertions == [5]
    assert panel.gallery.submission_ids() == [s.submission_id for s in reversed(sent)]  # newest first
    assert panel.gallery.tally() == (2, 5) and "2 of 5" in panel.results.accuracy.text()
    assert panel.results.matrix.matrix()[DRESS, TROUSER] == 3


def test_the_other_tabs_hear_of_kept_drawings_once_for_several_batches(qtbot, show_widget, monkeypatch):
    monkeypatch.setattr(class_panel, "KEPT_MS", 60_000)
    session = QuietSession()
    panel = ClassPanel(session, address_source=lambda: [("lo", "127.0.0.1")], bind_host="127.0.0.1")
    show_widget(panel, 1000, 700)
    try:
        for count in (2, 4, 6):
            arrive(panel, drawing(TROUSER), drawing(DRESS))
            qtbot.waitUntil(lambda count=count: panel.gallery.rowCount() == count)
        assert session.changes == 0  # three batches shown, nobody told yet
        panel._kept_timer.setInterval(0)  # the lesson's time has come
        panel._kept_timer.start()
        qtbot.waitUntil(lambda: session.changes == 1)
        qtbot.wait(0)
        assert session.changes == 1
    finally:
        panel.shutdown()


def test_a_tile_is_painted_as_its_drawing_arrives_and_the_batch_only_copies_it(qtbot, panel, monkeypatch):
    arrive(panel, drawing(TROUSER))  # the first batch: the strip has a tile size from now on
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 1)
    view = panel.results.gallery_view
    view.viewport().repaint()
    painted = []
    paint_tile = DrawingTile._paint_tile

    def counting(self, painter, rect, option, shown):
        painted.append(shown.submission.submission_id)
        paint_tile(self, painter, rect, option, shown)

    monkeypatch.setattr(DrawingTile, "_paint_tile", counting)
    newer = [drawing(DRESS), drawing(TROUSER, guess=DRESS)]
    arrive(panel, *newer)
    assert painted == [s.submission_id for s in newer]  # as they came, before the batch
    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 3)
    view.viewport().repaint()  # all three tiles shown, moved: pictures copied, none painted again
    assert painted == [s.submission_id for s in newer]


def test_a_drawings_picture_is_the_servers_pixels_not_a_decoded_png():
    submission = drawing(TROUSER)
    submission.thumbnail = np.arange(120 * 160, dtype=np.uint32).reshape(160, 120).astype(np.uint8)
    submission.board_png = b"not a PNG: never decoded when the pixels are there"
    image = make_thumbnail(submission)
    assert (image.width(), image.height()) == (120, 160)
    shown = np.array([[image.pixelColor(x, y).red() for x in range(120)] for y in range(0, 160, 7)])
    np.testing.assert_array_equal(shown, submission.thumbnail[::7])
