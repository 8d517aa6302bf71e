"""The chapter's steps, in the app's own words, and what each sets up in the window.

A step's `apply` uses only the panels' public methods and widgets, so a step puts the window in a
known state whatever the teacher did before: the right tab, the lesson's linear model, the
Softmax tab's switches, an image to look at. Texts are translated when read (`title()`, `text()`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QScrollArea, QSplitter

from core.paths import pretrained_path
from gui.session.model_sources import LIVE, ModelSource
from gui.session.values import BROWSE_SAMPLE, CurrentImage

LINEAR_MODELS = ("softmax-scratch", "softmax")
FLAT_T, SHARP_T = 5.0, 0.2  # the temperature exercise's two ends


@dataclass(frozen=True)
class GuideStep:
    key: str
    title: Callable[[], str]
    text: Callable[[], str]  # rich text: what to say and what to point at
    apply: Callable[[Any], None]  # sets up the MainWindow for this step
    # Undoes what `apply` set that would confuse once the step's talk is over (an overflowing
    # softmax, the lesson's picture hiding Browse's controls): run when the guide moves on or closes.
    leave: Callable[[Any], None] = lambda _window: None


def lesson_model_source(session: Any) -> ModelSource | None:
    """The model the chapter is about: the live run if it trained a linear model, else a shipped one."""
    run = session.live_run()
    if run is not None and run.config.model in LINEAR_MODELS and run.state_dict and run.has_good_weights:
        return LIVE
    for name in LINEAR_MODELS:
        if pretrained_path(name).is_file():
            return ModelSource.pretrained(name)
    return None


def _use_lesson_model(window: Any) -> None:
    source = lesson_model_source(window.session)
    if source is not None and source != window.session.model_source():
        window.session.set_model_source(source, for_the_phones=False)  # a step shows, the teacher chooses


def _an_image(window: Any, *, with_true_class: bool = False) -> None:
    """The Softmax steps need an image: the first test sample when nothing is chosen yet, or when
    the step needs the true class y (the loss, ŷ − y) and the image has none (a drawing)."""
    current = window.session.current_image()
    if current is None or (with_true_class and current.true_label is None):
        _show_test_image(window, 0)


def _show_test_image(window: Any, index: int) -> None:
    """Test image `index` becomes the image the Softmax and Weights tabs explain, whatever was
    current (a drawing, a sketch, or that sample already highlighted in Browse, which would
    publish nothing), and Browse highlights it where its grid shows the test set."""
    session = window.session
    if session.dataset is None:
        return
    images, labels = session.dataset.split("test")
    pixels = images[index].numpy().astype(np.uint8)  # a copy: CurrentImage is frozen, the data shared
    session.set_current_image(CurrentImage(pixels, BROWSE_SAMPLE, int(labels[index]), "test", index))
    if window.browse_panel.controls.split() == "test":
        window.browse_panel.select_sample(index)


def _scroll_to(scroll: Any, widget: Any) -> None:
    """Scroll so that `widget` starts at the top of the view (ensureWidgetVisible shows the end of
    a part taller than the view), once the tab's layout has run: it may have just been shown."""

    def scroll_now() -> None:
        top = widget.mapTo(scroll.widget(), QPoint(0, 0)).y()
        scroll.verticalScrollBar().setValue(top)

    QTimer.singleShot(0, scroll, scroll_now)


def _scroll_to_last_of(scroll: Any, widget: Any) -> None:
    """Scroll so that the end of `widget` is in view, and as much above it as fits: the softmax
    table's last column (ŷ − y) is in its last band of columns at a projector's text size."""

    def scroll_now() -> None:
        # Its bands of columns re-wrap once the tab is laid out at the current text size.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        top = widget.mapTo(scroll.widget(), QPoint(0, 0)).y()
        bottom = top + widget.height()
        scroll.verticalScrollBar().setValue(max(top, bottom - scroll.viewport().height()))

    QTimer.singleShot(0, scroll, scroll_now)


def _scroll_to_whole(scroll: Any, widget: Any) -> None:
    """Scroll so that all of `widget` is in view with what fits above it (the numbers over the
    reliability diagram); one taller than the view shows its top (at +4 on a 768-px projector)."""

    def scroll_now() -> None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        top = widget.mapTo(scroll.widget(), QPoint(0, 0)).y()
        room = scroll.viewport().height()
        scroll.verticalScrollBar().setValue(top if widget.height() > room else top + widget.height() - room)

    QTimer.singleShot(0, scroll, scroll_now)


class _ScrollWhenShown(QObject):
    """Scrolls to a widget the first time it is shown, then goes: the reliability diagram
    appears only once its background measurement is done, below the place scrolled to."""

    def __init__(self, scroll: Any, widget: Any) -> None:
        super().__init__(widget)
        self._scroll = scroll
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self.deleteLater()
            _scroll_to_whole(self._scroll, watched)
        return False


def _stop_waiting_for(widget: Any) -> None:
    for waiting in widget.findChildren(_ScrollWhenShown):
        widget.removeEventFilter(waiting)
        waiting.deleteLater()


