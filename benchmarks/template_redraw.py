"""Cost of one Weights-tab template redraw: ten 28×28 templates colour mapped (and painted).

While a run trains, new weights reach the Weights tab ~3 times a second in the GUI thread, which
also feeds the Train tab's plots; one redraw must stay cheap (target: median ≤ 5 ms for the ten
colour-mapped images). Printed, never asserted: a shared machine is noisy, so the load average is
printed too. Three figures, each a median over --repeats:

  map      ten 28×28 arrays → ten RGB32 QImages through the CET-D1 lookup table (the target)
  paint    map + the template grid repainting itself offscreen at 1024-px width
  refresh  the whole tab: weights read from the model, templates, colour key, the current
           image's logit breakdown (w ⊙ x), logit and softmax bars, painted
  brush    one mouse move while painting: stroke mask, edited weights to the Session (a new
           Predictor), the whole tab refreshed and painted

Run (offscreen, no window appears):

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/template_redraw.py [--repeats 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402

TARGET_MS = 5.0


def _median_ms(function, repeats: int) -> float:
    function()  # warm-up: first calls build lookup tables and caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300)
    parser.add_argument("--model", default="softmax-scratch", choices=["softmax-scratch", "softmax", "mlp"])
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # the GUI thread runs torch on one core (core/parallelism.py)

    from PySide6.QtWidgets import QApplication

    from core.config import TrainConfig
    from core.lesson.templates import class_templates, model_state
    from core.models import build_model
    from gui.session import CurrentImage, Session
    from gui.weights.colour import colour_images
    from gui.weights.panel import WeightsPanel

    app = QApplication.instance() or QApplication([])
    model = build_model(args.model, torch.Generator().manual_seed(0))
    state = model_state(model)
    templates = class_templates(args.model, state)
    scale = templates.scale()

    session = Session()
    session.mark_runtime_ready()
    from gui.session import LIVE

    session.set_model_source(LIVE)
    if hasattr(session, "publish_live_run"):
        from gui.session import LiveRun

        session.publish_live_run(LiveRun(1, TrainConfig(model=args.model), state, "benchmark"))
    else:
        session.publish_live_weights(args.model, state, "benchmark")
    rng = np.random.default_rng(0)
    session.set_current_image(CurrentImage(rng.integers(0, 256, (28, 28), dtype=np.uint8), "draw"))
    panel = WeightsPanel(session)
    panel.resize(1024, 740)
    panel.show()
    app.processEvents()

    def map_only() -> None:
        colour_images(templates.images, scale)

    def map_and_paint() -> None:
        panel.grid.set_images(colour_images(templates.images, scale))
        panel.grid.repaint()

    def refresh() -> None:
        panel.refresh()
        panel.repaint()

    def brush_step() -> None:
        # One mouse move while painting: the stroke's mask, the edited weights handed to the
        # Session (which builds a Predictor from them), and the tab redrawn.
        panel.editor.on_stroke([(8.0, 14.0), (20.0, 14.0)], 1, panel.shown_templates())
        panel.editor.apply()
        panel.repaint()

    figures = {
        "map": _median_ms(map_only, args.repeats),
        "paint": _median_ms(map_and_paint, args.repeats),
        "refresh": _median_ms(refresh, max(20, args.repeats // 5)),
        # Only the linear models can be painted on; the MLP refuses the stroke.
        "brush": _median_ms(brush_step, max(20, args.repeats // 5)) if args.model != "mlp" else None,
    }
    panel.editor.finish()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"model {args.model}, load average {load:.2f}, Qt platform {app.platformName()}")
    print(
        f"template redraw, ten 28×28 colour mapped: median {figures['map']:.3f} ms "
        f"(target ≤ {TARGET_MS:.0f} ms)"
    )
    print(f"  mapped + grid repainted:                median {figures['paint']:.3f} ms")
    print(f"  whole tab refresh (with w ⊙ x, bars):  median {figures['refresh']:.3f} ms")
    if figures["brush"] is not None:
        print(f"  one brush step while painting:         median {figures['brush']:.3f} ms")
    panel.shutdown()
    panel.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
