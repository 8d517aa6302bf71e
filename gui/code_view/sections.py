"""Which functions the Code tab shows, and which of their lines each stage of a minibatch runs.

The tab reads every function's text from the live object with inspect.getsource, so what the class
reads is the code the trainer calls (tests/gui/test_code_view.py traces a real run to check it).
Lines are found by a piece of their text: if the code changes so that a piece is no longer found,
the test fails instead of the tab highlighting the wrong line.

What students read is the lesson, not the developers' notes nor the app's plumbing:

- `#` comments are left out, and of a docstring only its first paragraph (the code's own files keep
  both, for whoever changes them);
- a branch on the run's recipe is read with the lesson's settings (`Section.settings`): the branch
  the lesson takes is shown in place of the `if`, the other goes, and so does what follows a
  `return` that now always runs (so `_optimizer` reads `return torch.optim.SGD(model.parameters(),
  lr=lr)`, which is what a lesson run calls);
- statements the lesson's settings never run go (`beyond_lesson`: the concise step's lr schedule);
- statements that run but are the app's, not the lesson's (pacing the class, reporting progress,
  watching for divergence: `bookkeeping`) are replaced by a `...` line, so the loop reads as the
  chapter's loop and nothing is left out without a mark.
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
from core.config import TrainConfig
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
    # Pieces of statements that run but are the app's: each statement holding one becomes "...".
    bookkeeping: tuple[str, ...] = field(default=())
    # Names the code's branches read, with the lesson's values: {"recipe": the lesson's TrainConfig}.
    settings: dict[str, Any] = field(default_factory=dict)

    def source(self) -> str:
        """The code as the file has it."""
        return inspect.getsource(self.code)

    def shown(self) -> str:
        """The code as the Code tab shows it: see the module's docstring."""
        return lesson_text(self.source(), self.beyond_lesson, self.bookkeeping, self.settings)

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


def _innermost(tree: ast.Module, number: int) -> ast.stmt | ast.excepthandler:
    """The innermost statement (or `except` clause) that line `number` (1-based) belongs to."""
    holding = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt | ast.excepthandler)
        and node.lineno <= number <= (node.end_lineno or node.lineno)
    ]
    return max(holding, key=lambda node: node.lineno)  # the latest to begin is the innermost


def _lines_of(node: ast.AST) -> range:
    return range(node.lineno, (node.end_lineno or node.lineno) + 1)


def _statements_holding(tree: ast.Module, lines: list[str], pieces: tuple[str, ...]) -> list[ast.AST]:
    """The innermost statements holding one of `pieces` on one of their lines, outermost first."""
    found: dict[int, ast.AST] = {}
    for number, line in enumerate(lines, start=1):
        if any(piece in line for piece in pieces):
            node = _innermost(tree, number)
            found[id(node)] = node
    return sorted(found.values(), key=lambda node: node.lineno)


def _decided(test: ast.expr, settings: dict[str, Any]) -> bool | None:
    """The value of an `if`'s test under `settings` when it reads only them, else None."""
    names = {node.id for node in ast.walk(test) if isinstance(node, ast.Name)}
    if not names or not names <= settings.keys():
        return None
    return bool(eval(compile(ast.Expression(test), "<lesson>", "eval"), {"__builtins__": {}}, dict(settings)))


def _read_with_settings(tree: ast.Module, settings: dict[str, Any]) -> tuple[set[int], dict[int, int]]:
    """(lines left out, {line: columns to dedent}) for reading the code with `settings`: each `if`
    they decide keeps only the branch taken, and a block's statements after one that now always
    returns go."""
    left_out: set[int] = set()
    dedent: dict[int, int] = {}
    for block in (getattr(node, part, None) for node in ast.walk(tree) for part in ("body", "orelse")):
        if not isinstance(block, list):
            continue
        for position, node in enumerate(block):
            if not isinstance(node, ast.If) or (taken := _decided(node.test, settings)) is None:
                continue
            kept = node.body if taken else node.orelse
            if kept and isinstance(kept[0], ast.If) and kept[0].col_offset == node.col_offset:
                continue  # an elif: left as it is
            shown = {line for statement in kept for line in _lines_of(statement)}
            left_out.update(line for line in _lines_of(node) if line not in shown)
            for line in shown:
                dedent[line] = dedent.get(line, 0) + kept[0].col_offset - node.col_offset
            if kept and isinstance(kept[-1], ast.Return | ast.Raise):
                for later in block[position + 1 :]:
                    left_out.update(_lines_of(later))
    return left_out, dedent


def lesson_text(
    source: str,
    beyond_lesson: tuple[str, ...] = (),
    bookkeeping: tuple[str, ...] = (),
    settings: dict[str, Any] | None = None,
) -> str:
    """`source` as the lesson reads it: see the module's docstring."""
    lines = source.splitlines()
    tree = ast.parse(textwrap.dedent(source))
    comments: dict[int, int] = {}  # line (1-based) -> column where its comment starts
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.start[1]
    docstrings = _docstring_notes(tree)
    left_out, dedent = _read_with_settings(tree, settings or {})
    for statement in _statements_holding(tree, lines, beyond_lesson):
        left_out.update(_lines_of(statement))
    elided: dict[int, int] = {}  # first line of a bookkeeping statement -> its last line
    for statement in _statements_holding(tree, lines, bookkeeping):
        if not any(first <= statement.lineno <= last for first, last in elided.items()):
            elided[statement.lineno] = statement.end_lineno or statement.lineno
    shown: list[str] = []
    number = 1
    while number <= len(lines):
        line = lines[number - 1]
        indent = line[: len(line) - len(line.lstrip())]
        if number in docstrings:
            last, first_paragraph = docstrings[number]
            shown.append(f'{indent}"""{first_paragraph}"""')
            number = last + 1
            continue
        if number in left_out:
            number += 1
            continue
        if number in elided:
            mark = indent[dedent.get(number, 0) :] + "..."
            if not shown or shown[-1] != mark:  # statements in a row: one mark
                shown.append(mark)
            number = elided[number] + 1
            continue
        if number in comments:
            line = line[: comments[number]].rstrip()
            if not line:  # a comment on a line of its own: the whole line goes
                number += 1
                continue
        shown.append(line[dedent.get(number, 0) :])
        number += 1
    return "\n".join(shown) + "\n"


LESSON_RECIPE = {"recipe": TrainConfig(model="softmax")}  # the concise run of the lesson: plain SGD
# What the training loop does for the app rather than for the lesson: the class pace and the
# Step buttons, progress reports, the divergence watch and its good-weights snapshots.
LOOP_BOOKKEEPING = (
    "pacer",
    "recorder",
    "control.",
    "paused +=",
    "divergence",
    "start_weights",
    "good_weights",
    "good_when",
    "since_snapshot",
    "history",
    "samples_seen",
    "last_read",
    "now = time",
    "deferred",
    "seen_at_read",
    "rate =",
    "yield BatchEvent(",
    "DeviceSteps",
    "_note_graph",
    "except EvaluationStopped",
    "collapse",
    "published = batch",
    "if paced",
    "GOOD_LOSS",
)

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
        "loop",
        trainer.Trainer._run,
        lambda: QCoreApplication.translate("CodeView", "the training loop"),
        bookkeeping=LOOP_BOOKKEEPING,
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
        settings=LESSON_RECIPE,
    ),
    Section(
        "optimizer",
        models._optimizer,
        lambda: QCoreApplication.translate("CodeView", "torch.optim.SGD"),
        settings=LESSON_RECIPE,  # other recipes' optimizers go
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
