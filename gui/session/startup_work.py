"""What the Session's start-up job does in its thread: import torch, then read the dataset.

Kept apart from gui/session/__init__.py because it runs in another thread: it touches no Session state,
it only yields and returns values that reach the Session as queued signals."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.data_help import explain_data_error


def load_in_background(data_dir: str | None) -> Generator[tuple[bool, str], None, tuple[Any, str | None]]:
    """Runs in the loader's thread: the slow imports and file reads that must not delay the window.

    Yields (cuda available, device description) once torch is imported; returns
    (FashionMNIST | None, error text | None)."""
    try:
        import torch

        cuda = bool(torch.cuda.is_available())
        description = f"CUDA ({torch.cuda.get_device_name(0)})" if cuda else "CPU"
    except Exception as error:  # torch missing or broken: the app still draws its window
        return None, QCoreApplication.translate("Session", "PyTorch could not be loaded: {error}").format(
            error=error
        )
    try:
        # Imported here so the GUI thread's own later imports of them (training, predicting) are
        # instant instead of a stall of tens of milliseconds in the middle of a lesson.
        import core.predictor  # noqa: F401
        import core.trainer  # noqa: F401
    except Exception:  # reported properly when the GUI itself needs them
        pass
    yield cuda, description
    try:
        from core.data import DataError, load_dataset

        try:
            # May download (for users with internet); harmless here, off the GUI thread.
            return load_dataset(data_dir), None
        except DataError as error:  # DataNotFound included: the how-to, in the window's language
            return None, explain_data_error(error)
    except Exception as error:  # an unexpected failure is reported, never a silent hang
        failed = QCoreApplication.translate("Session", "The dataset could not be loaded: {error}")
        return None, failed.format(error=error)
