"""Draw the held-out sketch set (resources/sketches-holdout) through the real window, by mouse.

A student's sketch is freehand: wobbly lines, corners that overshoot, a shoe pointing either way,
an outline filled with the bucket or with "Fill inside", drawn small or large anywhere on the
board. This script starts `main.py` on a virtual X display (Xvfb), drives the Draw tab with
xdotool mouse and key events, and reads each finished drawing back from a screenshot of the
board (the board shows value v as the colour board + v·(ink − board), so the values come back
exactly up to the display's smoothing). The training never sees these files: they measure how
well a model reads drawings nobody tuned it to.

Needs `apt-get install xvfb xdotool imagemagick`. Run:

    .venv/bin/python benchmarks/draw_holdout_sketches.py [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.holdout_shapes import DESIGNS, Design, Point  # noqa: E402
from core.classes import CLASS_NAMES  # noqa: E402
from core.paths import resources_dir  # noqa: E402

DISPLAY = ":57"
SCREEN = (1280, 960)
CANVAS = 280
BOARD_RGB = np.array([0x1D, 0x27, 0x30], dtype=np.float32)  # gui/draw/canvas.py BOARD_COLOUR
INK_RGB = np.array([0xF6, 0xF5, 0xEE], dtype=np.float32)  # INK_COLOUR
MOVES_PER_BURST = 12
STEP = 0.008  # board units between mouse events along a stroke (~6 screen px on a 714-px board)


def xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True, env={**os.environ, "DISPLAY": DISPLAY})


def screenshot() -> np.ndarray:
    png = subprocess.run(
        ["import", "-window", "root", "png:-"],
        check=True,
        capture_output=True,
        env={**os.environ, "DISPLAY": DISPLAY},
    ).stdout
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        handle.write(png)
        handle.flush()
        return np.asarray(Image.open(handle.name).convert("RGB"), dtype=np.float32)


def find_board(rgb: np.ndarray) -> tuple[int, int, int]:
    """(left, top, side) of the empty board: the largest square of exactly the board colour."""
    is_board = np.all(np.abs(rgb - BOARD_RGB) < 1.5, axis=2)
    rows = np.where(is_board.sum(axis=1) > 200)[0]
    cols = np.where(is_board.sum(axis=0) > 200)[0]
    top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
    side = min(bottom - top, right - left) + 1
    return int(left), int(top), int(side)


def read_board(rgb: np.ndarray, board: tuple[int, int, int]) -> np.ndarray:
    """The drawing as uint8 [280, 280], 255 = ink, from the board's on-screen colours."""
    left, top, side = board
    crop = rgb[top : top + side, left : left + side]
    direction = INK_RGB - BOARD_RGB
    values = ((crop - BOARD_RGB) @ direction) / float(direction @ direction)
    image = Image.fromarray(np.clip(values, 0.0, 1.0).astype(np.float32), mode="F")
    small = np.asarray(image.resize((CANVAS, CANVAS), Image.Resampling.BOX), dtype=np.float32)
    return np.clip(np.rint(small * 255), 0, 255).astype(np.uint8)


def wobbly(
    points: list[tuple[float, float]], rng: np.random.Generator, wobble: float
) -> list[tuple[float, float]]:
    """Resample a polyline densely and add a slow hand tremor plus corner overshoot."""
    corners = np.array(points, dtype=np.float64)
    corners = corners + rng.uniform(-0.012, 0.012, corners.shape)
    dense = []
    for start, end in zip(corners[:-1], corners[1:], strict=True):
        steps = max(1, int(np.linalg.norm(end - start) / STEP))
        for t in np.arange(steps) / steps:
            dense.append(start + (end - start) * t)
    dense.append(corners[-1])
    path = np.array(dense)
    travelled = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
    tremor = np.zeros_like(path)
    for axis in range(2):
        for frequency, share in ((rng.uniform(1.5, 3.0), 1.0), (rng.uniform(5.0, 9.0), 0.4)):
            tremor[:, axis] += share * np.sin(
                2 * math.pi * frequency * travelled + rng.uniform(0, 2 * math.pi)
            )
    if np.allclose(corners[0], corners[-1], atol=0.03):  # a closed outline must stay closed
        tremor -= np.linspace(0, 1, len(path))[:, None] * (tremor[-1] - tremor[0])
    return [tuple(p) for p in path + wobble * tremor]


def place(design: Design, rng: np.random.Generator, mirror: bool):
    """A function from the design's unit square to screen pixels: size, place, tilt, stretch."""
    size = rng.uniform(0.55, 0.9)
    stretch = rng.uniform(0.88, 1.12)
    angle = math.radians(rng.uniform(-5, 5))
    centre = rng.uniform(0.5 - (1 - size) / 2 + 0.03, 0.5 + (1 - size) / 2 - 0.03, 2)

    def to_board(x: float, y: float) -> tuple[float, float]:
        x = 1 - x if mirror else x
        dx, dy = (x - 0.5) * size * stretch, (y - 0.5) * size / stretch
        return (
            centre[0] + dx * math.cos(angle) - dy * math.sin(angle),
            centre[1] + dx * math.sin(angle) + dy * math.cos(angle),
        )

    return to_board


