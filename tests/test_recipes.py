"""Recipes beyond the lesson (core.config.RECIPES): the new TrainConfig fields keep the lesson's
behaviour by default, round-trip through checkpoints, old checkpoints still load, schedules set
the lr they declare, and flips/shifts move pixels but never labels."""

import math
from dataclasses import replace

import pytest
import torch
from torch import nn

from core.augment import flip_shift
from core.checkpoint import load_checkpoint, save_checkpoint
from core.config import RECIPES, RECOMMENDED, ConfigError, TrainConfig
from core.models import TorchUpdateStep, build_model
from core.paths import pretrained_path
from core.train_events import BatchEvent
from core.trainer import Trainer

NEW_FIELDS = (
    "optimizer",
    "momentum",
    "nesterov",
    "weight_decay",
    "schedule",
    "label_smoothing",
    "flip",
    "shift",
)


# Runs compared bit for bit must keep one thread count (tests/conftest.py).


def _losses(config: TrainConfig, dataset) -> list[float]:
    return [e.batch_loss for e in Trainer(config, dataset).run() if isinstance(e, BatchEvent)]


@pytest.mark.parametrize("model", ["softmax", "mlp"])
def test_defaults_reproduce_the_lessons_plain_sgd_step_exactly(tiny_dataset, model):
    """Oracle: the loop as it was before recipes existed, written out with torch.optim.SGD."""
    config = TrainConfig(model=model, epochs=2, lr=0.3, batch_size=64, device="cpu", seed=4)
    assert config.plain_sgd and config.recipe_summary() == ""
    net = build_model(model, torch.Generator().manual_seed(4))
    shuffle = torch.Generator().manual_seed(5)
    x = tiny_dataset.train_images.float().div(255).unsqueeze(1)
    y = tiny_dataset.train_labels
    # The oracle runs on the run's own thread count: another count rounds the sums differently.
    threads_before = torch.get_num_threads()
    torch.set_num_threads(config.threads)
    try:
        expected = _oracle_losses(net, x, y, shuffle)
    finally:
        torch.set_num_threads(threads_before)
    assert _losses(config, tiny_dataset) == expected


def _oracle_losses(net, x, y, shuffle) -> list[float]:
    optimizer = torch.optim.SGD(net.parameters(), lr=0.3)
    expected = []
    for _ in range(2):
        net.train()
        order = torch.randperm(y.shape[0], generator=shuffle)
        for start in range(0, y.shape[0], 64):
            index = order[start : start + 64]
            loss = nn.functional.cross_entropy(net(x.index_select(0, index)), y.index_select(0, index))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            expected.append(loss.item())
    return expected


def test_a_recipe_changes_the_run_and_still_learns(tiny_dataset):
    plain = TrainConfig(model="mlp", epochs=2, lr=0.1, batch_size=64, device="cpu", seed=1)
    recipe = replace(plain, momentum=0.9, nesterov=True, schedule="onecycle", flip=True, shift=2)
    losses = _losses(recipe, tiny_dataset)
    assert losses != _losses(plain, tiny_dataset)
    assert losses == _losses(recipe, tiny_dataset)  # same seed, same run, augmentation included
    assert sum(losses[-3:]) < sum(losses[:3])


@pytest.mark.parametrize("model", ["softmax", "mlp", "cnn"])
def test_recommended_recipes_are_valid_and_go_beyond_plain_sgd(model):
    config = TrainConfig.recommended(model, device="cpu")
    assert config.model == model and not config.plain_sgd
    assert config.recipe_summary()


def test_the_lesson_model_keeps_the_lesson():
    assert RECIPES["softmax-scratch"] == RECOMMENDED["softmax-scratch"]
    assert TrainConfig.recommended("softmax-scratch") == TrainConfig()
    for field, value in (("momentum", 0.9), ("schedule", "cosine"), ("optimizer", "adamw")):
        with pytest.raises(ConfigError, match="hand-written SGD"):
            TrainConfig(model="softmax-scratch", **{field: value}).validate()
    TrainConfig(model="softmax-scratch", flip=True, shift=1).validate()  # data-side: fine


@pytest.mark.parametrize(
    "field, value",
    [
        ("optimizer", "rmsprop"),
        ("schedule", "step"),
        ("momentum", 1.5),
        ("momentum", float("nan")),
        ("weight_decay", -0.1),
        ("label_smoothing", 0.9),
        ("flip", "yes"),
        ("shift", 9),
        ("shift", 1.5),
        ("nesterov", True),  # without momentum
    ],
)
def test_bad_recipe_fields_are_refused(field, value):
    with pytest.raises(ConfigError):
        TrainConfig(model="cnn", **{field: value}).validate()


def test_new_fields_round_trip_through_a_checkpoint(tmp_path):
    config = TrainConfig.recommended("cnn", device="cpu", seed=3)
    path = save_checkpoint(tmp_path / "cnn.pt", build_model("cnn"), config, {"test_acc": 0.92})
    assert load_checkpoint(path).config == config


def test_a_checkpoint_saved_before_recipes_existed_loads_with_the_lessons_defaults(tmp_path):
    path = save_checkpoint(tmp_path / "old.pt", build_model("mlp"), TrainConfig(model="mlp", lr=0.2))
    payload = torch.load(path, weights_only=True)
    for name in NEW_FIELDS:
        del payload["config"][name]
    torch.save(payload, path)
    loaded = load_checkpoint(path).config
    assert loaded == TrainConfig(model="mlp", lr=0.2) and loaded.plain_sgd


def test_a_checkpoint_with_a_bad_recipe_field_is_refused(tmp_path):
    from core.checkpoint import CheckpointError

    path = save_checkpoint(tmp_path / "bad.pt", build_model("mlp"), TrainConfig(model="mlp"))
    payload = torch.load(path, weights_only=True)
    payload["config"]["schedule"] = "whenever"
    torch.save(payload, path)
    with pytest.raises(CheckpointError, match="schedule"):
        load_checkpoint(path)


