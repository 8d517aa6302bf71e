"""core's sentences about a checkpoint or image file, said in the window's language, on one line.

core writes its refusals and notes in English for the CLI ("/long/path/x.pt: not a checkpoint
file, or it is damaged (it is a PNG image)"). The window names the file by its name alone (a
long path cannot wrap and would widen the Draw tab; the full path stays in the status bar's
"Opening …" and the tooltip) and says the reason in its language. The English sources below
are core's words, so an English window reads as the CLI does; a sentence core adds later and
this table does not know yet is shown as core wrote it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

DAMAGED = QT_TRANSLATE_NOOP("CheckpointMessages", "not a checkpoint file, or it is damaged")

# (core's reason as a pattern, the same words as a template to translate); named groups fill it.
_REASONS: tuple[tuple[str, str], ...] = (
    (r"no such checkpoint file", QT_TRANSLATE_NOOP("CheckpointMessages", "no such checkpoint file")),
    (r"no such file", QT_TRANSLATE_NOOP("CheckpointMessages", "no such file")),
    (
        r"is a folder, not a checkpoint file",
        QT_TRANSLATE_NOOP("CheckpointMessages", "is a folder, not a checkpoint file"),
    ),
    (
        r"is a special file \(pipe, device or socket\), not a checkpoint",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages", "is a special file (pipe, device or socket), not a checkpoint"
        ),
    ),
    (
        r"(?P<size>[\d,]+) MB is far larger than any checkpoint this app makes \(limit (?P<limit>\d+) MB\); "
        r"refused without reading it",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages",
            "{size} MB is far larger than any checkpoint this app makes (limit {limit} MB); "
            "refused without reading it",
        ),
    ),
    (
        r"larger than (?P<limit>\d+) MB; refused",
        QT_TRANSLATE_NOOP("CheckpointMessages", "larger than {limit} MB; refused"),
    ),
    (  # a picture given as a checkpoint: say where pictures go instead of "or it is damaged"
        r"not a checkpoint file, or it is damaged \((?P<kind>it is a (?:PNG|JPEG|GIF|BMP) image)\)",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages", "{kind}, not a checkpoint; to classify it, open it on the Draw tab"
        ),
    ),
    (
        r"not a checkpoint file, or it is damaged \((?P<kind>.+)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "not a checkpoint file, or it is damaged ({kind})"),
    ),
    (r"not a checkpoint file, or it is damaged", DAMAGED),
    (
        r"refused to load: it holds Python objects beyond weights and data, which could run code\..*",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages",
            "refused to load: it holds Python objects beyond weights and data, which could run code. "
            "Only checkpoints saved by this app are accepted.",
        ),
    ),
    (
        r"not a Fashion-MNIST Playground checkpoint",
        QT_TRANSLATE_NOOP("CheckpointMessages", "not a Fashion-MNIST Playground checkpoint"),
    ),
    (
        r"saved by a newer version of the app "
        r"\(format (?P<version>\d+); this one reads up to (?P<ours>\d+)\)",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages",
            "saved by a newer version of the app (format {version}; this one reads up to {ours})",
        ),
    ),
    (
        r"its weights do not match the checksum saved with them.*",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages",
            "its weights do not match the checksum saved with them: the file is damaged "
            "(changed after it was saved); use another copy",
        ),
    ),
    (
        r"its weights' checksum is missing or not text; the file was altered",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages", "its weights' checksum is missing or not text; the file was altered"
        ),
    ),
    (
        r"its weights contain NaN or infinite numbers \((?P<which>.+)\); it cannot predict anything",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages",
            "its weights contain NaN or infinite numbers ({which}); it cannot predict anything",
        ),
    ),
    (
        r"its weights do not fit a (?P<model>[\w-]+) model \((?P<detail>.*)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its weights do not fit a {model} model ({detail})"),
    ),
    (
        r"unknown model (?P<model>.+?) \(known: (?P<known>.+)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "unknown model {model} (known: {known})"),
    ),
    (
        r"cannot be read \((?P<why>.+)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "cannot be read ({why})"),
    ),
    (
        r"unknown checkpoint format version (?P<version>.+)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "unknown checkpoint format version {version}"),
    ),
    (
        r"its training settings are (?P<what>.+), not a table of settings",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its training settings are {what}, not a table of settings"),
    ),
    (
        r"its training settings are invalid \((?P<why>.+)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its training settings are invalid ({why})"),
    ),
    (
        r"its metrics are (?P<what>.+), not a table of numbers",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its metrics are {what}, not a table of numbers"),
    ),
    (
        r"its metric (?P<key>.+) is (?P<value>.+), not a number",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its metric {key} is {value}, not a number"),
    ),
    (
        r"its class names are (?P<what>.+), not a list of ten names",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its class names are {what}, not a list of ten names"),
    ),
    (
        r"it was trained for other classes \((?P<classes>.+)\), not Fashion-MNIST's ten",
        QT_TRANSLATE_NOOP(
            "CheckpointMessages", "it was trained for other classes ({classes}), not Fashion-MNIST's ten"
        ),
    ),
    (
        r"its weights are (?P<what>.+), not named tensors",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its weights are {what}, not named tensors"),
    ),
    (
        r"its weights hold (?P<what>.+) under (?P<name>.+), not a tensor",
        QT_TRANSLATE_NOOP("CheckpointMessages", "its weights hold {what} under {name}, not a tensor"),
    ),
    # core.preprocess's sentences about images (the Draw tab's drops and Ctrl+I).
    (
        r"not an image \(PNG, JPEG, BMP or GIF expected\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "not an image (PNG, JPEG, BMP or GIF expected)"),
    ),
    (
        r"not an image or damaged \((?P<why>.+)\)",
        QT_TRANSLATE_NOOP("CheckpointMessages", "not an image or damaged ({why})"),
    ),
    (
        r"it is a folder, not an image file",
        QT_TRANSLATE_NOOP("CheckpointMessages", "it is a folder, not an image file"),
    ),
    (r"permission denied", QT_TRANSLATE_NOOP("CheckpointMessages", "permission denied")),
    (
        r"the picture is blank, there is no garment to classify",
        QT_TRANSLATE_NOOP("CheckpointMessages", "the picture is blank, there is no garment to classify"),
    ),
)

# What core.checkpoint_checks says a non-checkpoint file is, inside "not a checkpoint file (…)".
_KINDS = {
    "it is a PNG image": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a PNG image"),
    "it is a JPEG image": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a JPEG image"),
    "it is a GIF image": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a GIF image"),
    "it is a BMP image": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a BMP image"),
    "it is a gzip file": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a gzip file"),
    "it is a PDF document": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a PDF document"),
    "the file is empty": QT_TRANSLATE_NOOP("CheckpointMessages", "the file is empty"),
    "it does not start like a checkpoint saved by this app": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "it does not start like a checkpoint saved by this app"
    ),
}

# core.checkpoint_checks' words for a field of the wrong type ("its metrics are a list").
_TYPES = {
    "missing": QT_TRANSLATE_NOOP("CheckpointMessages", "missing"),
    "a list": QT_TRANSLATE_NOOP("CheckpointMessages", "a list"),
    "a tuple": QT_TRANSLATE_NOOP("CheckpointMessages", "a tuple"),
    "a dict": QT_TRANSLATE_NOOP("CheckpointMessages", "a dict"),
    "a str": QT_TRANSLATE_NOOP("CheckpointMessages", "a str"),
    "an int": QT_TRANSLATE_NOOP("CheckpointMessages", "an int"),
    "a float": QT_TRANSLATE_NOOP("CheckpointMessages", "a float"),
    "a bool": QT_TRANSLATE_NOOP("CheckpointMessages", "a bool"),
}

# core.checkpoint_checks.HASH_NOTE (not imported: that module imports torch; a test compares them).
_NOTES = {
    "saved without a checksum by an older version of the app; save it again to add one": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "saved without a checksum by an older version of the app; save it again to add one",
    ),
}

_IMAGE_PREFIX = re.compile(r"cannot (?:read|use) (?P<name>.+?): (?P<reason>.*)")


def explain_file_error(message: str, path: str) -> str:
    """core's refusal of `path` as one line in the window's language, the file named by its name."""
    line = " ".join(message.split())
    name = Path(path).name or path
    reason = None
    for prefix in (f"{path}: ", f"{Path(path)}: "):
        if line.startswith(prefix):
            reason = line[len(prefix) :]
            break
    if reason is None:
        image = _IMAGE_PREFIX.fullmatch(line)
        if image is None:
            return line
        reason = image.group("reason")
    text = QCoreApplication.translate("CheckpointMessages", "{file}: {reason}")
    return text.format(file=name, reason=_translate_reason(reason))


def explain_note(note: str) -> str:
    """A note core attached to a loaded checkpoint (Predictor.notes), in the window's language."""
    source = _NOTES.get(note)
    return QCoreApplication.translate("CheckpointMessages", source) if source else note


def _translate_reason(reason: str) -> str:
    for pattern, source in _REASONS:
        match = re.fullmatch(pattern, reason)
        if match is None:
            continue
        values = match.groupdict()
        if "kind" in values and values["kind"] not in _KINDS:
            # torch's own words about the bytes ("PytorchStreamReader failed reading zip archive:
            # … This is an internal miniz error. If yo", cut by core) tell a class nothing more.
            return QCoreApplication.translate("CheckpointMessages", DAMAGED)
        for group, known in (("kind", _KINDS), ("what", _TYPES)):
            source_words = known.get(values.get(group, ""))
            if source_words:
                values[group] = QCoreApplication.translate("CheckpointMessages", source_words)
        return QCoreApplication.translate("CheckpointMessages", source).format(**values)
    return reason
