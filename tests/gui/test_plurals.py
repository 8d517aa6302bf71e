"""Counted words through Qt's plural forms: one source text ("%n epoch(s)"), English's "1 epoch" /
"2 epochs" from translations/playground_en.ts, Chinese's one form from playground_zh_CN.ts. Before,
the code picked between two messages itself ("if count == 1"), or said "run(s)" and "file(s)"."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from gui import language
from gui.quit_check import QuitCheckCounts
from gui.train.lesson_log import epochs_words
from tests.gui.catalogues import LUPDATE, released, updated_copy

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EN_TS = PROJECT_ROOT / "translations" / "playground_en.ts"
ZH_TS = PROJECT_ROOT / "translations" / "playground_zh_CN.ts"


@pytest.fixture
def back_to_english():
    yield
    language.apply_language(language.ENGLISH)


def plural_messages(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) → the forms of each plural message of a .ts."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in message.iter("numerusform")]
                found[(context.findtext("name"), message.findtext("source"))] = forms
    return found


def test_english_says_one_and_many(qapp):
    assert epochs_words(1) == "1 epoch"
    assert epochs_words(2) == "2 epochs" and epochs_words(0) == "0 epochs"
    counts = QuitCheckCounts()
    assert counts.devices_drawing(1) == "The class is still drawing: 1 device has sent drawings."
    assert counts.devices_drawing(12) == "The class is still drawing: 12 devices have sent drawings."


def test_chinese_has_one_form(back_to_english):
    language.apply_language(language.CHINESE)
    assert epochs_words(1) == "1 个迭代周期" and epochs_words(5) == "5 个迭代周期"
    assert QuitCheckCounts().devices_drawing(2) == "全班还在画：已有 2 台设备发来了画。"


def test_every_english_plural_message_has_its_two_forms_in_the_installed_catalogue(qapp):
    messages = plural_messages(EN_TS)
    assert len(messages) >= 9  # epochs, sketches imported and exported, devices, runs, files, images…
    for (context, source), forms in messages.items():
        assert len(forms) == 2 and all(forms), (source, forms)
        assert "(s)" not in forms[0] + forms[1] and "(es)" not in forms[0] + forms[1], forms
        for n, form in ((1, forms[0]), (2, forms[1]), (7, forms[1])):
            assert QCoreApplication.translate(context, source, None, n) == form.replace("%n", str(n))


def test_every_counted_message_is_a_plural_one_in_both_catalogues(qapp):
    """A "%n" message said through QCoreApplication.translate() is not marked plural by
    pyside6-lupdate, so English would print "1 epoch(s)": each must come through a class's tr()."""
    chinese = plural_messages(ZH_TS)
    for context in ET.parse(ZH_TS).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source")
            if "%n" in source:
                assert message.get("numerus") == "yes", f"{context.findtext('name')}: {source}"
    assert set(chinese) == set(plural_messages(EN_TS))
    assert all(len(forms) == 1 and forms[0] for forms in chinese.values())


def test_the_english_catalogue_is_up_to_date_and_released(tmp_path):
    if not LUPDATE.exists():
        pytest.skip(f"{LUPDATE} is not installed")
    copy = updated_copy(EN_TS, tmp_path, "-no-obsolete", "-pluralonly")
    assert copy.read_text(encoding="utf-8") == EN_TS.read_text(encoding="utf-8"), (
        "run scripts/update_translations.sh"
    )
    shipped = language.catalogue_path(language.ENGLISH)
    assert released(EN_TS, tmp_path) == shipped.read_bytes(), "stale .qm: run scripts/update_translations.sh"
