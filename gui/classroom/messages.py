"""Why the class page could not start, said from core's codes in the window's language, one line.

As for checkpoints (gui/checkpoint_messages.py), the window never shows core's English sentence:
each code has a template here, and tests/gui/test_error_codes.py fails a code without one.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.errors import CodedError
from gui.checkpoint_messages import Phrasebook

CONTEXT = "ClassMessages"

TEMPLATES: dict[str, str] = {
    "class_server.port_in_use": QT_TRANSLATE_NOOP(
        "ClassMessages",
        "Port {port} is already in use on this computer (another class page or another program).",
    ),
    "class_server.no_network": QT_TRANSLATE_NOOP(
        "ClassMessages", "{host} is not an address of this computer: is it connected to the network?"
    ),
    "class_server.permission": QT_TRANSLATE_NOOP(
        "ClassMessages", "Not allowed to listen on port {port} (ports below 1024 need administrator rights)."
    ),
    "class_server.cannot_listen": QT_TRANSLATE_NOOP(
        "ClassMessages", "Cannot listen on {host} port {port} ({why})."
    ),
    "class_server.ended": QT_TRANSLATE_NOOP(
        "ClassMessages",
        "The class page stopped unexpectedly ({why}). Press Invite the class to start it again.",
    ),
}
# Anything else (an OSError core did not name), still on one line.
COULD_NOT_START = QT_TRANSLATE_NOOP("ClassMessages", "The class page could not start: {reason}")


def _translate(source: str) -> str:
    return QCoreApplication.translate("ClassMessages", source)


PHRASES = Phrasebook(TEMPLATES, {}, _translate)


def explain(error: BaseException) -> str:
    """One line for the Class tab: a coded error in the window's language, anything else as it is."""
    if isinstance(error, CodedError) and error.code in TEMPLATES:
        return PHRASES.say(error)
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return _translate(COULD_NOT_START).format(reason=reason)
