"""What a model learned, as pictures: class templates, first-layer units, the logit pixel by pixel.

Softmax regression computes o_j = w_j · x + b_j, so each row w_j of W (784 numbers) reshaped to
28×28 is a picture of class j: pixels where it is positive push an image towards j, negative ones
push away. The Weights tab shows these, breaks one logit into its per-pixel parts, and lets the
teacher paint on a template; the maths lives here, Qt-free, so torch can check it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor, nn

from core.classes import IMAGE_SIZE, NUM_CLASSES
from core.data import to_model_input

LINEAR_MODELS = ("softmax-scratch", "softmax")
NUM_PIXELS = IMAGE_SIZE * IMAGE_SIZE

# Where each model keeps the numbers the tab shows (names from the models' state dicts).
_LINEAR_KEYS = {"softmax-scratch": ("W", "b"), "softmax": ("1.weight", "1.bias")}
_MLP_KEYS = ("1.weight", "1.bias", "3.weight", "3.bias")
_CNN_FIRST_CONV = "0.weight"

WEIGHTS = "weights"  # templates are the rows of W: exact
EFFECTIVE = "effective"  # the MLP's W2·W1, as if every hidden unit were switched on


def is_linear(model_name: str) -> bool:
    """Only these models' pictures are real templates: their logit is exactly w_j · x + b_j."""
    return model_name in LINEAR_MODELS


def linear_parameters(model_name: str, state: Mapping[str, Tensor]) -> tuple[Tensor, Tensor]:
    """(W as [10, 784], b [10]) of a linear model, whatever its own layout.

    softmax-scratch stores W as the lesson's [784, 10] (class j is column j); nn.Linear stores
    [10, 784] (class j is row j). The tab always wants one row per class."""
    if not is_linear(model_name):
        raise ValueError(f"{model_name!r} is not a linear model; choose one of {', '.join(LINEAR_MODELS)}")
    weight_key, bias_key = _LINEAR_KEYS[model_name]
    weights = state[weight_key].detach()
    rows = weights.t() if model_name == "softmax-scratch" else weights
    _check_shape(rows, (NUM_CLASSES, NUM_PIXELS), weight_key)
    return rows, state[bias_key].detach()


@dataclass(frozen=True)
class ClassTemplates:
    """Ten 28×28 pictures, one per class, and the bias that goes with each."""

    images: np.ndarray  # float32 [10, 28, 28]
    biases: np.ndarray  # float32 [10]
    kind: str  # WEIGHTS (rows of W) or EFFECTIVE (the MLP's W2·W1)

    def scale(self) -> float:
        """The shared symmetric colour scale: the largest |weight| of all ten, so 0 is the middle."""
        largest = float(np.abs(self.images).max()) if self.images.size else 0.0
        return largest if largest > 0 else 1.0


def class_templates(model_name: str, state: Mapping[str, Tensor]) -> ClassTemplates | None:
    """The ten class pictures of a model, or None for the CNN (it has no per-class picture).

    For the MLP (o = W2·relu(W1·x + b1) + b2) the pictures are W2·W1 and the biases W2·b1 + b2:
    the linear model it would be if every hidden unit were on. That is an approximation, and
    the tab says so."""
    if is_linear(model_name):
        rows, bias = linear_parameters(model_name, state)
        images = rows.float().reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE).cpu().numpy().copy()
        return ClassTemplates(images, bias.float().cpu().numpy().copy(), WEIGHTS)
    if model_name == "mlp":
        w1, b1, w2, b2 = (state[key].detach().double() for key in _MLP_KEYS)
        effective = (w2 @ w1).reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE)
        bias = w2 @ b1 + b2
        return ClassTemplates(effective.float().cpu().numpy(), bias.float().cpu().numpy(), EFFECTIVE)
    return None


def first_layer_units(model_name: str, state: Mapping[str, Tensor]) -> np.ndarray | None:
    """What the first layer looks for: the MLP's 256 units as 28×28 pictures [256, 28, 28], or
    the CNN's 16 filters [16, 5, 5]. None for the linear models (their templates say it all)."""
    if model_name == "mlp":
        w1 = state[_MLP_KEYS[0]].detach().float()
        return w1.reshape(-1, IMAGE_SIZE, IMAGE_SIZE).cpu().numpy().copy()
    if model_name == "cnn":
        filters = state[_CNN_FIRST_CONV].detach().float()
        return filters[:, 0].cpu().numpy().copy()
    return None


def model_state(model: nn.Module) -> dict[str, Tensor]:
    """Detached CPU copies of a model's weights, the form every function here takes."""
    return {name: tensor.detach().cpu().clone() for name, tensor in model.state_dict().items()}


@dataclass(frozen=True)
class LogitBreakdown:
    """o_j split into the parts a class can see: per-pixel pushes, their sums, and the bias.

    maps[j] = w_j ⊙ x; positive[j] + negative[j] + bias[j] == logits[j] (the model's own output,
    to float rounding). For a non-linear model the w_j are the slopes of o_j at this image and the
    "bias" is what is left (exact too: ReLU nets are linear near one image), hence `exact`."""

    weights: np.ndarray  # float32 [10, 28, 28]: the w_j (rows of W, or slopes of o_j at x)
    maps: np.ndarray  # float32 [10, 28, 28]: w_j ⊙ x
    positive: np.ndarray  # float64 [10]: sum of the pixels that push towards j
    negative: np.ndarray  # float64 [10]: sum of the pixels that push away (≤ 0)
    bias: np.ndarray  # float64 [10]
    logits: np.ndarray  # float64 [10]: the model's output for this image
    exact: bool  # True: W and b of a linear model; False: linearised around this image

    def total(self) -> np.ndarray:
        """positive + negative + bias: equals `logits`; shown on screen as the sum that adds up."""
        return self.positive + self.negative + self.bias


