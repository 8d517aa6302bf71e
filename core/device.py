"""Where a run's tensors live: the device a setting names, and plain CPU copies of weights."""

from __future__ import annotations

import torch
from torch import Tensor, nn

from core.config import ConfigError


def resolve_device(name: str) -> torch.device:
    """auto → CUDA when torch sees it; asking for CUDA without it is a clear error, not a crash."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device 'cuda' was requested, but torch sees no CUDA GPU here; use --device cpu")
    if name not in ("cpu", "cuda"):
        raise ConfigError(f"unknown device {name!r}; choose auto, cpu or cuda")
    return torch.device(name)


def cpu_state_dict(model: nn.Module) -> dict[str, Tensor]:
    """Detached CPU copies of the weights: safe to hand to another thread while training goes on.

    Always in torch's default (contiguous) layout, whatever layout the model trains in, so a
    reader may `view` them as it likes."""
    return {
        name: tensor.detach().to("cpu", copy=True, memory_format=torch.contiguous_format)
        for name, tensor in model.state_dict().items()
    }
