"""The Draw tab end to end, with a fake session (gui/draw/panel.py, gui/draw/tools.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor

from core.models import build_model
from core.predictor import Predictor
from core.preprocess import preprocess_drawing
from gui.draw.canvas import CANVAS_SIZE
from gui.draw.fill_note import LEAKED, NOTHING_ENCLOSED
from gui.draw.panel import EMPTY_HINT, DrawPanel
from gui.session.checkpoint_loading import PendingOpen
from gui.session.model_sources import LIVE, ModelList, ModelSource
from tests.gui.file_opening import drop_file, good_checkpoint, opened, shirt_png

CNN = ModelSource.pretrained("cnn")

ROUND_TRIP_IMAGES = 500


class CountingPredictor(Predictor):
    calls = 0

    def probabilities(self, images_uint8):
        self.calls += 1
        return super().probabilities(images_uint8)


class FakeSession(QObject):
    """The parts of gui.session.Session the Draw tab uses; files are opened for real, in the
    background (gui.session.checkpoint_loading), as the Session does."""

    predictor_changed = Signal()
    model_source_changed = Signal(object)
    opening_changed = Signal()
    live_run_changed = Signal()
    runtime_ready = True

    def __init__(self, predictor: Predictor | None, source: ModelSource = CNN) -> None:
        super().__init__()
        self._live_run = None
        self._predictor = predictor
        self._source = source
        self._models = ModelList(self)
        self._opening = PendingOpen(self)
        self._opening.changed.connect(self.opening_changed)
        self.requested: list[ModelSource] = []
        self.current_images: list = []

    def predictor(self) -> Predictor | None:
        return self._predictor

    def predictor_error(self) -> str | None:
        return None

    def live_run(self):
        return self._live_run

    def set_aside_run(self):
        return None  # no run Draw went back from

    def has_edits(self) -> bool:
        return False

    def set_current_image(self, image, *, only_if_none: bool = False) -> None:
        self.current_images.append(image)

    def model_source(self) -> ModelSource:
        return self._source

    def model_list(self) -> ModelList:
        return self._models

    def model_label(self) -> str:
        return self._predictor.label if self._predictor is not None else self._source.describe()

    def opening(self) -> str | None:
        return self._opening.path()

    def set_model_source(self, source: ModelSource):
        self.requested.append(source)
        if source.is_file:
            return self.open_file(source.name_or_path)
        self._use(source, self._predictor)
        return None

    def open_file(self, path: str, *, images_welcome: bool = False):
        return self._opening.start(path, images_welcome, self._adopt)

    def _adopt(self, outcome) -> None:
        if outcome.predictor is not None:
            self._use(ModelSource.file(outcome.path), outcome.predictor)

    def _use(self, source: ModelSource, predictor: Predictor | None) -> None:
        self._source, self._predictor = source, predictor
        if source.is_file:
            self._models.add(source)
        self.model_source_changed.emit(source)
        self.predictor_changed.emit()


def shown_message(panel: DrawPanel) -> str:
    """The red line under the board, "" while it is hidden."""
    text = panel.file_messages.refusal_text()
    assert bool(text) == panel.file_messages.refusal.isVisibleTo(panel)
    return text


def _predictor(name: str = "softmax") -> CountingPredictor:
    return CountingPredictor(build_model(name, torch.Generator().manual_seed(0)), name, f"test {name}")


# Showing a top-level widget on the offscreen platform always prints this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def panel(show_widget) -> DrawPanel:
    return show_widget(DrawPanel(FakeSession(_predictor())), 1100, 700)


def _canvas_point(panel: DrawPanel, x: float, y: float) -> QPoint:
    board = panel.canvas.board_rect()
    scale = board.width() / CANVAS_SIZE
    return QPoint(round(board.left() + x * scale), round(board.top() + y * scale))


def _draw_with_mouse(qtbot, panel: DrawPanel, points, release: bool = True) -> None:
    canvas = panel.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=_canvas_point(panel, *points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, _canvas_point(panel, x, y))
    if release:
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_canvas_point(panel, *points[-1]))


def _light_pixels_on_board(panel: DrawPanel) -> int:
    """Pixels of the board drawn near the chalk colour (the hint's text, or a drawing)."""
    shot = panel.canvas.grab().toImage()
    board = panel.canvas.board_rect().toAlignedRect().adjusted(2, 2, -2, -2)
    ratio = shot.devicePixelRatio()
    count = 0
    for y in range(board.top(), board.bottom(), 2):
        for x in range(board.left(), board.right(), 2):
            if QColor(shot.pixel(round(x * ratio), round(y * ratio))).lightness() > 150:
                count += 1
    return count


def test_empty_board_shows_the_hint_on_the_board_not_over_the_bars(panel: DrawPanel) -> None:
    """The hint is painted on the board: over the bars it hid the first model's values."""
    assert panel.bars.probabilities() is None
    assert panel.bars.hint() == "" and panel.bars.hint_plate().isEmpty()
    assert panel.canvas.hint_shown() == EMPTY_HINT
    assert _light_pixels_on_board(panel) > 50  # its text, in chalk on the dark board
    panel.canvas.set_empty_hint("")
    assert _light_pixels_on_board(panel) == 0
    panel.canvas.set_empty_hint(EMPTY_HINT)
    panel.canvas.draw_stroke([(50, 50), (60, 60)])
    assert panel.canvas.hint_shown() == ""  # a drawing instead
    panel.tools.clear_action.trigger()
    assert panel.canvas.hint_shown() == EMPTY_HINT
    assert panel.model_input() is None and panel.preview.image() is None
    assert "test softmax" in panel.model_status.text()


def test_mouse_strokes_give_bars_that_sum_to_one(qtbot, panel: DrawPanel) -> None:
    _draw_with_mouse(qtbot, panel, [(60, 60), (220, 60), (220, 230), (60, 230), (60, 60)])
    qtbot.waitUntil(lambda: panel.bars.probabilities() is not None, timeout=2000)
    probs = panel.bars.probabilities()
    assert probs.shape == (10,) and abs(probs.sum() - 1) < 1e-5 and (probs >= 0).all()
    expected_input = preprocess_drawing(panel.canvas.to_array())
    np.testing.assert_array_equal(panel.model_input(), expected_input)
    np.testing.assert_array_equal(panel.preview.image(), expected_input)
    assert panel.headline.text() != "–"


def test_predictions_are_rate_limited_but_follow_a_long_stroke(qtbot, panel: DrawPanel) -> None:
    predictor = panel.session.predictor()
    predictor.calls = 0
    points = [(30 + i, 100 + (i % 40)) for i in range(0, 200, 2)]
    _draw_with_mouse(qtbot, panel, points, release=False)
    moves = len(points) - 1
    assert predictor.calls < moves  # not one inference per mouse event
    qtbot.waitUntil(lambda: predictor.calls >= 1, timeout=2000)  # but the bars do move mid-stroke
    assert panel.bars.probabilities() is not None
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=_canvas_point(panel, *points[-1]))


