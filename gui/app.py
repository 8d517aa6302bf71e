"""Start-up: paint the window first, then import torch and load the dataset in the background.

`import torch` alone takes ~1.7 s here, so nothing imported before `window.show()` may pull it
in: only PySide6, pyqtgraph/numpy and core's torch-free modules (classes, config, paths).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from gui.display_check import display_problem
from gui.freed_memory import freeze_start_up_objects, limit_malloc_arenas

ORGANIZATION = "fashion-mnist-playground"
APPLICATION = "Fashion-MNIST Playground"
FALLBACK_LOAD_DELAY_MS = 1500
FONT_WARNING_MS = 20_000  # long enough to be read from the back of a room


def configure_application_names() -> None:
    """QSettings() with no arguments finds the app's settings through these names."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def run_app(argv: list[str]) -> int:
    configure_application_names()
    if QApplication.instance() is None:
        # Qt would abort (exit 134) without a display; say so in one line and exit 1 instead.
        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 1
    limit_malloc_arenas()  # before Qt's or torch's first worker thread
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationDisplayName(APPLICATION)
    from gui.widgets import wheel_guard

    wheel_guard.install(app)  # before any widget: every combo and spin box gets its focus policy

    from gui import language
    from gui.main_window import MainWindow  # pyqtgraph + numpy, no torch
    from gui.session import Session

    # Before any widget exists, so every text is created in the remembered (or system) language.
    language.install_saved_language()

    # The display name (added to every window title) follows the language in MainWindow._retranslate.
    session = Session()
    window = MainWindow(session)
    show_font_warnings(window)
    window.show_for_the_room()  # filling a projector's screen at first launch
    # Start the slow part only once the window is on screen: the loader thread's `import torch`
    # competes for the interpreter and would delay the first paint. The timer is a fallback
    # for platforms that never paint (start_loading runs once either way).
    window.first_painted.connect(session.start_loading)
    # torch and the dataset are the last of start-up's long-lived objects: freeze them once there.
    session.dataset_changed.connect(freeze_start_up_objects, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(FALLBACK_LOAD_DELAY_MS, session.start_loading)
    # A job still running at exit (a half-done `import torch`) is waited for by gui.background
    # before the interpreter's teardown, unless main.py ends the process first.
    return int(app.exec())


def show_font_warnings(window: QMainWindow) -> None:
    """Chinese chosen but no font draws it: say so in the status bar (once now, or at a later switch)."""
    from gui import language

    def show(message: str) -> None:
        window.statusBar().showMessage(message, FONT_WARNING_MS)

    language.notifier().font_missing.connect(show)
    warning = language.font_warning()
    if warning:
        show(warning)


if __name__ == "__main__":
    sys.exit(run_app(sys.argv))
