"""core.paths: the user's cache through platformdirs, the shipped files through importlib.resources."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import resources
from core import paths

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's folder convention")


@linux_only
def test_the_cache_stays_where_earlier_versions_put_it(monkeypatch, tmp_path):
    """~/.cache/fashion-mnist-playground, so a cache made before platformdirs stays valid."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert paths.cache_dir() == tmp_path / ".cache" / "fashion-mnist-playground"


@linux_only
def test_the_cache_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert paths.cache_dir() == tmp_path / "elsewhere" / "fashion-mnist-playground"


def test_shipped_files_are_found_in_the_resources_package():
    """Wherever `resources` was imported from (this checkout here, site-packages once installed)."""
    folder = Path(resources.__file__).parent
    assert paths.resources_dir() == folder
    assert paths.pretrained_path("cnn") == folder / "models" / "cnn.pt"
    assert paths.pretrained_path("cnn").is_file()
    assert (paths.translations_dir() / "playground_zh_CN.qm").is_file()
