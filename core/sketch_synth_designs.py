"""Garment families for synthetic sketches: one random design per call, as a student would draw it.

Each family is written from what the class is (a T-shirt has short sleeves, a coat a long body
and an opening down its front, a sandal a sole and straps…), with its proportions and details
drawn at random, so no two designs repeat. Coordinates are in a unit box, x to the right and y
downwards; the renderer (core/sketch_synth.py) fits the design to the board, so only proportions
matter. Shoes point left like Fashion-MNIST's; the renderer mirrors half of everything.

A Design is what a hand draws: closed ``outlines`` (also what "filled" and "scribbled" fill),
``details`` drawn only on an outline drawing (a collar, buttons, laces: on a filled shape they
would vanish in the ink), and ``strokes`` drawn in every style (straps, handles: not part of
the filled area).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

Point = tuple[float, float]
Path = list[Point]


@dataclass
class Design:
    outlines: list[Path]
    details: list[Path] = field(default_factory=list)
    strokes: list[Path] = field(default_factory=list)


def _arc(
    cx: float, cy: float, rx: float, ry: float, start_deg: float, end_deg: float, steps: int = 10
) -> Path:
    angles = np.radians(np.linspace(start_deg, end_deg, steps))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def _smooth(points: Path, rounds: int = 2, closed: bool = True) -> Path:
    """Chaikin's corner cutting: a hand rounds the corners of shoes and bags."""
    for _ in range(rounds):
        pts = points + points[:1] if closed else points
        out: Path = [] if closed else [pts[0]]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            out += [
                (0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1),
                (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1),
            ]
        points = out if closed else out + [pts[-1]]
    return points


def _mirror(points: Path) -> Path:
    return [(1 - x, y) for x, y in points]


def _symmetric(left: Path, neckline: Path) -> Path:
    """A garment's outline from its left half (neck → hem, x < 0.5) and the neckline (right → left)."""
    return left + _mirror(left)[::-1] + neckline


def _dots(rng: np.random.Generator, x: float, top: float, bottom: float, count: int) -> list[Path]:
    """Buttons: tiny strokes that the brush makes dots."""
    return [[(x, y), (x + 0.005, y)] for y in np.linspace(top, bottom, count)]


def _neckline(rng: np.random.Generator, half: float, y: float, kind: str) -> Path:
    """Right end → left end of a neck opening ``half`` wide at height ``y``."""
    if kind == "v":
        return [(0.5 + half, y), (0.5, y + rng.uniform(0.1, 0.2)), (0.5 - half, y)]
    return _arc(0.5, y, half, rng.uniform(0.04, 0.09), 0, 180, 8)


# -- tops ----------------------------------------------------------------------------------------
def _top(rng: np.random.Generator, sleeve: str, length: float) -> tuple[Path, dict[str, float]]:
    """The outline of a top: ``sleeve`` 'short', 'long' or 'none'; body ``length`` below the shoulder."""
    half = rng.uniform(0.17, 0.3)
    neck = rng.uniform(0.06, 0.1)
    shoulder_y = rng.uniform(0.0, 0.04)
    armpit_y = shoulder_y + rng.uniform(0.17, 0.27)
    hem_y = shoulder_y + length
    hem_x = 0.5 - half * rng.uniform(0.92, 1.1)
    left: Path = [(0.5 - neck, shoulder_y), (0.5 - half, shoulder_y + rng.uniform(0.02, 0.06))]
    cuff_y = armpit_y
    if sleeve == "short":
        reach = rng.uniform(0.1, 0.22)
        tip_y = shoulder_y + rng.uniform(0.06, 0.16)
        left += [
            (0.5 - half - reach, tip_y),
            (0.5 - half - reach * rng.uniform(0.75, 1.0), tip_y + rng.uniform(0.12, 0.2)),
        ]
    elif sleeve == "long":
        # Arms hang down and a little out; the cuff stays outside the body so they do not cross.
        cuff_y = shoulder_y + length * rng.uniform(0.55, 1.0)
        cuff = rng.uniform(0.08, 0.13)
        # From arms held out to arms hanging against the body, which filled in is one block:
        # how most hands draw a jumper, a coat or a shirt.
        spread = rng.uniform(0.0, 0.35) if rng.random() < 0.5 else rng.uniform(0.0, 0.04)
        body_at_cuff = 0.5 - half
        left += [(body_at_cuff - cuff - spread, cuff_y), (body_at_cuff - spread * 0.9, cuff_y + cuff * 0.3)]
    left += [(0.5 - half, armpit_y), (hem_x, hem_y)]
    shape = {"half": half, "neck": neck, "shoulder_y": shoulder_y, "hem_y": hem_y, "armpit_y": armpit_y}
    shape["cuff_y"] = cuff_y
    return left, shape


