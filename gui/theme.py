"""A high-contrast theme for projectors: light text on black, thick lines, remembered in QSettings.

A washed-out projector in a lit room loses mid-greys and thin lines first. The theme swaps the
application palette (every widget that paints with palette roles follows at once) under Qt's
Fusion style, which honours palettes on every platform, and tells hand-drawn things (the plots)
through `notifier().changed` to redraw with `plot_colours()`. Buttons that pick one of a few
modes (Draw's Brush / Eraser / Fill) are marked with `mark_choice_buttons`: under either theme's
palette a checked button was hardly darker than the others.

The state is module-level, as for the language: one look per process, asked for from anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu

from gui.stored_settings import read_bool

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
    """A mode button's look, off and on. On is told by lightness (dark on light, or the reverse) and
    a thick outline, never by hue alone, so colour-blind eyes and a washed-out projector see it."""

    off_fill: str
    off_text: str
    off_border: str
    on_fill: str
    on_text: str
    on_border: str


# Okabe–Ito blue with white text (5:1) in a black frame, among light grey buttons.
NORMAL_CHOICE = ChoiceColours("#f4f4f4", "#1a1a1a", "#8a8a8a", "#0072b2", "#ffffff", "#000000")
# The high-contrast selection's yellow with black text in a white frame, among dark grey buttons.
HIGH_CONTRAST_CHOICE = ChoiceColours("#333333", "#ffffff", "#a0a0a0", "#ffd400", "#000000", "#ffffff")
CHOICE_BORDER_ON, CHOICE_BORDER_OFF = 3, 1  # px; the padding makes up the difference: no jump


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


def choice_style_sheet(colours: ChoiceColours) -> str:
    on, off = CHOICE_BORDER_ON, CHOICE_BORDER_OFF
    room = on - off  # the off state's extra padding, so both states are the same size
    return (
        f"QAbstractButton {{ background: {colours.off_fill}; color: {colours.off_text};"
        f" border: {off}px solid {colours.off_border}; border-radius: 3px;"
        f" padding: {room}px {6 + room}px; }}"
        f" QAbstractButton:hover {{ border-color: {colours.off_text}; }}"
        f" QAbstractButton:checked {{ background: {colours.on_fill}; color: {colours.on_text};"
        f" border: {on}px solid {colours.on_border}; padding: 0px 6px; }}"
    )


class _ChoiceStyle(QObject):
    """Restyles its buttons when the theme or the app's font changes; a child of the first button,
    so it goes with them."""

    def __init__(self, buttons: Sequence[QAbstractButton]) -> None:
        super().__init__(buttons[0])
        self._buttons = list(buttons)
        # A widget with a style sheet keeps the font it had when the sheet was set, and hears of
        # no new app font (text size, the Chinese font): its parent does, and tells it here.
        for parent in {button.parentWidget() for button in self._buttons} - {None}:
            parent.installEventFilter(self)
        notifier().changed.connect(self.apply)  # a bound method: disconnected when this goes
        self.apply()

    def apply(self, _high_contrast: bool = False) -> None:
        sheet = choice_style_sheet(choice_colours())
        for button in self._buttons:
            _restyle(button, sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            for button in self._buttons:
                _restyle(button, button.styleSheet())
        return False


def _restyle(button: QAbstractButton, sheet: str) -> None:
    button.setStyleSheet("")  # the same sheet again would not be applied anew
    button.setStyleSheet(sheet)


def mark_choice_buttons(buttons: Sequence[QAbstractButton]) -> None:
    """Checkable buttons of which one is on (a tool, a mode): the checked one stands out in both
    themes, now and after each switch."""
    if buttons:
        _ChoiceStyle(buttons)


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
