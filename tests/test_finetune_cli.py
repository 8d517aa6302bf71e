"""`main.py finetune`: a sketchbook in, a fine-tuned checkpoint out; refusals in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from core.checkpoint import load_checkpoint, save_checkpoint
from core.cli import main
from core.config import TrainConfig
from core.models import build_model
from core.sketchbook import Sketchbook
from core.synthetic import make_learnable_images

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sketchbook_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 kept sketches, written once (each is a safe, synced write): the tests only read them."""
    folder = tmp_path_factory.mktemp("finetune-cli") / "sketchbook"
    book = Sketchbook(folder)
    images, labels = make_learnable_images(40, seed=3)
    for image, label in zip(images, labels, strict=True):
        book.add(int(label), image)
    return folder


@pytest.fixture
def start_checkpoint(tmp_path: Path) -> Path:
    model = build_model("softmax", torch.Generator().manual_seed(0))
    return save_checkpoint(tmp_path / "start.pt", model, TrainConfig(model="softmax"), {"test_acc": 0.1})


def test_finetune_prints_before_and_after_and_saves_a_checkpoint_that_loads(
    sketchbook_dir, start_checkpoint, synthetic_data_dir, tmp_path
):
    out = tmp_path / "out.pt"
    result = subprocess.run(
        [
            sys.executable, str(ROOT / "main.py"), "finetune", "--checkpoint", str(start_checkpoint),
            "--sketchbook", str(sketchbook_dir), "--held-out", "10", "--steps", "30",
            "--data", str(synthetic_data_dir), "--save", str(out),
        ],
        capture_output=True, text=True, timeout=240, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("fine-tuning softmax from ") and "30 sketches, 10 held out" in lines[0]
    before = next(line for line in lines if line.startswith("before:"))
    after = next(line for line in lines if line.startswith("after:"))
    assert "(10 sketches), test acc " in before and "test acc " in after
    assert any(line.startswith("step 30/30: held-out acc ") for line in lines)
    saved = load_checkpoint(out)
    assert saved.model_name == "softmax"
    assert saved.metrics["held_acc"] == pytest.approx(
        float(after.split("held-out acc ")[1].split()[0]), abs=5e-4
    )
    assert not torch.equal(
        saved.state_dict["1.weight"], load_checkpoint(start_checkpoint).state_dict["1.weight"]
    )


def run_main(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as exit_info:
        return exit_info.code


@pytest.mark.parametrize(
    "extra",
    [
        ["--held-out", "1.5"],
        ["--held-out", "-2"],
        ["--held-out", "quarter"],
        ["--steps", "many"],
        ["--steps", "0"],
        ["--seed", "-1"],
        ["--model", "vgg"],
    ],
)
def test_a_wrong_option_is_one_line_and_exit_2(extra, sketchbook_dir, tmp_path, capsys):
    code = run_main(
        ["finetune", "--sketchbook", str(sketchbook_dir), "--save", str(tmp_path / "o.pt"), *extra]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("main.py finetune: error: ") and len(err.splitlines()) == 1, err
    assert not (tmp_path / "o.pt").exists()


def test_an_empty_sketchbook_is_one_coded_line_and_exit_1(tmp_path, start_checkpoint, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code = run_main(
        [
            "finetune",
            "--checkpoint",
            str(start_checkpoint),
            "--sketchbook",
            str(empty),
            "--save",
            str(tmp_path / "o.pt"),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        == f"main.py finetune: {empty}: no sketches to learn from (keep some on the Draw tab first)"
    )


def test_a_checkpoint_of_another_model_than_asked_is_refused(
    sketchbook_dir, start_checkpoint, tmp_path, capsys
):
    code = run_main(
        [
            "finetune", "--model", "cnn", "--checkpoint", str(start_checkpoint), "--sketchbook",
            str(sketchbook_dir), "--save", str(tmp_path / "o.pt"),
        ]
    )  # fmt: skip
    assert code == 1
    assert "holds a softmax model, not cnn" in capsys.readouterr().err


@pytest.mark.parametrize(("kept", "held_out", "said"), [
    (2, "0.25", "only 2 sketches: keep 8 more (at least 10, one held out) before teaching"),
    (12, "0", "no sketch is held out: hold at least one out to see what was learnt"),
])  # fmt: skip
def test_too_few_sketches_or_none_held_out_is_one_coded_line(
    kept, held_out, said, tmp_path, start_checkpoint, capsys
):
    book = Sketchbook(tmp_path / "few")
    images, labels = make_learnable_images(kept, seed=3)
    for image, label in zip(images, labels, strict=True):
        book.add(int(label), image)
    out = tmp_path / "o.pt"
    code = run_main(
        ["finetune", "--checkpoint", str(start_checkpoint), "--sketchbook", str(book.folder),
         "--held-out", held_out, "--save", str(out)]
    )  # fmt: skip
    assert code == 1
    assert capsys.readouterr().err.strip() == f"main.py finetune: {said}"
    assert not out.exists()
