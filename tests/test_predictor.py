"""One prediction path: preprocessing's output + model + softmax (core/predictor.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import core.predictor as predictor_module
from core.checkpoint import CheckpointError, save_checkpoint
from core.classes import CLASS_NAMES
from core.config import MODEL_NAMES, TrainConfig
from core.models import build_model
from core.paths import pretrained_path
from core.predictor import Predictor, format_top_classes, top_classes

# Test accuracy the shipped defaults must keep (resources/models/README.md records the figures).
MIN_SHIPPED_ACCURACY = {"softmax-scratch": 0.80, "softmax": 0.80, "mlp": 0.83, "cnn": 0.88}


def _images(count: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(count, 28, 28), dtype=np.uint8)


def test_probabilities_shapes_and_sums() -> None:
    predictor = Predictor(build_model("mlp", torch.Generator().manual_seed(0)), "mlp", "test mlp")
    one = predictor.probabilities(_images(1)[0])
    many = predictor.probabilities(_images(5))
    assert one.shape == (10,) and many.shape == (5, 10)
    assert one.dtype == np.float32
    np.testing.assert_allclose(many.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(predictor.probabilities(torch.from_numpy(_images(5))), many, atol=1e-6)
    assert predictor.probabilities(np.zeros((0, 28, 28), dtype=np.uint8)).shape == (0, 10)


class _HugeLogits(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        logits = torch.zeros(x.shape[0], 10)
        logits[:, 3] = 1e4
        logits[:, 4] = 1e4 - 1
        return logits


def test_huge_logits_do_not_overflow() -> None:
    probs = Predictor(_HugeLogits(), "huge", "huge").probabilities(_images(2))
    assert np.isfinite(probs).all()
    np.testing.assert_allclose(probs[:, 3], 1 / (1 + np.exp(-1)), rtol=1e-5)


def test_model_is_put_in_eval_mode() -> None:
    model = nn.Sequential(nn.Flatten(), nn.Dropout(0.5), nn.Linear(784, 10))
    predictor = Predictor(model.train(), "dropout", "dropout")
    assert not model.training
    image = _images(1)[0]
    np.testing.assert_array_equal(predictor.probabilities(image), predictor.probabilities(image))


def test_bad_input_is_refused() -> None:
    predictor = Predictor(build_model("softmax"), "softmax", "s")
    with pytest.raises(ValueError, match="28, 28"):
        predictor.probabilities(np.zeros((32, 32), dtype=np.uint8))
    with pytest.raises(TypeError, match="uint8"):
        predictor.probabilities(np.zeros((28, 28), dtype=np.float32))


def test_from_state_dict_matches_the_model() -> None:
    model = build_model("cnn", torch.Generator().manual_seed(3))
    images = _images(4)
    direct = Predictor(model, "cnn", "a").probabilities(images)
    copied = Predictor.from_state_dict(
        "cnn", {k: v.clone() for k, v in model.state_dict().items()}, "live cnn"
    )
    assert copied.label == "live cnn" and copied.model_name == "cnn"
    np.testing.assert_allclose(copied.probabilities(images), direct, atol=1e-6)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_from_state_dict_works_for_every_model(name: str) -> None:
    model = build_model(name, torch.Generator().manual_seed(5))
    published = {k: v.detach().clone() for k, v in model.state_dict().items()}
    predictor = Predictor.from_state_dict(name, published, f"live {name}")
    images = _images(3)
    np.testing.assert_allclose(
        predictor.probabilities(images), Predictor(model, name, "a").probabilities(images), atol=1e-6
    )


def test_from_state_dict_refuses_another_models_weights() -> None:
    softmax_weights = build_model("softmax").state_dict()
    with pytest.raises(RuntimeError, match="size mismatch|Missing key|Unexpected key"):
        Predictor.from_state_dict("mlp", softmax_weights, "live mlp")


def test_from_checkpoint_and_bad_files(tmp_path: Path) -> None:
    model = build_model("softmax", torch.Generator().manual_seed(1))
    path = save_checkpoint(tmp_path / "mine.pt", model, TrainConfig(model="softmax"), {"test_acc": 0.8123})
    predictor = Predictor.from_checkpoint(path)
    assert predictor.model_name == "softmax"
    assert "mine.pt" in predictor.label and "0.812" in predictor.label
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a checkpoint at all")
    with pytest.raises(CheckpointError, match="junk.pt"):
        Predictor.from_checkpoint(junk)


def test_missing_pretrained_file_says_how_to_make_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(predictor_module, "pretrained_path", lambda name: tmp_path / f"{name}.pt")
    with pytest.raises(CheckpointError, match="README"):
        Predictor.pretrained("cnn")


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_shipped_pretrained_models_load_and_are_accurate(name: str) -> None:
    assert pretrained_path(name).is_file(), f"the shipped default {pretrained_path(name)} is missing"
    predictor = Predictor.pretrained(name)
    assert predictor.model_name == name and name in predictor.label
    assert predictor.metrics["test_acc"] >= MIN_SHIPPED_ACCURACY[name]
    assert predictor.probabilities(_images(3)).shape == (3, 10)
    assert pretrained_path(name).stat().st_size < 2_000_000  # small enough to ship in the repo


def test_top_classes_and_formatting() -> None:
    probs = np.array([0.05, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.8, 0.05, 0.0], dtype=np.float32)
    assert [name for name, _ in top_classes(probs, 2)] == ["Sneaker", "Pullover"]
    text = format_top_classes(probs, k=3)
    lines = text.splitlines()
    assert len(lines) == 3
    assert "Sneaker" in lines[0] and "80.0%" in lines[0]
    assert "Pullover" in lines[1] and "10.0%" in lines[1]
    assert all(any(name in line for name in CLASS_NAMES) for line in lines)


def _plain_probabilities(model: nn.Module, images: torch.Tensor) -> np.ndarray:
    """The float32 model run as it is, in one call: what every fast path must reproduce."""
    with torch.inference_mode():
        return torch.softmax(model(images.float().div(255).unsqueeze(1)), dim=1).numpy()


def test_the_cpu_cnn_answers_through_onednn_like_the_plain_model() -> None:
    model = build_model("cnn", torch.Generator().manual_seed(3))
    images = torch.randint(
        0, 256, (600, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(1)
    )
    predictor = Predictor(model, "cnn", "test")
    assert predictor.uses_onednn == torch.backends.mkldnn.is_available()
    np.testing.assert_allclose(
        predictor.probabilities(images), _plain_probabilities(model, images), atol=1e-6, rtol=0
    )
    logits = torch.stack([torch.as_tensor(predictor.logits(image)) for image in images[:20]])
    with torch.inference_mode():
        expected = model(images[:20].float().div(255).unsqueeze(1))
    np.testing.assert_allclose(logits.numpy(), expected.numpy(), atol=1e-5, rtol=0)


def test_one_image_answers_like_the_same_image_in_a_batch() -> None:
    """Send to canvas: Draw predicts one image per call, Browse thousands; both must agree."""
    model = build_model("cnn", torch.Generator().manual_seed(4))
    images = _images(300, seed=2)
    predictor = Predictor(model, "cnn", "test")
    batch = predictor.probabilities(images)
    one_by_one = np.stack([predictor.probabilities(image) for image in images])
    np.testing.assert_allclose(one_by_one, batch, atol=1e-6, rtol=0)


def test_several_threads_may_ask_one_predictor_at_once() -> None:
    predictor = Predictor(build_model("cnn", torch.Generator().manual_seed(5)), "cnn", "shared")
    inputs = [_images(700, seed=seed) for seed in range(4)]
    expected = [predictor.probabilities(images) for images in inputs]
    answers: dict[int, np.ndarray] = {}
    errors: list[BaseException] = []

    def ask(index: int) -> None:
        try:
            torch.set_num_threads(1 + index % 2)  # with and without its own block threads
            for _ in range(3):
                answers[index] = predictor.probabilities(inputs[index])
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(inputs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and len(answers) == len(inputs)
    for index, answer in answers.items():
        np.testing.assert_array_equal(answer, expected[index])


def test_the_answer_does_not_depend_on_the_callers_thread_count() -> None:
    predictor = Predictor(build_model("cnn", torch.Generator().manual_seed(6)), "cnn", "test")
    images = _images(1000, seed=3)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        alone = predictor.probabilities(images)
        torch.set_num_threads(2)
        shared = predictor.probabilities(images)
        assert torch.get_num_threads() == 2  # the block threads leave the caller's count alone
    finally:
        torch.set_num_threads(before)
    np.testing.assert_array_equal(shared, alone)


def _assert_plain_fallback(model: nn.Module, images: np.ndarray) -> None:
    predictor = Predictor(model, "cnn", "fallback")
    assert not predictor.uses_onednn
    np.testing.assert_allclose(
        predictor.probabilities(images),
        _plain_probabilities(model, torch.from_numpy(images)),
        atol=1e-6,
        rtol=0,
    )


def test_without_onednn_the_model_answers_as_it_is(monkeypatch) -> None:
    monkeypatch.setattr(torch.backends.mkldnn, "is_available", lambda: False)
    _assert_plain_fallback(build_model("cnn", torch.Generator().manual_seed(7)), _images(300))


def test_a_onednn_call_that_fails_falls_back_to_the_model(monkeypatch) -> None:
    def missing(*args, **kwargs):
        raise RuntimeError("mkldnn_convolution: not compiled with MKLDNN support")

    monkeypatch.setattr(torch, "mkldnn_convolution", missing)
    _assert_plain_fallback(build_model("cnn", torch.Generator().manual_seed(8)), _images(300))


def test_a_onednn_answering_wrong_numbers_is_not_used(monkeypatch) -> None:
    real = torch.mkldnn_convolution
    monkeypatch.setattr(
        torch, "mkldnn_convolution", lambda *args: real(*args).to_dense().mul(1.01).to_mkldnn()
    )
    _assert_plain_fallback(build_model("cnn", torch.Generator().manual_seed(9)), _images(300))


def test_an_unknown_convolutional_net_answers_as_it_is() -> None:
    """A layer the oneDNN path does not know (batch norm here) leaves the model to answer."""
    model = nn.Sequential(
        nn.Conv2d(1, 4, 3),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(4 * 13 * 13, 10),
    )
    with torch.no_grad():
        model[1].running_mean.uniform_(-0.5, 0.5)
    _assert_plain_fallback(model.eval(), _images(300))


def test_the_layers_after_flatten_run_as_they_are_behind_onednn() -> None:
    """Only the image stage needs oneDNN's layout: any head (here Dropout, Tanh, a Linear without
    bias) answers through it, like the model; a max-pool without a ReLU before it stays in place."""
    torch.manual_seed(11)
    model = nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1),
        nn.MaxPool2d(2),
        nn.ReLU(),
        nn.Conv2d(4, 8, 3, bias=False),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Dropout(0.5),
        nn.Linear(8 * 6 * 6, 32),
        nn.Tanh(),
        nn.Linear(32, 10, bias=False),
    ).eval()
    images = _images(300, seed=4)
    predictor = Predictor(model, "cnn", "custom head")
    assert predictor.uses_onednn == torch.backends.mkldnn.is_available()
    np.testing.assert_allclose(
        predictor.probabilities(images),
        _plain_probabilities(model, torch.from_numpy(images)),
        atol=1e-6,
        rtol=0,
    )


def test_a_layer_setting_onednn_does_not_take_is_left_to_the_model() -> None:
    """oneDNN's max-pool has no dilation: it fails on the probe, and the model answers as it is."""
    model = nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.MaxPool2d(2, dilation=2), nn.Flatten(), nn.Linear(4 * 12 * 12, 10)
    )
    _assert_plain_fallback(model.eval(), _images(50))


def test_onednn_switched_off_is_respected() -> None:
    before = torch.backends.mkldnn.enabled
    torch.backends.mkldnn.enabled = False
    try:
        _assert_plain_fallback(build_model("cnn", torch.Generator().manual_seed(10)), _images(50))
    finally:
        torch.backends.mkldnn.enabled = before
