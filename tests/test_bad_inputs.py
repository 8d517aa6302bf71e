"""Every bad input the app can meet, as a table: each gives its exit code, exactly one line on
stderr, no traceback, and leaves the user's good files as they were.

CLI cases run in-process through core.cli.main (fast); a few that need a real process (a broken
pipe) run as subprocesses. The `make` of each case builds its bad input inside `tmp_path`, where
a good checkpoint (`good.pt`), a good picture (`shirt.png`) and good data (`data/`) already lie."""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from core import paths
from core.checkpoint import content_hash, save_checkpoint
from core.cli import main
from core.config import MAX_BATCH_SIZE, MAX_EPOCHS, MAX_LR, MAX_SEED, MIN_LR, TrainConfig
from core.idx import IMAGES_MAGIC, LABELS_MAGIC
from core.models import build_model
from tests.conftest import write_idx_files

ROOT = Path(__file__).resolve().parent.parent
TRAIN_IMAGES, TRAIN_LABELS = "train-images-idx3-ubyte", "train-labels-idx1-ubyte"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]  # builds the input in tmp_path, returns the CLI arguments
    code: int
    says: str  # a piece of the one line on stderr
    never_says: str = "\x00"


# -- builders --------------------------------------------------------------------------------
def _payload(tmp: Path) -> dict:
    return torch.load(tmp / "good.pt", weights_only=True)


def _predict_with(tmp: Path, payload: dict, name: str = "bad.pt", rehash: bool = False) -> list[str]:
    if rehash:
        payload["sha256"] = content_hash(payload["state_dict"])
    torch.save(payload, tmp / name)
    return ["predict", str(tmp / "shirt.png"), "--checkpoint", str(tmp / name)]


def _mutated(**changes) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        payload = _payload(tmp)
        for key, value in changes.items():
            payload[key] = value
        return _predict_with(tmp, payload)

    return make


def _weights(value: float, version: int = 2) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        payload = _payload(tmp)
        payload["state_dict"]["0.weight" if "0.weight" in payload["state_dict"] else "1.weight"][0, 3] = value
        payload["version"] = version
        if version == 1:
            del payload["sha256"]
        return _predict_with(tmp, payload, rehash=version == 2)

    return make


def _bytes_as_checkpoint(content: bytes | Callable[[Path], bytes]) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        (tmp / "bad.pt").write_bytes(content(tmp) if callable(content) else content)
        return ["predict", str(tmp / "shirt.png"), "--checkpoint", str(tmp / "bad.pt")]

    return make


def _bit_flip(tmp: Path) -> bytes:
    payload = _payload(tmp)
    weight = next(iter(payload["state_dict"].values()))
    weight.view(-1)[5] = torch.nextafter(weight.view(-1)[5], torch.tensor(1.0))  # one bit
    torch.save(payload, tmp / "flipped.pt")
    return (tmp / "flipped.pt").read_bytes()


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch pwned-marker",))


def _code_pickle(tmp: Path) -> list[str]:
    torch.save({"format": "fashion-mnist-playground/checkpoint", "x": _RunsCode()}, tmp / "bad.pt")
    return ["predict", str(tmp / "shirt.png"), "--checkpoint", str(tmp / "bad.pt")]


def _huge_checkpoint(tmp: Path) -> list[str]:
    with open(tmp / "huge.pt", "wb") as stream:
        stream.truncate(300 * 2**20)  # sparse: no disk used
    return ["predict", str(tmp / "shirt.png"), "--checkpoint", str(tmp / "huge.pt")]


def _image(make_picture: Callable[[], Image.Image], name: str = "bad.png") -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        make_picture().save(tmp / name)
        return ["predict", str(tmp / name), "--checkpoint", str(tmp / "good.pt")]

    return make


