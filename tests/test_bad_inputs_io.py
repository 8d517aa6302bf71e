"""Faults of the world around a run, as a table in the style of tests/test_bad_inputs.py: a full
disk, a closed pipe, links that lead elsewhere, pipes and devices given as files, odd formats,
exhausted memory, an ASCII-only terminal. Each gives its exit code and one line on stderr, no
traceback, and leaves the user's good files as they were.

Faults that need a real full disk or a huge allocation are simulated (`fault`), at the lowest
level the app goes through: the same errors, with the same numbers, that the system gives."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch

from core import paths
from core.checkpoint import load_checkpoint
from core.cli import main
from tests.conftest import write_idx_files
from tests.test_bad_inputs import Case as BadInputCase
from tests.test_bad_inputs import _fingerprints, run_cli, workspace  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parent.parent
# What torch's zip writer raises when the disk fills under it (issue 19): a short write, reported
# only as a position mismatch.
TORCH_FULL_DISK = RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 704 vs 598")
CPU_OUT_OF_MEMORY = RuntimeError(
    "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't allocate memory: you tried "
    "to allocate 11289600000 bytes. Error code 12 (Cannot allocate memory)"
)

Fault = Callable[[pytest.MonkeyPatch, Path], None]


@dataclass(frozen=True)
class Case(BadInputCase):
    """test_bad_inputs' case, plus a fault to install and a name the run must not create."""

    fault: Fault | None = None  # installed after `make`, before the run
    absent: str = ""  # a name in tmp_path the run must not create