def draw_one(
    design: Design, filled: bool, mirror: bool, rng: np.random.Generator, board, fill_tool: bool
) -> None:
    left, top, side = board
    to_board = place(design, rng, mirror)

    def screen(point: tuple[float, float]) -> tuple[int, int]:
        x, y = to_board(*point)
        return round(left + x * side), round(top + y * side)

    size_presses = int(rng.choice([0, 0, 0, 0, -1, 1, 2]))
    if size_presses:
        xdotool(
            "key", *(["bracketright"] * size_presses if size_presses > 0 else ["bracketleft"] * -size_presses)
        )
    wobble = rng.uniform(0.004, 0.01)

    def stroke(points: list[Point]) -> None:
        path = [screen(p) for p in wobbly(points, rng, wobble)]
        xdotool("mousemove", *path[0], "mousedown", "1")
        # A hand moves at a finite speed: in bursts with pauses, so the window sees every
        # motion event (one burst of hundreds lost some and left outlines open).
        for start in range(1, len(path), MOVES_PER_BURST):
            moves: list[object] = []
            for x, y in path[start : start + MOVES_PER_BURST]:
                moves += ["mousemove", x, y]
            xdotool(*moves)
            time.sleep(0.03)
        xdotool("mouseup", "1")
        time.sleep(0.15)

    for points in [design.outline, *([] if filled else design.details)]:
        stroke(points)
    if filled:
        if fill_tool:
            xdotool("key", "f")
            for point in design.fill_points:
                xdotool("mousemove", *screen(point), "click", "1")
                time.sleep(0.2)
            xdotool("key", "b")
            time.sleep(0.5)
            if read_board(screenshot(), board).mean() > 0.6 * 255:  # it leaked: undo, fill inside
                print("  the bucket leaked out of the outline: undo, then Fill inside")
                xdotool("key", "ctrl+z")
                time.sleep(0.3)
                xdotool("key", "ctrl+f")
        else:
            xdotool("key", "ctrl+f")
        for points in design.details_when_filled:  # straps and handles go on after the fill
            stroke(points)
    if size_presses:  # back to the default brush for the next drawing
        xdotool(
            "key", *(["bracketleft"] * size_presses if size_presses > 0 else ["bracketright"] * -size_presses)
        )


def plan() -> list[tuple[int, Design, bool, bool, str]]:
    """(label, design, filled, mirrored, file name): each class's two designs, each drawn once as
    an outline and once filled; shoes and bags once facing each way per design."""
    jobs = []
    for label, designs in DESIGNS.items():
        slug = CLASS_NAMES[label].lower().replace("/", "-").replace(" ", "-")
        for letter, design in zip("ab", designs, strict=True):
            for filled in (False, True):
                facing = design.faces and (filled != (letter == "b"))
                mirror = bool(facing)
                direction = ("-right" if mirror else "-left") if design.faces else ""
                kind = "filled" if filled else "outline"
                jobs.append((label, design, filled, mirror, f"{label}-{slug}-{kind}-{letter}{direction}.png"))
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=resources_dir() / "sketches-holdout")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as settings:
        xvfb = subprocess.Popen(
            ["Xvfb", DISPLAY, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"]
        )
        env = {**os.environ, "DISPLAY": DISPLAY, "XDG_CONFIG_HOME": settings, "LANGUAGE": "en"}
        time.sleep(2)
        app = subprocess.Popen([sys.executable, str(root / "main.py")], env=env, cwd=root)
        try:
            time.sleep(12)
            xdotool("mousemove", 81, 32, "click", "1")  # the Draw tab
            time.sleep(1.5)
            board = find_board(screenshot())
            print(f"board at {board}")
            for index, (_label, design, filled, mirror, name) in enumerate(plan()):
                draw_one(design, filled, mirror, rng, board, fill_tool=index % 4 == 3)
                xdotool("mousemove", SCREEN[0] - 5, SCREEN[1] - 5)  # no brush circle on the capture
                time.sleep(0.6)
                drawing = read_board(screenshot(), board)
                Image.fromarray(drawing).save(args.out / name, optimize=True)
                print(args.out / name)
                xdotool("mousemove", board[0] + board[2] // 2, board[1] + board[2] // 2, "key", "Delete")
                time.sleep(0.4)
        finally:
            app.terminate()
            app.wait(timeout=10)
            xvfb.terminate()
            xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
