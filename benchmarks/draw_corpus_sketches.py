"""Draw the evaluation corpus (resources/sketches-eval) through the real window, by mouse.

120 sketches, 12 a class: four designs a class (benchmarks/corpus_shapes.py, none of them the
held-out set's), each drawn three times in the styles a 12–16-year-old uses: an outline (with the
collar, buttons, straps or laces drawn in), filled (the bucket or "Fill inside"), scribbled in
with back-and-forth strokes, small, off-centre in a corner, or tilted 10–20°; shoes and bags face
either way. Like benchmarks/draw_holdout_sketches.py (whose mouse and screen helpers this reuses)
it starts `main.py` on Xvfb, draws with xdotool and reads each drawing back from a screenshot of
the board; it stores the drawing (280×280, light on dark) in drawn/ and the Draw tab's 28×28
model input in input28/. Training never sees these files (core/sketch_eval.py reads them).

Needs `apt-get install xvfb xdotool imagemagick`. Run:

    .venv/bin/python benchmarks/draw_corpus_sketches.py [--out DIR] [--seed N] [--display :N]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import draw_holdout_sketches as window  # noqa: E402
from benchmarks.corpus_shapes import DESIGNS  # noqa: E402
from benchmarks.holdout_shapes import Design, Point  # noqa: E402
from core.preprocess import preprocess_drawing  # noqa: E402
from core.sketch_eval import CORPUS_DIR, class_slug  # noqa: E402

DRAW_TAB = (96, 40)  # the Draw tab's label at 1280×960, English
# Smaller bursts than the held-out set's 12: on a loaded machine Qt merges queued mouse moves, and
# the board then joins the points it got by straight lines, cutting a trouser's crotch off.
MOVES_PER_BURST = 4
BURST_PAUSE = 0.05
DEFAULT_BRUSH, BRUSH_STEP = 16, 3  # gui/draw/canvas.py DEFAULT_BRUSH; tools.py's [ and ] step
CANVAS = 280
# A drawing with more stray ink than this (pixels of 280×280) is drawn again, up to TRIES times.
MAX_STRAY = 80
MAX_MISSING = 0.08  # share of stroke points without ink (a sharp corner's tip may lack a little)
TRIES = 3
# Each design is drawn in three styles; designs alternate between the two rows, so every class
# has each style twice. The second row's styles say where and how big; the ink is theirs too.
STYLE_ROWS = (
    (("outline", "outline"), ("filled", "filled"), ("scribbled", "scribbled")),
    (("small", "filled"), ("offcentre", "outline"), ("rotated", "scribbled")),
    (("outline", "outline"), ("filled", "filled"), ("scribbled", "scribbled")),
    (("small", "outline"), ("offcentre", "scribbled"), ("rotated", "filled")),
)


def plan() -> list[tuple[int, Design, str, str, bool, str]]:
    """(label, design, style, ink, mirrored, file name) for every sketch of the corpus."""
    jobs = []
    for label, designs in DESIGNS.items():
        for index, (letter, design) in enumerate(zip("cdef", designs, strict=True)):
            for turn, (style, ink) in enumerate(STYLE_ROWS[index]):
                mirror = design.faces and (turn + index) % 2 == 1
                facing = ("-right" if mirror else "-left") if design.faces else ""
                kind = style if style == ink else f"{style}-{ink}"
                name = f"{label}-{class_slug(label)}-{kind}-{letter}{facing}.png"
                jobs.append((label, design, style, ink, mirror, name))
    return jobs


def placement(style: str, rng: np.random.Generator) -> tuple[float, float, float, np.ndarray]:
    """(size, stretch, angle in radians, centre) on the board, whose side is 1."""
    stretch = rng.uniform(0.88, 1.12)
    if style == "small":
        size, angle = rng.uniform(0.25, 0.38), rng.uniform(-5, 5)
        centre = rng.uniform(0.5 - (1 - size) / 2 + 0.05, 0.5 + (1 - size) / 2 - 0.05, 2)
    elif style == "offcentre":
        size, angle = rng.uniform(0.40, 0.55), rng.uniform(-5, 5)
        corner = rng.choice([-1, 1], 2)
        centre = 0.5 + corner * ((1 - size) / 2 - rng.uniform(0.03, 0.06))
    elif style == "rotated":
        size, angle = rng.uniform(0.55, 0.72), rng.choice([-1, 1]) * rng.uniform(10, 20)
        centre = 0.5 + rng.uniform(-0.03, 0.03, 2)
    else:
        size, angle = rng.uniform(0.55, 0.88), rng.uniform(-5, 5)
        centre = rng.uniform(0.5 - (1 - size) / 2 + 0.03, 0.5 + (1 - size) / 2 - 0.03, 2)
    return size, stretch, math.radians(angle), centre


def scribble(polygon: list[Point], spacing: float, angle: float) -> list[list[Point]]:
    """Back-and-forth strokes filling a closed polygon, as a hand colours a shape in.

    Scan lines ``spacing`` apart at ``angle``; each run of inside segments becomes one zigzag
    stroke, a new one where the shape splits or joins (between trouser legs, say)."""
    points = np.array(polygon)
    centre = points.mean(axis=0)
    cos, sin = math.cos(angle), math.sin(angle)
    rotate = np.array([[cos, -sin], [sin, cos]])
    local = (points - centre) @ rotate  # the scan lines are horizontal here
    strokes: list[list[Point]] = []
    current: list[list[np.ndarray]] = []
    for number, y in enumerate(np.arange(local[:, 1].min() + spacing / 2, local[:, 1].max(), spacing)):
        crossings = []
        for (x0, y0), (x1, y1) in zip(local[:-1], local[1:], strict=True):
            if (y0 <= y) != (y1 <= y):
                crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        crossings.sort()
        runs = [
            (a + 0.012, b - 0.012)
            for a, b in zip(crossings[::2], crossings[1::2], strict=True)
            if b - a > 0.03
        ]
        if len(runs) != len(current):
            strokes += [[tuple(p) for p in stroke] for stroke in current if len(stroke) > 2]
            current = [[] for _ in runs]
        for stroke, (a, b) in zip(current, runs, strict=True):
            ends = [np.array([a, y]), np.array([b, y])]
            stroke += ends if number % 2 == 0 else ends[::-1]
    strokes += [[tuple(p) for p in stroke] for stroke in current if len(stroke) > 2]
    back = rotate.T
    return [[tuple(np.array(p) @ back + centre) for p in stroke] for stroke in strokes]


@dataclass
class Intended:
    """What a drawing should be, in board units: the strokes' paths, the outline and the brush."""

    strokes: list[list[Point]] = field(default_factory=list)
    outline: list[Point] = field(default_factory=list)
    filled: bool = False
    brush: int = DEFAULT_BRUSH

    def stray_ink(self, drawing: np.ndarray) -> int:
        """Pixels of the 280×280 drawing inked where no stroke or fill went: a stroke whose mouse
        moves were merged and cut a corner, or a bucket that leaked."""
        allowed = Image.new("L", (CANVAS, CANVAS))
        pen = ImageDraw.Draw(allowed)
        if self.filled:
            pen.polygon([(x * CANVAS, y * CANVAS) for x, y in self.outline], fill=255)
        radius = (self.brush + 8) / 2  # round brush tips, a little wider for the anti-aliased rim
        for path in self.strokes:  # dense points (~2 px apart): a disc at each covers the stroke
            for x, y in path:
                pen.ellipse(
                    [x * CANVAS - radius, y * CANVAS - radius, x * CANVAS + radius, y * CANVAS + radius],
                    fill=255,
                )
        return int(((drawing > 128) & (np.asarray(allowed) == 0)).sum())

    def missing_ink(self, drawing: np.ndarray) -> float:
        """Share of the strokes' points left without ink: mouse moves the window never saw."""
        points = np.array([point for path in self.strokes for point in path]) * CANVAS
        rows, cols = (np.clip(points[:, ::-1].round().astype(int), 0, CANVAS - 1)).T
        return float((drawing[rows, cols] < 128).mean())

    def faithful(self, drawing: np.ndarray) -> bool:
        return self.stray_ink(drawing) <= MAX_STRAY and self.missing_ink(drawing) <= MAX_MISSING