def _softmax_tab(
    window: Any,
    *,
    subtract_max: bool = True,
    scale_steps: int = 0,
    temperature: float = 1.0,
    with_true_class: bool = False,
):
    """The Softmax tab on the lesson's model and an image, its switches as the step needs them."""
    _use_lesson_model(window)
    _an_image(window, with_true_class=with_true_class)
    panel = window.softmax_panel
    panel.subtract_max.setChecked(subtract_max)
    panel.scale_slider.setValue(scale_steps)
    panel.temperature_control.set_value(temperature)
    window.show_tab("softmax")
    return panel


def _browse_test_set(window: Any, *, strip_shown: bool) -> None:
    """Browse on the test pictures the steps talk about (not the class's sketches), unfiltered."""
    browse = window.browse_panel
    browse.controls.set_split("test")
    browse.clear_filters()
    browse.strip_pane.set_strip_shown(strip_shown)


def _fold_strip(window: Any) -> None:
    window.browse_panel.strip_pane.set_strip_shown(False)  # on a projector it hides the grid's controls


def _data(window: Any) -> None:
    _browse_test_set(window, strip_shown=False)  # "point at the grid": on a projector the strip hides it
    window.show_tab("browse")
    _show_test_image(window, 0)


def _model(window: Any) -> None:
    _use_lesson_model(window)
    window.show_tab("weights")
    window.weights_panel.select_class(0)
    # The templates first, the diagram under them: at +2 and +4 the diagram alone fills the view.
    _scroll_to(window.weights_panel.scroll, window.weights_panel.grid)


def _softmax(window: Any) -> None:
    panel = _softmax_tab(window)
    _scroll_to(panel.scroll, panel.stages_box)


def _loss(window: Any) -> None:
    panel = _softmax_tab(window, with_true_class=True)  # ℓ = −log ŷ_y needs y
    _scroll_to(panel.scroll, panel.information)


def _training(window: Any) -> None:
    panel = window.train_panel
    panel.apply_lesson_defaults()
    panel.set_class_pace(True)
    panel.set_book_figure(True)
    window.show_tab("train")
    _scroll_into_view(panel.pace)  # the step says "at class pace": the ticked box must show
    _figure_over_log(panel)


def _figure_over_log(panel: Any) -> None:
    """The book's figure gets the height the empty log below it had (the plots and the log share a
    splitter; at +4 the figure was left about 110 px): the log keeps only its minimum, six lines."""
    splitter = panel.log.parentWidget()
    if isinstance(splitter, QSplitter):
        log = panel.log.minimumHeight()  # not 0: that would fold the log away
        splitter.setSizes([max(sum(splitter.sizes()) - log, 0), log])


