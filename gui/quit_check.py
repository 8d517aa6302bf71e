"""Before the window closes: one question when closing would stop something the class is in.

Quitting while the class page is served (the phones' drawings stop arriving) or while a model
trains (the run stops) asks once, Cancel being the default; quitting an idle window asks nothing.
Only the teacher's own closing asks: File ▸ Quit (Ctrl+Q) and the window's close button. A close
the program makes itself, or the desktop's logout (Qt's session manager saving the session), goes
ahead without a question: a logout must never wait on a dialog nobody answers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class QuitCheckCounts(QObject):
    """Counted words, through tr(): lupdate gives a message its plural forms only there (see
    gui.language)."""

    def devices_drawing(self, count: int) -> str:
        return self.tr("The class is still drawing: %n device(s) have sent drawings.", None, count)


def devices_drawing(class_panel: Any) -> int:
    """How many phones have sent drawings the Class tab shows (its gallery and waiting list)."""
    devices = set()
    for drawings in (class_panel.gallery, class_panel.waiting):
        devices.update(drawings.submission_at(row).device for row in range(drawings.rowCount()))
    return len(devices)


def what_quitting_stops(window: Any) -> list[str]:
    """One sentence per thing that quitting would stop, in the window's language; [] when idle."""
    stops = []
    if window.class_panel.is_serving():
        count = devices_drawing(window.class_panel)
        if count:
            text = QuitCheckCounts().devices_drawing(count)
        else:
            text = QCoreApplication.translate("QuitCheck", "The class page is still open to the students.")
        stops.append(text)
    if window.train_panel.is_training():
        stops.append(QCoreApplication.translate("QuitCheck", "A model is still training on the Train tab."))
    finetune = window.finetune_dialog_if_made()
    if finetune is not None and finetune.panel.running():
        stops.append(QCoreApplication.translate("QuitCheck", "A model is still being taught our sketches."))
    return stops


def asks_before(event: QCloseEvent) -> bool:
    """Whether this close is the window's close button (the window system's event, spontaneous) and
    not part of a logout. Ctrl+Q asks before it closes (MainWindow.quit_asking)."""
    app = QGuiApplication.instance()
    saving_session = isinstance(app, QGuiApplication) and app.isSavingSession()
    return event.spontaneous() and not saving_session


def confirm_quit(parent: QWidget, stops: list[str]) -> bool:
    """Ask once; True to quit. Cancel (also Esc, and the default) keeps everything going."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("QuitCheck", "Quit?"))
    box.setText(" ".join(stops))
    box.setInformativeText(
        QCoreApplication.translate("QuitCheck", "Quit anyway? Cancel keeps everything as it is.")
    )
    quit_button = box.addButton(
        QCoreApplication.translate("QuitCheck", "&Quit"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is quit_button
