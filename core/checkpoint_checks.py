"""Every check a checkpoint's payload must pass before its weights are used, one sentence each.

A checkpoint is a file users copy, edit and download; a wrong field must be refused here with a
message naming the file and the field, not surface later as "'list' object has no attribute
'items'" in a dialog or as `nan%` in the CLI."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

from core.classes import CLASS_NAMES
from core.config import MODEL_NAMES, ConfigError, TrainConfig
from core.errors import CodedError, Note, type_name

FORMAT = "fashion-mnist-playground/checkpoint"
# 1: the first format; 2: adds "sha256", the content hash of the weights.
FORMAT_VERSION = 2
HASH_NOTE = Note("checkpoint.note.no_hash")

_ZIP_MAGIC = b"PK\x03\x04"  # torch.save's format since torch 1.6; this app never wrote another
# (first bytes, the error code, its params): what a file that cannot be a checkpoint is instead.
_SIGNATURES: tuple[tuple[bytes, str, dict[str, str]], ...] = (
    (b"\x89PNG\r\n\x1a\n", "checkpoint.image", {"format": "PNG"}),
    (b"\xff\xd8\xff", "checkpoint.image", {"format": "JPEG"}),
    (b"GIF8", "checkpoint.image", {"format": "GIF"}),
    (b"BM", "checkpoint.image", {"format": "BMP"}),
    (b"\x1f\x8b", "checkpoint.gzip", {}),
    (b"%PDF", "checkpoint.pdf", {}),
)


class CheckpointError(CodedError):
    """A file that can't be used as a checkpoint; the message names the file and the reason."""


Refuse = Callable[..., CheckpointError]  # builds the error for one code, the file's path added


@dataclass(frozen=True)
class CheckedPayload:
    model_name: str
    config: TrainConfig
    state_dict: dict[str, Tensor]
    metrics: dict[str, Any]
    class_names: tuple[str, ...]
    notes: tuple[Note, ...]


def content_hash(state_dict: dict[str, Tensor]) -> str:
    """SHA-256 over the weights in key order: each name, dtype, shape and the raw bytes.

    Names and shapes are hashed too, so swapping two same-sized tensors is caught as well."""
    digest = hashlib.sha256()
    for name, tensor in state_dict.items():
        flat = tensor.detach().to("cpu").contiguous().reshape(-1)
        digest.update(f"{name}|{flat.dtype}|{tuple(tensor.shape)}\n".encode())
        digest.update(flat.view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def describe_non_checkpoint(raw: bytes) -> str:
    """The error code saying what the bytes are when they cannot be a torch zip checkpoint
    (e.g. "checkpoint.image"); "" when they look like one."""
    return non_checkpoint_reason(raw)[0]


def non_checkpoint_reason(raw: bytes) -> tuple[str, dict[str, str]]:
    """(error code, params) for bytes that cannot be a torch zip checkpoint; ("", {}) otherwise."""
    if raw.startswith(_ZIP_MAGIC):
        return "", {}
    if not raw:
        return "checkpoint.empty", {}
    for signature, code, params in _SIGNATURES:
        if raw.startswith(signature):
            return code, params
    return "checkpoint.foreign_bytes", {}


def non_finite_summary(state_dict: dict[str, Tensor]) -> dict[str, Any]:
    """{} when every weight is a finite number, else the first bad tensor's params for an error:
    {"where": "W", "bad": 12, "total": 7840}."""
    for name, tensor in state_dict.items():
        if tensor.is_floating_point() or tensor.is_complex():
            bad = int((~torch.isfinite(tensor)).sum())
            if bad:
                return {"where": name, "bad": bad, "total": tensor.numel()}
    return {}


def validate_payload(payload: Any, source: Path) -> CheckedPayload:
    """The checked, typed fields of a loaded payload; CheckpointError naming the first bad one."""

    def refuse(code: str, **params: Any) -> CheckpointError:
        return CheckpointError(code, path=str(source), **params)

    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise refuse("checkpoint.foreign")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse("checkpoint.version_unknown", version=version)
    if version > FORMAT_VERSION:
        raise refuse("checkpoint.version_newer", version=version, ours=FORMAT_VERSION)
    model_name = payload.get("model_name")
    if model_name not in MODEL_NAMES:
        raise refuse("checkpoint.model_unknown", model=model_name, known=", ".join(MODEL_NAMES))
    config = _check_config(payload.get("config"), refuse)
    metrics = _check_metrics(payload.get("metrics", {}), refuse)
    class_names = _check_class_names(payload.get("class_names", list(CLASS_NAMES)), refuse)
    state_dict = payload.get("state_dict")
    if not isinstance(state_dict, dict):
        raise refuse("checkpoint.weights_type", type=type_name(state_dict))
    for name, tensor in state_dict.items():
        if not isinstance(name, str) or not isinstance(tensor, Tensor):
            raise refuse("checkpoint.weight_type", type=type_name(tensor), name=name)
    notes: tuple[Note, ...] = ()
    stored = payload.get("sha256")
    if version >= 2 or stored is not None:
        if not isinstance(stored, str):
            raise refuse("checkpoint.hash_missing")
        if content_hash(state_dict) != stored:
            raise refuse("checkpoint.hash_mismatch")
    else:
        notes = (HASH_NOTE,)
    bad = non_finite_summary(state_dict)
    if bad:
        raise refuse("checkpoint.non_finite", **bad)
    return CheckedPayload(model_name, config, state_dict, metrics, class_names, notes)


def _check_config(values: Any, refuse: Refuse) -> TrainConfig:
    if not isinstance(values, dict):
        raise refuse("checkpoint.config_type", type=type_name(values))
    try:
        return TrainConfig.from_dict(values)
    except (ConfigError, TypeError, ValueError) as error:
        raise refuse("checkpoint.config_invalid", why=str(error)) from None


def _check_metrics(values: Any, refuse: Refuse) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise refuse("checkpoint.metrics_type", type=type_name(values))
    for key, value in values.items():
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not isinstance(key, str) or not number:
            raise refuse("checkpoint.metric_value", key=key, value=value)
    return dict(values)


def _check_class_names(values: Any, refuse: Refuse) -> tuple[str, ...]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise refuse("checkpoint.classes_type", type=type_name(values))
    if tuple(values) != CLASS_NAMES:
        shown = ", ".join(values[:4]) + (", …" if len(values) > 4 else "")
        raise refuse("checkpoint.classes_other", count=len(values), shown=shown)
    return CLASS_NAMES