def draw_one(design: Design, style: str, ink: str, mirror: bool, rng, board, fill_tool: bool) -> Intended:
    left, top, side = board
    size, stretch, angle, centre = placement(style, rng)
    intended = Intended(filled=ink != "outline")

    def to_board(point: Point) -> Point:
        x, y = point
        x = 1 - x if mirror else x
        dx, dy = (x - 0.5) * size * stretch, (y - 0.5) * size / stretch
        return (
            centre[0] + dx * math.cos(angle) - dy * math.sin(angle),
            centre[1] + dx * math.sin(angle) + dy * math.cos(angle),
        )

    def stroke(points: list[Point], wobble: float) -> None:
        wobbled = window.wobbly(points, rng, wobble)
        intended.strokes.append(wobbled)
        path = [(round(left + x * side), round(top + y * side)) for x, y in wobbled]
        window.xdotool("mousemove", *path[0], "mousedown", "1")
        for start in range(1, len(path), MOVES_PER_BURST):
            moves: list[object] = []
            for x, y in path[start : start + MOVES_PER_BURST]:
                moves += ["mousemove", x, y]
            window.xdotool(*moves)
            time.sleep(BURST_PAUSE)
        window.xdotool("mouseup", "1")
        time.sleep(0.15)

    size_presses = int(rng.choice([0, 0, 0, 0, -1, 1, 2]))
    keys = ["bracketright"] * size_presses if size_presses > 0 else ["bracketleft"] * -size_presses
    if keys:
        window.xdotool("key", *keys)
    intended.brush = DEFAULT_BRUSH + BRUSH_STEP * size_presses
    wobble = rng.uniform(0.004, 0.01)
    outline = [to_board(p) for p in design.outline]
    intended.outline = outline
    stroke(outline, wobble)
    if ink == "outline":
        for points in design.details:
            stroke([to_board(p) for p in points], wobble)
    elif ink == "scribbled":
        spacing = rng.uniform(0.05, 0.085) * min(1.0, size / 0.6)
        direction = math.radians(rng.choice([0, 30, -30, 60, -60, 90]) + rng.uniform(-8, 8))
        for points in scribble(outline, spacing, direction):
            stroke(points, wobble / 2)
    else:
        if fill_tool:
            window.xdotool("key", "f")
            for point in design.fill_points:
                x, y = to_board(point)
                window.xdotool("mousemove", round(left + x * side), round(top + y * side), "click", "1")
                time.sleep(0.2)
            window.xdotool("key", "b")
            time.sleep(0.5)
            if window.read_board(window.screenshot(), board).mean() > 0.6 * 255:
                print("  the bucket leaked out of the outline: undo, then Fill inside")
                window.xdotool("key", "ctrl+z")
                time.sleep(0.3)
                window.xdotool("key", "ctrl+f")
        else:
            window.xdotool("key", "ctrl+f")
    if ink != "outline":
        for points in design.details_when_filled:  # straps and handles go on after the fill
            stroke([to_board(p) for p in points], wobble)
    if keys:  # back to the default brush for the next drawing
        flip = {"bracketright": "bracketleft", "bracketleft": "bracketright"}
        window.xdotool("key", *[flip[key] for key in keys])
    return intended


