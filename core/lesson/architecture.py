"""The network as a plain list of layers, read from the model itself: what the Weights tab draws.

Each layer's parameter count is sum(p.numel()) over that module's own parameters and its output
shape comes from one forward pass of a blank image, so a change to core.models shows up in the
picture without anyone editing a table of numbers. Plain data out (no torch types), so the GUI
only formats it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from core.classes import IMAGE_SIZE, NUM_CLASSES

# What each module is called on screen; the GUI translates these words.
LINEAR, CONV, RELU, POOL, FLATTEN = "linear", "conv", "relu", "maxpool", "flatten"
_KINDS: tuple[tuple[type[nn.Module], str], ...] = (
    (nn.Linear, LINEAR),
    (nn.Conv2d, CONV),
    (nn.ReLU, RELU),
    (nn.MaxPool2d, POOL),
    (nn.Flatten, FLATTEN),
)


@dataclass(frozen=True)
class Layer:
    """One step of the forward pass."""

    kind: str  # one of LINEAR, CONV, RELU, POOL, FLATTEN, or the module's class name
    in_shape: tuple[int, ...]  # one image's shape entering the layer (no batch axis)
    out_shape: tuple[int, ...]  # and leaving it
    parameters: int  # sum(p.numel()) of this layer's own parameters
    weight_shape: tuple[int, ...] | None  # as the lesson writes it: W is inputs × outputs
    bias_size: int | None
    kernel: int | None = None  # a conv's or a pool's window side


@dataclass(frozen=True)
class Architecture:
    inputs: int  # 784: the pixels, one input each
    outputs: int  # 10: one logit per class
    layers: tuple[Layer, ...]

    @property
    def parameters(self) -> int:
        return sum(layer.parameters for layer in self.layers)

    @property
    def weighted_layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.parameters)


def _leaves(model: nn.Module) -> list[nn.Module]:
    """The modules that compute: a model with its own parameters and no children (the lesson's
    scratch X·W + b) is one layer itself."""
    children = list(model.children())
    if not children:
        return [model]
    leaves: list[nn.Module] = []
    for child in children:
        leaves.extend(_leaves(child))
    return leaves


def _kind(module: nn.Module) -> str:
    for cls, kind in _KINDS:
        if isinstance(module, cls):
            return kind
    if dict(module.named_parameters(recurse=False)):  # the scratch model: X·W + b, a linear layer
        return LINEAR
    return type(module).__name__


def _shapes(module: nn.Module) -> tuple[tuple[int, ...] | None, int | None, int | None]:
    """(W as inputs × outputs, bias size, kernel side) of one layer."""
    weight = getattr(module, "weight", None)
    bias = getattr(module, "bias", None)
    if weight is None and hasattr(module, "W"):  # the scratch model stores the lesson's names
        weight, bias = module.W, module.b
    kernel = getattr(module, "kernel_size", None)
    if isinstance(kernel, tuple):
        kernel = kernel[0]
    if weight is None:
        return None, None, kernel
    shape = tuple(weight.shape)
    if isinstance(module, nn.Linear):
        shape = shape[::-1]  # nn.Linear keeps W as outputs × inputs; the lesson writes inputs × outputs
    return shape, None if bias is None else int(bias.numel()), kernel


def describe(model: nn.Module) -> Architecture:
    """The model's layers in forward order, with shapes and parameter counts."""
    leaves = _leaves(model)
    shapes: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def record(module: nn.Module, args: tuple, output: torch.Tensor) -> None:
        shapes[id(module)] = (tuple(args[0].shape[1:]), tuple(output.shape[1:]))

    hooks = [leaf.register_forward_hook(record) for leaf in leaves]
    try:
        first = next(model.parameters())
        blank = torch.zeros(1, 1, IMAGE_SIZE, IMAGE_SIZE, dtype=first.dtype, device=first.device)
        with torch.no_grad():
            model(blank)
    finally:
        for hook in hooks:
            hook.remove()
    layers = []
    for leaf in leaves:
        weight_shape, bias_size, kernel = _shapes(leaf)
        in_shape, out_shape = shapes.get(id(leaf), ((), ()))
        count = sum(p.numel() for p in leaf.parameters(recurse=False))
        layers.append(Layer(_kind(leaf), in_shape, out_shape, count, weight_shape, bias_size, kernel))
    return Architecture(IMAGE_SIZE * IMAGE_SIZE, NUM_CLASSES, tuple(layers))
