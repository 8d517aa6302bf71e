"""English and Chinese: every visible text translated in zh, a round trip restores every text,
and the committed catalogue is up to date with the sources.

The window is walked the way a user reads it: labels, buttons, group titles, tabs, menus,
combo-box items, placeholders, tooltips and the plots' axis labels and legends.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from core.classes import CLASS_NAMES, CLASS_NAMES_ZH
from gui import language
from gui.draw.panel import DrawPanel
from gui.main_window import MainWindow
from gui.session import Session
from tests.gui.catalogues import LUPDATE, released, updated_copy

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TS_FILE = PROJECT_ROOT / "translations" / "playground_zh_CN.ts"

# Words that stay as they are in a Chinese window: the lesson's own names (the book writes
# "softmax回归"), model and file-format names, keys, units and the language menu's "English".
ALLOWED_WORDS = {
    word.lower()
    for word in (
        "softmax scratch MLP CNN lr PNG CSV JSON pt Fashion MNIST PyTorch torch CPU GPU CUDA MPS "
        "Ctrl Shift Alt Enter Return Del Delete Esc Space PgUp PgDown Home End Tab Backspace "
        "F1 F5 F6 F7 F8 F11 ReLU Conv2d Linear Flatten SGD argmax exp log logits logit "
        "px ms MB GB KB it ok English Zalando Research MIT d2l Noto CJK fonts noto cjk setup sh "
        "scripts Okabe Ito CET nn Sequential W b x y o ECE NLL float32 float64 inf NaN KL ln Wi Fi QR"
    ).split()
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
# Files whose strings are still being converted to tr() while their owners finish their own
# edits (see the team's plan). While this is not empty the leftover test reports every English
# text it finds as an expected failure; once it is empty the test must pass outright.
FILES_NOT_CONVERTED_YET: tuple[str, ...] = ()


@pytest.fixture
def window_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def back_to_english():
    """Whatever a test does, later tests start in English (the language is process-wide)."""
    yield
    language.apply_language(language.ENGLISH)


def build_window(qtbot, settings: QSettings, tiny_dataset=None) -> MainWindow:
    session = Session()
    if tiny_dataset is not None:
        session.mark_runtime_ready(False, "CPU")
        session.set_dataset(tiny_dataset)
    window = MainWindow(session, settings=settings)
    qtbot.addWidget(window)
    return window


# -- what a user reads ------------------------------------------------------------------------
def visible_texts(window: QWidget) -> dict[str, str]:
    """Every user-facing string in the window, keyed by where it is (for a readable failure)."""
    found: dict[str, str] = {}

    def add(where: str, text: str | None) -> None:
        if text:
            found[where] = text

    widgets = [window, *window.findChildren(QWidget)]
    for index, widget in enumerate(widgets):
        where = f"{type(widget).__name__}#{index}({widget.objectName() or ''})"
        add(where + ".toolTip", widget.toolTip())
        add(where + ".statusTip", widget.statusTip())
        if widget.isWindow():
            add(where + ".windowTitle", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(where + ".text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(where + ".text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(where + ".title", widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{where}.tab[{i}]", widget.tabText(i))
                add(f"{where}.tabToolTip[{i}]", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{where}.item[{i}]", widget.itemText(i))
        elif isinstance(widget, QLineEdit):
            add(where + ".placeholder", widget.placeholderText())
        elif isinstance(widget, QAbstractSpinBox):
            add(where + ".prefix", getattr(widget, "prefix", lambda: "")())
            add(where + ".suffix", getattr(widget, "suffix", lambda: "")())
            add(where + ".specialValueText", widget.specialValueText())
        elif isinstance(widget, QProgressBar):
            add(where + ".format", widget.format() if widget.isTextVisible() else "")
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(where + ".placeholder", widget.placeholderText())
            if not widget.property("source_code"):  # the Code tab's Python is Python in any language
                add(where + ".text", widget.toPlainText())
        if isinstance(widget, QMenu):
            add(where + ".title", widget.title())
        for action_index, action in enumerate(widget.actions()):
            add(f"{where}.action[{action_index}]", action.text())
            add(f"{where}.action[{action_index}].toolTip", _own_tooltip(action))
        _plot_texts(widget, where, add)
    menu_bar = getattr(window, "menuBar", None)  # a main window's; dialogs have none
    for action_index, action in enumerate(menu_bar().actions() if menu_bar else []):
        add(f"menuBar.action[{action_index}]", action.text())
    return found


def _own_tooltip(action: QAction) -> str:
    """Qt makes up a tooltip from the text when none was set; only a set one is a separate string."""
    tip = action.toolTip()
    return "" if tip == action.text().replace("&", "") else tip


def _plot_texts(widget: QWidget, where: str, add) -> None:
    """pyqtgraph draws its labels as graphics items, not widgets: axis labels, titles, legends."""
    get_plot_item = getattr(widget, "getPlotItem", None)
    if get_plot_item is None:
        return
    item = get_plot_item()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        if axis.isVisible() and axis.label.isVisible():
            add(f"{where}.axis[{name}]", axis.labelText)
    if item.titleLabel.isVisible():
        add(where + ".title", item.titleLabel.text)
    legend = item.legend
    if legend is not None:
        for i, (_sample, label) in enumerate(legend.items):
            add(f"{where}.legend[{i}]", label.text)


def english_words(text: str) -> list[str]:
    """The words of `text` that would still be English in a Chinese window."""
    plain = TAG.sub(" ", text).replace("&&", "&").replace("&", "")  # entities before mnemonics
    plain = re.sub(r"https?://\S+|\S+\.(py|pt|png|csv|sh|qm|ts)\b|\S*/\S*", " ", plain)  # links, files
    plain = re.sub(r"\d[\d.]*e[+−-]?\d+", " ", plain)  # numbers like 3.4e38 are no English
    return [word for word in WORD.findall(plain) if word.lower() not in ALLOWED_WORDS and len(word) > 1]


def english_leftovers(texts: dict[str, str]) -> dict[str, str]:
    return {where: text for where, text in texts.items() if english_words(text)}


# -- the tests -------------------------------------------------------------------------------
def test_chinese_window_has_no_english_left(qtbot, window_settings, tiny_dataset, back_to_english):
    window = build_window(qtbot, window_settings)
    language.set_language(language.CHINESE, window_settings)
    same_settings = QSettings(window_settings.fileName(), QSettings.Format.IniFormat)
    fresh = build_window(qtbot, same_settings, tiny_dataset)
    leftovers = {}
    for name, win in (("switched live", window), ("built in Chinese, data loaded", fresh)):
        for where, text in english_leftovers(visible_texts(win)).items():
            leftovers[f"{name}: {where}"] = text
    report = "\n".join(f"  {where}: {text!r}" for where, text in sorted(leftovers.items()))
    message = f"{len(leftovers)} texts still English in the Chinese window:\n{report}"
    if leftovers and FILES_NOT_CONVERTED_YET:
        pytest.xfail(f"{', '.join(FILES_NOT_CONVERTED_YET)} not converted yet; {message}")
    assert not leftovers, message


def test_the_walk_sees_english_in_an_english_window(qtbot, window_settings, back_to_english):
    """The leftover check itself must be able to fail: in English it finds plenty."""
    window = build_window(qtbot, window_settings)
    texts = visible_texts(window)
    assert len(english_leftovers(texts)) > 20
    assert any("Train" in text for text in texts.values())


def test_switching_language_twice_restores_every_text(qtbot, window_settings, tiny_dataset, back_to_english):
    window = build_window(qtbot, window_settings, tiny_dataset)
    english = visible_texts(window)
    language.set_language(language.CHINESE, window_settings)
    chinese = visible_texts(window)
    changed = [where for where in english if chinese.get(where) != english[where]]
    assert len(changed) > 20  # the switch really reached the widgets
    language.set_language(language.ENGLISH, window_settings)
    assert visible_texts(window) == english
    language.set_language(language.CHINESE, window_settings)
    assert visible_texts(window) == chinese


def test_the_choice_is_remembered_and_the_menu_follows(qtbot, window_settings, back_to_english):
    window = build_window(qtbot, window_settings)
    menu = window.language_menu
    chinese = next(action for action in menu.actions() if action.data() == language.CHINESE)
    chinese.trigger()
    assert language.current_language() == language.CHINESE and chinese.isChecked()
    assert window_settings.value(language.SETTINGS_KEY) == language.CHINESE
    assert language.saved_language(window_settings) == language.CHINESE
    assert menu.title() == "语言(&L)"
    assert language.class_name(9) == "短靴" and language.class_names() == CLASS_NAMES_ZH
    assert language.cjk_family() is None or language.cjk_family() in QApplication.font().families()
    english = next(action for action in menu.actions() if action.data() == language.ENGLISH)
    english.trigger()
    assert language.class_name(0) == CLASS_NAMES[0] and menu.title() == "&Language"
    assert language.cjk_family() not in QApplication.font().families()


def test_first_launch_follows_the_system_and_ignores_a_corrupt_setting(window_settings, monkeypatch):
    monkeypatch.setattr(language, "system_language", lambda: language.CHINESE)
    assert language.saved_language(window_settings) == language.CHINESE
    window_settings.setValue(language.SETTINGS_KEY, "klingon")
    assert language.saved_language(window_settings) == language.CHINESE
    window_settings.setValue(language.SETTINGS_KEY, language.ENGLISH)
    assert language.saved_language(window_settings) == language.ENGLISH


def test_qt_own_dialog_buttons_are_translated(back_to_english):
    """qtbase_zh_CN.qm from the wheel: standard buttons and dialogs follow the language."""
    from PySide6.QtWidgets import QDialogButtonBox

    language.apply_language(language.CHINESE)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    try:
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        box.deleteLater()


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
NAMED_IN_ITSELF = {"中文"}  # View ▸ Language names each language in itself


def chinese_leftovers(texts: dict[str, str]) -> dict[str, str]:
    return {where: text for where, text in texts.items() if text not in NAMED_IN_ITSELF and CJK.search(text)}


def texts_after_visiting_every_tab(window: MainWindow) -> dict[str, str]:
    """What a user reads after looking at each tab once (a hidden tab catches up when shown)."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    return visible_texts(window)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # the shown window
