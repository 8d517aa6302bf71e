"""core.finetune: the held-out split, and fine-tuning that learns, stops, repeats and loads."""

from __future__ import annotations

import math

import pytest
import torch

from core.data import FashionMNIST
from core.finetune import FinetuneError, finetune, split_sketches
from core.models import build_model
from core.sketchbook import Sketch
from core.synthetic import make_learnable_images


def sketch(number: int, label: int, image=None) -> Sketch:
    pixels = image if image is not None else torch.full((28, 28), number % 256, dtype=torch.uint8).numpy()
    return Sketch(f"s{number:03d}", label, pixels, b"", "2026-12-07T10:00:00+00:00", "draw")


def learnable_sketches(count: int, seed: int = 0) -> list[Sketch]:
    images, labels = make_learnable_images(count, seed)
    return [sketch(i, int(label), image) for i, (image, label) in enumerate(zip(images, labels, strict=True))]


def small_dataset() -> FashionMNIST:
    train_images, train_labels = make_learnable_images(200, seed=5)
    test_images, test_labels = make_learnable_images(100, seed=6)
    return FashionMNIST(
        torch.from_numpy(train_images),
        torch.from_numpy(train_labels),
        torch.from_numpy(test_images),
        torch.from_numpy(test_labels),
        source="synthetic",
    )


def ids(sketches: list[Sketch]) -> list[str]:
    return [item.sketch_id for item in sketches]


def fresh_state(name: str) -> dict:
    return build_model(name, torch.Generator().manual_seed(0)).state_dict()


# -- the split ---------------------------------------------------------------------------------
def test_a_share_holds_out_the_newest_of_every_class_and_repeats():
    sketches = [sketch(i, i % 10) for i in range(40)]  # four of each class, oldest first
    train, held = split_sketches(sketches, 0.25)
    assert ids(held) == ids(sketches[30:])  # the newest of each class: the last ten here
    assert ids(train) == ids(sketches[:30])
    again = split_sketches(list(sketches), 0.25)
    assert (ids(again[0]), ids(again[1])) == (ids(train), ids(held))


def test_a_share_keeps_a_class_with_one_sketch_in_training_and_still_holds_out_its_total():
    sketches = [sketch(i, 0) for i in range(7)] + [sketch(7, 3)]
    train, held = split_sketches(sketches, 0.25)
    assert len(held) == 2  # round(0.25 × 8)
    assert {item.label for item in train} == {0, 3}
    assert ids(held) == ["s005", "s006"]


def test_a_number_holds_out_the_last_n_but_never_a_class_s_only_sketch():
    sketches = [sketch(i, i % 3) for i in range(9)] + [sketch(9, 7)]
    train, held = split_sketches(sketches, 3)
    assert ids(held) == ["s006", "s007", "s008"]  # s009 is the only Sneaker: it stays in training
    assert ids(train) == [f"s{i:03d}" for i in range(6)] + ["s009"]
    assert split_sketches(sketches, 0) == (sketches, [])
    assert len(split_sketches(sketches, 100)[1]) == 6  # each class keeps one of its sketches


@pytest.mark.parametrize("held_out", [1.0, -0.1, math.nan, -1, True, "0.25"])
def test_a_held_out_part_that_means_nothing_is_refused_with_its_code(held_out):
    with pytest.raises(FinetuneError) as refused:
        split_sketches([sketch(0, 0)], held_out)
    assert refused.value.code == "finetune.held_out"


def test_nothing_left_to_train_on_is_refused():
    with pytest.raises(FinetuneError) as refused:
        finetune("softmax", fresh_state("softmax"), [], [sketch(0, 0)])
    assert refused.value.code == "finetune.nothing_to_train"


def test_fewer_than_ten_sketches_or_none_held_out_is_refused():
    with pytest.raises(FinetuneError) as refused:
        finetune("softmax", fresh_state("softmax"), [sketch(0, 0)], [sketch(1, 1)])
    assert refused.value.code == "finetune.too_few" and refused.value.params["needed"] == 8
    with pytest.raises(FinetuneError) as refused:
        finetune("softmax", fresh_state("softmax"), [sketch(i, i) for i in range(10)], [])
    assert refused.value.code == "finetune.none_held"


