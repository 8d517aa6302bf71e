"""core's errors and notes about checkpoint, image and model files, said in the window's language.

core raises them with a stable code and params (core/errors.py); its English sentence is for the
CLI. The window never reads that sentence back: it looks the code up in TEMPLATES and fills the
template with the params, so core may reword its English without the window losing a translation,
and a code without a template fails tests/gui/test_error_codes.py. A refused file is named by its
name alone (a long path cannot wrap and would widen the Draw tab; the full path stays in the status
bar's "Opening …" and the tooltip), and torch's own words about broken bytes are left to the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.errors import CodedError, Note, describe_type

CONTEXT = "CheckpointMessages"  # the translation context of everything here
DAMAGED = QT_TRANSLATE_NOOP("CheckpointMessages", "not a checkpoint file, or it is damaged")

# code → what the window says after "{file}: " (a refused file) or as a whole line (the rest).
TEMPLATES: dict[str, str] = {
    "checkpoint.missing": QT_TRANSLATE_NOOP("CheckpointMessages", "no such checkpoint file"),
    "checkpoint.unreadable": QT_TRANSLATE_NOOP("CheckpointMessages", "cannot be read ({why})"),
    "checkpoint.folder": QT_TRANSLATE_NOOP("CheckpointMessages", "is a folder, not a checkpoint file"),
    "checkpoint.special_file": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "is a special file (pipe, device or socket), not a checkpoint"
    ),
    "checkpoint.huge": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "{size_mb:,.0f} MB is far larger than any checkpoint this app makes (limit {limit_mb} MB); "
        "refused without reading it",
    ),
    "checkpoint.grew": QT_TRANSLATE_NOOP("CheckpointMessages", "larger than {limit_mb} MB; refused"),
    "checkpoint.empty": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "not a checkpoint file, or it is damaged (the file is empty)"
    ),
    # a picture given as a checkpoint: say where pictures go instead of "or it is damaged"
    "checkpoint.image": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "it is a {format} image, not a checkpoint; to classify it, open it on the Draw tab",
    ),
    "checkpoint.gzip": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "not a checkpoint file, or it is damaged (it is a gzip file)"
    ),
    "checkpoint.pdf": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "not a checkpoint file, or it is damaged (it is a PDF document)"
    ),
    "checkpoint.foreign_bytes": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "not a checkpoint file, or it is damaged (it does not start like a checkpoint saved by this app)",
    ),
    "checkpoint.damaged": DAMAGED,
    # torch's words ("PytorchStreamReader failed reading zip archive: … If yo") tell a class nothing
    "checkpoint.damaged_torch_says": DAMAGED,
    "checkpoint.runs_code": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "refused to load: it holds Python objects beyond weights and data, which could run code. "
        "Only checkpoints saved by this app are accepted.",
    ),
    "checkpoint.cannot_save_there": QT_TRANSLATE_NOOP("CheckpointMessages", "cannot save there: {why}"),
    "checkpoint.foreign": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "not a Fashion-MNIST Playground checkpoint"
    ),
    "checkpoint.version_unknown": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "unknown checkpoint format version {version!r}"
    ),
    "checkpoint.version_newer": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "saved by a newer version of the app (format {version}; this one reads up to {ours})",
    ),
    "checkpoint.model_unknown": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "unknown model {model!r} (known: {known})"
    ),
    "checkpoint.model_other": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "holds a {model} model, not {expected}"
    ),
    "checkpoint.weights_misfit": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its weights do not fit a {model} model ({detail})"
    ),
    "checkpoint.config_type": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its training settings are {type}, not a table of settings"
    ),
    "checkpoint.config_invalid": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its training settings are invalid ({why})"
    ),
    "checkpoint.metrics_type": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its metrics are {type}, not a table of numbers"
    ),
    "checkpoint.metric_value": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its metric {key!r} is {value!r}, not a number"
    ),
    "checkpoint.classes_type": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its class names are {type}, not a list of ten names"
    ),
    "checkpoint.classes_other": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "it was trained for other classes ({count}: {shown}), not Fashion-MNIST's ten"
    ),
    "checkpoint.weights_type": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its weights are {type}, not named tensors"
    ),
    "checkpoint.weight_type": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its weights hold {type} under {name!r}, not a tensor"
    ),
    "checkpoint.hash_missing": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "its weights' checksum is missing or not text; the file was altered"
    ),
    "checkpoint.hash_mismatch": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "its weights do not match the checksum saved with them: the file is damaged "
        "(changed after it was saved); use another copy",
    ),
    "checkpoint.non_finite": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "its weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values); "
        "it cannot predict anything",
    ),
    "checkpoint.note.no_hash": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "saved without a checksum by an older version of the app; save it again to add one",
    ),
    "model.no_pretrained": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "no shipped pretrained {model} model: {path} is missing "
        "(see resources/models/README.md for the command that makes it)",
    ),
    "model.non_finite": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "{label}: the weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values)",
    ),
    # core.preprocess's refusals of pictures (the Draw tab's drops and Ctrl+I)
    "image.missing": QT_TRANSLATE_NOOP("CheckpointMessages", "no such file"),
    "image.folder": QT_TRANSLATE_NOOP("CheckpointMessages", "it is a folder, not an image file"),
    "image.special_file": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "it is a pipe, device or socket, not an image file"
    ),
    "image.permission": QT_TRANSLATE_NOOP("CheckpointMessages", "permission denied"),
    "image.not_image": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "not an image (PNG, JPEG, BMP, GIF, TIFF or WebP expected)"
    ),
    "image.damaged": QT_TRANSLATE_NOOP("CheckpointMessages", "not an image or damaged ({why})"),
    "image.too_many_pixels": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "the picture is {width:,}×{height:,} pixels ({megapixels:,.0f} megapixels; the limit is {limit})",
    ),
    "image.empty": QT_TRANSLATE_NOOP("CheckpointMessages", "the image is empty"),
    "image.blank": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "the picture is blank, there is no garment to classify"
    ),
    # core.finetune's refusals (the Teach it our sketches panel)
    "finetune.no_sketches": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "{path}: no sketches to learn from (keep some on the Draw tab first)"
    ),
    "finetune.nothing_to_train": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "every sketch is held out: nothing is left to learn from (hold fewer out or keep more sketches)",
    ),
    "finetune.held_out": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "the held-out part must be a share from 0 to below 1 (e.g. 0.25) or a whole number of "
        "sketches, got {value}",
    ),
    "finetune.setting": QT_TRANSLATE_NOOP("CheckpointMessages", "{name} must be {allowed}, got {value}"),
    "finetune.too_few": QT_TRANSLATE_NOOP(
        "CheckpointMessages",
        "only {count} sketches: keep {needed} more (at least 10, one held out) before teaching",
    ),
    "finetune.none_held": QT_TRANSLATE_NOOP(
        "CheckpointMessages", "no sketch is held out: hold at least one out to see what was learnt"
    ),
}

# The `type` param (a Python type's name, "" for missing) in words; another type is said in English.
TYPE_WORDS = {
    "": QT_TRANSLATE_NOOP("CheckpointMessages", "missing"),
    "list": QT_TRANSLATE_NOOP("CheckpointMessages", "a list"),
    "tuple": QT_TRANSLATE_NOOP("CheckpointMessages", "a tuple"),
    "dict": QT_TRANSLATE_NOOP("CheckpointMessages", "a dict"),
    "str": QT_TRANSLATE_NOOP("CheckpointMessages", "a str"),
    "int": QT_TRANSLATE_NOOP("CheckpointMessages", "an int"),
    "float": QT_TRANSLATE_NOOP("CheckpointMessages", "a float"),
    "bool": QT_TRANSLATE_NOOP("CheckpointMessages", "a bool"),
}


@dataclass(frozen=True)
class Phrasebook:
    """The window's words for a family of codes: a template per code, words for some params, and
    the translation in their context (a function, so lupdate sees the context's literal name)."""

    templates: Mapping[str, str]
    words: Mapping[str, Mapping[str, str]]  # {param: {value: source}}, e.g. {"kind": {"label": …}}
    translate: Callable[[str], str]

    def say(self, coded: CodedError | Note, **shown: Any) -> str:
        """`coded` in the window's language: its code's template, filled with its params.

        A param that is itself coded (a cause, a how-to) is said the same way, one listed in
        `words` in words; `shown` replaces params (a file's name for its path). A code with no
        template (a test prevents it) is shown as core's English."""
        source = self.templates.get(coded.code)
        if source is None:
            return str(coded)
        params = dict(coded.params)
        for key, value in params.items():
            if isinstance(value, (CodedError, Note)):
                params[key] = self.say(value)
            elif key in self.words and value in self.words[key]:  # only str values have words
                params[key] = self.translate(self.words[key][value])
            elif key == "type":
                params[key] = describe_type(value)
        params.update(shown)
        return self.translate(source).format(**params)


def _translate(source: str) -> str:
    return QCoreApplication.translate("CheckpointMessages", source)


PHRASES = Phrasebook(TEMPLATES, {"type": TYPE_WORDS}, _translate)


def explain(coded: CodedError | Note) -> str:
    """A checkpoint, image or model error or note, as a whole line (paths in full)."""
    return PHRASES.say(coded)


def explain_file_error(error: CodedError | str, path: str) -> str:
    """core's refusal of the file at `path` as one line in the window's language, the file named by
    its name. A plain text (an unexpected failure) or a code without a template yet is shown as
    core's English, the file's path shortened to its name."""
    name = Path(path).name or path
    if isinstance(error, CodedError) and error.code in TEMPLATES:
        reason = PHRASES.say(error, path=name)
        line = QCoreApplication.translate("CheckpointMessages", "{file}: {reason}").format(
            file=name, reason=reason
        )
        return " ".join(line.split())
    line = " ".join(str(error).split())
    return name + line[len(path) :] if line.startswith(f"{path}: ") else line


def explain_note(note: Note | str) -> str:
    """A note core attached to a loaded checkpoint (Predictor.notes), in the window's language."""
    return explain(note) if isinstance(note, Note) else note
