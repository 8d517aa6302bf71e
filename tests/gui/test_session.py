"""Session: background loading, the live run, and which model the Draw and Browse tabs use."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import gui.session.model_sources as sources_module
from core.config import TrainConfig
from gui.session import LiveRun, Session
from gui.session.model_sources import LIVE, ModelSource, default_model_source
from tests.gui.file_opening import all_background_work_delivered, opened

BLANK = np.zeros((28, 28), dtype=np.uint8)


def fresh_weights(name: str = "softmax", seed: int = 0) -> dict:
    import torch

    from core.device import cpu_state_dict
    from core.models import build_model

    return cpu_state_dict(build_model(name, torch.Generator().manual_seed(seed)))


def live_run(run_id: int = 1, name: str = "softmax", seed: int = 0, **metrics) -> LiveRun:
    config = TrainConfig(model=name, lr=0.1)
    return LiveRun(run_id, config, fresh_weights(name, seed), f"{name} lr 0.1", metrics)


def test_default_source_prefers_the_shipped_cnn(monkeypatch, tmp_path):
    shipped = {"mlp", "cnn"}

    def fake_path(name):
        path = tmp_path / f"{name}.pt"
        if name in shipped:
            path.write_bytes(b"x")
        return path

    monkeypatch.setattr(sources_module, "pretrained_path", fake_path)
    assert default_model_source() == ModelSource.pretrained("cnn")
    shipped.discard("cnn")
    (tmp_path / "cnn.pt").unlink()
    assert default_model_source() == ModelSource("pretrained", "mlp")
    shipped.clear()
    (tmp_path / "mlp.pt").unlink()
    assert default_model_source() == LIVE
    models = sources_module.ModelList()
    assert models.row_of(LIVE) == 0 and not models.is_available(models.row_of(ModelSource.pretrained("cnn")))


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


def test_the_live_run_becomes_the_live_predictor(qtbot):
    session = Session()
    session.set_model_source(LIVE)
    assert session.predictor() is None  # nothing trained yet
    session.publish_live_run(live_run())
    assert session.predictor() is None  # torch not announced ready: never block the GUI thread
    with qtbot.waitSignal(session.predictor_changed):
        session.mark_runtime_ready()
    first = session.predictor()
    probs = first.probabilities(BLANK)
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0, abs=1e-5)
    with qtbot.waitSignal(session.predictor_changed):
        session.publish_live_run(live_run(seed=1))
    assert session.predictor() is not first  # rebuilt from the new copy
    assert session.model_label() == session.predictor().label == "live softmax lr 0.1"
    newer = session.predictor()
    session.publish_live_run(session.live_run().with_metrics({"test_acc": 0.5}))
    assert session.predictor() is newer  # same weights, new metrics: nothing to rebuild
    assert session.live_run().metrics["test_acc"] == 0.5
    session.publish_live_run(None)
    assert session.predictor() is None and session.live_run() is None


def test_a_live_run_is_one_frozen_value():
    run = live_run(test_acc=0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.config = TrainConfig(model="cnn")
    with pytest.raises(TypeError):
        run.state_dict["weight"] = None  # read-only: nobody changes a published run in place
    with pytest.raises(TypeError):
        run.metrics["test_acc"] = 1.0
    assert run.model_name == "softmax"


def test_draw_and_browse_follow_a_run_when_it_starts_publishing(qtbot):
    """The Session's policy (it used to live in the Train tab)."""
    session = Session()
    session.mark_runtime_ready()
    cnn = ModelSource.pretrained("cnn")
    session.set_model_source(cnn)
    with qtbot.waitSignal(session.model_source_changed):
        session.publish_live_run(live_run(run_id=1))
    assert session.model_source() == LIVE
    session.set_model_source(cnn)  # the teacher picks another model during the run: it sticks
    session.publish_live_run(live_run(run_id=1, seed=1))
    assert session.model_source() == cnn
    session.publish_live_run(live_run(run_id=2))  # the next run follows again
    assert session.model_source() == LIVE


