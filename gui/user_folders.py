"""Where file dialogs open: the user's Documents or Pictures folder, never the app's source folder.

A dialog given a bare file name opens in the current directory, which for `./run-gui.sh` is the
repository: a teacher's exported pictures and tables would land among the source files.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QStandardPaths

Location = QStandardPaths.StandardLocation


def user_folder(kind: QStandardPaths.StandardLocation) -> str:
    """The user's folder of this kind if it exists, else their home folder, else the temp folder.

    A dialog told to start in a folder that does not exist (HOME gone, as in some kiosk and
    container set-ups) opens in the current directory instead: the repository again."""
    for folder in (QStandardPaths.writableLocation(kind), os.path.expanduser("~")):
        if folder and os.path.isdir(folder):
            return folder
    return QStandardPaths.writableLocation(Location.TempLocation)


def in_documents(file_name: str = "") -> str:
    return os.path.join(user_folder(Location.DocumentsLocation), file_name)


def in_pictures(file_name: str = "") -> str:
    return os.path.join(user_folder(Location.PicturesLocation), file_name)
