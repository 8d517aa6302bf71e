"""The network diagram's numbers are read from the real models: checked against the modules."""

from __future__ import annotations

import pytest
from torch import nn

from core.config import MODEL_NAMES
from core.lesson.architecture import CONV, LINEAR, describe
from core.models import build_model


def test_softmax_regression_is_784_inputs_fully_connected_to_10_outputs_7850_parameters():
    for name in ("softmax-scratch", "softmax"):
        arch = describe(build_model(name))
        (linear,) = arch.weighted_layers
        assert (arch.inputs, arch.outputs) == (784, 10)
        assert linear.kind == LINEAR
        assert linear.weight_shape == (784, 10) and linear.bias_size == 10  # W 784×10, b 10
        assert arch.parameters == 7850


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_counts_add_up_to_the_models_own_parameters(name):
    model = build_model(name)
    arch = describe(model)
    assert arch.parameters == sum(p.numel() for p in model.parameters())
    assert arch.layers[-1].out_shape == (10,)
    for before, after in zip(arch.layers, arch.layers[1:], strict=False):
        assert before.out_shape == after.in_shape  # shapes chain from one layer to the next


def test_mlp_and_cnn_layers_follow_their_modules():
    mlp = describe(build_model("mlp"))
    hidden = [m for m in build_model("mlp").modules() if isinstance(m, nn.Linear)][0].out_features
    assert [(layer.weight_shape, layer.parameters) for layer in mlp.weighted_layers] == [
        ((784, hidden), 784 * hidden + hidden),
        ((hidden, 10), hidden * 10 + 10),
    ]
    cnn = describe(build_model("cnn"))
    convs = [m for m in build_model("cnn").modules() if isinstance(m, nn.Conv2d)]
    shown = [layer for layer in cnn.layers if layer.kind == CONV]
    assert [layer.parameters for layer in shown] == [sum(p.numel() for p in c.parameters()) for c in convs]
    assert shown[0].kernel == convs[0].kernel_size[0]
    assert shown[0].out_shape[0] == convs[0].out_channels


def test_a_changed_model_changes_the_description():
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
    arch = describe(model)
    assert [layer.parameters for layer in arch.weighted_layers] == [784 * 32 + 32, 32 * 10 + 10]