def test_after_a_run_and_edits_a_switch_leaves_nothing_in_the_other_language(
    qtbot, window_settings, tiny_dataset, back_to_english
):
    """The log, the plots' labels and legends, the model's name: all re-said, both ways."""
    from gui.train.commands import IDLE

    language.set_language(language.CHINESE, window_settings)
    window = build_window(qtbot, window_settings, tiny_dataset)
    window.show()
    qtbot.waitExposed(window)
    panel = window.train_panel
    panel.controls.epochs.setValue(1)
    assert panel.start()
    qtbot.waitUntil(lambda: panel.state == IDLE and panel.job is None, timeout=60_000)
    assert "迭代周期 1" in panel.log_text()
    session = window.session
    assert session.predictor() is not None  # the live model, named while the window was Chinese
    _name, state = session.active_weights()
    session.set_edited_weights(state)  # as the Softmax tab's Apply does

    language.set_language(language.ENGLISH, window_settings)
    english = texts_after_visiting_every_tab(window)
    assert "epoch 1, loss" in panel.log_text()
    left = chinese_leftovers(english)
    assert not left, "\n".join(f"{where}: {text!r}" for where, text in sorted(left.items()))

    language.set_language(language.CHINESE, window_settings)
    left = english_leftovers(texts_after_visiting_every_tab(window))
    assert "迭代周期 1" in panel.log_text()
    assert not left, "\n".join(f"{where}: {text!r}" for where, text in sorted(left.items()))