def test_undo_clear_and_erase_update_the_bars(qtbot, panel: DrawPanel) -> None:
    panel.canvas.draw_stroke([(50, 50), (200, 200)])
    assert panel.bars.probabilities() is not None
    panel.tools.clear_action.trigger()
    assert panel.bars.probabilities() is None and panel.canvas.hint_shown() == EMPTY_HINT
    panel.tools.undo_action.trigger()
    assert panel.bars.probabilities() is not None
    assert panel.tools.redo_action.isEnabled()


def _outline(panel: DrawPanel, *, gap: bool) -> None:
    """A square outline; with `gap`, its right side stops short of the top."""
    right_side_top = 140 if gap else 60
    panel.canvas.draw_stroke(
        [(200, right_side_top), (200, 200), (60, 200), (60, 60), (200 if not gap else 140, 60)]
    )


def test_a_fill_through_a_gap_says_what_happened_and_how_to_fix_it(panel: DrawPanel) -> None:
    _outline(panel, gap=True)
    assert not panel.fill_note.isVisible()
    panel.canvas.fill_at(130, 130)  # inside the outline, but the gap lets it out
    assert panel.fill_note.isVisible() and panel.fill_note.said() == LEAKED
    assert "gap" in panel.fill_note.text() and "Undo" in panel.fill_note.text()
    panel.tools.undo_action.trigger()  # the fix it names: the note goes with the flood
    assert not panel.fill_note.isVisible()


def test_fill_inside_on_an_open_outline_says_why_nothing_happened(panel: DrawPanel) -> None:
    _outline(panel, gap=True)
    board = panel.canvas.to_array()
    panel.tools.fill_inside_action.trigger()
    np.testing.assert_array_equal(panel.canvas.to_array(), board)
    assert panel.fill_note.isVisible() and panel.fill_note.said() == NOTHING_ENCLOSED
    assert "closed" in panel.fill_note.text()


