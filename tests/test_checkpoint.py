import os

import pytest
import torch

from core.checkpoint import FORMAT, CheckpointError, load_checkpoint, save_checkpoint
from core.config import TrainConfig
from core.models import build_model


def test_round_trip_keeps_weights_config_and_metrics(tmp_path):
    model = build_model("softmax-scratch", torch.Generator().manual_seed(0))
    config = TrainConfig(model="softmax-scratch", lr=0.3, seed=5)
    path = save_checkpoint(tmp_path / "run.pt", model, config, {"test_acc": 0.81})
    loaded = load_checkpoint(path)
    assert (loaded.model_name, loaded.config, loaded.metrics) == (
        "softmax-scratch",
        config,
        {"test_acc": 0.81},
    )
    assert loaded.class_names[0] == "T-shirt/top"
    rebuilt = loaded.build()
    assert not rebuilt.training
    images = torch.rand(4, 1, 28, 28)
    torch.testing.assert_close(rebuilt(images), model(images))


def test_saving_is_atomic_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    path = save_checkpoint(tmp_path / "model.pt", build_model("softmax"), TrainConfig(model="softmax"))
    before = path.read_bytes()

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(path, build_model("mlp"), TrainConfig(model="mlp"))
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["model.pt"]  # no temp file left behind


def test_other_architecture_is_refused(tmp_path):
    path = save_checkpoint(tmp_path / "mlp.pt", build_model("mlp"), TrainConfig(model="mlp"))
    with pytest.raises(CheckpointError, match="holds a mlp model, not cnn"):
        load_checkpoint(path, expected_model="cnn")
    payload = torch.load(path, weights_only=True)
    payload["model_name"] = "cnn"
    torch.save(payload, tmp_path / "lying.pt")
    with pytest.raises(CheckpointError, match="do not fit a cnn model"):
        load_checkpoint(tmp_path / "lying.pt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a checkpoint file, or it is damaged"),
        (b"hello, I am a text file\n", "not a checkpoint file, or it is damaged"),
    ],
)
def test_junk_files_are_refused(tmp_path, content, message):
    path = tmp_path / "junk.pt"
    path.write_bytes(content)
    with pytest.raises(CheckpointError, match=message):
        load_checkpoint(path)


def test_truncated_and_foreign_and_missing_files(tmp_path):
    good = save_checkpoint(tmp_path / "good.pt", build_model("softmax"), TrainConfig(model="softmax"))
    (tmp_path / "cut.pt").write_bytes(good.read_bytes()[:200])
    with pytest.raises(CheckpointError, match="damaged"):
        load_checkpoint(tmp_path / "cut.pt")
    torch.save({"weights": torch.zeros(3)}, tmp_path / "foreign.pt")
    with pytest.raises(CheckpointError, match="not a Fashion-MNIST Playground checkpoint"):
        load_checkpoint(tmp_path / "foreign.pt")
    with pytest.raises(CheckpointError, match="no such checkpoint"):
        load_checkpoint(tmp_path / "absent.pt")


class _RunsCode:
    def __reduce__(self):
        return (print, ("this must never run",))


def test_pickle_carrying_code_is_refused_not_run(tmp_path, capsys):
    torch.save({"format": FORMAT, "payload": _RunsCode()}, tmp_path / "evil.pt")
    with pytest.raises(CheckpointError, match="refused to load"):
        load_checkpoint(tmp_path / "evil.pt")
    assert "this must never run" not in capsys.readouterr().out


def _save_softmax(path) -> None:
    save_checkpoint(path, build_model("softmax"), TrainConfig(model="softmax"))


def test_new_file_follows_the_umask_and_an_existing_file_keeps_its_mode(tmp_path):
    old_mask = os.umask(0o022)
    try:
        _save_softmax(tmp_path / "new.pt")
        assert (tmp_path / "new.pt").stat().st_mode & 0o777 == 0o644
        os.chmod(tmp_path / "new.pt", 0o640)
        _save_softmax(tmp_path / "new.pt")
        assert (tmp_path / "new.pt").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_mask)


def test_saving_through_a_symlink_writes_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    _save_softmax(tmp_path / "real" / "model.pt")
    (tmp_path / "link.pt").symlink_to(tmp_path / "real" / "model.pt")
    written = save_checkpoint(tmp_path / "link.pt", build_model("mlp"), TrainConfig(model="mlp"))
    assert (tmp_path / "link.pt").is_symlink()
    assert written == tmp_path / "real" / "model.pt"
    assert load_checkpoint(tmp_path / "link.pt").model_name == "mlp"


@pytest.mark.parametrize("kind", ["fifo", "folder", "empty"])
def test_special_targets_are_refused_and_left_alone(tmp_path, kind):
    target = tmp_path / "target.pt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = ""
    with pytest.raises(CheckpointError, match="cannot save there"):
        _save_softmax(target)
    if kind == "fifo":
        import stat

        assert stat.S_ISFIFO(os.stat(tmp_path / "target.pt").st_mode)


def test_a_killed_saves_temp_files_are_removed_by_the_next_save(tmp_path):
    import time

    old_style = tmp_path / ".model.pt.ab12cd34.tmp"  # an older version's name: no process id
    dead = tmp_path / ".model.pt.999999999.xy12.tmp"  # a process that no longer exists
    live = tmp_path / f".model.pt.{os.getpid()}.zz99.tmp"  # a save in progress right now
    for leftover in (old_style, dead, live):
        leftover.write_bytes(b"half a checkpoint")
    hour_ago = time.time() - 3600
    os.utime(old_style, (hour_ago, hour_ago))
    _save_softmax(tmp_path / "model.pt")
    assert not old_style.exists() and not dead.exists()
    assert live.exists()


def test_checksum_catches_a_changed_weight(tmp_path):
    path = tmp_path / "model.pt"
    _save_softmax(path)
    payload = torch.load(path, weights_only=True)
    payload["state_dict"]["1.bias"][3] += 1e-6
    torch.save(payload, path)
    with pytest.raises(CheckpointError, match="do not match the checksum"):
        load_checkpoint(path)


def test_reopening_a_changed_file_is_noticed(tmp_path):
    from core.predictor import Predictor

    path = tmp_path / "model.pt"
    _save_softmax(path)
    predictor = Predictor.from_checkpoint(path)
    assert not predictor.file_changed()
    save_checkpoint(path, build_model("mlp"), TrainConfig(model="mlp"))
    assert predictor.file_changed()
    assert Predictor.from_checkpoint(path).model_name == "mlp"


def test_non_finite_edited_weights_are_refused(tmp_path):
    from core.predictor import Predictor

    state = build_model("softmax").state_dict()
    state["1.weight"][0, 0] = float("nan")
    with pytest.raises(CheckpointError, match="NaN or infinite"):
        Predictor.from_state_dict("softmax", state, "edited")
