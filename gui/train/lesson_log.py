"""The Train tab's log lines in the window's language, built from core's plain event objects.

core/ stays Qt-free and English (the CLI prints its lines), so the translation happens here: the
epoch line reads as the lesson prints it, "epoch 1, loss 0.7831, train acc 0.751, test acc 0.790",
and in Chinese as the book (d2l-zh) would say it, "迭代周期 1，损失 0.7831，训练精度 0.751，测试精度 0.790".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from gui.language import follow_language, is_chinese
from gui.train.log_view import LessonLogView

Line = str | Callable[[], str]  # a fixed text, or how to say it in the window's current language

# Every translate() call below names the context "LessonLog" literally: lupdate cannot follow a
# variable.
END_MARKS = {"finished": "✔", "stopped": "■", "diverged": "⚠", "collapsed": "⚠"}


class LogLines:
    """The log's lines kept as how to say them, so a language switch says every one again.

    A line given as a callable (e.g. `lambda: epoch_line(event)`, built from the run's own events)
    is re-rendered on each switch; the log used to keep the language it was written in, both ways.
    """

    def __init__(self, view: LessonLogView) -> None:
        self._view = view
        self._lines: list[Line] = []
        follow_language(view, self._rerender)

    def add(self, line: Line) -> None:
        self._lines.append(line)
        limit = self._view.maximumBlockCount()
        if limit > 0 and len(self._lines) > limit:
            del self._lines[:-limit]
        self._view.appendPlainText(_said(line))

    def _rerender(self) -> None:
        if not self._lines:
            return
        # The view keeps following new lines, or the teacher's place when scrolled up.
        self._view.replace_text("\n".join(_said(line) for line in self._lines))


def _said(line: Line) -> str:
    return line() if callable(line) else line


class LessonLogCounts(QObject):
    """The log's counted words, through tr(): lupdate gives a message its plural forms only there
    (see gui.language)."""

    def epochs(self, count: int) -> str:
        return self.tr("%n epoch(s)", None, count)


def epochs_words(count: int) -> str:
    """"1 epoch", "5 epochs"; "1 个迭代周期" in Chinese: Qt's plural forms, English's from
    translations/playground_en.ts (gui.language installs it)."""
    return LessonLogCounts().epochs(count)


def epoch_line(event: Any) -> str:
    """A core.train_events.EpochEvent as the lesson's line, numbers formatted exactly as the lesson's."""
    return QCoreApplication.translate(
        "LessonLog", "epoch {epoch}, loss {loss:.4f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}"
    ).format(epoch=event.epoch, loss=event.loss, train_acc=event.train_acc, test_acc=event.test_acc)


def run_end_line(event: Any, lr: float | None = None, epochs: int | None = None) -> str:
    """A core.train_events.RunEnded as one log line with its mark (✔ ■ ⚠).

    In English, core's own sentence, which carries the details (epoch, batch, the loss). core
    writes only English, so in Chinese the line is rebuilt from the reason and what the panel
    knows (the run's lr and epochs): the advice stays, the batch number does not.
    """
    mark = END_MARKS.get(event.reason, "")
    if event.reason == "finished" and epochs is not None:  # core's "finished 1 epochs" is not English
        text = QCoreApplication.translate("LessonLog", "finished {epochs}")
        return f"{mark} {text.format(epochs=epochs_words(epochs))}"
    if not is_chinese() or event.reason not in END_MARKS:
        return f"{mark} {event.message}".strip()
    if event.reason == "finished":
        text = QCoreApplication.translate("LessonLog", "finished")
    elif event.reason == "stopped":
        text = QCoreApplication.translate("LessonLog", "stopped by request")
    elif event.reason == "diverged":
        text = QCoreApplication.translate(
            "LessonLog",
            "training diverged: the learning rate {lr} is too large for this model; try a smaller one.",
        ).format(lr=_lr_text(lr))
        if getattr(event, "restored_good", False):
            text += " " + QCoreApplication.translate(
                "LessonLog", "The model was restored to its last good weights."
            )
        else:
            text += " " + QCoreApplication.translate(
                "LessonLog",
                "There were no last good weights yet: the model is back at its untrained starting weights.",
            )
    else:
        text = QCoreApplication.translate(
            "LessonLog",
            "training collapsed: test accuracy is no better than guessing one of ten classes. "
            "Try a smaller learning rate than {lr}.",
        ).format(lr=_lr_text(lr))
    return f"{mark} {text}"


def advice_line(reason: str, lr: float | None) -> str:
    """What to do after a run that "diverged" or "collapsed", in one sentence (the log's line
    also has the details: epoch, batch, the loss, which weights were kept)."""
    if reason == "diverged":
        return QCoreApplication.translate(
            "LessonLog",
            "training diverged: the learning rate {lr} is too large for this model; try a smaller one.",
        ).format(lr=_lr_text(lr))
    return QCoreApplication.translate(
        "LessonLog",
        "training collapsed: test accuracy is no better than guessing one of ten classes. "
        "Try a smaller learning rate than {lr}.",
    ).format(lr=_lr_text(lr))


def _lr_text(lr: float | None) -> str:
    return "" if lr is None else f"{lr:g}"