def _sleeve_ends(left: Path) -> list[Path]:
    """A cuff or hem line across each sleeve, a little up from its end."""
    (x0, y0), (x1, y1) = left[2], left[3]
    up = 0.05
    line = [(x0 + up * 0.6, y0 - up), (x1 + up * 0.6, y1 - up)]
    return [line, _mirror(line)]


def tshirt(rng: np.random.Generator) -> Design:
    if rng.random() < 0.2:  # a top on straps: the class is "T-shirt/top"
        half, waist = rng.uniform(0.2, 0.28), rng.uniform(0.18, 0.26)
        top = rng.uniform(0.12, 0.25)
        left = [(0.5 - half * 0.6, top), (0.5 - half, top + 0.15), (0.5 - waist, 1.0)]
        body = _symmetric(left, _neckline(rng, half * 0.6, top, "round"))
        straps = [
            [(0.5 - half * 0.55, top), (0.5 - half * 0.5, 0.0)],
            [(0.5 + half * 0.55, top), (0.5 + half * 0.5, 0.0)],
        ]
        return Design([body], strokes=straps)
    left, shape = _top(rng, "short", rng.uniform(0.75, 1.0))
    kind = "v" if rng.random() < 0.3 else "round"
    body = _symmetric(left, _neckline(rng, shape["neck"], shape["shoulder_y"], kind))
    details = []
    if rng.random() < 0.5:
        details += _sleeve_ends(left)
    if rng.random() < 0.3:  # a logo or a print on the chest
        cy = shape["shoulder_y"] + rng.uniform(0.25, 0.4)
        details.append(_arc(0.5, cy, rng.uniform(0.06, 0.1), rng.uniform(0.05, 0.08), 0, 360, 12))
    return Design([body], details)


def pullover(rng: np.random.Generator) -> Design:
    left, shape = _top(rng, "long", rng.uniform(0.8, 1.05))
    neck = rng.choice(["round", "round", "v", "turtle", "hood"])
    shoulder_y, half_neck = shape["shoulder_y"], shape["neck"]
    strokes: list[Path] = []
    details = _sleeve_ends(left)
    if neck == "turtle":
        height = rng.uniform(0.06, 0.12)
        neckline = [(0.5 + half_neck, shoulder_y), (0.5 + half_neck, shoulder_y - height)]
        neckline += [(0.5 - half_neck, shoulder_y - height), (0.5 - half_neck, shoulder_y)]
        details.append(
            [(0.5 - half_neck, shoulder_y - height * 0.4), (0.5 + half_neck, shoulder_y - height * 0.4)]
        )
    elif neck == "hood":
        neckline = _arc(0.5, shoulder_y, half_neck * 1.8, rng.uniform(0.15, 0.25), 0, -180, 12)
        details.append(_arc(0.5, shoulder_y, half_neck * 1.1, 0.1, 0, -180, 8))
        if rng.random() < 0.5:  # a front pocket
            y = shape["hem_y"] - rng.uniform(0.18, 0.28)
            details.append([(0.38, shape["hem_y"] - 0.08), (0.4, y), (0.6, y), (0.62, shape["hem_y"] - 0.08)])
    else:
        neckline = _neckline(rng, half_neck, shoulder_y, str(neck))
    body = _symmetric(left, neckline)
    if rng.random() < 0.7:  # ribbing at the waist
        y = shape["hem_y"] - rng.uniform(0.05, 0.09)
        details.append([(left[-1][0] + 0.01, y), (1 - left[-1][0] - 0.01, y)])
    if rng.random() < 0.3:  # a knitted pattern across the chest
        y = shape["shoulder_y"] + rng.uniform(0.25, 0.4)
        details.append([(0.5 - shape["half"] + 0.02, y), (0.5 + shape["half"] - 0.02, y)])
    return Design([body], details, strokes)


