"""How the Train tab's plots look: the runs' colours, line widths and symbols, and the axes and
grid, all following the app-wide text size and the theme (gui/theme.py). No texts here:
the labels come from TrainPlots, which translates them.

Each run has a colour-blind-safe colour and its own marker; test accuracy is a thick solid line
with filled markers, training accuracy a thinner dashed one with hollow markers, so the pair is
told apart without colour. The current run is drawn thick, earlier ones thinner.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from gui.text_size import current_point_size, scaled
from gui.theme import is_high_contrast, plot_colours
from gui.train.plot_data import RunCurves

# Eight colours that stay apart for normal, protan, deutan and tritan vision (Machado 2009
# simulation; smallest CIELAB distance between any two, in any of the four, 24), drawn from
# Okabe & Ito's and Paul Tol's colour-blind-safe sets. Okabe & Ito's own eight have vermillion
# next to orange and blue next to sky blue (smallest distance 16): on a washed-out projector those
# pairs merge. No black (nor, in high contrast, a grey near white): the key's test and training
# samples are drawn in the text's colour, and a run of that colour read as one of them.
# Ordered so that no two of the first five runs (a lesson's lr 0.01, 0.1, 1, 50 …) and no two runs
# in a row share a hue family at a like lightness: violet followed by wine read as one colour on a
# projector (review 2). The three purplish ones are runs 3, 6 and 8, each with its own marker.
PALETTE = ("#0072B2", "#33BBEE", "#882255", "#E69F00", "#EE6677", "#332288", "#CC3311", "#9900FF")
# Picked the same way for the high-contrast theme's black (every colour at least 3:1 against
# it); a run keeps its place in the order when the theme changes.
HIGH_CONTRAST_PALETTE = (
    "#33BBEE",
    "#E69F00",
    "#0072B2",
    "#9900FF",
    "#EE6677",
    "#DDCC77",
    "#AA3377",
    "#CC3311",
)
# And a marker of its own, so runs differ in shape too (pyqtgraph's symbol names).
SYMBOLS = ("o", "s", "t", "d", "t1", "p", "h", "star")
EARLIER_ALPHA = 0.85  # earlier runs: nearly full colour (not pastel), told apart by width
RAW_ALPHA = 0.25  # raw batch losses are noisy: faint behind the smoothed curve
AXES = ("left", "bottom")  # the two shown; each draws its grid lines across the plot
# pyqtgraph keeps up to 5 points per pixel when it downsamples; the bold antialiased smoothed
# curve cost ~2.5 ms of a ~4 ms repaint that way (a repaint at every update, on the GUI thread,
# which the trainer feels). A smoothed curve looks the same at one point per 5 px; the faint
# raw curve keeps its spikes with "peak" downsampling at about one point per pixel.
SMOOTH_POINTS_PER_PX = 0.2
TRAIN_WIDTH = 0.6  # training accuracy's dashed line, a share of the test line's width
WIDEST_TICK = "0.25"  # the left axes' widest tick label, in the tick font
ACC_TICK_ROOM = 1.2  # line heights per accuracy tick label: a little air between them
RAW_POINTS_PER_PX = 1.0


def add_run_items(run: RunCurves, loss_plot: pg.PlotWidget, acc_plot: pg.PlotWidget) -> None:
    """Create the run's curves (empty) in both plots, into `run.items`; styled by style_run."""
    loss_item, acc_item = loss_plot.getPlotItem(), acc_plot.getPlotItem()
    # Raw batch losses don't steer the y range: one spike (lr 1.0) would flatten every curve.
    run.items["raw"] = pg.PlotDataItem(antialias=False, autoDownsampleFactor=RAW_POINTS_PER_PX)
    loss_item.addItem(run.items["raw"], ignoreBounds=True)
    run.items["smooth"] = loss_item.plot(antialias=True, autoDownsampleFactor=SMOOTH_POINTS_PER_PX)
    # After adding: PlotItem.addItem overwrites each curve's downsampling and clipping with its
    # own (off) settings. The raw curve keeps its spikes ("peak"), the smooth one needs none.
    for key, method in (("raw", "peak"), ("smooth", "subsample")):
        run.items[key].setDownsampling(auto=True, method=method)
        run.items[key].setClipToView(True)
    run.items["epoch_loss"] = loss_item.plot(symbol=run.symbol, antialias=True)
    run.items["test_acc"] = acc_item.plot(symbol=run.symbol, antialias=True)
    run.items["train_acc"] = acc_item.plot(symbol=run.symbol, antialias=True)