def logit_breakdown(model: nn.Module, model_name: str, image_uint8: np.ndarray | Tensor) -> LogitBreakdown:
    """Why the model gives each class the score it gives, for one uint8 [28, 28] image."""
    x = to_model_input(torch.as_tensor(image_uint8)).to(_device_of(model))
    if x.shape[0] != 1:
        raise ValueError(f"expected one 28×28 image, got {tuple(torch.as_tensor(image_uint8).shape)}")
    if is_linear(model_name):
        rows, bias = linear_parameters(model_name, model.state_dict())
        with torch.inference_mode():
            logits = model(x).double()[0]
        weights = rows.float()
        maps = weights * x.reshape(1, NUM_PIXELS)
        exact = True
        bias64 = bias.double()
    else:
        # Slopes of every o_j at x at once: ten copies of x, each copy's gradient of its own o_j.
        copies = x.repeat(NUM_CLASSES, 1, 1, 1).requires_grad_(True)
        with torch.enable_grad():
            outputs = model(copies)
            (slopes,) = torch.autograd.grad(outputs.diagonal().sum(), copies)
        with torch.inference_mode():  # one image alone, as Predictor.logits runs it (same rounding)
            logits = model(x).double()[0]
        weights = slopes.reshape(NUM_CLASSES, NUM_PIXELS)
        maps = weights * x.reshape(1, NUM_PIXELS)
        exact = False
        bias64 = logits - maps.double().sum(dim=1)
    maps64 = maps.detach().double()
    return LogitBreakdown(
        weights=weights.detach().reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE).cpu().numpy().copy(),
        maps=maps.detach().float().reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE).cpu().numpy(),
        positive=maps64.clamp(min=0).sum(dim=1).cpu().numpy(),
        negative=maps64.clamp(max=0).sum(dim=1).cpu().numpy(),
        bias=bias64.cpu().numpy(),
        logits=logits.cpu().numpy(),
        exact=exact,
    )


# -- painting on a template -----------------------------------------------------------------
def brush_mask(points: Sequence[tuple[float, float]], radius: float, size: int = IMAGE_SIZE) -> np.ndarray:
    """How much a stroke touches each pixel: 1 on the stroke's line, falling smoothly to 0 at
    `radius` pixels away. Points are (x, y) in pixel units with pixel i's centre at i + 0.5.

    The maximum over the stroke, not a sum: going over the same spot twice in one stroke does not
    pile up, so a stroke means "this much here", whatever the mouse did."""
    if not points:
        return np.zeros((size, size), dtype=np.float32)
    radius = max(float(radius), 0.5)
    centres = np.arange(size, dtype=np.float64) + 0.5
    px, py = np.meshgrid(centres, centres)  # px: x (column), py: y (row)
    nearest = np.full((size, size), np.inf)
    path = [(float(x), float(y)) for x, y in points]
    segments = list(zip(path, path[1:], strict=False)) or [(path[0], path[0])]
    for (ax, ay), (bx, by) in segments:
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
        distance = np.hypot(px - (ax + t * dx), py - (ay + t * dy))
        np.minimum(nearest, distance, out=nearest)
    return np.clip(1.0 - (nearest / radius) ** 2, 0.0, 1.0).astype(np.float32)


def paint_template(
    model_name: str,
    state: Mapping[str, Tensor],
    class_index: int,
    mask: np.ndarray,
    amount: float,
) -> dict[str, Tensor]:
    """A copy of `state` where class `class_index`'s template has `amount × mask` added.

    Only that class's weights change (column j of softmax-scratch's W, row j of nn.Linear's);
    every other tensor is an unchanged copy, so the trained weights are never touched."""
    if not 0 <= class_index < NUM_CLASSES:
        raise ValueError(f"class index must be 0..{NUM_CLASSES - 1}, got {class_index}")
    mask_values = np.asarray(mask, dtype=np.float32)
    _check_shape(torch.from_numpy(mask_values), (IMAGE_SIZE, IMAGE_SIZE), "mask")
    linear_parameters(model_name, state)  # refuses non-linear models and wrong shapes
    edited = {name: tensor.detach().clone() for name, tensor in state.items()}
    weight_key = _LINEAR_KEYS[model_name][0]
    rows = edited[weight_key].t() if model_name == "softmax-scratch" else edited[weight_key]
    stroke = torch.from_numpy(mask_values.reshape(NUM_PIXELS)).to(rows.dtype) * float(amount)
    with torch.no_grad():
        rows[class_index] += stroke.to(rows.device)  # a view: writes into the copy's storage
    return edited


def _check_shape(tensor: Tensor, expected: tuple[int, ...], name: str) -> None:
    if tuple(tensor.shape) != expected:
        raise ValueError(f"{name} should have shape {expected}, got {tuple(tensor.shape)}")


def _device_of(model: nn.Module) -> torch.device:
    return next(iter(model.parameters()), torch.empty(0)).device
