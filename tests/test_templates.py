"""core/lesson/templates.py against torch: templates are the weights, the logit's parts add up, painting
touches one class only."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.data import to_model_input
from core.lesson.templates import (
    EFFECTIVE,
    WEIGHTS,
    brush_mask,
    class_templates,
    first_layer_units,
    linear_parameters,
    logit_breakdown,
    model_state,
    paint_template,
)
from core.models import build_model, make_update_step

LINEAR = ["softmax-scratch", "softmax"]


def _random_images(count: int, seed: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, 256, (count, 28, 28), dtype=torch.uint8, generator=generator)


def _trained_a_step(name: str) -> torch.nn.Module:
    """A model after one real update step, so the weights are not the init's round numbers."""
    model = build_model(name, torch.Generator().manual_seed(0))
    step = make_update_step(name, model, lr=0.5)
    images = _random_images(64, seed=1)
    labels = torch.randint(0, 10, (64,), generator=torch.Generator().manual_seed(2))
    step(to_model_input(images), labels)
    return model.eval()


@pytest.mark.parametrize("name", LINEAR)
def test_templates_are_the_weights_after_a_training_step(name: str) -> None:
    model = _trained_a_step(name)
    templates = class_templates(name, model_state(model))
    assert templates is not None and templates.kind == WEIGHTS
    if name == "softmax-scratch":
        expected_w, expected_b = model.W.detach().t(), model.b.detach()  # class j = column j of W
    else:
        expected_w, expected_b = model[1].weight.detach(), model[1].bias.detach()  # row j
    assert templates.images.shape == (10, 28, 28)
    torch.testing.assert_close(
        torch.from_numpy(templates.images).reshape(10, 784), expected_w, rtol=0, atol=0
    )
    torch.testing.assert_close(torch.from_numpy(templates.biases), expected_b, rtol=0, atol=0)
    assert expected_b.abs().max() > 0  # the step really moved the biases off zero
    assert templates.scale() == pytest.approx(float(expected_w.abs().max()))


@pytest.mark.parametrize("name", LINEAR)
def test_the_maps_add_up_to_the_models_logit(name: str) -> None:
    model = _trained_a_step(name)
    images = _random_images(8, seed=3)
    with torch.no_grad():
        oracle = model(to_model_input(images)).double()
    w, b = linear_parameters(name, model.state_dict())
    for k, image in enumerate(images):
        parts = logit_breakdown(model, name, image.numpy())
        assert parts.exact
        maps = torch.from_numpy(parts.maps).double()
        recomposed = maps.reshape(10, 784).sum(dim=1) + torch.from_numpy(parts.bias)
        torch.testing.assert_close(recomposed, oracle[k], rtol=0, atol=1e-5)
        torch.testing.assert_close(torch.from_numpy(parts.total()), oracle[k], rtol=0, atol=1e-5)
        torch.testing.assert_close(torch.from_numpy(parts.logits), oracle[k], rtol=0, atol=1e-6)
        # each map is w_j ⊙ x, and the two sums are its positive and negative parts
        x = to_model_input(image).reshape(784).double()
        torch.testing.assert_close(maps.reshape(10, 784), w.double() * x, rtol=1e-6, atol=1e-9)
        np.testing.assert_array_equal(parts.weights.reshape(10, 784), w.numpy())
        assert (parts.positive >= 0).all() and (parts.negative <= 0).all()
        torch.testing.assert_close(torch.from_numpy(parts.bias), b.double(), rtol=0, atol=0)


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_non_linear_breakdown_is_the_local_linear_model(name: str) -> None:
    model = _trained_a_step(name)
    image = _random_images(1, seed=4)[0]
    parts = logit_breakdown(model, name, image.numpy())
    assert not parts.exact
    with torch.no_grad():
        oracle = model(to_model_input(image)).double()[0]
    torch.testing.assert_close(torch.from_numpy(parts.logits), oracle, rtol=0, atol=1e-6)
    # the slopes are the gradient of o_j with respect to the input (torch.func as the oracle)
    x = to_model_input(image)
    jacobian = torch.autograd.functional.jacobian(lambda v: model(v)[0], x).reshape(10, 784)
    expected_maps = jacobian * x.reshape(1, 784)
    torch.testing.assert_close(
        torch.from_numpy(parts.weights).reshape(10, 784), jacobian, rtol=1e-4, atol=1e-6
    )
    torch.testing.assert_close(
        torch.from_numpy(parts.maps).reshape(10, 784), expected_maps, rtol=1e-4, atol=1e-6
    )


