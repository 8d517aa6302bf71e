"""Every code core can raise (core/errors.ENGLISH) has a window template, and every template fits.

The window says core's errors from their codes, never from core's English sentences, so a code
without a template would reach a class in English: this test fails first. A template may only
use params core gives its code, and the Chinese must use the same ones, or formatting it would
raise in the middle of a lesson."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from core.data import DataNotFound
from core.errors import ENGLISH, CodedError, Note
from gui import checkpoint_messages, data_help, language, sketchbook_messages
from gui.classroom import messages as class_messages
from gui.data_help import explain_data_error

WINDOW_TEMPLATES = {
    **checkpoint_messages.TEMPLATES,
    **data_help.TEMPLATES,
    **sketchbook_messages.TEMPLATES,
    **class_messages.TEMPLATES,
}
CONTEXTS = (
    checkpoint_messages.CONTEXT,
    data_help.CONTEXT,
    sketchbook_messages.CONTEXT,
    class_messages.CONTEXT,
)
TS_FILE = Path(__file__).resolve().parents[2] / "translations" / "playground_zh_CN.ts"


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conversion in string.Formatter().parse(template) if name}


@pytest.fixture
def back_to_english():
    yield
    language.apply_language(language.ENGLISH)


def test_every_code_core_raises_has_a_window_template():
    missing = sorted(set(ENGLISH) - set(WINDOW_TEMPLATES))
    assert not missing, (
        f"codes the window cannot say: add them to gui/checkpoint_messages or data_help: {missing}"
    )
    stale = sorted(set(WINDOW_TEMPLATES) - set(ENGLISH))
    assert not stale, f"templates for codes core no longer has: {stale}"
    assert set(checkpoint_messages.TEMPLATES).isdisjoint(data_help.TEMPLATES)


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_a_template_uses_only_the_params_of_its_code(code):
    assert fields(WINDOW_TEMPLATES[code]) <= fields(ENGLISH[code]), WINDOW_TEMPLATES[code]


def test_the_chinese_keeps_every_placeholder():
    root = ET.parse(TS_FILE).getroot()
    checked = 0
    for context in root.iter("context"):
        if context.findtext("name") not in CONTEXTS:
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            assert translation, f"no Chinese for {source!r}"
            assert fields(translation) == fields(source), (source, translation)
            checked += 1
    assert checked >= len(set(WINDOW_TEMPLATES.values()))


def test_a_data_error_is_said_in_chinese_with_its_cause_and_how_to(back_to_english):
    truncated = CodedError(
        "data.truncated_labels", path="/d/train-labels-idx1-ubyte", size=11, count=5, expected=13
    )
    damaged = CodedError("data.cache_damaged", cause=truncated, path="/cache/raw")
    assert explain_data_error(damaged) == str(damaged)  # English: core's words exactly
    language.apply_language(language.CHINESE)
    said = explain_data_error(damaged)
    assert said.startswith("/d/train-labels-idx1-ubyte：文件不完整") and "删除文件夹 /cache/raw" in said
    assert said.error is damaged  # kept, to be said again after a language switch
    missing = explain_data_error(DataNotFound("data.download_failed", why="no network"))
    assert missing.startswith("找不到 Fashion-MNIST") and missing.endswith("（下载失败：no network）")


def test_a_param_said_in_words_follows_the_language(back_to_english):
    error = CodedError("data.too_short", path="/d/x", kind="label", size=3, header=8)
    language.apply_language(language.CHINESE)
    assert explain_data_error(error) == "/d/x：太短，不可能是 IDX 标签文件（3 字节；仅文件头就有 8 字节）。"
    wrong_type = CodedError("checkpoint.metrics_type", path="/m/x.pt", type="list")
    assert checkpoint_messages.explain_file_error(wrong_type, "/m/x.pt") == "x.pt：指标是列表，不是一张数值表"
    note = Note("checkpoint.note.no_hash")
    assert checkpoint_messages.explain_note(note).startswith("由旧版本程序保存")


def test_a_model_that_cannot_be_built_is_explained_in_the_window_language(
    qtbot, monkeypatch, tmp_path, back_to_english
):
    import core.predictor
    from gui.session import Session
    from gui.session.model_sources import ModelSource

    monkeypatch.setattr(core.predictor, "pretrained_path", lambda name: tmp_path / f"{name}.pt")
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(ModelSource.pretrained("mlp"))
    assert session.predictor() is None
    assert session.predictor_error().startswith("no shipped pretrained mlp model: ")
    language.apply_language(language.CHINESE)
    assert session.predictor_error().startswith("没有随程序提供的预训练 mlp 模型：")