def _scroll_into_view(widget: Any) -> None:
    """Scroll the scroll area holding `widget` just enough to show it, once the tab is laid out."""
    scroll = widget.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    if scroll is None:
        return

    def scroll_now() -> None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # its final place
        scroll.ensureWidgetVisible(widget, 0, widget.fontMetrics().lineSpacing() // 2)

    QTimer.singleShot(0, scroll, scroll_now)


def _code(window: Any) -> None:
    window.show_tab("code")


def _prediction(window: Any) -> None:
    _use_lesson_model(window)
    _browse_test_set(window, strip_shown=True)
    window.show_tab("browse")


def _overflow(window: Any) -> None:
    largest = window.softmax_panel.scale_slider.maximum()  # logits ×100
    panel = _softmax_tab(window, subtract_max=False, scale_steps=largest)
    _scroll_to(panel.scroll, panel.stages_box)


def _softmax_as_usual(window: Any) -> None:
    """Back from an exercise: the stable softmax of the model's own outputs, not inf/NaN or T = 5."""
    panel = window.softmax_panel
    panel.subtract_max.setChecked(True)
    panel.scale_slider.setValue(0)
    panel.temperature_control.set_value(1.0)


def _temperature(window: Any) -> None:
    panel = _softmax_tab(window, temperature=FLAT_T)
    _scroll_to(panel.scroll, panel.stages_box)


def _calibration(window: Any) -> None:
    panel = _softmax_tab(window)
    box = panel.calibration
    box.compute()  # the reliability diagram is hidden until measured (in the background)
    if box.plot.isHidden():  # first visit: the box now, the diagram once it is drawn
        _scroll_to(panel.scroll, box)
        _stop_waiting_for(box.plot)
        _ScrollWhenShown(panel.scroll, box.plot)
    else:
        _scroll_to_whole(panel.scroll, box.plot)


def _leave_calibration(window: Any) -> None:
    _stop_waiting_for(window.softmax_panel.calibration.plot)  # a later measurement scrolls nowhere


def _gradient(window: Any) -> None:
    panel = _softmax_tab(window, with_true_class=True)  # ŷ − y needs y
    _scroll_to_last_of(panel.scroll, panel.table)  # the ŷ − y column first; the SGD step is below it


STEPS = (
    GuideStep(
        "data",
        lambda: QCoreApplication.translate("LessonGuide", "The data"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "Fashion-MNIST: 60,000 pictures to learn from, 10,000 to test on, each 28×28 grey pixels "
            "of one of ten kinds of clothing. <b>Point at</b> a few in the grid and name their "
            "classes. To the model a picture is 784 numbers between 0 and 1, seen in minibatches "
            "of 256.",
        ),
        _data,
    ),
    GuideStep(
        "model",
        lambda: QCoreApplication.translate("LessonGuide", "The model o = Wx + b"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "One layer: each of the ten outputs adds up all 784 pixels, every pixel times its own "
            "weight, plus a bias. <b>Point at</b> the pictures at the top: each output's weights "
            "drawn as a 28×28 template the image is compared with. Below them, the diagram: 784 "
            "inputs wired to 10 outputs, 7,850 numbers to learn.",
        ),
        _model,
    ),
    GuideStep(
        "softmax",
        lambda: QCoreApplication.translate("LessonGuide", "Softmax"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The outputs o can be any numbers, even negative. Softmax turns them into chances that "
            "add up to 1: exp makes each one positive, dividing by the total makes them sum to 1. "
            "<b>Point at</b> the columns o, exp and ŷ for this picture: the order stays the same, the "
            "largest output gets the largest share.",
        ),
        _softmax,
    ),
    GuideStep(
        "loss",
        lambda: QCoreApplication.translate("LessonGuide", "The loss: cross-entropy"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The loss looks only at the chance given to the right answer y: ℓ = −log ŷ_y. Sure and "
            "right costs almost nothing; sure and wrong costs a lot. <b>Point at</b> the box below "
            "the table: the same number read as information in bits, beside the entropy of ŷ and the "
            "KL divergence.",
        ),
        _loss,
    ),
    GuideStep(
        "training",
        lambda: QCoreApplication.translate("LessonGuide", "Training"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The chapter's run is set: from-scratch softmax regression, 5 epochs, learning rate 0.1, "
            "minibatches of 256, at class pace so it lasts about half a minute. Press <b>Start</b> "
            "(F5) and <b>point at</b> the figure as it grows: loss, train accuracy and test accuracy "
            "per epoch, with one log line for each epoch.",
        ),
        _training,
    ),
    GuideStep(
        "code",
        lambda: QCoreApplication.translate("LessonGuide", "The code that runs"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "Left: the functions this run is executing, read from the program itself (the net, "
            "softmax, cross-entropy, the SGD update, the loop). Right: the same with nn.Linear, "
            "CrossEntropyLoss and torch.optim.SGD. At class pace <b>point at</b> the lines lighting "
            "up one stage after another, and at the shapes and values of the current minibatch below.",
        ),
        _code,
    ),
    GuideStep(
        "prediction",
        lambda: QCoreApplication.translate("LessonGuide", "Prediction"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The trained model labels test pictures it has never seen. <b>Point at</b> the lesson's "
            "picture: each image with its true class above the predicted one, mistakes marked. Pick "
            "a mistake and ask whether a person would have got it right.",
        ),
        _prediction,
        _fold_strip,
    ),
    GuideStep(
        "overflow",
        lambda: QCoreApplication.translate("LessonGuide", "Exercise: exp overflows"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The outputs are multiplied by 100 and the maximum is no longer subtracted: exp of a large "
            "number is too big for a float, so ŷ turns into inf and NaN. Tick <b>Subtract the max</b>: "
            "taking the largest output away first changes nothing in ŷ and nothing overflows.",
        ),
        _overflow,
        _softmax_as_usual,
    ),
    GuideStep(
        "temperature",
        lambda: QCoreApplication.translate("LessonGuide", "Exercise: temperature"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "The outputs are divided by a temperature T before softmax, here T = 5: the chances "
            "flatten out. Try T = 0.2: they sharpen onto the top class. <b>Point at</b> the order of "
            "the classes: it never changes, only how sure the model sounds.",
        ),
        _temperature,
        _softmax_as_usual,
    ),
    GuideStep(
        "calibration",
        lambda: QCoreApplication.translate("LessonGuide", "Question: what does 90 % mean?"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "If a model says 90 % it should be right nine times out of ten. <b>Point at</b> the "
            "reliability diagram: for each confidence level, how often the model really was right on "
            "the test set. Fitting one temperature often brings the two closer.",
        ),
        _calibration,
        _leave_calibration,
    ),
    GuideStep(
        "gradient",
        lambda: QCoreApplication.translate("LessonGuide", "Question: where does the gradient come from?"),
        lambda: QCoreApplication.translate(
            "LessonGuide",
            "For softmax with cross-entropy the gradient of the loss with respect to the outputs is "
            "ŷ − y: the predicted chances minus 1 at the true class. <b>Point at</b> that column, then "
            "at the SGD step below it: one step against this gradient, tried on a copy of the weights "
            "until you press Apply.",
        ),
        _gradient,
    ),
)
