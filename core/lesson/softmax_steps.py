"""The lesson's softmax, one stage at a time, for one image: what the Softmax tab draws.

ŷ = softmax(o), l = −log ŷ_y and ∂l/∂o = ŷ − y are computed here as separate, inspectable steps
(instead of one fused, stable call) so a class can watch each of them, including the textbook's
naive exp overflowing to inf and the division turning inf/inf into NaN. Overflow is *reported*
(flags and non-finite values), never raised: it is the thing being taught.

The stages work in the dtype they are given. The models compute in float32, whose exp overflows
just above 88.7 (float64: 709.8), so the tab passes float32 logits and the overflow appears at
the same logit scale as it would in the lesson's torch code.

numpy only at import time (the GUI may import this before torch has loaded); the one function
that touches model weights imports torch when it is called.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.classes import IMAGE_SIZE, NUM_CLASSES

LINEAR_MODELS = ("softmax-scratch", "softmax")  # the models whose ΔW is ten 28×28 pictures
LN2 = math.log(2.0)


@dataclass(frozen=True)
class SoftmaxStages:
    """Every intermediate of ŷ = softmax(s·o / T) for one image, as the tab shows them."""

    logits: np.ndarray  # s·o: the model's logits times the teaching scale s
    inputs: np.ndarray  # z = s·o / T: what enters the softmax
    shift: float  # max z when subtracting the max, else 0
    exps: np.ndarray  # exp(z − shift): inf where the naive exp overflowed
    total: float  # Σ exps: inf once any term overflowed
    probs: np.ndarray  # exps / total: NaN where inf/inf happened
    stable_probs: np.ndarray  # softmax(z) computed safely: what the loss and entropy use
    overflow: bool  # some exp was inf (or the sum overflowed)
    invalid: bool  # some probability is NaN or inf (the division could not be done)
    entropy_bits: float  # H(ŷ) = −Σ ŷ log₂ ŷ of stable_probs

    @property
    def finite(self) -> bool:
        return not (self.overflow or self.invalid)


def scaled_logits(logits: np.ndarray, scale: float) -> np.ndarray:
    """s·o in the logits' own dtype (a float32 model gives float32, so float32 overflows)."""
    values = np.asarray(logits)
    dtype = values.dtype if np.issubdtype(values.dtype, np.floating) else np.float64
    return (values.astype(dtype) * dtype.type(scale)).astype(dtype)


def exp_stage(z: np.ndarray, subtract_max: bool) -> tuple[np.ndarray, float, bool]:
    """exp(z − max z) or the naive exp(z); returns (exps, shift, overflowed) without warnings."""
    shift = float(np.max(z)) if subtract_max else 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        exps = np.exp(z - z.dtype.type(shift))
    return exps, shift, bool(np.any(np.isinf(exps)))


