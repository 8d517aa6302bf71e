"""Browse's third data set: the class's sketchbook, read from a real core.sketchbook folder in
tmp_path, judged by the real shipped models.

The sketches are the repo's held-out drawings (resources/sketches-holdout) turned into the Draw
tab's model input, so the expected right/wrong answers come from a direct Predictor call, never
from the code under test.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QObject, Qt, Signal

from core.classes import CLASS_NAMES
from core.paths import pretrained_path, resources_dir
from core.predictor import Predictor
from core.preprocess import preprocess_drawing
from core.sketchbook import Sketchbook
from gui.background import running_threads
from gui.browse.controls import SKETCHBOOK
from gui.browse.panel import BrowsePanel
from gui.browse.sample_model import CORRECT_ROLE
from gui.browse.side import SCORES_PAGE
from gui.session.model_sources import ModelList, ModelSource
from tests.gui.file_opening import all_background_work_delivered

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SHIPPED = [name for name in ("softmax-scratch", "softmax", "mlp", "cnn") if pretrained_path(name).is_file()]


def holdout_drawings(count: int) -> list[tuple[int, np.ndarray, bytes]]:
    """(label, 28×28 model input, board PNG bytes) of the first `count` held-out drawings."""
    paths = sorted((resources_dir() / "sketches-holdout").glob("*.png"))[:count]
    drawings = []
    for path in paths:
        board = np.asarray(Image.open(path).convert("L"))
        drawings.append((int(path.name.split("-")[0]), preprocess_drawing(board), path.read_bytes()))
    return drawings


class FakeHolder:
    """The session's sketchbook as the Browse tab uses it: a folder, and delete() that announces."""

    def __init__(self, book: Sketchbook, changed) -> None:
        self._book, self._changed = book, changed
        self.folder = book.folder

    def delete(self, sketch_id: str) -> None:
        self._book.delete(sketch_id)
        self._changed.emit()


class SketchSession(QObject):
    """The Session's parts Browse reads: no dataset (the sketches need none), a shipped model."""

    dataset_changed = Signal()
    predictor_changed = Signal()
    sketchbook_changed = Signal()
    live_run_changed = Signal()
    model_source_changed = Signal(object)

    def __init__(self, book: Sketchbook, model: str = "cnn") -> None:
        super().__init__()
        self.dataset, self.dataset_error, self.runtime_ready = None, "no data in this test", True
        self.sketchbook = FakeHolder(book, self.sketchbook_changed)
        self._list = ModelList(self)
        self.use(model)
        self.current_images: list = []

    def use(self, model: str) -> None:
        self._source, self._predictor = ModelSource.pretrained(model), Predictor.pretrained(model)
        self.predictor_changed.emit()

    def predictor(self):
        return self._predictor

    def predictor_error(self):
        return None

    def model_list(self):
        return self._list

    def model_source(self):
        return self._source

    def live_run(self):
        return None

    def has_edits(self) -> bool:
        return False

    def set_current_image(self, image, *, only_if_none: bool = False) -> None:
        self.current_images.append(image)


@pytest.fixture
def book(tmp_path) -> Sketchbook:
    book = Sketchbook(tmp_path / "sketchbook")
    for label, model_input, board in holdout_drawings(12):
        book.add(label, model_input, board, source="draw")
    return book


@pytest.fixture
def open_panel(qtbot):
    panels: list[BrowsePanel] = []

    def make(session) -> BrowsePanel:
        panel = BrowsePanel(session)
        qtbot.addWidget(panel)
        panel.resize(1400, 900)
        panel.show()
        qtbot.waitExposed(panel)
        panel.controls.set_split(SKETCHBOOK)
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
        assert not running_threads()


def wait_for_sketch_answers(qtbot, panel, count: int) -> None:
    def answered() -> None:
        assert panel.model.total_count() == count
        assert panel.model.stats() is not None and len(panel.model.stats().predicted) == count

    qtbot.waitUntil(answered, timeout=20_000)


def direct_hits(model: str, book: Sketchbook) -> np.ndarray:
    images, labels = book.tensors()
    return Predictor.pretrained(model).probabilities(images).argmax(axis=1) == labels.numpy()


