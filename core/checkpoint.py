"""Checkpoints: one .pt file with the weights plus what is needed to trust and rebuild them
(model name, training config, metrics, class names), in the spirit of nanoGPT's checkpoint dict.

Saving is atomic (temp file + rename) so a crash mid-save leaves the previous file intact.
Loading uses weights_only=True, so a pickle that carries code is refused instead of run."""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn

from core.classes import CLASS_NAMES
from core.config import ConfigError, TrainConfig
from core.models import build_model

FORMAT = "fashion-mnist-playground/checkpoint"
FORMAT_VERSION = 1


class CheckpointError(Exception):
    """A file that can't be used as a checkpoint; the message names the file and the reason."""


@dataclass(frozen=True)
class Checkpoint:
    path: Path
    model_name: str
    config: TrainConfig
    state_dict: dict[str, Tensor]
    metrics: dict[str, Any] = field(default_factory=dict)
    class_names: tuple[str, ...] = CLASS_NAMES

    def build(self) -> nn.Module:
        """The model with these weights, in eval mode, ready to predict."""
        model = build_model(self.model_name)
        try:
            model.load_state_dict(self.state_dict)
        except RuntimeError as error:
            first_line = str(error).splitlines()[1:2] or [str(error)]
            raise CheckpointError(
                f"{self.path}: its weights do not fit a {self.model_name} model ({first_line[0].strip()})"
            ) from None
        return model.eval()


def save_checkpoint(
    path: str | os.PathLike[str],
    model: nn.Module,
    config: TrainConfig,
    metrics: dict[str, Any] | None = None,
) -> Path:
    target = Path(path)
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "model_name": config.model,
        "config": config.to_dict(),
        "metrics": dict(metrics or {}),
        "class_names": list(CLASS_NAMES),
        "state_dict": {k: v.detach().to("cpu") for k, v in model.state_dict().items()},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temp file sits in the same folder so os.replace is a rename on one file system (atomic).
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            torch.save(payload, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def load_checkpoint(path: str | os.PathLike[str], expected_model: str | None = None) -> Checkpoint:
    source = Path(path)
    if not source.is_file():
        raise CheckpointError(f"{source}: no such checkpoint file")
    try:
        payload = torch.load(source, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise CheckpointError(
            f"{source}: refused to load: it holds Python objects beyond weights and data, which could "
            "run code. Only checkpoints saved by this app are accepted."
        ) from None
    except Exception as error:  # torch raises many types for junk bytes; all mean the same here
        reason = (str(error).splitlines() or [""])[0][:120]
        # torch sometimes says only a number (a missing key): then the reason adds nothing.
        detail = f" ({reason})" if sum(char.isalpha() for char in reason) > 3 else ""
        raise CheckpointError(f"{source}: not a checkpoint file, or it is damaged{detail}") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(f"{source}: not a Fashion-MNIST Playground checkpoint")
    try:
        config = TrainConfig.from_dict(payload["config"])
        state_dict = payload["state_dict"]
        model_name = payload["model_name"]
    except (KeyError, TypeError, ConfigError) as error:
        raise CheckpointError(f"{source}: checkpoint is incomplete or malformed ({error})") from None
    if expected_model is not None and model_name != expected_model:
        raise CheckpointError(f"{source}: holds a {model_name} model, not {expected_model}")
    checkpoint = Checkpoint(
        path=source,
        model_name=model_name,
        config=config,
        state_dict=state_dict,
        metrics=dict(payload.get("metrics") or {}),
        class_names=tuple(payload.get("class_names") or CLASS_NAMES),
    )
    checkpoint.build()  # a mismatched architecture fails here, with a clear message, not later
    return checkpoint
