"""Launch → painted window, measured by starting `python main.py` for real.

Each launch runs main.py as `python main.py` does, in a child of this script that notes the time
when the window says it is on screen (MainWindow.first_painted) and closes it; this script notes
the time just before launching the process.
Uses $DISPLAY when set (e.g. Xvfb), else Qt's offscreen platform. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def launch_once(env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "painted"
        run_env = {**env, "XDG_CONFIG_HOME": folder}
        launched = time.time()
        command = [sys.executable, __file__, "--child", str(probe)]
        result = subprocess.run(command, cwd=ROOT, env=run_env, capture_output=True, timeout=60)
        if not probe.exists():
            error = result.stderr.decode()
            raise SystemExit(f"the window never painted (exit {result.returncode}):\n{error}")
        return float(probe.read_text()) - launched


def run_main_noting_first_paint(probe: str) -> None:
    """`python main.py`, except that the window's first paint is written to `probe` and closes it."""
    import runpy

    sys.path.insert(0, str(ROOT))
    from gui.main_window import MainWindow

    init = MainWindow.__init__

    def init_and_watch(window: MainWindow, *args, **kwargs) -> None:
        # Watched from construction: however the app shows it (show, showMaximized on a first launch).
        init(window, *args, **kwargs)
        window.first_painted.connect(lambda: note_paint(window, probe))

    MainWindow.__init__ = init_and_watch
    sys.argv = [str(ROOT / "main.py")]
    runpy.run_path(sys.argv[0], run_name="__main__")


def note_paint(window, probe: str) -> None:
    Path(probe).write_text(f"{time.time():.6f}\n", encoding="utf-8")
    window.close()


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", metavar="PROBE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_main_noting_first_paint(args.child)
        return
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    platform = env.get("QT_QPA_PLATFORM") or f"display {env.get('DISPLAY') or env.get('WAYLAND_DISPLAY')}"
    launch_once(env)  # warm the OS file cache, as a user's second start would be
    times = []
    for run in range(1, args.runs + 1):
        seconds = launch_once(env)
        times.append(seconds)
        print(f"run {run}: launch → painted window {seconds:.3f} s")
    print(
        f"median {statistics.median(times):.3f} s, best {min(times):.3f} s, worst {max(times):.3f} s "
        f"over {len(times)} runs ({platform}; target ≤ 2.5 s)"
    )


if __name__ == "__main__":
    main()
