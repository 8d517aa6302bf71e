"""Where the app keeps and finds things. Torch-free: the window asks these at start-up.

The user's cache follows each system's convention through platformdirs. What the app ships
(pretrained models, sketches, the compiled translations) is package data of `resources`, found
through importlib.resources: an installed app reads its own copy, never a source checkout's.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

APP_DIR_NAME = "fashion-mnist-playground"
# Debian's package dataset-fashion-mnist puts the four official .gz files here.
DEBIAN_DATA_DIR = Path("/usr/share/datasets/fashion-mnist")
DATA_ENV_VAR = "FASHION_MNIST_DIR"


def cache_dir() -> Path:
    """Per-user cache folder (not created here): ~/.cache/fashion-mnist-playground on Linux (or
    under $XDG_CACHE_HOME), ~/Library/Caches/… on macOS, %LOCALAPPDATA%/…/Cache on Windows."""
    # appauthor=False: no vendor folder above the app's on Windows, so earlier caches stay valid.
    return user_cache_path(APP_DIR_NAME, appauthor=False)


def data_dir() -> Path:
    """Per-user folder for what the user makes and keeps (not created here): the class sketchbooks.
    ~/.local/share/fashion-mnist-playground on Linux (or under $XDG_DATA_HOME), ~/Library/Application
    Support/… on macOS, %LOCALAPPDATA%/… on Windows: unlike the cache, never safe to delete."""
    return user_data_path(APP_DIR_NAME, appauthor=False)


def resources_dir() -> Path:
    """The installed `resources` package's folder (the checkout's when run from source)."""
    folder = files("resources")
    # torch.load and QTranslator need real files; a wheel always installs as plain files, so only
    # a zipped install (which pip never makes) could land here.
    if not isinstance(folder, Path):
        raise RuntimeError(f"the app's resources must be plain files, not {folder!r}")
    return folder


def pretrained_path(model_name: str) -> Path:
    """The shipped default checkpoint for a registry model (see resources/models/README.md)."""
    return resources_dir() / "models" / f"{model_name}.pt"


def translations_dir() -> Path:
    """The compiled catalogues (.qm) the window loads; scripts/update_translations.sh writes them."""
    return resources_dir() / "translations"
