"""What to do when Fashion-MNIST is missing, in the window's language.

core.data.how_to_get_data() writes it in English for the CLI; the Train and Browse tabs show it to
a class, so the window says the same in its own language. The English source below is core's text
word for word (same file names, variable and folder), so an English window reads exactly as before.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


class HowToGetData(str):
    """A "data not found" message as the Session's dataset_error, with core's English how-to
    said in the window's language; `english` keeps core's message so a language switch can
    say it again. core's sentence before the how-to (which folder lacks what) stays English."""

    english: str = ""


def explain_missing_data(message: str) -> HowToGetData:
    """core's DataNotFound message (which contains its how-to) with the how-to translated."""
    from core.data import how_to_get_data as english_how_to

    said = HowToGetData(message.replace(english_how_to(), how_to_get_data()))
    said.english = message
    return said


def how_to_get_data() -> str:
    """The how-to in the current language. Imports core.data (torch): call it once torch is in."""
    from core import paths
    from core.data import cache_raw_dir
    from core.idx import FILE_NAMES

    text = QCoreApplication.translate(
        "DataHelp",
        "Fashion-MNIST was not found. Get it in one of these ways:\n"
        "  • Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
        "  • Put the four files {names} (or the same names ending in .gz) in a folder, then set "
        "{variable}=that folder or start with --data that folder.\n"
        "  • Connect to the internet and start again: the app downloads them (about 30 MB) into "
        "{cache}.",
    )
    return text.format(names=", ".join(FILE_NAMES), variable=paths.DATA_ENV_VAR, cache=cache_raw_dir())