def test_qt_file_dialog_is_all_chinese(qtbot, tmp_path, back_to_english):
    """Qt's own file dialog (used wherever the desktop offers no native one): "Look in:", "Files of
    type:" and the Type column's "Folder" were English, missing from the wheel's qtbase_zh_CN.qm."""
    from PySide6.QtWidgets import QFileDialog

    language.apply_language(language.CHINESE)
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "文件")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.setNameFilter("PNG (*.png)")
        left = english_leftovers(visible_texts(dialog))
        assert not left, left
    # Its Type column: the kind of a folder, asked of the icon provider the dialog's model uses.
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"
    assert all(not english_words(word) for word in language.qt_dialog_words())


def test_the_committed_catalogue_is_up_to_date_and_complete(tmp_path):
    """lupdate over today's sources finds nothing new or vanished, and every string is translated."""
    if not LUPDATE.exists():
        pytest.skip(f"{LUPDATE} is not installed")
    copy = updated_copy(TS_FILE, tmp_path)
    committed, fresh = _messages(TS_FILE), _messages(copy)
    new = sorted(key for key, state in fresh.items() if key not in committed)
    vanished = sorted(key for key, state in fresh.items() if state in ("vanished", "obsolete"))
    unfinished = sorted(key for key, state in committed.items() if state == "unfinished")
    assert not new, f"strings not in the .ts yet (run scripts/update_translations.sh): {new}"
    assert not vanished, f"strings in the .ts that no source has any more: {vanished}"
    assert not unfinished, f"strings without a Chinese translation: {unfinished}"
    shipped = language.catalogue_path(language.CHINESE)
    stale = "stale .qm: run scripts/update_translations.sh"
    assert released(TS_FILE, tmp_path) == shipped.read_bytes(), stale


