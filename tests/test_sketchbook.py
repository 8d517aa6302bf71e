"""core.sketchbook: sketches kept exactly, every bad file skipped with its code, every bad zip refused
with its code and nothing added, and adds from many threads all landing.

The bad inputs are tables like tests/test_bad_inputs.py: each `make` builds its bad input inside a
folder where a good sketch already lies, and the test checks the code and that the good files are
byte for byte as they were."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from core import sketch_files, sketchbook_zip
from core.sketch_files import META_KEY
from core.sketchbook import Sketchbook, SketchbookError


def picture(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (28, 28), dtype=np.uint8)


def board(size: int = 280, value: int = 200) -> bytes:
    out = io.BytesIO()
    Image.new("L", (size, size), value).save(out, format="PNG")
    return out.getvalue()


def png(image: Image.Image, details: dict | str | None = None) -> bytes:
    info = PngInfo()
    if details is not None:
        info.add_text(META_KEY, details if isinstance(details, str) else json.dumps(details))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


GOOD_DETAILS = {"format": 1, "label": 3, "created": "2026-12-07T10:15:02.000+01:00", "source": "draw"}


def details(**changes) -> dict:
    return {**GOOD_DETAILS, **changes}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


# -- keeping and reading back -------------------------------------------------------------------
def test_a_kept_sketch_comes_back_exactly(tmp_path):
    book = Sketchbook(tmp_path / "book")
    image = picture()
    kept = book.add(7, image, board(), source="draw")
    image[0, 0] ^= 0xFF  # the caller's array is copied, not kept
    [read] = book.sketches()
    assert read.sketch_id == kept.sketch_id and read.label == 7 and read.source == "draw"
    np.testing.assert_array_equal(read.model_input, picture())
    assert read.model_input.dtype == np.uint8 and not read.model_input.flags.writeable
    assert read.created == kept.created and dt.datetime.fromisoformat(read.created).utcoffset() is not None
    with Image.open(io.BytesIO(read.board_png)) as shown:
        assert shown.size == (280, 280) and shown.getpixel((5, 5)) == 200
    assert book.skipped == []


def test_the_sketch_file_is_a_28_by_28_grey_png_holding_the_model_input(tmp_path):
    book = Sketchbook(tmp_path)
    kept = book.add(2, picture(1))
    with Image.open(tmp_path / f"{kept.sketch_id}.png") as image:
        assert (image.format, image.mode, image.size) == ("PNG", "L", (28, 28))
        np.testing.assert_array_equal(np.asarray(image), picture(1))
        assert json.loads(image.info[META_KEY])["label"] == 2


def test_a_large_board_is_shrunk_and_no_board_means_the_input_shown(tmp_path):
    book = Sketchbook(tmp_path)
    big = book.add(1, picture(), board(size=1000))
    none = book.add(1, picture())
    with Image.open(io.BytesIO(big.board_png)) as image:
        assert image.size == (512, 512)
    with Image.open(io.BytesIO(none.board_png)) as image:
        np.testing.assert_array_equal(np.asarray(image), picture())


def test_sketches_are_listed_oldest_first_across_time_zones(tmp_path):
    book = Sketchbook(tmp_path)
    late = book._add(0, picture(0), None, "draw", created="2026-12-07T10:00:00+00:00")
    early = book._add(1, picture(1), None, "draw", created="2026-12-07T10:30:00+01:00")  # 09:30 UTC
    assert [sketch.sketch_id for sketch in book.sketches()] == [early.sketch_id, late.sketch_id]


def test_delete_removes_the_sketch_and_its_board_and_is_idempotent(tmp_path):
    book = Sketchbook(tmp_path)
    gone, kept = book.add(0, picture(0), board()), book.add(1, picture(1), board())
    book.delete(gone.sketch_id)
    book.delete(gone.sketch_id)
    assert [sketch.sketch_id for sketch in book.sketches()] == [kept.sketch_id]
    assert sorted(os.listdir(tmp_path)) == sorted([f"{kept.sketch_id}.png", f"{kept.sketch_id}.board.png"])
    with pytest.raises(ValueError):
        book.delete("../outside")


def test_tensors_follow_the_dataset_convention(tmp_path):
    book = Sketchbook(tmp_path)
    kept = [book.add(label, picture(label)) for label in (4, 9, 0)]
    images, labels = book.tensors()
    assert images.dtype == torch.uint8 and images.shape == (3, 28, 28)
    assert labels.dtype == torch.int64 and labels.tolist() == [4, 9, 0]
    np.testing.assert_array_equal(images[1].numpy(), picture(9))
    chosen_images, chosen_labels = book.tensors(kept[2:])
    assert chosen_images.shape == (1, 28, 28) and chosen_labels.tolist() == [0]
    empty_images, empty_labels = Sketchbook(tmp_path / "none").tensors()
    assert empty_images.shape == (0, 28, 28) and empty_labels.shape == (0,)


def test_the_lessons_sketchbook_is_in_the_user_data_folder_by_date(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    book = Sketchbook.for_lesson(dt.date(2026, 12, 7))
    if os.name == "posix" and not os.uname().sysname == "Darwin":
        assert book.folder == tmp_path / "fashion-mnist-playground" / "sketchbooks" / "2026-12-07"
    assert book.folder.name == "2026-12-07" and not book.folder.exists()  # made by the first add
    assert Sketchbook.for_lesson().folder.name == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("label", "image", "given_board", "code"),
    [
        (10, picture(), None, "sketchbook.bad_label"),
        (-1, picture(), None, "sketchbook.bad_label"),
        (True, picture(), None, "sketchbook.bad_label"),
        ("3", picture(), None, "sketchbook.bad_label"),
        (3, picture().astype(np.float32), None, "sketchbook.bad_input"),
        (3, np.zeros((28, 27), np.uint8), None, "sketchbook.bad_input"),
        (3, picture(), b"GIF89a not a png", "sketchbook.bad_board"),
        (3, picture(), board()[:60], "sketchbook.bad_board"),
    ],
)
def test_a_sketch_that_cannot_be_kept_is_refused_and_nothing_written(
    tmp_path, label, image, given_board, code
):
    book = Sketchbook(tmp_path / "book")
    with pytest.raises(SketchbookError) as refused:
        book.add(label, image, given_board)
    assert refused.value.code == code
    assert not (tmp_path / "book").exists()


def test_a_folder_that_cannot_be_written_is_a_coded_error(tmp_path):
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(SketchbookError) as refused:
        Sketchbook(tmp_path / "file" / "book").add(0, picture())
    assert refused.value.code == "sketchbook.cannot_keep"


def test_threads_adding_at_once_all_land_with_distinct_ids(tmp_path):
    """8 threads released together by a barrier, 25 adds each, two Sketchbooks of one folder (the
    window's and the class server's): all 200 land, none overwrites another."""
    books = [Sketchbook(tmp_path), Sketchbook(tmp_path)]
    start = threading.Barrier(8)
    kept: list[list] = [[] for _ in range(8)]
    failures: list[BaseException] = []

    def add_many(worker: int) -> None:
        try:
            start.wait()
            for index in range(25):
                sketch = books[worker % 2].add((worker + index) % 10, picture(worker * 25 + index))
                kept[worker].append(sketch)
        except BaseException as error:  # noqa: BLE001 (reported by the main thread)
            failures.append(error)

    threads = [threading.Thread(target=add_many, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    listed = Sketchbook(tmp_path).sketches()
    assert len(listed) == 200 and len({sketch.sketch_id for sketch in listed}) == 200
    by_id = {sketch.sketch_id: sketch for sketch in listed}
    for worker, sketches in enumerate(kept):
        for index, sketch in enumerate(sketches):
            np.testing.assert_array_equal(by_id[sketch.sketch_id].model_input, picture(worker * 25 + index))


# -- files in the folder that are not sketches ---------------------------------------------------
@dataclass(frozen=True)
class BadFile:
    name: str
    make: Callable[[Path, bytes], None]  # (folder, a good sketch's bytes) → the bad file in folder
    code: str


def _write(name: str, content: bytes | Callable[[bytes], bytes]) -> Callable[[Path, bytes], None]:
    return lambda folder, good: (folder / name).write_bytes(content(good) if callable(content) else content)


def _subfolder(folder: Path, good: bytes) -> None:
    (folder / "20261207-101502-abcdef.png").mkdir()


def _link(folder: Path, good: bytes) -> None:
    (folder / "outside.png").write_bytes(good)
    os.replace(folder / "outside.png", folder.parent / "outside.png")
    (folder / "20261207-101502-abcdef.png").symlink_to(folder.parent / "outside.png")


def _fifo(folder: Path, good: bytes) -> None:
    os.mkfifo(folder / "20261207-101502-abcdef.png")


ID = "20261207-101502-abcdef"


def _as_sketch(content: bytes | Callable[[bytes], bytes]) -> Callable[[Path, bytes], None]:
    return _write(f"{ID}.png", content)


def _grey(meta: dict | str | None, size: tuple[int, int] = (28, 28), mode: str = "L") -> bytes:
    return png(Image.new(mode, size), meta)


BAD_FILES = [
    BadFile("a text file", _write("notes.txt", b"homework"), "sketchbook.file.foreign"),
    BadFile("a photo", _write("holiday.png", _grey(None, (64, 48), "RGB")), "sketchbook.file.foreign"),
    BadFile("empty", _as_sketch(b""), "sketchbook.file.damaged"),
    BadFile("truncated", _as_sketch(lambda good: good[:60]), "sketchbook.file.damaged"),
    BadFile("a JPEG named .png", _as_sketch(b"\xff\xd8\xff\xe0" + bytes(200)), "sketchbook.file.damaged"),
    BadFile("oversized", _as_sketch(lambda good: good + bytes(70_000)), "sketchbook.file.too_large"),
    BadFile("29×28", _as_sketch(_grey(details(), (29, 28))), "sketchbook.file.wrong_size"),
    BadFile("no details", _as_sketch(_grey(None)), "sketchbook.file.foreign"),
    BadFile("colour", _as_sketch(_grey(details(), mode="RGB")), "sketchbook.file.foreign"),
    BadFile("not JSON", _as_sketch(_grey("{label")), "sketchbook.file.no_details"),
    BadFile("a list", _as_sketch(_grey("[1]")), "sketchbook.file.no_details"),
    BadFile("label 10", _as_sketch(_grey(details(label=10))), "sketchbook.file.no_details"),
    BadFile("label '3'", _as_sketch(_grey(details(label="3"))), "sketchbook.file.no_details"),
    BadFile("no zone", _as_sketch(_grey(details(created="2026-12-07"))), "sketchbook.file.no_details"),
    BadFile("unknown source", _as_sketch(_grey(details(source="web"))), "sketchbook.file.no_details"),
    BadFile("newer format", _as_sketch(_grey(details(format=2))), "sketchbook.file.newer"),
    BadFile("a folder", _subfolder, "sketchbook.file.foreign"),
    BadFile("a link", _link, "sketchbook.file.foreign"),
    BadFile("a pipe", _fifo, "sketchbook.file.foreign"),
]


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
def test_a_file_that_is_not_a_sketch_is_skipped_with_its_code(tmp_path, case):
    book = Sketchbook(tmp_path / "book")
    good = book.add(5, picture(), board())
    before = snapshot(book.folder)
    case.make(book.folder, before[f"{good.sketch_id}.png"])
    listed = book.sketches()
    assert [sketch.sketch_id for sketch in listed] == [good.sketch_id]
    assert [note.code for note in book.skipped] == [case.code]
    assert str(book.skipped[0]).startswith(str(book.folder))
    assert {name: data for name, data in snapshot(book.folder).items() if name in before} == before


def test_a_damaged_board_leaves_its_sketch_shown_by_the_input(tmp_path):
    book = Sketchbook(tmp_path)
    good = book.add(5, picture(), board())
    (tmp_path / f"{good.sketch_id}.board.png").write_bytes(b"not a png")
    [read] = book.sketches()
    assert book.skipped == []
    with Image.open(io.BytesIO(read.board_png)) as image:
        np.testing.assert_array_equal(np.asarray(image), picture())


def test_temp_files_and_lone_boards_are_nobodys_business(tmp_path):
    book = Sketchbook(tmp_path)
    good = book.add(5, picture())
    (tmp_path / f".{good.sketch_id}.png.123.abc.tmp").write_bytes(b"half")
    (tmp_path / "20261207-101502-abcdef.board.png").write_bytes(board())
    assert [sketch.sketch_id for sketch in book.sketches()] == [good.sketch_id] and book.skipped == []


def test_a_file_changed_after_listing_is_read_again(tmp_path):
    book = Sketchbook(tmp_path)
    good = book.add(5, picture())
    assert book.sketches()[0].label == 5
    path = tmp_path / f"{good.sketch_id}.png"
    path.write_bytes(sketch_files.encode_sketch(picture(), details(label=6)))
    os.utime(path, ns=(1, 1))  # a different signature even where the clock is coarse
    assert book.sketches()[0].label == 6


# -- zips -------------------------------------------------------------------------------------
def test_export_then_import_gives_the_same_sketches_with_fresh_ids(tmp_path):
    source = Sketchbook(tmp_path / "monday")
    kept = [source.add(label, picture(label), board(value=10 * label)) for label in range(10)]
    assert source.export_zip(tmp_path / "class.zip") == 10
    target = Sketchbook(tmp_path / "tuesday")
    target.add(0, picture(99))
    assert target.import_zip(tmp_path / "class.zip") == 10
    imported = [sketch for sketch in target.sketches() if sketch.source == "import"]
    assert len(imported) == 10
    assert {sketch.sketch_id for sketch in imported}.isdisjoint({sketch.sketch_id for sketch in kept})
    for original, copy in zip(kept, imported, strict=True):  # oldest first on both sides
        assert copy.label == original.label
        np.testing.assert_array_equal(copy.model_input, original.model_input)
        with Image.open(io.BytesIO(copy.board_png)) as image:
            assert image.getpixel((0, 0)) == 10 * original.label
    assert target.import_zip_counts(tmp_path / "class.zip") == (0, 10)  # again: all already there
    assert len(target.sketches()) == 11


def test_importing_the_book_s_own_export_adds_only_what_is_new(tmp_path):
    book = Sketchbook(tmp_path / "today")
    for label in range(3):
        book.add(label, picture(label))
    book.export_zip(tmp_path / "today.zip")
    book.add(7, picture(0))  # the same drawing as another class: not a copy
    other = Sketchbook(tmp_path / "other")
    other.add(0, picture(0))
    other.add(0, picture(50))
    other.add(0, picture(50))  # twice in the zip: kept once
    other.export_zip(tmp_path / "other.zip")
    assert book.import_zip_counts(tmp_path / "today.zip") == (0, 3)
    assert book.import_zip_counts(tmp_path / "other.zip") == (1, 2)
    assert sorted((s.label, int(s.model_input.sum())) for s in book.sketches()) == sorted(
        [(0, int(picture(0).sum())), (1, int(picture(1).sum())), (2, int(picture(2).sum())),
         (7, int(picture(0).sum())), (0, int(picture(50).sum()))]
    )  # fmt: skip


def test_export_is_atomic_and_refuses_an_empty_sketchbook(tmp_path):
    (tmp_path / "old.zip").write_bytes(b"the teacher's old export")
    with pytest.raises(SketchbookError) as refused:
        Sketchbook(tmp_path / "empty").export_zip(tmp_path / "old.zip")
    assert refused.value.code == "sketchbook.nothing_to_export"
    book = Sketchbook(tmp_path / "book")
    book.add(1, picture())
    with pytest.raises(SketchbookError) as refused:
        book.export_zip(tmp_path)  # a folder
    assert refused.value.code == "sketchbook.cannot_save_there"
    assert (tmp_path / "old.zip").read_bytes() == b"the teacher's old export"
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []


def good_members(count: int = 2) -> list[tuple[str, bytes]]:
    members = []
    for index in range(count):
        sketch_id = f"20261207-10150{index}-abcdef"
        data = sketch_files.encode_sketch(picture(index), {"label": index, "created": GOOD_DETAILS["created"],
                                                           "source": "draw"})
        members += [(f"{sketch_id}.png", data), (f"{sketch_id}.board.png", board())]
    return members


def zip_of(members: list[tuple[str | zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_STORED):
    def make(tmp: Path) -> Path:
        path = tmp / "in.zip"
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, data in members:
                archive.writestr(name, data)
        return path

    return make


def _link_member() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("20261207-101502-abcdef.png")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _encrypted(tmp: Path) -> Path:
    """A zip whose members say they are encrypted (zipfile writes none, so its flag is set by hand)."""
    path = zip_of(good_members())(tmp)
    data = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        where = data.find(signature)
        while where != -1:
            data[where + flags_at] |= 0x1
            where = data.find(signature, where + 4)
    path.write_bytes(bytes(data))
    return path


def _crc_damaged(tmp: Path) -> Path:
    path = zip_of(good_members())(tmp)
    data = bytearray(path.read_bytes())
    where = data.find(b"IDAT")
    data[where + 8] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _bytes_file(content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / "in.zip").write_bytes(content)
        return tmp / "in.zip"

    return make


def _huge_file(tmp: Path) -> Path:
    with open(tmp / "in.zip", "wb") as stream:
        stream.truncate(sketchbook_zip.MAX_TOTAL_BYTES + 1)  # sparse: no disk used
    return tmp / "in.zip"


def _pipe(tmp: Path) -> Path:
    os.mkfifo(tmp / "in.zip")
    return tmp / "in.zip"


@dataclass(frozen=True)
class BadZip:
    name: str
    make: Callable[[Path], Path]
    code: str
    cause: str = ""  # the code of the member's fault, for sketchbook.zip.bad_member
    limits: dict = field(default_factory=dict)  # sketchbook_zip limits lowered for this case


BAD_ZIPS = [
    BadZip("not a zip", _bytes_file(b"PK\x03\x04 but nothing after"), "sketchbook.zip.not_zip"),
    BadZip("a picture", _bytes_file(board()), "sketchbook.zip.not_zip"),
    BadZip("missing", lambda tmp: tmp / "nowhere.zip", "sketchbook.zip.unreadable"),
    BadZip("a folder", lambda tmp: tmp, "sketchbook.zip.not_zip"),
    BadZip("a pipe", _pipe, "sketchbook.zip.not_zip"),
    BadZip("a huge file", _huge_file, "sketchbook.zip.too_big"),
    BadZip("../ traversal", zip_of([("../20261207-101502-abcdef.png", b"x"), *good_members()]),
           "sketchbook.zip.unsafe_name"),
    BadZip("nested traversal", zip_of([*good_members(), ("a/../../20261207-101502-abcdef.png", b"x")]),
           "sketchbook.zip.unsafe_name"),
    BadZip("absolute", zip_of([("/tmp/20261207-101502-abcdef.png", b"x")]), "sketchbook.zip.unsafe_name"),
    BadZip("drive letter", zip_of([("C:20261207-101502-abcdef.png", b"x")]), "sketchbook.zip.unsafe_name"),
    BadZip("backslashes", zip_of([("..\\20261207-101502-abcdef.png", b"x")]), "sketchbook.zip.unsafe_name"),
    BadZip("symlink", zip_of([*good_members(), (_link_member(), b"/etc/passwd")]), "sketchbook.zip.link"),
    BadZip("encrypted", _encrypted, "sketchbook.zip.encrypted"),
    BadZip("too many members", zip_of([(f"d{index}/", b"") for index in range(20)] + good_members()),
           "sketchbook.zip.too_many", limits={"MAX_MEMBERS": 16}),
    BadZip("too big unpacked", zip_of(good_members(3)), "sketchbook.zip.too_big",
           limits={"MAX_TOTAL_BYTES": 1000}),
    BadZip("zip bomb", zip_of([*good_members(), ("20261207-101502-abcdef.board.png", bytes(2**20))],
                              zipfile.ZIP_DEFLATED), "sketchbook.zip.bomb"),
    BadZip("a text file inside", zip_of([*good_members(), ("readme.txt", b"hi")]),
           "sketchbook.zip.bad_member", cause="sketchbook.file.foreign"),
    BadZip("a damaged sketch", zip_of([*good_members(), ("20261207-101509-abcdef.png", b"\x89PNG\r\n")]),
           "sketchbook.zip.bad_member", cause="sketchbook.file.damaged"),
    BadZip("a damaged board", zip_of([*good_members(1)[:1], ("20261207-101500-abcdef.board.png", b"GIF89a")]),
           "sketchbook.zip.bad_member", cause="sketchbook.file.damaged"),
    BadZip("a wrong checksum", _crc_damaged, "sketchbook.zip.bad_member", cause="sketchbook.file.damaged"),
    BadZip("one bad label among good", zip_of([*good_members(),
           ("20261207-101509-abcdef.png", png(Image.new("L", (28, 28)), details(label=12)))]),
           "sketchbook.zip.bad_member", cause="sketchbook.file.no_details"),
    BadZip("an oversized sketch", zip_of([("20261207-101509-abcdef.png", bytes(70_000))]),
           "sketchbook.zip.bad_member", cause="sketchbook.file.too_large"),
    BadZip("only folders", zip_of([("sketches/", b""), ("__MACOSX/._x", b"")]), "sketchbook.zip.empty"),
]


@pytest.mark.parametrize("case", BAD_ZIPS, ids=lambda case: case.name)
def test_a_bad_zip_is_refused_with_its_code_and_nothing_added(monkeypatch, tmp_path, case):
    book = Sketchbook(tmp_path / "book")
    good = book.add(5, picture(), board())
    before = snapshot(book.folder)
    path = case.make(tmp_path)
    for name, value in case.limits.items():
        monkeypatch.setattr(sketchbook_zip, name, value)
    with pytest.raises(SketchbookError) as refused:
        book.import_zip(path)
    assert refused.value.code == case.code
    assert (refused.value.params.get("cause") and refused.value.params["cause"].code or "") == case.cause
    assert "\n" not in str(refused.value) and str(refused.value).startswith(str(path))
    assert snapshot(book.folder) == before
    assert [sketch.sketch_id for sketch in book.sketches()] == [good.sketch_id]


def test_a_zip_made_of_a_folder_by_finder_or_explorer_imports(tmp_path):
    members = [("class/", b""), ("__MACOSX/class/._x", b"junk"), ("class/.DS_Store", b"junk")]
    members += [(f"class/{name}", data) for name, data in good_members(3)]
    path = zip_of(members, zipfile.ZIP_DEFLATED)(tmp_path)
    book = Sketchbook(tmp_path / "book")
    assert book.import_zip(path) == 3
    assert sorted(sketch.label for sketch in book.sketches()) == [0, 1, 2]
