"""Synthetic mouse sketches of the ten classes, as training data for the Draw tab's models.

Fashion-MNIST holds photos; students draw outlines, bucket fills and scribbles. Reworking the
photos into sketches (core/augment.py) keeps their silhouettes, which is where they differ from
a hand's: a pullover's sleeves, a coat's opening, a tall sneaker. So these are drawn from scratch:
a random design of the class (core/sketch_synth_designs.py) is placed on a board the size of the
Draw tab's (280×280) in one of the styles students use (outline with its details, filled,
scribbled in; plain, small, off-centre or rotated; shaky lines, either way round), with the
Draw brush's width, and then goes through core.preprocess.preprocess_drawing exactly like a
drawing on the board. Every sketch has its own seeded generator, so a bank is the same for the
same seed on any machine. numpy + Pillow; no Qt, no torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from core.classes import CLASS_NAMES
from core.preprocess import preprocess_drawing
from core.sketch_synth_designs import FAMILIES, Design, Path

BOARD = 280  # gui/draw/canvas.py CANVAS_SIZE
BRUSHES = (10, 13, 16, 16, 16, 19, 22)  # the canvas's default 16 px, and a few presses of [ or ]
INKS = ("outline", "filled", "scribbled")
INK_WEIGHTS = (0.4, 0.3, 0.3)
PLACES = ("plain", "small", "offcentre", "rotated")
PLACE_WEIGHTS = (0.4, 0.2, 0.2, 0.2)
# The style a sketch is filed under, named as the evaluation corpus names its styles: the
# placement when it is not plain, else the ink.
STYLES = ("outline", "filled", "scribbled", "small", "offcentre", "rotated")


@dataclass(frozen=True)
class SketchBank:
    images: np.ndarray  # uint8 [N, 28, 28], the Draw tab's model input
    labels: np.ndarray  # int64 [N]
    styles: tuple[str, ...]  # one of STYLES per sketch


def synthetic_sketches(count: int, seed: int = 0) -> SketchBank:
    """``count`` sketches, the classes in turn (0, 1, … 9, 0, …), the same for the same seed."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    images = np.zeros((count, 28, 28), dtype=np.uint8)
    labels = np.arange(count, dtype=np.int64) % len(CLASS_NAMES)
    styles = []
    for index in range(count):
        rng = np.random.default_rng([seed, index])
        images[index], style = render_sketch(int(labels[index]), rng)
        styles.append(style)
    return SketchBank(images, labels, tuple(styles))


