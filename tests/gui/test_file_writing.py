"""Files the window writes: a failed write (a full disk, no permission) leaves the old file whole,
and the message names the real cause. A full disk is simulated where the OS reports it on many file
systems: when the written data is flushed to the disk (fsync)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

import core.file_safety as file_safety
import gui.checkpoint_files as files_module
import gui.train.export as export_module
from gui.file_writing import explain_write_error
from gui.train.export import RunExports

OLD = b"the previous export, which must survive\n"


def full_disk(monkeypatch) -> None:
    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(file_safety.os, "fsync", no_space)


def no_permission(monkeypatch) -> None:
    def refused(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(file_safety.tempfile, "mkstemp", refused)


class FakePlots:
    def render_image(self, width: int | None = None) -> QImage:
        image = QImage(64, 32, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        return image

    def ask_export_width(self, parent: QWidget) -> int:
        return 64

    def save_png(self, path: str, width: int | None = None) -> bool:  # how TrainPlots writes in place
        return self.render_image(width).save(path, "PNG")


@pytest.fixture
def exports(qtbot, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    log: list[str] = []
    exports = RunExports(FakePlots(), log.append, parent)
    config = SimpleNamespace(model="softmax", lr=0.1, batch_size=256, seed=0)
    event = SimpleNamespace(epoch=1, loss=0.5, train_acc=0.8, test_acc=0.79, seconds=1.0)
    exports.add_epoch(1, "softmax lr 0.1", config, event)
    return exports, log


def choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(export_module.QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


@pytest.mark.parametrize(
    ("kind", "fail", "cause"),
    [
        ("csv", full_disk, "No space left on the disk holding"),
        ("png", full_disk, "No space left on the disk holding"),
        ("csv", no_permission, "Permission denied"),
        ("png", no_permission, "Permission denied"),
    ],
)
def test_a_failed_export_keeps_the_old_file_and_names_the_cause(
    exports, tmp_path, monkeypatch, kind, fail, cause
):
    exports, log = exports
    target = tmp_path / f"earlier.{kind}"
    target.write_bytes(OLD)
    choose(monkeypatch, target)
    fail(monkeypatch)
    exports.ask_export_csv() if kind == "csv" else exports.ask_save_plots()
    assert target.read_bytes() == OLD  # was cut off mid-row / a truncated PNG
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left either
    assert log and log[-1].startswith(cause) and str(tmp_path) in log[-1], log
    assert "writable?" not in log[-1]


def test_a_successful_export_replaces_the_file_whole(exports, tmp_path, monkeypatch):
    exports, log = exports
    csv_target, png_target = tmp_path / "runs.csv", tmp_path / "plots.png"
    for target in (csv_target, png_target):
        target.write_bytes(OLD)
    choose(monkeypatch, csv_target)
    exports.ask_export_csv()
    choose(monkeypatch, png_target)
    exports.ask_save_plots()
    assert csv_target.read_text(encoding="utf-8").splitlines()[1].startswith("1,softmax lr 0.1,softmax,0.1")
    assert QImage(str(png_target)).width() == 64
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plots.png", "runs.csv"]


def test_write_errors_say_what_happened(qapp, tmp_path):
    path = str(tmp_path / "plots.png")
    read_only = explain_write_error(OSError(errno.EROFS, os.strerror(errno.EROFS)), path)
    assert read_only.startswith(f"{tmp_path} is on a read-only disk")
    quota = explain_write_error(OSError(errno.EDQUOT, os.strerror(errno.EDQUOT)), path)
    assert quota.startswith("No space left")
    other = explain_write_error(OSError(errno.EIO, os.strerror(errno.EIO)), path)
    assert other == f"plots.png was not written: {os.strerror(errno.EIO)}"


def _live_run(name: str):
    from core.config import TrainConfig
    from core.device import cpu_state_dict
    from core.models import build_model
    from gui.session import LiveRun

    return LiveRun(1, TrainConfig(model=name), cpu_state_dict(build_model(name)), f"{name} lr 0.1")


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_file_save_on_a_full_disk_says_so_and_keeps_file_and_weights(qtbot, tmp_path, monkeypatch):
    """The window showed torch's enforce-fail text; now the same words as the CLI, translated."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.session import Session
    from gui.session.model_sources import LIVE

    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    run = _live_run("softmax")
    session.publish_live_run(run)
    window = MainWindow(session, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    target = tmp_path / "model.pt"
    target.write_bytes(OLD)
    monkeypatch.setattr(files_module.QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(
        files_module.QMessageBox, "warning", lambda parent, title, text: warnings.append(text)
    )
    full_disk(monkeypatch)
    window.save_checkpoint()
    assert len(warnings) == 1
    first, second = warnings[0].splitlines()
    assert first == f"No space left on the disk holding {tmp_path}: model.pt was not written."
    assert second.startswith("The weights are still in the window")
    assert target.read_bytes() == OLD and session.live_run() is run
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".model.pt")]  # no temp file
    monkeypatch.undo()  # room again: the same weights save
    monkeypatch.setattr(files_module.QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window.save_checkpoint()
    assert target.read_bytes() != OLD