def coat(rng: np.random.Generator) -> Design:
    length = rng.uniform(0.8, 1.5)  # from a jacket or a puffer at the hip to a long coat
    left, shape = _top(rng, "long", length)
    shoulder_y, hem_y = shape["shoulder_y"], shape["hem_y"]
    # Coats sit open at the neck: a deep V, often with lapels or a collar.
    depth = rng.uniform(0.15, 0.35)
    neck = shape["neck"]
    body = _symmetric(left, [(0.5 + neck, shoulder_y), (0.5, shoulder_y + depth), (0.5 - neck, shoulder_y)])
    details = _sleeve_ends(left) if rng.random() < 0.6 else []
    details.append([(0.5, shoulder_y + depth), (0.5 + rng.uniform(-0.01, 0.01), hem_y)])  # opening or zip
    if rng.random() < 0.6:  # lapels
        for side in (-1, 1):
            details.append(
                [
                    (0.5 + side * neck, shoulder_y),
                    (0.5 + side * (neck + 0.07), shoulder_y + depth * 0.5),
                    (0.5 + side * 0.02, shoulder_y + depth),
                ]
            )
    if rng.random() < 0.5:
        details += _dots(rng, 0.5 + 0.04, shoulder_y + depth + 0.08, hem_y - 0.15, int(rng.integers(3, 6)))
    if rng.random() < 0.6:  # pockets
        y = shoulder_y + length * rng.uniform(0.55, 0.7)
        for side in (-1, 1):
            x = 0.5 + side * shape["half"] * 0.55
            details.append(
                [(x - 0.07, y), (x + 0.07, y)]
                if rng.random() < 0.5
                else [(x - 0.07, y), (x - 0.07, y + 0.1), (x + 0.07, y + 0.1), (x + 0.07, y)]
            )
    if rng.random() < 0.25:  # a puffer's quilting: bands across the body
        for y in np.linspace(shoulder_y + 0.2, hem_y - 0.1, int(rng.integers(3, 6))):
            details.append([(0.5 - shape["half"], y), (0.5 + shape["half"], y)])
    if rng.random() < 0.3:  # a belt
        y = shoulder_y + length * rng.uniform(0.4, 0.5)
        details.append([(0.5 - shape["half"], y), (0.5 + shape["half"], y)])
    return Design([body], details)


def shirt(rng: np.random.Generator) -> Design:
    long_sleeves = rng.random() < 0.7
    left, shape = _top(rng, "long" if long_sleeves else "short", rng.uniform(0.8, 1.1))
    shoulder_y, hem_y, neck = shape["shoulder_y"], shape["hem_y"], shape["neck"]
    neckline = (
        _neckline(rng, neck, shoulder_y, "v")
        if rng.random() < 0.4
        else [(0.5 + neck, shoulder_y), (0.5, shoulder_y + 0.05), (0.5 - neck, shoulder_y)]
    )
    body = _symmetric(left, neckline)
    collar_y = shoulder_y + rng.uniform(0.08, 0.14)
    details = []
    for side in (-1, 1):  # the collar's two points
        details.append(
            [
                (0.5 + side * neck, shoulder_y),
                (0.5 + side * rng.uniform(0.02, 0.06), collar_y),
                (0.5, shoulder_y + 0.04),
            ]
        )
    if rng.random() < 0.8:  # the placket and its buttons
        details.append([(0.5, collar_y), (0.5, hem_y)])
        details += _dots(rng, 0.5 + 0.035, collar_y + 0.05, hem_y - 0.08, int(rng.integers(4, 7)))
    if rng.random() < 0.7:
        details += _sleeve_ends(left)
    if rng.random() < 0.4:  # a chest pocket
        x, y = 0.5 + shape["half"] * 0.5, shoulder_y + 0.2
        details.append([(x - 0.05, y), (x - 0.05, y + 0.08), (x + 0.05, y + 0.08), (x + 0.05, y)])
    return Design([body], details)


