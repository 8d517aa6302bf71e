"""Session: background loading, live weights, and which model the Draw and Browse tabs use."""

from __future__ import annotations

import numpy as np
import pytest

import gui.session as session_module
from gui.session import LIVE, Session, default_model_source

BLANK = np.zeros((28, 28), dtype=np.uint8)


def fresh_weights(name: str = "softmax") -> dict:
    from core.models import build_model
    from core.trainer import cpu_state_dict

    return cpu_state_dict(build_model(name))


def test_default_source_prefers_the_shipped_cnn(monkeypatch, tmp_path):
    shipped = {"mlp", "cnn"}

    def fake_path(name):
        path = tmp_path / f"{name}.pt"
        if name in shipped:
            path.write_bytes(b"x")
        return path

    monkeypatch.setattr(session_module, "pretrained_path", fake_path)
    assert default_model_source() == "pretrained:cnn"
    shipped.discard("cnn")
    (tmp_path / "cnn.pt").unlink()
    assert default_model_source() == "pretrained:mlp"
    shipped.clear()
    (tmp_path / "mlp.pt").unlink()
    assert default_model_source() == LIVE


def test_background_loading_reports_the_dataset(qtbot, synthetic_data_dir):
    session = Session()
    assert session.dataset is None and session.predictor() is None
    with qtbot.waitSignal(session.dataset_changed, timeout=60_000):
        session.start_loading(str(synthetic_data_dir))
    session.wait_for_loader(10)
    assert session.runtime_ready
    assert session.dataset is not None and session.dataset_error is None
    assert len(session.dataset.train_labels) == 600
    assert session.device_description.startswith(("CPU", "CUDA"))


def test_missing_data_gives_the_how_to_message(qtbot, tmp_path):
    session = Session()
    with qtbot.waitSignal(session.dataset_changed, timeout=60_000):
        session.start_loading(str(tmp_path / "empty"))
    session.wait_for_loader(10)
    assert session.dataset is None
    assert session.dataset_error and "empty" in session.dataset_error


def test_live_weights_become_the_live_predictor(qtbot):
    session = Session()
    session.set_model_source(LIVE)
    assert session.predictor() is None  # nothing trained yet
    session.publish_live_weights("softmax", fresh_weights(), "live softmax lr 0.1")
    assert session.predictor() is None  # torch not announced ready: never block the GUI thread
    with qtbot.waitSignal(session.predictor_changed):
        session.mark_runtime_ready()
    first = session.predictor()
    probs = first.probabilities(BLANK)
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0, abs=1e-5)
    version = session.live_version
    with qtbot.waitSignal(session.predictor_changed):
        session.publish_live_weights("softmax", fresh_weights(), "live softmax lr 0.1")
    assert session.live_version == version + 1
    assert session.predictor() is not first  # rebuilt from the new copy
    assert session.model_label() == "live softmax lr 0.1"
    session.clear_live_weights()
    assert session.predictor() is None


def test_a_bad_checkpoint_is_refused_and_the_old_model_stays(tmp_path):
    from core.checkpoint import CheckpointError

    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(CheckpointError):
        session.set_model_source(f"file:{bad}")
    assert session.model_source() == LIVE


def test_saving_the_live_model_and_opening_it_again(tmp_path):
    session = Session()
    session.mark_runtime_ready()
    with pytest.raises(ValueError, match="train a model"):
        session.save_live_checkpoint(str(tmp_path / "none.pt"))
    session.publish_live_weights("softmax", fresh_weights(), "live softmax")
    session.live_metrics = {"test_acc": 0.5}
    path = tmp_path / "mine.pt"
    session.save_live_checkpoint(str(path))
    session.set_model_source(f"file:{path}")
    assert session.model_source() == f"file:{path}"
    assert session.model_label() == "mine.pt"
    live = Session()
    live.mark_runtime_ready()
    live.set_model_source(LIVE)
    live.publish_live_weights("softmax", session.live_state_dict(), "x")
    np.testing.assert_allclose(
        session.predictor().probabilities(BLANK), live.predictor().probabilities(BLANK), atol=1e-6
    )
