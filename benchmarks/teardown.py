"""What main.leave_without_teardown saves: seconds from "the window has closed" to the process's end.

Each child opens the window (torch, the trainer and the predictor imported, as after the loader
ran), closes it, prints the time, then ends either through Python's own teardown (`sys.exit`) or
as `python main.py` does (`main.leave_without_teardown`: settings synced, streams flushed,
`os._exit`). The two alternate; prints the median, best and worst of each. Asserts nothing.

    .venv/bin/python benchmarks/teardown.py [--runs 5]
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

CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
import torch, core.trainer, core.predictor
from gui.main_window import MainWindow
from gui.session import Session
session = Session()
session.mark_runtime_ready(False, "CPU")
window = MainWindow(session)
window.show()
app.processEvents()
window.close()
app.processEvents()
print(f"{time.time():.6f}", flush=True)
if sys.argv[1] == "main.py":
    from main import leave_without_teardown
    leave_without_teardown(0)
sys.exit(0)
"""


def close_to_exit(ending: str, config_dir: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": config_dir}
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, ending], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )
    closed_at = float(child.stdout.read().split()[-1])
    child.wait()
    if child.returncode != 0:
        raise SystemExit(f"the {ending} child exited {child.returncode}")
    return time.time() - closed_at


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {"Python's teardown": [], "main.py": []}
    with tempfile.TemporaryDirectory() as config_dir:
        for _ in range(args.runs):
            seconds["Python's teardown"].append(close_to_exit("teardown", config_dir))
            seconds["main.py"].append(close_to_exit("main.py", config_dir))
    for ending, values in seconds.items():
        print(
            f"closed → exited, {ending:>17}: median {statistics.median(values):.3f} s, "
            f"best {min(values):.3f} s, worst {max(values):.3f} s over {len(values)} runs"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
