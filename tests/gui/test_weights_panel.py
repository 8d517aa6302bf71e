"""The Weights tab through a real Session: templates are the weights, painting edits one class and
the answer follows, Reset gives the trained weights back bit for bit, a hidden tab stays idle."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from core.data import to_model_input
from core.lesson.templates import linear_parameters
from core.models import build_model, make_update_step
from gui.session import BROWSE_SAMPLE, LIVE, CurrentImage, Session
from gui.weights.panel import WeightsPanel
from gui.widgets.brush import Brush, StrokeTracker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _trained_state(name: str, seed: int = 0) -> dict:
    """Weights after one real update step, as the training worker would publish them."""
    model = build_model(name, torch.Generator().manual_seed(seed))
    step = make_update_step(name, model, lr=0.5)
    generator = torch.Generator().manual_seed(seed + 1)
    images = torch.randint(0, 256, (32, 28, 28), dtype=torch.uint8, generator=generator)
    step(to_model_input(images), torch.randint(0, 10, (32,), generator=generator))
    return {key: value.detach().clone() for key, value in model.state_dict().items()}


def _mouse(widget, kind: QEvent.Type, point: QPointF, button=Qt.MouseButton.LeftButton) -> None:
    """A mouse event delivered to `widget` itself: QTest's go to whatever widget is on screen at
    that point of the window, which in a scrolled page depends on layout timing."""
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    moving = kind == QEvent.Type.MouseMove
    event = QMouseEvent(
        kind,
        point,
        widget.mapToGlobal(point),
        Qt.MouseButton.NoButton if moving else button,
        held,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _press(widget, point: QPointF) -> None:
    _mouse(widget, QEvent.Type.MouseButtonPress, point)
    _mouse(widget, QEvent.Type.MouseButtonRelease, point)


def _image(seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = np.zeros((28, 28), dtype=np.uint8)
    image[4:24, 6:22] = rng.integers(60, 256, (20, 16))
    return image


def _publish(session: Session, name: str, state: dict, label: str) -> None:
    """What the Train tab does with each new set of live weights."""
    if hasattr(session, "publish_live_run"):
        from core.config import TrainConfig
        from gui.session import LiveRun

        session.publish_live_run(LiveRun(1, TrainConfig(model=name), state, label))
    else:  # the Session's earlier interface
        session.publish_live_weights(name, state, label)


@pytest.fixture
def session() -> Session:
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    return session


@pytest.fixture
def panel(show_widget, session: Session) -> WeightsPanel:
    return show_widget(WeightsPanel(session), 1024, 740)


@pytest.mark.parametrize("name", ["softmax-scratch", "softmax"])
def test_templates_on_screen_are_the_live_weights(
    qtbot, panel: WeightsPanel, session: Session, name: str
) -> None:
    state = _trained_state(name)
    _publish(session, name, state, f"live {name}")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    rows, bias = linear_parameters(name, state)
    shown = panel.shown_templates()
    np.testing.assert_array_equal(shown.images.reshape(10, 784), rows.numpy())
    np.testing.assert_array_equal(shown.biases, bias.numpy())
    assert panel.grid.count() == 10 and panel.colour_bar.scale() == pytest.approx(shown.scale())
    assert panel.controls.towards_button.isEnabled()
    # the next publish (another training step) is followed
    newer = _trained_state(name, seed=5)
    _publish(session, name, newer, f"live {name}")
    qtbot.waitUntil(
        lambda: np.array_equal(panel.shown_templates().biases, linear_parameters(name, newer)[1].numpy())
    )


def test_logit_and_probability_bars_match_the_model(qtbot, panel: WeightsPanel, session: Session) -> None:
    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    image = _image()
    session.set_current_image(CurrentImage(image, BROWSE_SAMPLE, 2, "test", 7635))
    qtbot.waitUntil(lambda: panel.logit_bars.logits() is not None)
    predictor = session.predictor()
    np.testing.assert_allclose(panel.logit_bars.logits(), predictor.logits(image), atol=1e-6)
    np.testing.assert_allclose(panel.prob_bars.probabilities(), predictor.probabilities(image), atol=1e-6)
    assert "7,635" in panel.image_heading.text()
    # clicking a class's bar explains that class
    bars = panel.logit_bars
    y = bars._top_offset() + bars._row_height() * 6.5
    _press(bars, QPointF(bars.width() / 2, y))
    assert panel.selected_class() == 6
    assert panel.sums.text().split(":")[0] == "Shirt"
    assert f"= {predictor.logits(image)[6]:.2f}".replace("-", "−") in panel.sums.text()


def test_templates_are_chosen_by_click_or_arrow_keys(qtbot, panel: WeightsPanel, session: Session) -> None:
    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    _press(panel.grid, panel.grid.tile_rect(8).center())
    assert panel.selected_class() == 8 and panel.grid.selected() == 8
    columns = panel.grid.layout_for(panel.grid.width())[0]
    qtbot.keyClick(panel.grid, Qt.Key.Key_Left)
    assert panel.selected_class() == 7
    qtbot.keyClick(panel.grid, Qt.Key.Key_Up)
    assert panel.selected_class() == 7 - columns
    qtbot.keyClick(panel.grid, Qt.Key.Key_Up)  # nothing above the first row
    assert panel.selected_class() == 7 - columns
    assert columns == 5 and "template of Pullover" in panel.equation.captions()[0]  # 7 − 5 = 2


def _paint_drag(qtbot, panel: WeightsPanel, button=Qt.MouseButton.LeftButton) -> None:
    equation = panel.equation
    rect = equation.picture_rect(0)
    start = QPointF(rect.left() + rect.width() * 0.3, rect.center().y())
    end = QPointF(rect.left() + rect.width() * 0.7, rect.center().y())
    _mouse(equation, QEvent.Type.MouseButtonPress, start, button)
    _mouse(equation, QEvent.Type.MouseMove, end, button)
    _mouse(equation, QEvent.Type.MouseButtonRelease, end, button)


def test_painting_edits_the_selected_class_only_and_reset_restores_bit_for_bit(
    qtbot, panel: WeightsPanel, session: Session
) -> None:
    trained = _trained_state("softmax-scratch")
    _publish(session, "softmax-scratch", trained, "live softmax-scratch")
    image = _image()
    session.set_current_image(CurrentImage(image, BROWSE_SAMPLE, 4, "test", 1))
    qtbot.waitUntil(lambda: panel.logit_bars.logits() is not None)
    before_logits = session.predictor().logits(image)
    panel.select_class(4)

    with qtbot.waitSignal(session.predictor_changed, timeout=2000):
        _paint_drag(qtbot, panel)
    assert session.has_edits() and panel.controls.reset_button.isEnabled()
    name, edited = session.active_weights()
    rows_before, bias_before = linear_parameters(name, trained)
    rows_after, bias_after = linear_parameters(name, edited)
    changed = (rows_after != rows_before).any(dim=1)
    assert changed.tolist() == [j == 4 for j in range(10)]  # class 4's template, nothing else
    assert (rows_after[4] - rows_before[4]).min() >= 0  # "+ towards" only adds
    assert torch.equal(bias_after, bias_before)
    after_logits = session.predictor().logits(image)
    assert after_logits[4] > before_logits[4]  # the image now looks more like class 4
    np.testing.assert_array_equal(np.delete(after_logits, 4), np.delete(before_logits, 4))
    np.testing.assert_allclose(panel.logit_bars.logits(), after_logits, atol=1e-6)  # the bars followed

    qtbot.mouseClick(panel.controls.reset_button, Qt.MouseButton.LeftButton)
    assert not session.has_edits()
    _, restored = session.active_weights()
    assert restored.keys() == trained.keys()
    for key in trained:
        assert torch.equal(restored[key], trained[key]), key  # bit for bit
    np.testing.assert_array_equal(session.predictor().logits(image), before_logits)
    assert not panel.controls.reset_button.isEnabled()


def test_right_button_and_minus_paint_away(qtbot, panel: WeightsPanel, session: Session) -> None:
    trained = _trained_state("softmax")
    _publish(session, "softmax", trained, "live softmax")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    panel.select_class(7)
    _paint_drag(qtbot, panel, Qt.MouseButton.RightButton)
    qtbot.waitUntil(session.has_edits)
    name, edited = session.active_weights()
    difference = linear_parameters(name, edited)[0] - linear_parameters(name, trained)[0]
    assert difference[7].max() <= 0 and difference[7].min() < 0
    # "− away" with the right button paints towards again: the two signs multiply
    panel.reset_edits()
    panel.controls.away_button.click()
    _paint_drag(qtbot, panel, Qt.MouseButton.RightButton)
    qtbot.waitUntil(session.has_edits)
    name, edited = session.active_weights()
    difference = linear_parameters(name, edited)[0] - linear_parameters(name, trained)[0]
    assert difference[7].min() >= 0 and difference[7].max() > 0


def test_new_live_weights_mid_stroke_drop_the_stroke(qtbot, panel: WeightsPanel, session: Session) -> None:
    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    rect = panel.equation.picture_rect(0)
    centre, further = rect.center(), rect.center() + QPointF(rect.width() * 0.2, 0)
    _mouse(panel.equation, QEvent.Type.MouseButtonPress, centre)
    qtbot.waitUntil(session.has_edits)
    newer = _trained_state("softmax", seed=7)
    _publish(session, "softmax", newer, "live softmax")  # the next training step arrives
    assert not session.has_edits()
    _mouse(panel.equation, QEvent.Type.MouseMove, further)
    _mouse(panel.equation, QEvent.Type.MouseButtonRelease, further)
    assert not session.has_edits()  # the old weights did not come back with the rest of the stroke
    _, now = session.active_weights()
    assert all(torch.equal(now[key], newer[key]) for key in newer)
    _paint_drag(qtbot, panel)  # and the next stroke paints again
    qtbot.waitUntil(session.has_edits)


def test_hidden_tab_stays_idle_and_catches_up_when_shown(qtbot, session: Session) -> None:
    panel = WeightsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(1024, 740)
    assert panel.redraw_count == 0  # never shown: nothing drawn yet
    for seed in range(6):  # live weights arriving while the Train tab is in front
        _publish(session, "softmax", _trained_state("softmax", seed), "live softmax")
        session.set_current_image(CurrentImage(_image(seed), BROWSE_SAMPLE, 1, "test", seed))
    # Redraws happen only through the redraw timer (or a direct call): none ran, none is pending.
    assert panel.redraw_count == 0 and not panel.redraw_pending()
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.redraw_count == 1  # one catch-up redraw, with the newest weights
    newest = linear_parameters("softmax", _trained_state("softmax", 5))[0].numpy()
    np.testing.assert_array_equal(panel.shown_templates().images.reshape(10, 784), newest)
    _publish(session, "softmax", _trained_state("softmax", 8), "live softmax")
    assert panel.redraw_pending()  # shown: the same signal does schedule a redraw
    count = panel.redraw_count
    panel.hide()
    qtbot.waitUntil(lambda: not panel.redraw_pending())
    assert panel.redraw_count == count  # the redraw scheduled before hiding did not run hidden
    _publish(session, "softmax", _trained_state("softmax", 9), "live softmax")
    assert panel.redraw_count == count and not panel.redraw_pending()


def test_live_updates_are_rate_limited_but_reach_the_newest(
    qtbot, panel: WeightsPanel, session: Session
) -> None:
    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    start = panel.redraw_count
    for seed in range(10):  # a burst, faster than anyone can see
        _publish(session, "softmax", _trained_state("softmax", seed), "live softmax")
    newest = linear_parameters("softmax", _trained_state("softmax", 9))[0].numpy()
    qtbot.waitUntil(lambda: np.array_equal(panel.shown_templates().images.reshape(10, 784), newest))
    assert panel.redraw_count - start <= 3


@pytest.mark.parametrize(("name", "units"), [("mlp", 256), ("cnn", 16)])
def test_other_models_say_their_pictures_are_not_templates(
    qtbot, panel: WeightsPanel, session: Session, name: str, units: int
) -> None:
    _publish(session, name, _trained_state(name), f"live {name}")
    session.set_current_image(CurrentImage(_image(), BROWSE_SAMPLE, 1, "test", 1))
    qtbot.waitUntil(lambda: panel.units.count() == units)
    assert "Only the linear models' pictures are templates" in panel.explanation.text()
    assert not panel.controls.towards_button.isEnabled()
    assert panel.grid.isVisible() == (name == "mlp") and panel.controls.save_button.isEnabled() == (
        name == "mlp"
    )
    if name == "mlp":
        assert "W₂·W₁" in panel.explanation.text()
    np.testing.assert_allclose(panel.logit_bars.logits(), session.predictor().logits(_image()), atol=1e-5)
    _paint_drag(qtbot, panel)  # the brush does nothing on a model without templates
    assert not session.has_edits()


def test_class_names_follow_the_language(qtbot, panel: WeightsPanel, session: Session) -> None:
    from gui.language import CHINESE, ENGLISH, apply_language

    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    session.set_current_image(CurrentImage(_image(), BROWSE_SAMPLE, 1, "test", 1))
    qtbot.waitUntil(lambda: bool(panel.grid.captions()) and panel.grid.captions()[0][0] == "T-shirt/top")
    panel.select_class(6)
    try:
        apply_language(CHINESE)
        qtbot.waitUntil(lambda: panel.grid.captions()[6][0] == "衬衫")
        assert panel.sums.text().startswith("衬衫")
    finally:
        apply_language(ENGLISH)
    qtbot.waitUntil(lambda: panel.grid.captions()[6][0] == "Shirt")
    assert panel.sums.text().startswith("Shirt:")


def test_fits_a_1024_projector_at_the_largest_text(qtbot, panel: WeightsPanel, session: Session) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    session.set_current_image(CurrentImage(_image(), BROWSE_SAMPLE, 1, "test", 1))
    qtbot.waitUntil(lambda: panel.logit_bars.logits() is not None)
    before = panel.grid.tile_rect(0).width()
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.15**4)  # Ctrl+= four times
    QApplication.setFont(font)
    panel.resize(1024, 700)
    qtbot.waitUntil(lambda: panel.grid.tile_rect(0).width() > before * 1.2)  # pictures grow with text
    assert panel.minimumSizeHint().width() <= 1024
    assert panel.scroll.horizontalScrollBar().maximum() == 0  # reflows, never scrolls sideways
    page = panel.scroll.widget()
    for widget in (
        panel.grid,
        panel.colour_bar,
        panel.equation,
        panel.logit_bars,
        panel.prob_bars,
        panel.network,
    ):
        right = widget.mapTo(page, widget.rect().topRight()).x()
        assert right <= panel.scroll.viewport().width(), type(widget).__name__


def test_saved_picture_is_twice_the_screen_size(
    qtbot, panel: WeightsPanel, session: Session, tmp_path
) -> None:
    _publish(session, "softmax", _trained_state("softmax"), "live softmax")
    qtbot.waitUntil(lambda: panel.shown_templates() is not None)
    path = tmp_path / "templates.png"
    assert panel.save_templates_png(str(path))
    saved = QImage(str(path))
    block = panel.templates_block.size()
    assert (saved.width(), saved.height()) == (2 * block.width(), 2 * block.height())
    assert (
        len({saved.pixel(x, y) for x in range(0, saved.width(), 7) for y in range(0, saved.height(), 7)}) > 50
    )


def test_no_model_yet_says_what_to_do(qtbot, panel: WeightsPanel) -> None:
    panel.refresh()
    assert not panel.grid.isVisible() and "Train tab" in panel.prob_bars.hint()
    assert "Train tab" in panel.explanation.text()


def test_shared_brush_pieces() -> None:
    brush = Brush(1, 10, 3)
    assert brush.set_diameter(40) == 10 and brush.set_diameter(0) == 1 and brush.radius() == 0.5
    stroke = StrokeTracker()
    assert stroke.extend(QPoint(1, 1).toPointF()) is None  # no stroke under way
    stroke.begin(QPoint(1, 1).toPointF())
    assert stroke.extend(QPoint(2, 3).toPointF()) == QPoint(1, 1).toPointF()
    assert [(p.x(), p.y()) for p in stroke.end()] == [(1, 1), (2, 3)] and not stroke.is_active()


# -- the network diagram -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["softmax-scratch", "softmax", "mlp", "cnn"])
def test_the_network_shows_the_current_models_layers_and_counts(
    qtbot, panel: WeightsPanel, session: Session, name: str
) -> None:
    from torch import nn

    _publish(session, name, _trained_state(name), f"live {name}")
    qtbot.waitUntil(lambda: panel.network.architecture is not None)
    model = session.predictor().model
    texts = panel.network.texts()
    assert panel.network.isVisible() and "Click an output" in panel.network_heading.text()
    assert texts[-1] == f"{sum(p.numel() for p in model.parameters()):,} parameters in all"
    weighted = [m for m in model.modules() if isinstance(m, nn.Linear | nn.Conv2d)] or [model]
    assert len(panel.network.blocks) == len(weighted)  # one box per layer with weights
    for block, module in zip(panel.network.blocks, weighted, strict=True):
        assert f"{sum(p.numel() for p in module.parameters(recurse=False)):,} parameters" in block.lines[-1]
    if name.startswith("softmax"):
        assert texts == [
            "fully connected: o = Wx + b",
            "7,850 parameters: W 784×10, b 10",
            "7,850 parameters in all",
        ]
    else:
        assert texts[0].startswith(
            "fully connected 784 → 256" if name == "mlp" else "convolution 5×5, 1 → 16"
        )


@pytest.mark.parametrize("name", ["softmax", "cnn"])
def test_clicking_an_output_node_selects_its_template(
    qtbot, panel: WeightsPanel, session: Session, name: str
) -> None:
    _publish(session, name, _trained_state(name), f"live {name}")
    session.set_current_image(CurrentImage(_image(), BROWSE_SAMPLE, 1, "test", 1))
    qtbot.waitUntil(lambda: panel.network.architecture is not None)
    centre = panel.network._output_centres()[7]
    assert panel.network.output_at(centre) == 7
    _press(panel.network, centre)
    assert panel.selected_class() == 7 and panel.network.selected == 7
    if name == "softmax":
        assert panel.grid.selected() == 7  # the template above is the one picked
        assert panel.sums.text().startswith("Sneaker")
    _press(panel.network, QPointF(2, 2))  # off the outputs: nothing changes
    assert panel.selected_class() == 7


def test_the_network_fits_a_1024_projector_in_chinese(qtbot, panel: WeightsPanel, session: Session) -> None:
    from PySide6.QtGui import QFont

    from gui.language import CHINESE, ENGLISH, apply_language

    _publish(session, "cnn", _trained_state("cnn"), "live cnn")  # the widest diagram
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.15**4)  # Ctrl+= four times
    QApplication.setFont(font)
    try:
        apply_language(CHINESE)
        qtbot.waitUntil(lambda: "参数" in " ".join(panel.network.texts()))
        panel.resize(1024, 700)
        QApplication.processEvents()
        viewport = panel.scroll.viewport().width()
        assert panel.network.minimumSizeHint().width() <= viewport
        assert panel.scroll.horizontalScrollBar().maximum() == 0
        assert panel.network.height() >= panel.network.minimumSizeHint().height()
        for j in range(10):  # every class name drawn whole, inside the picture
            assert panel.network.output_label_rect(j).right() <= panel.network.width()
        for text in [
            line for block in panel.network.blocks for line in block.lines
        ]:  # every box line as wide as its box allows
            assert panel.network._text_width([text], bold=True) <= panel.network._boxes()[0].width()
    finally:
        apply_language(ENGLISH)