def _png_bomb(tmp: Path) -> list[str]:
    """A 50-byte PNG whose header says 13,000×13,000 pixels (169 megapixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 13000, 13000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
    (tmp / "bomb.png").write_bytes(png + chunk(b"IEND", b""))
    return ["predict", str(tmp / "bomb.png"), "--checkpoint", str(tmp / "good.pt")]


def _data(damage: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        bad = write_idx_files(tmp / "bad-data", n_train=60, n_test=20)
        damage(bad)
        return ["data", "--data", str(bad)]

    return make


def _truncate(folder: Path) -> None:
    path = folder / TRAIN_IMAGES
    path.write_bytes(path.read_bytes()[:-100])


def _wrong_magic(folder: Path) -> None:
    path = folder / TRAIN_IMAGES
    path.write_bytes(b"JUNK" + path.read_bytes()[4:])


def _count_mismatch(folder: Path) -> None:
    (folder / TRAIN_LABELS).write_bytes(struct.pack(">II", LABELS_MAGIC, 59) + bytes(59))


def _label_out_of_range(folder: Path) -> None:
    (folder / TRAIN_LABELS).write_bytes(struct.pack(">II", LABELS_MAGIC, 60) + bytes(59) + b"\x0c")


def _corrupt_gz(folder: Path) -> None:
    raw = (folder / TRAIN_IMAGES).read_bytes()
    (folder / TRAIN_IMAGES).unlink()
    packed = bytearray(gzip.compress(raw))
    packed[len(packed) // 2 :] = bytes(len(packed) - len(packed) // 2)
    (folder / f"{TRAIN_IMAGES}.gz").write_bytes(bytes(packed))


def _gzip_bomb(folder: Path) -> None:
    """A .gz of 50 KB whose header promises 60 images but which inflates to 50 MB."""
    (folder / TRAIN_IMAGES).unlink()
    header = struct.pack(">IIII", IMAGES_MAGIC, 60, 28, 28)
    bomb = zlib.compressobj(1, zlib.DEFLATED, 31)
    packed = bomb.compress(header) + bomb.compress(bytes(50 * 2**20)) + bomb.flush()
    (folder / f"{TRAIN_IMAGES}.gz").write_bytes(packed)


def _train(*extra: str) -> Callable[[Path], list[str]]:
    return lambda tmp: ["train", "--data", str(tmp / "data"), *extra]


def _save_to(make_target: Callable[[Path], str]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["train", "--data", str(tmp / "data"), "--save", make_target(tmp)]


def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "pipe.pt")
    return str(tmp / "pipe.pt")


def _device_link(tmp: Path) -> str:
    """A link in tmp_path to /dev/null: the save must refuse the device it leads to. Never
    /dev/null itself: code that wrongly replaced the target would replace the system's /dev/null
    (the tests may run as root); through a link, a regression only replaces the link."""
    (tmp / "null.pt").symlink_to(os.devnull)
    return str(tmp / "null.pt")


def _blank() -> Image.Image:
    return Image.new("L", (64, 64), 255)


def _transparent() -> Image.Image:
    return Image.new("RGBA", (64, 64), (0, 0, 0, 0))


BOUNDS = [
    ("epochs-0", ["--epochs", "0"], "epochs must be between 1 and"),
    ("epochs-high", ["--epochs", str(MAX_EPOCHS + 1)], "epochs must be between 1 and"),
    ("epochs-text", ["--epochs", "five"], "not a whole number"),
    ("lr-0", ["--lr", "0"], "learning rate must be between"),
    ("lr-low", ["--lr", str(MIN_LR / 10)], "learning rate must be between"),
    ("lr-high", ["--lr", str(MAX_LR * 2)], "learning rate must be between"),
    ("lr-nan", ["--lr", "nan"], "learning rate must be between"),
    ("lr-inf", ["--lr", "inf"], "learning rate must be between"),
    ("batch-0", ["--batch-size", "0"], "batch size must be between"),
    ("batch-high", ["--batch-size", str(MAX_BATCH_SIZE + 1)], "batch size must be between"),
    ("seed-negative", ["--seed", "-1"], "seed must be between"),
    ("seed-high", ["--seed", str(MAX_SEED + 1)], "seed must be between"),
    ("model", ["--model", "resnet"], "invalid choice"),
    ("device", ["--device", "tpu"], "invalid choice"),
    ("augment", ["--augment", "blur"], "invalid choice"),
]

CASES = [
    # checkpoints given to predict
    Case("ckpt-empty", _bytes_as_checkpoint(b""), 1, "not a checkpoint"),
    Case("ckpt-text", _bytes_as_checkpoint(b"hello\n"), 1, "not a checkpoint"),
    Case("ckpt-truncated", _bytes_as_checkpoint(lambda t: (t / "good.pt").read_bytes()[:300]), 1, "damaged"),
    Case(
        "ckpt-png-renamed",
        _bytes_as_checkpoint(lambda t: (t / "shirt.png").read_bytes()),
        1,
        "it is a PNG image",
        "run code",
    ),
    Case("ckpt-code-pickle", _code_pickle, 1, "could run code"),
    Case("ckpt-huge", _huge_checkpoint, 1, "refused without reading"),
    Case("ckpt-bit-flip", _bytes_as_checkpoint(_bit_flip), 1, "do not match the checksum"),
    Case("ckpt-nan", _weights(float("nan")), 1, "NaN or infinite"),
    Case("ckpt-inf", _weights(float("inf")), 1, "NaN or infinite"),
    Case("ckpt-nan-v1", _weights(float("nan"), version=1), 1, "NaN or infinite"),
    Case("ckpt-config-list", _mutated(config=[1, 2]), 1, "training settings are a list"),
    Case("ckpt-config-bad-lr", _mutated(config={"lr": "fast"}), 1, "training settings are invalid"),
    Case("ckpt-metrics-list", _mutated(metrics=[0.9]), 1, "metrics are a list"),
    Case("ckpt-metric-text", _mutated(metrics={"test_acc": "high"}), 1, "not a number"),
    Case("ckpt-classes-int", _mutated(class_names=7), 1, "class names are an int"),
    Case("ckpt-classes-other", _mutated(class_names=["cat", "dog"]), 1, "trained for other classes"),
    Case("ckpt-state-list", _mutated(state_dict=[1, 2]), 1, "weights are a list"),
    Case("ckpt-model-unknown", _mutated(model_name="resnet"), 1, "unknown model 'resnet'"),
    Case("ckpt-model-other-arch", _mutated(model_name="cnn"), 1, "do not fit a cnn model"),
    Case("ckpt-version-newer", _mutated(version=99), 1, "newer version"),
    Case("ckpt-version-text", _mutated(version="2"), 1, "unknown checkpoint format version"),
    Case("ckpt-hash-missing", _mutated(sha256=None), 1, "checksum is missing"),
    Case("ckpt-foreign", _mutated(format="other"), 1, "not a Fashion-MNIST Playground checkpoint"),
    Case(
        "ckpt-folder", lambda t: ["predict", str(t / "shirt.png"), "--checkpoint", str(t)], 2, "is a folder"
    ),
    # images given to predict
    Case(
        "image-text",
        lambda t: (t / "x.png").write_text("no") and ["predict", str(t / "x.png")],
        1,
        "not an image",
    ),
    Case("image-blank", _image(_blank), 1, "blank"),
    Case("image-transparent", _image(_transparent), 1, "blank"),
    Case("image-bomb", _png_bomb, 1, "megapixels"),
    Case("image-folder", lambda t: ["predict", str(t)], 2, "is a folder"),
    Case("image-missing", lambda t: ["predict", str(t / "gone.png")], 2, "no such file"),
    Case("top-0", lambda t: ["predict", str(t / "shirt.png"), "--top", "0"], 2, "between 1 and 10"),
    Case("top-11", lambda t: ["predict", str(t / "shirt.png"), "--top", "11"], 2, "between 1 and 10"),
    # data folders
    Case("idx-truncated", _data(_truncate), 1, "truncated"),
    Case("idx-wrong-magic", _data(_wrong_magic), 1, "not an IDX image file"),
    Case("idx-count-mismatch", _data(_count_mismatch), 1, "must match one to one"),
    Case("idx-label-range", _data(_label_out_of_range), 1, "outside 0–9"),
    Case("gz-corrupt", _data(_corrupt_gz), 1, "corrupt"),
    Case("gz-bomb", _data(_gzip_bomb), 1, "decompression bomb"),
    Case("data-is-file", lambda t: ["data", "--data", str(t / "good.pt")], 2, "is a file, not a folder"),
    # training: every bound, and --save targets, all refused before any data is read
    *[Case(f"bound-{name}", _train(*args), 2, says) for name, args, says in BOUNDS],
    Case("save-empty", _save_to(lambda t: ""), 2, "no file name"),
    Case("save-folder", _save_to(str), 2, "is a folder"),
    Case("save-fifo", _save_to(_fifo), 2, "special file"),
    Case("save-device", _save_to(_device_link), 2, "special file"),
    Case("save-read-only-place", _save_to(lambda t: "/proc/fmp-no/model.pt"), 2, "cannot write"),
    Case("save-under-a-file", _save_to(lambda t: str(t / "good.pt" / "x.pt")), 2, "is a file"),
    # a diverged run never replaces the good file given to --save
    Case(
        "diverged-keeps-good-file",
        lambda t: [
            "train",
            "--data",
            str(t / "data"),
            "--lr",
            "50",
            "--epochs",
            "1",
            "--save",
            str(t / "good.pt"),
        ],
        1,
        "Nothing was saved to",
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # a code-running pickle would drop its marker here
    monkeypatch.setattr(paths, "DEBIAN_DATA_DIR", tmp_path / "no-debian")
    model = build_model("softmax", torch.Generator().manual_seed(0))
    save_checkpoint(tmp_path / "good.pt", model, TrainConfig(model="softmax"), {"test_acc": 0.8})
    shirt = Image.new("L", (100, 100), 0)
    ImageDraw.Draw(shirt).rectangle([30, 10, 70, 90], fill=255)
    shirt.save(tmp_path / "shirt.png")
    write_idx_files(tmp_path / "data", n_train=600, n_test=200)
    return tmp_path


def _fingerprints(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name in ("good.pt", "shirt.png") or path.parent.name == "data"
    }


def run_cli(argv: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_info:
        code = exit_info.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gives_one_line_and_changes_nothing(case: Case, workspace: Path, capsys) -> None:
    before = _fingerprints(workspace)
    argv = case.make(workspace)
    code, _out, err = run_cli(argv, capsys)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert case.says in err and case.never_says not in err, err
    assert code == case.code, err
    assert _fingerprints(workspace) == before
    assert not (workspace / "pwned-marker").exists()


def test_diverged_run_saves_only_when_asked_and_then_beside_the_good_file(workspace: Path, capsys) -> None:
    good = (workspace / "good.pt").read_bytes()
    argv = _train(
        "--lr", "50", "--epochs", "1", "--save", str(workspace / "good.pt"), "--save-even-if-diverged"
    )
    code, _out, err = run_cli(argv(workspace), capsys)
    assert code == 1 and "training diverged" in err and "Traceback" not in err
    assert (workspace / "good.pt").read_bytes() == good
    assert (workspace / "good.diverged.pt").is_file()


def test_failed_final_save_keeps_the_weights_and_says_where(workspace: Path, capsys, monkeypatch) -> None:
    import core.checkpoint as checkpoint

    real_replace, target = os.replace, workspace / "out.pt"

    def disk_full_for_target(source, destination):
        if Path(destination) == target:
            raise OSError(28, "No space left on device")
        return real_replace(source, destination)

    monkeypatch.setattr(checkpoint.os, "replace", disk_full_for_target)
    code, _out, err = run_cli(_train("--epochs", "1", "--save", str(target))(workspace), capsys)
    assert code == 1 and "Traceback" not in err
    line = err.strip().splitlines()[-1]
    assert "no space left on" in line.lower() and "saved to" in line
    rescued = Path(line.rsplit("saved to ", 1)[1].split(" instead")[0])
    assert rescued.is_file() and not target.exists()
    assert checkpoint.load_checkpoint(rescued).model_name == "softmax-scratch"


def test_checkpoint_without_checksum_loads_with_a_note(workspace: Path, capsys) -> None:
    payload = _payload(workspace)
    payload["version"] = 1
    del payload["sha256"]
    code, out, err = run_cli(_predict_with(workspace, payload, "old.pt"), capsys)
    assert code == 0 and "without a checksum" in err and len(err.strip().splitlines()) == 1
    assert "%" in out


def test_read_only_cache_reads_debian_gz_in_memory(workspace: Path, monkeypatch, capsys) -> None:
    debian = write_idx_files(workspace / "debian", n_train=60, n_test=20, gz=True)
    monkeypatch.setattr(paths, "DEBIAN_DATA_DIR", debian)
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/fmp-read-only-cache")
    code, out, err = run_cli(["data"], capsys)
    assert code == 0, err
    assert "read in memory" in out and "60 images" in out


def test_unreadable_data_folder_is_one_line(workspace: Path, monkeypatch, capsys) -> None:
    locked = workspace / "data"
    real_listdir, real_stat = os.listdir, os.stat

    def deny(path, *args, **kwargs):
        if str(path).startswith(str(locked)) and str(path) != str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def deny_listing(path="."):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "stat", deny)
    monkeypatch.setattr(os, "listdir", deny_listing)
    code, _out, err = run_cli(["data", "--data", str(locked)], capsys)
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "ermission denied" in err


def test_predict_into_a_closed_pipe_exits_quietly(workspace: Path) -> None:
    images = [str(workspace / "shirt.png")] * 200
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "predict",
            *images,
            "--checkpoint",
            str(workspace / "good.pt"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workspace,
    )
    process.stdout.close()  # like `| head` exiting before the first line arrives
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_bounds_are_trainconfigs_not_a_copy(workspace: Path, capsys, monkeypatch) -> None:
    """The CLI asks TrainConfig.validate: changing its bound changes what the CLI accepts."""
    import core.config as config

    monkeypatch.setattr(config, "MAX_EPOCHS", 3)
    code, _out, err = run_cli(_train("--epochs", "4")(workspace), capsys)
    assert code == 2 and "epochs must be between 1 and 3" in err
    assert np.isfinite(MAX_LR)


def test_collapsed_run_is_reported_exits_1_and_keeps_the_good_file(
    workspace: Path, capsys, monkeypatch
) -> None:
    from core import trainer

    def collapse(self):
        yield trainer.RunEnded("collapsed", "training collapsed: test accuracy fell to chance (0.100).")

    monkeypatch.setattr(trainer.Trainer, "run", collapse)
    good = (workspace / "good.pt").read_bytes()
    code, _out, err = run_cli(_train("--save", "good.pt")(workspace), capsys)
    assert code == 1 and "collapsed" in err and "Nothing was saved" in err
    assert len(err.strip().splitlines()) == 1
    assert (workspace / "good.pt").read_bytes() == good


SUBPROCESS_CASES = ["bound-lr-0", "ckpt-png-renamed", "ckpt-nan", "gz-bomb", "save-fifo"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_input_in_a_real_process_gives_one_line(name: str, workspace: Path) -> None:
    """The same cases through main.py in a fresh interpreter: no import-time warning or exit-time
    flush adds a line, and the exit code reaches the shell."""
    case = next(case for case in CASES if case.name == name)
    before = _fingerprints(workspace)
    argv = case.make(workspace)
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        cwd=workspace,
        env=env,
        timeout=240,
    )
    assert result.returncode == case.code, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and case.says in result.stderr, result.stderr
    assert _fingerprints(workspace) == before
