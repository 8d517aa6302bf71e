"""What a class sees of one minibatch at class pace: its images, labels and loss, and the shapes and a
few values of each stage of the lesson's code (X, O, ŷ, the loss, the gradients of W and b).

`MinibatchRecorder` wraps a model's update step. Switched off it only passes the call on; switched
on for one step it keeps the step's own tensors and catches the gradients with tensor hooks on
their way into .grad (the lesson's SGD zeroes .grad right after using it). Nothing it does feeds
back into training: the hooks return None (the gradient is left as it is), and ŷ and the
per-example loss are computed afresh from the logits the step returned, so the numbers of a run
are the same with it as without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor, nn

from core.classes import IMAGE_SIZE
from core.lesson.scratch import cross_entropy, softmax
from core.train_events import MinibatchShown

SAMPLE_SIZE = 4  # values shown per stage: enough to see them change, few enough to read aloud
# X is sampled in the middle of the first image: its corners are background (all zeros).
CENTRE_PIXEL = (IMAGE_SIZE // 2) * IMAGE_SIZE + IMAGE_SIZE // 2 - SAMPLE_SIZE // 2
LINEAR_MODELS = ("softmax-scratch", "softmax")

UpdateStep = Callable[[Tensor, Tensor], tuple[Tensor, Tensor]]


def _stage(tensor: Tensor, row: int, start: int, name: str) -> dict[str, Any]:
    """A stage's shape and SAMPLE_SIZE values from `start` on (in row `row` of a matrix)."""
    stop = start + SAMPLE_SIZE
    if tensor.dim() == 2:
        values, where = tensor[row, start:stop], f"{name}[{row}, {start}:{stop}]"
    else:
        values, where = tensor.reshape(-1)[start:stop], f"{name}[{start}:{stop}]"
    return {"shape": tuple(tensor.shape), "sample": [float(v) for v in values.tolist()], "where": where}


def _linear_parameters(model: nn.Module) -> tuple[Tensor, Tensor, bool] | None:
    """(W, b, stored transposed) of a one-layer softmax model; None for the deeper ones."""
    if hasattr(model, "W") and hasattr(model, "b"):
        return model.W, model.b, False
    linears = [module for module in model.modules() if isinstance(module, nn.Linear)]
    if len(linears) == 1:
        return linears[0].weight, linears[0].bias, True  # nn.Linear keeps W as outputs × inputs
    return None


class MinibatchRecorder:
    """Wraps `update_step`; `recording = True` keeps the next steps' tensors for `shown()`."""

    def __init__(self, update_step: UpdateStep, model: nn.Module, model_name: str) -> None:
        self._update = update_step
        self._linear = _linear_parameters(model) if model_name in LINEAR_MODELS else None
        self.recording = False
        self._last: tuple[Tensor, Tensor, Tensor, Tensor] | None = None
        self._grads: dict[str, Tensor] = {}

    def __call__(self, images: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
        if not self.recording:
            self._last = None
            return self._update(images, labels)
        self._grads = {}
        handles = []
        if self._linear is not None:
            weight, bias, _ = self._linear
            handles = [weight.register_hook(self._catch("W")), bias.register_hook(self._catch("b"))]
        try:
            loss, logits = self._update(images, labels)
        finally:
            for handle in handles:
                handle.remove()
        self._last = (images, labels, loss, logits)
        return loss, logits

    def _catch(self, name: str) -> Callable[[Tensor], None]:
        def keep(grad: Tensor) -> None:
            self._grads[name] = grad.detach().clone()  # .grad itself is zeroed after the update

        return keep

    def shown(self, epoch: int, batch: int, batches: int, stepped: bool) -> MinibatchShown | None:
        """The recorded step as an event (CPU numpy copies), or None if the last step wasn't recorded."""
        if self._last is None:
            return None
        images, labels, loss, logits = self._last
        self._last = None
        with torch.no_grad():
            count = labels.shape[0]
            pixels = images.detach().reshape(count, IMAGE_SIZE, IMAGE_SIZE) * 255
            pixels.round_().clamp_(0, 255)  # in place: one copy of the batch, not three
            # The lesson's X is the batch flattened to B × 784; a conv model takes images whole,
            # and its first image's middle pixels are sampled from the flat view all the same.
            flat_x = images.detach().reshape(count, -1)
            stages = {
                "X": _stage(flat_x, 0, CENTRE_PIXEL, "X"),
                "O": _stage(logits, 0, 0, "O"),
                "y_hat": _stage(softmax(logits), 0, 0, "y_hat"),
                "loss": _stage(cross_entropy(logits, labels), 0, 0, "l"),
            }
            if self._linear is None:
                stages["X"]["shape"] = tuple(images.shape)  # what the deeper model takes in
            if self._linear is not None and set(self._grads) == {"W", "b"}:
                grad_w = self._grads["W"].t() if self._linear[2] else self._grads["W"]
                stages["grad_W"] = _stage(grad_w, CENTRE_PIXEL, 0, "grad_W")
                stages["grad_b"] = _stage(self._grads["b"], 0, 0, "grad_b")
            return MinibatchShown(
                epoch=epoch,
                batch=batch,
                batches=batches,
                images=pixels.to(torch.uint8).cpu().numpy(),
                labels=labels.detach().cpu().numpy().astype("int64"),
                loss=float(loss),
                stage_values=stages,
                stepped=stepped,
            )
