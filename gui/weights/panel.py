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
from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QSize, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from core.classes import CLASS_NAMES, NUM_CLASSES
from gui.text_size import relative_font
from gui.weights.colour import ColourBar, colour_images, grey_image
from gui.weights.controls import PaintControls
from gui.weights.equation import LogitBars, LogitEquation
from gui.weights.reflow import ReflowPair
from gui.weights.tiles import TileGrid
from gui.widgets.prob_bars import ProbabilityBars

MIN_REDRAW_INTERVAL_MS = 100  # at most ~10 redraws a second: live weights come ~3 times a second
STROKE_INTERVAL_MS = 20  # a drag's mouse moves are applied together, ~50 times a second at most
SAVE_SCALE = 2  # the saved PNG is twice the on-screen size: sharp on slides and handouts


def class_names() -> list[str]:
    """Class names in the window's language (gui.language's helper once it exists)."""
    try:
        from gui.language import class_name  # type: ignore[attr-defined]
    except ImportError:
        return list(CLASS_NAMES)
    return [class_name(i) for i in range(NUM_CLASSES)]


def _signed(value: float) -> str:
    """+1.23 / − 1.23 with a real minus sign, so the sum reads as arithmetic."""
    return f"− {abs(value):.2f}" if value < 0 else f"+ {value:.2f}"


class WeightsPanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.redraw_count = 0  # tests and benchmarks count redraws: a hidden tab must not redraw
        self._selected = 0
        self._stale = True  # something changed while hidden: redraw when shown
        self._model_name: str | None = None
        self._templates: Any = None  # core.templates.ClassTemplates of what is shown
        self._scale_hold: float | None = None  # the colour scale stays put during a stroke
        self._paint_base: tuple[str, dict] | None = None  # weights when the stroke began
        self._pending_stroke: tuple[list, int] | None = None
        self._names_shown: list[str] = []
        self._applying = False  # our own set_edited_weights is emitting predictor_changed
        self._stroke_dropped = False  # new weights arrived mid-stroke: ignore it until release
        self._since_redraw = QElapsedTimer()
        self._redraw_timer = QTimer(self, singleShot=True, timeout=self.refresh)
        self._stroke_timer = QTimer(self, singleShot=True, interval=STROKE_INTERVAL_MS)
        self._stroke_timer.timeout.connect(self._apply_stroke)
        self._build()
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

        self.image_heading = QLabel(page)
        self.image_heading.setWordWrap(True)
        self.equation = LogitEquation(page)
        self.sums = QLabel(page)
        self.sums.setWordWrap(True)
        self.sums.setTextFormat(Qt.TextFormat.PlainText)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.image_heading)
        layout.addWidget(self.equation)
        layout.addWidget(self.sums)

        self.logit_heading, self.logit_bars = QLabel(page), LogitBars(page)
        self.prob_heading, self.prob_bars = QLabel(page), ProbabilityBars(page)
        self.bars = ReflowPair(
            _titled(self.logit_heading, self.logit_bars), _titled(self.prob_heading, self.prob_bars)
        )
        layout.addWidget(self.bars)

        self.units_heading = QLabel(page)
        self.units_heading.setWordWrap(True)
        self.units = TileGrid(columns=16, min_tile_lines=1.6, max_tile_lines=3.5)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.units_heading)
        layout.addWidget(self.units)
        layout.addStretch(1)

        self.grid.tile_clicked.connect(self.select_class)
        self.logit_bars.class_clicked.connect(self.select_class)
        self.equation.stroke_changed.connect(self._on_stroke)
        self.equation.stroke_finished.connect(self._on_stroke_finished)
        self.controls.size_changed.connect(self._set_brush_size)
        self.controls.reset_requested.connect(self.reset_edits)
        self.controls.save_requested.connect(self.choose_save_path)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        """Headings a size up from the app's text; re-applied when the text size changes."""
        self.model_line.setFont(relative_font(1.25, bold=True))
        self.image_heading.setFont(relative_font(1.15, bold=True))
        self.sums.setFont(relative_font(1.1))
        for heading in (self.logit_heading, self.prob_heading, self.units_heading):
            heading.setFont(relative_font(1.0, bold=True))

    # -- public --------------------------------------------------------------------------------
    def selected_class(self) -> int:
        return self._selected

    def select_class(self, index: int) -> None:
        self._selected = int(index)
        self.refresh()

    def shown_templates(self) -> Any:
        """The ClassTemplates on screen (None for a CNN or without a model)."""
        return self._templates

    def scroll_to_equation(self) -> None:
        """Bring the paintable template into view (tests drive the mouse there)."""
        self.scroll.ensureWidgetVisible(self.equation)

    def reset_edits(self) -> None:
        self.session.reset_edits()
        self.refresh()

    def shutdown(self) -> None:
        self._redraw_timer.stop()
        self._stroke_timer.stop()

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Everything from the Session's active model and current image (a few ms)."""
        from core.templates import class_templates, first_layer_units, is_linear, model_state

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
        _set_text(self.model_line, self.tr("Model: {label}").format(label=predictor.label))
        _set_text(self.explanation, self._explain(name))
        names = class_names()
        if self._templates is not None:
            scale = self._scale_hold or self._templates.scale()
            self.grid.set_images(colour_images(self._templates.images, scale), self._captions(names))
            self.grid.set_selected(self._selected)
            self.colour_bar.set_scale(scale)
        # A CNN has no picture per class: the explanation above says so and points to its filters.
        for widget in (self.grid, self.colour_bar):
            widget.setVisible(self._templates is not None)
        self.controls.save_button.setEnabled(self._templates is not None)
        self._show_units(first_layer_units(name, state))
        self._show_current_image(predictor, names)

    def _captions(self, names: list[str]) -> list[tuple[str, str]]:
        biases = self._templates.biases
        text = self.tr("bias {bias}")
        return [
            (names[i], text.format(bias=f"{biases[i]:+.2f}".replace("-", "−"))) for i in range(NUM_CLASSES)
        ]

    def _explain(self, name: str) -> str:
        if name in ("softmax-scratch", "softmax"):
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
        _set_text(self.units_heading, text.format(count=len(units)))
        self.units_heading.show()
        self.units.show()

    def _show_current_image(self, predictor: Any, names: list[str]) -> None:
        from core.templates import logit_breakdown

        image = self.session.current_image()
        j = self._selected
        if names != self._names_shown:  # each call re-lays out the bars: only on a language switch
            self._names_shown = names
            self.logit_bars.set_class_names(names)
            self.prob_bars.set_class_names(names)
        if image is None:
            _set_text(self.image_heading, self.tr("Why this answer? There is no current image yet."))
            template = None
            if self._templates is not None:
                template = colour_images(self._templates.images[j : j + 1], self.colour_bar.scale())[0]
            self.equation.set_pictures(template, None, None)
            self._set_equation_captions(names, exact=self._templates is not None, has_image=False)
            _set_text(self.sums, "")
            self.logit_bars.set_logits(None)
            self.prob_bars.set_probabilities(
                None, self.tr("Draw on the Draw tab or pick an image in Browse.")
            )
            return
        parts = logit_breakdown(predictor.model, predictor.model_name, image.pixels)
        _set_text(
            self.image_heading,
            self.tr("Why this answer? The current image: {source}").format(source=image.describe()),
        )
        if parts.exact and self._templates is not None:
            weight_scale = self.colour_bar.scale()  # the template exactly as in the grid above
        else:
            weight_scale = float(np.abs(parts.weights[j]).max()) or 1.0
        product_scale = float(np.abs(parts.maps[j]).max()) or 1.0  # its own scale: faint otherwise
        self.equation.set_pictures(
            colour_images(parts.weights[j : j + 1], weight_scale)[0],
            grey_image(image.pixels),
            colour_images(parts.maps[j : j + 1], product_scale)[0],
        )
        self._set_equation_captions(names, exact=parts.exact, has_image=True)
        bias_name = self.tr("bias") if parts.exact else self.tr("the rest: biases through the network")
        _set_text(
            self.sums,
            self.tr(
                "{name}:  o = {positive} (pixels for) {negative} (pixels against) "
                "{bias} ({bias_name}) = {logit}"
            ).format(
                name=names[j],
                positive=f"{parts.positive[j]:.2f}",
                negative=_signed(parts.negative[j]),
                bias=_signed(parts.bias[j]),
                bias_name=bias_name,
                logit=f"{parts.logits[j]:.2f}".replace("-", "−"),
            ),
        )
        self.logit_bars.set_logits(parts.logits)
        self.logit_bars.set_selected(j)
        self.prob_bars.set_probabilities(predictor.probabilities(image.pixels))
        self.prob_bars.set_true_class(image.true_label)

    def _set_equation_captions(self, names: list[str], *, exact: bool, has_image: bool) -> None:
        name = names[self._selected]
        if exact:
            first = self.tr("w: template of {name} (paint here)").format(name=name)
        else:
            first = self.tr("w: slopes of o for {name} at this image").format(name=name)
        self.equation.set_captions(
            first,
            self.tr("x: the image (0…1)"),
            self.tr("w ⊙ x: what each pixel adds"),
            "" if has_image else self.tr("No image yet: draw one or pick one in Browse"),
        )

    def _show_no_model(self) -> None:
        self._model_name = None
        self._templates = None
        if not self.session.runtime_ready:
            text = self.tr("Loading PyTorch…")
        else:
            error = self.session.predictor_error()
            text = error or self.tr("No model yet: train one on the Train tab or pick one in the Model menu.")
        _set_text(self.model_line, self.tr("What the model learned"))
        _set_text(self.explanation, text)
        self.grid.hide()
        self.colour_bar.hide()
        self.controls.save_button.setEnabled(False)
        self.controls.set_painting_enabled(False)
        self.equation.set_paintable(False)
        self.equation.set_pictures(None, None, None)
        self.equation.set_captions("", "", "")
        _set_text(self.image_heading, "")
        _set_text(self.sums, "")
        self.logit_bars.set_logits(None)
        self.prob_bars.set_probabilities(None, text)
        self._show_units(None)

    # -- painting ------------------------------------------------------------------------------
    def _set_brush_size(self, diameter: float) -> None:
        self.equation.brush.set_diameter(diameter)

    def _on_predictor_changed(self) -> None:
        if self._paint_base is not None and not self._applying:
            # New trained weights (or another model) replaced the ones this stroke paints on;
            # finishing it on the old ones would quietly bring them back.
            self._paint_base = None
            self._pending_stroke = None
            self._scale_hold = None
            self._stroke_dropped = True
        self._schedule()

    def _on_stroke(self, points: list, sign: int) -> None:
        from core.templates import is_linear

        if self._stroke_dropped:
            return
        if self._paint_base is None:  # the stroke's first point: remember what it paints on
            weights = self.session.active_weights()
            if weights is None or not is_linear(weights[0]) or self._templates is None:
                return
            self._paint_base = weights
            self._scale_hold = self._templates.scale()
        self._pending_stroke = (points, sign)
        if not self._stroke_timer.isActive():
            self._stroke_timer.start()

    def _apply_stroke(self) -> None:
        """base + the whole stroke so far: a stroke is one edit, however the mouse wandered."""
        from core.templates import brush_mask, paint_template

        if self._paint_base is None or self._pending_stroke is None:
            return
        points, sign = self._pending_stroke
        self._pending_stroke = None
        name, base = self._paint_base
        mask = brush_mask(points, self.equation.brush.radius())
        amount = sign * self.controls.sign() * self.controls.strength() * (self._scale_hold or 1.0)
        self._applying = True
        try:
            self.session.set_edited_weights(paint_template(name, base, self._selected, mask, amount))
        finally:
            self._applying = False
        self.refresh()  # at once, not at the next timer: the brush must feel direct

    def _on_stroke_finished(self) -> None:
        self._stroke_timer.stop()
        self._apply_stroke()
        self._paint_base = None
        self._scale_hold = None
        self._stroke_dropped = False
        self.refresh()

    # -- saving --------------------------------------------------------------------------------
    def choose_save_path(self) -> None:
        if self._templates is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        suggested = (
            f"{folder}/templates-{self._model_name}.png" if folder else f"templates-{self._model_name}.png"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the templates"), suggested, self.tr("PNG images (*.png)")
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        if not self.save_templates_png(path):
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("Could not write {path}.").format(path=path)
            )

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
        return self.template_picture().save(path, "PNG")

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.logit_heading.setText(self.tr("Logits o (before softmax)"))
        self.prob_heading.setText(self.tr("Softmax probabilities"))
        self.grid.setAccessibleName(self.tr("class templates"))
        self.equation.setAccessibleName(self.tr("template times image equals what each pixel adds"))
        self.logit_bars.setAccessibleName(self.tr("logits"))
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


def _set_text(label: QLabel, text: str) -> None:
    """Change a label only when its text changes: every change re-lays out the whole page, and
    live weights arrive several times a second while the Train tab's figures need the thread."""
    if label.text() != text:
        label.setText(text)


def _titled(title: QLabel, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(body)
    return box