def _messages(path: Path) -> dict[tuple[str, str], str]:
    states = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            state = translation.get("type", "")
            if not state and not "".join(translation.itertext()).strip():  # a plural's: its forms
                state = "unfinished"
            states[(name, message.findtext("source"))] = state
    return states


def test_the_lesson_line_reads_as_the_book_in_both_languages(back_to_english):
    from core.train_events import EpochEvent, RunEnded
    from gui.train.lesson_log import epoch_line, run_end_line

    event = EpochEvent(epoch=1, epochs=5, loss=0.78312, train_acc=0.7512, test_acc=0.79, seconds=1.0)
    assert epoch_line(event) == event.lesson_line() == "epoch 1, loss 0.7831, train acc 0.751, test acc 0.790"
    diverged = RunEnded("diverged", "training diverged: the loss became NaN …", restored_good=True)
    assert run_end_line(diverged, lr=50.0) == "⚠ training diverged: the loss became NaN …"
    language.apply_language(language.CHINESE)
    assert epoch_line(event) == "迭代周期 1，损失 0.7831，训练精度 0.751，测试精度 0.790"
    line = run_end_line(diverged, lr=50.0)
    assert line.startswith("⚠ ") and "50" in line and "学习率" in line and not english_words(line)
    assert run_end_line(RunEnded("finished", "finished 5 epochs"), epochs=5) == "✔ 完成了 5 个迭代周期"


def test_without_a_chinese_font_the_status_bar_says_so(qtbot, window_settings, monkeypatch, back_to_english):
    from gui.app import show_font_warnings

    monkeypatch.setattr(language, "cjk_family", lambda: None)
    monkeypatch.setattr(language, "_font_warning_given", False)
    window = build_window(qtbot, window_settings)
    show_font_warnings(window)
    families = QApplication.font().families()
    with qtbot.waitSignal(language.notifier().font_missing) as blocker:
        language.set_language(language.CHINESE, window_settings)
    assert "fonts-noto-cjk" in blocker.args[0]
    assert "fonts-noto-cjk" in window.statusBar().currentMessage()
    assert QApplication.font().families() == families  # no made-up font
    window.statusBar().clearMessage()
    language.set_language(language.ENGLISH, window_settings)
    language.set_language(language.CHINESE, window_settings)
    assert window.statusBar().currentMessage() == ""  # once per run, not at every switch


def test_every_tr_call_is_one_lupdate_can_read():
    """lupdate reads the sources, it does not run them: a string it cannot see is never translated.

    So: tr()'s text and translate()'s context are literals, no f-string goes into either (format
    after translating), and neither is renamed (`tr = self.tr` files its strings under no class).
    """
    import ast

    problems = []
    for path in sorted((PROJECT_ROOT / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(PROJECT_ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute):
                if node.value.attr in ("tr", "translate"):
                    problems.append(f"{where}:{node.lineno}: {node.value.attr} renamed")
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "tr":
                literal = node.args[0]
            elif _is_translate(node.func) and len(node.args) >= 2:
                literal = node.args[0]
                if isinstance(node.args[1], ast.JoinedStr):
                    problems.append(f"{where}:{node.lineno}: f-string given to {name}")
            else:
                continue
            if not (isinstance(literal, ast.Constant) and isinstance(literal.value, str)):
                got = ast.unparse(literal)
                problems.append(f"{where}:{node.lineno}: {name}() needs a literal, got {got}")
    assert not problems, "\n".join(problems)


def _is_translate(func) -> bool:
    """QCoreApplication.translate / QApplication.translate / QT_TRANSLATE_NOOP, not QPainter's."""
    import ast

    if isinstance(func, ast.Name):
        return func.id == "QT_TRANSLATE_NOOP"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "translate"
        and isinstance(func.value, ast.Name)
        and func.value.id in ("QCoreApplication", "QApplication", "QGuiApplication")
    )


# The one module that may read core's English class names directly: the language module itself
# (Browse's detail pane used to add the Chinese name in English mode, "Ankle boot (短靴)").
ENGLISH_CLASS_NAMES_ALLOWED = {"gui/language.py"}


def test_class_names_on_screen_follow_the_language():
    """Bars, thumbnails, the matrix, the strip, templates: names come from gui.language, so they are
    Chinese in a Chinese window (painted names are invisible to the widget walk above)."""
    users = sorted(
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "gui").rglob("*.py")
        if re.search(r"\bCLASS_NAMES\b", path.read_text(encoding="utf-8"))
    )
    wrong = [path for path in users if path not in ENGLISH_CLASS_NAMES_ALLOWED]
    pending = [path for path in wrong if path in FILES_NOT_CONVERTED_YET]
    if wrong and wrong == pending:
        pytest.xfail(f"not converted yet: {pending}")
    assert not wrong, f"these show core.classes.CLASS_NAMES instead of gui.language.class_name(): {wrong}"


