"""The lesson's softmax regression written from scratch: explicit W and b, our own softmax,
cross-entropy and minibatch SGD, gradients zeroed by hand. No nn.Linear, torch.optim or
F.cross_entropy in here: the point is to show every step. Unlike the textbook version it is
numerically stable, so logits of ±1000 still give finite loss and gradients.

The Code tab shows these functions to the class: a docstring's first paragraph is for students,
what follows it and the `#` comments are notes for whoever changes the code (the tab leaves them
out, gui/code_view/sections.py)."""

from __future__ import annotations

import torch
from torch import Tensor, nn

from core.classes import IMAGE_SIZE, NUM_CLASSES

NUM_INPUTS = IMAGE_SIZE * IMAGE_SIZE


def softmax(logits: Tensor) -> Tensor:
    """ŷⱼ = exp(oⱼ) / Σ exp(oᵢ), row by row. Subtracting each row's max first leaves the result
    unchanged (it cancels in the ratio) but keeps exp() from overflowing: the textbook's exp(1000)
    is inf, and inf/inf is NaN."""
    shifted = logits - logits.max(dim=1, keepdim=True).values
    exp = shifted.exp()
    return exp / exp.sum(dim=1, keepdim=True)


def log_softmax(logits: Tensor) -> Tensor:
    """log ŷ computed as o − logsumexp(o), so a tiny probability never becomes log(0) = −inf."""
    row_max = logits.max(dim=1, keepdim=True).values
    log_partition = row_max + (logits - row_max).exp().sum(dim=1, keepdim=True).log()
    return logits - log_partition


def cross_entropy(logits: Tensor, labels: Tensor) -> Tensor:
    """Per-example loss l = −log ŷ_y: the negative log of the probability given to the true class.
    It takes the logits o rather than ŷ (unlike the textbook) so the log is taken stably."""
    return -log_softmax(logits).gather(1, labels.view(-1, 1)).squeeze(1)


def cross_entropy_grad(logits: Tensor, labels: Tensor) -> Tensor:
    """∂l/∂o = ŷ − onehot(y) for each example: the lesson's closing question, answered in one line.
    Used by the app to explain backprop, and by the tests to check autograd agrees."""
    onehot = torch.zeros_like(logits).scatter_(1, labels.view(-1, 1), 1.0)
    return softmax(logits) - onehot


class ScratchSoftmaxRegression(nn.Module):
    """net(X) = X·W + b with W 784×10 ~ N(0, 0.01) and b = 0, as in the lesson.

    It is an nn.Module only so checkpoints, .to(device) and state_dict work the same for every
    model; W and b are plain parameters used in a hand-written matrix product."""

    def __init__(self, generator: torch.Generator | None = None) -> None:
        super().__init__()
        # W is 784×10 as in the lesson, but laid out in memory as the transpose of a 10×784
        # block: MKL multiplies X·W about 2.5× faster with that layout, same numbers either way.
        weights = torch.randn(NUM_CLASSES, NUM_INPUTS, generator=generator) * 0.01
        self.W = nn.Parameter(weights.t())
        self.b = nn.Parameter(torch.zeros(NUM_CLASSES))

    def forward(self, images: Tensor) -> Tensor:
        """Logits o = X·W + b; softmax is applied by the loss and by the predictor, not here."""
        return images.reshape(-1, NUM_INPUTS) @ self.W + self.b


def sgd_step(params: list[Tensor], lr: float, batch_size: int) -> None:
    """The lesson's minibatch SGD: p ← p − lr·grad/batch, then zero the gradient by hand.
    The loss is summed over the batch (as in the lesson), hence the division by batch size."""
    with torch.no_grad():
        for param in params:
            if param.grad is None:
                continue
            param -= lr * param.grad / batch_size
            param.grad.zero_()


class ScratchUpdateStep:
    """One minibatch of the lesson's training loop: forward, summed loss, backward, SGD."""

    def __init__(self, model: ScratchSoftmaxRegression, lr: float) -> None:
        self.model = model
        self.lr = lr

    def __call__(self, images: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
        logits = self.model(images)
        loss_sum = cross_entropy(logits, labels).sum()
        loss_sum.backward()
        sgd_step([self.model.W, self.model.b], self.lr, labels.shape[0])
        return (loss_sum / labels.shape[0]).detach(), logits.detach()