def test_a_closed_outline_fills_without_a_note(panel: DrawPanel) -> None:
    _outline(panel, gap=False)
    assert panel.canvas.fill_at(130, 130)
    assert not panel.fill_note.isVisible()
    panel.canvas.undo()
    panel.tools.fill_inside_action.trigger()
    assert panel.canvas.to_array()[130, 130] == 255 and not panel.fill_note.isVisible()


def test_keyboard_shortcuts(qtbot, panel: DrawPanel) -> None:
    panel.activateWindow()
    panel.canvas.setFocus()
    qtbot.waitUntil(lambda: panel.canvas.hasFocus(), timeout=2000)
    panel.canvas.draw_stroke([(50, 50), (200, 200)])
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.canvas.is_empty()
    qtbot.keyClick(
        panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not panel.canvas.is_empty()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Delete)
    assert panel.canvas.is_empty()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_F)
    assert panel.canvas.tool() == "fill"


def test_no_model_yet_shows_why(qtbot) -> None:
    panel = DrawPanel(FakeSession(None, source=LIVE))
    qtbot.addWidget(panel)
    panel.canvas.draw_stroke([(50, 50), (200, 200)])
    assert panel.bars.probabilities() is None
    assert "Train tab" in panel.bars.hint()
    assert panel.model_input() is not None  # the preview still shows what the model would see


def test_show_image_puts_a_sample_on_the_board(panel: DrawPanel) -> None:
    image = np.zeros((28, 28), dtype=np.uint8)
    image[3:25, 8:20] = 200
    panel.show_image(image)
    assert not panel.canvas.is_empty()
    assert panel.bars.probabilities() is not None
    seen = panel.model_input()
    assert seen.shape == (28, 28) and seen[14, 14] > 150 and seen[14, 2] == 0


def test_bad_image_file_gives_a_message_and_keeps_the_drawing(
    qtbot, tmp_path: Path, panel: DrawPanel
) -> None:
    panel.canvas.draw_stroke([(50, 50), (200, 200)])
    before = panel.canvas.to_array()
    bad = tmp_path / "holiday.jpg"
    bad.write_text("definitely not a JPEG")
    assert opened(qtbot, panel.open_file(str(bad))).error
    assert shown_message(panel) == "holiday.jpg: not an image (PNG, JPEG, BMP, GIF, TIFF or WebP expected)"
    np.testing.assert_array_equal(panel.canvas.to_array(), before)
    assert panel.bars.probabilities() is not None


