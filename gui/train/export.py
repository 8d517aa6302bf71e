"""Each run's epoch metrics as CSV (File ▸ Export…), for a spreadsheet or the lesson's notes."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

# Column order: which run, its settings, then what the lesson's log line says for each epoch.
EPOCH_FIELDS = (
    "run",
    "label",
    "model",
    "lr",
    "batch_size",
    "seed",
    "epoch",
    "loss",
    "train_acc",
    "test_acc",
    "seconds",
)


def write_epoch_csv(path: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write one row per run and epoch; floats keep full precision (the plots round them)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EPOCH_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(dict(row))
