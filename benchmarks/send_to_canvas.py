"""Does "Send to canvas" show the model the same image Browse predicted? (issue 9 §1)

For the first N real test images and each shipped model, this puts every image on a real
DrawPanel two ways and compares the Draw tab's probabilities with Browse's (one batched
Predictor call, as gui.browse.prediction_job makes it):
- "sent": DrawPanel.show_image, what Send to canvas and opened files do now (exact 28×28 input);
- "redrawn": the image painted on the 280×280 board and preprocessed again, what Send to canvas
  did before the fix and what the board still does once the student edits it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/send_to_canvas.py [--images 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.data import load_dataset  # noqa: E402
from gui.draw.panel import DrawPanel  # noqa: E402
from gui.session import Session  # noqa: E402
from gui.session.model_sources import ModelSource  # noqa: E402


def _session_with(name: str) -> Session:
    """The window's own Session showing a shipped model (a stand-in copy of its interface went
    stale each time the Draw tab asked the Session for something new)."""
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_model_source(ModelSource.pretrained(name))  # shipped models switch at once
    return session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", type=int, default=2000)
    parser.add_argument("--models", nargs="+", default=["cnn", "softmax"])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    import torch

    torch.set_num_threads(1)  # the app's GUI thread runs torch on one core
    images = load_dataset(download=False).test_images[: args.images].numpy()
    print(f"{len(images)} real test images")
    for name in args.models:
        session = _session_with(name)
        browse = session.predictor().probabilities(images)
        panel = DrawPanel(session)
        sent_diff, redrawn_diff, grey, identical, changed = 0.0, 0.0, [], 0, 0
        for image, expected in zip(images, browse, strict=True):
            panel.show_image(image)
            sent_diff = max(sent_diff, float(np.abs(panel.bars.probabilities() - expected).max()))
            panel.canvas.set_image_from_array(image)  # an edit: the board's recipe runs again
            redrawn = panel.model_input()
            redrawn_probs = panel.bars.probabilities()
            redrawn_diff = max(redrawn_diff, float(np.abs(redrawn_probs - expected).max()))
            grey.append(float(np.abs(redrawn.astype(int) - image.astype(int)).mean()))
            identical += int(np.array_equal(redrawn, image))
            changed += int(redrawn_probs.argmax() != expected.argmax())
        panel.deleteLater()
        print(
            f"{name:8s} sent: max |Δp| {sent_diff:.2e}   redrawn: max |Δp| {redrawn_diff:.3f}, "
            f"identical images {identical}/{len(images)}, mean {np.mean(grey):.1f} grey levels/pixel, "
            f"predicted class changed for {100 * changed / len(images):.1f}%"
        )
    app.processEvents()


if __name__ == "__main__":
    main()
