"""Brush strokes on a template → edited weights in the Session.

A stroke is one edit: each mouse move re-applies the whole stroke so far to the weights the
stroke began on (never to the previous move's result), so the outcome depends on where the brush
went, not on how many events the mouse sent. The edits go to `Session.set_edited_weights`, which
makes every tab answer with them; the trained weights stay in the Session for Reset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

STROKE_INTERVAL_MS = 20  # a drag's mouse moves are applied together, ~50 times a second at most


class StrokeEditor(QObject):
    edited = Signal()  # the Session now answers with new edited weights: redraw at once

    def __init__(
        self,
        session: Any,
        selected_class: Callable[[], int],
        brush_radius: Callable[[], float],
        strength: Callable[[], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._selected_class = selected_class
        self._brush_radius = brush_radius
        self._strength = strength  # signed fraction of the colour scale (+ towards, − away)
        self._base: tuple[str, dict] | None = None  # weights when the stroke began
        self._scale: float | None = None  # the shared colour scale, held still while painting
        self._pending: tuple[list, int] | None = None
        self._applying = False  # our own set_edited_weights is emitting predictor_changed
        self._dropped = False  # new weights arrived mid-stroke: ignore the rest until release
        self._timer = QTimer(self, singleShot=True, interval=STROKE_INTERVAL_MS)
        self._timer.timeout.connect(self.apply)

    def held_scale(self) -> float | None:
        """The colour scale to draw with while a stroke is under way (None: none is)."""
        return self._scale

    def on_stroke(self, points: list, sign: int, templates: Any) -> None:
        """A stroke began or moved (`points` in template pixels, `sign` ±1 from the button)."""
        from core.lesson.templates import is_linear

        if self._dropped:
            return
        if self._base is None:  # the stroke's first point: remember what it paints on
            weights = self._session.active_weights()
            if weights is None or not is_linear(weights[0]) or templates is None:
                return
            self._base = weights
            self._scale = templates.scale()
        self._pending = (points, sign)
        if not self._timer.isActive():
            self._timer.start()

    def apply(self) -> None:
        """base + the whole stroke so far, handed to the Session."""
        from core.lesson.templates import brush_mask, paint_template

        if self._base is None or self._pending is None:
            return
        points, sign = self._pending
        self._pending = None
        name, base = self._base
        mask = brush_mask(points, self._brush_radius())
        amount = sign * self._strength() * (self._scale or 1.0)
        self._applying = True
        try:
            self._session.set_edited_weights(paint_template(name, base, self._selected_class(), mask, amount))
        finally:
            self._applying = False
        self.edited.emit()  # at once, not at the next redraw tick: the brush must feel direct

    def finish(self) -> None:
        self._timer.stop()
        self.apply()
        self._base = self._scale = None
        self._dropped = False
        self.edited.emit()

    def on_predictor_changed(self) -> None:
        """New trained weights (or another model) replaced the ones this stroke paints on:
        finishing it on the old ones would quietly bring them back."""
        if self._base is not None and not self._applying:
            self._base = self._scale = self._pending = None
            self._dropped = True

    def stop(self) -> None:
        self._timer.stop()
