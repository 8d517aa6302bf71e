"""The class's drawing page over loopback: every route, every bad input, the limits, moderation.

Each bad request is checked for its status, its short JSON error, the security headers and that
nothing reached the sketchbook or the gallery. The rate limits run on an injected clock, so no
test sleeps or depends on how fast the machine is."""

from __future__ import annotations

import base64
import gzip
import http.client
import io
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass, field
from email.message import Message
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.class_server import ClassServer, ClassServerError, Limits, local_addresses
from core.class_server.protocol import PNG_SIGNATURE, THUMBNAIL_EDGE
from core.class_server.server import KEEPER_NICENESS
from core.preprocess import preprocess_drawing
from core.sketchbook import Sketchbook

HOST = "127.0.0.1"
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    def json(self):
        return json.loads(self.body)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Lesson:
    server: ClassServer
    book: Sketchbook
    clock: Clock
    received: list = field(default_factory=list)
    settle: bool = True  # wait after each request until what was answered is kept

    @property
    def base(self) -> str:
        return f"/{self.server.token}/"

    def fetch(self, path: str, method: str = "GET", body=None, headers=None, chunked=False) -> Reply:
        connection = http.client.HTTPConnection(HOST, self.server.port, timeout=30)
        try:
            # skip_host etc. are not needed: http.client sends the path exactly as given
            connection.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
            if self.settle:
                self.server.drain()

    def join(self) -> str:
        """Open the page as a new device; its cookie header."""
        reply = self.fetch(self.base)
        assert reply.status == 200
        cookie = reply.headers["Set-Cookie"]
        return cookie.split(";")[0]

    def send(self, label: int, image, device: str | None, content_type="application/json", raw=None) -> Reply:
        headers = {"Content-Type": content_type}
        if device:
            headers["Cookie"] = device
        data = raw if raw is not None else json.dumps({"label": label, "image": image}).encode()
        return self.fetch(self.base + "drawing", "POST", data, headers)


@pytest.fixture(scope="module")
def predictor():
    from core.predictor import Predictor

    return Predictor.pretrained("cnn")


@pytest.fixture
def start_lesson(predictor, tmp_path):
    servers = []

    def start(**options) -> Lesson:
        clock = Clock()
        book = Sketchbook(tmp_path / f"book{len(servers)}")
        lesson = Lesson(None, book, clock)  # type: ignore[arg-type]
        source = options.pop("predictor_source", lambda: predictor)
        server = ClassServer(
            source, book, host=HOST, port=0, clock=clock, on_submission=lesson.received.append, **options
        )
        lesson.server = server
        server.start()
        servers.append(server)
        return lesson

    yield start
    for server in servers:
        server.stop()


def board_of_trousers() -> np.ndarray:
    board = np.zeros((280, 280), np.uint8)
    board[40:240, 95:135] = 255
    board[40:240, 145:185] = 255
    board[40:70, 95:185] = 255
    return board


