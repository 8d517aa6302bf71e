"""A shipped checkpoint replaced on disk (a retrained model copied into resources/models) shows its
new figures in the choosers without a restart: they were read once, at start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QFileSystemWatcher

from gui.model_figures import FIGURES_ROLE, FiguresReader
from gui.session import Session
from gui.session.model_sources import ModelSource


def save(path: Path, metrics: dict) -> Path:
    import torch

    from core.checkpoint import save_checkpoint
    from core.config import TrainConfig
    from core.models import build_model

    model = build_model("softmax", torch.Generator().manual_seed(0))
    return save_checkpoint(path, model, TrainConfig(model="softmax"), metrics)


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A folder of shipped models holding one: softmax, scored 50% and 25%."""
    import core.paths

    folder = tmp_path / "models"
    folder.mkdir()
    path = save(folder / "softmax.pt", {"test_acc": 0.5, "sketch_acc": 0.25})
    monkeypatch.setattr(core.paths, "pretrained_path", lambda name: folder / f"{name}.pt")
    return path


@pytest.fixture
def reader(qtbot, shipped):
    session = Session()
    reader = FiguresReader(session)
    session.mark_runtime_ready()
    qtbot.waitUntil(lambda: figures(session) is not None and not reader.is_reading(), timeout=30_000)
    yield session, reader
    reader.shutdown(5000)


def figures(session: Session) -> dict | None:
    models = session.model_list()
    return models.item(models.row_of(ModelSource.pretrained("softmax"))).data(FIGURES_ROLE)


def test_a_replaced_file_shows_its_new_figures(qtbot, reader, shipped, tmp_path):
    session, _reader = reader
    assert figures(session) == {"test_acc": 0.5, "sketch_acc": 0.25}
    # Copied in as a new file over the old one, as save_checkpoint and most tools do.
    fresh = save(tmp_path / "retrained.pt", {"test_acc": 0.75, "sketch_acc": 0.5})
    os.replace(fresh, shipped)
    qtbot.waitUntil(lambda: figures(session) == {"test_acc": 0.75, "sketch_acc": 0.5}, timeout=30_000)
    # And again: the replaced file is watched too.
    fresh = save(tmp_path / "retrained-again.pt", {"test_acc": 0.875, "sketch_acc": 0.625})
    os.replace(fresh, shipped)
    qtbot.waitUntil(lambda: figures(session) == {"test_acc": 0.875, "sketch_acc": 0.625}, timeout=30_000)


def test_a_file_written_in_place_shows_its_new_figures(qtbot, reader, shipped, tmp_path):
    session, _reader = reader
    shipped.write_bytes(save(tmp_path / "other.pt", {"test_acc": 0.625, "sketch_acc": 0.125}).read_bytes())
    qtbot.waitUntil(lambda: figures(session) == {"test_acc": 0.625, "sketch_acc": 0.125}, timeout=30_000)


def test_another_file_in_the_folder_reads_nothing_again(qtbot, reader, shipped, monkeypatch):
    session, reader = reader
    reads = []
    monkeypatch.setattr(reader, "read_shipped", lambda: reads.append(1))
    with qtbot.waitSignal(reader.findChild(QFileSystemWatcher).directoryChanged, timeout=10_000):
        (shipped.parent / "notes.txt").write_text("a note beside the models")
    assert reads == []
    assert figures(session) == {"test_acc": 0.5, "sketch_acc": 0.25}