def dress(rng: np.random.Generator) -> Design:
    bust = rng.uniform(0.12, 0.2)
    waist = bust * rng.uniform(0.75, 1.0)
    top_y = rng.uniform(0.0, 0.15)
    waist_y = top_y + rng.uniform(0.2, 0.35)
    length = rng.uniform(0.55, 1.0)  # short to long, as a share of the tallest
    hem_y = top_y + length * (1.0 - top_y) + 0.001
    shape = rng.choice(["a-line", "a-line", "tube", "tube", "flared"])
    hem = {
        "a-line": rng.uniform(0.22, 0.38),
        "tube": waist * rng.uniform(1.0, 1.2),
        "flared": rng.uniform(0.35, 0.48),
    }[str(shape)]
    left: Path = []
    strokes: list[Path] = []
    tops = rng.choice(["straps", "straps", "sleeveless", "sleeveless", "short", "strapless"])
    if tops == "strapless":  # a tube or bandeau top: straight across, no shoulders
        left += [(0.5 - bust * 0.9, top_y + 0.08), (0.5 - bust, top_y + 0.1)]
    elif tops == "short":
        left += [
            (0.5 - bust * 0.5, top_y),
            (0.5 - bust - 0.1, top_y + 0.08),
            (0.5 - bust - 0.06, top_y + 0.17),
        ]
    elif tops == "sleeveless":
        left += [(0.5 - bust * 0.5, top_y), (0.5 - bust * 0.95, top_y + 0.03)]
    else:
        left += [(0.5 - bust * 0.7, top_y + 0.04), (0.5 - bust, top_y + 0.06)]
        strokes += [
            [(0.5 - bust * 0.7, top_y + 0.05), (0.5 - bust * 0.6, 0.0)],
            [(0.5 + bust * 0.7, top_y + 0.05), (0.5 + bust * 0.6, 0.0)],
        ]
    left += [(0.5 - bust, top_y + 0.15), (0.5 - waist, waist_y)]
    if shape == "tube":
        left += [(0.5 - hem, hem_y)]
    else:
        left += [(0.5 - (waist + hem) / 2 - 0.02, (waist_y + hem_y) / 2), (0.5 - hem, hem_y)]
    if tops == "strapless":
        neckline = [(0.5 + bust * 0.9, top_y + 0.08), (0.5, top_y + rng.uniform(0.06, 0.11))]
        neckline.append((0.5 - bust * 0.9, top_y + 0.08))
    elif tops == "straps":
        neckline = [(0.5 + bust * 0.7, top_y + 0.04), (0.5, top_y + 0.1), (0.5 - bust * 0.7, top_y + 0.04)]
    else:
        neckline = _neckline(rng, bust * 0.5, top_y, "v" if rng.random() < 0.4 else "round")
    body = _symmetric(left, neckline)
    details = []
    if rng.random() < 0.5:  # waistline or belt
        details.append([(0.5 - waist, waist_y), (0.5 + waist, waist_y)])
    if rng.random() < 0.3 and shape != "tube":  # folds of the skirt
        for dx in (-0.5, 0.5):
            details.append([(0.5 + dx * waist, waist_y + 0.05), (0.5 + dx * hem, hem_y - 0.05)])
    return Design([body], details, strokes)


