"""A high-contrast theme for projectors: light text on black, thick lines, remembered in QSettings.

A washed-out projector in a lit room loses mid-greys and thin lines first. The theme swaps the
application palette (every widget that paints with palette roles follows at once) under Qt's
Fusion style, which honours palettes on every platform, and tells hand-drawn things (the plots)
through `notifier().changed` to redraw with `plot_colours()`. A button that picks one of a few
modes (Draw's Brush / Eraser / Fill) is a `ChoiceButton`: under either theme's palette a checked
button was hardly darker than the others.

The state is module-level, as for the language: one look per process, asked for from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QMenu, QToolButton

from gui.stored_settings import read_bool
from gui.text_size import scaled

SETTINGS_KEY = "view/highContrast"


@dataclass(frozen=True)
class PlotColours:
    """What the plots draw with; every other widget takes its colours from the palette."""

    background: str
    foreground: str  # axes, tick labels, titles, legend text
    grid_alpha: float
    legend_fill: tuple[int, int, int, int]
    legend_border: str
    line_factor: float  # curve widths × this
    symbol_edge: str  # the ring around markers, so they stand out from the curves
    hover_fill: tuple[int, int, int, int]


NORMAL_PLOTS = PlotColours(
    "#ffffff", "#222222", 0.25, (255, 255, 255, 210), "#bbbbbb", 1.0, "#ffffff", (255, 255, 240, 235)
)
HIGH_CONTRAST_PLOTS = PlotColours(
    "#000000", "#ffffff", 0.45, (0, 0, 0, 225), "#ffffff", 1.7, "#000000", (20, 20, 20, 240)
)


@dataclass(frozen=True)
class ChoiceColours:
    """A checked mode button's look (the others keep the style's). On is told by lightness (dark on
    light, or the reverse) and a thick frame, never by hue alone, so colour-blind eyes and a
    washed-out projector see it."""

    fill: str
    text: str
    frame: str


# Okabe–Ito blue with white text (5:1) in a black frame, among light grey buttons.
NORMAL_CHOICE = ChoiceColours("#0072b2", "#ffffff", "#000000")
# The high-contrast selection's yellow with black text in a white frame, among dark grey buttons.
HIGH_CONTRAST_CHOICE = ChoiceColours("#ffd400", "#000000", "#ffffff")
CHOICE_FRAME = 3.0  # px at the ordinary text size


class ThemeNotifier(QObject):
    changed = Signal(bool)  # high contrast on or off, after the palette was applied


_notifier: ThemeNotifier | None = None
_high_contrast = False
_normal_style: str | None = None  # the style and palette to go back to
_normal_palette: QPalette | None = None


def notifier() -> ThemeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = ThemeNotifier(QCoreApplication.instance())
    return _notifier


def is_high_contrast() -> bool:
    return _high_contrast


def plot_colours() -> PlotColours:
    return HIGH_CONTRAST_PLOTS if _high_contrast else NORMAL_PLOTS


def choice_colours() -> ChoiceColours:
    return HIGH_CONTRAST_CHOICE if _high_contrast else NORMAL_CHOICE


class ChoiceButton(QToolButton):
    """A tool button for one of a few modes (Draw's Brush / Eraser / Fill): checked, it is painted
    in `choice_colours()`, which differ from the style's unchecked buttons in both themes (the
    style's own checked look was a shade darker: 0.85 against 0.98, and 0.25 against 0.27 in
    high contrast). Painted, not styled by a style sheet, so it keeps following the app's font."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.isChecked():
            super().paintEvent(event)
            return
        colours = choice_colours()
        frame = scaled(CHOICE_FRAME)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colours.frame), frame))
        painter.setBrush(QColor(colours.fill))
        inner = QRectF(self.rect()).adjusted(frame / 2, frame / 2, -frame / 2, -frame / 2)
        painter.drawRoundedRect(inner, frame, frame)
        painter.setPen(QColor(colours.text))
        painter.setFont(self.font())
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextShowMnemonic
        painter.drawText(self.rect(), int(flags), self.text())
        painter.end()


def high_contrast_palette() -> QPalette:
    """White on black, a yellow selection (readable from afar), disabled text still legible."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#000000",
        roles.WindowText: "#ffffff",
        # Fusion fills check boxes and fields with Base and outlines them in a shade of Window
        # (black, so invisible): a dark grey Base keeps every box visible, text still white on it.
        roles.Base: "#262626",
        roles.AlternateBase: "#3a3a3a",
        roles.Text: "#ffffff",
        roles.Button: "#333333",
        roles.ButtonText: "#ffffff",
        roles.BrightText: "#ffff00",
        roles.Highlight: "#ffd400",
        roles.HighlightedText: "#000000",
        roles.ToolTipBase: "#000000",
        roles.ToolTipText: "#ffffff",
        roles.PlaceholderText: "#c8c8c8",
        roles.Link: "#7cc8ff",
        roles.Light: "#ffffff",
        roles.Midlight: "#bdbdbd",
        roles.Mid: "#a0a0a0",
        roles.Dark: "#6e6e6e",
        roles.Shadow: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#9a9a9a"))
    return palette


def set_high_contrast(on: bool, settings: QSettings | None = None) -> None:
    """Switch the theme live and remember it."""
    global _high_contrast, _normal_style, _normal_palette
    app = QApplication.instance()
    on = bool(on)
    if settings is not None:
        settings.setValue(SETTINGS_KEY, on)
    if app is None or on == _high_contrast:
        _high_contrast = on if app is None else _high_contrast
        return
    if on:
        _normal_style = app.style().name()
        _normal_palette = QPalette(app.palette())
        app.setStyle("Fusion")  # by name: Qt creates and owns the style
        app.setPalette(high_contrast_palette())
    else:
        if _normal_style:
            app.setStyle(_normal_style)
        app.setPalette(_normal_palette if _normal_palette is not None else app.style().standardPalette())
    _high_contrast = on
    notifier().changed.emit(on)


def saved_high_contrast(settings: QSettings | None = None) -> bool:
    settings = settings if settings is not None else QSettings()
    return read_bool(settings, SETTINGS_KEY, False)


def add_theme_action(menu: QMenu, settings: QSettings | None = None) -> QAction:
    """View ▸ High contrast: a checkable item, applied now from the remembered choice."""
    action = QAction(menu, checkable=True)
    action.setObjectName("highContrastAction")
    action.setChecked(saved_high_contrast(settings))
    action.toggled.connect(lambda on: set_high_contrast(on, settings))
    set_high_contrast(action.isChecked(), settings)
    notifier().changed.connect(action.setChecked)  # switched elsewhere (tests, another window)
    menu.addAction(action)
    return action
