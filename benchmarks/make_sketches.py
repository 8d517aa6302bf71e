"""Draw the sketch set in resources/sketches: two per class, one filled and one outline.

They stand in for what a student draws with a mouse on the Draw tab's 280×280 board: straight
strokes with a round 16-px brush (the default), corners a little off, nothing textured. The
shapes are drawn programmatically so the set is reproducible and easy to extend. Run:

    .venv/bin/python benchmarks/make_sketches.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.classes import CLASS_NAMES  # noqa: E402
from core.paths import resources_dir  # noqa: E402

CANVAS = 280
BRUSH = 16  # the canvas's default brush diameter
JITTER = 4  # px: a hand on a mouse is not a ruler

# One closed outline per class (canvas coordinates), plus extra open strokes a student adds.
SHAPES: dict[int, tuple[list[tuple[int, int]], list[list[tuple[int, int]]]]] = {
    0: (
        [
            (95, 45),
            (120, 35),
            (160, 35),
            (185, 45),
            (250, 95),
            (222, 135),
            (192, 115),
            (192, 250),
            (88, 250),
            (88, 115),
            (58, 135),
            (30, 95),
        ],
        [],
    ),
    1: ([(92, 22), (188, 22), (208, 262), (162, 262), (140, 92), (118, 262), (72, 262)], []),
    2: (
        [
            (95, 35),
            (185, 35),
            (235, 70),
            (262, 235),
            (228, 242),
            (200, 120),
            (200, 250),
            (80, 250),
            (80, 120),
            (52, 242),
            (18, 235),
            (45, 70),
        ],
        [],
    ),
    3: ([(112, 20), (168, 20), (172, 95), (232, 262), (48, 262), (108, 95)], []),
    4: (
        [
            (92, 18),
            (188, 18),
            (238, 55),
            (262, 262),
            (226, 264),
            (204, 115),
            (206, 268),
            (74, 268),
            (76, 115),
            (54, 264),
            (18, 262),
            (42, 55),
        ],
        [[(140, 25), (140, 262)]],
    ),
    5: (
        [(18, 205), (240, 190), (266, 205), (260, 224), (18, 226)],
        [[(40, 205), (70, 150), (110, 205)], [(150, 198), (200, 140), (245, 195)], [(70, 150), (200, 140)]],
    ),
    6: (
        [
            (100, 28),
            (140, 60),
            (180, 28),
            (232, 62),
            (258, 240),
            (222, 246),
            (200, 112),
            (200, 262),
            (80, 262),
            (80, 112),
            (58, 246),
            (22, 240),
            (48, 62),
        ],
        [[(140, 60), (140, 255)]],
    ),
    7: ([(18, 160), (95, 140), (140, 108), (190, 112), (230, 160), (264, 180), (266, 222), (16, 222)], []),
    8: ([(35, 115), (245, 115), (258, 262), (22, 262)], [[(85, 115), (95, 45), (185, 45), (195, 115)]]),
    9: ([(70, 18), (160, 18), (162, 140), (248, 180), (264, 248), (56, 248)], []),
}


def _jittered(points: list[tuple[int, int]], rng: np.random.Generator) -> list[tuple[float, float]]:
    return [
        (x + float(rng.uniform(-JITTER, JITTER)), y + float(rng.uniform(-JITTER, JITTER))) for x, y in points
    ]


def _stroke(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]]) -> None:
    """A round-brush polyline, the way the canvas's QPainter draws one."""
    draw.line(points, fill=255, width=BRUSH, joint="curve")
    radius = BRUSH / 2
    for x, y in points:
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=255)


def draw_sketch(label: int, filled: bool, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    outline, extra_strokes = SHAPES[label]
    image = Image.new("L", (CANVAS, CANVAS), 0)
    draw = ImageDraw.Draw(image)
    closed = _jittered(outline, rng)
    if filled:
        draw.polygon(closed, fill=255)  # outline + bucket fill, as on the canvas
    _stroke(draw, [*closed, closed[0]])
    if not filled or label in (5, 8):  # a sandal's straps and a bag's handle stay strokes
        for stroke in extra_strokes:
            _stroke(draw, _jittered(stroke, rng))
    return image


def sketch_name(label: int, filled: bool) -> str:
    slug = CLASS_NAMES[label].lower().replace("/", "-").replace(" ", "-")
    return f"{label}-{slug}-{'filled' if filled else 'outline'}.png"


def main() -> None:
    folder = resources_dir() / "sketches"
    folder.mkdir(parents=True, exist_ok=True)
    for label in range(len(CLASS_NAMES)):
        for filled in (True, False):
            path = folder / sketch_name(label, filled)
            draw_sketch(label, filled, seed=label * 2 + int(filled)).save(path, optimize=True)
            print(path.relative_to(resources_dir().parent))


if __name__ == "__main__":
    main()
