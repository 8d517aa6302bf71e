"""Writing a user's file without ever losing the old one, and reading one only when it is sane.

Shared by checkpoints (core.checkpoint) and extracted data (core.idx): atomic replace through a
temp file beside the target, the umask honoured, a symlink written through (not replaced),
special files refused, and the temp files of a killed process removed on the next run."""

from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

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
    """Where a save to `path` really writes: through a symlink the user owns, refusing what is not
    a file.

    Raises TargetError for an empty path, a name ending in a slash, a folder, a FIFO, a device
    node, a socket, a link loop, and a link that dangles or that another user owns."""
    text = os.fspath(path)
    if not text.strip():
        raise TargetError("no file name given (an empty path)")
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise TargetError(f"{text}: ends with {text[-1]!r}, so it names a folder; give a file name inside it")
    target = Path(text)
    _refuse_planted_folder_links(target)
    if os.path.islink(text):
        _refuse_untrusted_link(target)
        target = Path(os.path.realpath(text))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if target != Path(text):
            # Saving would create the file, and maybe folders, where the link says: nowhere the
            # user named.
            raise TargetError(f"{text}: is a link to {target}, which does not exist") from None
        return target
    except NotADirectoryError:
        raise TargetError(f"{target}: a part of this path is a file, not a folder") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise TargetError(f"{text}: is a loop of symbolic links") from None
        raise TargetError(f"{target}: cannot be reached ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise TargetError(f"{target}: is a folder; give a file name inside it")
    if not stat.S_ISREG(mode):
        raise TargetError(f"{target}: is a special file (pipe, device or socket), not a regular file")
    return target


def why_unreachable(path: str | os.PathLike[str]) -> str:
    """Why a path that os.path.exists calls absent is not simply missing: "…: is a loop of
    symbolic links", "…: is a link to X, which does not exist"; "" when nothing is there."""
    text = os.fspath(path)
    try:
        os.stat(text)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"{text}: is a loop of symbolic links"
        if os.path.islink(text):
            return f"{text}: is a link to {os.path.realpath(text)}, which does not exist"
    return ""


def _refuse_planted_folder_links(target: Path) -> None:
    """Refuse a folder on the way that is a link another user planted in a shared sticky folder
    (/tmp/theirs -> /home/you): the kernel's protected_symlinks rule, for the folders of the path.
    Links elsewhere, like macOS's /tmp -> private/tmp owned by root in /, are followed."""
    if not hasattr(os, "geteuid"):
        return
    for folder in reversed(Path(os.path.abspath(target)).parents):
        try:
            link = folder.lstat()
        except OSError:
            return  # the rest does not exist yet: nothing further can be a link
        if not stat.S_ISLNK(link.st_mode) or link.st_uid == os.geteuid():
            continue
        holder = folder.parent.stat()
        shared = holder.st_mode & stat.S_ISVTX and holder.st_mode & stat.S_IWOTH
        if shared and link.st_uid != holder.st_uid:
            raise TargetError(
                f"{folder}: is a symbolic link owned by another user (uid {link.st_uid}) in a shared "
                "folder; refused"
            )


def _refuse_untrusted_link(link: Path) -> None:
    """Refuse a link another user made: in a shared folder like /tmp it could point at a file of
    the user running us (the kernel's protected_symlinks refuses these only in sticky folders;
    a save refuses them everywhere, which is simpler and costs nothing real)."""
    if not hasattr(os, "geteuid"):
        return  # Windows: links need privileges to create; no such attack
    owner = link.lstat().st_uid
    if owner != os.geteuid():
        raise TargetError(f"{link}: is a symbolic link owned by another user (uid {owner}); refused")


def nearest_existing_folder(target: Path) -> Path:
    """The nearest ancestor present on disk (a link counts, dangling or not: it is not created)."""
    folder = target.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Check before long work that a file can be written at `path`: the resolved target.

    Creates nothing that stays: the folders that would be made are only checked for rights."""
    target = resolve_target(path)
    folder = nearest_existing_folder(target)
    if os.path.islink(folder) and not folder.exists():
        raise TargetError(f"{folder}: is a link to {os.path.realpath(folder)}, which does not exist")
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


TEMP_SUFFIX = ".tmp"


class DiskFullError(TargetError):
    """The disk (or the user's quota) ran out while writing; the old file is intact."""


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC or EDQUOT, also when torch's zip writer reports it only as a position mismatch
    ("enforce fail at inline_container.cc … unexpected pos"): a short write is all it saw."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, RuntimeError) and "unexpected pos" in str(error)


def no_space_message(folder: Path) -> str:
    return f"no space left on the disk holding {folder}"


@contextmanager
def atomic_writer(
    path: str | os.PathLike[str], mode: str = "wb", *, encoding: str | None = None, newline: str | None = None
) -> Iterator[IO[Any]]:
    """A stream to a temp file beside `path`, renamed over it when the block ends without error.

    On any error (a full disk included) the temp file is removed and the old file stays as it
    was. Creates no folder. Raises TargetError when `path` cannot be a file (see resolve_target),
    DiskFullError when the disk is full, and the OSError of any other refusal."""
    target = resolve_target(path)
    folder = target.parent
    remove_leftover_temps(folder, target.name, TEMP_SUFFIX)
    file_mode = new_file_mode(target)
    # In the same folder, so os.replace is a rename within one file system (atomic).
    handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, file_mode)  # mkstemp makes 0600; the user's file is an ordinary one
        os.replace(temp_name, target)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if is_disk_full(error):
            raise DiskFullError(errno.ENOSPC, no_space_message(folder), str(target)) from error
        raise
    fsync_folder(folder)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `path` with `data` all at once (see atomic_writer); return the file really written."""
    with atomic_writer(path, "wb") as stream:
        stream.write(data)
    return resolve_target(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Replace `path` with `text` all at once; newlines are written as given ("\\n" stays "\\n")."""
    with atomic_writer(path, "w", encoding=encoding, newline="") as stream:
        stream.write(text)
    return resolve_target(path)
