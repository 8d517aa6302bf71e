"""core's sketchbook errors and notes (sketchbook.*) in the window's language.

Like gui/checkpoint_messages.py: the window looks the code up here and fills the template with the
params, never showing core's English sentence; a file is named by its name alone, so a long path
cannot widen a message line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.errors import CodedError, Note
from gui.checkpoint_messages import Phrasebook

CONTEXT = "SketchbookMessages"

TEMPLATES: dict[str, str] = {
    "sketchbook.bad_label": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "Cannot keep the sketch: {label!r} is not one of the ten classes (0–9)"
    ),
    "sketchbook.bad_input": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "Cannot keep the sketch: its model input is {shape} {dtype}, not 28×28 uint8"
    ),
    "sketchbook.bad_board": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "Cannot keep the sketch: the board picture is not a PNG image, or it is damaged"
    ),
    "sketchbook.cannot_keep": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "Cannot keep the sketch in {path}: {why}"
    ),
    "sketchbook.cannot_delete": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "Cannot delete the sketch from {path}: {why}"
    ),
    "sketchbook.nothing_to_export": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "The sketchbook is empty: there is nothing to export."
    ),
    "sketchbook.cannot_save_there": QT_TRANSLATE_NOOP("SketchbookMessages", "Cannot save there: {why}"),
    "sketchbook.file.foreign": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: not a sketch saved by this app"
    ),
    "sketchbook.file.damaged": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: damaged, or not a PNG picture"
    ),
    "sketchbook.file.too_large": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: {size:,} bytes, larger than any sketch (limit {limit:,})"
    ),
    "sketchbook.file.wrong_size": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: a {width}×{height} picture, not a 28×28 sketch"
    ),
    "sketchbook.file.board_size": QT_TRANSLATE_NOOP(
        "SketchbookMessages",
        "{path}: a {width}×{height} board picture, larger than any board (limit {limit}×{limit})",
    ),
    "sketchbook.file.no_details": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: its label, time or source is missing or invalid"
    ),
    "sketchbook.file.newer": QT_TRANSLATE_NOOP(
        "SketchbookMessages",
        "{path}: saved by a newer version of the app (sketch format {version}; this one reads {ours})",
    ),
    "sketchbook.file.unreadable": QT_TRANSLATE_NOOP("SketchbookMessages", "{path}: cannot be read ({why})"),
    "sketchbook.zip.unreadable": QT_TRANSLATE_NOOP("SketchbookMessages", "{path}: cannot be read ({why})"),
    "sketchbook.zip.not_zip": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: not a zip file (an exported sketchbook is one)"
    ),
    "sketchbook.zip.unsafe_name": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: refused: it holds {name!r}, a name that leads out of its folder"
    ),
    "sketchbook.zip.link": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: refused: it holds a symbolic link ({name!r})"
    ),
    "sketchbook.zip.encrypted": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: refused: {name!r} is encrypted"
    ),
    "sketchbook.zip.too_many": QT_TRANSLATE_NOOP(
        "SketchbookMessages", "{path}: refused: it holds {count:,} files (a sketchbook has at most {limit:,})"
    ),
    "sketchbook.zip.too_big": QT_TRANSLATE_NOOP(
        "SketchbookMessages",
        "{path}: refused: it unpacks to {size_mb:,.0f} MB (a sketchbook is at most {limit_mb:,} MB)",
    ),
    "sketchbook.zip.bomb": QT_TRANSLATE_NOOP(
        "SketchbookMessages",
        "{path}: refused: {name!r} unpacks to {ratio:,.0f} times its size, far beyond any picture "
        "(a zip bomb)",
    ),
    "sketchbook.zip.bad_member": QT_TRANSLATE_NOOP("SketchbookMessages", "{path}: refused: {cause}"),
    "sketchbook.zip.empty": QT_TRANSLATE_NOOP("SketchbookMessages", "{path}: holds no sketches"),
}


def _translate(source: str) -> str:
    return QCoreApplication.translate("SketchbookMessages", source)


PHRASES = Phrasebook(TEMPLATES, {}, _translate)


def explain(coded: CodedError | Note) -> str:
    """A sketchbook error or note as one line in the window's language, files named by their name."""
    shown = {}
    if isinstance(coded.params.get("path"), str):
        shown["path"] = Path(coded.params["path"]).name or coded.params["path"]
    return " ".join(PHRASES.say(coded, **shown).split())
