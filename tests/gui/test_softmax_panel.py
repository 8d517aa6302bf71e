"""The Softmax tab follows the current image, never changes the live model until Apply, idles when
hidden, shows the naive softmax overflowing, and fits a projector's screen at large text."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QApplication

from core.lesson.softmax_steps import softmax
from core.models import build_model
from gui.background import running_threads
from gui.session import BROWSE_SAMPLE, DRAW_BOARD, LIVE, CurrentImage, Session
from gui.softmax.panel import SoftmaxPanel
from gui.text_size import TextSize

# The offscreen platform's note when a top-level widget's minimum size changes: harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def trained_looking_weights(name: str) -> dict:
    """Random weights made larger, so ŷ is far from uniform and the steps show something."""
    model = build_model(name, torch.Generator().manual_seed(0))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.mul_(20.0)
    return {key: value.detach().clone() for key, value in model.state_dict().items()}


_run_ids = itertools.count(1)


def use_weights(session: Session, name: str, label: str) -> None:
    """Make `name` with fresh trained-looking weights the active (live) model."""
    state = trained_looking_weights(name)
    if hasattr(session, "publish_live_run"):  # the Session that publishes whole runs
        from core.config import TrainConfig
        from gui.session import LiveRun

        session.publish_live_run(LiveRun(next(_run_ids), TrainConfig(model=name), state, label))
    else:
        session.set_model_source(LIVE)
        session.publish_live_weights(name, state, label)


@pytest.fixture
def session(qapp) -> Session:
    session = Session()
    session.mark_runtime_ready()
    use_weights(session, "softmax", "live softmax")
    return session


def image(seed: int, label: int | None = None) -> CurrentImage:
    pixels = np.random.default_rng(seed).integers(0, 256, (28, 28), dtype=np.uint8)
    if label is None:
        return CurrentImage(pixels, DRAW_BOARD)
    return CurrentImage(pixels, BROWSE_SAMPLE, label, "test", seed)


def shown_logits(panel: SoftmaxPanel) -> np.ndarray:
    return np.asarray(panel.table.columns()[0].values)


def test_stages_follow_the_current_image(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    assert panel.table.hint()  # nothing to show yet, and it says so

    first = image(1, label=3)
    session.set_current_image(first)
    np.testing.assert_allclose(shown_logits(panel), session.predictor().logits(first.pixels), rtol=1e-6)
    assert panel.true_label() == 3  # Browse's label is y …
    panel.true_class.setCurrentIndex(4 + 1)  # … unless the teacher asks "what if it were a Coat?"
    panel.true_class.activated.emit(4 + 1)
    assert panel.true_label() == 4 and panel.table.columns()[3].values[4] < 0
    session.set_current_image(first)  # the same sample again: the pick stays …
    assert panel.true_label() == 4
    session.set_current_image(image(1, label=3))  # … a new selection brings its own label back
    assert panel.true_label() == 3
    assert first.describe() in panel.source.text()
    probs = np.asarray(panel.table.columns()[2].values)
    np.testing.assert_allclose(probs, session.predictor().probabilities(first.pixels), atol=1e-6)
    gradient = np.asarray(panel.table.columns()[3].values)
    assert gradient[3] < 0 and gradient.sum() == pytest.approx(0.0, abs=1e-6)

    drawing = image(2)
    session.set_current_image(drawing)
    np.testing.assert_allclose(shown_logits(panel), session.predictor().logits(drawing.pixels), rtol=1e-6)
    assert panel.true_label() is None and len(panel.table.columns()) == 3  # no y → no gradient yet
    assert not panel.step.apply_button.isEnabled()
    # The teacher picks y for the drawing; it is kept while the student draws on.
    panel.true_class.setCurrentIndex(7 + 1)
    panel.true_class.activated.emit(7 + 1)
    session.set_current_image(image(3))
    assert panel.true_label() == 7 and len(panel.table.columns()) == 4


def test_temperature_divides_the_logits(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(4, label=1))
    panel.temperature_slider.setValue(panel.temperature_slider.maximum())  # T = 10
    assert panel.temperature() == pytest.approx(10.0)
    logits = session.predictor().logits(session.current_image().pixels)
    np.testing.assert_allclose(
        panel.table.columns()[2].values, softmax(logits.astype(np.float64) / 10), atol=1e-6
    )


def test_temperature_is_typed_and_reset_and_the_slider_follows(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(4, label=1))
    panel.temperature_spin.setValue(0.5)  # typed: exactly 0.5, not the slider's nearest step
    assert panel.temperature() == 0.5
    assert panel.temperature_slider.value() == round(np.log10(0.5) * 100)
    logits = session.predictor().logits(session.current_image().pixels)
    np.testing.assert_allclose(
        panel.table.columns()[2].values, softmax(logits.astype(np.float64) / 0.5), atol=1e-6
    )
    panel.temperature_control.reset_button.click()
    assert panel.temperature() == 1.0 and panel.temperature_slider.value() == 0
    np.testing.assert_allclose(panel.table.columns()[2].values, softmax(logits.astype(np.float64)), atol=1e-6)


def test_a_tiny_probability_shows_its_loss_through_log_softmax(session, show_widget):
    """With the max subtracted, a ŷ_y that prints as 0.0000 must not read "−log 0.0000 = 2063"."""
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    current = image(8)
    session.set_current_image(current)
    panel.scale_slider.setValue(panel.scale_slider.maximum())  # ×100: logits in the thousands
    logits = session.predictor().logits(current.pixels).astype(np.float64) * 100
    least = int(np.argmin(logits))
    panel.true_class.setCurrentIndex(least + 1)
    panel.true_class.activated.emit(least + 1)
    text = panel.loss.text()
    assert "0.0000" not in text and "log Σ exp" in text
    expected = float(np.log(np.exp(logits - logits.max()).sum()) + logits.max() - logits[least])
    assert f"{expected:.3f}"[:-1] in text.replace("−", "-")  # the loss, to within float32's last digit
    assert "−0.00 bits" not in panel.table.columns()[2].footer


def test_overflow_note_and_loss_line_name_the_same_loss(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    current = image(8)
    session.set_current_image(current)
    panel.subtract_max.setChecked(False)
    panel.scale_slider.setValue(panel.scale_slider.maximum())
    for label in range(10):
        panel.true_class.setCurrentIndex(label + 1)
        panel.true_class.activated.emit(label + 1)
        loss_shown = panel.loss.text().split("(y =")[0].split("=")[-1].strip()  # "… = inf   (y = …)"
        assert loss_shown in ("inf", "NaN")
        assert f"is {loss_shown} " in panel.overflow.text()


def test_overflow_note_follows_the_text_size(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(8, label=2))
    panel.subtract_max.setChecked(False)
    panel.scale_slider.setValue(panel.scale_slider.maximum())
    before = panel.overflow.fontInfo().pixelSize()
    text_size = TextSize()
    try:
        for _ in range(4):
            text_size.bigger()
        QApplication.processEvents()
        assert panel.overflow.fontInfo().pixelSize() == panel.fontInfo().pixelSize() > before
    finally:
        text_size.reset()


def test_what_if_step_changes_the_live_model_only_on_apply(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    current = image(5, label=4)
    session.set_current_image(current)
    before = session.predictor().probabilities(current.pixels)
    panel.step.lr.setCurrentIndex(2)
    panel.true_class.setCurrentIndex(2 + 1)
    panel.true_class.activated.emit(2 + 1)
    what_if = panel.what_if()
    assert what_if is not None and panel.step.delta_maps.image_count() == 10
    assert not np.allclose(what_if.probs_after, before, atol=1e-3)  # the step does change ŷ …
    np.testing.assert_array_equal(session.predictor().probabilities(current.pixels), before)  # … on a copy
    assert not session.has_edits()

    panel.step.apply_button.click()
    assert session.has_edits()
    np.testing.assert_allclose(
        session.predictor().probabilities(current.pixels), what_if.probs_after, atol=1e-5
    )
    assert panel.step.reset_button.isEnabled()

    panel.step.reset_button.click()
    assert not session.has_edits()
    np.testing.assert_array_equal(session.predictor().probabilities(current.pixels), before)


def test_idle_while_hidden_and_catches_up_when_shown(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(6, label=0))
    panel.hide()
    done = panel.updates
    later = image(7, label=5)
    session.set_current_image(later)  # direct connections: any work would have happened by now
    use_weights(session, "softmax", "live softmax 2")
    assert panel.updates == done
    panel.show()
    assert panel.updates == done + 1
    np.testing.assert_allclose(shown_logits(panel), session.predictor().logits(later.pixels), rtol=1e-6)


def test_naive_softmax_overflows_visibly_and_the_max_trick_fixes_it(session, show_widget):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(8, label=2))
    panel.subtract_max.setChecked(False)
    panel.scale_slider.setValue(panel.scale_slider.maximum())  # ×100
    assert panel.scale() == pytest.approx(100.0)
    exps, probs = (np.asarray(c.values) for c in panel.table.columns()[1:3])
    assert np.isinf(exps).any() and np.isnan(probs).any()
    assert panel.overflow.isVisible() and "inf" in panel.overflow.text()
    panel.subtract_max.setChecked(True)
    exps, probs = (np.asarray(c.values) for c in panel.table.columns()[1:3])
    assert np.isfinite(exps).all() and np.isfinite(probs).all()
    assert probs.sum() == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_other_models_step_through_backprop_and_say_why_there_is_no_picture(session, show_widget, name):
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    use_weights(session, name, f"live {name}")
    current = image(9, label=6)
    session.set_current_image(current)
    assert len(panel.table.columns()) == 4
    assert panel.step.note.isVisible() and "linear" in panel.step.note.text()
    assert not panel.step.delta_maps.isVisible() and panel.step.after_table.isVisible()
    before = session.predictor().probabilities(current.pixels)
    what_if = panel.what_if()
    assert what_if is not None and what_if.delta_maps is None
    np.testing.assert_array_equal(session.predictor().probabilities(current.pixels), before)
    panel.step.apply_button.click()
    np.testing.assert_allclose(
        session.predictor().probabilities(current.pixels), what_if.probs_after, atol=1e-5
    )


def measure(qtbot, panel: SoftmaxPanel) -> None:
    """Press "Compute on the test set" and wait for its thread to deliver and end."""
    assert panel.calibration.compute()
    assert not panel.calibration.compute_button.isEnabled()  # it says it is working
    qtbot.waitUntil(lambda: not panel.calibration.is_computing(), timeout=20_000)


def test_reliability_and_temperature_on_the_test_set(qtbot, session, show_widget, tiny_dataset):
    session.set_dataset(tiny_dataset)
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    session.set_current_image(image(10, label=1))
    box = panel.calibration
    assert not box.fit_button.isEnabled() and not box.plot.isVisible()
    measure(qtbot, panel)
    assert box.plot.isVisible() and box.compute_button.isEnabled()
    before, after = box.plot.shown()
    assert before is not None and after is None and before.total == len(tiny_dataset.test_labels)
    assert sum(int(text.replace(",", "")) for text in box.plot.count_labels()) == before.total
    box.fit_button.click()
    result = box.result()
    assert result is not None and result.nll_after <= result.nll_before
    box.use_fitted.setChecked(True)
    assert panel.temperature() == pytest.approx(result.temperature)
    assert not panel.temperature_slider.isEnabled()
    box.use_fitted.setChecked(False)
    assert panel.temperature() == pytest.approx(1.0)
    use_weights(session, "softmax", "newer")
    assert "changed" in box.note.text()


def test_shutdown_stops_a_measurement_under_way(session, show_widget, tiny_dataset):
    session.set_dataset(tiny_dataset)
    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    assert panel.calibration.compute()
    assert panel.calibration.is_computing()
    panel.shutdown()  # the thread-leak check of the conftest fails the test if it still runs
    assert not panel.calibration.is_computing()
    assert not running_threads()


def test_fits_a_projector_screen_at_large_text(qtbot, session, show_widget, tiny_dataset):
    session.set_dataset(tiny_dataset)
    text = TextSize()
    for _ in range(4):
        text.bigger()
    panel = show_widget(SoftmaxPanel(session), 1024, 740)
    session.set_current_image(image(11, label=3))
    measure(qtbot, panel)
    QApplication.processEvents()
    assert panel.minimumSizeHint().width() <= 1024 and panel.minimumSizeHint().height() <= 768
    body = panel.scroll.widget()
    assert body.width() <= panel.scroll.viewport().width()  # no sideways scrolling
    # Every part of the tab is inside the scrolled body, none clipped at its right edge.
    for widget in (
        panel.table,
        panel.step.delta_maps,
        panel.step.after_table,
        panel.calibration.plot,
        panel.step.apply_button,
        panel.information,
    ):
        right = widget.mapTo(body, widget.rect().topRight()).x()
        assert widget.width() > 0 and right <= body.width()
    assert panel.table.height() >= panel.table.heightForWidth(panel.table.width())
    # One more step of text size: the large loss line grows with it.
    text.bigger()
    QApplication.processEvents()
    assert panel.loss.font().pointSizeF() == pytest.approx(1.2 * text.point_size(), rel=0.02)


def test_information_box_shows_the_loss_in_bits_as_torch_computes_it(session, show_widget):
    """Surprisal, H(ŷ), H(y, ŷ) and KL on screen, following T and "subtract the max" like the loss line."""
    import math

    import torch.nn.functional as F  # noqa: N812 (torch's own spelling)

    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    current = image(5, label=6)
    session.set_current_image(current)
    panel.temperature_spin.setValue(2.5)
    z = torch.tensor(session.predictor().logits(current.pixels), dtype=torch.float64) / 2.5
    bits = F.cross_entropy(z[None], torch.tensor([6])).item() / math.log(2)
    entropy = torch.special.entr(torch.softmax(z, 0)).sum().item() / math.log(2)
    box = panel.information
    assert box.bits.cross_entropy == pytest.approx(bits, rel=1e-5)
    assert box.values["cross_entropy"].text() == box.values["kl"].text() == box.values["surprisal"].text()
    assert box.values["cross_entropy"].text() == f"{bits:.3f} bits"
    assert box.values["entropy"].text() == f"{entropy:.3f} bits"
    # The relation line quotes the loss line's own number (nats = bits · ln 2).
    loss_shown = panel.loss.text().split("(y =")[0].split("=")[-1].strip()
    assert f"= {loss_shown}." in box.relation.text()

    panel.true_class.setCurrentIndex(0)  # no y: only the entropy exists
    panel.true_class.activated.emit(0)
    assert box.bits is None and box.values["kl"].text() == "—" and box.values["entropy"].text()

    panel.true_class.setCurrentIndex(6 + 1)
    panel.true_class.activated.emit(6 + 1)
    panel.subtract_max.setChecked(False)
    panel.scale_slider.setValue(panel.scale_slider.maximum())  # the naive exp overflows …
    assert "NaN" in box.values["cross_entropy"].text() or "inf" in box.values["cross_entropy"].text()
    assert "NaN" in box.values["entropy"].text()  # … and the box shows the same broken ŷ as the loss
    panel.subtract_max.setChecked(True)
    assert math.isfinite(box.bits.cross_entropy)


def test_the_gradient_bars_keep_one_scale_from_image_to_image(session, show_widget):
    """ŷ − y lies in [−1, 1]: a full half-bar is always 1, so a gradient of −0.005 draws as a sliver
    and −0.8 nearly whole, whichever image came first (rescaled per image, both drew whole)."""
    from gui.softmax.stage_table import bar_reach

    panel = show_widget(SoftmaxPanel(session), 1024, 700)
    longest = []
    for seed in (1, 2, 3):
        session.set_current_image(image(seed, label=seed))
        gradient_column = panel.table.columns()[3]
        assert bar_reach(gradient_column) == 1.0
        longest.append(float(np.max(np.abs(gradient_column.values))) / bar_reach(gradient_column))
    assert len({round(length, 3) for length in longest}) > 1  # the bars' lengths differ with the values
    logits = panel.table.columns()[0]
    assert bar_reach(logits) == pytest.approx(float(np.max(np.abs(logits.values))))  # o keeps its own
