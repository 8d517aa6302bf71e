"""A convolutional net's forward pass kept in oneDNN's own tensor layout, for answering on the CPU.

Why not just `model(x)`: run as an ordinary module, each convolution hands its output back in the
ordinary layout (oneDNN computes in its blocked one, then copies), each max-pool records the index
of every maximum (for a backward pass that never comes; half of the CNN's time alone) and each
ReLU passes over the full-size activation. benchmarks/browse_predict.py prints the difference:
about 2.5x the CPU time for the CNN. Here the layers up to Flatten run on oneDNN tensors: the
convolutions on weights converted once, ReLU and MaxPool2d as they are (both take oneDNN tensors),
and a ReLU just before a max-pool runs after it instead, on a quarter of the values (max and ReLU
commute exactly, both only compare; ~20% of the time). The layers from Flatten on run as they are.

torch's own ways to the same end (`torch.jit.optimize_for_inference`, `torch.utils.mkldnn`) are
TorchScript, deprecated since torch 2.x. Same float32 kernels as the model itself, so the logits
are the model's (the tests allow 1e-6). `compile_for_cpu` returns None for anything it does not
recognise, and when oneDNN is missing or answers differently from the model on a probe image; the
caller then runs the model as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor, nn

from core.classes import IMAGE_SIZE

Forward = Callable[[Tensor], Tensor]
# A probe answering further from the model than this (relative to the logits' size) means the
# backend is broken here; a correct one answers identically or within float32 rounding.
PROBE_TOLERANCE = 1e-4
_IMAGE_LAYERS = (nn.Conv2d, nn.ReLU, nn.MaxPool2d)


def compile_for_cpu(model: nn.Module) -> Forward | None:
    """A function float [N, 1, 28, 28] → logits [N, 10] computing `model`'s logits with oneDNN, or
    None where that is not possible. Convolution weights are copied: make it again after changing them."""
    onednn = torch.backends.mkldnn
    if not isinstance(model, nn.Sequential) or not (onednn.is_available() and onednn.enabled):
        return None  # also where someone switched oneDNN off (torch.backends.mkldnn.flags)
    if any(p.device.type != "cpu" or p.dtype != torch.float32 for p in model.parameters()):
        return None
    layers = [layer for layer in model if not isinstance(layer, nn.Dropout)]  # eval: identity
    flatten_at = next((i for i, layer in enumerate(layers) if isinstance(layer, nn.Flatten)), None)
    if flatten_at is None:
        return None
    image_layers = _relu_after_max_pool(layers[:flatten_at])
    if not all(isinstance(layer, _IMAGE_LAYERS) for layer in image_layers):
        return None
    if not any(isinstance(layer, nn.Conv2d) for layer in image_layers):
        return None
    try:
        steps = [_image_step(layer) for layer in image_layers]
        if any(step is None for step in steps):
            return None
        forward = _chain(steps, nn.Sequential(*layers[flatten_at:]))
        if not _answers_like(forward, model):
            return None
    except (RuntimeError, TypeError, ValueError):  # a build without oneDNN tensors, odd settings
        return None
    return forward


def _relu_after_max_pool(layers: Sequence[nn.Module]) -> list[nn.Module]:
    order = list(layers)
    for i in range(len(order) - 1):
        if isinstance(order[i], nn.ReLU) and isinstance(order[i + 1], nn.MaxPool2d):
            order[i], order[i + 1] = order[i + 1], order[i]
    return order


def _image_step(layer: nn.Module) -> Forward | None:
    if isinstance(layer, nn.Conv2d):
        return _convolution(layer)
    # In place: every tensor here is a fresh one of ours (to_mkldnn copies the input); ~3% less time.
    return torch.relu_ if isinstance(layer, nn.ReLU) else layer


def _convolution(conv: nn.Conv2d) -> Forward | None:
    if conv.padding_mode != "zeros" or isinstance(conv.padding, str):
        return None
    weight = conv.weight.detach().contiguous().to_mkldnn()
    bias = None if conv.bias is None else conv.bias.detach().contiguous().to_mkldnn()
    padding, stride, dilation = list(conv.padding), list(conv.stride), list(conv.dilation)

    def convolve(x: Tensor) -> Tensor:
        return torch.mkldnn_convolution(x, weight, bias, padding, stride, dilation, conv.groups)

    return convolve


def _chain(image_steps: Sequence[Forward], rest: nn.Module) -> Forward:
    def forward(images: Tensor) -> Tensor:
        x = images.contiguous().to_mkldnn()
        for step in image_steps:
            x = step(x)
        return rest(x.to_dense())

    return forward


def _answers_like(forward: Forward, model: nn.Module) -> bool:
    """One probe image (fixed noise) through both: a wrong or unusable backend shows here."""
    probe = torch.rand(1, 1, IMAGE_SIZE, IMAGE_SIZE, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        expected = model(probe).float()
        answer = forward(probe)
    if not isinstance(answer, Tensor) or answer.shape != expected.shape or not torch.isfinite(answer).all():
        return False
    scale = 1.0 + float(expected.abs().max())
    return float((answer - expected).abs().max()) <= PROBE_TOLERANCE * scale