def normalise(exps: np.ndarray) -> tuple[np.ndarray, float]:
    """exps / Σ exps exactly as the textbook writes it: inf/inf gives NaN, reported not raised."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        total = exps.sum(dtype=exps.dtype)
        probs = exps / total
    return probs, float(total)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log ŷ = z − logsumexp(z): finite for any finite z, however large."""
    # Shift first and never add the max back: at z ≈ 800 a float32 is only good to ~6e-5.
    shifted = z - np.max(z, axis=-1, keepdims=True)
    with np.errstate(under="ignore"):
        return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(z: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """softmax(z / T) along the last axis, the stable way (max subtracted)."""
    return np.exp(log_softmax(np.asarray(z) / np.asarray(z).dtype.type(temperature)))


def entropy_bits(z: np.ndarray) -> float | np.ndarray:
    """H(softmax(z)) = −Σ ŷ log₂ ŷ from logits, so a ŷ of exactly 0 contributes 0, not NaN.
    0 bits: certain (one-hot); log₂ 10 ≈ 3.32 bits: uniform over the ten classes."""
    log_p = log_softmax(z)
    # Never below 0: a one-hot ŷ sums to a rounding error like −1e-9, which would print as −0.00.
    h = np.maximum(-(np.exp(log_p) * log_p).sum(axis=-1) / LN2, 0.0)
    return float(h) if np.ndim(h) == 0 else h


def cross_entropy(z: np.ndarray, label: int) -> float:
    """l = −log ŷ_y, from logits (a ŷ_y that rounds to 0 still gives a finite, large loss).
    Never below 0: a ŷ_y that rounds to 1 must not show as a loss of −0.000."""
    return max(0.0, float(-log_softmax(np.asarray(z))[..., label]))


@dataclass(frozen=True)
class LossTerms:
    """l = −log ŷ_y written through log-softmax: l = log Σⱼ exp(zⱼ) − z_y.

    The form the tab shows: a ŷ_y too small to print (−log 0.0000) still has both terms, so the
    sentence explains the loss it states instead of taking the log of a zero on screen."""

    log_sum_exp: float  # log Σⱼ exp(zⱼ), finite for any finite z
    true_input: float  # z_y
    loss: float  # their difference, never below 0


def loss_terms(z: np.ndarray, label: int) -> LossTerms:
    values = np.asarray(z, dtype=np.float64).reshape(-1)
    top = float(np.max(values))
    with np.errstate(under="ignore"):
        log_sum_exp = top + float(np.log(np.exp(values - top).sum()))
    return LossTerms(log_sum_exp, float(values[label]), cross_entropy(values, label))


def one_hot(label: int, dtype: Any = np.float64) -> np.ndarray:
    y = np.zeros(NUM_CLASSES, dtype=dtype)
    y[label] = 1.0
    return y


def cross_entropy_grad(z: np.ndarray, label: int) -> np.ndarray:
    """∂l/∂z = ŷ − onehot(y): the true class's entry is negative, the rest positive, sum 0."""
    probs = softmax(np.asarray(z))
    return probs - one_hot(label, probs.dtype)


def softmax_stages(
    logits: np.ndarray, *, scale: float = 1.0, temperature: float = 1.0, subtract_max: bool = True
) -> SoftmaxStages:
    """All the stages of ŷ = softmax(s·o / T) for one image's ten logits."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    scaled = scaled_logits(np.asarray(logits).reshape(-1), scale)
    with np.errstate(over="ignore", invalid="ignore"):
        z = scaled / scaled.dtype.type(temperature)
    exps, shift, overflow = exp_stage(z, subtract_max)
    probs, total = normalise(exps)
    invalid = bool(np.any(~np.isfinite(probs)))
    overflow = overflow or math.isinf(total)
    # Where s·o/T itself overflowed the dtype, the safe path falls back to float64.
    if not np.all(np.isfinite(z)):
        safe_z = np.asarray(logits, dtype=np.float64).reshape(-1) * scale / temperature
    else:
        safe_z = z
    return SoftmaxStages(
        logits=scaled,
        inputs=z,
        shift=shift,
        exps=exps,
        total=total,
        probs=probs,
        stable_probs=softmax(safe_z),
        overflow=overflow,
        invalid=invalid,
        entropy_bits=float(entropy_bits(safe_z)),
    )


def loss_and_gradient(stages: SoftmaxStages, label: int) -> tuple[float, np.ndarray]:
    """l = −log ŷ_y and ŷ − y for the ŷ the stages show.

    While the shown path is finite they come from the stable formulas (a ŷ_y that rounds to 0
    still has a finite loss). Once the naive softmax broke, they are taken from its NaN-filled ŷ,
    as the textbook's code would: a NaN loss is what would reach training, so that is shown."""
    if stages.finite:
        return cross_entropy(stages.inputs, label), cross_entropy_grad(stages.inputs, label)
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = float(-np.log(stages.probs[label]))
    return loss, stages.probs - one_hot(label, stages.probs.dtype)


@dataclass(frozen=True)
class SgdWhatIf:
    """One SGD step on one image, taken on a copy of the weights."""

    delta_maps: np.ndarray | None  # float32 [10, 28, 28]: ΔW for class j as a picture (linear models)
    delta_bias: np.ndarray | None  # float32 [10]: Δb = −lr (ŷ − y) (linear models)
    new_state: dict[str, Any]  # a fresh state dict (torch tensors) with the step applied
    gradient: np.ndarray  # ŷ − y before the step
    probs_before: np.ndarray
    probs_after: np.ndarray
    loss_before: float
    loss_after: float


def _linear_keys(model_name: str, state: Mapping[str, Any]) -> tuple[str, str, bool]:
    """(weight key, bias key, stored as [784, 10]?) for the two linear models."""
    if model_name == "softmax-scratch":
        return "W", "b", True
    if model_name == "softmax":
        for key, tensor in state.items():
            if key.endswith("weight") and tuple(tensor.shape) == (NUM_CLASSES, IMAGE_SIZE * IMAGE_SIZE):
                return key, key[: -len("weight")] + "bias", False
    raise ValueError(f"ΔW pictures exist only for the linear models {LINEAR_MODELS}, not {model_name!r}")


def sgd_step_on_image(
    model_name: str, state: Mapping[str, Any], pixels: np.ndarray, label: int, lr: float
) -> SgdWhatIf:
    """p ← p − lr·∂l/∂p for l = −log ŷ_y of this one image, on a copy of `state`.

    For o = Wx + b the gradient is an outer product: ∂l/∂W = (ŷ − y) xᵀ, ∂l/∂b = ŷ − y. So the
    change to class j's template is −lr (ŷⱼ − yⱼ) x: the image itself, added to the true class
    and subtracted from the others in proportion to how much probability they took. Equals one
    step of torch.optim.SGD (or the lesson's scratch SGD) on a batch of this one image."""
    import torch  # only here: the rest of this module must import before torch has loaded

    weight_key, bias_key, transposed = _linear_keys(model_name, state)
    weight = state[weight_key].detach().to("cpu", torch.float32)
    bias = state[bias_key].detach().to("cpu", torch.float32)
    w_rows = weight.t() if transposed else weight  # [10, 784] either way
    x = torch.as_tensor(np.asarray(pixels, dtype=np.uint8)).reshape(-1).to(torch.float32) / 255.0
    y = one_hot(label, np.float32)

    logits = (w_rows @ x + bias).numpy()
    gradient = softmax(logits) - y
    g = torch.from_numpy(gradient.astype(np.float32))
    delta_rows = -lr * torch.outer(g, x)  # [10, 784]
    delta_bias = -lr * g
    new_rows = w_rows + delta_rows
    new_bias = bias + delta_bias

    new_state = {key: tensor.detach().clone() for key, tensor in state.items()}
    new_weight = new_rows.t() if transposed else new_rows
    # Keep the original memory layout (core.lesson.scratch stores W as a transposed [10, 784] block).
    new_state[weight_key] = torch.empty_strided(weight.shape, state[weight_key].stride()).copy_(new_weight)
    new_state[bias_key] = new_bias.clone()
    logits_after = (new_rows @ x + new_bias).numpy()
    return SgdWhatIf(
        delta_maps=delta_rows.numpy().reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE).copy(),
        delta_bias=delta_bias.numpy().copy(),
        new_state=new_state,
        gradient=gradient,
        probs_before=softmax(logits),
        probs_after=softmax(logits_after),
        loss_before=cross_entropy(logits, label),
        loss_after=cross_entropy(logits_after, label),
    )