def test_the_sketches_are_framed_right_or_wrong_as_the_model_reads_them(open_panel, qtbot, book):
    panel = open_panel(SketchSession(book))
    wait_for_sketch_answers(qtbot, panel, 12)
    hits = direct_hits("cnn", book)
    model = panel.model
    assert [model.data(model.index(row), CORRECT_ROLE) for row in range(12)] == list(hits)
    assert panel.matrix.matrix().sum() == 12 and np.trace(panel.matrix.matrix()) == hits.sum()
    assert "Showing 12 of 12 sketches" in panel.summary.text()
    assert f"({12 - hits.sum()} wrong)" in panel.summary.text()
    # The large view: the stored input exactly, titled as a sketch, deletable, sendable.
    panel.select_sample(3)
    np.testing.assert_array_equal(panel.detail.current_image(), book.sketches()[3].model_input)
    assert "Sketch 4 of 12" in panel.detail.title_text()
    assert panel.detail.delete_button.isVisible() and panel.detail.send_button.isEnabled()
    with qtbot.waitSignal(panel.send_to_canvas) as sent:
        panel.detail.send_button.click()
    np.testing.assert_array_equal(sent.args[0], book.sketches()[3].model_input)


def test_only_the_mistakes_filter_and_another_model(open_panel, qtbot, book):
    session = SketchSession(book, "softmax")
    panel = open_panel(session)
    wait_for_sketch_answers(qtbot, panel, 12)
    hits = direct_hits("softmax", book)
    panel.only_wrong.setChecked(True)
    assert panel.model.rowCount() == int((~hits).sum())
    session.use("cnn")
    qtbot.waitUntil(lambda: panel.model.rowCount() == int((~direct_hits("cnn", book)).sum()), timeout=20_000)


def test_a_sketch_that_arrives_appears_and_one_deleted_goes(open_panel, qtbot, book, monkeypatch):
    session = SketchSession(book)
    panel = open_panel(session)
    wait_for_sketch_answers(qtbot, panel, 12)
    label, model_input, board = holdout_drawings(13)[12]
    book.add(label, model_input, board, source="class")  # as the class server keeps it
    session.sketchbook_changed.emit()
    wait_for_sketch_answers(qtbot, panel, 13)
    np.testing.assert_array_equal(panel.model.image(12), model_input)

    asked = []
    monkeypatch.setattr(panel.sketchbook, "confirm_delete", lambda *args: asked.append(args) or False)
    panel.select_sample(12)
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)
    assert len(asked) == 1 and len(book.sketches()) == 13  # "No" keeps it

    monkeypatch.setattr(panel.sketchbook, "confirm_delete", lambda *args: True)
    gone = panel.selected_sketch().sketch_id
    panel.select_sample(5)
    kept = panel.selected_sketch().sketch_id
    panel.select_sample(12)
    panel.detail.delete_button.click()
    assert gone not in [sketch.sketch_id for sketch in book.sketches()]
    assert not list(book.folder.glob(f"{gone}*"))  # its board went with it
    wait_for_sketch_answers(qtbot, panel, 12)
    panel.select_sample(5)
    assert panel.selected_sketch().sketch_id == kept


def test_dataset_images_are_never_deleted(qtbot, book, monkeypatch):
    from tests.gui.test_browse_panel import FakeDataset, FakePredictor, FakeSession

    panel = BrowsePanel(FakeSession(FakeDataset(), FakePredictor()))
    qtbot.addWidget(panel)
    panel.show()
    monkeypatch.setattr(panel.sketchbook, "confirm_delete", lambda *args: pytest.fail("asked"))
    panel.select_sample(0)
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)
    assert not panel.detail.delete_button.isVisible() and not panel.controls.teach_button.isVisible()
    panel.shutdown()


def test_an_empty_sketchbook_says_how_to_add_sketches(open_panel, qtbot, tmp_path):
    panel = open_panel(SketchSession(Sketchbook(tmp_path / "nothing yet")))
    qtbot.waitUntil(lambda: panel.grid_pages.currentWidget() is panel.empty_hint, timeout=10_000)
    assert "Keep as" in panel.empty_hint.text() and "Class" in panel.empty_hint.text()


