"""core/errors.py: a coded error's English is its code's sentence, and every code core names exists.

An unknown code is a KeyError where the error is built, a traceback instead of one line: the
scan below finds a misspelt code in core's sources before any user meets that error."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.errors import ENGLISH, CodedError, Note, describe_type, type_name

CORE = Path(__file__).resolve().parent.parent / "core"
CODE = re.compile(r"(checkpoint|image|data|model)\.[a-z_]+(\.[a-z_]+)?")


def test_the_english_is_the_codes_sentence_with_its_params():
    error = CodedError("checkpoint.config_type", path="/m/x.pt", type="list")
    assert str(error) == "/m/x.pt: its training settings are a list, not a table of settings"
    assert error.code == "checkpoint.config_type" and error.params == {"path": "/m/x.pt", "type": "list"}
    assert str(CodedError("checkpoint.config_type", path="/m/x.pt", type="")).endswith(
        "are missing, not a table of settings"
    )


def test_a_cause_inside_an_error_is_said_in_its_own_words():
    cause = CodedError("data.no_labels", path="/d/labels")
    error = CodedError("data.cache_damaged", cause=cause, path="/cache")
    assert (
        str(error)
        == "/d/labels: the file holds no labels.\nDelete the folder /cache to fetch the files again."
    )


def test_notes_compare_by_code_and_params():
    assert Note("checkpoint.note.no_hash") == Note("checkpoint.note.no_hash")
    assert Note("data.from_variable", variable="A") != Note("data.from_variable", variable="B")
    assert str(Note("data.from_variable", variable="A")) == " (from A)"


def test_an_unknown_code_fails_where_it_is_built():
    with pytest.raises(KeyError):
        CodedError("checkpoint.no_such_code")


@pytest.mark.parametrize(
    ("value", "words"), [(None, "missing"), ([1], "a list"), (3, "an int"), ({}, "a dict")]
)
def test_a_wrong_values_type_in_words(value, words):
    assert describe_type(type_name(value)) == words


def test_every_code_named_in_core_is_in_the_table():
    named = set()
    for path in CORE.glob("*.py"):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value):
                named.add((path.name, node.value))
    unknown = sorted(f"{file}: {code}" for file, code in named if code not in ENGLISH)
    assert named and not unknown, unknown
