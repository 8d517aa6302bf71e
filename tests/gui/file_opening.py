"""Helpers for the tests of opening files in the background (gui/session/checkpoint_loading.py): waiting
for a request, a held ("slow disk") load, and the files a teacher might open."""

from __future__ import annotations

import threading
from pathlib import Path

import torch
from PIL import Image, ImageDraw

from core.checkpoint import save_checkpoint
from core.config import TrainConfig
from core.models import build_model


def all_background_work_delivered(qtbot, timeout: int = 30_000) -> None:
    """Wait until every background thread has ended, then deliver what they sent: after this,
    whatever a finished read was going to hand the GUI has arrived (or never will)."""
    from PySide6.QtWidgets import QApplication

    from gui.background import running_threads

    qtbot.waitUntil(lambda: not running_threads(), timeout=timeout)
    QApplication.processEvents()


def opened(qtbot, request, timeout: int = 30_000):
    """Wait for a background open to end; its OpenOutcome."""
    assert request is not None, "nothing was read: the file counted as open already"
    with qtbot.waitSignal(request.ended, timeout=timeout) as blocker:
        pass
    return blocker.args[0]


def hold_loads(monkeypatch) -> tuple[threading.Event, list[threading.Thread]]:
    """Predictor.from_checkpoint waits for the returned event (10 s at most), as on a slow disk,
    and notes the threads it ran in. Set the event before the test ends."""
    from core.predictor import Predictor

    release, threads = threading.Event(), []
    original = Predictor.from_checkpoint.__func__

    def slow(cls, path, label=None):
        threads.append(threading.current_thread())
        release.wait(10)
        return original(cls, path, label)

    monkeypatch.setattr(Predictor, "from_checkpoint", classmethod(slow))
    return release, threads


def good_checkpoint(path: Path, name: str = "softmax", accuracy: float = 0.5) -> Path:
    model = build_model(name, torch.Generator().manual_seed(0))
    save_checkpoint(path, model, TrainConfig(model=name), {"test_acc": accuracy})
    return path


def old_format_checkpoint(path: Path, name: str = "softmax") -> Path:
    """A format-1 file (no checksum): it loads, with core's note."""
    good_checkpoint(path, name)
    payload = torch.load(path, weights_only=True)
    payload["version"] = 1
    del payload["sha256"]
    torch.save(payload, path)
    return path


def shirt_png(path: Path) -> Path:
    """A light shirt on black, saved as PNG whatever the name says."""
    picture = Image.new("L", (100, 100), 0)
    ImageDraw.Draw(picture).rectangle([30, 10, 70, 90], fill=255)
    picture.save(path, format="PNG")
    return path


def drop_file(target, path) -> None:
    """Drop `path` on `target` as a file manager does."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)  # as Qt calls it (a drop sent with sendEvent is not delivered offscreen)
