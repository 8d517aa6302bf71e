"""Keeping a drawing in the class sketchbook (gui/draw/keep_row.py, gui/session/sketchbook.py) and
File ▸ Export / Import sketchbook (gui/sketchbook_files.py): the file holds exactly the model's input,
a bad zip is one line in the window's language with nothing added, an import's result is said in a
box (the same zip again too), and Export is greyed, with a reason, while the sketchbook is empty."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from core.sketchbook import Sketchbook
from gui import language
from gui.draw.panel import DrawPanel
from gui.sketchbook_files import SketchbookFiles
from tests.gui.file_opening import all_background_work_delivered


@pytest.fixture
def session(session_with_tmp_sketchbook):
    return session_with_tmp_sketchbook


@pytest.fixture
def panel(qtbot, session):
    panel = DrawPanel(session)
    qtbot.addWidget(panel)
    return panel


def draw_a_shoe(panel: DrawPanel) -> None:
    panel.canvas.draw_stroke([(40.0, 200.0), (240.0, 200.0), (240.0, 150.0), (150.0, 140.0), (40.0, 170.0)])
    panel.update_prediction()


def keep(qtbot, panel: DrawPanel, label: int) -> None:
    with qtbot.waitSignal(panel.session.sketchbook_changed, timeout=30_000):
        panel.keep_row.class_actions[label].trigger()
    all_background_work_delivered(qtbot)


def test_keeping_stores_exactly_the_input_the_model_read_and_the_board(qtbot, panel, session):
    assert not panel.keep_row.isEnabled()  # an empty board: nothing to keep
    draw_a_shoe(panel)
    assert panel.keep_row.isEnabled()
    seen = panel.model_input()
    keep(qtbot, panel, 7)
    [sketch] = session.sketchbook.sketches()
    assert sketch.label == 7 and sketch.source == "draw"
    np.testing.assert_array_equal(sketch.model_input, seen)
    files = sorted(path.name for path in session.sketchbook.folder.iterdir())
    assert files == [f"{sketch.sketch_id}.board.png", f"{sketch.sketch_id}.png"]
    with Image.open(session.sketchbook.folder / f"{sketch.sketch_id}.png") as image:
        np.testing.assert_array_equal(np.asarray(image), seen)
    with Image.open(io.BytesIO(sketch.board_png)) as board:
        np.testing.assert_array_equal(np.asarray(board), panel.canvas.to_array())
    assert panel.keep_row.message.text() == "Kept as Sneaker (1 in today's sketchbook)"
    keep(qtbot, panel, 5)
    assert panel.keep_row.message.text() == "Kept as Sandal (2 in today's sketchbook)"


def test_the_message_and_the_menu_follow_the_language(qtbot, panel, session):
    language.apply_language(language.CHINESE)
    assert panel.keep_row.class_actions[7].text() == "&7  运动鞋"
    draw_a_shoe(panel)
    keep(qtbot, panel, 7)
    assert panel.keep_row.message.text().startswith("已记为“运动鞋”")


def test_ctrl_k_opens_the_menu_only_with_a_drawing(qtbot, panel, monkeypatch):
    opened: list[bool] = []
    monkeypatch.setattr(panel.keep_row.button, "showMenu", lambda: opened.append(True))
    panel.keep_row.shortcut.activated.emit()
    assert opened == []
    draw_a_shoe(panel)
    panel.keep_row.shortcut.activated.emit()
    assert opened == [True]


@pytest.fixture
def message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """(title, text, informative text) of each box the menu opened, instead of showing it."""
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "open", lambda box: shown.append((box.windowTitle(), box.text(), box.informativeText()))
    )
    return shown


@pytest.fixture
def files(qtbot, session, message_boxes):
    window = QMainWindow()
    qtbot.addWidget(window)
    return SketchbookFiles(window, session), window


def choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def test_a_bad_zip_is_refused_in_a_message_box_and_adds_nothing(
    qtbot, monkeypatch, tmp_path, session, files, message_boxes
):
    sketchbook_files, window = files
    session.sketchbook.add(3, np.full((28, 28), 9, np.uint8))
    before = sorted(session.sketchbook.folder.iterdir())
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as archive:
        archive.writestr("../../20261207-101502-abcdef.png", b"x")
    choose(monkeypatch, tmp_path / "evil.zip")
    said: list[str] = []
    session.sketchbook.refused.connect(said.append)
    changes: list[bool] = []
    session.sketchbook_changed.connect(lambda: changes.append(True))
    with qtbot.waitSignal(session.sketchbook.refused, timeout=30_000):
        sketchbook_files.import_action.trigger()
    all_background_work_delivered(qtbot)
    assert said == [
        "evil.zip: refused: it holds '../../20261207-101502-abcdef.png', a name that leads out of its folder"
    ]
    assert window.statusBar().currentMessage() == said[0]
    # Not only a passing line; what failed is the box's first line, not only its title (no title
    # bar without a window manager).
    assert message_boxes == [("Could not import the sketchbook",) * 2 + (said[0],)]
    assert sorted(session.sketchbook.folder.iterdir()) == before and changes == []


def test_a_bad_zip_is_refused_in_chinese(qtbot, monkeypatch, tmp_path, session, files, message_boxes):
    sketchbook_files, window = files
    language.apply_language(language.CHINESE)
    (tmp_path / "notes.zip").write_text("not a zip")
    choose(monkeypatch, tmp_path / "notes.zip")
    with qtbot.waitSignal(session.sketchbook.refused, timeout=30_000) as refusal:
        sketchbook_files.import_action.trigger()
    assert refusal.args == ["notes.zip：不是 zip 文件（导出的草图本是 zip 文件）"]
    all_background_work_delivered(qtbot)
    assert [reason for _title, _heading, reason in message_boxes] == refusal.args
    assert message_boxes[0][0] == "无法导入草图本"  # the title is in Chinese too


def test_export_then_import_through_the_menu(qtbot, monkeypatch, tmp_path, session, files, message_boxes):
    sketchbook_files, window = files
    for label in (1, 2, 3):
        session.sketchbook.add(label, np.full((28, 28), 10 * label, np.uint8))
    choose(monkeypatch, tmp_path / "class.zip")
    with qtbot.waitSignal(session.sketchbook.finished, timeout=30_000) as done:
        sketchbook_files.export_action.trigger()
    assert done.args == ["Exported 3 sketches to class.zip."]
    session.sketchbook.delete(session.sketchbook.sketches()[0].sketch_id)
    with qtbot.waitSignal(session.sketchbook_changed, timeout=30_000):
        sketchbook_files.import_action.trigger()
    all_background_work_delivered(qtbot)
    # The two still here are not doubled (a fine-tune would learn and hold out the same drawing).
    assert window.statusBar().currentMessage() == "Imported 1 sketch from class.zip, 2 already there."
    sources = sorted(sketch.source for sketch in session.sketchbook.sketches())
    assert sources == ["draw"] * 2 + ["import"]
    # The import's result in a box too: the teacher asked for it (an export's stays in the bar).
    said = "Imported 1 sketch from class.zip, 2 already there."
    assert message_boxes == [("Import the sketchbook", said, "")]


def test_the_same_zip_imported_again_says_nothing_new_in_a_box(
    qtbot, monkeypatch, tmp_path, session, files, message_boxes
):
    """Review 2, finding 3: "Imported 0 sketches from ske…" read as a failure."""
    sketchbook_files, window = files
    for label in range(12):
        session.sketchbook.add(label % 10, np.full((28, 28), 10 + label, np.uint8))
    choose(monkeypatch, tmp_path / "sketchbook-2026-12-07.zip")
    with qtbot.waitSignal(session.sketchbook.finished, timeout=30_000):
        sketchbook_files.export_action.trigger()
    with qtbot.waitSignal(session.sketchbook.imported, timeout=30_000) as said:
        sketchbook_files.import_action.trigger()
    all_background_work_delivered(qtbot)
    line = "Nothing new in sketchbook-2026-12-07.zip: all 12 sketches were already kept today."
    assert said.args == [line]
    assert message_boxes == [("Import the sketchbook", line, "")]
    assert window.statusBar().currentMessage() == line
    assert len(session.sketchbook.sketches()) == 12
    language.apply_language(language.CHINESE)
    with qtbot.waitSignal(session.sketchbook.imported, timeout=30_000) as said:
        sketchbook_files.import_action.trigger()
    all_background_work_delivered(qtbot)
    assert said.args[0].startswith("sketchbook-2026-12-07.zip 中没有新草图"), said.args[0]


def test_export_is_greyed_with_a_reason_while_the_sketchbook_is_empty(
    qtbot, monkeypatch, tmp_path, session, files, message_boxes
):
    """Review 2, finding 13: a Save dialog opened, then "the sketchbook is empty" came after it."""
    sketchbook_files, window = files
    menu = window.menuBar().addMenu("File")
    menu.addAction(sketchbook_files.export_action)
    action = sketchbook_files.export_action
    with qtbot.waitSignal(session.sketchbook.counted, timeout=30_000):
        session.sketchbook.recount()
    assert not action.isEnabled()
    assert action.toolTip().startswith("Today's sketchbook is empty: keep drawings first (Draw ▸ Keep as…")
    assert menu.toolTipsVisible()
    asked: list[bool] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: asked.append(True) or ("", ""))
    action.trigger()  # a greyed action does nothing: no Save dialog
    assert asked == []
    language.apply_language(language.CHINESE)
    assert action.toolTip().startswith("今天的草图本是空的")
    language.apply_language(language.ENGLISH)
    with qtbot.waitSignal(session.sketchbook.counted, timeout=30_000):
        session.sketchbook_changed.emit()  # as a keep or an import says it
    assert not action.isEnabled()
    kept = session.sketchbook.add(3, np.full((28, 28), 9, np.uint8))
    with qtbot.waitSignal(session.sketchbook.counted, timeout=30_000):
        session.sketchbook_changed.emit()
    assert action.isEnabled() and "empty" not in action.toolTip()  # Qt then says the item's text
    with qtbot.waitSignal(session.sketchbook.counted, timeout=30_000):
        session.sketchbook.delete(kept.sketch_id)
    assert not action.isEnabled() and "empty" in action.toolTip()
    all_background_work_delivered(qtbot)
    assert message_boxes == []


def test_an_export_that_cannot_be_written_opens_a_message_box(
    qtbot, monkeypatch, tmp_path, session, files, message_boxes
):
    session.sketchbook.add(1, np.full((28, 28), 10, np.uint8))
    (tmp_path / "not-a-folder").write_text("a file where the folder should be")
    choose(monkeypatch, tmp_path / "not-a-folder" / "class.zip")
    with qtbot.waitSignal(session.sketchbook.refused, timeout=30_000) as refusal:
        files[0].export_action.trigger()
    all_background_work_delivered(qtbot)
    assert message_boxes == [("Could not export the sketchbook",) * 2 + (refusal.args[0],)]


def test_a_keep_that_cannot_be_written_is_said_under_the_row(qtbot, tmp_path, panel, session):
    (tmp_path / "in-the-way").write_text("a file where the folder should be")
    session.sketchbook.book = Sketchbook(tmp_path / "in-the-way" / "today")
    draw_a_shoe(panel)
    with qtbot.waitSignal(session.sketchbook.refused, timeout=30_000) as refusal:
        panel.keep_row.class_actions[7].trigger()
    all_background_work_delivered(qtbot)
    assert refusal.args[0].startswith("Cannot keep the sketch in today: ")
    assert panel.keep_row.message.text() == refusal.args[0]


def test_deleting_through_the_session_tells_every_tab(qtbot, session):
    kept = session.sketchbook.add(4, np.zeros((28, 28), np.uint8))
    with qtbot.waitSignal(session.sketchbook_changed, timeout=1000):
        session.sketchbook.delete(kept.sketch_id)
    assert session.sketchbook.sketches() == []


def test_the_import_dialog_opens_where_the_last_zip_went(qtbot, monkeypatch, tmp_path, session, files):
    sketchbook_files, _window = files
    session.sketchbook.add(1, np.full((28, 28), 10, np.uint8))
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    choose(monkeypatch, stick / "class.zip")
    with qtbot.waitSignal(session.sketchbook.finished, timeout=30_000):
        sketchbook_files.export_action.trigger()
    all_background_work_delivered(qtbot)
    starts: list[str] = []

    def cancelled(_parent, _title, start, _filter):
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancelled)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancelled)
    sketchbook_files.import_action.trigger()
    sketchbook_files.export_action.trigger()
    assert Path(starts[0]) == stick and Path(starts[1]).parent == stick


def test_keep_as_reads_as_recording_a_class_not_saving_a_file_in_chinese(panel):
    language.apply_language(language.CHINESE)
    assert panel.keep_row.button.text() == "记为…"  # 保存为… reads as File ▸ Save as
