"""Why Fashion-MNIST could not be loaded, and how to get it, in the window's language.

core.data raises DataError / DataNotFound with a code and params (core/errors.py) and prints its
English in the CLI; the Train and Browse tabs show the same to a class, said here from the code.
Paths stay in full: the Train tab has room, and a teacher needs to see which folder is meant.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.checkpoint_messages import Phrasebook

CONTEXT = "DataHelp"  # the translation context of everything here

TEMPLATES: dict[str, str] = {
    "data.how_to": QT_TRANSLATE_NOOP(
        "DataHelp",
        "Fashion-MNIST was not found. Get it in one of these ways:\n"
        "  • Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
        "  • Put the four files {names} (or the same names ending in .gz) in a folder, then set "
        "{variable}=that folder or start with --data that folder.\n"
        "  • Connect to the internet and start again: the app downloads them (about 30 MB) into "
        "{cache}.",
    ),
    "data.from_variable": QT_TRANSLATE_NOOP("DataHelp", " (from {variable})"),
    "data.not_found": QT_TRANSLATE_NOOP("DataHelp", "{how_to}"),
    "data.download_failed": QT_TRANSLATE_NOOP("DataHelp", "{how_to}\n\n(The download failed: {why})"),
    "data.folder_missing": QT_TRANSLATE_NOOP(
        "DataHelp", "The data folder {path}{given_by} does not exist.\n\n{how_to}"
    ),
    "data.folder_is_file": QT_TRANSLATE_NOOP(
        "DataHelp", "The data path {path}{given_by} is a file, not a folder.\n\n{how_to}"
    ),
    "data.folder_lacks": QT_TRANSLATE_NOOP(
        "DataHelp", "The data folder {path}{given_by} lacks {missing} (or the same with .gz).\n\n{how_to}"
    ),
    "data.folder_unreadable": QT_TRANSLATE_NOOP(
        "DataHelp", "The data folder {path}{given_by} cannot be read ({why})."
    ),
    "data.folder_link_loop": QT_TRANSLATE_NOOP(
        "DataHelp",
        "The data folder {path}{given_by} is a symbolic link that loops back on itself ({why}); "
        "point it at the folder that holds the files.",
    ),
    "data.file_link_loop": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: a symbolic link that loops back on itself; it leads to no file."
    ),
    "data.special_file": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: is a special file (pipe, device or socket), not a data file; "
        "put the downloaded file there instead.",
    ),
    "data.permission": QT_TRANSLATE_NOOP("DataHelp", "{path}: cannot be read (permission denied)."),
    "data.permission_somewhere": QT_TRANSLATE_NOOP(
        "DataHelp", "a data or cache folder: cannot be read (permission denied)."
    ),
    "data.cache_damaged": QT_TRANSLATE_NOOP(
        "DataHelp", "{cause}\nDelete the folder {path} to fetch the files again."
    ),
    "data.split_unreadable": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: the {split} files could not be read ({why})."
    ),
    "data.unreadable": QT_TRANSLATE_NOOP("DataHelp", "{path}: cannot be read ({why})."),
    "data.too_short": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: too short to be an IDX {kind} file ({size} bytes; the header alone is {header})."
    ),
    "data.gzipped": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: this file is gzip-compressed; give it the name {name}.gz (or decompress it) so it is "
        "read as a compressed file.",
    ),
    "data.labels_not_images": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: this is a label file, not an IDX image file; the files' names are mixed up."
    ),
    "data.images_not_labels": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: this is an image file, not an IDX label file; the files' names are mixed up."
    ),
    "data.bad_magic": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: not an IDX {kind} file (magic number 0x{magic:08X}, expected 0x{expected:08X}); "
        "the file is damaged or is something else.",
    ),
    "data.truncated_images": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the file is truncated: it has {size:,} bytes but its header promises {count:,} images "
        "of {rows}×{cols} ({expected:,} bytes). Copy or download it again.",
    ),
    "data.truncated_labels": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the file is truncated: it has {size:,} bytes but its header promises {count:,} labels "
        "({expected:,} bytes). Copy or download it again.",
    ),
    "data.extra_bytes_images": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the file has {extra:,} unexpected bytes after the {count:,} images of {rows}×{cols} "
        "its header promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file.",
    ),
    "data.extra_bytes_labels": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the file has {extra:,} unexpected bytes after the {count:,} labels its header "
        "promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file.",
    ),
    "data.image_size": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: its images are {rows}×{cols} pixels; Fashion-MNIST images are {size}×{size}."
    ),
    "data.no_images": QT_TRANSLATE_NOOP("DataHelp", "{path}: the file holds no images."),
    "data.no_labels": QT_TRANSLATE_NOOP("DataHelp", "{path}: the file holds no labels."),
    "data.label_range": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: label {label} (at position {position:,}) is outside 0–{highest}; "
        "this is not a Fashion-MNIST label file.",
    ),
    "data.count_mismatch": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{images_path} holds {images:,} images but {labels_path} holds {labels:,} labels; "
        "they must match one to one.",
    ),
    "data.swapped": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the training files hold {train:,} images and the test files {test:,}; the two are "
        "swapped (Fashion-MNIST trains on 60,000 and tests on 10,000): swap their names back.",
    ),
    "data.gzip_corrupt": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: the gzip file is corrupt and cannot be decompressed ({why}). Copy or download it again.",
    ),
    "data.gzip_bomb": QT_TRANSLATE_NOOP(
        "DataHelp",
        "{path}: decompresses to more than {limit:,} bytes, more than a Fashion-MNIST {kind} file can "
        "hold; refused (a damaged file or a decompression bomb).",
    ),
    "data.file_huge": QT_TRANSLATE_NOOP("DataHelp", "{path}: far larger than a Fashion-MNIST file; refused."),
    "data.cache_unwritable": QT_TRANSLATE_NOOP(
        "DataHelp", "{path}: cannot write the extracted data there ({why})."
    ),
    "data.stamp_unwritable": QT_TRANSLATE_NOOP("DataHelp", "{path}: cannot write there ({why})"),
}

# Params said in words: which kind of IDX file, which split.
WORDS = {
    "kind": {
        "image": QT_TRANSLATE_NOOP("DataHelp", "image"),
        "label": QT_TRANSLATE_NOOP("DataHelp", "label"),
    },
    "split": {"train": QT_TRANSLATE_NOOP("DataHelp", "train"), "test": QT_TRANSLATE_NOOP("DataHelp", "test")},
}


def _translate(source: str) -> str:
    return QCoreApplication.translate("DataHelp", source)


PHRASES = Phrasebook(TEMPLATES, WORDS, _translate)


class DataErrorText(str):
    """The Session's dataset_error: core's DataError said in the window's language; `error` keeps
    the error itself so a language switch can say it again."""

    error: Any = None


def explain_data_error(error: Any) -> DataErrorText:
    """core's DataError (DataNotFound included) in the window's language."""
    said = DataErrorText(PHRASES.say(error))
    said.error = error
    return said


def how_to_get_data() -> str:
    """The how-to in the current language. Imports core.data (torch): call it once torch is in."""
    from core.data import how_to_note

    return PHRASES.say(how_to_note())