def trouser(rng: np.random.Generator) -> Design:
    waist = rng.uniform(0.16, 0.26)
    crotch_y = rng.uniform(0.22, 0.38)
    kind = rng.choice(["straight", "straight", "wide", "skinny"])
    leg_bottom = {
        "straight": rng.uniform(0.09, 0.13),
        "wide": rng.uniform(0.13, 0.2),
        "skinny": rng.uniform(0.06, 0.09),
    }[str(kind)]
    gap = rng.uniform(0.15, 0.28)  # wider than a brush, so filling leaves the legs apart
    outer = 0.5 - waist * rng.uniform(1.0, 1.15)
    if kind == "wide":
        outer_bottom = 0.5 - gap / 2 - 2 * leg_bottom
    else:
        outer_bottom = min(outer + 0.02, 0.5 - gap / 2 - 2 * leg_bottom)
    inner_bottom = outer_bottom + 2 * leg_bottom
    hip_y = crotch_y * rng.uniform(0.5, 0.9)
    left = [(0.5 - waist, 0.0), (outer, hip_y), (outer_bottom, 1.0), (inner_bottom, 1.0)]
    right_half = _mirror(left)[::-1]
    # From the left leg's inside hem up to the crotch and down the right leg's inside; the legs'
    # inner edges run nearly parallel, so the gap stays open below the crotch as students draw it.
    inner = gap * rng.uniform(0.35, 0.5)
    crotch = [(0.5 - inner, crotch_y + 0.04), (0.5, crotch_y), (0.5 + inner, crotch_y + 0.04)]
    body = left + crotch + right_half
    details = []
    if rng.random() < 0.6:  # waistband
        details.append([(0.5 - waist, 0.06), (0.5 + waist, 0.06)])
    if rng.random() < 0.4:  # fly
        details.append([(0.5, 0.06), (0.5, crotch_y * 0.8)])
    if rng.random() < 0.4:  # pockets
        for side in (-1, 1):
            details.append([(0.5 + side * waist * 0.55, 0.06), (0.5 + side * waist * 0.95, 0.16)])
    if rng.random() < 0.3:  # turned-up hems
        details.append([(outer_bottom, 0.93), (inner_bottom, 0.93)])
        details.append(_mirror([(outer_bottom, 0.93), (inner_bottom, 0.93)]))
    return Design([body], details)


# -- shoes (toe at x = 0, heel at x = 1, ground at y = height) ----------------------------------------
def sandal(rng: np.random.Generator) -> Design:
    if rng.random() < 0.2:  # a flip-flop seen from above: a long sole and a Y strap
        sole = _arc(0.5, 0.5, rng.uniform(0.17, 0.24), 0.5, 0, 360, 20)
        post = (0.5, rng.uniform(0.15, 0.22))
        strap_y = rng.uniform(0.4, 0.5)
        strokes = [[(0.5 - 0.19, strap_y), post, (0.5 + 0.19, strap_y)]]
        return Design([sole], strokes=strokes)
    height = rng.uniform(0.25, 0.5)
    thick = rng.uniform(0.04, 0.09)
    heel = rng.uniform(0.0, height * 0.7) if rng.random() < 0.5 else 0.0
    # The sole's top edge: flat, or rising to the heel on a wedge or a heel.
    ball = rng.uniform(0.3, 0.45)
    top_at = lambda x: height - thick - (0 if x < ball else heel * (x - ball) / (1 - ball))  # noqa: E731
    if heel and rng.random() < 0.5:  # a heel block under the back: the sole is a ramp above it
        sole = [
            (0.0, height - thick * 0.6),
            (ball, height),
            (0.8, top_at(0.8) + thick),
            (0.8, height),
            (1.0, height),
            (1.0, top_at(1.0)),
            (ball, top_at(ball)),
            (0.02, height - thick),
        ]
    else:  # flat or a wedge: one solid sole
        sole = [
            (0.0, height - thick * 0.5),
            (0.05, height),
            (1.0, height),
            (1.0, top_at(1.0)),
            (ball, top_at(ball)),
            (0.02, height - thick),
        ]
    sole = _smooth(sole, 1)
    strokes: list[Path] = []
    strap_top = top_at(1.0) - rng.uniform(0.15, 0.3) - 0.05
    if rng.random() < 0.25:  # a slide: one wide band over the front of a flat sole
        x0, x1 = rng.uniform(0.1, 0.25), rng.uniform(0.5, 0.7)
        rise = rng.uniform(0.12, 0.25)
        strokes.append(
            [
                (x0, top_at(x0)),
                (x0 + 0.08, top_at(x0) - rise),
                (x1 - 0.05, top_at(x1) - rise),
                (x1, top_at(x1)),
            ]
        )
        return Design([sole], strokes=strokes)
    for _ in range(int(rng.integers(1, 4))):  # straps over the foot
        x0 = rng.uniform(0.08, 0.55)
        x1 = x0 + rng.uniform(0.12, 0.3)
        peak = min(top_at(x0), top_at(x1)) - rng.uniform(0.1, 0.25)
        strokes.append(_arc((x0 + x1) / 2, top_at(x0), (x1 - x0) / 2, top_at(x0) - peak, 180, 360, 8))
    if rng.random() < 0.7:  # the strap round the heel and ankle
        strokes.append(
            [(0.65, top_at(0.65)), (0.8, strap_top), (1.0, strap_top + 0.02), (0.97, top_at(0.97))]
        )
    if rng.random() < 0.3:  # gladiator: rungs up the ankle
        for y in np.linspace(strap_top, top_at(0.9) - 0.04, int(rng.integers(2, 4))):
            strokes.append([(0.72, y), (0.98, y)])
    return Design([sole], strokes=strokes)


