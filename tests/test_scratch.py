"""The from-scratch softmax regression, checked against torch as the oracle (micrograd-style)."""

import torch
import torch.nn.functional as F
from torch.testing import assert_close

from core.lesson import scratch


def _logits_and_labels(scale: float = 3.0, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    logits = torch.randn(32, 10, generator=generator, dtype=torch.float64) * scale
    labels = torch.randint(0, 10, (32,), generator=generator)
    return logits, labels


def test_softmax_rows_are_distributions_matching_torch():
    logits, _ = _logits_and_labels()
    probs = scratch.softmax(logits)
    assert_close(probs, torch.softmax(logits, dim=1))
    assert_close(probs.sum(dim=1), torch.ones(32, dtype=torch.float64))
    assert (probs > 0).all()


def test_cross_entropy_and_its_gradient_match_torch():
    logits, labels = _logits_and_labels()
    ours = logits.clone().requires_grad_()
    theirs = logits.clone().requires_grad_()
    scratch.cross_entropy(ours, labels).mean().backward()
    F.cross_entropy(theirs, labels).backward()
    assert_close(scratch.cross_entropy(logits, labels), F.cross_entropy(logits, labels, reduction="none"))
    assert_close(ours.grad, theirs.grad)


def test_closed_form_gradient_is_softmax_minus_onehot():
    logits, labels = _logits_and_labels()
    tracked = logits.clone().requires_grad_()
    scratch.cross_entropy(tracked, labels).sum().backward()
    assert_close(scratch.cross_entropy_grad(logits, labels), tracked.grad)


def test_huge_logits_stay_finite_unlike_the_textbook():
    logits = torch.tensor([[1000.0, -1000.0, 0.0] + [0.0] * 7, [-1000.0] * 9 + [1000.0]], requires_grad=True)
    labels = torch.tensor([1, 0])
    textbook = logits.detach().exp() / logits.detach().exp().sum(dim=1, keepdim=True)
    assert torch.isnan(textbook).any()  # what the lesson's version does with these logits
    loss = scratch.cross_entropy(logits, labels)
    loss.sum().backward()
    assert torch.isfinite(loss).all() and torch.isfinite(logits.grad).all()
    assert_close(loss, F.cross_entropy(logits.detach(), labels, reduction="none"))
    assert torch.isfinite(scratch.softmax(logits.detach())).all()


def test_model_init_and_parameters_follow_the_lesson():
    model = scratch.ScratchSoftmaxRegression(torch.Generator().manual_seed(0))
    assert model.W.shape == (784, 10) and model.b.shape == (10,)
    assert torch.count_nonzero(model.b) == 0
    assert 0.008 < model.W.std().item() < 0.012
    assert not any(isinstance(m, torch.nn.Linear) for m in model.modules())


def test_sgd_step_updates_by_lr_times_mean_gradient_and_zeroes_it():
    model = scratch.ScratchSoftmaxRegression(torch.Generator().manual_seed(0))
    images = torch.rand(8, 1, 28, 28)
    labels = torch.arange(8)
    before = model.W.detach().clone()
    reference = model.W.detach().clone().requires_grad_()
    F.cross_entropy(images.reshape(8, -1) @ reference + model.b.detach(), labels).backward()
    loss, logits = scratch.ScratchUpdateStep(model, lr=0.5)(images, labels)
    assert logits.shape == (8, 10) and loss.ndim == 0
    assert_close(model.W.detach(), before - 0.5 * reference.grad)
    assert torch.count_nonzero(model.W.grad) == 0 and torch.count_nonzero(model.b.grad) == 0
