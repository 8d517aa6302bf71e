"""The Draw tab's smaller pieces: the tool bar above the board and the "what the model sees" view.

Kept apart from gui/draw/panel.py so the panel reads as the flow drawing → 28×28 → probabilities.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from gui.draw.canvas import DEFAULT_BRUSH, MAX_BRUSH, MIN_BRUSH, SketchCanvas
from gui.language import follow_language
from gui.theme import ChoiceButton
from gui.widgets.pixel_image import PixelImage

# make_action's texts are marked QT_TRANSLATE_NOOP("DrawToolBar", ...) where they are written.


def make_action(parent: QWidget, text: str, shortcuts: list[QKeySequence], tip: str) -> QAction:
    """An action whose keys work while ``parent`` (the Draw tab) is showing, wherever the focus is.

    Window context, not widget-with-children: after clicking the tab bar the focus is outside
    the panel, and Delete or Ctrl+Z must still work. Qt ignores shortcuts of hidden widgets, so
    the keys do nothing while another tab is showing. `text` and `tip` are English sources in
    "DrawToolBar", translated now and again whenever the language changes.
    """
    action = QAction(parent)
    action.setShortcuts(shortcuts)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def retranslate() -> None:
        # Key names are translated too (Qt's own catalogue); two keys are enough to remember,
        # the platform's extra bindings (Alt+Shift+Backspace, a "Redo" media key) only clutter.
        keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in shortcuts[:2])
        action.setText(QCoreApplication.translate("DrawToolBar", text))
        shown_tip = QCoreApplication.translate("DrawToolBar", tip)
        action.setToolTip(f"{shown_tip} ({keys})" if keys else shown_tip)

    follow_language(parent, retranslate)
    parent.addAction(action)
    return action


class DrawToolBar(QWidget):
    """Brush / eraser / fill, brush size, fill-inside, undo, redo, clear, open image."""

    open_image_requested = Signal()

    def __init__(self, canvas: SketchCanvas, parent: QWidget) -> None:
        super().__init__(parent)
        self._canvas = canvas
        # Two rows, so the Draw tab still fits a narrow window at projector text sizes.
        rows = QGridLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        history_row = QHBoxLayout()
        rows.addLayout(layout, 0, 0)
        rows.addLayout(history_row, 1, 0)

        self._tool_group = QActionGroup(self)  # exactly one tool at a time
        self.tool_buttons: dict[str, QToolButton] = {}
        for tool, text, key, tip in (
            (
                "brush",
                QT_TRANSLATE_NOOP("DrawToolBar", "Brush"),
                "B",
                QT_TRANSLATE_NOOP("DrawToolBar", "Draw with white chalk"),
            ),
            (
                "eraser",
                QT_TRANSLATE_NOOP("DrawToolBar", "Eraser"),
                "E",
                QT_TRANSLATE_NOOP("DrawToolBar", "Rub out (the right mouse button erases too)"),
            ),
            (
                "fill",
                QT_TRANSLATE_NOOP("DrawToolBar", "Fill"),
                "F",
                QT_TRANSLATE_NOOP("DrawToolBar", "Click inside an outline to fill it"),
            ),
        ):
            action = make_action(parent, text, [QKeySequence(key)], tip)
            action.setCheckable(True)
            # A student must see which tool is on before erasing what they meant to draw.
            button = ChoiceButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._tool_group.addAction(action)
            self.tool_buttons[tool] = button
            action.triggered.connect(lambda _checked=False, t=tool: self.select_tool(t))
            layout.addWidget(button)

        layout.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        size_label = QLabel(self)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(MIN_BRUSH, MAX_BRUSH)
        self.size_slider.setValue(DEFAULT_BRUSH)

        def retranslate() -> None:
            size_label.setText(self.tr("Size"))
            self.size_slider.setToolTip(self.tr("Brush size ([ and ] change it)"))

        follow_language(self, retranslate)
        self.size_slider.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.size_slider.valueChanged.connect(canvas.set_brush_size)
        size_label.setBuddy(self.size_slider)
        smaller_text = QT_TRANSLATE_NOOP("DrawToolBar", "Smaller brush")
        bigger_text = QT_TRANSLATE_NOOP("DrawToolBar", "Bigger brush")
        smaller = make_action(parent, smaller_text, [QKeySequence("[")], smaller_text)
        bigger = make_action(parent, bigger_text, [QKeySequence("]")], bigger_text)
        smaller.triggered.connect(lambda: self.size_slider.setValue(self.size_slider.value() - 3))
        bigger.triggered.connect(lambda: self.size_slider.setValue(self.size_slider.value() + 3))
        layout.addWidget(size_label)
        layout.addWidget(self.size_slider, 1)

        keys = QKeySequence.StandardKey
        self.fill_inside_action = make_action(
            parent,
            QT_TRANSLATE_NOOP("DrawToolBar", "Fill inside"),
            [QKeySequence("Ctrl+F")],
            QT_TRANSLATE_NOOP("DrawToolBar", "Turn every closed outline into a solid shape"),
        )
        undo_text = QT_TRANSLATE_NOOP("DrawToolBar", "Undo")
        self.undo_action = make_action(parent, undo_text, [QKeySequence(keys.Undo)], undo_text)
        redo_keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(keys.Redo)]
        unique_redo = list({key.toString(): key for key in redo_keys}.values())
        redo_text = QT_TRANSLATE_NOOP("DrawToolBar", "Redo")
        self.redo_action = make_action(parent, redo_text, unique_redo, redo_text)
        self.clear_action = make_action(
            parent,
            QT_TRANSLATE_NOOP("DrawToolBar", "Clear"),
            [QKeySequence(Qt.Key.Key_Delete)],
            QT_TRANSLATE_NOOP("DrawToolBar", "Clear the board"),
        )
        self.open_action = make_action(
            parent,
            QT_TRANSLATE_NOOP("DrawToolBar", "Open image…"),
            [QKeySequence("Ctrl+I")],
            QT_TRANSLATE_NOOP("DrawToolBar", "Classify a photo or drawing from a file"),
        )
        self.fill_inside_action.triggered.connect(canvas.fill_enclosed)
        self.undo_action.triggered.connect(canvas.undo)
        self.redo_action.triggered.connect(canvas.redo)
        self.clear_action.triggered.connect(canvas.clear)
        self.open_action.triggered.connect(self.open_image_requested)
        for action in (
            self.fill_inside_action,
            self.undo_action,
            self.redo_action,
            self.clear_action,
            self.open_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            history_row.addWidget(button)
        history_row.addStretch(1)
        canvas.history_changed.connect(self._update_history_actions)
        self.select_tool(canvas.tool())
        self._update_history_actions()

    def select_tool(self, tool: str) -> None:
        self._canvas.set_tool(tool)
        self.tool_buttons[tool].defaultAction().setChecked(True)

    def _update_history_actions(self) -> None:
        self.undo_action.setEnabled(self._canvas.can_undo())
        self.redo_action.setEnabled(self._canvas.can_redo())


class ModelInputPreview(PixelImage):
    """The 28×28 image the model gets, enlarged with sharp pixels and the dataset's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # 28 px × a font-relative zoom: it grows with the app-wide text size on a projector.
        # 6 lines (was 8.5): the two sets of bars under it must fit a 768-px projector at +4.
        super().__init__(parent, hint_lines=6, background=QColor("black"), framed=True, expanding=False)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("what the model sees"))
        self.setToolTip(
            self.tr("What the model sees: 28×28 pixels, garment light on dark, like Fashion-MNIST")
        )
