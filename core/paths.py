"""Where the app keeps and finds things. Torch-free: the window asks these at start-up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "fashion-mnist-playground"
# Debian's package dataset-fashion-mnist puts the four official .gz files here.
DEBIAN_DATA_DIR = Path("/usr/share/datasets/fashion-mnist")
DATA_ENV_VAR = "FASHION_MNIST_DIR"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Per-user cache folder, following each platform's convention (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_DIR_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_DIR_NAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_DIR_NAME


def resources_dir() -> Path:
    return PROJECT_ROOT / "resources"


def pretrained_path(model_name: str) -> Path:
    """The shipped default checkpoint for a registry model (see resources/models/README.md)."""
    return resources_dir() / "models" / f"{model_name}.pt"