def png_of(array: np.ndarray, mode: str | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.fromarray(array)
    (image.convert(mode) if mode else image).save(out, format="PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height greyscale pixels (an image bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 4096, 9)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def assert_secure(reply: Reply) -> None:
    for name, value in SECURITY.items():
        assert reply.headers[name] == value, name
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "aiohttp" not in (reply.headers["Server"] or "")


def assert_refused(lesson: Lesson, reply: Reply, status: int, code: str | None = None) -> None:
    assert reply.status == status, reply.body
    assert_secure(reply)
    assert reply.headers["Content-Type"].startswith("application/json")
    if code is not None:
        assert reply.json() == {"error": code}
    assert b"Traceback" not in reply.body
    assert lesson.book.sketches() == []
    assert lesson.received == []


# -- the page and its files ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "file", "kind"),
    [
        ("", "index.html", "text/html"),
        ("app.js", "app.js", "text/javascript"),
        ("style.css", "style.css", "text/css"),
        ("icon.svg", "icon.svg", "image/svg+xml"),
    ],
)
def test_the_page_files_are_served_with_their_type(start_lesson, name, file, kind):
    lesson = start_lesson()
    reply = lesson.fetch(lesson.base + name)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == f"{kind}; charset=utf-8"
    assert reply.body == (files("core.class_server") / "page" / file).read_bytes()
    assert_secure(reply)


def test_the_page_gives_each_device_a_private_cookie_once(start_lesson):
    lesson = start_lesson()
    cookie = lesson.fetch(lesson.base).headers["Set-Cookie"]
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes and "samesite=strict" in attributes
    assert f"path={lesson.base.lower()}" in attributes
    again = lesson.fetch(lesson.base, headers={"Cookie": cookie.split(";")[0]})
    assert again.headers["Set-Cookie"] is None  # a known device keeps its cookie
    other = lesson.join()
    assert other != cookie.split(";")[0]


def test_the_token_without_its_slash_leads_to_the_page(start_lesson):
    lesson = start_lesson()
    reply = lesson.fetch(lesson.base.rstrip("/"))
    assert reply.status == 302
    assert reply.headers["Location"] == lesson.base
    assert_secure(reply)


def test_config_says_the_language_the_classes_and_the_join_code(start_lesson):
    lesson = start_lesson(language="zh_CN")
    reply = lesson.fetch(lesson.base + "config")
    assert reply.status == 200
    config = reply.json()
    assert config["language"] == "zh"
    assert config["join_code"] == lesson.server.join_code and len(config["join_code"]) == 4
    assert config["classes"]["en"][9] == "Ankle boot" and config["classes"]["zh"][9] == "短靴"
    assert config["board"] == 280
    lesson.server.set_language("en")
    assert lesson.fetch(lesson.base + "config").json()["language"] == "en"


# -- nobody without the token ------------------------------------------------------------------
def test_every_path_without_the_token_is_not_found(start_lesson):
    lesson = start_lesson()
    token = lesson.server.token
    wrong = "A" * len(token)
    for path in (
        "/",
        "/favicon.ico",
        "/config",
        "/drawing",
        "/app.js",
        f"/{wrong}/",
        f"/{wrong}/app.js",
        f"/{token[:-1]}/",
        f"/{token}x/",
        f"/{token.upper() if token != token.upper() else wrong}/",
        "/index.html",
        "/core/class_server/server.py",
    ):
        for method in ("GET", "POST"):
            reply = lesson.fetch(path, method, body=b"{}" if method == "POST" else None)
            assert reply.status in (403, 404), (path, method)
            assert_refused(lesson, reply, reply.status)
            assert token.encode() not in reply.body


def test_a_browser_opening_an_address_that_is_not_the_page_gets_a_sentence_to_act_on(start_lesson):
    """The address typed without its token, or an old lesson's: a 404 still, with a short page in
    both languages (under the same policy), not raw JSON; the page's own fetch() keeps its JSON."""
    lesson = start_lesson()
    token = lesson.server.token
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    for path in ("/", f"/{'a' * len(token)}/", "/favicon.ico"):
        reply = lesson.fetch(path, headers=browser)
        assert reply.status == 404, path
        assert_secure(reply)
        assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
        page = reply.body.decode()
        assert "not open" in page and "课堂页面" in page and "scan" in page.lower()
        assert token not in page and "<script" not in page and "style=" not in page
    fetched = lesson.fetch(f"/{'a' * len(token)}/drawing", "POST", b"{}", {"Accept": "*/*"})
    assert_refused(lesson, fetched, 404, "not_found")


def test_the_token_can_be_typed_from_the_projector():
    """No look-alikes (l/1/I, o/0/O) and no case to get wrong, but still 80 random bits."""
    from core.class_server.process import ClassServerProcess
    from core.class_server.server import TOKEN_ALPHABET, new_token

    assert not set(TOKEN_ALPHABET) & set("lI1oO0") and TOKEN_ALPHABET == TOKEN_ALPHABET.lower()
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) == 16 and set(token) <= set(TOKEN_ALPHABET)
    assert len(TOKEN_ALPHABET) ** 16 >= 2**80
    assert set(ClassServer(lambda: None, None).token) <= set(TOKEN_ALPHABET)
    assert set(ClassServerProcess(lambda: None, None).token) <= set(TOKEN_ALPHABET)