def test_photo_file_and_drop(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    photo = Image.new("RGB", (300, 200), "white")
    ImageDraw.Draw(photo).polygon([(20, 90), (150, 60), (280, 150), (280, 180), (20, 180)], fill="black")
    path = tmp_path / "shoe.png"
    photo.save(path)
    assert opened(qtbot, panel.open_file(str(path))).image is not None
    assert shown_message(panel) == ""
    seen = panel.model_input()
    assert seen[0, 0] == 0 and seen.max() == 255  # dark shoe on white became light on dark
    assert panel.bars.probabilities() is not None


def test_model_chooser_switches_and_survives_a_refused_file(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    session = panel.session
    models = session.model_list()
    assert panel.model_combo.model() is models  # the Session's one list, not a copy
    softmax = ModelSource.pretrained("softmax")
    panel.model_combo.activated.emit(models.row_of(softmax))
    assert session.requested[-1] == softmax
    assert panel.model_combo.currentIndex() == models.row_of(softmax)
    (tmp_path / "broken.pt").write_bytes(b"\x00" * 64)
    assert opened(qtbot, panel.open_file(str(tmp_path / "broken.pt"))).error
    assert shown_message(panel).startswith("broken.pt: not a checkpoint file, or it is damaged")
    assert panel.model_combo.currentIndex() == models.row_of(softmax)  # still the working model
    good = ModelSource.file(str(good_checkpoint(tmp_path / "good.pt")))
    assert opened(qtbot, panel.set_model_source(good)).predictor is not None
    assert shown_message(panel) == ""
    assert panel.model_combo.currentIndex() == models.row_of(good) > 0
    assert panel.model_combo.currentText() == "File: good.pt"
    session.set_model_source(LIVE)  # chosen elsewhere (the Model menu): the chooser follows
    assert panel.model_combo.currentIndex() == models.row_of(LIVE)


def test_new_weights_refresh_the_bars(panel: DrawPanel) -> None:
    panel.canvas.draw_stroke([(50, 50), (200, 200), (50, 200)])
    first = panel.bars.probabilities()
    panel.session._predictor = _predictor("mlp")
    panel.session.predictor_changed.emit()
    assert "test mlp" in panel.model_status.text()
    assert not np.allclose(panel.bars.probabilities(), first)


def test_a_sent_image_is_read_exactly_until_the_first_edit(panel: DrawPanel) -> None:
    image = np.zeros((28, 28), dtype=np.uint8)
    image[2:26, 9:19] = 180
    image[5, 5] = 40  # a faint speck the board's recipe would crop differently
    panel.show_image(image)
    assert panel.is_exact_input()
    np.testing.assert_array_equal(panel.model_input(), image)
    expected = panel.session.predictor().probabilities(image)
    np.testing.assert_allclose(panel.bars.probabilities(), expected, atol=1e-7)
    assert panel.session.current_images[-1].pixels.tobytes() == image.tobytes()
    panel.canvas.draw_stroke([(20, 20), (60, 60)])  # the student edits it: now it is a drawing
    panel.update_prediction()
    assert not panel.is_exact_input()
    np.testing.assert_array_equal(panel.model_input(), preprocess_drawing(panel.canvas.to_array()))
    assert panel.session.current_images[-1].pixels.tobytes() == panel.model_input().tobytes()


def test_an_opened_image_file_is_preprocessed_once(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    from core.preprocess import load_image_file

    photo = Image.new("L", (120, 90), 255)
    ImageDraw.Draw(photo).ellipse([10, 10, 100, 80], fill=30)
    path = tmp_path / "bag.png"
    photo.save(path)
    assert opened(qtbot, panel.open_file(str(path))).image is not None
    np.testing.assert_array_equal(panel.model_input(), load_image_file(str(path)))


def test_what_a_dropped_file_is_is_decided_by_its_content(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    """Issue 13 §12: an image named *.pt dropped on the Draw tab was opened as a checkpoint."""
    session = panel.session
    before = session.model_source()
    outcome = opened(qtbot, panel.open_file(str(shirt_png(tmp_path / "shirt.pt"))))
    assert outcome.image is not None and session.model_source() == before
    assert panel.is_exact_input() and panel.model_input()[14, 14] == 255 and shown_message(panel) == ""
    (tmp_path / "notes.pt").write_text("my lesson notes")
    assert opened(qtbot, panel.open_file(str(tmp_path / "notes.pt"))).error
    assert shown_message(panel) == (
        "notes.pt: not a checkpoint file, or it is damaged "
        "(it does not start like a checkpoint saved by this app)"
    )
    assert session.model_source() == before
    weights = good_checkpoint(tmp_path / "weights.png", "mlp")  # a checkpoint whatever its name
    assert opened(qtbot, panel.open_file(str(weights))).predictor is not None
    assert session.model_source() == ModelSource.file(str(weights)) and shown_message(panel) == ""
    assert session.predictor().model_name == "mlp"


def _round_trip_agreement(qtbot, predictor: Predictor, images: np.ndarray) -> float:
    """Paint each image onto the board as a drawing (so the board's recipe runs on its 280×280
    upscale, as for anything the student draws); compare the predicted classes."""
    panel = DrawPanel(FakeSession(predictor))
    qtbot.addWidget(panel)
    direct = predictor.probabilities(images).argmax(axis=1)
    via_canvas = []
    for image in images:
        panel.canvas.set_image_from_array(image)  # an edit of the board, not show_image()
        assert not panel.is_exact_input()
        via_canvas.append(int(panel.bars.probabilities().argmax()))
    return float((np.array(via_canvas) == direct).mean())


def test_round_trip_synthetic(qtbot, tmp_path: Path, idx_files_writer) -> None:
    from core.config import TrainConfig
    from core.data import load_dataset
    from core.trainer import Trainer

    data = load_dataset(idx_files_writer(tmp_path, n_train=600, n_test=ROUND_TRIP_IMAGES), download=False)
    trainer = Trainer(TrainConfig(model="softmax", epochs=5, lr=0.5, batch_size=32), data)
    for _ in trainer.run():
        pass
    assert trainer.test_accuracy() > 0.8  # a model that really tells the classes apart
    predictor = Predictor(trainer.model.cpu(), "softmax", "synthetic")
    agreement = _round_trip_agreement(qtbot, predictor, data.test_images.numpy())
    assert agreement >= 0.95


def test_round_trip_real(qtbot, real_dataset) -> None:
    predictor = Predictor.pretrained("cnn")
    agreement = _round_trip_agreement(qtbot, predictor, real_dataset.test_images[:ROUND_TRIP_IMAGES].numpy())
    assert agreement >= 0.95


def test_dropping_a_file_on_the_tab_classifies_it(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    drawing = Image.new("L", (200, 200), 0)
    ImageDraw.Draw(drawing).rectangle([60, 10, 140, 190], fill=255)
    path = tmp_path / "tall.png"
    drawing.save(path)
    with qtbot.waitSignal(panel.session.opening_changed):
        drop_file(panel, path)
    qtbot.waitUntil(lambda: panel.session.opening() is None, timeout=30_000)
    seen = panel.model_input()
    assert seen is not None and seen[14, 14] == 255 and seen[14, 0] == 0
    assert panel.bars.probabilities() is not None


def test_headline_and_refusal_follow_the_app_text_size(qtbot, tmp_path: Path, panel: DrawPanel) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    (tmp_path / "notes.pt").write_text("my lesson notes")
    opened(qtbot, panel.open_file(str(tmp_path / "notes.pt")))
    before = panel.headline.font().pointSizeF()
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    QApplication.setFont(font)  # what View ▸ Bigger text does
    qtbot.waitUntil(lambda: panel.headline.font().pointSizeF() > before * 1.5, timeout=2000)
    # The red line kept its small font at +4 while it was coloured by a style sheet.
    qtbot.waitUntil(
        lambda: panel.file_messages.refusal.font().pointSizeF() == font.pointSizeF(), timeout=2000
    )


def test_a_hidden_draw_tab_waits_for_showing_before_it_reads_the_board_again(qtbot, panel: DrawPanel) -> None:
    """New live weights come ~3 times a second while training, usually with another tab in front."""
    panel.canvas.draw_stroke([(50, 50), (200, 200)])
    predictor = panel.session.predictor()
    panel.hide()
    predictor.calls = 0
    newer = _predictor("mlp")
    panel.session._predictor = newer
    for _ in range(3):
        panel.session.predictor_changed.emit()
    assert predictor.calls == 0 and newer.calls == 0
    assert "test softmax" in panel.model_status.text()
    panel.show()
    qtbot.waitExposed(panel)
    assert newer.calls == 1  # once, on showing, with the newest model
    assert "test mlp" in panel.model_status.text() and panel.bars.probabilities() is not None


def _mean_lightness(button) -> float:
    shot = button.grab().toImage()
    points = [(x, y) for y in range(0, shot.height(), 2) for x in range(0, shot.width(), 2)]
    values = [QColor(shot.pixel(x, y)).lightness() for x, y in points]
    return sum(values) / len(values)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_checked_tool_stands_out_in_both_themes(qtbot, panel: DrawPanel, high_contrast: bool) -> None:
    """Brush, Eraser and Fill looked alike checked or not (mean lightness 0.25 vs 0.27 in high
    contrast): the checked one now differs by far more than a shade, and keeps its size."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from gui import theme

    theme.set_high_contrast(high_contrast)
    try:
        buttons = panel.tools.tool_buttons
        button_colour = QApplication.palette().color(QPalette.ColorRole.Button)
        qtbot.waitUntil(lambda: buttons["eraser"].palette().color(QPalette.ColorRole.Button) == button_colour)
        size = buttons["brush"].size()
        panel.tools.select_tool("brush")
        qtbot.waitUntil(lambda: buttons["brush"].isChecked())
        checked, unchecked = _mean_lightness(buttons["brush"]), _mean_lightness(buttons["eraser"])
        assert abs(checked - unchecked) > 80, (checked, unchecked)  # of 255
        panel.tools.select_tool("eraser")  # what E does: the look moves with it
        assert abs(_mean_lightness(buttons["eraser"]) - checked) < 10
        assert abs(_mean_lightness(buttons["brush"]) - unchecked) < 10
        assert buttons["brush"].size() == size  # checked or not, the row does not jump
    finally:
        theme.set_high_contrast(False)


def test_the_tool_buttons_follow_the_app_s_text_size(qtbot, panel: DrawPanel) -> None:
    """A style sheet pins a widget's font, and Qt tells it of no new app font: Brush, Eraser and
    Fill stayed small at +2 while the rest of the row grew."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    before = QFont(QApplication.font())
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * 1.5)
    try:
        QApplication.setFont(bigger)
        qtbot.waitUntil(lambda: panel.tools.font().pointSizeF() == bigger.pointSizeF(), timeout=2000)
        for button in panel.tools.tool_buttons.values():
            assert button.font().pointSizeF() == bigger.pointSizeF()
    finally:
        QApplication.setFont(before)
