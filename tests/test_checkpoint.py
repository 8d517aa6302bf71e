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