def sneaker(rng: np.random.Generator) -> Design:
    height = rng.uniform(0.28, 0.58) if rng.random() < 0.75 else rng.uniform(0.58, 0.8)
    sole = rng.uniform(0.06, 0.12)
    toe_top = height - rng.uniform(0.15, 0.25) * min(1.0, height / 0.4)
    collar_x = rng.uniform(0.55, 0.72)
    dip = rng.uniform(0.02, 0.08)
    if rng.random() < 0.25:  # a slip-on: a low, nearly flat top from the heel to the toe
        toe_top, collar_x, dip = height * rng.uniform(0.25, 0.45), rng.uniform(0.35, 0.5), 0.0
    outline = [
        (0.0, height - sole * 0.8),
        (0.04, height),
        (1.0, height),
        (1.0, 0.08 * height),
        (0.95, 0.0),
        (collar_x + 0.1, dip),
        (collar_x, 0.05 * height),
        (collar_x - rng.uniform(0.15, 0.25), toe_top * 0.55),
        (0.12, toe_top),
        (0.0, toe_top + (height - toe_top) * 0.4),
    ]
    outline = _smooth(outline, 2)
    details = [[(0.02, height - sole), (1.0, height - sole)]]  # the sole's line
    if rng.random() < 0.7:  # laces down the front
        start, end = np.array((collar_x - 0.05, 0.1 * height)), np.array((0.3, toe_top * 0.9))
        for t in np.linspace(0.0, 0.8, int(rng.integers(3, 6))):
            x, y = start + t * (end - start)
            details.append([(x - 0.05, y - 0.04), (x + 0.05, y + 0.04)])
    if rng.random() < 0.5:  # a stripe or a swoosh on the side
        y = height - sole - rng.uniform(0.06, 0.15)
        details.append([(0.35, y), (0.6, y + 0.03), (0.9, y - 0.12)])
    if rng.random() < 0.4:  # toe cap
        details.append(_arc(0.15, height - sole, 0.15, (height - sole - toe_top) * 0.9, 180, 270, 6))
    return Design([outline], details)


def ankle_boot(rng: np.random.Generator) -> Design:
    height = rng.uniform(0.75, 1.15)
    sole = rng.uniform(0.06, 0.12)
    toe_top = height - rng.uniform(0.18, 0.3)
    shaft_front = rng.uniform(0.42, 0.6)
    shaft_back = 1.0 - rng.uniform(0.0, 0.06)
    heel = rng.uniform(0.1, 0.25) if rng.random() < 0.5 else 0.0
    outline: Path = [(0.0, height - sole * 0.8), (0.04, height - heel * 0.3)]
    if heel:  # a heel block under the back, the foot's sole raised between
        outline += [(0.55, height - heel * 0.8), (0.72, height - heel), (0.75, height), (0.98, height)]
    else:
        outline += [(1.0, height)]
    outline += [
        (shaft_back, 0.0),
        (shaft_front, 0.0),
        (shaft_front - 0.02, toe_top * 0.6),
        (0.15, toe_top),
        (0.0, toe_top + (height - toe_top) * 0.4),
    ]
    outline = _smooth(outline, 2)
    details = []
    if rng.random() < 0.5:
        details.append([(0.02, height - sole - heel * 0.3), (0.6, height - sole - heel * 0.8)])
    choice = rng.random()
    if choice < 0.35:  # laces up the shaft
        for y in np.linspace(0.1, toe_top * 0.7, int(rng.integers(3, 6))):
            details.append([(shaft_front - 0.04, y), (shaft_front + 0.1, y + 0.03)])
    elif choice < 0.65:  # an elastic side panel
        details.append(
            _arc(
                (shaft_front + shaft_back) / 2,
                0.0,
                (shaft_back - shaft_front) * 0.25,
                toe_top * 0.6,
                180,
                0,
                8,
            )[::-1]
        )
    if rng.random() < 0.4:  # a pull tab
        details.append(
            [
                (shaft_back - 0.04, 0.0),
                (shaft_back - 0.04, -0.08),
                (shaft_back - 0.12, -0.08),
                (shaft_back - 0.12, 0.0),
            ]
        )
    return Design([outline], details)


