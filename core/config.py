"""Training configuration and the model names, kept torch-free so the GUI can build its controls
before torch has finished importing (import torch alone costs ~1.7 s here)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Any

# Registry names, in the order the lesson introduces them. core.models maps each to a builder.
MODEL_NAMES: tuple[str, ...] = ("softmax-scratch", "softmax", "mlp", "cnn")
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda")
AUGMENTATIONS: tuple[str, ...] = ("none", "sketch")

# Sensible bounds: the GUI's spin boxes and the CLI's validation use the same numbers.
MAX_EPOCHS = 200
MIN_LR, MAX_LR = 1e-5, 100.0  # up to 100 so a class can watch lr 50 diverge on purpose
MAX_BATCH_SIZE = 60_000
MAX_SEED = 2**31 - 1

# Per-model settings a teacher gets when picking a model; softmax follows the lesson exactly.
RECOMMENDED: dict[str, dict[str, Any]] = {
    "softmax-scratch": {"epochs": 5, "lr": 0.1, "batch_size": 256},
    "softmax": {"epochs": 5, "lr": 0.1, "batch_size": 256},
    "mlp": {"epochs": 10, "lr": 0.1, "batch_size": 64},  # 0.871 test acc after 10 epochs
    "cnn": {"epochs": 10, "lr": 0.1, "batch_size": 128},
}


class ConfigError(ValueError):
    """A setting outside what training can use; the message is shown to the user as is."""


@dataclass(frozen=True)
class TrainConfig:
    model: str = "softmax-scratch"  # a name from MODEL_NAMES
    epochs: int = 5  # the lesson trains for 5 passes over the 60,000 images
    lr: float = 0.1  # the lesson's SGD learning rate; 50 diverges, which the app handles
    batch_size: int = 256  # the lesson's minibatch size
    device: str = "auto"  # auto picks CUDA when torch sees it, else CPU
    seed: int = 0  # same seed, same run: init, shuffling and augmentation all draw from it
    augment: str = "none"  # "sketch" makes training images look like mouse drawings

    def validate(self) -> TrainConfig:
        """Raise ConfigError naming the bad field; return self so calls can chain."""
        if self.model not in MODEL_NAMES:
            raise ConfigError(f"unknown model {self.model!r}; choose one of {', '.join(MODEL_NAMES)}")
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ConfigError(f"epochs must be between 1 and {MAX_EPOCHS}, got {self.epochs}")
        if not (math.isfinite(self.lr) and MIN_LR <= self.lr <= MAX_LR):
            raise ConfigError(f"learning rate must be between {MIN_LR:g} and {MAX_LR:g}, got {self.lr}")
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ConfigError(f"batch size must be between 1 and {MAX_BATCH_SIZE}, got {self.batch_size}")
        if self.device not in DEVICES:
            raise ConfigError(f"unknown device {self.device!r}; choose one of {', '.join(DEVICES)}")
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"seed must be between 0 and {MAX_SEED}, got {self.seed}")
        if self.augment not in AUGMENTATIONS:
            raise ConfigError(
                f"unknown augmentation {self.augment!r}; choose one of {', '.join(AUGMENTATIONS)}"
            )
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Build from a checkpoint's stored dict, ignoring keys a newer version may have added."""
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return replace(cls(), **known).validate()
