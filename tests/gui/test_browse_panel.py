"""The Browse tab with a fake session, a numpy "model" and synthetic data (no torch, no files).

The fake model reads its answer from the image itself: pixel [0, 0] holds the class it will
predict (wrong for every 7th sample) and pixel [0, 1] how sure it is, so every expected row,
frame and matrix cell can be computed independently of the code under test.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtCore import Qt as QtCore_Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from core.classes import CLASS_NAMES
from gui.background import running_threads
from gui.browse import lesson_strip
from gui.browse.lesson_strip import STRIP_LENGTH
from gui.browse.panel import BrowsePanel
from gui.browse.sample_model import CORRECT_ROLE, SAMPLE_INDEX_ROLE
from gui.text_size import TextSize

# The offscreen platform warns when a top-level widget is shown; that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_split(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = (np.arange(n) % 10).astype(np.int64)
    images = rng.integers(0, 120, (n, 28, 28), dtype=np.uint8)
    planted = labels.copy()
    planted[::7] = (labels[::7] + 1) % 10  # the mistakes
    images[:, 0, 0] = planted
    images[:, 0, 1] = rng.integers(0, 250, n)
    return images, labels


class FakeDataset:
    def __init__(self, n_test: int = 50, n_train: int = 80) -> None:
        self.test_images, self.test_labels = make_split(n_test, 1)
        self.train_images, self.train_labels = make_split(n_train, 2)

    def split(self, name: str):
        return (
            (self.test_images, self.test_labels) if name == "test" else (self.train_images, self.train_labels)
        )


class FakePredictor:
    """Predicts (planted class + shift) with a confidence read from pixel [0, 1]."""

    def __init__(self, shift: int = 0, label: str = "fake") -> None:
        self.shift, self.label, self.model_name = shift, label, "fake"

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        images = np.asarray(images)
        single = images.ndim == 2
        images = images[None] if single else images
        predicted = (images[:, 0, 0].astype(int) + self.shift) % 10
        logits = np.zeros((len(images), 10))
        logits[np.arange(len(images)), predicted] = 1.0 + images[:, 0, 1] / 40.0
        probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        return (probs[0] if single else probs).astype(np.float32)

    def predicted(self, images: np.ndarray) -> np.ndarray:
        return (images[:, 0, 0].astype(int) + self.shift) % 10


class BrokenPredictor(FakePredictor):
    def probabilities(self, images: np.ndarray) -> np.ndarray:
        raise RuntimeError("weights are NaN")


class FakeSession(QObject):
    dataset_changed = Signal()
    predictor_changed = Signal()

    def __init__(self, dataset=None, predictor=None, error=None) -> None:
        super().__init__()
        self.dataset, self.dataset_error, self.dataset_loading = dataset, error, False
        self._predictor = predictor
        self.current_images: list = []
        self.predictor_requests = 0  # the real Session builds a Predictor for new weights when asked

    def predictor(self):
        self.predictor_requests += 1
        return self._predictor

    def predictor_error(self):
        return None

    def set_current_image(self, image, *, only_if_none: bool = False) -> None:
        self.current_images.append((image, only_if_none))

    def set_predictor(self, predictor) -> None:
        self._predictor = predictor
        self.predictor_changed.emit()

    def set_dataset(self, dataset, error=None) -> None:
        self.dataset, self.dataset_error = dataset, error
        self.dataset_changed.emit()


@pytest.fixture
def make_panel(qtbot):
    panels: list[BrowsePanel] = []

    def make(session) -> BrowsePanel:
        panel = BrowsePanel(session)
        qtbot.addWidget(panel)
        panel.resize(1400, 900)
        panel.show()
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
        assert not running_threads()  # joined, not left running


def wait_for_predictions(qtbot, panel, predictor) -> None:
    """Until the grid shows exactly `predictor`'s answers for the current split."""
    images, _ = panel._dataset.split(panel._split)
    expected = predictor.predicted(images)

    def shown() -> None:
        stats = panel.model.stats()
        assert stats is not None and np.array_equal(stats.predicted, expected)

    qtbot.waitUntil(shown, timeout=5000)


