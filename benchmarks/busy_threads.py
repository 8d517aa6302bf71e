"""Training speed with each fixed thread count, on the machine as it is ("quiet") and with one
competing busy process that this script starts and stops itself, side by side in one run. A run
trains on its config's count (TrainConfig.threads, default the model's DEFAULT_THREADS) whatever
the load, so its numbers repeat (issue 18); what a count that followed the load could still buy
is the default's time over the fastest fixed count's in each condition, printed last.

Each measurement is a fresh Python process (the OpenMP wait policy can only be set before torch
loads) training one epoch of the CNN on the first --images training images; the figure is its
EpochEvent.seconds. Choices are interleaved so the machine's own noise hits them alike. Prints
the best and the median seconds of each choice, the default's ratio to the fastest, and the load
average before and after (on a shared machine "quiet" is rarely quiet).

Run:  .venv/bin/python benchmarks/busy_threads.py [--images 20000] [--repeats 2] [--model cnn]
      [--data DIR | --synthetic] [--cpus 0,1] [--choices 2,1,2-spin]
--cpus confines everything to those CPUs: on a big quiet machine, "--cpus 0,1" is a quiet 2-core
laptop, and the busy loop then competes for one of its two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Spins one core until killed or until its deadline: the "browser" of the issue, always bounded.
BUSY_LOOP = "import sys, time\nend = time.time() + float(sys.argv[1])\nwhile time.time() < end:\n    pass\n"
BUSY_LIMIT_S = 900.0  # a safety net; the script stops it as soon as its condition is measured


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def child(args: argparse.Namespace) -> None:
    """One measurement in this process: prints a JSON line."""
    import core  # noqa: F401  (sets the app's OpenMP wait policy unless the environment names one)

    if args.child.endswith("-spin"):  # libgomp's own default: spin a while, then sleep
        os.environ.pop("OMP_WAIT_POLICY", None)
    from core.config import RECOMMENDED, TrainConfig
    from core.data import FashionMNIST, load_dataset
    from core.train_events import EpochEvent
    from core.trainer import Trainer

    if args.synthetic:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from gpu_epoch import synthetic_dataset

        full = synthetic_dataset()
    else:
        full = load_dataset(args.data, download=False)
    data = FashionMNIST(
        full.train_images[: args.images],
        full.train_labels[: args.images],
        full.test_images[:1000],
        full.test_labels[:1000],
        full.source,
    )
    recommended = RECOMMENDED[args.model]
    config = TrainConfig(
        model=args.model,
        epochs=1,
        lr=recommended["lr"],
        batch_size=recommended["batch_size"],
        device="cpu",
        threads=int(args.child.partition("-")[0]),
    )
    trainer = Trainer(config, data)
    cpu_started = time.process_time()
    epoch = next(e for e in trainer.run() if isinstance(e, EpochEvent))
    cpu_seconds = time.process_time() - cpu_started
    print(json.dumps({"seconds": epoch.seconds, "cpu_seconds": cpu_seconds}))


# OpenMP settings a choice may name after its thread count: "2" runs as the app does (core sets
# OMP_WAIT_POLICY=PASSIVE), "2-spin" with libgomp's default (the child drops the variable),
# "2-shortspin" spins ~10 µs before sleeping.
POLICIES = {
    "": {},
    "passive": {"OMP_WAIT_POLICY": "PASSIVE"},
    "spin": {},
    "shortspin": {"OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": "10000"},
}


def measure(choice: str, args: argparse.Namespace) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "GOMP_SPINCOUNT")
    }
    env.update(POLICIES[choice.partition("-")[2]])
    command = [
        sys.executable,
        __file__,
        "--child",
        choice,
        "--images",
        str(args.images),
        "--model",
        args.model,
    ]
    command += ["--synthetic"] if args.synthetic else (["--data", args.data] if args.data else [])
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"measurement {choice} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=20_000, help="training images per epoch")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--model", default="cnn")
    parser.add_argument("--data", help="folder holding the four Fashion-MNIST files")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--choices", help="comma-separated, e.g. 2,1,2-spin,2-shortspin")
    parser.add_argument("--cpus", help="run everything on these CPUs only, e.g. 0,1 (a 2-core laptop)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpus:  # inherited by the measurements and the busy loop
        os.sched_setaffinity(0, {int(c) for c in args.cpus.split(",")})
    if args.child:
        child(args)
        return 0

    from core.config import DEFAULT_THREADS
    from core.parallelism import all_cores

    cores = all_cores()
    default = str(DEFAULT_THREADS[args.model])
    default_choices = {default, str(cores), "1", f"{default}-spin"}
    choices = args.choices.split(",") if args.choices else sorted(default_choices, reverse=True)
    if default not in choices:
        choices.insert(0, default)
    print(f"{cores} cores; {args.model}, one epoch of {args.images} images; choices {', '.join(choices)}")
    print(f"load average before: {_load_average()}", flush=True)
    results: dict[str, dict[str, list[float]]] = {}
    for condition in ("quiet", "one busy process"):
        busy = None
        if condition != "quiet":
            busy = subprocess.Popen([sys.executable, "-c", BUSY_LOOP, str(BUSY_LIMIT_S)])
            time.sleep(0.5)
        try:
            times: dict[str, list[float]] = {c: [] for c in choices}
            for repeat in range(args.repeats):
                order = choices[repeat % len(choices) :] + choices[: repeat % len(choices)]
                for choice in order:
                    figure = measure(choice, args)
                    times[choice].append(figure["seconds"])
                    cpu = f"(CPU {figure['cpu_seconds']:6.2f} s)"
                    print(f"  {condition:<16} {choice:<10} {figure['seconds']:7.2f} s {cpu}", flush=True)
        finally:
            if busy is not None:
                busy.terminate()
                busy.wait(10)
        results[condition] = times
    print(f"load average after: {_load_average()}")
    print()
    print(f"seconds per epoch, best and median of each choice; the default ({default}) / the fastest:")
    for condition, times in results.items():
        for name, pick in (("best", min), ("median", statistics.median)):
            figures = {c: pick(v) for c, v in times.items()}
            fastest = min(choices, key=figures.__getitem__)
            cells = "  ".join(f"{c} {figures[c]:.2f}" for c in choices)
            ratio = figures[default] / figures[fastest]
            print(f"  {condition:<16} {name:<6} {cells}   {default}/{fastest} = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