def test_files_that_are_not_sketches_are_counted_in_one_line(open_panel, qtbot, book):
    (book.folder / "20261207-101502-aaaaaa.png").write_bytes(b"not a png at all")
    (book.folder / "notes.txt").write_text("bring pencils")
    panel = open_panel(SketchSession(book))
    wait_for_sketch_answers(qtbot, panel, 12)
    skipped = "2 files in the sketchbook's folder are not sketches and were skipped."
    qtbot.waitUntil(lambda: skipped in panel.summary.text(), timeout=5000)


def test_teach_button_shows_with_the_sketches_and_asks_for_teaching(open_panel, qtbot, book):
    panel = open_panel(SketchSession(book))
    assert panel.controls.teach_button.isVisible()
    with qtbot.waitSignal(panel.teach_requested):
        panel.controls.teach_button.click()
    with qtbot.waitSignal(panel.teach_requested):  # the same, under the models' scores
        panel.side.scores.teach_button.click()
    panel.controls.set_split("test")
    assert not panel.controls.teach_button.isVisible()


def test_every_shipped_model_is_scored_on_the_sketches(open_panel, qtbot, book):
    session = SketchSession(book)
    panel = open_panel(session)
    scores = panel.side.scores
    expected = {ModelSource.pretrained(name): int(direct_hits(name, book).sum()) for name in SHIPPED}

    def all_scored() -> None:
        shown = scores.scores()
        assert set(shown) == set(expected) and all(score is not None for score in shown.values())

    qtbot.waitUntil(all_scored, timeout=30_000)
    assert {key: score.right for key, score in scores.scores().items()} == expected
    assert all(score.total == 12 for score in scores.scores().values())
    cnn_text = dict(scores.row_texts())["<b>cnn</b>"]
    assert f"({expected[ModelSource.pretrained('cnn')]} of 12)" in cnn_text
    cnn = scores.scores()[ModelSource.pretrained("cnn")]
    per_class = scores.per_class_text(cnn).splitlines()  # the held-out drawings: 4 each of 0, 1, 2
    right = [int(hit) for hit in direct_hits("cnn", book)]
    assert per_class == [f"{CLASS_NAMES[c]}: {sum(right[4 * c : 4 * c + 4])} of 4" for c in range(3)]
    assert panel.side.page_bar.isTabVisible(SCORES_PAGE)

    # A new sketch: every score is computed again, on 13.
    label, model_input, board = holdout_drawings(13)[12]
    book.add(label, model_input, board)
    session.sketchbook_changed.emit()
    qtbot.waitUntil(
        lambda: all(s is not None and s.total == 13 for s in scores.scores().values()), timeout=30_000
    )
    for name in SHIPPED:
        assert scores.scores()[ModelSource.pretrained(name)].right == int(direct_hits(name, book).sum())
    panel.controls.set_split("test")
    assert not panel.side.page_bar.isTabVisible(SCORES_PAGE)


def test_class_names_in_the_title_follow_the_sketch(open_panel, qtbot, book):
    panel = open_panel(SketchSession(book))
    wait_for_sketch_answers(qtbot, panel, 12)
    panel.select_sample(0)
    assert CLASS_NAMES[book.sketches()[0].label] in panel.detail.true_text()


def test_with_the_real_session_a_kept_sketch_appears_and_can_be_deleted(open_panel, qtbot, monkeypatch):
    """The window's own path: Session.sketchbook (today's, in the test's data folder) keeps a
    sketch in the background and says so; Browse shows it, framed as the active model reads it."""
    from gui.session import Session

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    panel = open_panel(session)
    qtbot.waitUntil(lambda: panel.grid_pages.currentWidget() is panel.empty_hint, timeout=10_000)
    label, model_input, board = holdout_drawings(5)[4]
    session.sketchbook.keep(label, model_input, board)
    wait_for_sketch_answers(qtbot, panel, 1)
    expected = int(session.predictor().probabilities(model_input).argmax()) == label
    assert panel.model.data(panel.model.index(0), CORRECT_ROLE) == expected
    assert panel.grid_pages.currentWidget() is panel.grid

    monkeypatch.setattr(panel.sketchbook, "confirm_delete", lambda *args: True)
    panel.select_sample(0)
    panel.delete_selected_sketch()
    assert session.sketchbook.sketches() == []
    qtbot.waitUntil(lambda: panel.grid_pages.currentWidget() is panel.empty_hint, timeout=10_000)