def render_sketch(label: int, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """One sketch of class ``label``: (uint8 [28, 28] model input, style)."""
    design = FAMILIES[label](rng)
    ink = str(rng.choice(INKS, p=INK_WEIGHTS))
    place = str(rng.choice(PLACES, p=PLACE_WEIGHTS))
    board = draw_on_board(design, ink, place, rng)
    image28 = preprocess_drawing(board)
    if image28 is None:  # cannot happen for a non-empty design; kept safe for a bad draw
        raise ValueError(f"class {label}: the sketch came out blank")
    return image28, place if place != "plain" else ink


def draw_on_board(design: Design, ink: str, place: str, rng: np.random.Generator) -> np.ndarray:
    """The design drawn on a black 280×280 board in white ink, as uint8."""
    size, angle, centre = _placement(place, rng)
    stretch = rng.uniform(0.85, 1.18)
    mirror = rng.random() < 0.5
    transform = _fit(design, size, stretch, angle, centre, mirror)
    brush = int(rng.choice(BRUSHES))
    shake = rng.uniform(0.6, 2.5)  # px of slow hand tremor
    image = Image.new("L", (BOARD, BOARD), 0)
    pen = ImageDraw.Draw(image)
    outlines = [_shaky(transform(path), rng, shake, closed=True) for path in design.outlines]
    for outline in outlines:
        if ink == "filled":
            pen.polygon(outline, fill=255)
        elif ink == "scribbled":
            for stroke in _scribble(outline, rng, size):
                _stroke(pen, _shaky(stroke, rng, shake / 2, closed=False), brush)
        _stroke(pen, outline, brush)
    extra = design.strokes + (design.details if ink == "outline" else [])
    for path in extra:
        _stroke(pen, _shaky(transform(path), rng, shake, closed=False), brush)
    return np.asarray(image)


def _placement(place: str, rng: np.random.Generator) -> tuple[float, float, np.ndarray]:
    """(size as a share of the board, angle in radians, centre in board units) for a placement."""
    if place == "small":
        size, degrees = rng.uniform(0.2, 0.4), rng.uniform(-6, 6)
    elif place == "offcentre":
        size, degrees = rng.uniform(0.35, 0.55), rng.uniform(-6, 6)
    elif place == "rotated":
        size, degrees = rng.uniform(0.5, 0.8), rng.choice([-1, 1]) * rng.uniform(8, 22)
    else:
        size, degrees = rng.uniform(0.5, 0.9), rng.uniform(-5, 5)
    room = (1 - size) / 2
    if place == "offcentre":
        centre = 0.5 + rng.choice([-1, 1], 2) * (room - rng.uniform(0.0, 0.06))
    else:
        centre = 0.5 + rng.uniform(-room, room, 2) * 0.8
    return size, math.radians(degrees), centre


def _fit(design: Design, size: float, stretch: float, angle: float, centre: np.ndarray, mirror: bool):
    """A function taking design points to board pixels: the design's box, longest side ``size``
    of the board, stretched, turned by ``angle`` and centred on ``centre``."""
    points = np.array([p for path in design.outlines + design.strokes + design.details for p in path])
    low, high = points.min(axis=0), points.max(axis=0)
    middle, scale = (low + high) / 2, size / max(float((high - low).max()), 1e-6)
    cos, sin = math.cos(angle), math.sin(angle)

    def transform(path: Path) -> np.ndarray:
        local = (np.asarray(path, dtype=np.float64) - middle) * scale
        if mirror:
            local[:, 0] = -local[:, 0]
        local *= (stretch, 1 / stretch)
        turned = np.stack(
            [local[:, 0] * cos - local[:, 1] * sin, local[:, 0] * sin + local[:, 1] * cos], axis=1
        )
        return (turned + centre) * BOARD

    return transform


def _shaky(
    points: np.ndarray, rng: np.random.Generator, amount: float, closed: bool
) -> list[tuple[float, float]]:
    """The path resampled every ~6 px, with a slow random drift across it, as a hand draws."""
    points = np.asarray(points, dtype=np.float64)
    if closed:
        points = np.vstack([points, points[:1]])
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    total = along[-1]
    if total < 1e-6:
        return [tuple(p) for p in points]
    samples = np.linspace(0.0, total, max(2, int(total / 6) + 1))
    path = np.stack(
        [np.interp(samples, along, points[:, 0]), np.interp(samples, along, points[:, 1])], axis=1
    )
    drift = np.cumsum(rng.normal(0.0, 1.0, path.shape), axis=0)
    drift -= np.linspace(0, 1, len(path))[:, None] * drift[-1]  # a closed line ends where it began
    if len(path) >= 5:  # smoothed, so the drift is slow like a hand's, not a jitter
        kernel = np.ones(5) / 5
        drift = np.stack([np.convolve(drift[:, i], kernel, mode="same") for i in range(2)], axis=1)
    drift *= amount / max(float(np.abs(drift).max()), 1e-6)
    return [tuple(p) for p in path + drift]


def _stroke(pen: ImageDraw.ImageDraw, points, brush: int) -> None:
    """A round-ended line of the brush's width; a single point is a dot."""
    points = [tuple(p) for p in points]
    radius = brush / 2
    if len(points) > 1:
        pen.line(points, fill=255, width=brush, joint="curve")
    for x, y in (points[0], points[-1]):
        pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)


def _scribble(outline: list[tuple[float, float]], rng: np.random.Generator, size: float) -> list[np.ndarray]:
    """Back-and-forth strokes colouring the outline's inside: scan lines at a random angle,
    joined end to end where each crosses the shape once, as a hand goes to and fro."""
    mask_image = Image.new("1", (BOARD, BOARD), 0)
    ImageDraw.Draw(mask_image).polygon(outline, fill=1)
    mask = np.asarray(mask_image)
    spacing = rng.uniform(12, 24) * min(1.0, size / 0.6)
    angle = math.radians(float(rng.choice([0, 30, -30, 60, -60, 90])) + rng.uniform(-10, 10))
    direction = np.array([math.cos(angle), math.sin(angle)])
    across = np.array([-direction[1], direction[0]])
    centre = np.array([BOARD / 2, BOARD / 2])
    reach = BOARD * 0.75
    along = np.arange(-reach, reach, 2.0)
    strokes: list[np.ndarray] = []
    current: list[np.ndarray] = []
    forwards = True
    for offset in np.arange(-reach, reach, spacing):
        line = centre + offset * across + along[:, None] * direction
        cells = np.round(line).astype(int)
        inside = np.all((cells >= 0) & (cells < BOARD), axis=1)
        inside[inside] = mask[cells[inside, 1], cells[inside, 0]]
        if not inside.any():
            if current:
                strokes.append(np.array(current))
                current = []
            continue
        hits = np.flatnonzero(inside)
        breaks = np.flatnonzero(np.diff(hits) > 1)
        if len(breaks):  # the line crosses the shape more than once (between two legs): each part alone
            if current:
                strokes.append(np.array(current))
                current = []
            starts, ends = np.r_[hits[0], hits[breaks + 1]], np.r_[hits[breaks], hits[-1]]
            strokes += [line[[start, end]] for start, end in zip(starts, ends, strict=True)]
            continue
        run = line[[hits[0], hits[-1]]] if forwards else line[[hits[-1], hits[0]]]
        current += [run[0], run[1]]
        forwards = not forwards
    if current:
        strokes.append(np.array(current))
    return strokes
