"""Files the window writes (pictures, tables): never in place, and a refusal said as what it is.

QImage.save(path) and open(path, "w") write over the old file as they go: on a full disk a
"Save plots as PNG" over an earlier picture left a truncated file that would not open, and a CSV
export 4,096 bytes ending mid-row. Everything here goes through core.file_safety's temp file and
rename, so the old file stays whole until the new one is complete; and the message names the real
cause (a full disk, no permission, a read-only disk) instead of asking whether the folder is
writable.
"""

from __future__ import annotations

import errno
import os

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QImage, QPixmap

from core.errors import CodedError
from core.file_safety import atomic_write_bytes, is_disk_full
from gui.checkpoint_messages import explain_file_error

PERMISSION_ERRNOS = (errno.EACCES, errno.EPERM)


class EncodingError(OSError):
    """Qt could not encode the picture (an empty image, a missing image plugin)."""


def png_bytes(image: QImage | QPixmap) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    encoded = image.save(buffer, "PNG")
    buffer.close()
    if not encoded or data.isEmpty():
        raise EncodingError(errno.EINVAL, "the picture could not be encoded as PNG")
    return bytes(data.data())


def write_png(image: QImage | QPixmap, path: str) -> None:
    """Replace `path` with `image` as a PNG, all at once; OSError (see explain_write_error) if not."""
    atomic_write_bytes(path, png_bytes(image))


def explain_write_error(error: BaseException, path: str) -> str:
    """Why `path` was not written, in one line in the window's language; the old file is intact."""
    if isinstance(error, CodedError):  # core refused the target (a folder, a pipe, a foreign link)
        return explain_file_error(error, path)
    file_name = os.path.basename(path) or path
    folder = os.path.dirname(os.path.abspath(path))
    code = getattr(error, "errno", None)
    if is_disk_full(error):
        text = QCoreApplication.translate(
            "FileWriting", "No space left on the disk holding {folder}: {file} was not written."
        )
    elif code in PERMISSION_ERRNOS:
        text = QCoreApplication.translate(
            "FileWriting", "Permission denied: you may not write {file} in {folder}."
        )
    elif code == errno.EROFS:
        text = QCoreApplication.translate(
            "FileWriting", "{folder} is on a read-only disk: {file} was not written."
        )
    elif code == errno.ENOENT:
        text = QCoreApplication.translate(
            "FileWriting", "The folder {folder} does not exist: {file} was not written."
        )
    elif isinstance(error, EncodingError):
        text = QCoreApplication.translate(
            "FileWriting", "The picture could not be encoded as PNG: {file} was not written."
        )
    else:
        text = QCoreApplication.translate("FileWriting", "{file} was not written: {reason}")
    reason = getattr(error, "strerror", None) or str(error)
    return text.format(file=file_name, folder=folder, reason=reason)