def rows(panel) -> list[int]:
    model = panel.model
    return [model.data(model.index(r), SAMPLE_INDEX_ROLE) for r in range(model.rowCount())]


def test_without_dataset_the_tab_explains_how_to_get_it(make_panel, qtbot):
    session = FakeSession(error="Fashion-MNIST was not found. sudo apt-get install dataset-fashion-mnist")
    panel = make_panel(session)
    assert panel.pages.currentWidget() is panel.missing_page
    assert "apt-get install dataset-fashion-mnist" in panel.missing.text()
    predictor = FakePredictor()
    session._predictor = predictor
    session.set_dataset(FakeDataset())
    assert panel.pages.currentIndex() == 1
    wait_for_predictions(qtbot, panel, predictor)


def test_frames_and_matrix_follow_the_predictions(make_panel, qtbot):
    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    model = panel.model
    right = predictor.predicted(data.test_images) == data.test_labels
    assert [model.data(model.index(r), CORRECT_ROLE) for r in range(model.rowCount())] == list(right)
    matrix = panel.matrix.matrix()
    assert matrix.sum() == len(data.test_labels)
    assert np.trace(matrix) == right.sum()
    assert f"accuracy {right.mean():.1%}" in panel.summary.text()
    assert panel.strip.titles()[0] == f"{CLASS_NAMES[0]}\n{CLASS_NAMES[1]}"  # sample 0 is a planted mistake


def test_selection_and_arrow_keys_update_the_details(make_panel, qtbot):
    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    assert panel.select_sample(7)
    np.testing.assert_allclose(
        panel.detail.bars.probabilities(), predictor.probabilities(data.test_images[7]), rtol=1e-6
    )
    assert CLASS_NAMES[(data.test_labels[7] + 1) % 10] in panel.detail.predicted_text()
    assert "wrong" in panel.detail.predicted_text()
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, QtCore_Qt.Key.Key_Right)
    assert panel.selected_sample() == 8
    np.testing.assert_array_equal(panel.detail.current_image(), data.test_images[8])
    np.testing.assert_allclose(
        panel.detail.bars.probabilities(), predictor.probabilities(data.test_images[8]), rtol=1e-6
    )


def test_new_weights_refresh_predictions_frames_and_matrix(make_panel, qtbot):
    data, first = FakeDataset(), FakePredictor()
    session = FakeSession(data, first)
    panel = make_panel(session)
    wait_for_predictions(qtbot, panel, first)
    panel.select_sample(3)
    before = panel.matrix.matrix().copy()
    newer = FakePredictor(shift=1)
    session.set_predictor(newer)
    wait_for_predictions(qtbot, panel, newer)
    assert not np.array_equal(panel.matrix.matrix(), before)
    assert panel.selected_sample() == 3  # the teacher's place survives the refresh
    expected_bars = newer.probabilities(data.test_images[3])
    np.testing.assert_allclose(panel.detail.bars.probabilities(), expected_bars, rtol=1e-6)


def test_confusion_click_filters_the_grid_to_that_cell(make_panel, qtbot):
    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    predicted = predictor.predicted(data.test_images)
    true, pred = 3, 4  # sample 3 (label 3) is planted as 4 (index 0 and multiples of 7: 3? no) → compute
    cells = list(zip(data.test_labels, predicted, strict=True))
    true, pred = next((int(t), int(p)) for t, p in cells if t != p)
    qtbot.mouseClick(
        panel.matrix, QtCore_Qt.MouseButton.LeftButton, pos=panel.matrix.cell_rect(true, pred).center()
    )
    expected = np.flatnonzero((data.test_labels == true) & (predicted == pred))
    assert rows(panel) == list(expected)
    assert panel.matrix.selected() == (true, pred)
    assert panel.true_box.currentText() == CLASS_NAMES[true]
    assert panel.predicted_box.currentText() == CLASS_NAMES[pred]
    assert panel.selected_sample() == expected[0]
    panel.clear_filters()
    assert panel.model.rowCount() == len(data.test_labels)
    assert panel.matrix.selected() is None