# -- faults --------------------------------------------------------------------------------------
class _FullDiskStream:
    """A file opened on a full disk: every write fails with ENOSPC, as the system's write does."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._stream.close()


def _full_disk(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """The disk holding tmp_path is full (the app's cache and the temp folder are elsewhere):
    files created there refuse every write, and torch's zip writer, handed one, says only
    "unexpected pos"."""
    real_mkstemp, real_fdopen, real_save = tempfile.mkstemp, os.fdopen, torch.save
    on_full_disk: set[int] = set()

    def mkstemp(*args, **kwargs):
        handle, name = real_mkstemp(*args, **kwargs)
        if Path(name).resolve().parent == tmp.resolve():
            on_full_disk.add(handle)
        else:
            on_full_disk.discard(handle)  # a number reused after a close
        return handle, name

    def fdopen(handle, *args, **kwargs):
        stream = real_fdopen(handle, *args, **kwargs)
        return _FullDiskStream(stream) if handle in on_full_disk else stream

    def save(obj, destination, *args, **kwargs):
        if isinstance(destination, _FullDiskStream):
            raise TORCH_FULL_DISK
        return real_save(obj, destination, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(torch, "save", save)


def _another_users_links(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """We run as someone else than the owner of the links in tmp_path (a shared /tmp)."""
    owner = os.lstat(tmp).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)


def _training_fails_with(error: BaseException) -> Fault:
    def fault(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        from core import trainer

        def run(self):
            raise error
            yield  # a generator, like the real one

        monkeypatch.setattr(trainer.Trainer, "run", run)

    return fault


def _trainer_cannot_start(error: BaseException) -> Fault:
    def fault(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        from core import trainer

        def refuse(self, *args, **kwargs):
            raise error

        monkeypatch.setattr(trainer.Trainer, "__init__", refuse)

    return fault


# -- builders ------------------------------------------------------------------------------------
def _train_saving_to(target: Callable[[Path], str], *extra: str) -> Callable[[Path], list[str]]:
    return lambda tmp: ["train", "--data", str(tmp / "data"), "--epochs", "1", *extra, "--save", target(tmp)]


def _link(name: str, to: Callable[[Path], Path | str]) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / name).symlink_to(to(tmp))
        return str(tmp / name)

    return make


def _loop(tmp: Path) -> Path:
    (tmp / "loop-b").symlink_to(tmp / "loop-a")
    return tmp / "loop-b"


def _predict(image: Callable[[Path], str]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["predict", image(tmp), "--checkpoint", str(tmp / "good.pt")]


def _eps(tmp: Path) -> str:
    (tmp / "drawing.eps").write_bytes(
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 28 28\n0 0 moveto 28 28 lineto stroke\nshowpage\n"
    )
    return str(tmp / "drawing.eps")


def _data_folder_where_train_images_are(replace: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    """Good data files, but train-images replaced by what `replace` makes at that path."""

    def make(tmp: Path) -> list[str]:
        folder = write_idx_files(tmp / "odd-data", n_train=20, n_test=10)
        (folder / "train-images-idx3-ubyte").unlink()
        replace(folder / "train-images-idx3-ubyte")
        return ["data", "--data", str(folder)]

    return make


def _looping_link(path: Path) -> None:
    path.with_name("other").symlink_to(path)
    path.symlink_to(path.with_name("other"))


def _data_variable_names(target: Callable[[Path], str]) -> Fault:
    def fault(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        monkeypatch.setenv("FASHION_MNIST_DIR", target(tmp))

    return fault


def _swapped_data(tmp: Path) -> list[str]:
    folder = write_idx_files(tmp / "bad-data", n_train=20, n_test=60)
    return ["data", "--data", str(folder)]


CASES = [
    # the end of a run on a full disk: the weights are kept elsewhere, the good file untouched
    Case(
        "save-disk-full",
        _train_saving_to(lambda t: str(t / "good.pt")),
        1,
        "no space left on the disk holding",
        fault=_full_disk,
    ),
    # --save targets a save must refuse before training
    Case(
        "save-others-link",
        _train_saving_to(_link("theirs.pt", lambda t: t / "good.pt")),
        2,
        "owned by another user",
        fault=_another_users_links,
    ),
    Case(
        "save-dangling-link",
        _train_saving_to(_link("new.pt", lambda t: t / "elsewhere" / "deep" / "model.pt")),
        2,
        "which does not exist",
        absent="elsewhere",
    ),
    Case(
        "save-dangling-folder-link",
        _train_saving_to(lambda t: _link("runs", lambda t: t / "elsewhere")(t) + "/today/model.pt"),
        2,
        "which does not exist",
        absent="elsewhere",
    ),
    Case(
        "save-trailing-slash",
        _train_saving_to(lambda t: str(t / "newdir") + "/"),
        2,
        "names a folder",
        absent="newdir",
    ),
    Case("save-link-loop", _train_saving_to(_link("loop-a", _loop)), 2, "loop of symbolic links"),
    # files given to read that are not what they seem
    Case("image-link-loop", _predict(_link("loop-a", _loop)), 2, "loop of symbolic links", "no such"),
    Case("image-dangling", _predict(_link("gone.png", lambda t: t / "moved.png")), 2, "which does not exist"),
    Case(
        "checkpoint-link-loop",
        lambda t: ["predict", str(t / "shirt.png"), "--checkpoint", _link("loop-a", _loop)(t)],
        2,
        "loop of symbolic links",
    ),
    Case(
        "data-fifo", lambda t: os.mkfifo(t / "pipe") or ["data", "--data", str(t / "pipe")], 2, "not a folder"
    ),
    Case("data-link-loop", lambda t: ["data", "--data", _link("loop-a", _loop)(t)], 2, "loop of symbolic"),
    Case(
        "data-variable-link-loop",
        lambda t: ["data"],
        1,
        "loops back on itself",
        "does not exist",
        fault=_data_variable_names(_link("loop-a", _loop)),
    ),
    Case("data-file-fifo", _data_folder_where_train_images_are(os.mkfifo), 1, "pipe, device", "lacks"),
    Case("data-file-link-loop", _data_folder_where_train_images_are(_looping_link), 1, "loops back", "lacks"),
    Case("image-eps", _predict(_eps), 1, "not an image", "Ghostscript"),
    Case("image-device", _predict(_link("null.png", lambda t: os.devnull)), 1, "pipe, device or socket"),
    Case("data-swapped", _swapped_data, 1, "swapped"),
    # arguments in the wrong place
    Case("bare-data-option", lambda t: ["--data"], 2, "--data needs a folder", "COMMAND"),
    Case("option-before-command", lambda t: ["--epochs", "3", "train"], 2, "goes after a command"),
    # memory
    Case(
        "train-out-of-memory",
        lambda t: ["train", "--data", str(t / "data"), "--model", "cnn", "--batch-size", "60000"],
        1,
        "out of memory at batch size 60000; try a smaller one",
        fault=_training_fails_with(CPU_OUT_OF_MEMORY),
    ),
    Case(
        "train-gpu-out-of-memory-at-start",
        lambda t: ["train", "--data", str(t / "data"), "--model", "cnn", "--batch-size", "512"],
        1,
        "out of memory at batch size 512; try a smaller one (e.g. --batch-size 128)",
        fault=_trainer_cannot_start(
            torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 180.00 MiB")
        ),
    ),
    Case(
        "train-memory-error",
        lambda t: ["train", "--data", str(t / "data"), "--batch-size", "50000"],
        1,
        "out of memory at batch size 50000",
        fault=_training_fails_with(MemoryError()),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fault_gives_one_line_and_changes_nothing(
    case: Case,
    workspace: Path,  # noqa: F811  (the fixture imported above)
    capsys,
    monkeypatch,
) -> None:
    before = _fingerprints(workspace)
    argv = case.make(workspace)
    if case.fault:
        case.fault(monkeypatch, workspace)
    code, _out, err = run_cli(argv, capsys)
    monkeypatch.undo()  # the faults end with the run, before the checks read files
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert case.says in err and case.never_says not in err, err
    assert code == case.code, err
    assert _fingerprints(workspace) == before
    assert not case.absent or not (workspace / case.absent).exists()


# -- the same faults where only a real process shows them ---------------------------------------
def _main_py(argv: list[str], cwd: Path, **options) -> subprocess.Popen:
    env = {**os.environ, **options.pop("env", {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *argv], cwd=cwd, env=env, **streams)


def test_a_fifo_given_as_an_image_is_refused_not_waited_on(workspace: Path) -> None:  # noqa: F811
    os.mkfifo(workspace / "pipe.png")
    process = _main_py(_predict(lambda t: str(t / "pipe.png"))(workspace), workspace)
    try:
        _out, err = process.communicate(timeout=120)  # a hang is the failure, not a slow machine
    finally:
        process.kill()
    assert process.returncode == 1, err
    assert err.decode().strip().endswith("it is a pipe, device or socket, not an image file")


def test_a_closed_stdout_stops_the_printing_not_the_run(workspace: Path) -> None:  # noqa: F811
    """`train … --save x.pt | head -1`: the model is trained and saved all the same."""
    argv = ["train", "--data", str(workspace / "data"), "--epochs", "2", "--save", str(workspace / "x.pt")]
    process = _main_py(argv, workspace)
    process.stdout.close()  # the reader left before the first line
    err = process.stderr.read().decode()
    assert process.wait(timeout=240) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert load_checkpoint(workspace / "x.pt").metrics["epoch"] == 2


def test_ctrl_c_during_training_saves_what_was_trained(workspace: Path) -> None:  # noqa: F811
    """The first Ctrl+C ends the run at a batch's end and saves it (beside a file already there),
    exit 130; before, the run was lost."""
    argv = _train_saving_to(lambda t: str(t / "good.pt"))(workspace)
    argv[argv.index("--epochs") + 1] = "200"
    before = (workspace / "good.pt").read_bytes()
    process = _main_py(argv, workspace, env={"PYTHONUNBUFFERED": "1"})
    try:
        header = process.stdout.readline()
        first_epoch = process.stdout.readline()  # waits for the run itself, however slow
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=240)
    finally:
        process.kill()
    assert b"training" in header and first_epoch.startswith(b"epoch 1,"), (header, first_epoch)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err, err
    assert (workspace / "good.pt").read_bytes() == before
    kept = load_checkpoint(workspace / "good.interrupted.pt")
    assert 1 <= kept.metrics["epoch"] < 200


def test_a_closed_stderr_stops_the_bar_and_messages_not_the_save(workspace: Path) -> None:  # noqa: F811
    """`train … 2>&1 | head -1` with a progress bar and a diverged run kept on request: the bar
    and the divergence message meet the closed pipe before the save."""
    argv = [
        *["train", "--data", str(workspace / "data"), "--epochs", "2", "--lr", "50"],
        *["--progress", "always", "--save-even-if-diverged", "--save", str(workspace / "x.pt")],
    ]
    process = _main_py(argv, workspace, stderr=subprocess.STDOUT)
    process.stdout.close()
    assert process.wait(timeout=240) == 1  # the run diverged: saved, but not a success
    assert load_checkpoint(workspace / "x.pt").config.lr == 50


def test_an_ascii_terminal_gets_what_it_can_show(workspace: Path) -> None:  # noqa: F811
    process = _main_py(
        ["data", "--data", str(workspace / "data")], workspace, env={"PYTHONIOENCODING": "ascii"}
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and not err, err.decode()
    assert b"28?28" in out  # "28×28", said as well as ASCII can


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_printed(workspace: Path) -> None:  # noqa: F811
    odd = os.fsdecode(b"shirt-\xff.png")
    (workspace / odd).write_bytes((workspace / "shirt.png").read_bytes())
    process = _main_py(
        _predict(lambda t: str(t / odd))(workspace), workspace, env={"PYTHONIOENCODING": "utf-8"}
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and not err, err.decode()
    assert b"shirt-?.png:" in out


def test_corrupt_exif_is_not_the_users_problem(workspace: Path) -> None:  # noqa: F811
    """Pillow warns about damaged EXIF (with its own file paths) while the pixels are fine."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Maker"
    raw = bytearray(exif.tobytes())
    raw[14:20] = b"\xff" * 6  # the entry's count and offset point past the end
    raw[-10:] = b"\xff" * 10
    Image.open(workspace / "shirt.png").convert("L").save(workspace / "photo.jpg", exif=bytes(raw))
    process = _main_py(_predict(lambda t: str(t / "photo.jpg"))(workspace), workspace)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and b"%" in out
    assert not err, err.decode()


def test_the_rescued_weights_of_a_full_disk_load(workspace: Path, capsys, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setattr(paths, "cache_dir", lambda: workspace / "cache-on-another-disk")
    argv = _train_saving_to(lambda t: str(t / "out.pt"))(workspace)
    _full_disk(monkeypatch, workspace)
    code, _out, err = run_cli(argv, capsys)
    monkeypatch.undo()
    assert code == 1 and not (workspace / "out.pt").exists()
    assert f"could not save {workspace / 'out.pt'}: no space left on the disk holding {workspace}" in err
    rescued = Path(err.rsplit("saved to ", 1)[1].split(" instead")[0])
    assert rescued.parent == workspace / "cache-on-another-disk" / "unsaved"
    assert load_checkpoint(rescued).metrics["epoch"] == 1
    assert not [path for path in workspace.iterdir() if path.name.endswith(".tmp")]


def test_a_relative_cache_variable_never_fills_the_current_folder(
    workspace: Path,  # noqa: F811
    monkeypatch,
    capsys,
) -> None:
    """XDG says a relative path there is invalid and to be ignored: .gz data must not be
    extracted into whatever folder the command was started from."""
    debian = write_idx_files(workspace / "debian", n_train=60, n_test=20, gz=True)
    monkeypatch.setattr(paths, "DEBIAN_DATA_DIR", debian)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    (workspace / "cwd").mkdir()
    monkeypatch.chdir(workspace / "cwd")
    code, _out, err = run_cli(["data"], capsys)
    assert code == 0, err
    assert paths.cache_dir().is_absolute()
    assert not list((workspace / "cwd").iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the stream")
@pytest.mark.parametrize("closing", ["2>&-", ">&-"])
def test_a_closed_stream_at_start_loses_nothing(workspace: Path, closing: str) -> None:  # noqa: F811
    """`train … 2>&-`: Python starts with sys.stderr None; the run must still train and save,
    and no file the run opens may take the closed stream's number."""
    argv = ["train", "--data", str(workspace / "data"), "--epochs", "1", "--save", str(workspace / "x.pt")]
    command = " ".join(f"'{part}'" for part in [sys.executable, str(ROOT / "main.py"), *argv])
    result = subprocess.run(f"exec {command} {closing}", shell=True, cwd=workspace, timeout=240)
    assert result.returncode == 0
    assert load_checkpoint(workspace / "x.pt").metrics["epoch"] == 1


def test_stdout_on_a_full_disk_stops_the_printing_not_the_run(
    workspace: Path,  # noqa: F811
    capsys,
    monkeypatch,
) -> None:
    """`train … > log.txt` on a full disk: one line says so, the run is trained and saved."""

    class FullDiskLog(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    argv = ["train", "--data", str(workspace / "data"), "--epochs", "2", "--save", str(workspace / "x.pt")]
    with capsys.disabled():
        monkeypatch.setattr(sys, "stdout", FullDiskLog())
        monkeypatch.setattr(sys, "stderr", io.StringIO())
        code = main(argv)
        err = sys.stderr.getvalue()
        monkeypatch.undo()
    assert code == 0, err
    assert (
        err.splitlines()[0] == "main.py: stdout: No space left on device; printing stopped, the run goes on"
    )
    assert "Traceback" not in err and len(err.splitlines()) == 2  # and "saved checkpoint to …"
    assert load_checkpoint(workspace / "x.pt").metrics["epoch"] == 2
