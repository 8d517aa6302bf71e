"""How long the Softmax tab takes to follow one new image: the budget is 20 ms median, so it keeps
up while a student draws (the Draw tab sends a new model input per stroke segment).

One update = the core maths (logits, the stages, loss and gradient, the SGD what-if with its ΔW
maps) plus handing the numbers to the widgets; "with paint" adds the synchronous repaint of the
bars and the maps. Offscreen Qt, the panel at 1024×700, each shipped model in turn (a fresh one
where resources/models lacks it), 30 slightly different images like consecutive strokes.

    .venv/bin/python benchmarks/softmax_update.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROUNDS = 30
MODELS = ("softmax-scratch", "softmax", "mlp", "cnn")


def use_model(session, name: str) -> None:
    """The shipped model, or fresh weights of that architecture when it is not shipped."""
    from core.paths import pretrained_path

    if pretrained_path(name).is_file():
        try:
            from gui.session.model_sources import ModelSource

            session.set_model_source(ModelSource.pretrained(name))
        except ImportError:  # the Session that names sources with strings
            from gui.session import PRETRAINED_PREFIX

            session.set_model_source(PRETRAINED_PREFIX + name)
        return
    from core.models import build_model

    weights = session.active_weights()
    if weights is None:
        raise SystemExit(f"no shipped {name} model and no active model to edit")
    session.set_edited_weights(build_model(name).state_dict())


def strokes(count: int) -> list[np.ndarray]:
    """A garment-ish blob growing one stroke at a time: each image a little different."""
    rng = np.random.default_rng(0)
    image = np.zeros((28, 28), dtype=np.uint8)
    images = []
    for _ in range(count):
        y, x = rng.integers(6, 22, size=2)
        image[y - 2 : y + 3, x - 3 : x + 4] = 220
        images.append(image.copy())
    return images


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from gui.session import DRAW_BOARD, CurrentImage, Session
    from gui.softmax.panel import SoftmaxPanel

    session = Session()
    session.mark_runtime_ready()
    panel = SoftmaxPanel(session)
    panel.resize(1024, 700)
    panel.show()
    app.processEvents()
    images = strokes(ROUNDS + 3)
    print(f"Softmax tab, one full update per new image ({ROUNDS} images, median / 90th percentile):")
    for name in MODELS:
        use_model(session, name)
        panel.true_class.setCurrentIndex(1 + 3)  # y = Dress, so loss, gradient and ΔW are all computed
        panel.true_class.activated.emit(1 + 3)
        plain, painted = [], []
        done = panel.updates
        for i, pixels in enumerate(images):
            start = time.perf_counter()
            session.set_current_image(CurrentImage(pixels, DRAW_BOARD))
            middle = time.perf_counter()
            for widget in (panel.table, panel.step.delta_maps, panel.step.after_table):
                if widget.isVisible():
                    widget.repaint()
            end = time.perf_counter()
            if i >= 3:  # the first few warm up caches and lazy imports
                plain.append((middle - start) * 1e3)
                painted.append((end - start) * 1e3)
        if panel.updates - done != len(images) or panel.what_if() is None:
            raise SystemExit("the panel did not update for every image: the figures would mean nothing")
        print(
            f"  {name:16s} update {statistics.median(plain):6.2f} ms (p90 {np.percentile(plain, 90):6.2f})"
            f"   with paint {statistics.median(painted):6.2f} ms (p90 {np.percentile(painted, 90):6.2f})"
            f"   target ≤ 20 ms median"
        )
    panel.close()


if __name__ == "__main__":
    main()
