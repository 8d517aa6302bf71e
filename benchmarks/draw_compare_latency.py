"""Latency of one Draw-tab update with two answers side by side (issue 21): the real DrawPanel,
offscreen, reading a sketch with the active model and the model beside it.

Printed per pair: the update with one model as before (preprocess + inference), the two models'
work alone (preprocess once, two inferences) and the panel's whole update (that, plus both sets
of bars, the titles, the preview; painting happens later, once per frame). The GUI thread runs
torch on one core, as in the app (Session.mark_runtime_ready). Timings on a shared machine are
noisy: the load average is printed.

    .venv/bin/python benchmarks/draw_compare_latency.py [--repeats 300]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from predict_latency import summary, time_ms  # noqa: E402  (this folder: the same timing as the Draw figure)
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.paths import resources_dir  # noqa: E402
from core.predictor import Predictor  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402
from gui.draw.panel import DrawPanel  # noqa: E402
from gui.session import Session  # noqa: E402
from gui.session.model_sources import ModelSource  # noqa: E402

PAIRS = (("cnn", "softmax"), ("cnn", "mlp"), ("softmax", "cnn"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    session = Session()
    session.mark_runtime_ready(False, "CPU")  # one torch thread here, as in the window's GUI thread
    panel = DrawPanel(session)
    panel.resize(1024, 700)
    panel.show()
    app.processEvents()
    drawing = np.asarray(Image.open(resources_dir() / "sketches" / "7-sneaker-outline.png").convert("L"))
    panel.canvas.set_image_from_array(preprocess_drawing(drawing))  # an edited board: preprocessed each time
    panel.canvas.changed.emit()

    import torch

    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), load {os.getloadavg()[0]:.2f}")
    for first, second in PAIRS:
        session.set_model_source(ModelSource.pretrained(first))
        panel.second_model.choose(ModelSource.pretrained(second))
        board = panel.canvas.to_array()
        alone = Predictor.pretrained(first)
        one = time_ms(lambda p=alone, b=board: p.probabilities(preprocess_drawing(b)), args.repeats)
        beside = Predictor.pretrained(second)

        def models_only(p=alone, q=beside, b=board) -> None:
            image28 = preprocess_drawing(b)
            p.probabilities(image28)
            q.probabilities(image28)

        two = time_ms(models_only, args.repeats)
        panel_update = time_ms(panel.update_prediction, args.repeats)
        assert panel.answers.second.bars.probabilities() is not None
        pair = f"{first} + {second}"
        print(f"{first + ' alone (before)':<28} {summary(one)}")
        print(f"{pair + ', models only':<28} {summary(two)}")
        print(f"{pair + ', panel update':<28} {summary(panel_update)}")
    panel.close()


if __name__ == "__main__":
    main()
