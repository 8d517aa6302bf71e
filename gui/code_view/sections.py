"""Which functions the Code tab shows, and which of their lines each stage of a minibatch runs.

The tab reads every function's text from the live object with inspect.getsource, so what the class
reads is the code the trainer calls (tests/gui/test_code_view.py traces a real run to check it).
Lines are found by a piece of their text: if the code changes so that a piece is no longer found,
the test fails instead of the tab highlighting the wrong line.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from core import models, train_step, trainer
from core.lesson import scratch

# The stages of one minibatch in the order the step runs them (core.train_events.MinibatchShown).
STAGES = ("X", "O", "y_hat", "loss", "grad_W", "grad_b")
STAGE_SYMBOLS = {"X": "X", "O": "O", "y_hat": "ŷ", "loss": "ℓ", "grad_W": "W.grad", "grad_b": "b.grad"}


@dataclass(frozen=True)
class Section:
    key: str
    code: Any  # a function or class: its text comes from inspect.getsource
    title: Callable[[], str]  # translated on each call

    def source(self) -> str:
        return inspect.getsource(self.code)

    def where(self) -> tuple[str, int]:
        """(file relative to the project, first line) of the code."""
        lines, first = inspect.getsourcelines(self.code)
        path = Path(inspect.getsourcefile(self.code) or "")
        root = Path(models.__file__).resolve().parent.parent
        try:
            return path.resolve().relative_to(root).as_posix(), first
        except ValueError:
            return path.name, first


# What softmax-scratch runs, in the lesson's order: the net, softmax, the loss, SGD, then the loop.
SCRATCH = (
    Section(
        "net",
        scratch.ScratchSoftmaxRegression,
        lambda: QCoreApplication.translate("CodeView", "the net o = XW + b"),
    ),
    Section("softmax", scratch.softmax, lambda: QCoreApplication.translate("CodeView", "softmax")),
    Section(
        "log_softmax", scratch.log_softmax, lambda: QCoreApplication.translate("CodeView", "log ŷ, stably")
    ),
    Section(
        "cross_entropy",
        scratch.cross_entropy,
        lambda: QCoreApplication.translate("CodeView", "cross-entropy"),
    ),
    Section("sgd", scratch.sgd_step, lambda: QCoreApplication.translate("CodeView", "minibatch SGD")),
    Section(
        "step", scratch.ScratchUpdateStep, lambda: QCoreApplication.translate("CodeView", "one minibatch")
    ),
    Section(
        "minibatch",
        train_step.EagerSteps.step,
        lambda: QCoreApplication.translate("CodeView", "minibatch, accuracy"),
    ),
    Section(
        "evaluate", trainer.Trainer.evaluate, lambda: QCoreApplication.translate("CodeView", "test accuracy")
    ),
    Section(
        "loop", trainer.Trainer._run, lambda: QCoreApplication.translate("CodeView", "the training loop")
    ),
)
# What the concise softmax model runs instead of the hand-written parts (the loop is the same).
CONCISE = (
    Section(
        "linear",
        models._softmax_regression,
        lambda: QCoreApplication.translate("CodeView", "nn.Linear net"),
    ),
    Section(
        "init", models._init_like_lesson, lambda: QCoreApplication.translate("CodeView", "initial weights")
    ),
    Section(
        "torch_step",
        models.TorchUpdateStep,
        lambda: QCoreApplication.translate("CodeView", "loss, optimizer"),
    ),
    Section(
        "optimizer", models._optimizer, lambda: QCoreApplication.translate("CodeView", "torch.optim.SGD")
    ),
)

# For each stage, (section key, a piece of the line) in each column: the lines that compute it.
SCRATCH_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    "X": (("minibatch", "images = self._augment("),),
    "O": (("step", "logits = self.model(images)"), ("net", "@ self.W + self.b")),
    "y_hat": (("softmax", "return exp / exp.sum("), ("log_softmax", "return logits - log_partition")),
    "loss": (("step", "loss_sum = cross_entropy("), ("cross_entropy", "return -log_softmax(logits)")),
    "grad_W": (("step", "loss_sum.backward()"), ("sgd", "param -= lr * param.grad")),
    "grad_b": (("step", "loss_sum.backward()"), ("sgd", "param -= lr * param.grad")),
}
CONCISE_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    "X": (("torch_step", "def __call__(self, images"),),
    "O": (("torch_step", "logits = self.model(images)"), ("linear", "nn.Linear(NUM_INPUTS, NUM_CLASSES)")),
    "y_hat": (("torch_step", "loss = self.loss_fn(logits, labels)"),),
    "loss": (("torch_step", "loss = self.loss_fn(logits, labels)"), ("torch_step", "nn.CrossEntropyLoss(")),
    "grad_W": (("torch_step", "loss.backward()"), ("torch_step", "self.optimizer.step()")),
    "grad_b": (("torch_step", "loss.backward()"), ("torch_step", "self.optimizer.step()")),
}


def stage_title(stage: str) -> str:
    titles = {
        "X": QCoreApplication.translate("CodeView", "the minibatch's images"),
        "O": QCoreApplication.translate("CodeView", "the logits"),
        "y_hat": QCoreApplication.translate("CodeView", "the probabilities"),
        "loss": QCoreApplication.translate("CodeView", "the loss"),
        "grad_W": QCoreApplication.translate("CodeView", "the gradient of W"),
        "grad_b": QCoreApplication.translate("CodeView", "the gradient of b"),
    }
    return titles.get(stage, stage)