def sgd_step_with_autograd(model: Any, pixels: np.ndarray, label: int, lr: float) -> SgdWhatIf:
    """The same "what if" for any model (the MLP and the CNN too): torch's autograd carries
    ŷ − y back through every layer, and torch.optim.SGD takes the step on a deep copy.
    No ΔW pictures: only a linear model's weight change is a picture of the image."""
    import copy

    import torch
    import torch.nn.functional as F  # noqa: N812 (torch's own spelling)

    from core.data import to_model_input

    clone = copy.deepcopy(model)  # the model that answers in the app is never touched
    clone.eval()
    parameters = list(clone.parameters())
    for parameter in parameters:
        parameter.requires_grad_(True)
    x = to_model_input(np.asarray(pixels, dtype=np.uint8)).to(parameters[0].device)
    target = torch.tensor([label], device=x.device)
    optimizer = torch.optim.SGD(parameters, lr=lr)
    with torch.enable_grad():
        logits = clone(x)
        loss = F.cross_entropy(logits, target)
        optimizer.zero_grad()
        loss.backward()
    optimizer.step()
    with torch.no_grad():
        logits_after = clone(x)
    before = logits.detach().double().cpu().numpy()[0]
    after = logits_after.double().cpu().numpy()[0]
    return SgdWhatIf(
        delta_maps=None,
        delta_bias=None,
        new_state={key: value.detach().clone() for key, value in clone.state_dict().items()},
        gradient=softmax(before) - one_hot(label),
        probs_before=softmax(before),
        probs_after=softmax(after),
        loss_before=cross_entropy(before, label),
        loss_after=cross_entropy(after, label),
    )