def test_the_phones_keep_the_teachers_model_when_a_run_starts_until_the_teacher_picks_one():
    session = Session()
    session.mark_runtime_ready()
    cnn = ModelSource.pretrained("cnn")
    session.set_model_source(cnn)
    phones = session.class_predictor()
    assert phones is session.predictor() and session.class_model_label() == session.model_label()
    session.publish_live_run(live_run(run_id=1))  # Draw follows the run…
    assert session.model_source() == LIVE and session.predictor() is not phones
    assert session.class_predictor() is phones  # …the phones do not
    line = session.class_model_label()
    assert line.startswith("pretrained cnn") and "live softmax" in line and "Model menu" in line
    session.publish_live_run(live_run(run_id=2, seed=1))  # nor with the next run
    assert session.class_predictor() is phones
    session.set_model_source(LIVE)  # the teacher sends the live model: now they follow it
    assert session.class_predictor() is session.predictor() and session.class_predictor() is not phones
    session.publish_live_run(live_run(run_id=3, seed=2))  # a new run goes to the phones only when chosen
    assert session.class_predictor() is not session.predictor()
    assert session.class_predictor().label.startswith("live softmax")


def test_a_switch_made_to_show_something_leaves_the_phones_their_model():
    """The lesson guide puts the linear model on the tabs; the class keeps drawing for the cnn."""
    session = Session()
    session.mark_runtime_ready()
    cnn, softmax = ModelSource.pretrained("cnn"), ModelSource.pretrained("softmax")
    session.set_model_source(cnn)
    phones = session.class_predictor()
    session.set_model_source(softmax, for_the_phones=False)
    assert session.model_source() == softmax and session.class_predictor() is phones
    assert session.class_model_label().startswith("pretrained cnn") and "pretrained softmax" in (
        session.class_model_label()
    )
    session.set_model_source(softmax)  # the teacher picks it: now the phones get it too
    assert session.class_predictor() is session.predictor() is not phones


def test_a_run_with_no_good_weights_never_answers():
    session = Session()
    session.mark_runtime_ready()
    cnn = ModelSource.pretrained("cnn")
    session.set_model_source(cnn)
    phones = session.class_predictor()
    session.publish_live_run(live_run(run_id=1))
    session.publish_live_run(session.live_run().with_end("diverged", False))
    # Back at its untrained start: Draw goes back to the teacher's model and says so.
    assert session.model_source() == cnn and session.set_aside_run().run_id == 1
    assert session.class_predictor() is phones
    session.set_model_source(LIVE)  # chosen on purpose: still nothing that answers
    assert session.predictor() is None and session.class_predictor() is None
    assert session.model_label() == "live softmax lr 0.1 (diverged, no good weights)"  # the status bar
    assert session.set_aside_run() is None
    session.publish_live_run(live_run(run_id=2).with_end("diverged", True))  # its last good weights
    assert session.predictor() is not None


def test_a_run_with_no_good_weights_leaves_the_good_run_before_it_answering():
    """The lesson's lr 0.1 run, then lr 50, which diverges at its second batch: Draw, the choosers
    and File ▸ Save keep run 1 (not the cnn the teacher had before the lesson), and the Train tab
    says which model Draw uses. The phones keep the teacher's model all along."""
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(ModelSource.pretrained("cnn"))
    phones = session.class_predictor()
    good = live_run(run_id=1, test_acc=0.824)
    session.publish_live_run(good)
    session.publish_live_run(live_run(run_id=2, seed=1))  # lr 50's first weights: Draw follows them
    assert session.model_source() == LIVE and session.no_good_weights_note() == ""
    session.publish_live_run(session.live_run().with_end("diverged", False))
    assert session.model_source() == LIVE and session.live_run() is good
    assert session.predictor().label == "live softmax lr 0.1" and session.set_aside_run() is None
    answering = session.predictor().model.state_dict()
    assert all(answering[name].equal(tensor) for name, tensor in good.state_dict.items())
    assert session.model_label() == "live softmax lr 0.1 (test 82.4% · reference drawings not scored)"
    models = session.model_list()
    assert models.item(models.row_of(LIVE)).text() == "live softmax lr 0.1"  # pickable, named so
    note = session.no_good_weights_note()
    assert note.startswith("Run 2 has no good weights") and "live softmax lr 0.1 (test 82.4%" in note
    assert session.class_predictor() is phones
    session.set_model_source(ModelSource.pretrained("softmax"))  # the teacher may leave it…
    session.set_model_source(LIVE)  # …and come back to it
    assert session.live_run() is good and session.predictor() is not None
    session.publish_live_run(live_run(run_id=3, seed=2))  # the next run takes over; the note is gone
    assert session.no_good_weights_note() == "" and session.live_run().run_id == 3


