"""The Weights tab: what the model learned, as ten pictures, live while it trains, and editable.

For softmax regression o_j = w_j · x + b_j, so row j of W reshaped to 28×28 *is* a picture of
class j. The tab shows the ten, breaks the current image's logit into w_j ⊙ x + b_j, and lets the
teacher paint on a template and watch the answer change here and on the Draw tab. It reads the
Session only (never another tab), does nothing while hidden, and never writes a file unless the
teacher saves the picture.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from core.classes import NUM_CLASSES
from gui.file_writing import explain_write_error, write_png
from gui.language import class_name
from gui.text_size import relative_font
from gui.user_folders import in_pictures
from gui.weights.breakdown import BreakdownView, set_text
from gui.weights.colour import ColourBar, colour_images
from gui.weights.controls import PaintControls
from gui.weights.network import NetworkDiagram
from gui.weights.painting import StrokeEditor
from gui.weights.tiles import TileGrid

MIN_REDRAW_INTERVAL_MS = 100  # at most ~10 redraws a second: live weights come ~3 times a second
SAVE_SCALE = 2  # the saved PNG is twice the on-screen size: sharp on slides and handouts


def class_names() -> list[str]:
    """Class names in the window's language (中文 in zh, as everywhere in the app)."""
    return [class_name(i) for i in range(NUM_CLASSES)]


class WeightsPanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.redraw_count = 0  # tests and benchmarks count redraws: a hidden tab must not redraw
        self._selected = 0
        self._stale = True  # something changed while hidden: redraw when shown
        self._model_name: str | None = None
        self._templates: Any = None  # core.lesson.templates.ClassTemplates of what is shown
        self._since_redraw = QElapsedTimer()
        self._redraw_timer = QTimer(self, singleShot=True, timeout=self._redraw_if_shown)
        self._build()
        self.editor = StrokeEditor(
            session,
            self.selected_class,
            self.equation.brush.radius,
            lambda: self.controls.sign() * self.controls.strength(),
            self,
        )
        self.editor.edited.connect(self.refresh)
        session.predictor_changed.connect(self._on_predictor_changed)
        session.current_image_changed.connect(self._schedule)
        session.runtime_changed.connect(self._schedule)
        self.retranslate()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        page = QWidget(scroll)
        layout = QVBoxLayout(page)
        scroll.setWidget(page)

        # The block saved as a PNG: what the model is, its ten pictures and the colour key.
        self.templates_block = QWidget(page)
        block = QVBoxLayout(self.templates_block)
        block.setContentsMargins(0, 0, 0, 0)
        self.model_line = QLabel(self.templates_block)
        self.model_line.setWordWrap(True)
        self.explanation = QLabel(self.templates_block)
        self.explanation.setWordWrap(True)
        pictures = QHBoxLayout()
        self.grid = TileGrid(columns=5, min_tile_lines=3.0, max_tile_lines=6.5, caption_lines=2)
        policy = self.grid.sizePolicy()
        policy.setHorizontalPolicy(policy.Policy.Preferred)  # as wide as its tiles: the key beside them
        self.grid.setSizePolicy(policy)
        self.colour_bar = ColourBar(self.templates_block)
        pictures.addWidget(self.grid)
        pictures.addWidget(self.colour_bar)
        pictures.addStretch(1)
        block.addWidget(self.model_line)
        block.addWidget(self.explanation)
        block.addLayout(pictures)
        layout.addWidget(self.templates_block)

        self.controls = PaintControls(page)
        layout.addWidget(self.controls)

        # The network itself: what "the current model" is, layer by layer; an output picks its template.
        self.network_heading = QLabel(page)
        self.network_heading.setWordWrap(True)
        self.network = NetworkDiagram(page)
        self._network_key: Any = None  # the architecture drawn, so live weights do not redo it
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.network_heading)
        layout.addWidget(self.network)

        self.breakdown = BreakdownView(page)
        # The pieces tests and the benchmark reach for, by their short names.
        self.equation, self.sums, self.image_heading = (
            self.breakdown.equation,
            self.breakdown.sums,
            self.breakdown.heading,
        )
        self.logit_bars, self.prob_bars = self.breakdown.logit_bars, self.breakdown.prob_bars
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.breakdown)

        self.units_heading = QLabel(page)
        self.units_heading.setWordWrap(True)
        self.units = TileGrid(columns=16, min_tile_lines=1.6, max_tile_lines=3.5)
        self.units.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to choose there: Tab skips it
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.units_heading)
        layout.addWidget(self.units)
        layout.addStretch(1)

        self.grid.tile_clicked.connect(self.select_class)
        self.breakdown.class_clicked.connect(self.select_class)
        self.network.output_clicked.connect(self.select_class)
        self.equation.stroke_changed.connect(
            lambda points, sign: self.editor.on_stroke(points, sign, self._templates)
        )
        self.equation.stroke_finished.connect(lambda: self.editor.finish())
        self.controls.size_changed.connect(self._set_brush_size)
        self.controls.reset_requested.connect(self.reset_edits)
        self.controls.save_requested.connect(self.choose_save_path)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        """Headings a size up from the app's text; re-applied when the text size changes."""
        self.model_line.setFont(relative_font(1.25, bold=True))
        self.units_heading.setFont(relative_font(1.0, bold=True))
        self.network_heading.setFont(relative_font(1.0, bold=True))

    # -- public --------------------------------------------------------------------------------
    def selected_class(self) -> int:
        return self._selected

    def select_class(self, index: int) -> None:
        self._selected = int(index)
        self.refresh()

    def shown_templates(self) -> Any:
        """The ClassTemplates on screen (None for a CNN or without a model)."""
        return self._templates

    def reset_edits(self) -> None:
        self.session.reset_edits()
        self.refresh()

    def redraw_pending(self) -> bool:
        """A redraw is scheduled (tests: a hidden tab must never have one)."""
        return self._redraw_timer.isActive()

    def shutdown(self) -> None:
        self._redraw_timer.stop()
        self.editor.stop()

    # -- redrawing -----------------------------------------------------------------------------
    def _schedule(self) -> None:
        if not self.isVisible():
            # Live weights arrive ~3 times a second while the Train tab is in front: redrawing
            # here then would only take time from the trainer. Catch up when shown.
            self._stale = True
            return
        if not self._redraw_timer.isActive():
            elapsed = self._since_redraw.elapsed() if self._since_redraw.isValid() else MIN_REDRAW_INTERVAL_MS
            self._redraw_timer.start(max(0, MIN_REDRAW_INTERVAL_MS - elapsed))

    def _redraw_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:  # hidden since the redraw was scheduled: catch up when shown instead
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Everything from the Session's active model and current image (a few ms)."""
        from core.lesson.templates import class_templates, first_layer_units, is_linear, model_state

        self._redraw_timer.stop()
        self._stale = False
        self.redraw_count += 1
        self._since_redraw.restart()
        predictor = self.session.predictor() if self.session.runtime_ready else None
        self.controls.set_edited(self.session.has_edits())
        if predictor is None:
            self._show_no_model()
            return
        name = predictor.model_name
        state = model_state(predictor.model)
        self._model_name = name
        self._templates = class_templates(name, state)
        linear = is_linear(name)
        self.controls.set_painting_enabled(linear)
        self.equation.set_paintable(linear)
        # The status bar's words for it, in the window's language (core's label is English).
        set_text(self.model_line, self.tr("Model: {label}").format(label=self.session.model_label()))
        set_text(self.explanation, self._explain(name))
        names = class_names()
        if self._templates is not None:
            scale = self.editor.held_scale() or self._templates.scale()
            self.grid.set_images(colour_images(self._templates.images, scale), self._captions(names))
            self.grid.set_selected(self._selected)
            self.colour_bar.set_scale(scale)
        # A CNN has no picture per class: the explanation above says so and points to its filters.
        for widget in (self.grid, self.colour_bar):
            widget.setVisible(self._templates is not None)
        self.controls.save_button.setEnabled(self._templates is not None)
        self._show_units(first_layer_units(name, state))
        self._show_network(predictor.model, names)
        self.breakdown.show_breakdown(
            predictor,
            self.session.current_image(),
            names,
            self._selected,
            self._templates,
            self.colour_bar.scale(),
        )

    def _captions(self, names: list[str]) -> list[tuple[str, str]]:
        biases = self._templates.biases
        text = self.tr("bias {bias}")
        return [
            (names[i], text.format(bias=f"{biases[i]:+.2f}".replace("-", "−"))) for i in range(NUM_CLASSES)
        ]

    def _explain(self, name: str) -> str:
        if name == "softmax-scratch":  # the lesson's o = X·W + b: W is 784×10, class j is column j
            return self.tr(
                "Each picture is one class's column of W (784×10), reshaped to 28×28: red pixels push an "
                "image towards that class, blue pixels push it away, white ones do not matter. One colour "
                "scale for all ten. Click a class to explain it below; paint on it to change what the "
                "model knows."
            )
        if name == "softmax":  # nn.Linear keeps its weight as 10×784: class j is row j
            return self.tr(
                "Each picture is one class's row of W, reshaped to 28×28: red pixels push an image "
                "towards that class, blue pixels push it away, white ones do not matter. One colour "
                "scale for all ten. Click a class to explain it below; paint on it to change what the "
                "model knows."
            )
        if name == "mlp":
            return self.tr(
                "Only the linear models' pictures are templates. These are the MLP's W₂·W₁: the linear "
                "model it would be if every hidden unit were on (an approximation). Its 256 first-layer "
                "units are at the bottom."
            )
        return self.tr(
            "Only the linear models' pictures are templates. A CNN builds its answer from the 16 "
            "first-layer 5×5 filters at the bottom, layer by layer."
        )

    def _show_units(self, units: np.ndarray | None) -> None:
        if units is None:
            self.units_heading.hide()
            self.units.hide()
            return
        scales = np.abs(units).reshape(len(units), -1).max(axis=1)
        self.units.set_columns(8 if len(units) == 16 else 16)  # 16 filters: two rows, bigger
        self.units.set_images(colour_images(units, scales))
        if len(units) == 16:
            text = self.tr("The 16 first-layer filters (5×5), each on its own colour scale.")
        else:
            text = self.tr("The {count} first-layer units (28×28 each), each on its own colour scale.")
        set_text(self.units_heading, text.format(count=len(units)))
        self.units_heading.show()
        self.units.show()

    def _show_network(self, model: Any, names: list[str]) -> None:
        key = (type(model), tuple((k, tuple(p.shape)) for k, p in model.named_parameters()), tuple(names))
        if key != self._network_key:  # one forward pass of a blank image: only when the model's shape changes
            from core.lesson.architecture import describe

            self.network.set_architecture(describe(model), names)
            self._network_key = key
        self.network.set_selected(self._selected)
        set_text(
            self.network_heading,
            self.tr("The network: {model}. Click an output to show its template above.").format(
                model=self.session.model_label()
            ),
        )
        self.network_heading.show()
        self.network.show()

    def _show_no_model(self) -> None:
        self._model_name = None
        self._templates = None
        if not self.session.runtime_ready:
            text = self.tr("Loading PyTorch…")
        else:
            error = self.session.predictor_error()
            text = error or self.tr("No model yet: train one on the Train tab or pick one in the Model menu.")
        set_text(self.model_line, self.tr("What the model learned"))
        set_text(self.explanation, text)
        self.grid.hide()
        self.colour_bar.hide()
        self.controls.save_button.setEnabled(False)
        self.controls.set_painting_enabled(False)
        self.breakdown.clear(text)
        self._show_units(None)
        self._network_key = None
        self.network_heading.hide()
        self.network.hide()

    # -- painting ------------------------------------------------------------------------------
    def _set_brush_size(self, diameter: float) -> None:
        self.equation.brush.set_diameter(diameter)

    def _on_predictor_changed(self) -> None:
        self.editor.on_predictor_changed()
        self._schedule()

    # -- saving --------------------------------------------------------------------------------
    def choose_save_path(self) -> None:
        if self._templates is None:
            return
        suggested = in_pictures(f"templates-{self._model_name}.png")  # a bare name meant the app's folder
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the templates"), suggested, self.tr("PNG images (*.png)")
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            write_png(self.template_picture(), path)  # the old file stays whole if this fails
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not saved"), explain_write_error(error, path))

    def template_picture(self) -> QImage:
        """The model line, the ten templates and the colour key, at twice the screen size."""
        size = self.templates_block.size()
        image = QImage(size * SAVE_SCALE, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(SAVE_SCALE)
        image.fill(self.palette().color(self.backgroundRole()))
        selected = self.grid.selected()
        self.grid.set_selected(None)  # a handout shows the ten alike, without today's selection
        painter = QPainter(image)
        self.templates_block.render(painter, QPoint())
        painter.end()
        self.grid.set_selected(selected)
        return image

    def save_templates_png(self, path: str) -> bool:
        try:
            write_png(self.template_picture(), path)
        except OSError:
            return False
        return True

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.grid.setAccessibleName(self.tr("class templates"))
        self.units.setAccessibleName(self.tr("first-layer units"))
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().height() * 40, self.fontMetrics().height() * 30)