def test_mlp_templates_are_w2_w1_and_units_are_w1() -> None:
    model = _trained_a_step("mlp")
    state = model_state(model)
    templates = class_templates("mlp", state)
    assert templates is not None and templates.kind == EFFECTIVE
    w1, b1, w2, b2 = (state[k].double() for k in ("1.weight", "1.bias", "3.weight", "3.bias"))
    torch.testing.assert_close(
        torch.from_numpy(templates.images).double().reshape(10, 784), w2 @ w1, rtol=1e-5, atol=1e-6
    )
    torch.testing.assert_close(
        torch.from_numpy(templates.biases).double(), w2 @ b1 + b2, rtol=1e-5, atol=1e-6
    )
    units = first_layer_units("mlp", state)
    assert units is not None and units.shape == (256, 28, 28)
    np.testing.assert_array_equal(units.reshape(256, 784), state["1.weight"].numpy())


def test_cnn_has_filters_but_no_templates() -> None:
    state = model_state(build_model("cnn", torch.Generator().manual_seed(0)))
    assert class_templates("cnn", state) is None
    filters = first_layer_units("cnn", state)
    assert filters is not None and filters.shape == (16, 5, 5)
    np.testing.assert_array_equal(filters, state["0.weight"][:, 0].numpy())
    assert first_layer_units("softmax", model_state(build_model("softmax"))) is None


def test_brush_mask_is_a_soft_line() -> None:
    mask = brush_mask([(5.5, 10.5), (20.5, 10.5)], radius=2.0)
    assert mask.shape == (28, 28) and mask.dtype == np.float32
    assert mask[10, 5:21].min() == pytest.approx(1.0)  # on the line, pixel centres: full strength
    assert 0 < mask[11, 12] < 1  # one pixel off: partly
    assert mask[14, 12] == 0 and mask[10, 25] == 0  # beyond the radius: untouched
    dot = brush_mask([(3.5, 3.5)], radius=1.5)
    assert dot[3, 3] == pytest.approx(1.0) and dot.sum() < 5
    # the maximum over the stroke: retracing does not pile up
    np.testing.assert_array_equal(brush_mask([(5.5, 10.5), (20.5, 10.5), (5.5, 10.5)], 2.0), mask)
    assert not brush_mask([], 3.0).any()


@pytest.mark.parametrize("name", LINEAR)
def test_painting_changes_the_named_class_only(name: str) -> None:
    model = _trained_a_step(name)
    state = model_state(model)
    before = {key: value.clone() for key, value in state.items()}
    mask = brush_mask([(14.0, 8.0), (14.0, 20.0)], radius=3.0)
    edited = paint_template(name, state, 3, mask, amount=-0.25)
    for key, value in state.items():  # the input state is untouched
        torch.testing.assert_close(value, before[key], rtol=0, atol=0)
    w_before, b_before = linear_parameters(name, state)
    w_after, b_after = linear_parameters(name, edited)
    difference = (w_after - w_before).double()
    expected = torch.from_numpy(mask).double().reshape(784) * -0.25
    torch.testing.assert_close(difference[3], expected, rtol=0, atol=1e-6)
    others = [j for j in range(10) if j != 3]
    assert torch.equal(w_after[others], w_before[others])  # every other class bit for bit
    assert torch.equal(b_after, b_before)
    # the edited state loads into the model and changes only class 3's logit
    edited_model = build_model(name)
    edited_model.load_state_dict(edited)
    image = _random_images(1, seed=5)
    with torch.no_grad():
        old, new = model(to_model_input(image))[0], edited_model(to_model_input(image))[0]
    assert torch.equal(old[others], new[others]) and new[3] < old[3]


def test_painting_refuses_models_without_templates() -> None:
    state = model_state(build_model("mlp"))
    with pytest.raises(ValueError, match="not a linear model"):
        paint_template("mlp", state, 0, np.zeros((28, 28)), 1.0)
    with pytest.raises(ValueError, match="class index"):
        paint_template("softmax", model_state(build_model("softmax")), 10, np.zeros((28, 28)), 1.0)