def test_filter_and_sort_controls(make_panel, qtbot):
    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    panel.only_wrong.setChecked(True)
    assert rows(panel) == list(range(0, 50, 7))
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("least_confident"))
    confidence = predictor.probabilities(data.test_images).max(axis=1)
    assert sorted(rows(panel)) == list(range(0, 50, 7))
    assert np.all(np.diff(confidence[rows(panel)]) >= 0)
    panel.split_box.setCurrentIndex(panel.split_box.findData("train"))
    wait_for_predictions(qtbot, panel, predictor)
    assert rows(panel)[0] in range(0, 80, 7) and panel.model.total_count() == 80


def test_send_to_canvas_and_save_strip(make_panel, qtbot, tmp_path):
    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    panel.select_sample(5)
    sent: list[np.ndarray] = []
    panel.send_to_canvas.connect(sent.append)
    panel.detail.send_button.click()
    assert len(sent) == 1 and sent[0].dtype == np.uint8 and sent[0].shape == (28, 28)
    np.testing.assert_array_equal(sent[0], data.test_images[5])
    # A double-click on a thumbnail sends that one.
    centre = panel.grid.visualRect(panel.model.index(2)).center()
    qtbot.mouseClick(panel.grid.viewport(), QtCore_Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.grid.viewport(), QtCore_Qt.MouseButton.LeftButton, pos=centre)
    assert len(sent) == 2
    np.testing.assert_array_equal(sent[1], data.test_images[2])
    target = tmp_path / "strip.png"
    assert panel.strip.save_png(str(target))
    assert target.stat().st_size > 0


def test_a_failing_model_gives_a_message_not_a_traceback(make_panel, qtbot):
    panel = make_panel(FakeSession(FakeDataset(), BrokenPredictor()))
    qtbot.waitUntil(lambda: "could not predict" in panel.summary.text(), timeout=5000)
    assert "weights are NaN" in panel.summary.text()
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("loss"))
    assert "weights are NaN" in panel.summary.text()
    assert panel.model.rowCount() == 50  # the images are still browsable


def test_no_model_yet_still_shows_the_images(make_panel):
    panel = make_panel(FakeSession(FakeDataset(), None))
    assert panel.model.rowCount() == 50
    assert panel.matrix.matrix() is None
    assert "No model yet" in panel.summary.text()
    panel.true_box.setCurrentIndex(panel.true_box.findData(3))
    assert panel.model.rowCount() == 5
    assert "No model yet" in panel.summary.text()  # the reason stays while browsing


def test_sixty_thousand_images_are_one_view_not_sixty_thousand_widgets(make_panel, qtbot):
    data = FakeDataset(n_test=50, n_train=60_000)
    predictor = FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    widgets_before = len(panel.findChildren(QWidget))
    panel.split_box.setCurrentIndex(panel.split_box.findData("train"))
    wait_for_predictions(qtbot, panel, predictor)
    assert panel.model.rowCount() == 60_000
    assert len(panel.findChildren(QWidget)) == widgets_before
    assert panel.grid.indexWidget(panel.model.index(0)) is None

    # Batched layout finishes in the background; then the bottom of 60,000 rows is reachable.
    def bottom_row_visible() -> None:
        panel.grid.scrollToBottom()
        assert panel.grid.indexAt(panel.grid.viewport().rect().center()).row() > 59_000

    qtbot.waitUntil(bottom_row_visible, timeout=10_000)


def test_shutdown_joins_a_running_prediction(make_panel, qtbot):
    data = FakeDataset(n_test=50, n_train=60_000)
    panel = make_panel(FakeSession(data, FakePredictor()))
    panel.split_box.setCurrentIndex(panel.split_box.findData("train"))
    panel.shutdown()
    assert not running_threads() and not panel.runner.is_busy()