def test_the_missing_data_how_to_is_said_in_the_window_language(qtbot, window_settings, back_to_english):
    from core.data import DataNotFound
    from core.data import how_to_get_data as core_how_to
    from gui.data_help import explain_data_error, how_to_get_data

    assert how_to_get_data() == core_how_to()  # English: core's words exactly
    missing = DataNotFound("data.folder_missing", path="/x", given_by="")
    window = build_window(qtbot, window_settings)
    window.session.set_dataset(None, explain_data_error(missing))
    with qtbot.waitSignal(window.session.dataset_changed):
        language.set_language(language.CHINESE, window_settings)
    message = window.train_panel.data_message.text()
    assert "sudo apt-get install dataset-fashion-mnist" in message and "找不到" in message
    assert window.browse_panel.missing.text().startswith("数据文件夹 /x 不存在。\n\n找不到")
    language.set_language(language.ENGLISH, window_settings)
    assert window.session.dataset_error == str(missing)  # English: core's words exactly


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_opening_a_checkpoint_is_reported_in_chinese(
    qtbot, window_settings, tmp_path, monkeypatch, back_to_english
):
    """core says why a file is refused, and what it noted about one it loaded, in English (for the
    CLI); the window says both in its own language, where the opening's result is seen."""
    import gui.checkpoint_files as files_module
    from tests.gui.file_opening import old_format_checkpoint, opened, shirt_png

    warnings = []
    monkeypatch.setattr(
        files_module.QMessageBox, "warning", lambda parent, title, text: warnings.append((title, text))
    )
    window = build_window(qtbot, window_settings)
    window.session.mark_runtime_ready()
    window.show()
    language.set_language(language.CHINESE, window_settings)
    opened(qtbot, window.open_checkpoint_file(str(shirt_png(tmp_path / "shirt.pt"))))
    assert warnings == [
        ("无法打开检查点", "shirt.pt：它是一张 PNG 图像，不是检查点；要对它分类，请在“绘图”页打开它")
    ]
    old = old_format_checkpoint(tmp_path / "old.pt")
    opened(qtbot, window.open_checkpoint_file(str(old)))
    message = window.statusBar().currentMessage()
    assert message.startswith("已打开 ") and "没有校验和" in message and not english_words(message)
    window.tabs.setCurrentWidget(window.draw_panel)
    qtbot.waitExposed(window.draw_panel)
    notice = window.draw_panel.file_messages.notice.text()
    assert notice.startswith("old.pt：由旧版本程序保存") and not english_words(notice), notice
    assert not english_words(window.model_status.toolTip())


def test_the_draw_tabs_refusal_is_said_again_after_a_switch(
    qtbot, window_settings, tmp_path, back_to_english
):
    from tests.gui.file_opening import opened

    window = build_window(qtbot, window_settings)
    notes = tmp_path / "notes.pt"
    notes.write_text("my lesson notes")
    opened(qtbot, window.draw_panel.open_file(str(notes)))
    assert window.draw_panel.file_messages.refusal_text().startswith("notes.pt: not a checkpoint file")
    language.set_language(language.CHINESE, window_settings)
    assert (
        window.draw_panel.file_messages.refusal_text()
        == "notes.pt：不是检查点文件，或者文件已损坏（它的开头不像本程序保存的检查点）"
    )


