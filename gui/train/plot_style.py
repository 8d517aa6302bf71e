"""How the Train tab's plots look: the runs' colours, line widths and symbols, and the axes, grid
and legend, all following the app-wide text size and the theme (gui/theme.py). No texts here:
the labels come from TrainPlots, which translates them.

Colours are Okabe & Ito's colour-blind-safe set in full strength (readable by the colour-blind
and on a washed-out projector): the current run is drawn thick, earlier ones thinner.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from gui.text_size import current_point_size, scaled
from gui.theme import is_high_contrast, plot_colours
from gui.train.plot_data import RunCurves

# Okabe & Ito's colour-blind-safe set, strongest on white first; yellow last (weak on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
# The same colours in the order that is strongest on the high-contrast theme's black (dark blue
# last, black drawn white): a run keeps its place in the order when the theme changes.
HIGH_CONTRAST_PALETTE = (
    "#56B4E9",
    "#E69F00",
    "#F0E442",
    "#CC79A7",
    "#D55E00",
    "#009E73",
    "#FFFFFF",
    "#0072B2",
)
EARLIER_ALPHA = 0.85  # earlier runs: nearly full colour (not pastel), told apart by width
RAW_ALPHA = 0.25  # raw batch losses are noisy: faint behind the smoothed curve
AXES = ("left", "bottom")  # the two shown; each draws its grid lines across the plot
# pyqtgraph keeps up to 5 points per pixel when it downsamples; the bold antialiased smoothed
# curve cost ~2.5 ms of a ~4 ms repaint that way (a repaint at every update, on the GUI thread,
# which the trainer feels). A smoothed curve looks the same at one point per 5 px; the faint
# raw curve keeps its spikes with "peak" downsampling at about one point per pixel.
SMOOTH_POINTS_PER_PX = 0.2
RAW_POINTS_PER_PX = 1.0


def add_run_items(run: RunCurves, loss_plot: pg.PlotWidget, acc_plot: pg.PlotWidget) -> None:
    """Create the run's curves (empty) in both plots, into `run.items`; styled by style_run."""
    loss_item, acc_item = loss_plot.getPlotItem(), acc_plot.getPlotItem()
    # Raw batch losses don't steer the y range: one spike (lr 1.0) would flatten every curve.
    run.items["raw"] = pg.PlotDataItem(antialias=False, autoDownsampleFactor=RAW_POINTS_PER_PX)
    loss_item.addItem(run.items["raw"], ignoreBounds=True)
    run.items["smooth"] = loss_item.plot(
        name=run.label, antialias=True, autoDownsampleFactor=SMOOTH_POINTS_PER_PX
    )
    # After adding: PlotItem.addItem overwrites each curve's downsampling and clipping with its
    # own (off) settings. The raw curve keeps its spikes ("peak"), the smooth one needs none.
    for key, method in (("raw", "peak"), ("smooth", "subsample")):
        run.items[key].setDownsampling(auto=True, method=method)
        run.items[key].setClipToView(True)
    run.items["epoch_loss"] = loss_item.plot(symbol="o", antialias=True)
    # One legend entry per run (its test curve); the axis label explains solid test, dashed train.
    run.items["test_acc"] = acc_item.plot(name=run.label, symbol="o", antialias=True)
    run.items["train_acc"] = acc_item.plot(symbol="t", antialias=True)


def style_plot(plot: pg.PlotWidget, y_label: str, x_label: str | None) -> None:
    """Background, grid, axes, axis labels and legend of one plot at the current text size and
    theme. `x_label` None: the x axis is shared and named under the other plot."""
    points = current_point_size()
    colours = plot_colours()
    tick_font = QFont(QApplication.font())
    label_style = {"font-size": f"{points:.1f}pt", "color": colours.foreground}
    plot.setBackground(colours.background)
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=colours.grid_alpha)
    for side in AXES:
        axis = item.getAxis(side)
        axis.setTickFont(tick_font)
        axis.setPen(pg.mkPen(colours.foreground, width=max(1.0, scaled(colours.line_factor))))
        axis.setTextPen(pg.mkPen(colours.foreground))
    item.getAxis("left").setLabel(y_label, **label_style)
    # Tick labels need room that grows with the font, or big text gets clipped.
    item.getAxis("left").setWidth(int(scaled(62)))
    if x_label is not None:
        item.getAxis("bottom").setLabel(x_label, **label_style)
        item.getAxis("bottom").setHeight(int(scaled(48)))
    else:
        # A line of height more for the curves on a 768-px projector.
        item.getAxis("bottom").showLabel(False)
        item.getAxis("bottom").setHeight(int(scaled(28)))
    legend = item.legend
    if legend is not None:
        legend.setLabelTextSize(f"{points:.1f}pt")  # as large as the rest: read from afar
        legend.setLabelTextColor(colours.foreground)
        for _sample, label in legend.items:  # existing entries keep their old style otherwise
            label.setText(label.text, color=colours.foreground, size=f"{points:.1f}pt")
        legend.setBrush(pg.mkBrush(*colours.legend_fill))
        legend.setPen(pg.mkPen(colours.legend_border, width=scaled(1)))


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
    items["train_acc"].setPen(pen(colour, strength, scaled(2 * factor), Qt.PenStyle.DashLine))
    for name in ("epoch_loss", "test_acc", "train_acc"):
        items[name].setSymbolSize(scaled(9 if not run.dimmed else 7) * (1.2 if factor > 1 else 1))
        items[name].setSymbolBrush(color(colour, strength))
        items[name].setSymbolPen(pen(colours.symbol_edge, strength, scaled(1)))
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