def test_a_hidden_tab_predicts_only_once_it_is_shown(qtbot):
    data, predictor = FakeDataset(), FakePredictor()
    panel = BrowsePanel(FakeSession(data, predictor))
    qtbot.addWidget(panel)
    jobs: list[int] = []
    panel.runner.started.connect(lambda: jobs.append(1))  # counts every prediction job started
    try:
        QApplication.processEvents()  # whatever showing would have started, had it been shown
        assert panel.model.stats() is None and not panel.runner.is_busy() and jobs == []
        panel.show()
        wait_for_predictions(qtbot, panel, predictor)
        assert jobs  # the counter does see jobs: the empty list above was no accident
    finally:
        panel.shutdown()


def test_thumbnails_and_texts_follow_the_app_text_size(make_panel, qtbot):
    panel = make_panel(FakeSession(FakeDataset(), FakePredictor()))
    first = panel.model.index(0)
    qtbot.waitUntil(lambda: panel.grid.visualRect(first).width() > 0)
    width_before = panel.grid.visualRect(first).width()
    missing_before = panel.missing.font().pointSizeF()
    bigger = QFont(QApplication.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    QApplication.setFont(bigger)  # what View ▸ Bigger text does; the conftest restores it
    qtbot.waitUntil(lambda: panel.grid.visualRect(first).width() > 1.5 * width_before, timeout=5000)
    assert panel.missing.font().pointSizeF() > 1.5 * missing_before


def test_while_the_dataset_loads_the_tab_says_so(make_panel):
    panel = make_panel(FakeSession(None, FakePredictor()))
    assert panel.pages.currentWidget() is panel.missing_page
    assert "Loading" in panel.missing.text()


def test_save_strip_dialog_adds_png_and_reports_an_unwritable_folder(
    make_panel, qtbot, tmp_path, monkeypatch
):
    import gui.browse.lesson_strip as fashion_strip

    panel = make_panel(FakeSession(FakeDataset(), FakePredictor()))
    wait_for_predictions(qtbot, panel, FakePredictor())
    chosen = [str(tmp_path / "lesson")]
    warnings: list[str] = []
    monkeypatch.setattr(fashion_strip.QFileDialog, "getSaveFileName", lambda *a, **k: (chosen[0], "PNG"))
    monkeypatch.setattr(
        fashion_strip.QMessageBox, "warning", lambda parent, title, text: warnings.append(text)
    )
    panel.strip_pane.save_button.click()
    assert (tmp_path / "lesson.png").stat().st_size > 0 and warnings == []
    chosen[0] = str(tmp_path / "no such folder" / "lesson.png")
    panel.strip_pane.save_button.click()
    assert len(warnings) == 1 and "no such folder" in warnings[0]


def test_folding_the_lesson_strip_gives_the_grid_its_height_and_is_remembered(make_panel, qtbot, monkeypatch):
    monkeypatch.setattr(lesson_strip, "screen_has_room_for_strip", lambda: True)
    panel = make_panel(FakeSession(FakeDataset(), FakePredictor()))
    pane = panel.strip_pane
    assert pane.strip_shown() and panel.strip.isVisible()
    grid_height = panel.grid.height()
    pane.fold_button.click()
    qtbot.waitUntil(lambda: panel.grid.height() > grid_height + panel.strip.sizeHint().height() // 2)
    assert not panel.strip.isVisible() and not pane.save_button.isVisible()
    assert pane.fold_button.isVisible() and "Show" in pane.fold_button.toolTip()
    # A new window (the next lesson) opens it folded, as the teacher left it.
    again = make_panel(FakeSession(FakeDataset(), FakePredictor()))
    assert not again.strip_pane.strip_shown() and not again.strip.isVisible()
    again.strip_pane.fold_button.click()
    assert again.strip.isVisible() and "Hide" in again.strip_pane.fold_button.toolTip()


def test_a_hidden_tab_does_not_ask_for_each_new_model_and_catches_up_when_shown(make_panel, qtbot):
    session = FakeSession(FakeDataset(), FakePredictor())
    panel = make_panel(session)
    wait_for_predictions(qtbot, panel, session.predictor())
    panel.hide()
    asked = session.predictor_requests
    for shift in (1, 2, 3):  # live weights published while the class watches the Train tab
        session.set_predictor(FakePredictor(shift=shift))
        qtbot.wait(20)
    assert session.predictor_requests == asked
    panel.show()
    wait_for_predictions(qtbot, panel, FakePredictor(shift=3))


@pytest.mark.parametrize("screen_height, shown", [(768, False), (1080, True)])
def test_the_strip_starts_folded_on_a_projector_sized_screen(make_panel, monkeypatch, screen_height, shown):
    monkeypatch.setattr(lesson_strip.QGuiApplication, "primaryScreen", lambda: _Screen(screen_height))
    panel = make_panel(FakeSession(FakeDataset(), FakePredictor()))
    assert panel.strip_pane.strip_shown() == shown and panel.strip.isVisible() == shown
    assert panel.strip_pane.fold_button.isVisible()  # the way to the strip is always in view


class _Screen:
    def __init__(self, height: int) -> None:
        self.height = height

    def availableGeometry(self):  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QRect

        return QRect(0, 0, 1024, self.height)


def test_on_a_projector_the_unfolded_strip_takes_the_grids_place_with_whole_names(
    make_panel, qtbot, monkeypatch
):
    """At 1024×768 and +4 the strip under the grid had ~42-px images and names cut to "A…"."""
    monkeypatch.setattr(lesson_strip.QGuiApplication, "primaryScreen", lambda: _Screen(768))
    text = TextSize()
    for _ in range(4):
        text.bigger()
    session = FakeSession(FakeDataset(), FakePredictor())
    panel = make_panel(session)
    panel.resize(1000, 640)
    wait_for_predictions(qtbot, panel, session.predictor())
    assert panel.grid.isVisible() and not panel.strip.isVisible()
    panel.strip_pane.fold_button.click()
    qtbot.waitUntil(lambda: panel.strip.isVisible() and not panel.grid.isVisible())
    qtbot.waitUntil(lambda: panel.strip.height() > panel.height() // 2)
    layout = panel.strip.arrangement(panel.strip.width(), panel.strip.height())
    metrics = panel.strip.fontMetrics()
    widest = max(metrics.horizontalAdvance(name) for name in CLASS_NAMES)
    assert layout.column >= widest  # every name whole
    assert layout.columns * layout.rows >= STRIP_LENGTH
    assert layout.side >= 2 * 42  # the images as large as the column's room allows, not thumbnails
    panel.strip_pane.fold_button.click()
    assert panel.grid.isVisible()


def test_prediction_progress_counts_with_thousands_separators_under_a_whole_width_summary(
    make_panel, qtbot
):
    """Predicting the training set at big text: "19197 / 60000" beside a summary one word a line."""
    from gui import language

    text = TextSize()
    for _ in range(6):
        text.bigger()
    panel = make_panel(FakeSession(FakeDataset(), None))
    panel.resize(1000, 640)
    panel.progress.setVisible(True)
    panel.progress.show_progress(19197, 60000)
    assert panel.progress.text() == "Predicting 19,197 / 60,000"
    qtbot.waitUntil(lambda: panel.summary.width() >= panel.grid.width())  # the bar is not beside it
    try:
        language.apply_language(language.CHINESE)
        assert "19,197 / 60,000" in panel.progress.text()
        assert panel.progress.text() != "Predicting 19,197 / 60,000"  # translated too
    finally:
        language.apply_language(language.ENGLISH)
    panel.progress.show_progress(60000, 60000)
    assert panel.progress.text() == "Predicting 60,000 / 60,000"


def test_after_a_language_switch_the_lesson_strip_gets_room_for_its_names(make_panel, qtbot, monkeypatch):
    """中文 → English at +4: the grid's side kept the width Chinese names needed, English names
    fitted two to a row, and nine images in five rows shrank to dots until the text size changed."""
    from gui import language

    monkeypatch.setattr(lesson_strip.QGuiApplication, "primaryScreen", lambda: _Screen(768))
    text = TextSize()
    for _ in range(4):
        text.bigger()
    try:
        language.apply_language(language.CHINESE)
        session = FakeSession(FakeDataset(), FakePredictor())
        panel = make_panel(session)
        panel.resize(1000, 640)
        wait_for_predictions(qtbot, panel, session.predictor())
        panel.strip_pane.set_strip_shown(True)
        splitter = panel.splitter
        qtbot.waitUntil(lambda: splitter.is_side_by_side() and panel.strip.isVisible())
        total = sum(splitter.sizes())
        splitter.setSizes([370, total - 370])  # as a larger text or the teacher's drag left it
        language.apply_language(language.ENGLISH)
        strip = panel.strip

        def images_not_dots() -> None:
            layout = strip.arrangement(strip.width(), strip.height())
            assert layout.columns >= 3 and layout.side >= strip.fontMetrics().height() * 2

        qtbot.waitUntil(images_not_dots)
    finally:
        language.apply_language(language.ENGLISH)


def test_the_summary_says_the_captions_are_the_model_s_answers(make_panel, qtbot):
    """"✗ Sneaker" under a tile read as "not a sneaker": the line above the grid says whose answer the
    captions are and what the ✗ means, in either language."""
    from gui import language

    data, predictor = FakeDataset(), FakePredictor(label="pretrained fake")
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    assert "under each image: what pretrained fake says (✗ wrong)" in panel.summary.text()
    try:
        language.apply_language(language.CHINESE)
        assert "每张图下面是 pretrained fake 的回答（✗ 表示答错）" in panel.summary.text()
    finally:
        language.apply_language(language.ENGLISH)


def test_an_empty_grid_says_why_and_offers_to_clear_the_filters(make_panel, qtbot):
    """A blank grid with "Select an image in the grid" beside it, after a cell's filters carried over
    to another data set, explained nothing. The fake model never reads a Dress as a Sandal."""
    from gui import language
    from gui.browse.sample_model import Filter

    data, predictor = FakeDataset(), FakePredictor()
    panel = make_panel(FakeSession(data, predictor))
    wait_for_predictions(qtbot, panel, predictor)
    assert not panel.controls.clear_button.isEnabled()  # nothing to clear yet
    panel.filter_to_cell(3, 5)
    assert panel.model.rowCount() == 0
    assert panel.grid_pages.currentWidget() is panel.no_match
    assert panel.no_match.text() == "No Dress in the test set is read as Sandal."
    assert panel.detail.title_text() == panel.no_match.text()  # not "Select an image in the grid"
    assert "(True: Dress, Predicted: Sandal)" in panel.summary.text()
    assert panel.controls.clear_button.isEnabled()

    # The filters stay on for the training set (the same confusion compared), and say so.
    panel.split_box.setCurrentIndex(panel.split_box.findData("train"))
    wait_for_predictions(qtbot, panel, predictor)
    assert panel.no_match.text() == "No Dress in the training set is read as Sandal."
    assert "Showing 0 of 80 training images (True: Dress, Predicted: Sandal)" in panel.summary.text()
    try:
        language.apply_language(language.CHINESE)
        assert panel.no_match.text() == "训练集中没有被读成凉鞋的连衣裙。"
    finally:
        language.apply_language(language.ENGLISH)

    # A right answer with "Only misclassified" on can never show: it says so.
    panel.controls.set_filter(Filter(3, 3, only_wrong=True))
    assert "is a right answer" in panel.no_match.text()

    panel.no_match.clear_button.click()
    assert panel.grid_pages.currentWidget() is panel.grid
    assert panel.model.rowCount() == 80 and not panel.controls.clear_button.isEnabled()
    assert panel.detail.title_text().startswith("Training image #")
    assert "(True" not in panel.summary.text()
