"""The Code tab shows the code that runs: each function's text is inspect.getsource of the object the
trainer calls (a traced run checks that it calls them), the lines each stage marks exist, and a
MinibatchShown moves the marks and fills the numbers."""

from __future__ import annotations

import inspect
import io
import sys
import tokenize

import numpy as np
import pytest

from core.config import TrainConfig
from core.train_events import MinibatchShown, Pacer, TrainControl
from core.trainer import Trainer
from gui.code_view import sections
from gui.code_view.panel import CodePanel
from gui.session import Session


class InstantPacer(Pacer):
    """Class pace (so every minibatch's stages are recorded) without the waiting."""

    def __init__(self) -> None:
        super().__init__(seconds=30.0)

    def wait(self, control: TrainControl) -> float:
        return 0.0


@pytest.fixture
def panel(qtbot):
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    view = CodePanel(session, stage_ms=0)  # the walk moves only when a test says so
    qtbot.addWidget(view)
    yield view
    view.shutdown()


def _event(**stage_values) -> MinibatchShown:
    return MinibatchShown(
        epoch=2,
        batch=17,
        batches=235,
        images=np.zeros((4, 28, 28), np.uint8),
        labels=np.arange(4, dtype=np.int64),
        loss=0.53125,
        stage_values=stage_values,
    )


def _codes(code) -> set:
    """The code objects of a function, or of every function a class defines."""
    if inspect.isclass(code):
        return {member.__code__ for member in vars(code).values() if inspect.isfunction(member)}
    return {code.__code__}


def _called_codes(model: str, dataset) -> set:
    """Every Python code object a short real run of `model` at class pace calls, traced."""
    called = set()

    def record(frame, event, _arg):
        if event == "call":
            called.add(frame.f_code)

    config = TrainConfig(model=model, epochs=1, lr=0.1, batch_size=100, device="cpu", seed=0)
    sys.setprofile(record)
    try:
        events = list(Trainer(config, dataset, pacer=InstantPacer()).run())  # building the model too
    finally:
        sys.setprofile(None)
    assert events[-1].reason == "finished"
    return called


def _in_order(shown: str, source: str) -> list[str]:
    """The shown lines that are not, in order, lines of `source` (indentation aside): a "..." stands
    for what was left out, and a docstring may be cut to its first paragraph."""
    own = [line.strip() for line in source.splitlines()]
    at, strays = 0, []
    for line in (line.strip() for line in shown.splitlines()):
        if line == "..." or line.endswith('"""'):
            continue
        found = next((index for index in range(at, len(own)) if own[index].startswith(line)), None)
        if found is None:
            strays.append(line)
        else:
            at = found + 1
    return strays


def test_the_shown_text_is_the_source_of_the_running_functions(panel):
    for pane, shown in ((panel.scratch, sections.SCRATCH), (panel.concise, sections.CONCISE)):
        assert pane.section_keys() == [section.key for section in shown]
        for section in shown:
            text = pane.section_text(section.key)
            assert text == section.shown()
            assert text.splitlines()[0].lstrip().startswith(("def ", "class "))
            assert not _in_order(text, inspect.getsource(section.code))  # less comments, docstrings cut
            tokens = tokenize.generate_tokens(io.StringIO(text).readline)
            assert not [token for token in tokens if token.type == tokenize.COMMENT]
            assert pane.section_title_line(section.key) == f"# ── {section.title()}"  # not a file's path
    assert "scheduler" not in panel.concise.editor.toPlainText()  # not in the lesson: its lr is constant
    assert "AdamW" not in panel.concise.editor.toPlainText()
    assert "MKL" not in panel.scratch.editor.toPlainText()  # a developer's note, not the lesson's
    assert ".py:" not in panel.scratch.editor.toPlainText() + panel.concise.editor.toPlainText()


def test_the_concise_column_shows_the_optimizer_the_lesson_s_run_builds(panel):
    """It showed `if recipe.momentum == 0 and recipe.weight_decay == 0:`: the app's other recipes."""
    import torch

    from core import models

    text = panel.concise.section_text("optimizer")
    assert "recipe." not in text and "momentum" not in text
    assert text.splitlines()[1].strip() == "return torch.optim.SGD(model.parameters(), lr=lr)"
    built = models._optimizer(torch.nn.Linear(2, 2), 0.1, sections.LESSON_RECIPE["recipe"])
    assert type(built) is torch.optim.SGD and built.defaults["momentum"] == 0  # the line shown is the one run


def test_the_loop_shows_the_chapter_s_loop_and_marks_what_it_leaves_out(panel):
    text = panel.scratch.section_text("loop")
    for plumbing in ("pacer", "recorder", "divergence", "good_weights", "BatchEvent"):
        assert plumbing not in text
    for lesson in ("for epoch in range(", "steps.step(batch - 1)", "self.test_accuracy()", "yield ended"):
        assert lesson in text
    assert "..." in [line.strip() for line in text.splitlines()]