@pytest.mark.parametrize(
    "tail",
    [
        "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2E%2E%2F%2E%2E%2Fserver.py",
        "..%2f..%2fserver.py",
        "..%252f..%252fserver.py",
        "..\\..\\server.py",
        "%5c..%5c..%5cserver.py",
        "page/../server.py",
        "app.js/../../server.py",
        "/etc/passwd",
        "//etc/passwd",
        "C:/Windows/win.ini",
        "C:%5cWindows%5cwin.ini",
        "index.html",
        "page/index.html",
        "./app.js",
        "app.js%00.py",
        "__init__.py",
        "%c0%ae%c0%ae/server.py",
    ],
)
def test_path_traversal_reaches_nothing(start_lesson, tail):
    lesson = start_lesson()
    reply = lesson.fetch(lesson.base + tail)
    assert reply.status in (400, 403, 404)
    assert_refused(lesson, reply, reply.status)
    assert b"import" not in reply.body and b"root:" not in reply.body
    absolute = lesson.fetch("/" + tail.lstrip("/"))
    assert absolute.status in (400, 403, 404)


def test_a_wrong_method_on_a_page_path_is_refused(start_lesson):
    lesson = start_lesson()
    assert_refused(lesson, lesson.fetch(lesson.base, "POST", b"x"), 405, "method_not_allowed")
    assert_refused(lesson, lesson.fetch(lesson.base + "drawing"), 405, "method_not_allowed")
    assert_refused(lesson, lesson.fetch(lesson.base + "config", "DELETE"), 405, "method_not_allowed")


def test_a_request_that_is_not_http_gets_the_headers_too(start_lesson):
    lesson = start_lesson()
    with socket.create_connection((HOST, lesson.server.port), timeout=30) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        answer = b""
        while chunk_ := raw.recv(65536):
            answer += chunk_
    head = answer.split(b"\r\n\r\n")[0].decode()
    assert head.startswith("HTTP/1.") and " 400 " in head.splitlines()[0]
    assert "X-Content-Type-Options: nosniff" in head
    assert "Content-Security-Policy: default-src 'self'" in head


# -- a good drawing ----------------------------------------------------------------------------
def test_a_drawing_gets_the_draw_tabs_answer_and_is_kept(start_lesson, predictor):
    lesson = start_lesson()
    device = lesson.join()
    board = board_of_trousers()
    reply = lesson.send(1, "data:image/png;base64," + b64(png_of(board)), device)
    assert reply.status == 200, reply.body
    assert_secure(reply)
    answer = reply.json()
    expected = predictor.probabilities(preprocess_drawing(board))  # exactly what the Draw tab does
    order = np.argsort(-expected)[:3]
    assert [entry["class"] for entry in answer["top"]] == order.tolist()
    assert [entry["probability"] for entry in answer["top"]] == pytest.approx(
        expected[order].tolist(), abs=1e-6
    )
    (sketch,) = lesson.book.sketches()
    assert sketch.label == 1 and sketch.source == "class"
    np.testing.assert_array_equal(sketch.model_input, preprocess_drawing(board))
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(sketch.board_png))), board)
    (submission,) = lesson.received
    assert submission.submission_id == answer["submission_id"] and not submission.held
    assert submission.label == 1 and submission.device and "." not in submission.device
    np.testing.assert_allclose(submission.probabilities, expected, atol=1e-6)


def test_a_submission_carries_the_gallerys_picture_of_the_board(start_lesson):
    """Made where the board was decoded, so the window shows it without decoding a PNG."""
    lesson = start_lesson()
    board = board_of_trousers()
    assert lesson.send(1, "data:image/png;base64," + b64(png_of(board)), lesson.join()).status == 200
    (submission,) = lesson.received
    picture = submission.thumbnail
    assert picture.dtype == np.uint8 and max(picture.shape) == THUMBNAIL_EDGE < max(board.shape)
    assert picture.shape[0] / picture.shape[1] == pytest.approx(board.shape[0] / board.shape[1], abs=0.02)
    # The same drawing, smaller: ink where the board has ink, background where it has none.
    reduced = np.asarray(Image.fromarray(board).resize(picture.shape[::-1], Image.Resampling.BOX), np.float64)
    assert np.abs(picture - reduced).mean() < 8 and picture.max() > 200 and picture.min() < 10


