"""The catalogue checks' shared steps: lupdate over today's gui sources into a copy of a .ts, and
lrelease of a .ts, both in a temporary folder, so a test compares them with what is committed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LUPDATE = PROJECT_ROOT / ".venv" / "bin" / "pyside6-lupdate"


def updated_copy(ts_file: Path, folder: Path, *options: str) -> Path:
    """A copy of `ts_file` in `folder` after lupdate (with `options`) over every gui source."""
    copy = folder / "check.ts"
    shutil.copy(ts_file, copy)
    sources = sorted(str(path) for path in (PROJECT_ROOT / "gui").rglob("*.py"))
    command = [str(LUPDATE), "-silent", "-locations", "none", *options, *sources, "-ts", str(copy)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return copy


def released(ts_file: Path, folder: Path) -> bytes:
    """The .qm that lrelease makes of `ts_file` now."""
    qm = folder / "check.qm"
    lrelease = [str(LUPDATE.with_name("pyside6-lrelease")), "-silent", str(ts_file), "-qm", str(qm)]
    subprocess.run(lrelease, check=True, capture_output=True, timeout=120)
    return qm.read_bytes()