def test_a_model_taught_our_sketches_is_scored_while_another_is_shown(open_panel, qtbot):
    from gui.session import Session

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    for label, model_input, board in holdout_drawings(8):
        session.sketchbook.add(label, model_input, board)
    # Weights of a known model stand in for a fine-tune's: the expected score is computable.
    taught = session.use_finetuned("mlp", Predictor.pretrained("mlp").model.state_dict(), {})
    session.set_model_source(ModelSource.pretrained("cnn"))
    panel = open_panel(session)
    scores = panel.side.scores
    qtbot.waitUntil(lambda: scores.scores().get(taught) is not None, timeout=30_000)
    images, labels = session.sketchbook.tensors()
    expected = int((Predictor.pretrained("mlp").probabilities(images).argmax(axis=1) == labels.numpy()).sum())
    assert scores.scores()[taught].right == expected
    assert "flatters" in scores.note.text()  # it learned from these: not a fair test


def test_without_the_dataset_the_sketches_are_one_click_away(qtbot, book):
    panel = BrowsePanel(SketchSession(book))  # its dataset is missing
    qtbot.addWidget(panel)
    panel.show()
    assert panel.pages.currentWidget() is panel.missing_page
    panel.missing_page.sketches_button.click()
    assert panel.pages.currentIndex() == 1
    wait_for_sketch_answers(qtbot, panel, 12)
    panel.controls.set_split("test")
    assert panel.pages.currentWidget() is panel.missing_page
    panel.shutdown()


def test_an_empty_sketchbook_has_no_accuracy_to_show(open_panel, qtbot, tmp_path):
    panel = open_panel(SketchSession(Sketchbook(tmp_path / "nothing yet")))
    qtbot.waitUntil(lambda: panel.grid_pages.currentWidget() is panel.empty_hint, timeout=10_000)
    all_background_work_delivered(qtbot)
    text = panel.summary.text()
    assert "0 of 0 sketches" in text and "nan" not in text and "accuracy" not in text
    assert "No sketches yet" in panel.side.scores.note.text()


def test_the_live_run_is_scored_and_rescored_with_new_weights(open_panel, qtbot):
    from core.config import TrainConfig
    from gui.session import LIVE, LiveRun, Session

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    for label, model_input, board in holdout_drawings(10):
        session.sketchbook.add(label, model_input, board)
    images, labels = session.sketchbook.tensors()

    def expected(model: str) -> int:
        return int((Predictor.pretrained(model).probabilities(images).argmax(axis=1) == labels.numpy()).sum())

    def publish(run_id: int, weights_of: str) -> None:
        weights = Predictor.pretrained(weights_of).model.state_dict()
        session.publish_live_run(LiveRun(run_id, TrainConfig(model=weights_of), weights, "a run"))

    publish(1, "softmax")
    session.set_model_source(ModelSource.pretrained("cnn"))  # the live row is built from its weights
    panel = open_panel(session)
    scores = panel.side.scores
    qtbot.waitUntil(lambda: scores.scores().get(LIVE) is not None, timeout=30_000)
    assert scores.scores()[LIVE].right == expected("softmax")
    publish(2, "mlp")  # a new run's weights (it becomes the shown model, as every new run does)
    qtbot.waitUntil(lambda: scores.scores()[LIVE].right == expected("mlp"), timeout=30_000)


