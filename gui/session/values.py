"""The frozen values the Session hands out: the current image and the live run.

Frozen so that whoever holds one (a tab, File ▸ Save, the training thread's copy) can never see
it change under them: the Session replaces a value as a whole instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from core.config import TrainConfig

DRAW_BOARD = "draw"
BROWSE_SAMPLE = "browse"


@dataclass(frozen=True)
class CurrentImage:
    """The one image the Weights and Softmax tabs explain: whatever the class looked at last.

    `pixels` is the exact 28×28 model input (uint8, garment light on dark), so every tab that
    shows it feeds the model the same numbers as the tab it came from.
    """

    pixels: np.ndarray
    origin: str  # DRAW_BOARD or BROWSE_SAMPLE
    true_label: int | None = None  # known for dataset samples; a drawing has none
    split: str | None = None  # "test" | "train" for dataset samples, "sketchbook" for the class's
    index: int | None = None  # the sample's index in its split

    def describe(self) -> str:
        """Where the image came from, for the tabs that show it (translated)."""
        if self.origin == BROWSE_SAMPLE and self.index is not None:
            if self.split == "train":
                text = QCoreApplication.translate("Session", "Browse: training image #{index}")
            elif self.split == "sketchbook":  # counted from 1, as the Browse tab titles it
                text = QCoreApplication.translate("Session", "Browse: our sketch {number}")
                return text.format(number=self.index + 1)
            else:
                text = QCoreApplication.translate("Session", "Browse: test image #{index}")
            return text.format(index=f"{self.index:,}")
        return QCoreApplication.translate("Session", "the Draw board")


@dataclass(frozen=True)
class LiveRun:
    """One published state of a training run; replaced as a whole, never changed in place.

    `state_dict` holds CPU copies made by the trainer's thread for this value alone; nobody
    writes to them (copy them to edit, as Session.active_weights does)."""

    run_id: int  # the Train tab's run number: a new id is a new run
    config: TrainConfig
    state_dict: Mapping[str, Any]
    label: str  # e.g. "softmax lr 0.1 (cont.)", as in the plots' legend
    metrics: Mapping[str, Any] = field(default_factory=dict)
    # How the run ended ("" while it trains; else core.train_events.RunEnded's reason) and, for
    # "diverged", whether these are its last good weights (False: its untrained start weights).
    end_reason: str = ""
    restored_good: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "state_dict", MappingProxyType(dict(self.state_dict)))
        object.__setattr__(self, "metrics", MappingProxyType(dict(self.metrics)))

    @property
    def model_name(self) -> str:
        return self.config.model

    @property
    def has_good_weights(self) -> bool:
        """False for a run that diverged before it had any good weights: it is back at its untrained
        start, and such a model never answers (Draw, the class's phones) as if it had learnt."""
        return not (self.end_reason == "diverged" and not self.restored_good)

    def with_metrics(self, metrics: Mapping[str, Any]) -> LiveRun:
        """The same weights with the metrics of a finished epoch (keeps the same state_dict)."""
        run = LiveRun(self.run_id, self.config, {}, self.label, metrics, self.end_reason, self.restored_good)
        object.__setattr__(run, "state_dict", self.state_dict)
        return run

    def with_end(self, reason: str, restored_good: bool) -> LiveRun:
        """The same weights, marked with how the run ended (the Draw tab labels a diverged one)."""
        run = LiveRun(self.run_id, self.config, {}, self.label, self.metrics, reason, restored_good)
        object.__setattr__(run, "state_dict", self.state_dict)
        return run
