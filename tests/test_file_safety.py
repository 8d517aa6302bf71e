"""core.file_safety: every file the app writes replaces the old one all at once or not at all,
and a save never follows a link it should not."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from core import file_safety
from core.file_safety import (
    DiskFullError,
    TargetError,
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    check_writable,
    is_disk_full,
    resolve_target,
)


def _temps(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.name.endswith(".tmp")]


def test_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "plot.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert atomic_write_bytes(target, b"new") == target
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert not _temps(tmp_path)


def test_text_is_written_as_given(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "table.csv", "a,b\n1,×\n")
    assert (tmp_path / "table.csv").read_bytes() == "a,b\n1,×\n".encode()


def test_an_error_while_writing_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("complete\n")
    with pytest.raises(ValueError), atomic_writer(target, "w", encoding="utf-8") as stream:
        stream.write("half a ro")
        raise ValueError("the export failed midway")
    assert target.read_text() == "complete\n" and not _temps(tmp_path)


def test_a_full_disk_says_so_and_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plot.png"
    target.write_bytes(b"the previous plot")

    def disk_full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(file_safety.os, "fsync", disk_full)
    with pytest.raises(DiskFullError) as raised:
        atomic_write_bytes(target, b"x" * 10_000)
    assert f"no space left on the disk holding {tmp_path}" in str(raised.value)
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"the previous plot" and not _temps(tmp_path)


def test_torchs_hidden_enospc_counts_as_a_full_disk() -> None:
    assert is_disk_full(RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 704 vs 598"))
    assert is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(RuntimeError("shapes do not match"))


def test_no_folder_is_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "new" / "plot.png", b"x")
    assert not (tmp_path / "new").exists()


def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    (tmp_path / "model.pt").symlink_to(tmp_path / "elsewhere" / "deep" / "model.pt")
    for attempt in (resolve_target, check_writable, lambda p: atomic_write_bytes(p, b"x")):
        with pytest.raises(TargetError, match="which does not exist"):
            attempt(tmp_path / "model.pt")
    assert not (tmp_path / "elsewhere").exists()


def test_a_dangling_link_as_a_folder_is_refused_before_training(tmp_path: Path) -> None:
    (tmp_path / "runs").symlink_to(tmp_path / "gone")
    with pytest.raises(TargetError, match="which does not exist"):
        check_writable(tmp_path / "runs" / "today" / "model.pt")
    assert not (tmp_path / "gone").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_a_link_owned_by_another_user_is_refused(tmp_path: Path, monkeypatch) -> None:
    victim = tmp_path / "their-file"
    victim.write_bytes(b"theirs")
    (tmp_path / "model.pt").symlink_to(victim)
    monkeypatch.setattr(file_safety.os, "geteuid", lambda: os.lstat(tmp_path / "model.pt").st_uid + 1)
    with pytest.raises(TargetError, match="owned by another user"):
        atomic_write_bytes(tmp_path / "model.pt", b"checkpoint")
    assert victim.read_bytes() == b"theirs"


def test_the_users_own_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.pt"
    real.write_bytes(b"old")
    (tmp_path / "model.pt").symlink_to(real)
    assert atomic_write_bytes(tmp_path / "model.pt", b"new") == real
    assert (tmp_path / "model.pt").is_symlink() and real.read_bytes() == b"new"


def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="names a folder"):
        check_writable(f"{tmp_path}/newdir/")
    assert not (tmp_path / "newdir").exists()


def test_a_link_loop_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.pt").symlink_to(tmp_path / "b.pt")
    (tmp_path / "b.pt").symlink_to(tmp_path / "a.pt")
    with pytest.raises(TargetError, match="loop of symbolic links"):
        resolve_target(tmp_path / "a.pt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a link away needs root")
def test_a_folder_link_planted_in_a_shared_folder_is_refused(tmp_path: Path) -> None:
    """/tmp/theirs -> /home/you, made by another user: `--save /tmp/theirs/model.pt` would write
    into your home through their link."""
    shared, yours = tmp_path / "shared", tmp_path / "yours"
    shared.mkdir()
    yours.mkdir()
    shared.chmod(0o1777)  # like /tmp
    (shared / "theirs").symlink_to(yours)
    os.lchown(shared / "theirs", 4242, 4242)
    with pytest.raises(TargetError, match="owned by another user"):
        check_writable(shared / "theirs" / "model.pt")
    shared.chmod(0o755)  # the same link outside a shared folder is the folder owner's business
    assert check_writable(shared / "theirs" / "model.pt") == shared / "theirs" / "model.pt"