def test_the_lesson_text_reads_branches_with_the_lesson_s_settings_and_marks_bookkeeping():
    source = (
        "def f(x, recipe):\n"
        "    if recipe.fancy:\n"
        "        return 2 * x\n"
        "    if recipe.plain:\n"
        "        y = x + 1\n"
        "        return y\n"
        "    return x\n"
        "\n"
        "def g(x):\n"
        "    tick()\n"
        "    tock()\n"
        "    y = x + 1\n"
        "    return y\n"
    )

    class Recipe:
        fancy, plain = False, True

    assert sections.lesson_text(source, settings={"recipe": Recipe()}, bookkeeping=("tick", "tock")) == (
        "def f(x, recipe):\n    y = x + 1\n    return y\n\ndef g(x):\n    ...\n    y = x + 1\n    return y\n"
    )


def test_the_lesson_text_leaves_out_notes_and_what_the_lesson_never_runs():
    source = (
        "def f(x, fancy=False):\n"
        '    """What f does.\n'
        "\n"
        '    Why it is written so."""\n'
        "    # a developer's note\n"
        "    y = x + 1  # and another\n"
        "    if fancy:\n"
        "        y = y * 2\n"
        "    return y\n"
    )
    assert sections.lesson_text(source, ("fancy:",)) == (
        'def f(x, fancy=False):\n    """What f does."""\n    y = x + 1\n    return y\n'
    )


def test_long_lines_wrap_instead_of_being_cut_off(panel):
    from PySide6.QtWidgets import QPlainTextEdit

    for pane in (panel.scratch, panel.concise):
        assert pane.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    panel.show_minibatch(_event())
    panel.show_stage(sections.STAGES.index("loss"))
    for selection in panel.scratch.editor.extraSelections():  # a wrapped line is marked on every row
        assert selection.cursor.selectedText() == selection.cursor.block().text()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_long_lines_wrap_between_words_never_inside_a_name(qtbot, panel):
    """At +4 it showed "torch.optim.SGD(model.paramet" / "ers(), lr=lr)" and "zero_grad(set_to" / "_none";
    wrapping at spaces only let "_init_like_lesson(nn.Sequential(nn.Flatt…" run off the column."""
    from PySide6.QtWidgets import QApplication

    editor = panel.concise.editor
    panel.resize(500, 600)
    panel.show()
    qtbot.waitExposed(panel)
    wrapped = 0
    block = editor.document().firstBlock()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for row in range(1, layout.lineCount()):
            start = layout.lineAt(row).textStart()
            wrapped += 1
            inside = (text[start - 1].isalnum() or text[start - 1] == "_") and (
                text[start].isalnum() or text[start] == "_"
            )
            assert not inside, f"{text[:start]!r} / {text[start:]!r}"
        block = block.next()
    assert wrapped  # the narrow column did wrap some lines
    assert editor.horizontalScrollBar().maximum() == 0  # nothing ran off its edge
    editor.selectAll()
    editor.copy()
    copied = QApplication.clipboard().text()
    assert "\u200b" not in copied and "torch.optim.SGD(model.parameters(), lr=lr)" in copied


def test_the_break_opportunities_leave_names_and_colours_whole():
    from gui.code_view.wrapping import BREAK, breakable, moved_spans, plain

    line = "    return torch.optim.SGD(model.parameters(), lr=0.1)"
    shown, columns = breakable(line)
    assert plain(shown) == line
    assert shown == f"    return torch{BREAK}.optim{BREAK}.SGD({BREAK}model{BREAK}.parameters(), lr=0.1)"
    assert [shown[columns[index]] for index in range(len(line))] == list(line)
    ((start, length, kind),) = moved_spans([(4, 6, "keyword")], columns)
    assert shown[start : start + length] == "return" and kind == "keyword"


def test_the_trainer_calls_every_function_shown(tiny_dataset):
    for model, shown in (("softmax-scratch", sections.SCRATCH), ("softmax", sections.CONCISE)):
        called = _called_codes(model, tiny_dataset)
        for section in shown:
            assert _codes(section.code) <= called, f"{model} never ran {section.key}"


def test_every_marked_line_is_in_the_code(panel):
    for pane, lines in ((panel.scratch, sections.SCRATCH_LINES), (panel.concise, sections.CONCISE_LINES)):
        assert set(lines) == set(sections.STAGES)
        for stage, pieces in lines.items():
            for key, piece in pieces:
                line = pane.line_of(key, piece)
                assert line is not None, f"{stage}: {piece!r} is not in {key}"
                assert piece in pane.line_text(line)