def style_plot(plot: pg.PlotWidget, x_label: str | None) -> None:
    """Background, grid and axes of one plot at the current text size and theme. The y axis is
    named by the plot's title (read from afar, unlike rotated text); `x_label` None: the x axis
    is shared and named under the other plot, so this one shows no tick values either."""
    colours = plot_colours()
    tick_font = QFont(QApplication.font())
    metrics = QFontMetrics(tick_font)
    plot.setBackground(colours.background)
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=colours.grid_alpha)
    for side in AXES:
        axis = item.getAxis(side)
        axis.setTickFont(tick_font)
        axis.setPen(pg.mkPen(colours.foreground, width=max(1.0, scaled(colours.line_factor))))
        axis.setTextPen(pg.mkPen(colours.foreground))
    item.getAxis("left").showLabel(False)
    # Room for the widest tick label ("0.25", "1000"), measured in the font, not guessed.
    item.getAxis("left").setWidth(metrics.horizontalAdvance(WIDEST_TICK) + round(scaled(12)))
    bottom = item.getAxis("bottom")
    if x_label is not None:
        bottom.setStyle(showValues=True)
        bottom.setLabel(
            x_label, **{"font-size": f"{current_point_size():.1f}pt", "color": colours.foreground}
        )
        bottom.setHeight(2 * metrics.height() + round(scaled(10)))
    else:
        bottom.setStyle(showValues=False)  # the same epochs are numbered under the other plot
        bottom.showLabel(False)
        bottom.setHeight(round(scaled(6)))


def fit_accuracy_ticks(plot: pg.PlotWidget) -> None:
    """Accuracy ticks every 0.2 where the plot is tall enough to keep their labels apart, else
    every 0.5: pyqtgraph spaces ticks by pixels, not by the font, and squeezed 0.2–0.8 together
    at big text."""
    spacing = QFontMetrics(QFont(QApplication.font())).lineSpacing()
    height = plot.getPlotItem().getViewBox().height()
    step = 0.2 if height >= 6 * ACC_TICK_ROOM * spacing else 0.5
    plot.getPlotItem().getAxis("left").setTickSpacing(step, step)


def set_title(plot: pg.PlotWidget, title: str) -> None:
    plot.getPlotItem().setTitle(title, size=f"{current_point_size():.1f}pt", color=plot_colours().foreground)


def style_run(run: RunCurves) -> None:
    """Pens, symbols and stacking of one run's items: thick when current, thinner when earlier."""
    colours = plot_colours()
    factor = colours.line_factor
    strength = EARLIER_ALPHA if run.dimmed and factor == 1.0 else 1.0  # on black: full colour
    width = scaled((3.0 if not run.dimmed else 1.8) * factor)
    colour = run_colour(run.color)
    items = run.items
    raw_alpha = RAW_ALPHA * (1.0 if not run.dimmed else 0.5)
    items["raw"].setPen(pen(colour, raw_alpha, scaled(factor)))
    items["smooth"].setPen(pen(colour, strength, width))
    items["epoch_loss"].setPen(pen(colour, strength, scaled(1.5 * factor), Qt.PenStyle.DashLine))
    items["test_acc"].setPen(pen(colour, strength, width))
    items["train_acc"].setPen(pen(colour, strength, width * TRAIN_WIDTH, Qt.PenStyle.DashLine))
    for name in ("epoch_loss", "test_acc", "train_acc"):
        items[name].setSymbolSize(scaled(9 if not run.dimmed else 7) * (1.2 if factor > 1 else 1))
        items[name].setSymbolPen(pen(colours.symbol_edge, strength, scaled(1)))
        items[name].setSymbolBrush(color(colour, strength))
    # Training points hollow (ringed in the run's colour), test points filled.
    items["train_acc"].setSymbolPen(pen(colour, strength, scaled(1.5 * factor)))
    items["train_acc"].setSymbolBrush(color(colours.background, 1.0))
    for item in items.values():
        item.setZValue(0 if run.dimmed else 10)
    if "diverged_marker" in items:
        items["diverged_marker"].setPen(pg.mkPen(colour, width=scaled(3 * factor)))
        items["diverged_marker"].setBrush(None)
        items["diverged_marker"].setSize(scaled(16))
        items["diverged_text"].setColor(colour)
        items["diverged_text"].textItem.setFont(QFont(QApplication.font()))
        for key in ("diverged_marker", "diverged_text"):
            items[key].setZValue(50)


def run_colour(hex_color: str) -> str:
    """A run's colour on the current theme (see HIGH_CONTRAST_PALETTE)."""
    if is_high_contrast() and hex_color in PALETTE:
        return HIGH_CONTRAST_PALETTE[PALETTE.index(hex_color)]
    return hex_color


def color(hex_color: str, alpha: float) -> QColor:
    result = QColor(hex_color)
    result.setAlphaF(max(0.0, min(1.0, alpha)))
    return result


def pen(hex_color: str, alpha: float, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    return pg.mkPen(color(hex_color, alpha), width=width, style=style)
