"""The convolutional models' forward pass on oneDNN's own tensors, for answering on the CPU.

Run as an ordinary module, each convolution either hands its output back in the ordinary layout
(oneDNN computes in its blocked one, then copies) or computes channels-last, more slowly; each
max-pool also records the index of every maximum (for a backward pass that never comes); and each
ReLU passes over the full-size activation. For the CNN the pooling and ReLU alone cost about as
much as the convolutions. Here the convolution stage stays in oneDNN's layout from the first
convolution to the last pooling, pooling is oneDNN's (no indices), and a ReLU just before a
max-pool runs after it instead, on a quarter of the values: max and ReLU commute exactly (both
only compare), so the answer is the same.

Same float32 arithmetic as the model itself: torch's own CPU convolution of ordinary tensors runs
this oneDNN kernel, so the logits are the model's bit for bit (the tests allow 1e-6).

`compile_for_cpu` returns None for anything it does not recognise, and when oneDNN is missing or
answers differently from the model on a probe image; the caller then runs the model as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F  # noqa: N812 (torch's own spelling)
from torch import Tensor, nn

from core.classes import IMAGE_SIZE

Forward = Callable[[Tensor], Tensor]
# A probe answering further from the model than this (relative to the logits' size) means the
# backend is broken here; a correct one answers identically or within float32 rounding.
PROBE_TOLERANCE = 1e-4


def compile_for_cpu(model: nn.Module) -> Forward | None:
    """A function float [N, 1, 28, 28] → logits [N, 10] computing `model`'s logits with oneDNN,
    or None where that is not possible. Weights are copied: later changes to `model` are not seen."""
    onednn = torch.backends.mkldnn
    if not isinstance(model, nn.Sequential) or not (onednn.is_available() and onednn.enabled):
        return None  # also where someone switched oneDNN off (torch.backends.mkldnn.flags)
    layers = [layer for layer in model if not isinstance(layer, nn.Dropout)]  # eval: identity
    flatten_at = next((i for i, layer in enumerate(layers) if isinstance(layer, nn.Flatten)), None)
    if flatten_at is None or not any(isinstance(layer, nn.Conv2d) for layer in layers[:flatten_at]):
        return None
    if any(p.device.type != "cpu" or p.dtype != torch.float32 for p in model.parameters()):
        return None
    flatten = layers[flatten_at]
    if (flatten.start_dim, flatten.end_dim) not in ((1, -1), (1, 3)):
        return None
    try:
        image_steps = _image_steps(layers[:flatten_at])
        vector_steps = _vector_steps(layers[flatten_at + 1 :])
        if image_steps is None or vector_steps is None:
            return None
        forward = _chain(image_steps, vector_steps)
        if not _answers_like(forward, model):
            return None
    except (RuntimeError, TypeError, ValueError):  # a build without oneDNN tensors, odd settings
        return None
    return forward


def _image_steps(layers: Sequence[nn.Module]) -> list[Forward] | None:
    """Steps on oneDNN tensors for Conv2d / ReLU / MaxPool2d, a ReLU moved after its max-pool."""
    order = list(layers)
    for i in range(len(order) - 1):
        if isinstance(order[i], nn.ReLU) and isinstance(order[i + 1], nn.MaxPool2d):
            order[i], order[i + 1] = order[i + 1], order[i]
    steps: list[Forward] = []
    for layer in order:
        if isinstance(layer, nn.Conv2d):
            step = _convolution(layer)
        elif isinstance(layer, nn.ReLU):
            step = torch.relu_  # in place on a tensor of ours: to_mkldnn always copies the input
        elif isinstance(layer, nn.MaxPool2d):
            step = _max_pool(layer)
        else:
            return None
        if step is None:
            return None
        steps.append(step)
    return steps


def _convolution(conv: nn.Conv2d) -> Forward | None:
    if conv.padding_mode != "zeros" or isinstance(conv.padding, str) or conv.groups != 1:
        return None
    weight = conv.weight.detach().contiguous().to_mkldnn()
    bias = None if conv.bias is None else conv.bias.detach().contiguous().to_mkldnn()
    padding, stride, dilation = list(conv.padding), list(conv.stride), list(conv.dilation)

    def convolve(x: Tensor) -> Tensor:
        return torch.mkldnn_convolution(x, weight, bias, padding, stride, dilation, 1)

    return convolve


def _max_pool(pool: nn.MaxPool2d) -> Forward | None:
    if pool.return_indices or pool.ceil_mode or pool.dilation not in (1, (1, 1)):
        return None
    kernel, stride, padding = pool.kernel_size, pool.stride or pool.kernel_size, pool.padding

    def max_pool(x: Tensor) -> Tensor:
        return F.max_pool2d(x, kernel, stride, padding)

    return max_pool


def _vector_steps(layers: Sequence[nn.Module]) -> list[Forward] | None:
    steps: list[Forward] = []
    for layer in layers:
        if isinstance(layer, nn.Linear):
            weight = layer.weight.detach().clone()
            bias = None if layer.bias is None else layer.bias.detach().clone()
            steps.append(lambda x, w=weight, b=bias: F.linear(x, w, b))
        elif isinstance(layer, nn.ReLU):
            steps.append(torch.relu)
        else:
            return None
    return steps


def _chain(image_steps: list[Forward], vector_steps: list[Forward]) -> Forward:
    def forward(images: Tensor) -> Tensor:
        x = images.contiguous().to_mkldnn()
        for step in image_steps:
            x = step(x)
        x = x.to_dense().flatten(1)
        for step in vector_steps:
            x = step(x)
        return x

    return forward


def _answers_like(forward: Forward, model: nn.Module) -> bool:
    """One probe image (fixed noise) through both: a wrong or unusable backend shows here."""
    probe = torch.rand(1, 1, IMAGE_SIZE, IMAGE_SIZE, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        expected = model(probe).float()
        answer = forward(probe)
    if answer.shape != expected.shape or not torch.isfinite(answer).all():
        return False
    scale = 1.0 + float(expected.abs().max())
    return float((answer - expected).abs().max()) <= PROBE_TOLERANCE * scale
