"""The garments benchmarks/draw_holdout_sketches.py draws: two designs a class, as a student
might sketch them, in a unit square (x right, y down). Shoes point left here, as in
Fashion-MNIST; the drawing script mirrors half of them. These are deliberately other designs than
benchmarks/make_sketches.py's (a V neck, a hood, heels, laces, a flap), so the held-out set is not
the training-checked set drawn again."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Design:
    outline: list[Point]  # one closed stroke: first point == last point
    fill_points: list[Point]  # where a student clicks with the bucket to fill it
    details: list[list[Point]] = field(default_factory=list)  # extra strokes on the outline version
    details_when_filled: list[list[Point]] = field(default_factory=list)  # drawn after the fill
    faces: bool = False  # a shoe or bag: drawn facing each way


def arc(
    cx: float, cy: float, rx: float, ry: float, start_deg: float, end_deg: float, steps: int = 8
) -> list[Point]:
    """Points along an ellipse from start to end angle (degrees, 0 = right, 90 = down)."""
    return [
        (
            cx + rx * math.cos(math.radians(start_deg + (end_deg - start_deg) * i / steps)),
            cy + ry * math.sin(math.radians(start_deg + (end_deg - start_deg) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def closed(points: list[Point]) -> list[Point]:
    return [*points, points[0]]


T_SHIRT_ROUND = Design(
    outline=closed(
        [
            *arc(0.5, 0.12, 0.13, 0.08, 180, 0, 6),
            (0.80, 0.16),
            (0.97, 0.36),
            (0.86, 0.45),
            (0.76, 0.36),
            (0.77, 0.93),
            (0.23, 0.93),
            (0.24, 0.36),
            (0.14, 0.45),
            (0.03, 0.36),
            (0.20, 0.16),
        ]
    ),
    fill_points=[(0.5, 0.6)],
)
T_SHIRT_V = Design(
    outline=closed(
        [
            (0.38, 0.08),
            (0.5, 0.24),
            (0.62, 0.08),
            (0.84, 0.14),
            (0.98, 0.30),
            (0.86, 0.40),
            (0.78, 0.32),
            (0.80, 0.95),
            (0.20, 0.95),
            (0.22, 0.32),
            (0.14, 0.40),
            (0.02, 0.30),
            (0.16, 0.14),
        ]
    ),
    fill_points=[(0.5, 0.6)],
)
TROUSER_STRAIGHT = Design(
    outline=closed(
        [(0.28, 0.03), (0.72, 0.03), (0.77, 0.97), (0.56, 0.97), (0.5, 0.33), (0.44, 0.97), (0.23, 0.97)]
    ),
    fill_points=[(0.35, 0.5), (0.65, 0.5)],
    details=[[(0.28, 0.10), (0.72, 0.10)]],
)
TROUSER_FLARED = Design(
    outline=closed(
        [
            (0.33, 0.04),
            (0.67, 0.04),
            (0.70, 0.45),
            (0.82, 0.96),
            (0.56, 0.96),
            (0.5, 0.40),
            (0.44, 0.96),
            (0.18, 0.96),
            (0.30, 0.45),
        ]
    ),
    fill_points=[(0.38, 0.6), (0.62, 0.6)],
)
PULLOVER_HANGING = Design(
    outline=closed(
        [
            *arc(0.5, 0.10, 0.12, 0.06, 180, 0, 6),
            (0.78, 0.13),
            (0.97, 0.85),
            (0.85, 0.90),
            (0.75, 0.38),
            (0.76, 0.93),
            (0.24, 0.93),
            (0.25, 0.38),
            (0.15, 0.90),
            (0.03, 0.85),
            (0.22, 0.13),
        ]
    ),
    fill_points=[(0.5, 0.6)],
    details=[[(0.25, 0.86), (0.75, 0.86)]],
)
PULLOVER_SPREAD = Design(
    outline=closed(
        [
            (0.40, 0.10),
            (0.60, 0.10),
            (0.82, 0.18),
            (0.99, 0.72),
            (0.88, 0.78),
            (0.73, 0.40),
            (0.74, 0.90),
            (0.26, 0.90),
            (0.27, 0.40),
            (0.12, 0.78),
            (0.01, 0.72),
            (0.18, 0.18),
        ]
    ),
    fill_points=[(0.5, 0.55)],
)
DRESS_SLEEVELESS = Design(
    outline=closed(
        [(0.36, 0.04), (0.5, 0.12), (0.64, 0.04), (0.64, 0.36), (0.86, 0.97), (0.14, 0.97), (0.36, 0.36)]
    ),
    fill_points=[(0.5, 0.6)],
    details=[[(0.37, 0.36), (0.63, 0.36)]],
)
DRESS_SLEEVES = Design(
    outline=closed(
        [
            (0.40, 0.04),
            (0.60, 0.04),
            (0.72, 0.08),
            (0.82, 0.22),
            (0.72, 0.27),
            (0.64, 0.20),
            (0.63, 0.42),
            (0.80, 0.96),
            (0.20, 0.96),
            (0.37, 0.42),
            (0.36, 0.20),
            (0.28, 0.27),
            (0.18, 0.22),
            (0.28, 0.08),
        ]
    ),
    fill_points=[(0.5, 0.6)],
)
COAT_ZIP = Design(
    outline=closed(
        [
            (0.40, 0.04),
            (0.60, 0.04),
            (0.80, 0.10),
            (0.97, 0.92),
            (0.85, 0.95),
            (0.75, 0.40),
            (0.76, 0.98),
            (0.24, 0.98),
            (0.25, 0.40),
            (0.15, 0.95),
            (0.03, 0.92),
            (0.20, 0.10),
        ]
    ),
    fill_points=[(0.4, 0.6), (0.6, 0.6)],
    details=[
        [(0.40, 0.04), (0.5, 0.22), (0.60, 0.04)],
        [(0.5, 0.22), (0.5, 0.98)],
        [(0.30, 0.70), (0.42, 0.70)],
    ],
)
COAT_HOOD = Design(
    outline=closed(
        [
            *arc(0.5, 0.16, 0.14, 0.15, 180, 360, 8),
            (0.80, 0.20),
            (0.95, 0.90),
            (0.83, 0.93),
            (0.74, 0.45),
            (0.75, 0.97),
            (0.25, 0.97),
            (0.26, 0.45),
            (0.17, 0.93),
            (0.05, 0.90),
            (0.20, 0.20),
        ]
    ),
    fill_points=[(0.4, 0.6), (0.6, 0.6)],
    details=[[(0.5, 0.30), (0.5, 0.97)]],
)
SANDAL_FLAT = Design(
    outline=closed([(0.03, 0.76), (0.5, 0.74), (0.97, 0.70), (0.98, 0.82), (0.5, 0.85), (0.05, 0.86)]),
    fill_points=[(0.5, 0.80)],
    details=[
        [(0.12, 0.76), *arc(0.27, 0.76, 0.15, 0.22, 180, 360, 6)[1:]],
        [(0.55, 0.74), *arc(0.68, 0.73, 0.13, 0.25, 180, 360, 6)[1:]],
        [(0.86, 0.71), (0.88, 0.30), (0.97, 0.32), (0.96, 0.70)],
    ],
    details_when_filled=[
        [(0.12, 0.76), *arc(0.27, 0.76, 0.15, 0.22, 180, 360, 6)[1:]],
        [(0.55, 0.74), *arc(0.68, 0.73, 0.13, 0.25, 180, 360, 6)[1:]],
        [(0.86, 0.71), (0.88, 0.30), (0.97, 0.32), (0.96, 0.70)],
    ],
    faces=True,
)
SANDAL_HEEL = Design(
    outline=closed(
        [
            (0.02, 0.86),
            (0.30, 0.84),
            (0.60, 0.66),
            (0.88, 0.45),
            (0.94, 0.50),
            (0.92, 0.97),
            (0.86, 0.97),
            (0.84, 0.60),
            (0.58, 0.76),
            (0.30, 0.92),
            (0.04, 0.93),
        ]
    ),
    fill_points=[(0.2, 0.89)],
    details=[
        [(0.08, 0.86), *arc(0.20, 0.86, 0.12, 0.20, 200, 340, 5)[1:]],
        [(0.70, 0.58), (0.78, 0.20), (0.92, 0.18), (0.90, 0.47)],
        [(0.72, 0.34), (0.92, 0.32)],
    ],
    details_when_filled=[
        [(0.08, 0.86), *arc(0.20, 0.86, 0.12, 0.20, 200, 340, 5)[1:]],
        [(0.70, 0.58), (0.78, 0.20), (0.92, 0.18), (0.90, 0.47)],
    ],
    faces=True,
)
SHIRT_LONG = Design(
    outline=closed(
        [
            (0.38, 0.08),
            (0.5, 0.20),
            (0.62, 0.08),
            (0.80, 0.12),
            (0.96, 0.88),
            (0.85, 0.91),
            (0.75, 0.40),
            (0.76, 0.95),
            (0.24, 0.95),
            (0.25, 0.40),
            (0.15, 0.91),
            (0.04, 0.88),
            (0.20, 0.12),
        ]
    ),
    fill_points=[(0.4, 0.6), (0.6, 0.6)],
    details=[
        [(0.38, 0.08), (0.44, 0.24), (0.5, 0.20), (0.56, 0.24), (0.62, 0.08)],
        [(0.5, 0.20), (0.5, 0.95)],
    ],
)
SHIRT_SHORT = Design(
    outline=closed(
        [
            (0.38, 0.06),
            (0.5, 0.16),
            (0.62, 0.06),
            (0.82, 0.13),
            (0.96, 0.38),
            (0.84, 0.45),
            (0.76, 0.33),
            (0.77, 0.96),
            (0.23, 0.96),
            (0.24, 0.33),
            (0.16, 0.45),
            (0.04, 0.38),
            (0.18, 0.13),
        ]
    ),
    fill_points=[(0.4, 0.6), (0.6, 0.6)],
    details=[
        [(0.38, 0.06), (0.43, 0.22), (0.5, 0.16), (0.57, 0.22), (0.62, 0.06)],
        [(0.5, 0.16), (0.5, 0.96)],
        [(0.58, 0.30), (0.70, 0.30), (0.70, 0.42), (0.58, 0.42), (0.58, 0.30)],
    ],
)
SNEAKER_LACES = Design(
    outline=closed(
        [
            (0.03, 0.86),
            (0.97, 0.86),
            (0.98, 0.52),
            (0.90, 0.38),
            (0.66, 0.42),
            (0.56, 0.34),
            (0.40, 0.48),
            (0.14, 0.60),
            (0.03, 0.70),
        ]
    ),
    fill_points=[(0.5, 0.7)],
    details=[[(0.03, 0.77), (0.97, 0.77)], [(0.40, 0.50), (0.48, 0.62), (0.50, 0.44), (0.58, 0.56)]],
    faces=True,
)
SNEAKER_LOW = Design(
    outline=closed(
        [
            (0.04, 0.80),
            *arc(0.12, 0.72, 0.09, 0.09, 180, 270, 3)[1:],
            (0.45, 0.55),
            (0.70, 0.40),
            (0.95, 0.42),
            (0.97, 0.84),
            (0.05, 0.86),
        ]
    ),
    fill_points=[(0.6, 0.7)],
    details=[[(0.70, 0.42), (0.72, 0.60)]],
    faces=True,
)
BAG_TOTE = Design(
    outline=closed([(0.10, 0.40), (0.90, 0.40), (0.96, 0.96), (0.04, 0.96)]),
    fill_points=[(0.5, 0.7)],
    details=[[(0.30, 0.40), *arc(0.5, 0.40, 0.20, 0.32, 180, 360, 8)[1:]]],
    details_when_filled=[[(0.30, 0.40), *arc(0.5, 0.40, 0.20, 0.32, 180, 360, 8)[1:]]],
    faces=True,
)
BAG_FLAP = Design(
    outline=closed([(0.04, 0.34), (0.96, 0.34), (0.96, 0.92), (0.04, 0.92)]),
    fill_points=[(0.5, 0.7)],
    details=[
        [(0.04, 0.34), (0.30, 0.62), (0.70, 0.62), (0.96, 0.34)],
        [(0.15, 0.34), *arc(0.32, 0.34, 0.17, 0.26, 180, 360, 6)[1:]],
    ],
    details_when_filled=[[(0.15, 0.34), *arc(0.32, 0.34, 0.17, 0.26, 180, 360, 6)[1:]]],
    faces=True,
)
BOOT_HEEL = Design(
    outline=closed(
        [
            (0.03, 0.88),
            (0.70, 0.88),
            (0.74, 0.97),
            (0.94, 0.97),
            (0.95, 0.05),
            (0.58, 0.05),
            (0.56, 0.45),
            (0.15, 0.60),
            (0.03, 0.72),
        ]
    ),
    fill_points=[(0.75, 0.6)],
    details=[[(0.70, 0.88), (0.95, 0.86)]],
    faces=True,
)
BOOT_CHELSEA = Design(
    outline=closed(
        [(0.03, 0.94), (0.97, 0.94), (0.97, 0.12), (0.62, 0.12), (0.60, 0.48), (0.20, 0.62), (0.04, 0.78)]
    ),
    fill_points=[(0.75, 0.6)],
    details=[[(0.64, 0.20), *arc(0.80, 0.22, 0.12, 0.25, 180, 0, 6)[1:]], [(0.04, 0.86), (0.97, 0.86)]],
    faces=True,
)

DESIGNS: dict[int, tuple[Design, Design]] = {
    0: (T_SHIRT_ROUND, T_SHIRT_V),
    1: (TROUSER_STRAIGHT, TROUSER_FLARED),
    2: (PULLOVER_HANGING, PULLOVER_SPREAD),
    3: (DRESS_SLEEVELESS, DRESS_SLEEVES),
    4: (COAT_ZIP, COAT_HOOD),
    5: (SANDAL_FLAT, SANDAL_HEEL),
    6: (SHIRT_LONG, SHIRT_SHORT),
    7: (SNEAKER_LACES, SNEAKER_LOW),
    8: (BAG_TOTE, BAG_FLAP),
    9: (BOOT_HEEL, BOOT_CHELSEA),
}