def test_the_phones_on_the_live_model_keep_it_when_the_next_run_has_no_good_weights():
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    session.publish_live_run(live_run(run_id=1))
    session.set_model_source(LIVE)  # the teacher sends run 1 to the phones
    phones = session.class_predictor()
    assert phones is session.predictor()
    session.publish_live_run(live_run(run_id=2, seed=1))
    line = session.class_model_label()
    assert session.class_predictor() is phones and "Draw shows live softmax lr 0.1" in line
    assert "Draw's chooser" in line and "Use on Draw" in line  # every way to send Draw's model
    session.publish_live_run(session.live_run().with_end("diverged", False))
    assert session.class_predictor() is phones
    assert session.class_model_label() == "live softmax lr 0.1"  # the same run on both: said once


def test_the_choosers_name_the_live_model_as_the_status_bar_does(qapp):
    from gui import language

    session = Session()
    session.mark_runtime_ready()
    models = session.model_list()
    live_row = models.item(models.row_of(LIVE))
    assert live_row.text() == "live (not trained yet)"
    session.publish_live_run(live_run(run_id=1))
    assert live_row.text() == "live softmax lr 0.1"
    session.set_model_source(LIVE)
    assert session.model_label().startswith(live_row.text())
    session.publish_live_run(session.live_run().with_end("diverged", False))
    assert live_row.text() == session.model_label() == "live softmax lr 0.1 (diverged, no good weights)"
    try:
        language.apply_language(language.CHINESE)
        assert live_row.text() == session.model_label() and live_row.text().startswith("实时")
    finally:
        language.apply_language(language.ENGLISH)
    assert live_row.text() == "live softmax lr 0.1 (diverged, no good weights)"


def test_an_automatic_browse_selection_replaces_a_browse_sample_never_a_drawing():
    """Browse ▸ Split ▸ Our sketches highlights sketch 1: Softmax and Weights must say so instead of
    the test image picked before; a drawing stays until the student picks a sample."""
    from gui.session import BROWSE_SAMPLE, DRAW_BOARD, CurrentImage

    session = Session()
    test_image = CurrentImage(BLANK, BROWSE_SAMPLE, 3, "test", 21)
    session.set_current_image(test_image)
    sketch = CurrentImage(BLANK, BROWSE_SAMPLE, 5, "sketchbook", 0)
    session.set_current_image(sketch, only_if_none=True)
    assert session.current_image() is sketch and session.current_image().describe() == "Browse: our sketch 1"
    drawing = CurrentImage(BLANK, DRAW_BOARD)
    session.set_current_image(drawing)
    session.set_current_image(test_image, only_if_none=True)
    assert session.current_image() is drawing


def test_a_bad_checkpoint_is_refused_and_the_old_model_stays(qtbot, tmp_path):
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"not a checkpoint")
    rows = session.model_list().rowCount()
    outcome = opened(qtbot, session.set_model_source(ModelSource.file(str(bad))))
    assert "not a checkpoint" in outcome.error and outcome.predictor is None
    assert session.model_source() == LIVE and session.opening() is None
    assert session.model_list().rowCount() == rows  # a refused file gets no row
    with pytest.raises(ValueError):
        session.set_model_source("pretrained:cnn")  # strings are not sources any more


def test_saving_the_live_model_and_opening_it_again(qtbot, tmp_path):
    session = Session()
    session.mark_runtime_ready()
    with pytest.raises(ValueError, match="train a model"):
        session.save_live_checkpoint(str(tmp_path / "none.pt"))
    session.publish_live_run(live_run(test_acc=0.5))
    path = tmp_path / "mine.pt"
    session.save_live_checkpoint(str(path))
    mine = ModelSource.file(str(path))
    opened(qtbot, session.set_model_source(mine))
    assert session.model_source() == mine
    assert session.model_list().row_of(mine) > 0  # the Draw chooser and the Model menu offer it
    # Named as every chooser names a model (gui/model_figures), not in core's English words.
    assert session.model_label() == "mine.pt (softmax, test 50.0% · reference drawings not scored)"
    live = Session()
    live.mark_runtime_ready()
    live.set_model_source(LIVE)
    live.publish_live_run(session.live_run())
    np.testing.assert_allclose(
        session.predictor().probabilities(BLANK), live.predictor().probabilities(BLANK), atol=1e-6
    )


def ready_session_with_saved_run(path, **run) -> Session:
    """A Session with torch announced whose live run (`live_run(**run)`) is saved at `path`."""
    session = Session()
    session.mark_runtime_ready()
    session.publish_live_run(live_run(**run))
    session.save_live_checkpoint(str(path))
    return session


