"""Errors and notes with a stable code and parameters; their English lives in one table here.

The CLI prints ``str(error)``: core's English, built from ENGLISH. The window never reads that
sentence back: it maps ``error.code`` to a template of its own, in its language, and fills it with
``error.params`` (gui/checkpoint_messages.py). So a change of wording here cannot silently drop a
translation, and a new code without a window template fails a test (tests/gui/test_error_codes.py).

Conventions for params: ``path`` is the file or folder concerned, named in full by the CLI (the
window shows its name alone); a param may itself be a CodedError (a cause, said by its own code);
``type`` is a Python type's name, or "" for a missing value (see describe_type).
"""

from __future__ import annotations

from typing import Any

# One sentence per code. Codes are never renamed (the window's templates are keyed by them);
# the English may change freely.
ENGLISH: dict[str, str] = {
    # -- checkpoints: the file itself (core/checkpoint.py) ------------------------------------
    "checkpoint.missing": "{path}: no such checkpoint file",
    "checkpoint.unreadable": "{path}: cannot be read ({why})",
    "checkpoint.folder": "{path}: is a folder, not a checkpoint file",
    "checkpoint.special_file": "{path}: is a special file (pipe, device or socket), not a checkpoint",
    "checkpoint.huge": (
        "{path}: {size_mb:,.0f} MB is far larger than any checkpoint this app makes "
        "(limit {limit_mb} MB); refused without reading it"
    ),
    "checkpoint.grew": "{path}: larger than {limit_mb} MB; refused",
    "checkpoint.empty": "{path}: not a checkpoint file, or it is damaged (the file is empty)",
    "checkpoint.image": "{path}: not a checkpoint file, or it is damaged (it is a {format} image)",
    "checkpoint.gzip": "{path}: not a checkpoint file, or it is damaged (it is a gzip file)",
    "checkpoint.pdf": "{path}: not a checkpoint file, or it is damaged (it is a PDF document)",
    "checkpoint.foreign_bytes": (
        "{path}: not a checkpoint file, or it is damaged "
        "(it does not start like a checkpoint saved by this app)"
    ),
    "checkpoint.damaged": "{path}: not a checkpoint file, or it is damaged",
    # torch's own words about the bytes: useful in a terminal, noise to a class (the window hides them)
    "checkpoint.damaged_torch_says": "{path}: not a checkpoint file, or it is damaged ({torch_says})",
    "checkpoint.runs_code": (
        "{path}: refused to load: it holds Python objects beyond weights and data, which could "
        "run code. Only checkpoints saved by this app are accepted."
    ),
    "checkpoint.cannot_save_there": "cannot save there: {why}",
    # -- checkpoints: the fields inside (core/checkpoint_checks.py) ----------------------------
    "checkpoint.foreign": "{path}: not a Fashion-MNIST Playground checkpoint",
    "checkpoint.version_unknown": "{path}: unknown checkpoint format version {version!r}",
    "checkpoint.version_newer": (
        "{path}: saved by a newer version of the app (format {version}; this one reads up to {ours})"
    ),
    "checkpoint.model_unknown": "{path}: unknown model {model!r} (known: {known})",
    "checkpoint.model_other": "{path}: holds a {model} model, not {expected}",
    "checkpoint.weights_misfit": "{path}: its weights do not fit a {model} model ({detail})",
    "checkpoint.config_type": "{path}: its training settings are {type}, not a table of settings",
    "checkpoint.config_invalid": "{path}: its training settings are invalid ({why})",
    "checkpoint.metrics_type": "{path}: its metrics are {type}, not a table of numbers",
    "checkpoint.metric_value": "{path}: its metric {key!r} is {value!r}, not a number",
    "checkpoint.classes_type": "{path}: its class names are {type}, not a list of ten names",
    "checkpoint.classes_other": (
        "{path}: it was trained for other classes ({count}: {shown}), not Fashion-MNIST's ten"
    ),
    "checkpoint.weights_type": "{path}: its weights are {type}, not named tensors",
    "checkpoint.weight_type": "{path}: its weights hold {type} under {name!r}, not a tensor",
    "checkpoint.hash_missing": "{path}: its weights' checksum is missing or not text; the file was altered",
    "checkpoint.hash_mismatch": (
        "{path}: its weights do not match the checksum saved with them: the file is damaged "
        "(changed after it was saved); use another copy"
    ),
    "checkpoint.non_finite": (
        "{path}: its weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values); "
        "it cannot predict anything"
    ),
    "checkpoint.note.no_hash": (
        "saved without a checksum by an older version of the app; save it again to add one"
    ),
    # -- models that are not files (core/predictor.py) -----------------------------------------
    "model.no_pretrained": (
        "no shipped pretrained {model} model: {path} is missing "
        "(see resources/models/README.md for the command that makes it)"
    ),
    "model.non_finite": (
        "{label}: the weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values)"
    ),
    # -- images (core/preprocess.py) ------------------------------------------------------------
    "image.missing": "cannot read {name}: no such file",
    "image.folder": "cannot read {name}: it is a folder, not an image file",
    "image.permission": "cannot read {name}: permission denied",
    "image.not_image": (
        "cannot read {name}: not an image (PNG, JPEG, BMP, GIF, TIFF or WebP expected)"
    ),
    "image.special_file": "cannot read {name}: it is a pipe, device or socket, not an image file",
    "image.damaged": "cannot read {name}: not an image or damaged ({why})",
    "image.too_many_pixels": (
        "cannot read {name}: the picture is {width:,}×{height:,} pixels "
        "({megapixels:,.0f} megapixels; the limit is {limit})"
    ),
    "image.empty": "cannot read {name}: the image is empty",
    "image.blank": "cannot use {name}: the picture is blank, there is no garment to classify",
    # -- the class sketchbook (core/sketchbook.py, core/sketch_files.py, core/sketchbook_zip.py) --
    "sketchbook.bad_label": "cannot keep the sketch: {label!r} is not one of the ten classes (0–9)",
    "sketchbook.bad_input": "cannot keep the sketch: its model input is {shape} {dtype}, not 28×28 uint8",
    "sketchbook.bad_board": "cannot keep the sketch: the board picture is not a PNG image, or it is damaged",
    "sketchbook.cannot_keep": "cannot keep the sketch in {path}: {why}",
    "sketchbook.cannot_delete": "cannot delete the sketch from {path}: {why}",
    "sketchbook.nothing_to_export": "The sketchbook is empty: there is nothing to export.",
    "sketchbook.cannot_save_there": "cannot save there: {why}",
    # a file in a sketchbook's folder or a zip that is not a sketch (a Note when listing a folder)
    "sketchbook.file.foreign": "{path}: not a sketch saved by this app",
    "sketchbook.file.damaged": "{path}: damaged, or not a PNG picture",
    "sketchbook.file.too_large": "{path}: {size:,} bytes, larger than any sketch (limit {limit:,})",
    "sketchbook.file.wrong_size": "{path}: a {width}×{height} picture, not a 28×28 sketch",
    "sketchbook.file.board_size": (
        "{path}: a {width}×{height} board picture, larger than any board (limit {limit}×{limit})"
    ),
    "sketchbook.file.no_details": "{path}: its label, time or source is missing or invalid",
    "sketchbook.file.newer": (
        "{path}: saved by a newer version of the app (sketch format {version}; this one reads {ours})"
    ),
    "sketchbook.file.unreadable": "{path}: cannot be read ({why})",
    "sketchbook.zip.unreadable": "{path}: cannot be read ({why})",
    "sketchbook.zip.not_zip": "{path}: not a zip file (an exported sketchbook is one)",
    "sketchbook.zip.unsafe_name": "{path}: refused: it holds {name!r}, a name that leads out of its folder",
    "sketchbook.zip.link": "{path}: refused: it holds a symbolic link ({name!r})",
    "sketchbook.zip.encrypted": "{path}: refused: {name!r} is encrypted",
    "sketchbook.zip.too_many": (
        "{path}: refused: it holds {count:,} files (a sketchbook has at most {limit:,})"
    ),
    "sketchbook.zip.too_big": (
        "{path}: refused: it unpacks to {size_mb:,.0f} MB (a sketchbook is at most {limit_mb:,} MB)"
    ),
    "sketchbook.zip.bomb": (
        "{path}: refused: {name!r} unpacks to {ratio:,.0f} times its size, far beyond any picture "
        "(a zip bomb)"
    ),
    "sketchbook.zip.bad_member": "{path}: refused: {cause}",
    "sketchbook.zip.empty": "{path}: holds no sketches",
    # -- Fashion-MNIST's files (core/data.py, core/idx.py, core/data_cache.py) -----------------
    "data.how_to": (
        "Fashion-MNIST was not found. Get it in one of these ways:\n"
        "  • Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
        "  • Put the four files {names} (or the same names ending in .gz) in a folder, then set "
        "{variable}=that folder or start with --data that folder.\n"
        "  • Connect to the internet and start again: the app downloads them (about 30 MB) into "
        "{cache}."
    ),
    "data.from_variable": " (from {variable})",
    "data.not_found": "{how_to}",
    "data.download_failed": "{how_to}\n\n(The download failed: {why})",
    "data.folder_missing": "The data folder {path}{given_by} does not exist.\n\n{how_to}",
    "data.folder_is_file": "The data path {path}{given_by} is a file, not a folder.\n\n{how_to}",
    "data.folder_lacks": (
        "The data folder {path}{given_by} lacks {missing} (or the same with .gz).\n\n{how_to}"
    ),
    "data.folder_unreadable": "The data folder {path}{given_by} cannot be read ({why}).",
    "data.folder_link_loop": (
        "The data folder {path}{given_by} is a symbolic link that loops back on itself ({why}); "
        "point it at the folder that holds the files."
    ),
    "data.file_link_loop": "{path}: a symbolic link that loops back on itself; it leads to no file.",
    "data.special_file": (
        "{path}: is a special file (pipe, device or socket), not a data file; "
        "put the downloaded file there instead."
    ),
    "data.permission": "{path}: cannot be read (permission denied).",
    "data.permission_somewhere": "a data or cache folder: cannot be read (permission denied).",
    "data.cache_damaged": "{cause}\nDelete the folder {path} to fetch the files again.",
    "data.split_unreadable": "{path}: the {split} files could not be read ({why}).",
    "data.unreadable": "{path}: cannot be read ({why}).",
    "data.too_short": (
        "{path}: too short to be an IDX {kind} file ({size} bytes; the header alone is {header})."
    ),
    "data.gzipped": (
        "{path}: this file is gzip-compressed; give it the name {name}.gz "
        "(or decompress it) so it is read as a compressed file."
    ),
    "data.labels_not_images": (
        "{path}: this is a label file, not an IDX image file; the files' names are mixed up."
    ),
    "data.images_not_labels": (
        "{path}: this is an image file, not an IDX label file; the files' names are mixed up."
    ),
    "data.bad_magic": (
        "{path}: not an IDX {kind} file (magic number 0x{magic:08X}, expected 0x{expected:08X}); "
        "the file is damaged or is something else."
    ),
    "data.truncated_images": (
        "{path}: the file is truncated: it has {size:,} bytes but its header promises "
        "{count:,} images of {rows}×{cols} ({expected:,} bytes). Copy or download it again."
    ),
    "data.truncated_labels": (
        "{path}: the file is truncated: it has {size:,} bytes but its header promises "
        "{count:,} labels ({expected:,} bytes). Copy or download it again."
    ),
    "data.extra_bytes_images": (
        "{path}: the file has {extra:,} unexpected bytes after the {count:,} images of {rows}×{cols} "
        "its header promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file."
    ),
    "data.extra_bytes_labels": (
        "{path}: the file has {extra:,} unexpected bytes after the {count:,} labels "
        "its header promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file."
    ),
    "data.image_size": (
        "{path}: its images are {rows}×{cols} pixels; Fashion-MNIST images are {size}×{size}."
    ),
    "data.no_images": "{path}: the file holds no images.",
    "data.no_labels": "{path}: the file holds no labels.",
    "data.label_range": (
        "{path}: label {label} (at position {position:,}) is outside 0–{highest}; "
        "this is not a Fashion-MNIST label file."
    ),
    "data.count_mismatch": (
        "{images_path} holds {images:,} images but {labels_path} holds {labels:,} labels; "
        "they must match one to one."
    ),
    "data.gzip_corrupt": (
        "{path}: the gzip file is corrupt and cannot be decompressed ({why}). Copy or download it again."
    ),
    "data.gzip_bomb": (
        "{path}: decompresses to more than {limit:,} bytes, more than a Fashion-MNIST "
        "{kind}s file can hold; refused (a damaged file or a decompression bomb)."
    ),
    "data.file_huge": "{path}: far larger than a Fashion-MNIST file; refused.",
    "data.swapped": (
        "{path}: the training files hold {train:,} images and the test files {test:,}; the two are "
        "swapped (Fashion-MNIST trains on 60,000 and tests on 10,000): swap their names back."
    ),
    "data.cache_unwritable": "{path}: cannot write the extracted data there ({why}).",
    "data.stamp_unwritable": "{path}: cannot write there ({why})",
    # -- the class's drawing page (core/class_server) ------------------------------------------
    "class_server.port_in_use": (
        "port {port} is already in use on this computer (another class page, or another program); "
        "choose another port"
    ),
    "class_server.no_network": (
        "{host} is not an address of this computer: is it connected to the network?"
    ),
    "class_server.permission": (
        "not allowed to listen on port {port} (ports below 1024 need administrator rights); "
        "choose a port above 1024"
    ),
    "class_server.cannot_listen": "cannot listen on {host} port {port} ({why})",
    "class_server.ended": "the class page's server process ended unexpectedly ({why})",
    # -- fine-tuning on the class's sketches (core/finetune.py) ---------------------------------
    "finetune.no_sketches": "{path}: no sketches to learn from (keep some on the Draw tab first)",
    "finetune.nothing_to_train": (
        "every sketch is held out: nothing is left to learn from (hold fewer out or keep more sketches)"
    ),
    "finetune.held_out": (
        "the held-out part must be a share from 0 to below 1 (e.g. 0.25) or a whole number of "
        "sketches, got {value}"
    ),
    "finetune.setting": "{name} must be {allowed}, got {value}",
    "finetune.too_few": (
        "only {count} sketches: keep {needed} more (at least 10, one held out) before teaching"
    ),
    "finetune.none_held": "no sketch is held out: hold at least one out to see what was learnt",
}


def english(code: str, params: dict[str, Any]) -> str:
    """core's sentence for `code` (KeyError for an unknown code: every code must be in ENGLISH)."""
    return ENGLISH[code].format(**params)


def describe_type(type_name: str) -> str:
    """ "a list", "an int", "missing": a `type` param in English words."""
    if not type_name:
        return "missing"
    return f"{'an' if type_name[0] in 'aeiou' else 'a'} {type_name}"


def type_name(value: Any) -> str:
    """The `type` param for a wrong value: its type's name, "" when it is missing (None)."""
    return "" if value is None else type(value).__name__


class CodedError(Exception):
    """An error the user is told about: `code` says which (stable), `params` fill its sentence.

    ``str()`` is the English sentence of ENGLISH[code] (what the CLI prints); a `type` param is
    said in words ("a list") there. Subclasses only say which family an error belongs to."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(english(code, _english_params(params)))


class Note:
    """Something worth telling the user that does not stop the work, coded like CodedError."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        self._text = english(code, _english_params(params))  # an unknown code fails here, not later

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Note({self.code!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Note) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)


def _english_params(params: dict[str, Any]) -> dict[str, Any]:
    if "type" not in params:
        return params
    return {**params, "type": describe_type(params["type"])}