# -- bags ---------------------------------------------------------------------------------------------
def bag(rng: np.random.Generator) -> Design:
    kind = rng.choice(["handles", "handles", "two handles", "strap", "clutch", "backpack"])
    if kind == "backpack":
        width, height = 1.0, rng.uniform(1.15, 1.45)
        body = _smooth([(0.0, 0.25), (0.15, 0.0), (0.85, 0.0), (1.0, 0.25), (1.0, height), (0.0, height)], 2)
        pocket_top = height * rng.uniform(0.5, 0.65)
        details = [
            [
                (0.15, pocket_top),
                (0.85, pocket_top),
                (0.85, height - 0.08),
                (0.15, height - 0.08),
                (0.15, pocket_top),
            ]
        ]
        if rng.random() < 0.5:  # a zip round the top
            details.append([(0.1, 0.3), (0.9, 0.3)])
        strokes = [_arc(0.5, 0.0, 0.15, rng.uniform(0.1, 0.18), 180, 360, 8)]  # the top loop
        if rng.random() < 0.6:  # shoulder straps showing at the sides
            strokes += [
                [(0.05, 0.2), (-0.08, height * 0.6), (0.03, height * 0.95)],
                [(0.95, 0.2), (1.08, height * 0.6), (0.97, height * 0.95)],
            ]
        return Design([body], details, strokes)
    width = 1.0
    height = rng.uniform(0.45, 0.9) if kind != "clutch" else rng.uniform(0.35, 0.6)
    narrow = rng.uniform(0.0, 0.25)  # a top narrower than the bottom, like a tote
    body = [(narrow, 0.0), (width - narrow, 0.0), (width, height), (0.0, height)]
    body = _smooth(body, 1) if rng.random() < 0.5 else body
    details: list[Path] = []
    strokes: list[Path] = []
    if kind == "handles":
        span = rng.uniform(0.18, 0.35)
        rise = rng.uniform(0.2, 0.45)
        strokes.append(_arc(0.5, 0.0, span, rise, 180, 360, 10))
        if rng.random() < 0.4:  # a second handle behind
            strokes.append(_arc(0.5, 0.0, span * 0.8, rise * 0.8, 180, 360, 10))
    elif kind == "two handles":  # a short loop over each half of the top
        span, rise = rng.uniform(0.08, 0.15), rng.uniform(0.1, 0.25)
        for centre in (0.5 - rng.uniform(0.15, 0.25), 0.5 + rng.uniform(0.15, 0.25)):
            strokes.append(_arc(centre, 0.0, span, rise, 180, 360, 8))
    elif kind == "strap":
        rise = rng.uniform(0.4, 0.9)
        strokes.append(_arc(0.5, 0.02, 0.5 - narrow, rise, 180, 360, 12))
    if rng.random() < 0.5 or kind == "clutch":  # a flap
        flap = rng.uniform(0.3, 0.6) * height
        details.append(
            [(narrow * 0.7, flap * 0.3), (0.5, flap), (width - narrow * 0.7, flap * 0.3)]
            if rng.random() < 0.5
            else [(narrow + 0.02, flap), (width - narrow - 0.02, flap)]
        )
    if rng.random() < 0.3:  # clasp or zip
        details.append([(0.47, height * 0.45), (0.53, height * 0.45)])
    return Design([body], details, strokes)


FAMILIES: tuple[Callable[[np.random.Generator], Design], ...] = (
    tshirt,
    trouser,
    pullover,
    dress,
    coat,
    sandal,
    shirt,
    sneaker,
    bag,
    ankle_boot,
)