def test_the_window_title_is_all_in_the_new_language_after_a_switch(qtbot, window_settings, back_to_english):
    """Qt joins the title and the application's display name when the title is set: the display
    name must be translated first, or a Chinese window read "Fashion-MNIST 练习场 — Fashion-MNIST
    Playground"."""
    from PySide6.QtGui import QGuiApplication

    window = build_window(qtbot, window_settings)
    names_at_title = []
    window.windowTitleChanged.connect(
        lambda _title: names_at_title.append(QGuiApplication.applicationDisplayName())
    )
    language.set_language(language.CHINESE, window_settings)
    assert names_at_title and names_at_title[-1] == window.windowTitle() != "Fashion-MNIST Playground"
    language.set_language(language.ENGLISH, window_settings)
    assert names_at_title[-1] == window.windowTitle() == "Fashion-MNIST Playground"


def test_one_epoch_is_singular_in_the_log(back_to_english):
    from core.train_events import RunEnded
    from gui.train.lesson_log import epochs_words, run_end_line

    assert epochs_words(1) == "1 epoch" and epochs_words(5) == "5 epochs"
    assert run_end_line(RunEnded("finished", "finished 1 epochs"), epochs=1) == "✔ finished 1 epoch"
    language.set_language(language.CHINESE)
    assert epochs_words(1) == "1 个迭代周期" and epochs_words(5) == "5 个迭代周期"


def _row_pixels(menu: QMenu, action: QAction):
    """The pixels of `action`'s row as `menu` draws it now, as an array (rows × columns × RGBA)."""
    import numpy as np

    image = menu.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    row = menu.actionGeometry(action)
    return pixels[row.top() : row.bottom() + 1, row.left() : row.right() - 2].copy()


def _menus(window: MainWindow) -> list[QMenu]:
    found = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            found += [top.menu(), *top.menu().findChildren(QMenu)]
    return [*found, window.findChild(DrawPanel).keep_row.menu]  # a tab's own menu, too


# A menu popped up on the offscreen platform: it cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
@pytest.mark.parametrize("steps", [2, 4], ids=["plus-2", "plus-4"])
def test_every_menu_row_is_drawn_whole_after_a_live_switch_to_chinese(
    projector_window, steps, back_to_english
):
    """Review 2, finding 8: after English → 中文 live, Help ▸ 如何上这节课(L) was drawn 如何上这…(L)
    (Fusion draws a tall row's check column wider than it sized it). Each row without a shortcut
    or a submenu must look exactly as it does in the same menu made 300 px wider."""
    if language.cjk_family() is None:
        pytest.skip("no Chinese font installed")
    window = projector_window
    language.apply_language(language.CHINESE)
    for _ in range(steps):
        window.text_size.bigger()
    for widget in QApplication.allWidgets():  # Qt says so itself only while app.exec() runs
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))
    cut = []
    checked = 0
    try:
        for menu in _menus(window):
            menu.popup(window.geometry().topLeft())
            rows = [
                action
                for action in menu.actions()
                if action.isVisible() and not action.isSeparator() and action.text()
                and action.menu() is None and action.shortcut().isEmpty()
            ]
            shown = {action: _row_pixels(menu, action) for action in rows}
            menu.setMinimumWidth(menu.width() + 300)
            QApplication.sendEvent(menu, QEvent(QEvent.Type.FontChange))  # laid out again, wider
            menu.resize(menu.sizeHint())
            for action in rows:
                roomy = _row_pixels(menu, action)[:, : shown[action].shape[1]]
                checked += 1
                if not (roomy == shown[action]).all():
                    cut.append(f"{menu.title()} ▸ {action.text()}")
            menu.hide()
    finally:
        window.text_size.reset()
    texts = [action.text() for menu in _menus(window) for action in menu.actions()]
    assert checked > 10 and "如何上这节课(&L)" in texts
    assert not cut, f"drawn cut at +{steps}: {cut}"


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_a_menu_s_own_minimum_width_outlives_its_refits(qtbot):
    """A menu whose owner asks for a width of its own keeps it, also when opened again."""
    from gui.whole_menu_texts import keep_menu_texts_whole

    holder = QWidget()
    qtbot.addWidget(holder)
    menu = QMenu(holder)
    menu.addAction("&7  运动鞋")
    menu.setMinimumWidth(500)
    keep_menu_texts_whole(holder)
    widths = []
    for owner_width in (None, None, 600):
        if owner_width:
            menu.setMinimumWidth(owner_width)  # the owner asks again (a new text size)
        menu.popup(holder.mapToGlobal(holder.rect().topLeft()))
        widths.append(menu.width())
        menu.hide()
    assert widths[0] >= 500 and widths[1] >= 500 and widths[2] >= 600, widths