@dataclass(frozen=True)
class InformationBits:
    """The loss read as information, in bits, for one image (the lesson's "cross-entropy revisited").

    surprisal: −log₂ ŷ_y, how surprised the model is by the true class;
    entropy: H(ŷ), how unsure the model is, whatever the truth;
    label_entropy: H(y), 0 for a one-hot y (a sure label carries no uncertainty of its own);
    cross_entropy: H(y, ŷ) = −Σ y log₂ ŷ, the loss in bits (l in nats = H(y, ŷ)·ln 2);
    kl: KL(y‖ŷ) = H(y, ŷ) − H(y), the extra bits paid for coding y with ŷ's code."""

    surprisal: float
    entropy: float
    label_entropy: float
    cross_entropy: float
    kl: float


def information_bits(z: np.ndarray, label: int, target: np.ndarray | None = None) -> InformationBits:
    """The four quantities of InformationBits from logits z, all through log-softmax so no term is
    ever −log 0: a ŷ_y of 1e-300 still costs a finite, large number of bits.

    `target` is y as a distribution (one-hot of `label` when None; a smoothed label is allowed),
    so the relation KL = H(y, ŷ) − H(y) can be seen where H(y) is not 0 too."""
    log_p = log_softmax(np.asarray(z, dtype=np.float64).reshape(-1))
    y = one_hot(label) if target is None else np.asarray(target, dtype=np.float64).reshape(-1)
    present = y > 0  # 0·log 0 = 0: a class the target rules out adds nothing
    with np.errstate(under="ignore"):
        entropy = -(np.exp(log_p) * log_p).sum()
    label_entropy = -(y[present] * np.log(y[present])).sum()
    cross_entropy_nats = -(y[present] * log_p[present]).sum()
    kl = (y[present] * (np.log(y[present]) - log_p[present])).sum()
    return InformationBits(
        surprisal=max(0.0, float(-log_p[label]) / LN2),
        # Never below 0: a one-hot ŷ sums to a rounding error like −1e-9 (it would print −0.00).
        entropy=max(0.0, float(entropy) / LN2),
        label_entropy=max(0.0, float(label_entropy) / LN2),
        cross_entropy=max(0.0, float(cross_entropy_nats) / LN2),
        kl=max(0.0, float(kl) / LN2),
    )


def information_for_stages(stages: SoftmaxStages, label: int) -> InformationBits:
    """The information for the ŷ the stages show, like loss_and_gradient: from the stable formulas
    while the shown path is finite, NaN once the naive softmax broke (the loss line then shows the
    broken loss too, so the two never disagree)."""
    if stages.finite:
        return information_bits(stages.inputs, label)
    with np.errstate(divide="ignore", invalid="ignore"):
        surprisal = float(-np.log2(stages.probs[label]))
    return InformationBits(surprisal, math.nan, 0.0, surprisal, surprisal)