# -- the fine-tune -----------------------------------------------------------------------------
def test_fine_tuning_learns_held_out_sketches_and_reports_progress():
    train, held = split_sketches(learnable_sketches(80), 0.25)
    seen = []
    result = finetune(
        "softmax",
        fresh_state("softmax"),
        train,
        held,
        test_set=small_dataset(),
        steps=40,
        lr=0.01,
        on_progress=seen.append,
    )
    assert result.before["held_acc"] < 0.5
    assert result.after["held_acc"] >= 0.9
    assert set(result.before) == set(result.after) == {"held_acc", "test_acc"}
    assert result.after["test_acc"] > result.before["test_acc"]  # the replay taught the photos too
    assert [progress.step for progress in seen][0] == 0 and seen[-1].step == 40
    assert seen == result.history
    assert all(progress.test_acc is not None for progress in seen)
    assert not result.stopped


def test_without_data_there_is_no_test_accuracy():
    train, held = split_sketches(learnable_sketches(20), 0.25)
    result = finetune("softmax", fresh_state("softmax"), train, held, steps=3)
    assert "test_acc" not in result.before and "test_acc" not in result.after
    assert all(progress.test_acc is None for progress in result.history)


def test_a_stop_ends_the_run_early_with_the_weights_at_the_stop():
    train, held = split_sketches(learnable_sketches(40), 0.25)
    asked = []

    def should_stop() -> bool:
        asked.append(True)
        return len(asked) > 3

    state = fresh_state("softmax")
    result = finetune("softmax", state, train, held, steps=200, should_stop=should_stop)
    assert result.stopped
    assert result.history[-1].step <= 3
    assert len(asked) == 4
    assert not torch.equal(result.state_dict["1.weight"], state["1.weight"])  # three steps were taken


def test_the_same_seed_gives_the_same_weights_bit_for_bit_and_another_seed_does_not():
    train, held = split_sketches(learnable_sketches(30), 0.25)
    data = small_dataset()

    def run(seed: int) -> dict:
        return finetune("cnn", fresh_state("cnn"), train, held, test_set=data, steps=4, seed=seed).state_dict

    first, second, other = run(1), run(1), run(2)
    assert all(torch.equal(first[name], second[name]) for name in first)
    assert not all(torch.equal(first[name], other[name]) for name in first)


@pytest.mark.parametrize("name", ["softmax-scratch", "softmax", "mlp", "cnn"])
def test_the_result_loads_into_its_model_and_the_caller_s_weights_are_untouched(name):
    train, held = split_sketches(learnable_sketches(20), 0.25)
    state = fresh_state(name)
    kept = {key: value.clone() for key, value in state.items()}
    result = finetune(name, state, train, held, steps=2, lr=0.01)
    model = build_model(name)
    model.load_state_dict(result.state_dict)  # strict: every name and shape
    assert all(torch.equal(state[key], kept[key]) for key in state)
    assert not all(torch.equal(result.state_dict[key], kept[key]) for key in kept)


def test_the_thread_count_is_fixed_for_the_run_and_put_back():
    train, held = split_sketches(learnable_sketches(20), 0.25)
    before = torch.get_num_threads()
    counts = []
    finetune(
        "softmax",
        fresh_state("softmax"),
        train,
        held,
        steps=2,
        threads=1,
        on_progress=lambda _progress: counts.append(torch.get_num_threads()),
    )
    assert set(counts) == {1}
    assert torch.get_num_threads() == before


@pytest.mark.parametrize(
    "setting", [{"steps": 0}, {"lr": 0.0}, {"seed": -1}, {"threads": 0}, {"model_name": "vgg"}]
)
def test_a_bad_setting_is_refused_before_any_work(setting):
    arguments = {"model_name": "softmax", "steps": 2, "lr": 0.01, "seed": 0, "threads": None, **setting}
    with pytest.raises(FinetuneError) as refused:
        finetune(arguments.pop("model_name"), fresh_state("softmax"), [sketch(0, 0)], [], **arguments)
    assert refused.value.code == "finetune.setting"
