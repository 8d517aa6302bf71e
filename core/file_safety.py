"""Writing a user's file without ever losing the old one, and reading one only when it is sane.

Shared by checkpoints (core.checkpoint) and extracted data (core.idx): atomic replace through a
temp file beside the target, the umask honoured, a symlink written through (not replaced),
special files refused, and the temp files of a killed process removed on the next run."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from pathlib import Path

# A temp file without a live owner older than this is a leftover of an older version (whose names
# carry no process id): old enough that no save still writing it could be that slow.
STALE_TEMP_SECONDS = 60.0


class TargetError(OSError):
    """A path that cannot be written as a file; the message says why, for people."""


def current_umask() -> int:
    """The process umask, read without changing it where the OS allows (os.umask is not
    thread-safe: another thread creating a file in between would get the wrong mode)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """Where a save to `path` really writes: through symlinks, refusing what is not a file.

    Raises TargetError for an empty path, a folder, a FIFO, a device node or a socket."""
    text = os.fspath(path)
    if not text.strip():
        raise TargetError("no file name given (an empty path)")
    target = Path(os.path.realpath(text)) if os.path.islink(text) else Path(text)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except NotADirectoryError:
        raise TargetError(f"{target}: a part of this path is a file, not a folder") from None
    except OSError as error:
        raise TargetError(f"{target}: cannot be reached ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise TargetError(f"{target}: is a folder; give a file name inside it")
    if not stat.S_ISREG(mode):
        raise TargetError(f"{target}: is a special file (pipe, device or socket), not a regular file")
    return target


def nearest_existing_folder(target: Path) -> Path:
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Check before long work that a file can be written at `path`: the resolved target.

    Creates nothing that stays: the folders that would be made are only checked for rights."""
    target = resolve_target(path)
    folder = nearest_existing_folder(target)
    if not folder.is_dir():
        raise TargetError(f"{folder}: is a file, so {target} cannot be created under it")
    # Try for real: os.access says yes to root on a read-only mount or in /proc.
    try:
        # Named like a save's temp file, so a probe left by a kill is cleaned up like one.
        handle, probe = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
    except OSError as error:
        raise TargetError(f"{folder}: cannot write in this folder ({error.strerror or error})") from None
    os.close(handle)
    os.unlink(probe)
    return target


def remove_leftover_temps(folder: Path, name: str, suffix: str) -> int:
    """Delete `.{name}.*{suffix}` files that a killed writer left; return how many went.

    New temp names carry their writer's process id (`.{name}.{pid}.xxxx{suffix}`): those of a
    live process are kept, so two savers never delete each other's work."""
    removed = 0
    try:
        candidates = list(folder.glob(f".{glob.escape(name)}.*{suffix}"))
    except OSError:
        return 0
    for candidate in candidates:
        middle = candidate.name[len(name) + 2 :]
        pid_text = middle.split(".", 1)[0]
        try:
            if pid_text.isdigit():
                if _process_alive(int(pid_text)):
                    continue
            elif time.time() - candidate.stat().st_mtime < STALE_TEMP_SECONDS:
                continue
            candidate.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: assume it is still writing
    return True


def new_file_mode(target: Path) -> int:
    """An existing file keeps its permissions; a new one gets 0666 minus the umask, like `>`."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def temp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