def test_the_marks_follow_a_minibatch_and_show_its_numbers(panel):
    event = _event(
        X={"shape": (256, 784), "sample": [0.0, 0.5, 1.0], "where": "X[0, 300:303]"},
        loss={"shape": (256,), "sample": [0.25, 0.125, 2.5, 1, 2, 3, 4]},
    )
    panel.show_minibatch(event)
    assert panel.current_stage() == "X"
    assert panel.scratch.jump.currentData() == "minibatch"  # the list names the function marked
    assert panel.scratch.marked_lines() == [panel.scratch.line_of("minibatch", "images = self._augment(")]
    assert panel.value_cells("X") == ("256 × 784", "X[0, 300:303]: 0, 0.5, 1")
    assert panel.value_cells("loss") == ("256", "0.25, 0.125, 2.5, 1, 2, …")
    assert panel.value_cells("O") == ("", "")  # a stage the event does not carry stays empty
    assert "17" in panel.hint.text() and "235" in panel.hint.text() and "0.5312" in panel.hint.text()
    for expected in sections.STAGES[1:]:
        panel.next_stage()
        assert panel.current_stage() == expected
        wanted = {panel.scratch.line_of(key, piece) for key, piece in sections.SCRATCH_LINES[expected]}
        assert set(panel.scratch.marked_lines()) == wanted
        assert panel.values.currentRow() == sections.STAGES.index(expected)
    loss_line = panel.concise.line_of("torch_step", "loss = self.loss_fn(logits, labels)")
    panel.show_stage(sections.STAGES.index("loss"))
    assert loss_line in panel.concise.marked_lines()


def test_when_the_run_ends_the_hint_says_so_and_where(panel):
    """It still said "minibatch 232 of 235" after the run had ended at 235: the class pace shows
    only some minibatches, and the last one shown was not the last one trained."""
    from core.train_events import BatchEvent

    panel.show_minibatch(_event())  # epoch 2, minibatch 17 of 235
    last = BatchEvent(5, 5, 235, 235, 0.5, 0.8, 0.4, 60_000, 5.0, 6000.0)
    panel.show_run_ended(last)
    assert "ended" in panel.hint.text() and "235 of 235" in panel.hint.text()
    assert "17" in panel.hint.text()  # the values shown are still said to be minibatch 17's
    assert not panel.walk.isActive()
    panel.show_minibatch(_event())  # the next run's first minibatch
    assert "ended" not in panel.hint.text()


def test_when_the_run_ends_on_the_minibatch_shown_the_hint_names_it_once(panel):
    """It read "ended at epoch 5, minibatch 235 of 235. Below: epoch 5, minibatch 235": which one?"""
    from core.train_events import BatchEvent

    panel.show_minibatch(_event())  # epoch 2, minibatch 17 of 235
    panel.show_run_ended(BatchEvent(2, 5, 17, 235, 0.5, 0.8, 0.4, 4_352, 5.0, 6000.0))
    text = panel.hint.text()
    assert "ended" in text and text.count("17") == 1 and text.count("epoch 2") == 1, text
    assert "0.5312" in text  # the loss of the minibatch shown


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_tells_the_code_tab_when_a_run_ends(qtbot, projector_window):
    from core.train_events import BatchEvent

    window = projector_window
    window.code_panel.show_minibatch(_event())
    last = BatchEvent(5, 5, 235, 235, 0.5, 0.8, 0.4, 60_000, 5.0, 6000.0)
    window.train_panel.run_ended_at.emit(last)
    assert "235 of 235" in window.code_panel.hint.text()


def test_the_walk_goes_through_every_stage_by_itself_and_stops(qtbot):
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    view = CodePanel(session, stage_ms=1)
    qtbot.addWidget(view)
    seen = []
    view.values.currentCellChanged.connect(lambda row, *_: seen.append(row))
    view.show_minibatch(_event())
    qtbot.waitUntil(lambda: not view.walk.isActive())
    assert view.current_stage() == sections.STAGES[-1]
    assert seen == list(range(len(sections.STAGES)))
    view.shutdown()


def test_the_code_waits_for_torch_and_follows_the_text_size(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from gui.text_size import current_point_size

    session = Session()
    view = CodePanel(session, stage_ms=0)
    qtbot.addWidget(view)
    assert view.scratch.editor.toPlainText() == ""
    session.mark_runtime_ready(False, "CPU")
    assert "def softmax(" in view.scratch.editor.toPlainText()
    font = QApplication.font()
    font.setPointSizeF(current_point_size() * 1.5)
    QApplication.setFont(font)
    QApplication.sendEvent(view, QEvent(QEvent.Type.ApplicationFontChange))
    assert view.scratch.editor.font().pointSizeF() == pytest.approx(font.pointSizeF())
    view.shutdown()


def test_keywords_strings_and_comments_are_coloured(panel):
    pane = panel.scratch
    line = pane.line_of("softmax", "def softmax(")
    assert pane.highlighter.kind_at(line, 0) == "keyword"
    assert pane.highlighter.kind_at(line, len("def ")) == "definition"
    assert pane.highlighter.kind_at(line + 1, 4) == "string"  # the docstring
    assert pane.highlighter.kind_at(line - 1, 0) == "comment"  # the line naming the file