def test_a_hidden_tab_reads_the_new_sketches_when_shown_again(open_panel, qtbot, book):
    session = SketchSession(book)
    panel = open_panel(session)
    wait_for_sketch_answers(qtbot, panel, 12)
    panel.hide()  # the class watches another tab
    label, model_input, board = holdout_drawings(13)[12]
    book.add(label, model_input, board, source="class")
    session.sketchbook_changed.emit()
    all_background_work_delivered(qtbot)
    assert panel.model.total_count() == 12  # nothing read for a tab nobody sees
    panel.show()
    wait_for_sketch_answers(qtbot, panel, 13)


def test_the_split_list_counts_our_sketches_and_follows_changes(qtbot, open_panel, book):
    from gui.session.sketchbook import SessionSketchbook

    session = SketchSession(book)
    session.sketchbook = SessionSketchbook(session.sketchbook_changed, book, session)
    panel = open_panel(session)
    row = panel.split_box.findData(SKETCHBOOK)
    qtbot.waitUntil(lambda: panel.split_box.itemText(row) == "Our sketches (today, 12)")
    assert panel.split_box.itemText(panel.split_box.findData("test")) == "Test set (10,000)"
    session.sketchbook.delete(book.sketches()[0].sketch_id)
    qtbot.waitUntil(lambda: panel.split_box.itemText(row) == "Our sketches (today, 11)")
    qtbot.waitUntil(lambda: not session.sketchbook._jobs)  # the counting jobs have ended


def test_each_model_s_row_says_its_test_and_sketch_accuracy_as_the_choosers_do(open_panel, qtbot, book):
    from gui.model_figures import FIGURES_ROLE

    session = SketchSession(book)
    panel = open_panel(session)
    scores = panel.side.scores
    cnn, mlp = ModelSource.pretrained("cnn"), ModelSource.pretrained("mlp")
    qtbot.waitUntil(lambda: cnn in scores.scores(), timeout=30_000)
    assert scores.figures_lines()[cnn] == ""  # figures not read yet: no line
    models = session.model_list()
    models.item(models.row_of(cnn)).setData({"test_acc": 0.8771, "sketch_acc": 0.4321}, FIGURES_ROLE)
    models.item(models.row_of(mlp)).setData({"test_acc": 0.7534}, FIGURES_ROLE)
    cnn_line = "test 87.7% · reference drawings 43%"
    qtbot.waitUntil(lambda: scores.figures_lines()[cnn] == cnn_line, timeout=10_000)
    assert scores.figures_lines()[mlp] == "test 75.3% · reference drawings not scored"


@pytest.mark.parametrize("points", [0, 8])
def test_all_models_bars_keep_their_width_beside_a_long_bold_name(qtbot, show_widget, points):
    """A taught model's long bold name took the bars' column down to ~30 px, where 54 % and 100 %
    looked alike: the name now wraps and every bar keeps BAR_CHARS digits' width."""
    from PySide6.QtGui import QFont

    from core.sketch_scores import SketchScore
    from gui.browse.sketch_scores_view import BAR_CHARS, BAR_STEPS, SketchScoresView

    view = SketchScoresView()
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() + points)
    view.setFont(font)
    show_widget(view, 400, 500)
    rows = [
        ("softmax", "softmax", False, None),
        ("taught", "cnn taught our sketches (a long name for a narrow pane)", True, None),
    ]
    view.set_rows(rows, 13, keep_scores=False)
    half = SketchScore(7, 13, (7,) + (0,) * 9, (13,) + (0,) * 9)
    whole = SketchScore(13, 13, (13,) + (0,) * 9, (13,) + (0,) * 9)
    view.set_score("softmax", half)
    view.set_score("taught", whole)
    # The new rows' widgets are shown (and laid out) by the event loop.
    qtbot.waitUntil(lambda: all(row.bar.isVisible() for row in view._rows.values()))
    view.layout().activate()
    widths = view.bar_widths()
    least = view.fontMetrics().horizontalAdvance("0") * BAR_CHARS
    assert min(widths.values()) >= least, widths
    filled = {key: width * view._rows[key].bar.value() / BAR_STEPS for key, width in widths.items()}
    assert filled["taught"] - filled["softmax"] >= 0.4 * least  # 54 % and 100 % look different
    for row in view._rows.values():  # nothing pushed past the pane's right edge
        assert row.value.geometry().right() <= view.width()
