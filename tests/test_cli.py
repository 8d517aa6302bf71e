"""main.py's headless subcommands, run as a user would (subprocesses) where it matters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["train", "--lr", "0"],
        ["train", "--lr", "-1"],
        ["train", "--lr", "1e-7"],  # below the GUI's and TrainConfig's minimum
        ["train", "--lr", "abc"],
        ["train", "--epochs", "0"],
        ["train", "--batch-size", "0"],
        ["train", "--model", "resnet"],
        ["train", "--data", "/no/such/folder"],
        ["predict", "/no/such/image.png"],
        ["predict", "x.png", "--checkpoint", "/no/such.pt"],
        ["frobnicate"],
        [],
    ],
)
def test_invalid_arguments_give_one_line_and_exit_2(args, capsys):
    try:
        code = main(args)
    except SystemExit as exit_info:
        code = exit_info.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("main.py") and ": error: " in err
    assert len(err.splitlines()) == 1, err


def test_train_json_prints_one_object_per_epoch(synthetic_data_dir, tmp_path):
    checkpoint = tmp_path / "out.pt"
    result = _run(
        "train",
        "--data",
        str(synthetic_data_dir),
        "--epochs",
        "2",
        "--batch-size",
        "32",
        "--lr",
        "0.5",
        "--json",
        "--save",
        str(checkpoint),
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["epoch"] for line in lines] == [1, 2]
    assert set(lines[0]) == {"epoch", "loss", "train_acc", "test_acc", "seconds"}
    assert lines[-1]["test_acc"] > 0.8
    assert checkpoint.is_file()


def test_train_prints_lesson_lines_and_never_imports_qt(synthetic_data_dir):
    probe = (
        "import sys, runpy; sys.argv = ['main.py'] + sys.argv[1:]\n"
        "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'gui'))]\n"
        "print('QT-MODULES', qt)\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "train",
            "--data",
            str(synthetic_data_dir),
            "--epochs",
            "1",
            "--batch-size",
            "50",
            "--progress",
            "always",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "QT-MODULES []" in result.stdout
    epoch_line = next(line for line in result.stdout.splitlines() if line.startswith("epoch 1, "))
    assert ", train acc " in epoch_line and ", test acc " in epoch_line and epoch_line.endswith(" s")
    assert "epoch 1/1 [" in result.stderr  # the progress bar


def test_diverging_run_says_why_and_exits_1(synthetic_data_dir):
    result = _run("train", "--data", str(synthetic_data_dir), "--lr", "50", "--epochs", "2")
    assert result.returncode == 1
    assert "training diverged" in result.stderr and "last good weights" in result.stderr


def test_missing_data_explains_how_to_get_it(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _run("data", "--data", str(empty))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "apt-get install dataset-fashion-mnist" in result.stderr


def test_data_reports_counts(synthetic_data_dir):
    result = _run("data", "--data", str(synthetic_data_dir))
    assert result.returncode == 0, result.stderr
    assert "600" in result.stdout and "200" in result.stdout


def test_cuda_on_a_machine_without_it_is_a_clear_error(synthetic_data_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA; the refusal only shows without it")
    result = _run("train", "--data", str(synthetic_data_dir), "--device", "cuda")
    assert result.returncode == 2
    assert "torch sees no CUDA" in result.stderr and "Traceback" not in result.stderr