@pytest.mark.parametrize("name", ["softmax", "mlp"])  # cnn.pt is a recipe run: tests/test_sketches.py
def test_shipped_models_still_load_as_plain_sgd_runs(name):
    assert load_checkpoint(pretrained_path(name), expected_model=name).config.optimizer == "sgd"


def _lrs(recipe: TrainConfig, total: int) -> list[float]:
    net = nn.Linear(4, 10)
    step = TorchUpdateStep(net, recipe.lr, recipe, total)
    seen = []
    for _ in range(total):
        seen.append(step.optimizer.param_groups[0]["lr"])
        step(torch.rand(8, 4), torch.randint(0, 10, (8,)))
    return seen


def test_cosine_schedule_follows_the_declared_curve():
    total = 20
    lrs = _lrs(TrainConfig(model="softmax", lr=0.4, momentum=0.9, schedule="cosine"), total)
    expected = [0.4 * (1 + math.cos(math.pi * t / total)) / 2 for t in range(total)]
    assert lrs == pytest.approx(expected, rel=1e-6)


def test_onecycle_warms_up_to_the_lr_then_anneals():
    total = 50
    lrs = _lrs(TrainConfig(model="cnn", lr=0.2, momentum=0.9, nesterov=True, schedule="onecycle"), total)
    peak = max(range(total), key=lrs.__getitem__)
    assert lrs[0] == pytest.approx(0.2 / 25)
    assert lrs[peak] == pytest.approx(0.2, rel=1e-3) and abs(peak - 0.3 * total) <= 1
    assert all(a <= b for a, b in zip(lrs[: peak + 1], lrs[1 : peak + 1], strict=False))
    assert all(a >= b for a, b in zip(lrs[peak:], lrs[peak + 1 :], strict=False))
    assert lrs[-1] < 0.2 / 100


def test_constant_schedule_leaves_the_lr_alone_and_a_scheduled_run_never_oversteps(tiny_dataset):
    assert set(_lrs(TrainConfig(model="softmax", lr=0.3), 5)) == {0.3}
    # A whole run with one-cycle: the scheduler would raise if stepped past its last batch.
    config = TrainConfig(model="softmax", epochs=2, lr=0.2, batch_size=64, device="cpu", schedule="onecycle")
    assert len(_losses(config, tiny_dataset)) == 2 * math.ceil(600 / 64)


def test_flips_and_shifts_keep_shapes_and_move_pixels_only():
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))
    out = flip_shift(images, generator, flip=True, shift=0)
    assert out.shape == images.shape
    mirrored = [bool(torch.equal(o, i.flip(-1))) for o, i in zip(out, images, strict=True)]
    unchanged = [bool(torch.equal(o, i)) for o, i in zip(out, images, strict=True)]
    assert all(m or u for m, u in zip(mirrored, unchanged, strict=True))
    assert 16 < sum(mirrored) < 48  # about half
    # One bright pixel per image: a shift moves it by at most 2 px and keeps it whole.
    dots = torch.zeros(200, 1, 28, 28)
    dots[:, 0, 14, 14] = 1.0
    moved = flip_shift(dots, generator, flip=False, shift=2)
    assert moved.shape == dots.shape and torch.equal(moved.sum(dim=(1, 2, 3)), torch.ones(200))
    where = moved[:, 0].flatten(1).argmax(dim=1)
    rows, cols = where // 28 - 14, where % 28 - 14
    assert (
        rows.abs().max() == 2
        and cols.abs().max() == 2
        and len({(r, c) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)}) > 15
    )
    assert labels.shape == (64,)  # labels never pass through the augmentation
    assert flip_shift(images, generator, flip=False, shift=0) is images


def test_cli_trains_the_whole_recipe_only_when_no_number_is_given(synthetic_data_dir, tmp_path, capsys):
    from core.cli import main

    recipe_path, plain_path = tmp_path / "recipe.pt", tmp_path / "plain.pt"
    data = ["--data", str(synthetic_data_dir), "--device", "cpu", "--progress", "never"]
    assert main(["train", "--model", "mlp", "--dry-run", *data, "--save", str(recipe_path)]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert "onecycle schedule" in header and "adamw" in header
    expected = TrainConfig.recommended("mlp", device="cpu", epochs=1)
    assert load_checkpoint(recipe_path).config == expected
    # One number given by hand: the lesson's plain SGD with the recommended other numbers.
    assert main(["train", "--model", "mlp", "--epochs", "1", *data, "--save", str(plain_path)]) == 0
    plain = load_checkpoint(plain_path).config
    assert plain.plain_sgd and not plain.flip and plain.lr == RECOMMENDED["mlp"]["lr"]
    assert "schedule" not in capsys.readouterr().out.splitlines()[0]


def test_a_recipe_with_deferred_reads_trains_the_same_run(tiny_dataset):
    """DeviceSteps (the GPU's path, run eagerly here) steps the schedule and the augmentation
    exactly as the CPU's EagerSteps does."""
    config = TrainConfig(
        model="mlp", epochs=2, lr=0.003, batch_size=64, device="cpu", optimizer="adamw",
        weight_decay=0.05, schedule="onecycle", label_smoothing=0.1, flip=True, shift=1,
    )  # fmt: skip
    eager = _losses(config, tiny_dataset)
    trainer = Trainer(config, tiny_dataset, read_interval_s=math.inf)
    deferred = [e.batch_loss for e in trainer.run() if isinstance(e, BatchEvent)]
    assert deferred == eager and len(eager) == 2 * math.ceil(600 / 64)
