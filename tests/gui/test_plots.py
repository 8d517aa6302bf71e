"""The Train tab's curves: batch storage, smoothing, the loss axis and downsampling; colours,
bounded runs, log axis, divergence, hover, text size, export and theme for a projector."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsItem

from gui.train.loss_axis import LOSS_AXIS_PADDING, LOSS_HEADROOM
from gui.train.plot_data import PEAK_CAP_FACTOR
from gui.train.plots import (
    AXES,
    AXIS_CACHE,
    MAX_RUNS,
    PALETTE,
    SMOOTHING,
    BatchSeries,
    TrainPlots,
)


def loss_axis(plots: TrainPlots) -> tuple[float, float]:
    """The loss axis's range without pyqtgraph's padding: (bottom, top) as the plots asked."""
    bottom, top = plots.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    pad = (top - bottom) * LOSS_AXIS_PADDING / (1 + 2 * LOSS_AXIS_PADDING)
    return bottom + pad, top - pad


def test_batch_series_grows_past_its_first_block_and_keeps_every_point() -> None:
    series = BatchSeries()
    points = [(i / 100, 2.0 + math.sin(i)) for i in range(2500)]
    for start in range(0, len(points), 37):
        series.extend(points[start : start + 37])
    assert len(series) == 2500
    np.testing.assert_array_equal(series.x, [x for x, _ in points])
    np.testing.assert_array_equal(series.loss, [loss for _, loss in points])


def test_smoothed_loss_is_a_bias_corrected_moving_average() -> None:
    series = BatchSeries()
    losses = [2.3, 1.9, 1.2, 1.4, 0.9]
    series.extend([(i, loss) for i, loss in enumerate(losses)])
    assert series.smooth[0] == pytest.approx(2.3)  # no pull towards 0 at the start
    ema = 0.0
    for step, loss in enumerate(losses, start=1):
        ema = SMOOTHING * ema + (1 - SMOOTHING) * loss
        assert series.smooth[step - 1] == pytest.approx(ema / (1 - SMOOTHING**step))


def test_loss_axis_starts_at_zero_grows_with_the_curves_and_resets_when_cleared(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    plots.begin_run("softmax lr 0.1", epochs=2)
    plots.add_batch_points([(0.01, 2.0), (0.02, float("nan")), (0.03, 1.5)])
    bottom, top = loss_axis(plots)
    assert bottom == pytest.approx(0.0, abs=1e-9) and top == pytest.approx(2.0 * LOSS_HEADROOM)
    assert len(plots.current_run().batch_loss) == 2  # the NaN never reaches the curves
    plots.add_batch_points([(0.04, 1.0)])  # lower losses leave the axis alone
    assert loss_axis(plots)[1] == pytest.approx(top)
    plots.begin_run("softmax lr 1", epochs=2)
    plots.add_batch_points([(0.01, 9.0)])  # a wilder run widens it for every run shown
    assert loss_axis(plots)[1] == pytest.approx(9.0 * LOSS_HEADROOM)
    plots.clear_runs()
    plots.begin_run("softmax lr 0.1", epochs=2)
    plots.add_batch_points([(0.01, 2.0)])
    assert loss_axis(plots)[1] == pytest.approx(2.0 * LOSS_HEADROOM)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_long_runs_are_downsampled_for_drawing_but_kept_whole(qtbot, show_widget) -> None:
    """PlotItem.addItem resets each curve's downsampling: it must be switched on afterwards."""
    plots = show_widget(TrainPlots(), 800, 600)
    plots.begin_run("mlp lr 0.1", epochs=10)
    plots.add_batch_points([(i / 938, 1.0 + 0.5 * math.sin(i)) for i in range(9380)])
    view = plots.loss_plot.getPlotItem().getViewBox()
    # Downsampling follows the view's range in pixels: wait until it spans the 10 epochs, not a fixed time.
    qtbot.waitUntil(lambda: view.viewRange()[0][1] >= 10 and view.width() > 0, timeout=5000)
    run = plots.current_run()
    assert len(run.batch_loss) == 9380
    drawn_raw = len(run.items["raw"]._getDisplayDataset().x)
    drawn_smooth = len(run.items["smooth"]._getDisplayDataset().x)
    width = plots.loss_plot.getPlotItem().getViewBox().width()
    assert drawn_raw <= 2.5 * width  # "peak" keeps a min and a max per pixel or so
    assert drawn_smooth <= width


