"""The Train tab's curves: batch storage, smoothing, the loss axis and downsampling."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gui.train.plots import LOSS_AXIS_PADDING, LOSS_HEADROOM, SMOOTHING, BatchSeries, TrainPlots


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