def test_a_slow_checkpoint_is_read_off_the_gui_thread(qtbot, tmp_path, held_loads):
    """Issue 13 §9: the file used to be read on the GUI thread, freezing the window meanwhile."""
    import threading

    release, threads = held_loads
    path = tmp_path / "slow.pt"
    session = ready_session_with_saved_run(path)
    session.set_model_source(ModelSource.pretrained("softmax"))
    with qtbot.waitSignal(session.opening_changed):
        request = session.open_file(str(path))
    assert request is not None and session.opening() == str(path)
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)  # events are handled while it reads
    assert session.model_source() == ModelSource.pretrained("softmax")  # nothing changed yet
    assert threads[0] is not threading.main_thread()
    release.set()
    outcome = opened(qtbot, request)
    assert outcome.predictor is session.predictor() and session.model_source() == ModelSource.file(str(path))
    assert session.opening() is None


def test_a_model_chosen_while_a_file_is_read_wins(qtbot, tmp_path, held_loads):
    release, _threads = held_loads
    path = tmp_path / "slow.pt"
    session = ready_session_with_saved_run(path)
    request = session.open_file(str(path))
    ended = []
    request.ended.connect(ended.append)
    session.set_model_source(ModelSource.pretrained("mlp"))
    assert session.opening() is None
    release.set()
    all_background_work_delivered(qtbot)  # the slow read has ended: nothing of it arrives
    assert ended == [] and session.model_source() == ModelSource.pretrained("mlp")


def test_a_file_changed_on_disk_is_read_again(qtbot, tmp_path):
    """Issue 13 §11: re-opening the path of a replaced file loads the new weights (in the background)."""
    path = tmp_path / "mine.pt"
    session = ready_session_with_saved_run(path, name="softmax")
    source = ModelSource.file(str(path))
    first = opened(qtbot, session.set_model_source(source)).predictor
    assert session.set_model_source(source) is None  # unchanged: nothing to read
    assert session.predictor() is first
    session.publish_live_run(live_run(run_id=2, name="mlp"))
    session.save_live_checkpoint(str(path))
    session.set_model_source(ModelSource.pretrained("cnn"))
    opened(qtbot, session.set_model_source(source))
    assert session.model_source() == source and session.predictor().model_name == "mlp"


def test_a_file_opened_before_torch_is_announced_answers_only_after(qtbot, tmp_path):
    """Until mark_runtime_ready has made the GUI thread single-threaded it runs no torch op, even
    for a file that a background job loaded first (core/parallelism.py)."""
    path = tmp_path / "early.pt"
    ready_session_with_saved_run(path)
    session = Session()
    with qtbot.waitSignal(session.file_opened, timeout=30_000):
        session.open_file(str(path))
    assert session.model_source() == ModelSource.file(str(path)) and session.predictor() is None
    with qtbot.waitSignal(session.predictor_changed):
        session.mark_runtime_ready()
    assert session.predictor().model_name == "softmax"


def test_an_opened_file_is_never_read_again_on_the_gui_thread(qtbot, tmp_path, monkeypatch):
    """New runtime or dropped edits rebuild the active model from what was loaded, not the file."""
    from core.predictor import Predictor

    path = tmp_path / "mine.pt"
    session = ready_session_with_saved_run(path)
    loaded = opened(qtbot, session.open_file(str(path))).predictor

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the checkpoint was read again")

    monkeypatch.setattr(Predictor, "from_checkpoint", no_reading)
    session.mark_runtime_ready()
    assert session.predictor() is loaded
    _name, state = session.active_weights()
    session.set_edited_weights(state)
    session.reset_edits()
    assert session.predictor() is loaded


def test_edited_weights_are_saved_only_when_asked_and_reopen_as_edited(tmp_path):
    from core.checkpoint import load_checkpoint

    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    session.publish_live_run(live_run())
    with pytest.raises(ValueError):
        session.save_edited_checkpoint(str(tmp_path / "no-edits.pt"))
    name, state = session.active_weights()
    state["1.bias"] += 3.0
    session.set_edited_weights(state)
    assert session.model_label() == session.predictor().label == "live softmax lr 0.1 (edited)"
    session.save_edited_checkpoint(str(tmp_path / "edited.pt"))
    session.save_live_checkpoint(str(tmp_path / "trained.pt"))
    edited, trained = load_checkpoint(tmp_path / "edited.pt"), load_checkpoint(tmp_path / "trained.pt")
    assert edited.model_name == trained.model_name == name
    np.testing.assert_array_equal(edited.state_dict["1.bias"].numpy(), state["1.bias"].numpy())
    np.testing.assert_array_equal(
        trained.state_dict["1.bias"].numpy(), session.live_run().state_dict["1.bias"].numpy()
    )
