"""Which functions the Code tab shows, and which of their lines each stage of a minibatch runs.

The tab reads every function's text from the live object with inspect.getsource, so what the class
reads is the code the trainer calls (tests/gui/test_code_view.py traces a real run to check it).
Lines are found by a piece of their text: if the code changes so that a piece is no longer found,
the test fails instead of the tab highlighting the wrong line.

What students read is the lesson, not the developers' notes: `#` comments are left out, and of a
docstring only its first paragraph (the code's own files keep both, for whoever changes them). A
section may also leave out statements the lesson's settings never run (`beyond_lesson`: the
concise step's lr schedule, the optimizers of other recipes).
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import textwrap
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, field
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
    # Pieces of statements the lesson never runs: each statement holding one is left out, whole.
    beyond_lesson: tuple[str, ...] = field(default=())

    def source(self) -> str:
        """The code as the file has it."""
        return inspect.getsource(self.code)

    def shown(self) -> str:
        """The code as the Code tab shows it: see the module's docstring."""
        return lesson_text(self.source(), self.beyond_lesson)

    def where(self) -> tuple[str, int]:
        """(file relative to the project, first line) of the code."""
        lines, first = inspect.getsourcelines(self.code)
        path = Path(inspect.getsourcefile(self.code) or "")
        root = Path(models.__file__).resolve().parent.parent
        try:
            return path.resolve().relative_to(root).as_posix(), first
        except ValueError:
            return path.name, first


def _docstring_notes(tree: ast.Module) -> dict[int, tuple[int, str]]:
    """{first line: (last line, the text to show instead)} of every multi-paragraph docstring (1-based):
    its first paragraph, closed where it ends."""
    notes = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not (node.body and isinstance(node.body[0], ast.Expr)):
            continue
        value = node.body[0].value
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            continue
        first, last = node.body[0].lineno, node.body[0].end_lineno or node.body[0].lineno
        paragraphs = re.split(r"\n[ \t]*\n", value.value)
        if len(paragraphs) > 1:
            notes[first] = (last, paragraphs[0].strip())
    return notes


def _beyond_lesson_lines(tree: ast.Module, lines: list[str], pieces: tuple[str, ...]) -> set[int]:
    """The lines (1-based) of every innermost statement that holds one of `pieces` on one of its lines."""
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
    left_out: set[int] = set()
    for number, line in enumerate(lines, start=1):
        if not any(piece in line for piece in pieces):
            continue
        holding = [s for s in statements if s.lineno <= number <= (s.end_lineno or s.lineno)]
        innermost = max(holding, key=lambda s: s.lineno)  # the latest to begin is the innermost
        left_out.update(range(innermost.lineno, (innermost.end_lineno or innermost.lineno) + 1))
    return left_out


def lesson_text(source: str, beyond_lesson: tuple[str, ...] = ()) -> str:
    """`source` without `#` comments, with each docstring cut to its first paragraph, and without
    the statements holding a piece of `beyond_lesson`."""
    lines = source.splitlines()
    tree = ast.parse(textwrap.dedent(source))
    comments: dict[int, int] = {}  # line (1-based) -> column where its comment starts
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.start[1]
    docstrings = _docstring_notes(tree)
    left_out = _beyond_lesson_lines(tree, lines, beyond_lesson) if beyond_lesson else set()
    shown: list[str] = []
    number = 1
    while number <= len(lines):
        line = lines[number - 1]
        if number in docstrings:
            last, first_paragraph = docstrings[number]
            indent = line[: len(line) - len(line.lstrip())]
            shown.append(f'{indent}"""{first_paragraph}"""')
            number = last + 1
            continue
        if number in left_out:
            number += 1
            continue
        if number in comments:
            line = line[: comments[number]].rstrip()
            if not line:  # a comment on a line of its own: the whole line goes
                number += 1
                continue
        shown.append(line)
        number += 1
    return "\n".join(shown) + "\n"


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
        beyond_lesson=("scheduler", "_steps_left"),  # the lesson's lr stays constant
    ),
    Section(
        "optimizer",
        models._optimizer,
        lambda: QCoreApplication.translate("CodeView", "torch.optim.SGD"),
        beyond_lesson=('"adamw"', "momentum=recipe.momentum"),  # other recipes' optimizers
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