def _wait_for_display(display: str) -> None:
    """Until the X server answers (a loaded machine may take many seconds to start Xvfb)."""
    for _ in range(120):
        answer = subprocess.run(
            ["xdotool", "getmouselocation"], env={**os.environ, "DISPLAY": display}, capture_output=True
        )
        if answer.returncode == 0:
            return
        time.sleep(0.5)
    raise SystemExit(f"no X server on {display}")


def _open_draw_tab() -> tuple[int, int, int]:
    """Click the Draw tab until its empty board shows (the window may take a minute to start)."""
    for _ in range(60):
        time.sleep(2)
        window.xdotool("mousemove", *DRAW_TAB, "click", "1")
        time.sleep(1.5)
        try:
            return window.find_board(window.screenshot())
        except ValueError:  # no board on the screen yet
            continue
    raise SystemExit("the Draw tab's board never showed")


def check(out: Path, rng: np.random.Generator) -> None:
    """Replay every drawing's random draws without a window and compare with the stored file."""
    window.xdotool = lambda *args: None
    window.screenshot = lambda: None
    window.read_board = lambda *args: np.zeros((CANVAS, CANVAS))
    sleep, time.sleep = time.sleep, lambda seconds: None
    try:
        for index, (_label, design, style, ink, mirror, name) in enumerate(plan()):
            intended = draw_one(
                design,
                style,
                ink,
                mirror,
                np.random.default_rng(rng.integers(2**32)),
                (0, 0, CANVAS),
                index % 3 == 2,
            )
            drawing = np.asarray(Image.open(out / "drawn" / name).convert("L"))
            stray, missing = intended.stray_ink(drawing), intended.missing_ink(drawing)
            verdict = "" if intended.faithful(drawing) else "  <- draw again"
            print(f"{name}: {stray} px of stray ink, {missing:.1%} of the strokes missing{verdict}")
    finally:
        time.sleep = sleep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS_DIR)
    parser.add_argument("--seed", type=int, default=1207)
    parser.add_argument("--display", default=":94")
    parser.add_argument("--only", nargs="+", help="draw only the files whose names contain one of these")
    parser.add_argument(
        "--check", action="store_true", help="no window: list the stored drawings with stray ink"
    )
    args = parser.parse_args()
    if args.check:
        check(args.out, np.random.default_rng(args.seed))
        return
    window.DISPLAY = args.display
    (args.out / "drawn").mkdir(parents=True, exist_ok=True)
    (args.out / "input28").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as home:
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                args.display,
                "-screen",
                "0",
                f"{window.SCREEN[0]}x{window.SCREEN[1]}x24",
                "-nolisten",
                "tcp",
            ]
        )
        env = {
            **os.environ,
            "DISPLAY": args.display,
            "HOME": home,
            "XDG_CONFIG_HOME": str(Path(home) / ".config"),
            "LANGUAGE": "en",
        }
        _wait_for_display(args.display)
        app = subprocess.Popen([sys.executable, str(root / "main.py")], env=env, cwd=root)
        try:
            board = _open_draw_tab()
            print(f"board at {board}")
            for index, (_label, design, style, ink, mirror, name) in enumerate(plan()):
                # The same random draws whether or not a file is skipped, so --only redraws it alike.
                seed = rng.integers(2**32)
                if args.only and not any(part in name for part in args.only):
                    continue
                for attempt in range(1, TRIES + 1):
                    rng_one = np.random.default_rng(seed)
                    intended = draw_one(design, style, ink, mirror, rng_one, board, index % 3 == 2)
                    window.xdotool("mousemove", window.SCREEN[0] - 5, window.SCREEN[1] - 5)
                    time.sleep(0.6)
                    drawing = window.read_board(window.screenshot(), board)
                    if intended.faithful(drawing) or attempt == TRIES:
                        break
                    stray, missing = intended.stray_ink(drawing), intended.missing_ink(drawing)
                    print(f"  {name}: {stray} px of stray ink, {missing:.0%} of the strokes missing: again")
                    centre = (board[0] + board[2] // 2, board[1] + board[2] // 2)
                    window.xdotool("mousemove", *centre, "key", "Delete")
                    time.sleep(0.4)
                Image.fromarray(drawing).save(args.out / "drawn" / name, optimize=True)
                image28 = preprocess_drawing(drawing)
                if image28 is None:
                    raise SystemExit(f"{name} came back blank")
                Image.fromarray(image28).save(args.out / "input28" / name, optimize=True)
                print(name, flush=True)
                centre = (board[0] + board[2] // 2, board[1] + board[2] // 2)
                window.xdotool("mousemove", *centre, "key", "Delete")
                time.sleep(0.4)
        finally:
            app.terminate()
            app.wait(timeout=10)
            xvfb.terminate()
            xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
