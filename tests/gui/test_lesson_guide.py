"""The Lesson menu's guide: every step, in English and in Chinese, sets up the tab and the settings it
talks about; PageDown/PageUp move between steps even from a spin box or a text field (and are left
alone while the guide is closed); the menu checks the current step; the guide remembers itself."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSpinBox

from gui import language
from gui.browse.controls import SKETCHBOOK
from gui.lesson_guide.guide import LessonGuide
from gui.lesson_guide.steps import FLAT_T, STEPS, GuideStep
from gui.session.model_sources import ModelSource
from tests.gui.conftest import PROJECTOR_W

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CJK = re.compile(r"[\u4e00-\u9fff]")
LESSON_MODEL = ModelSource.pretrained("softmax-scratch")  # shipped in resources/models; no run yet


def _softmax_switches(subtract_max: bool = True, scale: float = 1.0, temperature: float = 1.0):
    def check(window) -> None:
        panel = window.softmax_panel
        assert panel.subtract_max.isChecked() is subtract_max
        assert panel.scale() == pytest.approx(scale)
        assert panel.temperature() == pytest.approx(temperature)
        assert window.session.model_source() == LESSON_MODEL
        assert window.session.current_image() is not None

    return check


def _lesson_run(window) -> None:
    panel = window.train_panel
    config = panel.controls.config()
    assert (config.model, config.epochs, config.lr, config.batch_size) == ("softmax-scratch", 5, 0.1, 256)
    assert panel.class_pace() and panel.book_figure_shown()


def _lesson_model_and_first_class(window) -> None:
    assert window.session.model_source() == LESSON_MODEL
    assert window.weights_panel.selected_class() == 0


def _strip_shown(window) -> None:
    assert window.browse_panel.strip_pane.strip_shown()
    assert window.browse_panel.controls.split() == "test"  # the step talks of test pictures
    assert window.session.model_source() == LESSON_MODEL


def _test_pictures_in_the_grid(window) -> None:
    browse = window.browse_panel
    assert browse.controls.split() == "test"  # not the class's sketches, whatever was chosen before
    assert not browse.strip_pane.strip_shown()  # on a projector the strip stands in for the grid
    assert browse.selected_sample() is not None


def _calibration_measured(window) -> None:
    _softmax_switches()(window)
    calibration = window.softmax_panel.calibration
    assert calibration.is_computing() or calibration.plot.shown()[0] is not None


def _gradient_column_in_view(window) -> None:
    _softmax_switches()(window)
    panel = window.softmax_panel
    QApplication.processEvents()  # the scroll waits for the tab's layout
    # ŷ − y is the table's last column, in its last band of columns when the text is large.
    bottom = panel.table.mapTo(panel.scroll.widget(), QPoint(0, panel.table.height())).y()
    shown_from = panel.scroll.verticalScrollBar().value()
    assert shown_from < bottom <= shown_from + panel.scroll.viewport().height()  # "point at" ŷ − y


# step key -> (the tab in front, what else the step sets)
EXPECTED = {
    "data": ("browse_panel", _test_pictures_in_the_grid),
    "model": ("weights_panel", _lesson_model_and_first_class),
    "softmax": ("softmax_panel", _softmax_switches()),
    "loss": ("softmax_panel", _softmax_switches()),
    "training": ("train_panel", _lesson_run),
    "code": ("code_panel", lambda window: None),
    "prediction": ("browse_panel", _strip_shown),
    "overflow": ("softmax_panel", _softmax_switches(subtract_max=False, scale=100.0)),
    "temperature": ("softmax_panel", _softmax_switches(temperature=FLAT_T)),
    "calibration": ("softmax_panel", _calibration_measured),
    "gradient": ("softmax_panel", _gradient_column_in_view),
}


@pytest.fixture
def window(projector_window):
    yield projector_window
    language.apply_language(language.ENGLISH)


def _check_step(window, guide: LessonGuide, index: int, chinese: bool) -> None:
    step = STEPS[index]
    QApplication.processEvents()
    tab, check = EXPECTED[step.key]
    assert window.tabs.currentWidget() is getattr(window, tab), step.key
    result = check(window)
    assert result is None or result, step.key
    assert guide.index() == index
    assert guide.step_actions[index].isChecked()
    assert guide.dock.heading.text() == step.title()
    assert guide.dock.counter.text() == f"{index + 1}/{len(STEPS)}"
    shown = guide.dock.text.toPlainText()
    assert len(shown) > 40  # a few sentences (Chinese says the same in fewer characters)
    assert bool(CJK.search(shown)) is chinese and bool(CJK.search(step.title())) is chinese


@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE])
def test_every_step_sets_up_its_tab_and_settings(window, code):
    assert set(EXPECTED) == {step.key for step in STEPS}
    language.apply_language(code)
    window.browse_panel.controls.set_split(SKETCHBOOK)  # the teacher looked at the class's sketches
    guide = window.lesson_guide
    assert guide.dock.isHidden()  # closed until the Lesson menu opens it
    guide.step_actions[0].trigger()
    assert not guide.dock.isHidden()
    _check_step(window, guide, 0, code == language.CHINESE)
    for index in range(1, len(STEPS)):
        guide.next_action.trigger()
        _check_step(window, guide, index, code == language.CHINESE)
    guide.next_action.trigger()  # past the last step: it stays
    assert guide.index() == len(STEPS) - 1
    for index in reversed(range(len(STEPS) - 1)):  # and back, each step setting itself up again
        guide.previous_action.trigger()
        _check_step(window, guide, index, code == language.CHINESE)


def _index_of(key: str) -> int:
    return next(index for index, step in enumerate(STEPS) if step.key == key)


def test_the_loss_and_gradient_steps_get_an_image_with_a_true_class(qtbot, window):
    """After a drawing (no true class) the loss and ŷ − y steps showed neither: they now explain a
    test image; an image that has its y (a test sample, a class drawing) is kept."""
    import numpy as np

    from gui.session.values import BROWSE_SAMPLE, DRAW_BOARD, CurrentImage

    session, softmax, guide = window.session, window.softmax_panel, window.lesson_guide
    drawing = CurrentImage(np.zeros((28, 28), np.uint8), DRAW_BOARD)
    for key in ("loss", "gradient"):
        session.set_current_image(drawing)
        guide.go_to(_index_of(key))
        QApplication.processEvents()
        current = session.current_image()
        assert current.origin == BROWSE_SAMPLE and current.split == "test" and current.true_label is not None
        assert softmax.true_label() == current.true_label
        assert "Pick the true class" not in softmax.information.relation.text()
    class_drawing = CurrentImage(np.zeros((28, 28), np.uint8), DRAW_BOARD, true_label=3)
    session.set_current_image(class_drawing)
    guide.go_to(_index_of("gradient"))
    assert session.current_image() is class_drawing and softmax.true_label() == 3


def test_the_first_step_shows_test_image_0_even_when_browse_already_highlights_it(qtbot, window):
    import numpy as np

    from gui.session.values import DRAW_BOARD, CurrentImage

    session, guide = window.session, window.lesson_guide
    guide.go_to(_index_of("data"))
    assert window.browse_panel.selected_sample() == 0
    session.set_current_image(CurrentImage(np.zeros((28, 28), np.uint8), DRAW_BOARD))  # drawn since
    guide.go_to(_index_of("model"))
    guide.go_to(_index_of("data"))  # sample 0 is still highlighted: selecting it again said nothing
    current = session.current_image()
    assert (current.split, current.index) == ("test", 0) and current.true_label is not None


def test_the_calibration_step_scrolls_to_the_diagram_once_it_is_measured(qtbot, window):
    softmax = window.softmax_panel
    box = softmax.calibration
    assert box.plot.isHidden()  # never measured yet: the diagram appears when the work is done
    window.lesson_guide.go_to(_index_of("calibration"))
    qtbot.waitUntil(lambda: not box.is_computing() and box.plot.isVisible(), timeout=60_000)

    def diagram_in_view() -> bool:  # its top, and its end where it fits (at +4 on 768 px it does not)
        top = box.plot.mapTo(softmax.scroll.widget(), QPoint(0, 0)).y()
        shown_from, room = softmax.scroll.verticalScrollBar().value(), softmax.scroll.viewport().height()
        if box.plot.height() > room:
            return top == shown_from
        return shown_from <= top and top + box.plot.height() <= shown_from + room

    qtbot.waitUntil(diagram_in_view, timeout=5000)


def test_a_run_with_no_good_weights_is_not_the_lessons_model(window):
    import torch

    from core.config import TrainConfig
    from core.models import build_model
    from gui.lesson_guide.steps import lesson_model_source
    from gui.session import LiveRun

    model = build_model("softmax-scratch", torch.Generator().manual_seed(0))
    run = LiveRun(1, TrainConfig(model="softmax-scratch", lr=50.0), model.state_dict(), "lr 50")
    window.session.publish_live_run(run)
    assert lesson_model_source(window.session).is_live
    window.session.publish_live_run(run.with_end("diverged", False))  # back at its untrained start
    assert lesson_model_source(window.session) == LESSON_MODEL


def test_leaving_an_exercise_puts_the_window_back(qtbot, window):
    guide = window.lesson_guide
    softmax, strip = window.softmax_panel, window.browse_panel.strip_pane
    guide.go_to(_index_of("overflow"))
    assert not softmax.subtract_max.isChecked()
    guide.next_action.trigger()  # temperature: the overflow is over
    assert softmax.subtract_max.isChecked() and softmax.scale() == pytest.approx(1.0)
    guide.dock.close_button.click()  # the guide closed on T = 5: back to T = 1
    assert softmax.temperature() == pytest.approx(1.0)
    guide.go_to(_index_of("overflow"))
    guide.set_shown(False)  # the menu or Ctrl+G closes it too
    assert softmax.subtract_max.isChecked() and softmax.scale() == pytest.approx(1.0)
    guide.go_to(_index_of("prediction"))
    assert strip.strip_shown()
    guide.previous_action.trigger()  # the lesson's picture stood in for Split and the filters
    assert not strip.strip_shown()
    guide.go_to(_index_of("prediction"))
    guide.dock.close_button.click()
    assert not strip.strip_shown()


@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE])
@pytest.mark.parametrize("bigger", [4, 6])
def test_no_step_makes_the_window_wider_than_a_projectors_screen(qtbot, window, bigger, code):
    """At +6 the longest title, unwrapped, made the dock and the window 1113 px wide on 1024."""
    language.apply_language(code)
    for _ in range(bigger):
        window.text_size.bigger()
    guide = window.lesson_guide
    for index in range(len(STEPS)):
        guide.go_to(index)
        QApplication.processEvents()
        assert guide.dock.minimumSizeHint().width() <= PROJECTOR_W, STEPS[index].key
        assert window.minimumSizeHint().width() <= PROJECTOR_W, STEPS[index].key
        if STEPS[index].key == "gradient":
            _gradient_column_in_view(window)  # in the table's last band at this text size
    heading = guide.dock.heading
    qtbot.waitUntil(lambda: heading.height() >= heading.heightForWidth(heading.width()))  # whole, not cut
    guide.set_shown(False)
    QApplication.processEvents()
    assert window.width() <= PROJECTOR_W


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_page_keys_move_between_steps_from_a_spin_box_and_a_text_field(qtbot, window):
    guide = window.lesson_guide
    guide.go_to(STEPS.index(next(step for step in STEPS if step.key == "training")))
    spin = window.train_panel.findChildren(QSpinBox)[0]
    _focus(qtbot, window, spin)
    value = spin.value()
    start = guide.index()
    qtbot.keyClick(spin, Qt.Key.Key_PageDown)
    assert guide.index() == start + 1
    assert spin.value() == value
    window.show_tab("train")
    _focus(qtbot, window, spin)
    qtbot.keyClick(spin, Qt.Key.Key_PageUp)
    assert guide.index() == start
    assert spin.value() == value
    window.show_tab("code")
    editor = window.code_panel.scratch.editor
    _focus(qtbot, window, editor)
    qtbot.keyClick(editor, Qt.Key.Key_PageDown)
    assert guide.index() == start + 1
    assert isinstance(editor, QPlainTextEdit)


def test_with_the_guide_closed_the_page_keys_are_the_fields_own(qtbot, window):
    guide = window.lesson_guide
    guide.set_shown(False)
    assert not guide.next_action.isEnabled()
    spin = window.train_panel.findChildren(QSpinBox)[0]
    _focus(qtbot, window, spin)
    spin.setValue(spin.minimum())
    start = guide.index()
    qtbot.keyClick(spin, Qt.Key.Key_PageUp)
    assert spin.value() > spin.minimum()  # a spin box's own page step
    assert guide.index() == start


def test_the_guide_remembers_whether_it_was_open_and_its_step(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "guide.ini"), QSettings.Format.IniFormat)
    steps = tuple(GuideStep(str(n), lambda: "title", lambda: "text", lambda _window: None) for n in range(5))

    def guide() -> LessonGuide:
        window = QMainWindow()
        qtbot.addWidget(window)
        return LessonGuide(window, settings, steps)

    first = guide()
    first.go_to(3)
    first.dock.set_folded(True)
    assert not first.dock.text.isVisibleTo(first.dock)  # only the step's row is left
    second = guide()
    assert second.index() == 3 and not second.dock.isHidden() and second.dock.is_folded()
    second.set_shown(False)
    second.dock.set_folded(False)
    third = guide()
    assert third.index() == 3 and third.dock.isHidden() and not third.dock.is_folded()
    for each in (first, second, third):
        each.shutdown()