# -- projector: colours, bounded runs, log axis, divergence, hover, sizes, export, theme ----------
def two_epoch_run(plots: TrainPlots, label: str, scale: float = 1.0) -> None:
    plots.begin_run(label, epochs=2)
    plots.add_batch_points([(i / 50, scale * (2.3 - i / 60)) for i in range(100)])
    plots.add_epoch(1, scale * 1.0, 0.7, 0.68)
    plots.add_epoch(2, scale * 0.6, 0.8, 0.79)


def key_names(plots: TrainPlots) -> list[str]:
    """The key's run names (after its two rows for test and training)."""
    return [label.text() for label in plots.key.labels[2:]]


def test_runs_take_distinct_colours_and_markers_and_earlier_runs_stay_strong(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    for lr in ("0.01", "0.1", "1"):
        two_epoch_run(plots, f"softmax lr {lr}")
    colours = [run.color for run in plots.runs]
    assert len(set(colours)) == 3 and set(colours) <= set(PALETTE)
    assert len({run.symbol for run in plots.runs}) == 3
    earlier, current = plots.runs[0], plots.runs[-1]
    earlier_pen, current_pen = earlier.items["smooth"].opts["pen"], current.items["smooth"].opts["pen"]
    assert earlier_pen.color().alphaF() >= 0.8  # not a pale pastel
    assert earlier_pen.color().name().upper() == earlier.color.upper()
    assert current_pen.widthF() > earlier_pen.widthF()  # the current run is told apart by width


def test_at_most_max_runs_are_overlaid_and_the_title_says_how_many(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    item_counts = []
    for index in range(MAX_RUNS + 3):
        two_epoch_run(plots, f"run {index}")
        item_counts.append(len(plots.loss_plot.getPlotItem().items))
    assert len(plots.runs) == MAX_RUNS and plots.runs_begun == MAX_RUNS + 3
    assert [run.label for run in plots.runs] == [f"run {i}" for i in range(3, MAX_RUNS + 3)]
    assert item_counts[-1] == item_counts[MAX_RUNS - 1]  # dropped runs leave nothing behind
    assert key_names(plots) == [run.label for run in plots.runs]
    title = plots.loss_plot.getPlotItem().titleLabel.text
    assert f"{MAX_RUNS} of {MAX_RUNS + 3}" in title
    plots.clear_runs()
    assert "of" not in plots.loss_plot.getPlotItem().titleLabel.text


def test_log_scale_loss_axis_spans_the_losses_and_keeps_the_x_range(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    two_epoch_run(plots, "softmax lr 0.1")
    x_before = plots.loss_plot.getPlotItem().getViewBox().viewRange()[0]
    plots.log_scale_box.setChecked(True)
    item = plots.loss_plot.getPlotItem()
    assert item.ctrl.logYCheck.isChecked()
    bottom, top = item.getViewBox().viewRange()[1]
    run = plots.current_run()
    assert bottom <= math.log10(run.low_loss) and top >= math.log10(run.peak_loss)
    assert item.getViewBox().viewRange()[0] == pytest.approx(x_before)
    assert not any(item.getViewBox().autoRangeEnabled())
    plots.set_log_loss(False)
    assert not item.ctrl.logYCheck.isChecked()
    assert loss_axis(plots)[0] == pytest.approx(0.0, abs=1e-9)


def test_a_diverging_run_keeps_its_last_points_and_a_diverged_marker(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    two_epoch_run(plots, "softmax lr 0.1")
    top_before = loss_axis(plots)[1]
    plots.begin_run("softmax lr 50", epochs=2)
    plots.add_batch_points([(0.01, 2.3), (0.02, 40.0), (0.03, 9e4), (0.04, float("inf"))])
    plots.mark_diverged()
    run = plots.current_run()
    assert run.diverged and list(run.batch_loss) == [2.3, 40.0, 9e4]
    # The axis follows it only so far: the other runs are not flattened to a line.
    assert loss_axis(plots)[1] <= max(top_before, PEAK_CAP_FACTOR * 2.3 * LOSS_HEADROOM) + 1e-9
    marker = run.items["diverged_marker"]
    xs, ys = marker.getData()
    bottom, top = plots.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    assert xs[0] == pytest.approx(0.03) and bottom <= ys[0] <= top  # pinned inside the plot
    assert run.items["diverged_text"].textItem.toPlainText() == "diverged"
    assert "diverged" in key_names(plots)[-1]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_hover_values_disappear_when_the_pointer_leaves(qtbot, show_widget) -> None:
    plots = show_widget(TrainPlots(), 800, 600)
    two_epoch_run(plots, "softmax lr 0.1")
    qtbot.wait(10)
    run = plots.current_run()
    view_box = plots.acc_plot.getPlotItem().getViewBox()
    scene_pos = view_box.mapViewToScene(QPointF(run.epoch_x[-1], run.test_acc[-1]))
    plots.hover.on_mouse_moved(plots.acc_plot, scene_pos)
    assert plots.hover.is_shown()
    assert "0.7900" in plots.hover.labels[plots.acc_plot].textItem.toPlainText()
    QApplication.sendEvent(plots.acc_plot.viewport(), QEvent(QEvent.Type.Leave))
    assert not plots.hover.is_shown()


def test_key_and_axis_labels_follow_the_text_size(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    two_epoch_run(plots, "softmax lr 0.1")
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.75)
    QApplication.setFont(font)  # the conftest restores the usual font afterwards
    QApplication.sendEvent(plots, QEvent(QEvent.Type.FontChange))
    size = f"{font.pointSizeF():.1f}pt"
    item = plots.acc_plot.getPlotItem()
    assert item.getAxis("bottom").labelStyle["font-size"] == size
    assert item.getAxis("bottom").style["tickFont"].pointSizeF() == pytest.approx(font.pointSizeF())


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_saved_plots_are_twice_the_screen_size_or_the_chosen_width(qtbot, show_widget, tmp_path) -> None:
    plots = show_widget(TrainPlots(), 640, 480)
    two_epoch_run(plots, "softmax lr 0.1")
    image = plots.render_image()
    assert (image.width(), image.height()) == (2 * plots.width(), 2 * plots.height())
    wide = plots.render_image(1920)
    assert wide.width() == 1920 and wide.height() == round(plots.height() * 1920 / plots.width())
    target = tmp_path / "curves.png"
    assert plots.save_png(str(target), width=1000)
    assert QImage(str(target)).width() == 1000
    # Drawn again at that size, not blank: the curves' colours are in it.
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert PALETTE[0].lower() in colours


def test_the_high_contrast_theme_turns_the_plots_dark_and_the_lines_thick(qtbot) -> None:
    from gui.theme import set_high_contrast

    plots = TrainPlots()
    qtbot.addWidget(plots)
    two_epoch_run(plots, "softmax lr 0.1")
    normal_width = plots.current_run().items["smooth"].opts["pen"].widthF()
    set_high_contrast(True)
    try:
        assert plots.loss_plot.backgroundBrush().color().name() == "#000000"
        assert plots.current_run().items["smooth"].opts["pen"].widthF() > 1.5 * normal_width
        assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    finally:
        set_high_contrast(False)
    assert plots.loss_plot.backgroundBrush().color().name() == "#ffffff"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() != "#000000"


def _axes(plots: TrainPlots) -> list:
    return [plot.getPlotItem().getAxis(side) for plot in (plots.loss_plot, plots.acc_plot) for side in AXES]


def _without_axis_pixmaps(plots: TrainPlots, draw):
    for axis in _axes(plots):
        axis.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        return draw()
    finally:
        for axis in _axes(plots):
            axis.setCacheMode(AXIS_CACHE)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_axes_kept_as_pixmaps_look_as_drawn_afresh_on_screen_and_in_a_saved_png(qtbot, show_widget) -> None:
    """The axes (with their grid lines) are cached so curve updates don't redraw them: the
    pixmaps must follow a growing loss axis, and a saved PNG must not scale them up."""
    plots = show_widget(TrainPlots(), 640, 480)
    assert all(axis.cacheMode() == AXIS_CACHE for axis in _axes(plots))
    two_epoch_run(plots, "softmax lr 0.1")
    plots.grab()  # the pixmaps are made for this axis range
    plots.begin_run("softmax lr 1", epochs=4)
    plots.add_batch_points([(0.1, 9.0), (0.2, 8.0)])  # the loss and epoch axes both grow
    assert plots.grab().toImage() == _without_axis_pixmaps(plots, lambda: plots.grab().toImage())
    assert plots.render_image() == _without_axis_pixmaps(plots, plots.render_image)


# -- the key beside the plots, and colours a colour-blind class tells apart (issue 20) ----------
# Machado et al. 2009, severity 1, on linear RGB: protanopia, deuteranopia, tritanopia.
CVD_MATRICES = {
    "normal": np.eye(3),
    "protan": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deutan": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritan": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def lab(hex_colour: str, vision: str) -> np.ndarray:
    """CIELAB (D65) of the colour as seen with `vision`."""
    srgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(CVD_MATRICES[vision] @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def smallest_difference(colours) -> float:
    return min(
        float(np.linalg.norm(lab(a, vision) - lab(b, vision)))
        for vision in CVD_MATRICES
        for i, a in enumerate(colours)
        for b in colours[i + 1 :]
    )


def test_the_eight_run_colours_stay_apart_for_every_kind_of_colour_vision() -> None:
    from gui.train.plot_style import HIGH_CONTRAST_PALETTE, SYMBOLS

    assert len(PALETTE) == len(HIGH_CONTRAST_PALETTE) == len(set(SYMBOLS)) == MAX_RUNS == 8
    # Okabe & Ito's eight (yellow left out on white) come to 16: vermillion/orange, blue/sky blue.
    okabe_ito = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
    assert smallest_difference(okabe_ito) < 17
    assert smallest_difference(PALETTE) > 20
    assert smallest_difference(HIGH_CONTRAST_PALETTE) > 15


def alike(one: str, other: str) -> bool:
    """Read as one colour on a projector: hues (CIELCh, normal vision) within 45° at lightnesses
    within 25 (the review's violet #9900FF and wine #882255: 39° and 12 apart)."""
    (l1, a1, b1), (l2, a2, b2) = lab(one, "normal"), lab(other, "normal")
    hues = abs(np.degrees(np.arctan2(b1, a1)) - np.degrees(np.arctan2(b2, a2))) % 360
    return min(hues, 360 - hues) < 45 and abs(l1 - l2) < 25


def test_the_first_five_runs_and_runs_in_a_row_never_look_alike() -> None:
    from gui.train.plot_style import HIGH_CONTRAST_PALETTE

    assert alike("#9900FF", "#882255")  # runs 3 and 4 before
    for palette in (PALETTE, HIGH_CONTRAST_PALETTE):
        first_five = {(i, j) for i in range(5) for j in range(i + 1, 5)}
        pairs = first_five | {(i, i + 1) for i in range(len(palette) - 1)}
        assert not [(i + 1, j + 1) for i, j in sorted(pairs) if alike(palette[i], palette[j])], palette


def runs_at_projector_size(plots: TrainPlots, count: int) -> None:
    for index in range(count):
        model = "softmax-scratch" if index < count - 1 else "cnn"
        plots.begin_run(
            f"{model} #{index + 1} lr 0.{index + 1}",
            5,
            model=model,
            short_label=f"#{index + 1} lr 0.{index + 1}",
        )
        plots.add_batch_points([(i / 50, 2.3 - i / 60) for i in range(100)])
        plots.add_epoch(1, 1.0, 0.7, 0.68)
        plots.add_epoch(2, 0.6, 0.8, 0.79)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_key_sits_beside_the_plots_whole_at_big_text_with_eight_runs(qtbot, show_widget) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.15**4)  # +4
    QApplication.setFont(font)  # the conftest restores the usual font afterwards
    plots = show_widget(TrainPlots(), 560, 440)  # the Train tab's plot area at 1024×768, +4
    runs_at_projector_size(plots, MAX_RUNS)
    plots.mark_diverged()
    qtbot.waitUntil(lambda: plots.key.isVisible() and plots.key.labels[-1].isVisible(), timeout=5000)
    key = plots.key.geometry()
    for plot in (plots.loss_plot, plots.acc_plot):
        assert not key.intersects(plot.geometry())  # covers no curve
    names = [label.text() for label in plots.key.labels]
    assert names[2:4] == ["softmax-scratch", "#1 lr 0.1"] and "cnn" in names and "diverged" in names[-1]
    for label in plots.key.labels:
        inside = label.mapTo(plots, label.rect().bottomRight())
        assert plots.rect().contains(inside), label.text()  # nothing below the widget's edge
        assert label.height() >= label.heightForWidth(label.width()), label.text()  # no line cut
    # In the saved PNG too: the last run's colour is drawn in the key's part of the image.
    image = plots.render_image(plots.width())
    last = QColor(plots.runs[-1].color).name()
    seen = {
        QColor(image.pixel(x, y)).name()
        for x in range(key.left(), key.right(), 2)
        for y in range(key.top(), key.bottom(), 2)
    }
    assert last in seen


def test_test_and_training_accuracy_differ_in_line_and_marker(qtbot) -> None:
    plots = TrainPlots()
    qtbot.addWidget(plots)
    two_epoch_run(plots, "softmax lr 0.1")
    run = plots.current_run()
    test, train = run.items["test_acc"].opts, run.items["train_acc"].opts
    assert test["pen"].style() == Qt.PenStyle.SolidLine and train["pen"].style() == Qt.PenStyle.DashLine
    assert test["pen"].widthF() > train["pen"].widthF()
    assert QColor(train["symbolBrush"].color()).name() != QColor(test["symbolBrush"].color()).name()  # hollow


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_accuracy_ticks_thin_out_when_the_plot_is_short(qtbot, show_widget) -> None:
    """At +4 on a short plot pyqtgraph crammed 0.2 … 0.8 into a few pixels."""
    plots = show_widget(TrainPlots(), 700, 800)
    axis = plots.acc_plot.getPlotItem().getAxis("left")

    def spacing() -> float:
        return axis.tickValues(0.0, 1.0, plots.acc_plot.height())[0][0]

    qtbot.waitUntil(lambda: spacing() == pytest.approx(0.2), timeout=5000)
    plots.resize(700, 220)
    qtbot.waitUntil(lambda: spacing() == pytest.approx(0.5), timeout=5000)


def test_no_run_takes_the_colour_of_the_keys_test_and_training_lines() -> None:
    from gui.theme import HIGH_CONTRAST_PLOTS, NORMAL_PLOTS
    from gui.train.plot_style import HIGH_CONTRAST_PALETTE

    themes = ((PALETTE, NORMAL_PLOTS.foreground), (HIGH_CONTRAST_PALETTE, HIGH_CONTRAST_PLOTS.foreground))
    for palette, text in themes:
        for colour in palette:  # run #3 was black like the key's samples
            far = min(float(np.linalg.norm(lab(colour, v) - lab(text, v))) for v in CVD_MATRICES)
            assert far > 20, (colour, text)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_test_and_training_key_sits_by_the_accuracy_plot_and_epoch_one_is_off_the_border(
    qtbot, show_widget
) -> None:
    plots = show_widget(TrainPlots(), 640, 480)
    plots.begin_run("softmax-scratch #1 lr 0.1", 1, model="softmax-scratch", short_label="#1 lr 0.1")
    plots.add_epoch(1, 0.78, 0.75, 0.78)
    qtbot.waitUntil(lambda: plots.key.isVisible() and plots.key.labels[0].isVisible(), timeout=5000)
    test_label, run_label = plots.key.labels[0], plots.key.labels[-1]
    test_y = test_label.mapTo(plots, test_label.rect().center()).y()
    assert run_label.mapTo(plots, run_label.rect().center()).y() < test_y
    assert test_y > plots.acc_plot.geometry().top()  # beside the accuracy plot it describes
    (left, right), _ = plots.acc_plot.getPlotItem().getViewBox().viewRange()
    assert right - 1.0 >= 0.04 * (right - left)  # epoch 1's markers are whole, not on the edge


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_before_any_run_the_axes_show_the_planned_epochs_and_a_loss_range_that_means_something(
    qtbot, show_widget
) -> None:
    """The empty plots read "epoch 0.2 … 0.8" and "loss 0.2 … 0.8" (review 2)."""
    plots = show_widget(TrainPlots(), 640, 480)
    plots.plan_epochs(5)  # the Epochs box

    def shown_ticks(plot, side: str) -> list[float]:
        axis = plot.getPlotItem().getAxis(side)
        low, high = axis.range
        levels = axis.tickValues(low, high, axis.width() or 400)
        return [value for _spacing, values in levels for value in values]

    def checks() -> None:
        (left, right), (bottom, top) = plots.loss_plot.getPlotItem().getViewBox().viewRange()
        assert left <= 0 and 5 <= right < 5.5
        assert bottom <= 0 and math.log(10) < top < 3  # where an untrained model's loss starts
        epochs = shown_ticks(plots.acc_plot, "bottom")
        assert epochs and all(float(value).is_integer() for value in epochs), epochs

    qtbot.waitUntil(lambda: plots.acc_plot.getPlotItem().getAxis("bottom").range[1] > 5)
    checks()
    two_epoch_run(plots, "softmax lr 0.1")
    plots.clear_runs()
    plots.plan_epochs(4)
    plots.plan_epochs(5)
    checks()