def test_the_pages_own_format_counts_alpha_as_ink(start_lesson):
    """White strokes on a transparent canvas (what the page sends) read as the same board."""
    lesson = start_lesson()
    board = board_of_trousers()
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[..., :3] = 255
    rgba[..., 3] = board
    assert lesson.send(1, b64(png_of(rgba)), lesson.join()).status == 200
    np.testing.assert_array_equal(lesson.book.sketches()[0].model_input, preprocess_drawing(board))


def test_what_is_kept_is_reencoded_without_the_senders_extra_chunks(start_lesson):
    lesson = start_lesson()
    clean = png_of(board_of_trousers())
    text = b"comment\0\0" + zlib.compress(b"A" * 1_000_000, 9)  # 1 MB of text in ~1 KB
    noisy = clean[:33] + chunk(b"zTXt", text) * 20 + clean[33:]
    reply = lesson.send(1, b64(noisy), lesson.join())
    assert reply.status == 200, reply.body
    kept = lesson.book.sketches()[0].board_png
    assert b"zTXt" not in kept and b"comment" not in kept


# -- bad drawings: each refused, nothing kept ----------------------------------------------------
GOOD = b64(png_of(board_of_trousers()))


def body(label=1, image=GOOD, **more) -> bytes:
    return json.dumps({"label": label, "image": image, **more}).encode()


def png_with_garbage_pixels() -> bytes:
    header = struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", b"garbage") + chunk(b"IEND", b"")


def png_with_broken_checksum() -> bytes:
    good = png_of(board_of_trousers())
    return good[:29] + b"\0\0\0\0" + good[33:]  # IHDR's CRC


