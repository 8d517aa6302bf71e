"""Training configuration and the model names, kept torch-free so the GUI can build its controls
before torch has finished importing (import torch alone costs ~1.7 s here)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

# Registry names, in the order the lesson introduces them. core.models maps each to a builder.
MODEL_NAMES: tuple[str, ...] = ("softmax-scratch", "softmax", "mlp", "cnn")
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda")
AUGMENTATIONS: tuple[str, ...] = ("none", "sketch")
OPTIMIZERS: tuple[str, ...] = ("sgd", "adamw")
SCHEDULES: tuple[str, ...] = ("constant", "cosine", "onecycle")
MAX_SHIFT = 4  # pixels; a larger shift pushes garments off the 28×28 frame
# Generated sketches (core/sketch_synth.py) a run may add to the 60,000 training images.
MAX_SYNTHETIC_SKETCHES = 200_000

# Sensible bounds: the GUI's spin boxes and the CLI's validation use the same numbers.
MAX_EPOCHS = 200
MIN_LR, MAX_LR = 1e-5, 100.0  # up to 100 so a class can watch lr 50 diverge on purpose
MAX_BATCH_SIZE = 60_000
MAX_SEED = 2**31 - 1
MAX_THREADS = 64
# CPU threads a run trains on unless told otherwise, by model. Fixed, not read off the machine:
# float sums split over another number of threads round differently, so a count that followed the
# cores or the load would give another run for the same seed (core/parallelism.py). The linear
# models' steps are too small to share: one thread trained the lesson's epoch in 0.31-0.41 s
# against 0.56-0.67 s on two (and it has no helper thread to wake or to fight a busy process
# for); the mlp and the cnn gain from the second core of the project's 2-core machines.
# Figures: benchmarks/busy_threads.py --model NAME.
DEFAULT_THREADS: dict[str, int] = {"softmax-scratch": 1, "softmax": 1, "mlp": 2, "cnn": 2}

# Per-model settings a teacher gets when picking a model; softmax follows the lesson exactly.
RECOMMENDED: dict[str, dict[str, Any]] = {
    "softmax-scratch": {"epochs": 5, "lr": 0.1, "batch_size": 256},
    "softmax": {"epochs": 5, "lr": 0.1, "batch_size": 256},
    "mlp": {"epochs": 10, "lr": 0.1, "batch_size": 64},  # 0.871 test acc after 10 epochs
    "cnn": {"epochs": 10, "lr": 0.1, "batch_size": 128},
}

# What a practitioner would pick for a few minutes on a laptop CPU: the full recipe, the fields
# of TrainConfig beyond the form's three numbers included. RECOMMENDED stays what the Train tab's
# form shows and trains with plain SGD (its controls are exactly its keys); the CLI trains a recipe
# when none of --epochs/--lr/--batch-size is given (core.cli). softmax-scratch keeps the lesson:
# its hand-written SGD is what it teaches. Figures: benchmarks/recipes.py.
RECIPES: dict[str, dict[str, Any]] = {
    "softmax-scratch": dict(RECOMMENDED["softmax-scratch"]),
    # Softmax regression: AdamW's per-pixel step sizes get where plain SGD goes slowly; 0.849
    # (SGD+Nesterov, cosine, 30 epochs: 0.846; lesson: 0.824). About as far as a linear model
    # goes here: validated on the last 10,000 training images (benchmarks/recipes.py --holdout
    # 10000) it scores 0.857-0.858 over 3 seeds, and batch 64 or 128, 20 or 60 epochs, lr 0.01
    # or weight decay 0.05 all land within 0.001 of that, while weight decay 0.2-1.0 and label
    # smoothing score lower. Flips and shifts hurt a linear model (0.827): shoes all point left
    # in the test set too.
    "softmax": {
        "epochs": 30,
        "lr": 0.003,
        "batch_size": 256,
        "optimizer": "adamw",
        "schedule": "onecycle",
    },
    # AdamW, one-cycle, label smoothing: 0.902 after 30 epochs (~1.3 s each). Flips cost the
    # mlp accuracy (SGD+Nesterov 20 epochs: 0.887 with, 0.891 without): every shoe in the test
    # set points left, and a dense layer cannot share what it learns between the two directions.
    "mlp": {
        "epochs": 30,
        "lr": 0.002,
        "batch_size": 128,
        "optimizer": "adamw",
        "weight_decay": 0.05,
        "schedule": "onecycle",
        "label_smoothing": 0.1,
    },
    # 0.9197 after 12 epochs in 88.6 s of training, ~7 s an epoch (seed 0, two threads, trained
    # channels-last as core.trainer does on the CPU); 0.9207 in another run (thread switches move
    # the 4th digit).
    # Peak lr 0.005 did better: held out on the last 10,000 training images 0.9223 against
    # 0.9212 after 12 epochs (0.9198 against 0.9169 after 10), and 0.9223 on the test set in
    # 81.3 s. It is not taken here because the shipped Draw model is documented as exactly this
    # recipe with sketch augmentation and synthetic sketches (resources/models/README.md):
    # changing it means retraining that model. Same architecture as the lesson-era cnn, so old
    # checkpoints and the shipped model load. Tried: SGD+Nesterov one-cycle with flips, 0.915
    # after 10 epochs and 0.920 after 15; ±2 px shifts on top, 0.912 after 12 (too much
    # regularisation for so few epochs).
    "cnn": {
        "epochs": 12,
        "lr": 0.003,
        "batch_size": 128,
        "optimizer": "adamw",
        "weight_decay": 0.05,
        "schedule": "onecycle",
        "label_smoothing": 0.1,
    },
}


def _whole(value: Any) -> bool:
    """An int that is not a bool (True would pass as 1 otherwise)."""
    return isinstance(value, int) and not isinstance(value, bool)


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
    # CPU threads; part of the run, as its rounding depends on it. 0 (the default) becomes the
    # model's DEFAULT_THREADS when the config is made, so what is stored is the count used.
    threads: int = 0
    augment: str = "none"  # "sketch" makes training images look like mouse drawings
    # The recipe beyond the lesson (core.config.RECIPES); each default is the lesson's plain SGD,
    # so older callers and checkpoints saved before these fields existed train and load as before.
    optimizer: str = "sgd"  # "adamw" for torch.optim.AdamW; the torch models only
    momentum: float = 0.0  # SGD's heavy-ball momentum (0: plain SGD)
    nesterov: bool = False  # Nesterov's look-ahead form of momentum; needs momentum > 0
    weight_decay: float = 0.0  # L2 pull towards zero (decoupled for AdamW)
    schedule: str = "constant"  # "cosine" or "onecycle": lr changed after every batch
    label_smoothing: float = 0.0  # share of each target spread over all ten classes
    flip: bool = False  # mirror a random half of each batch left-right
    shift: int = 0  # move each training image by up to this many pixels in x and y
    # Generated mouse sketches of the ten classes added to the training images (core/sketch_synth.py,
    # drawn from this run's seed); 0 trains on Fashion-MNIST alone.
    synthetic_sketches: int = 0

    def __post_init__(self) -> None:
        if self.threads == 0 and self.model in DEFAULT_THREADS:
            object.__setattr__(self, "threads", DEFAULT_THREADS[self.model])

    @property
    def plain_sgd(self) -> bool:
        """The lesson's update: SGD at a constant lr, no momentum or decay."""
        return (
            self.optimizer == "sgd"
            and self.momentum == 0
            and self.weight_decay == 0
            and self.schedule == "constant"
        )

    def recipe_summary(self) -> str:
        """The non-default recipe fields in words, e.g. "sgd momentum 0.9 nesterov, onecycle
        schedule"; "" for the lesson's plain SGD without extras."""
        parts = []
        if not self.plain_sgd:
            optimizer = self.optimizer
            if self.momentum:
                optimizer += f" momentum {self.momentum:g}" + (" nesterov" if self.nesterov else "")
            if self.weight_decay:
                optimizer += f" weight decay {self.weight_decay:g}"
            parts.append(optimizer)
            if self.schedule != "constant":
                parts.append(f"{self.schedule} schedule")
        if self.label_smoothing:
            parts.append(f"label smoothing {self.label_smoothing:g}")
        if self.augment != "none":
            parts.append(f"{self.augment} augmentation")
        if self.flip:
            parts.append("flips")
        if self.shift:
            parts.append(f"shifts ±{self.shift} px")
        if self.synthetic_sketches:
            parts.append(f"{self.synthetic_sketches:,} synthetic sketches")
        return ", ".join(parts)

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
        if not (_whole(self.threads) and 1 <= self.threads <= MAX_THREADS):
            raise ConfigError(f"threads must be between 1 and {MAX_THREADS}, got {self.threads!r}")
        if self.augment not in AUGMENTATIONS:
            raise ConfigError(
                f"unknown augmentation {self.augment!r}; choose one of {', '.join(AUGMENTATIONS)}"
            )
        if not (_whole(self.synthetic_sketches) and 0 <= self.synthetic_sketches <= MAX_SYNTHETIC_SKETCHES):
            raise ConfigError(
                f"synthetic sketches must be between 0 and {MAX_SYNTHETIC_SKETCHES:,}, "
                f"got {self.synthetic_sketches!r}"
            )
        self._validate_recipe()
        return self

    def _validate_recipe(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}")
        if self.schedule not in SCHEDULES:
            raise ConfigError(f"unknown schedule {self.schedule!r}; choose one of {', '.join(SCHEDULES)}")
        for name, value, high in (
            ("momentum", self.momentum, 0.999),
            ("weight decay", self.weight_decay, 1.0),
            ("label smoothing", self.label_smoothing, 0.5),
        ):
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not (number and math.isfinite(value) and 0 <= value <= high):
                raise ConfigError(f"{name} must be between 0 and {high:g}, got {value!r}")
        for name, flag in (("nesterov", self.nesterov), ("flip", self.flip)):
            if not isinstance(flag, bool):
                raise ConfigError(f"{name} must be true or false, got {flag!r}")
        if not (_whole(self.shift) and 0 <= self.shift <= MAX_SHIFT):
            raise ConfigError(f"shift must be whole pixels from 0 to {MAX_SHIFT}, got {self.shift!r}")
        if self.nesterov and (self.optimizer != "sgd" or self.momentum == 0):
            raise ConfigError("nesterov needs the sgd optimizer with momentum above 0")
        if self.optimizer != "sgd" and self.momentum:
            raise ConfigError("momentum is an sgd setting; adamw brings its own")
        if self.model == "softmax-scratch" and (not self.plain_sgd or self.label_smoothing):
            raise ConfigError(
                "softmax-scratch trains with the lesson's hand-written SGD and loss; optimizer, "
                "momentum, weight decay, schedule and label smoothing apply to the torch models"
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def recommended(cls, model: str, **overrides: Any) -> TrainConfig:
        """The model's full recipe (RECIPES), with `overrides` (e.g. device, seed) on top."""
        if model not in RECIPES:
            raise ConfigError(f"unknown model {model!r}; choose one of {', '.join(MODEL_NAMES)}")
        return cls(model=model, **{**RECIPES[model], **overrides}).validate()

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Build from a checkpoint's stored dict, ignoring keys a newer version may have added."""
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known).validate()
