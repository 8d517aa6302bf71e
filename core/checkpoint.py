"""Checkpoints: one .pt file with the weights plus what is needed to trust and rebuild them
(model name, training config, metrics, class names, a SHA-256 of the weights), in the spirit of
nanoGPT's checkpoint dict.

Saving is atomic (temp file + rename) so a crash mid-save leaves the previous file intact.
Loading uses weights_only=True, so a pickle that carries code is refused instead of run, and every
field is checked (core.checkpoint_checks) so a bad file is one plain sentence, never a traceback."""

from __future__ import annotations

import io
import os
import pickle
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn

from core.checkpoint_checks import (
    FORMAT,
    FORMAT_VERSION,
    CheckpointError,
    content_hash,
    non_checkpoint_reason,
    validate_payload,
)
from core.classes import CLASS_NAMES
from core.config import TrainConfig
from core.errors import Note
from core.file_safety import TargetError, atomic_write_bytes, resolve_target
from core.models import build_model

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_CHECKPOINT_BYTES",
    "Checkpoint",
    "CheckpointError",
    "content_hash",
    "load_checkpoint",
    "save_checkpoint",
]

# The largest model here (cnn) saves to ~1 MB; 256 MB is far beyond anything this app makes, and
# refusing before reading keeps a wrong multi-GB file from filling memory.
MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Checkpoint:
    path: Path
    model_name: str
    config: TrainConfig
    state_dict: dict[str, Tensor]
    metrics: dict[str, Any] = field(default_factory=dict)
    class_names: tuple[str, ...] = CLASS_NAMES
    notes: tuple[Note, ...] = ()  # things worth telling the user that do not stop the load

    def build(self) -> nn.Module:
        """The model with these weights, in eval mode, ready to predict."""
        model = build_model(self.model_name)
        try:
            model.load_state_dict(self.state_dict)
        except RuntimeError as error:
            first_line = str(error).splitlines()[1:2] or [str(error)]
            raise CheckpointError(
                "checkpoint.weights_misfit",
                path=str(self.path),
                model=self.model_name,
                detail=first_line[0].strip(),
            ) from None
        return model.eval()


def save_checkpoint(
    path: str | os.PathLike[str],
    model: nn.Module,
    config: TrainConfig,
    metrics: dict[str, Any] | None = None,
) -> Path:
    """Write atomically; return the path really written (a symlink's target).

    Raises CheckpointError for a target that is not a file (a folder, a pipe, a device, an empty
    name, a link that dangles or is another user's), file_safety.DiskFullError when the disk is
    full, and OSError when the disk refuses otherwise; the previous file is intact either way."""
    try:
        target = resolve_target(path)
    except TargetError as error:
        raise CheckpointError("checkpoint.cannot_save_there", why=str(error)) from None
    state_dict = {k: v.detach().to("cpu") for k, v in model.state_dict().items()}
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "model_name": config.model,
        "config": config.to_dict(),
        "metrics": dict(metrics or {}),
        "class_names": list(CLASS_NAMES),
        "sha256": content_hash(state_dict),
        "state_dict": state_dict,
    }
    # Serialised in memory first (~1 MB for the largest model): torch's zip writer reports a full
    # disk as a position mismatch, while a plain write says ENOSPC.
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    # The folders the user named are made; a link that leads elsewhere was refused above.
    target.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_bytes(target, buffer.getvalue())


def load_checkpoint(path: str | os.PathLike[str], expected_model: str | None = None) -> Checkpoint:
    """Read, check every field, verify the checksum and build once; CheckpointError otherwise."""
    source = Path(path)
    raw = _read_bounded(source)
    code, params = non_checkpoint_reason(raw)
    if code:  # torch's own error for these would be misleading ("could run code", a number)
        raise CheckpointError(code, path=str(source), **params)
    try:
        payload = torch.load(io.BytesIO(raw), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise CheckpointError("checkpoint.runs_code", path=str(source)) from None
    except Exception as error:  # torch raises many types for junk bytes; all mean the same here
        reason = (str(error).splitlines() or [""])[0][:120]
        # torch sometimes says only a number (a missing key): then the reason adds nothing.
        if sum(char.isalpha() for char in reason) > 3:
            code, params = "checkpoint.damaged_torch_says", {"torch_says": reason}
        else:
            code, params = "checkpoint.damaged", {}
        raise CheckpointError(code, path=str(source), **params) from None
    checked = validate_payload(payload, source)
    if expected_model is not None and checked.model_name != expected_model:
        raise CheckpointError(
            "checkpoint.model_other", path=str(source), model=checked.model_name, expected=expected_model
        )
    checkpoint = Checkpoint(
        path=source,
        model_name=checked.model_name,
        config=checked.config,
        state_dict=checked.state_dict,
        metrics=checked.metrics,
        class_names=checked.class_names,
        notes=checked.notes,
    )
    checkpoint.build()  # a mismatched architecture fails here, with a clear message, not later
    return checkpoint


def _read_bounded(source: Path) -> bytes:
    """The file's bytes, after checking it is a regular file of a sane size (one read, so the
    checks and the load see the same content)."""
    path = str(source)
    limit_mb = MAX_CHECKPOINT_BYTES // 2**20
    try:
        info = source.stat()
    except FileNotFoundError:
        raise CheckpointError("checkpoint.missing", path=path) from None
    except OSError as error:
        raise CheckpointError("checkpoint.unreadable", path=path, why=error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise CheckpointError("checkpoint.folder", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise CheckpointError("checkpoint.special_file", path=path)
    if info.st_size > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("checkpoint.huge", path=path, size_mb=info.st_size / 2**20, limit_mb=limit_mb)
    try:
        with open(source, "rb") as stream:
            raw = stream.read(MAX_CHECKPOINT_BYTES + 1)
    except OSError as error:
        raise CheckpointError("checkpoint.unreadable", path=path, why=error.strerror or str(error)) from None
    if len(raw) > MAX_CHECKPOINT_BYTES:  # grew since the stat
        raise CheckpointError("checkpoint.grew", path=path, limit_mb=limit_mb)
    return raw