BAD_BODIES = {
    "malformed JSON": (b'{"label": 1, "image": ', 400, "bad_json"),
    "JSON not an object": (b"[1, 2]", 400, "bad_json"),
    "JSON with an extra field": (body(name="Ann"), 400, "bad_json"),
    "JSON missing the image": (b'{"label": 1}', 400, "bad_json"),
    "not UTF-8": (b'{"label": 1, "image": "\xff\xfe"}', 400, "bad_json"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, 400, "bad_json"),
    "a number too long to read": (b'{"label": ' + b"1" * 5000 + b', "image": ""}', 400, "bad_json"),
    "label out of range": (body(label=10), 400, "bad_label"),
    "negative label": (body(label=-1), 400, "bad_label"),
    "label as text": (body(label="1"), 400, "bad_label"),
    "label as true": (body(label=True), 400, "bad_label"),
    "image not text": (body(image=5), 400, "bad_image"),
    "not base64": (body(image="not base64!"), 400, "bad_image"),
    "a JPEG": (body(image=b64(b"\xff\xd8\xff\xe0" + b"0" * 100)), 415, "not_png"),
    "a JPEG data URL": (body(image="data:image/jpeg;base64," + GOOD), 415, "not_png"),
    "truncated PNG": (body(image=b64(png_of(board_of_trousers())[:60])), 400, "bad_image"),
    "PNG with a broken checksum": (body(image=b64(png_with_broken_checksum())), 400, "bad_image"),
    "PNG whose pixels are garbage": (body(image=b64(png_with_garbage_pixels())), 400, "bad_image"),
    "image bomb": (body(image=b64(png_claiming(100_000, 100_000))), 400, "too_large"),
    "one pixel too wide": (body(image=b64(png_claiming(513, 10))), 400, "too_large"),
    "no pixels": (body(image=b64(png_claiming(0, 0))), 400, "bad_image"),
    "blank drawing": (body(image=b64(png_of(np.zeros((280, 280), np.uint8)))), 400, "blank"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_a_bad_drawing_is_refused_and_nothing_is_kept(start_lesson, case):
    lesson = start_lesson()
    raw, status, code = BAD_BODIES[case]
    reply = lesson.send(0, None, lesson.join(), raw=raw)
    assert_refused(lesson, reply, status, code)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "image/png", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"],
)
def test_a_wrong_content_type_is_refused(start_lesson, content_type):
    lesson = start_lesson()
    assert_refused(lesson, lesson.send(1, None, lesson.join(), content_type, raw=body()), 415, "not_json")


def test_a_missing_content_type_is_refused(start_lesson):
    lesson = start_lesson()
    reply = lesson.fetch(lesson.base + "drawing", "POST", body(), {"Cookie": lesson.join()})
    assert_refused(lesson, reply, 415, "not_json")


def test_a_huge_body_is_refused(start_lesson):
    lesson = start_lesson()
    assert_refused(lesson, lesson.send(1, None, lesson.join(), raw=body(image="A" * 300_000)), 413, "too_big")


def test_a_compressed_body_is_never_inflated(start_lesson):
    lesson = start_lesson()
    bomb = gzip.compress(b" " * 50_000_000)  # 50 MB of spaces in ~50 KB
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip", "Cookie": lesson.join()}
    reply = lesson.fetch(lesson.base + "drawing", "POST", bomb, headers)
    assert_refused(lesson, reply, 400, "bad_json")


def test_a_huge_body_without_a_length_is_refused(start_lesson):
    lesson = start_lesson()
    pieces = [b'{"label": 1, "image": "'] + [b"A" * 16_384] * 20 + [b'"}']
    headers = {"Content-Type": "application/json", "Cookie": lesson.join()}
    reply = lesson.fetch(lesson.base + "drawing", "POST", iter(pieces), headers, chunked=True)
    assert_refused(lesson, reply, 413, "too_big")


@pytest.mark.parametrize(
    "cookie", [None, "device=made-up", "device=abc.0123456789abcdef0123456789abcdef", "other=1"]
)
def test_a_drawing_without_a_device_cookie_from_this_server_is_refused(start_lesson, cookie):
    lesson = start_lesson()
    assert_refused(lesson, lesson.send(1, GOOD, cookie), 403, "no_device")


def test_a_cookie_from_another_lesson_is_refused_and_replaced(start_lesson):
    earlier, lesson = start_lesson(), start_lesson()
    old = earlier.join()
    assert_refused(lesson, lesson.send(1, GOOD, old), 403, "no_device")
    assert lesson.fetch(lesson.base, headers={"Cookie": old}).headers["Set-Cookie"] is not None


def test_a_failing_model_answers_503_and_keeps_nothing(start_lesson):
    def no_model():
        raise RuntimeError("no model loaded")

    lesson = start_lesson(predictor_source=no_model)
    assert_refused(lesson, lesson.send(1, GOOD, lesson.join()), 503, "no_model")


def test_a_model_that_fails_while_answering_gets_a_500_without_a_traceback(start_lesson, predictor):
    class Broken:
        def probabilities(self, images):
            raise RuntimeError("something inside the model broke")

    lesson = start_lesson(predictor_source=Broken)
    reply = lesson.send(1, GOOD, lesson.join())
    assert_refused(lesson, reply, 500, "server_error")
    assert b"inside the model" not in reply.body


def test_the_gallery_is_told_on_the_servers_thread(predictor, tmp_path):
    threads = []
    server = ClassServer(
        lambda: predictor,
        None,
        host=HOST,
        on_submission=lambda _: threads.append(threading.current_thread().name),
    )
    server.start()
    try:
        lesson = Lesson(server, Sketchbook(tmp_path / "unused"), Clock())
        assert lesson.send(1, GOOD, lesson.join()).status == 200
    finally:
        server.stop()
    assert threads == ["class-server"]


# -- the limits ----------------------------------------------------------------------------------
def test_one_drawing_per_two_seconds_per_device(start_lesson):
    lesson = start_lesson()
    first, second = lesson.join(), lesson.join()
    assert lesson.send(1, GOOD, first).status == 200
    lesson.clock.now += 1.9
    too_soon = lesson.send(1, GOOD, first)
    assert too_soon.status == 429 and too_soon.json() == {"error": "too_soon"}
    assert too_soon.headers["Retry-After"] == "2"
    assert_secure(too_soon)
    assert lesson.send(1, GOOD, second).status == 200  # another device is not held up
    lesson.clock.now += 0.1
    assert lesson.send(1, GOOD, first).status == 200
    assert len(lesson.book.sketches()) == len(lesson.received) == 3


def test_a_device_may_send_so_many_drawings_per_lesson(start_lesson):
    lesson = start_lesson(limits=Limits(per_lesson=3))
    device = lesson.join()
    statuses = []
    for _ in range(5):
        statuses.append(lesson.send(1, GOOD, device).status)
        lesson.clock.now += 10
    assert statuses == [200, 200, 200, 429, 429]
    assert lesson.send(1, GOOD, device).json() == {"error": "lesson_limit"}
    assert len(lesson.book.sketches()) == 3


def test_the_class_has_a_cap_on_devices(start_lesson):
    lesson = start_lesson(limits=Limits(max_devices=2))
    devices = [lesson.join() for _ in range(3)]
    assert lesson.send(1, GOOD, devices[0]).status == 200
    assert lesson.send(1, GOOD, devices[1]).status == 200
    full = lesson.send(1, GOOD, devices[2])
    assert full.status == 429 and full.json() == {"error": "class_full"}
    lesson.clock.now += 10
    assert lesson.send(1, GOOD, devices[0]).status == 200  # those already in carry on
    assert len(lesson.book.sketches()) == 3


def test_the_default_limits_are_the_documented_ones():
    assert Limits() == Limits(
        max_body=256 * 1024, max_edge=512, min_interval=2.0, per_lesson=200, max_devices=60
    )


# -- the teacher's moderation --------------------------------------------------------------------
def test_held_drawings_are_kept_only_once_approved(start_lesson):
    lesson = start_lesson(hold_for_approval=True)
    assert lesson.send(1, GOOD, lesson.join()).status == 200
    (submission,) = lesson.received
    assert submission.held and lesson.book.sketches() == []
    lesson.server.approve(submission.submission_id)
    (sketch,) = lesson.book.sketches()
    assert sketch.label == 1 and sketch.source == "class"
    lesson.server.approve(submission.submission_id)  # twice: still one
    assert len(lesson.book.sketches()) == 1
    lesson.server.hide(submission.submission_id)
    assert lesson.book.sketches() == []
    lesson.server.approve(submission.submission_id)  # hidden stays hidden
    assert lesson.book.sketches() == []


def test_a_hidden_drawing_is_never_kept(start_lesson):
    lesson = start_lesson(hold_for_approval=True)
    assert lesson.send(1, GOOD, lesson.join()).status == 200
    held = lesson.received[0].submission_id
    lesson.server.hide(held)
    lesson.server.approve(held)
    assert lesson.book.sketches() == []


def test_hiding_a_kept_drawing_removes_it_from_the_sketchbook(start_lesson):
    lesson = start_lesson()
    devices = [lesson.join(), lesson.join()]
    for device in devices:
        assert lesson.send(1, GOOD, device).status == 200
    assert len(lesson.book.sketches()) == 2
    lesson.server.hide(lesson.received[0].submission_id)
    (left,) = lesson.book.sketches()
    lesson.server.hide("no-such-submission")
    assert lesson.book.sketches() == [left]


def test_holding_can_be_turned_on_and_off_during_the_lesson(start_lesson):
    lesson = start_lesson()
    device = lesson.join()
    lesson.server.set_hold_for_approval(True)
    assert lesson.send(1, GOOD, device).status == 200
    lesson.server.set_hold_for_approval(False)
    lesson.clock.now += 2
    assert lesson.send(1, GOOD, device).status == 200
    assert [submission.held for submission in lesson.received] == [True, False]
    assert len(lesson.book.sketches()) == 1


def test_the_answer_does_not_wait_for_the_sketchbook(predictor, tmp_path):
    written = threading.Event()

    niceness = []

    class SlowSketchbook(Sketchbook):
        def add(self, *args, **kwargs):
            if sys.platform.startswith("linux"):
                niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            assert written.wait(60)
            return super().add(*args, **kwargs)

    book = SlowSketchbook(tmp_path / "book")
    server = ClassServer(lambda: predictor, book, host=HOST)
    server.start()
    try:
        lesson = Lesson(server, book, Clock(), settle=False)
        assert lesson.send(1, GOOD, lesson.join()).status == 200
        assert book.sketches() == []  # answered while the sketch was still being written
        written.set()
        server.drain()
        assert len(book.sketches()) == 1
        if sys.platform.startswith("linux"):  # the writer gives way to the answers
            assert niceness == [min(19, os.getpriority(os.PRIO_PROCESS, 0) + KEEPER_NICENESS)]
    finally:
        written.set()
        server.stop()


def test_without_a_sketchbook_nothing_is_kept_anywhere(predictor, tmp_path):
    server = ClassServer(lambda: predictor, None, host=HOST)
    server.start()
    try:
        lesson = Lesson(server, Sketchbook(tmp_path / "unused"), Clock())
        assert lesson.send(1, GOOD, lesson.join()).status == 200
    finally:
        server.stop()
    assert not (tmp_path / "unused").exists()


# -- starting and stopping -------------------------------------------------------------------------
def test_stop_is_idempotent_and_closes_the_socket(predictor):
    server = ClassServer(lambda: predictor, None, host=HOST)
    server.stop()  # never started: nothing to do
    server.start()
    port = server.port
    assert server.url == f"http://{HOST}:{port}/{server.token}/"
    server.stop()
    server.stop()
    with pytest.raises(OSError):
        socket.create_connection((HOST, port), timeout=5).close()


def test_a_port_in_use_is_said_with_a_code(predictor):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        server = ClassServer(lambda: predictor, None, host=HOST, port=taken.getsockname()[1])
        with pytest.raises(ClassServerError) as refused:
            server.start()
    assert refused.value.code == "class_server.port_in_use"
    assert not server.running
    server.stop()


def test_an_address_not_on_this_computer_is_said_with_a_code(predictor):
    server = ClassServer(lambda: predictor, None, host="192.0.2.1")  # TEST-NET-1: never local
    with pytest.raises(ClassServerError) as refused:
        server.start()
    assert refused.value.code == "class_server.no_network"


def test_a_token_must_be_url_safe(predictor):
    with pytest.raises(ValueError):
        ClassServer(lambda: predictor, None, token="../etc")
    assert ClassServer(lambda: predictor, None, token="classroom-12_a").token == "classroom-12_a"


def test_the_url_and_its_qr_code(predictor):
    server = ClassServer(lambda: predictor, None, host=HOST)
    server.start()
    try:
        assert server.url_for("10.1.2.3") == f"http://10.1.2.3:{server.port}/{server.token}/"
        svg = server.qr_svg()
        assert svg.lstrip().startswith(b"<?xml") or svg.lstrip().startswith(b"<svg")
        qr = Image.open(io.BytesIO(server.qr_png(scale=4)))
        assert qr.format == "PNG" and qr.width == qr.height > 100
    finally:
        server.stop()


def test_local_addresses_are_ipv4_and_never_loopback():
    for name, address in local_addresses():
        assert name
        socket.inet_aton(address)
        assert not address.startswith("127.") and not address.startswith("169.254.")


# -- the command line --------------------------------------------------------------------------------
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def start_cli(*options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "main.py", "class-server", *options],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_cli_prints_the_address_first_and_stops_cleanly_on_sigterm(tmp_path):
    process = start_cli("--host", HOST, "--port", "0", "--sketchbook", str(tmp_path / "book"))
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(rf"http://{re.escape(HOST)}:\d+/[A-Za-z0-9_-]+/", url), url
        port, path = int(url.split(":")[2].split("/")[0]), "/" + url.split("/", 3)[3]
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        connection.request("GET", path)
        page = connection.getresponse()
        assert page.status == 200 and b"app.js" in page.read()
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_the_cli_says_a_port_in_use_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        process = start_cli(
            "--host", HOST, "--port", str(taken.getsockname()[1]), "--sketchbook", str(tmp_path)
        )
        out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert out == ""
    assert err.strip().splitlines() == [err.strip()] and "already in use" in err
    assert err.startswith("main.py class-server: port ")


def test_the_cli_refuses_a_file_as_its_sketchbook_in_one_line(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("not a sketchbook")
    process = start_cli("--host", HOST, "--sketchbook", str(not_a_folder))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1 and out == ""
    assert err.strip() == f"main.py class-server: {not_a_folder} is a file, not a sketchbook folder"


def test_local_addresses_leave_out_loopback_link_local_and_repeats(monkeypatch):
    from core.class_server import network

    monkeypatch.setattr(network, "_linux_interfaces", lambda: [])  # as on macOS or Windows
    found = ["127.0.1.1", "10.0.0.5", "169.254.3.4", "0.0.0.0", "10.0.0.5", "192.168.1.20", "not an address"]
    monkeypatch.setattr(network, "_route_and_hostname_addresses", lambda: found)
    assert network.local_addresses() == [("default", "10.0.0.5"), ("default", "192.168.1.20")]
