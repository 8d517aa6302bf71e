"""Opening files in the background (gui/session/checkpoint_loading.py) and what the window says about
them (gui/checkpoint_messages.py, from core's error codes): every bad checkpoint the CLI refuses is
one line in the window too, naming the file, in English and in Chinese, and the model in use stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from core.checkpoint import CheckpointError
from core.checkpoint_checks import HASH_NOTE
from gui import checkpoint_messages, language
from gui.checkpoint_messages import explain_file_error, explain_note
from gui.session import Session
from gui.session.checkpoint_loading import looks_like_checkpoint
from gui.session.model_sources import LIVE
from tests.gui.file_opening import all_background_work_delivered, good_checkpoint, opened, shirt_png
from tests.test_bad_inputs import CASES

CHECKPOINT_CASES = [case for case in CASES if case.name.startswith("ckpt-")]
CJK = range(0x4E00, 0xA000)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the CLI's table builds its bad files from: good.pt and shirt.png."""
    monkeypatch.chdir(tmp_path)  # a code-running pickle would drop its marker here
    good_checkpoint(tmp_path / "good.pt")
    shirt_png(tmp_path / "shirt.png")
    return tmp_path


@pytest.fixture
def back_to_english():
    yield
    language.apply_language(language.ENGLISH)


@pytest.mark.parametrize("case", CHECKPOINT_CASES, ids=[case.name for case in CHECKPOINT_CASES])
def test_every_bad_checkpoint_is_one_line_in_both_languages(case, workspace, qtbot, back_to_english):
    argv = case.make(workspace)
    path = argv[argv.index("--checkpoint") + 1]
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    outcome = opened(qtbot, session.open_file(path))
    assert outcome.predictor is None and session.model_source() == LIVE
    assert not (workspace / "pwned-marker").exists()
    assert outcome.error == str(outcome.refusal)  # core's English, as the CLI prints it
    name = Path(path).name
    shown = explain_file_error(outcome.refusal, path)
    assert shown.startswith(f"{name}: ") and case.says in shown, shown
    assert "\n" not in shown and str(workspace) not in shown  # one line; a long path cannot wrap
    language.apply_language(language.CHINESE)
    chinese = explain_file_error(outcome.refusal, path)
    assert chinese.startswith(f"{name}：") and "\n" not in chinese, chinese
    assert any(ord(char) in CJK for char in chinese[len(name) :]), chinese


def test_the_content_decides_what_a_file_is(tmp_path):
    assert looks_like_checkpoint(str(good_checkpoint(tmp_path / "model.png")))
    assert not looks_like_checkpoint(str(shirt_png(tmp_path / "shirt.pt")))
    (tmp_path / "empty.pt").write_bytes(b"")
    assert not looks_like_checkpoint(str(tmp_path / "empty.pt"))
    os.mkfifo(tmp_path / "pipe.pt")  # never opened here: reading its head would block
    assert looks_like_checkpoint(str(tmp_path / "pipe.pt"))


def test_a_pipe_named_pt_is_refused_without_blocking(qtbot, tmp_path):
    os.mkfifo(tmp_path / "pipe.pt")
    session = Session()
    outcome = opened(qtbot, session.open_file(str(tmp_path / "pipe.pt"), images_welcome=True))
    assert explain_file_error(outcome.refusal, str(tmp_path / "pipe.pt")) == (
        "pipe.pt: is a special file (pipe, device or socket), not a checkpoint"
    )


def test_core_notes_are_said_in_the_window_language(back_to_english):
    assert explain_note(HASH_NOTE) == str(HASH_NOTE)
    language.apply_language(language.CHINESE)
    assert explain_note(HASH_NOTE) == "由旧版本程序保存，没有校验和；重新保存一次即可加上"


def test_torchs_internal_words_are_left_to_the_cli(tmp_path):
    path = str(tmp_path / "big.pt")
    torch_says = "PytorchStreamReader failed reading zip archive: failed finding central directory. If yo"
    error = CheckpointError("checkpoint.damaged_torch_says", path=path, torch_says=torch_says)
    assert torch_says in str(error)
    assert explain_file_error(error, path) == "big.pt: not a checkpoint file, or it is damaged"


def test_a_code_the_window_cannot_say_yet_shows_cores_english(tmp_path, monkeypatch):
    path = str(tmp_path / "x.pt")
    monkeypatch.delitem(checkpoint_messages.TEMPLATES, "checkpoint.foreign")
    error = CheckpointError("checkpoint.foreign", path=path)
    assert explain_file_error(error, path) == "x.pt: not a Fashion-MNIST Playground checkpoint"


def test_an_unexpected_failure_is_shown_as_it_is(tmp_path):
    path = str(tmp_path / "x.pt")
    assert explain_file_error(f"{path}: some\nnew failure", path) == "x.pt: some new failure"
    assert explain_file_error("something else entirely", path) == "something else entirely"


def test_an_old_format_file_loads_with_its_note(qtbot, tmp_path):
    path = good_checkpoint(tmp_path / "old.pt")
    payload = torch.load(path, weights_only=True)
    payload["version"] = 1
    del payload["sha256"]
    torch.save(payload, path)
    session = Session()
    outcome = opened(qtbot, session.open_file(str(path)))
    assert outcome.predictor is not None and outcome.predictor.notes == (HASH_NOTE,)


def test_a_later_file_wins_over_a_slow_one(qtbot, tmp_path, held_loads):
    release, threads = held_loads
    session = Session()
    session.mark_runtime_ready()
    slow = session.open_file(str(good_checkpoint(tmp_path / "slow.pt", "mlp")))
    late = []
    slow.ended.connect(late.append)
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    quick = session.open_file(str(good_checkpoint(tmp_path / "quick.pt", "softmax")))
    assert session.opening() == str(tmp_path / "quick.pt")
    release.set()
    opened(qtbot, quick)
    qtbot.waitUntil(lambda: len(threads) == 2 and session.opening() is None, timeout=10_000)
    all_background_work_delivered(qtbot)  # the slow read has ended: nothing of it arrives
    assert late == [] and session.predictor().model_name == "softmax"
    slow.cancel()  # cancelling again after its job is gone is harmless
