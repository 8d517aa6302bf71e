"""How well a model reads sketches drawn by mouse: the evaluation corpus and its accuracy.

resources/sketches-eval holds 120+ sketches drawn through the real window by
benchmarks/draw_corpus_sketches.py, 12 a class, each in one style a student uses (outline,
filled, scribbled, small, off-centre, rotated). Each is kept twice under the same name: the
drawing as the board showed it (drawn/) and the Draw tab's 28×28 model input (input28/), which
is what is scored, so a score needs neither the canvas nor the preprocessing. The file name says
the label and the style: ``<label>-<class slug>-<style>[-<ink>]-<design>[-left|-right].png``.

No model is ever trained on this corpus (nor on resources/sketches-holdout): it measures how
well a model reads drawings nobody tuned it to. A checkpoint may carry the result as
``metrics["sketch_acc"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image

from core.classes import CLASS_NAMES
from core.paths import resources_dir

CORPUS_DIR = resources_dir() / "sketches-eval"
HOLDOUT_DIR = resources_dir() / "sketches-holdout"
STYLES = ("outline", "filled", "scribbled", "small", "offcentre", "rotated")
INKS = ("outline", "filled", "scribbled")


class ProbabilityModel(Protocol):
    def probabilities(self, images: np.ndarray) -> np.ndarray: ...


def class_slug(label: int) -> str:
    """'T-shirt/top' → 't-shirt-top': the class as it appears in a sketch's file name."""
    return CLASS_NAMES[label].lower().replace("/", "-").replace(" ", "-")


def parse_name(name: str) -> tuple[int, str, str]:
    """(label, style, ink) from a corpus file name; ValueError when it is not one.

    The ink (how the shape is drawn: outline, filled, scribbled) is the style itself for the
    first three styles and follows it for the others ('7-sneaker-small-filled-d-right.png')."""
    head, _, rest = name.partition("-")
    if not head.isdigit() or not 0 <= int(head) < len(CLASS_NAMES):
        raise ValueError(f"{name}: no class number before the first '-'")
    label = int(head)
    slug = class_slug(label) + "-"
    if not rest.startswith(slug):
        raise ValueError(f"{name}: class {label} is named {class_slug(label)!r}")
    words = rest[len(slug) :].split("-")
    style = words[0]
    if style not in STYLES:
        raise ValueError(f"{name}: unknown style {style!r}")
    ink = style if style in INKS else words[1] if len(words) > 1 else ""
    if ink not in INKS:
        raise ValueError(f"{name}: unknown ink {ink!r}")
    return label, style, ink


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """The corpus's 28×28 inputs, by class then name."""
    paths = sorted((folder / "input28").glob("*.png"))
    return sorted(paths, key=lambda path: (int(path.name.split("-")[0]), path.name))


def evaluation_sketches(folder: Path = CORPUS_DIR) -> list[tuple[np.ndarray, int, str]]:
    """Every corpus sketch as (uint8 [28, 28] model input, label, style)."""
    sketches = []
    for path in corpus_files(folder):
        label, style, _ink = parse_name(path.name)
        sketches.append((np.array(Image.open(path).convert("L"), dtype=np.uint8), label, style))
    return sketches


def holdout_sketches(folder: Path = HOLDOUT_DIR) -> list[tuple[np.ndarray, int, str]]:
    """The 40 held-out sketches (drawn the same way, by another script's designs) as
    (model input, label, 'filled' or 'outline'), through the Draw tab's preprocessing."""
    from core.preprocess import preprocess_drawing  # numpy + PIL; only this reader needs it

    sketches = []
    for path in sorted(folder.glob("*.png"), key=lambda p: (int(p.name.split("-")[0]), p.name)):
        image28 = preprocess_drawing(np.asarray(Image.open(path).convert("L")))
        if image28 is None:
            raise ValueError(f"{path} is blank")
        style = "filled" if "-filled-" in path.name else "outline"
        sketches.append((image28, int(path.name.split("-")[0]), style))
    return sketches


def predictions(model: ProbabilityModel, sketches: list[tuple[np.ndarray, int, str]]) -> np.ndarray:
    """The class each sketch is read as (int64 [N])."""
    if not sketches:
        return np.zeros(0, dtype=np.int64)
    images = np.stack([image for image, _label, _style in sketches])
    return np.asarray(model.probabilities(images)).argmax(axis=1).astype(np.int64)


Sketches = list[tuple[np.ndarray, int, str]]


def sketch_accuracy(model: ProbabilityModel, sketches: Sketches | None = None) -> float:
    """Share of the corpus (or of ``sketches``) that ``model`` (a Predictor) reads right."""
    sketches = evaluation_sketches() if sketches is None else sketches
    if not sketches:
        raise ValueError("no sketches to score")
    labels = np.array([label for _image, label, _style in sketches])
    return float((predictions(model, sketches) == labels).mean())
