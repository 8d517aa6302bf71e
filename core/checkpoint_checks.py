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

FORMAT = "fashion-mnist-playground/checkpoint"
# 1: the first format; 2: adds "sha256", the content hash of the weights.
FORMAT_VERSION = 2
HASH_NOTE = "saved without a checksum by an older version of the app; save it again to add one"

_ZIP_MAGIC = b"PK\x03\x04"  # torch.save's format since torch 1.6; this app never wrote another
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "it is a PNG image"),
    (b"\xff\xd8\xff", "it is a JPEG image"),
    (b"GIF8", "it is a GIF image"),
    (b"BM", "it is a BMP image"),
    (b"\x1f\x8b", "it is a gzip file"),
    (b"%PDF", "it is a PDF document"),
)


class CheckpointError(Exception):
    """A file that can't be used as a checkpoint; the message names the file and the reason."""


Refuse = Callable[[str], CheckpointError]  # builds the error for one reason, the file's name added


@dataclass(frozen=True)
class CheckedPayload:
    model_name: str
    config: TrainConfig
    state_dict: dict[str, Tensor]
    metrics: dict[str, Any]
    class_names: tuple[str, ...]
    notes: tuple[str, ...]


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
    """What the bytes are when they cannot be a torch zip checkpoint, e.g. "it is a PNG image";
    "" when they look like one."""
    if raw.startswith(_ZIP_MAGIC):
        return ""
    if not raw:
        return "the file is empty"
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            return kind
    return "it does not start like a checkpoint saved by this app"


def non_finite_summary(state_dict: dict[str, Tensor]) -> str:
    """ "" when every weight is a finite number, else e.g. "W: 12 of 7,840 values"."""
    for name, tensor in state_dict.items():
        if tensor.is_floating_point() or tensor.is_complex():
            bad = int((~torch.isfinite(tensor)).sum())
            if bad:
                return f"{name}: {bad:,} of {tensor.numel():,} values"
    return ""


def validate_payload(payload: Any, source: Path) -> CheckedPayload:
    """The checked, typed fields of a loaded payload; CheckpointError naming the first bad one."""

    def refuse(reason: str) -> CheckpointError:
        return CheckpointError(f"{source}: {reason}")

    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise refuse("not a Fashion-MNIST Playground checkpoint")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(f"unknown checkpoint format version {version!r}")
    if version > FORMAT_VERSION:
        raise refuse(
            f"saved by a newer version of the app (format {version}; this one reads up to {FORMAT_VERSION})"
        )
    model_name = payload.get("model_name")
    if model_name not in MODEL_NAMES:
        raise refuse(f"unknown model {model_name!r} (known: {', '.join(MODEL_NAMES)})")
    config = _check_config(payload.get("config"), refuse)
    metrics = _check_metrics(payload.get("metrics", {}), refuse)
    class_names = _check_class_names(payload.get("class_names", list(CLASS_NAMES)), refuse)
    state_dict = payload.get("state_dict")
    if not isinstance(state_dict, dict):
        raise refuse(f"its weights are {_a(state_dict)}, not named tensors")
    for name, tensor in state_dict.items():
        if not isinstance(name, str) or not isinstance(tensor, Tensor):
            raise refuse(f"its weights hold {_a(tensor)} under {name!r}, not a tensor")
    notes: tuple[str, ...] = ()
    stored = payload.get("sha256")
    if version >= 2 or stored is not None:
        if not isinstance(stored, str):
            raise refuse("its weights' checksum is missing or not text; the file was altered")
        if content_hash(state_dict) != stored:
            raise refuse(
                "its weights do not match the checksum saved with them: the file is damaged "
                "(changed after it was saved); use another copy"
            )
    else:
        notes = (HASH_NOTE,)
    bad = non_finite_summary(state_dict)
    if bad:
        raise refuse(f"its weights contain NaN or infinite numbers ({bad}); it cannot predict anything")
    return CheckedPayload(model_name, config, state_dict, metrics, class_names, notes)


def _check_config(values: Any, refuse: Refuse) -> TrainConfig:
    if not isinstance(values, dict):
        raise refuse(f"its training settings are {_a(values)}, not a table of settings")
    try:
        return TrainConfig.from_dict(values)
    except (ConfigError, TypeError, ValueError) as error:
        raise refuse(f"its training settings are invalid ({error})") from None


def _check_metrics(values: Any, refuse: Refuse) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise refuse(f"its metrics are {_a(values)}, not a table of numbers")
    for key, value in values.items():
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not isinstance(key, str) or not number:
            raise refuse(f"its metric {key!r} is {value!r}, not a number")
    return dict(values)


def _check_class_names(values: Any, refuse: Refuse) -> tuple[str, ...]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise refuse(f"its class names are {_a(values)}, not a list of ten names")
    if tuple(values) != CLASS_NAMES:
        shown = ", ".join(values[:4]) + (", …" if len(values) > 4 else "")
        raise refuse(f"it was trained for other classes ({len(values)}: {shown}), not Fashion-MNIST's ten")
    return CLASS_NAMES


def _a(value: Any) -> str:
    """ "a list", "an int", "None": the type of a wrong value, in words."""
    if value is None:
        return "missing"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
