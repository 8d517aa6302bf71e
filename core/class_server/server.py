"""The class's drawing page: an aiohttp server in a thread of its own, with its own asyncio loop.

Everything lives under ``/<token>/``, where the token is random and long enough that nobody on
the network guesses it; any other path is 404 and nothing is ever looked up on disk from a path
(the page's four files are read once, by name, from an allow-list). Routes:

    GET  /<token>/            the page (index.html); sets the device cookie when it has none
    GET  /<token>/app.js, /<token>/style.css, /<token>/icon.svg
    GET  /<token>/config      JSON: language, join code, class names in both languages, brush sizes
    POST /<token>/drawing     a drawing (core/class_server/protocol.py) → JSON answer with the top 3

Every answer, errors included, carries a strict Content-Security-Policy, nosniff, no referrer and
no caching. A refused request gets its status and ``{"error": "<code>"}``, never a traceback; a
browser opening an address that is not the page (the token left off, or a stopped lesson's old
address on a port used again) gets a short page in both languages saying to scan the new code.
Decoding and prediction run in a small thread pool, so the loop keeps answering while they work.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import logging
import os
import re
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import numpy as np
from aiohttp import web

from core.class_server import network
from core.class_server.devices import COOKIE_NAME, Admission, DeviceCookies, public_name
from core.class_server.protocol import Limits, Refusal, parse_drawing, thumbnail_of, top_classes
from core.classes import CLASS_NAMES, CLASS_NAMES_ZH
from core.errors import CodedError

if TYPE_CHECKING:
    from core.predictor import Predictor
    from core.sketchbook import Sketchbook

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    # No inline script or style anywhere on the page (app.js and style.css are files), nothing
    # from elsewhere, no framing, no form posting off the page.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Server": "class-page",  # not aiohttp's name and version
}
# name under /<token>/ → (file in page/, content type). The only files ever served.
PAGE_FILES = {
    "": ("index.html", "text/html"),
    "app.js": ("app.js", "text/javascript"),
    "style.css": ("style.css", "text/css"),
    "icon.svg": ("icon.svg", "image/svg+xml"),  # else the browser asks for /favicon.ico, outside the token
}
# The Draw board's size and brush (gui/draw/canvas.py; core cannot import gui), so a drawing on
# a phone is made the way one on the projector is.
BOARD_SIZE = 280
BRUSH = {"min": 3, "max": 60, "default": 16}
PREDICT_WORKERS = 2
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mistake
# The address is also typed from the projector: lower case only, none of l/1 or o/0 to mistake.
# 16 of 32 symbols is 80 random bits, far past guessing over a classroom's network.
TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
TOKEN_LENGTH = 16
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
KEEPER_NICENESS = 10  # how much lower the sketchbook writer runs than the answers (in nice steps)
KEEPALIVE_SECONDS = 75.0  # an idle phone's connection is closed after this (aiohttp's default is an hour)
SHUTDOWN_SECONDS = 2.0  # how long stop() lets an answer being computed finish
HTTP_ERROR_CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_big"}


class ClassServerError(CodedError, RuntimeError):
    """The server could not start; codes "class_server.*" in core/errors.ENGLISH."""


@dataclass(frozen=True)
class Submission:
    submission_id: str
    device: str  # an opaque per-device name (devices.public_name), never a person's name
    label: int  # the class the student says they drew
    model_input: np.ndarray  # uint8 [28, 28]
    board_png: bytes  # the drawing, re-encoded (greyscale, 255 = garment)
    probabilities: np.ndarray  # float32 [10]
    received: str  # ISO 8601 with the UTC offset
    held: bool = False  # waiting for the teacher's approval (hold_for_approval was on)
    # uint8, at most protocol.THUMBNAIL_EDGE a side: the board for a gallery (None: decode board_png)
    thumbnail: np.ndarray | None = None


@dataclass
class _Entry:
    submission: Submission | None  # dropped once kept or hidden: the sketchbook has it, or nobody may
    sketch_id: str | None = None
    hidden: bool = False


class ClassServer:
    """See the module docstring. start() and stop() are called from one thread (the window's or
    the CLI's); approve, hide and set_hold_for_approval from any. on_submission is called on the
    server's thread for each drawing answered."""

    def __init__(
        self,
        predictor_source: Callable[[], Predictor],
        sketchbook: Sketchbook | None,
        *,
        host: str = "0.0.0.0",
        port: int = 0,
        token: str | None = None,
        language: str = "en",
        hold_for_approval: bool = False,
        on_submission: Callable[[Submission], None] | None = None,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token_or_new(token)
        self.join_code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(4))
        self.host = host
        self.port = port  # the real port once started (port 0 picks a free one)
        self.url = ""  # the page's full address, set by start()
        self.limits = limits or Limits()
        self._predictor_source = predictor_source
        self._sketchbook = sketchbook
        self._language = language
        self._hold = hold_for_approval
        self._on_submission = on_submission
        self._cookies = DeviceCookies()
        self._admission = Admission(self.limits, clock)
        self._entries: dict[str, _Entry] = {}
        self._moderation = threading.Lock()  # keeping, approving and hiding, one at a time
        self._page = {name: (_page_file(file), kind) for name, (file, kind) in PAGE_FILES.items()}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        # Drawings are written to the sketchbook one at a time, after the student has the answer:
        # a file written safely (synced) takes longer than the prediction itself.
        # It also runs at a lower priority where the system allows, so in a burst the answers
        # (and the window) get the CPU first and the writes catch up after.
        self._keeper = concurrent.futures.ThreadPoolExecutor(1, "class-keep", initializer=_lower_priority)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Bind and serve; returns once the socket listens, or raises ClassServerError."""
        if self._thread is not None:
            raise RuntimeError("the class server is already running")
        listening = _bind(self.host, self.port)
        self.port = listening.getsockname()[1]
        self.url = self.url_for(self._shown_host())
        self._executor = concurrent.futures.ThreadPoolExecutor(PREDICT_WORKERS, "class-predict")
        self._loop = asyncio.new_event_loop()
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._serve, args=(self._loop, listening, ready), name="class-server", daemon=True
        )
        self._thread.start()
        try:
            ready.result()
        except BaseException:
            self._thread.join()
            self._forget_loop()
            raise
        self._executor.submit(self._warm_up)

    def _warm_up(self) -> None:
        """One prediction before any student's: the first call of a model sets up its oneDNN
        kernels (~200 ms), which the first drawing of the lesson would otherwise wait for."""
        with contextlib.suppress(Exception):  # no model yet: the first drawing says so
            self._predictor_source().probabilities(np.zeros((28, 28), np.uint8))

    def stop(self) -> None:
        """Stop serving; returns when the socket is closed. Safe to call again, or never started."""
        if self._thread is None or self._loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop already ended
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._forget_loop()
        self.drain()

    def drain(self) -> None:
        """Return once every drawing answered so far is in the sketchbook (or failed to be)."""
        self._keeper.submit(lambda: None).result()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _forget_loop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        self._thread = self._loop = self._executor = None

    def _serve(
        self,
        loop: asyncio.AbstractEventLoop,
        listening: socket.socket,
        ready: concurrent.futures.Future[None],
    ) -> None:
        asyncio.set_event_loop(loop)
        runner = web.ServerRunner(
            self._make_server(loop), handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS
        )
        try:
            loop.run_until_complete(runner.setup())
            site = web.SockSite(runner, listening)
            loop.run_until_complete(site.start())
        except BaseException as error:  # noqa: BLE001 (handed to start(), which raises it)
            listening.close()
            with contextlib.suppress(Exception):
                loop.run_until_complete(runner.cleanup())
            loop.close()
            ready.set_exception(_listen_error(error, self.host, self.port))
            return
        ready.set_result(None)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            listening.close()
            loop.close()

    # -- addresses -----------------------------------------------------------------------------
    def url_for(self, address: str) -> str:
        """The page's address reached through `address` (one of local_addresses(), say)."""
        return page_url(address, self.port, self.token)

    def _shown_host(self) -> str:
        if self.host not in ("", "0.0.0.0", "::"):
            return self.host
        addresses = network.local_addresses()
        return addresses[0][1] if addresses else "127.0.0.1"

    def qr_svg(self, address: str | None = None) -> bytes:
        return network.qr_svg(self.url_for(address) if address else self.url)

    def qr_png(self, scale: int = 10, address: str | None = None) -> bytes:
        return network.qr_png(self.url_for(address) if address else self.url, scale)

    # -- the teacher's moderation ------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """The page's language for pages opened from now on ("en", or "zh…" for Chinese)."""
        self._language = language

    def set_hold_for_approval(self, hold: bool) -> None:
        self._hold = hold

    def approve(self, submission_id: str) -> None:
        """Keep a held drawing (added to the sketchbook). Unknown, kept or hidden ones: no change.
        Writes one file: the window calls this as background work."""
        with self._moderation:
            entry = self._entries.get(submission_id)
            if entry is None or entry.hidden or entry.submission is None:
                return
            self._keep(entry)

    def hide(self, submission_id: str) -> None:
        """Never show or keep this drawing: removed from the sketchbook if it was kept."""
        with self._moderation:
            entry = self._entries.setdefault(submission_id, _Entry(None))
            entry.hidden, entry.submission = True, None
            if entry.sketch_id is not None and self._sketchbook is not None:
                self._sketchbook.delete(entry.sketch_id)
                entry.sketch_id = None

    def handover(self) -> dict[str, _Entry]:
        """The drawings moderation still needs (held, kept or hidden, by id): a server in a child
        process hands them to its parent as it stops, so the teacher may still hide or approve
        them afterwards (core/class_server/process.py)."""
        with self._moderation:
            return dict(self._entries)

    def take_over(self, entries: dict[str, _Entry]) -> None:
        """Moderate drawings another server received (its handover()); this one need not serve."""
        with self._moderation:
            self._entries.update(entries)

    def _keep(self, entry: _Entry) -> None:
        submission = entry.submission
        if self._sketchbook is not None and submission is not None:
            sketch = self._sketchbook.add(
                submission.label, submission.model_input, submission.board_png, source="class"
            )
            entry.sketch_id = sketch.sketch_id
        entry.submission = None

    # -- the web app -----------------------------------------------------------------------------
    def _make_server(self, loop: asyncio.AbstractEventLoop) -> web.Server:
        """aiohttp's low-level server with an exact-path table: a path either is one of these
        strings or is answered 404; no pattern, no parameter, no file name comes from a request."""
        base = f"/{self.token}"
        routes: dict[str, dict[str, Callable[[web.BaseRequest], Any]]] = {
            base: {"GET": self._to_page},
            f"{base}/config": {"GET": self._config},
            f"{base}/drawing": {"POST": self._drawing},
        }
        for name in PAGE_FILES:
            routes[f"{base}/{name}"] = {"GET": self._page_handler(name)}

        async def answer(request: web.BaseRequest) -> web.StreamResponse:
            try:
                methods = routes.get(request.path)
                if methods is None:
                    raise Refusal(404, "not_found")
                if request.method not in methods:
                    raise Refusal(405, "method_not_allowed")
                return await methods[request.method](request)
            except Refusal as refusal:
                if refusal.status == 404 and _wants_a_page(request):
                    return _not_open_page()
                return _error(refusal.status, refusal.code)
            except web.HTTPException as error:  # request.read() past client_max_size: 413
                if error.status < 400:
                    raise  # the redirect to the page
                return _error(error.status, HTTP_ERROR_CODES.get(error.status, "refused"))
            except Exception:
                log.exception("class page: %s %s", request.method, request.path)
                return _error(500, "server_error")

        max_body = self.limits.max_body

        def make_request(message: Any, payload: Any, protocol: Any, writer: Any, task: Any) -> _Request:
            return _Request(message, payload, protocol, writer, task, loop, client_max_size=max_body)

        # auto_decompress off: a gzip body is not a PNG in JSON, and a zip bomb is never inflated.
        return web.Server(
            answer,
            request_factory=make_request,
            loop=loop,
            access_log=None,
            auto_decompress=False,
            keepalive_timeout=KEEPALIVE_SECONDS,
        )

    async def _to_page(self, request: web.BaseRequest) -> web.StreamResponse:
        raise web.HTTPFound(f"/{self.token}/")

    def _page_handler(self, name: str) -> Callable[[web.BaseRequest], Any]:
        body, kind = self._page[name]

        async def page_file(request: web.BaseRequest) -> web.StreamResponse:
            response = web.Response(body=body, content_type=kind, charset="utf-8")
            if self._cookies.device_of(request.cookies.get(COOKIE_NAME)) is None:
                response.set_cookie(
                    COOKIE_NAME, self._cookies.new(), path=f"/{self.token}/", httponly=True, samesite="Strict"
                )
            return response

        return page_file

    async def _config(self, request: web.BaseRequest) -> web.StreamResponse:
        return web.json_response(
            {
                "language": "zh" if self._language.lower().startswith("zh") else "en",
                "join_code": self.join_code,
                "classes": {"en": list(CLASS_NAMES), "zh": list(CLASS_NAMES_ZH)},
                "board": BOARD_SIZE,
                "brush": BRUSH,
                "min_interval": self.limits.min_interval,
            }
        )

    async def _drawing(self, request: web.BaseRequest) -> web.StreamResponse:
        if request.content_type != "application/json":
            raise Refusal(415, "not_json")
        if request.content_length is not None and request.content_length > self.limits.max_body:
            raise Refusal(413, "too_big")
        device = self._cookies.device_of(request.cookies.get(COOKIE_NAME))
        if device is None:
            raise Refusal(403, "no_device")  # the page was not loaded from this server: reload it
        self._admission.admit(device)
        body = await request.read()  # more than client_max_size: 413
        loop = asyncio.get_running_loop()
        submission = await loop.run_in_executor(self._executor, self._receive, body, device)
        if self._on_submission is not None:
            try:
                self._on_submission(submission)
            except Exception:  # the student still gets the answer
                log.exception("on_submission failed")
        top = top_classes(submission.probabilities)
        return web.json_response({"submission_id": submission.submission_id, "top": top})

    def _receive(self, body: bytes, device: str) -> Submission:
        """Decode and predict one drawing (in the thread pool), and have it kept unless held."""
        drawing = parse_drawing(body, self.limits)
        try:
            predictor = self._predictor_source()
        except Exception:
            log.exception("no model to answer with")
            raise Refusal(503, "no_model") from None
        probabilities = np.asarray(predictor.probabilities(drawing.model_input), dtype=np.float32)
        held = self._hold
        submission = Submission(
            submission_id=secrets.token_hex(8),
            device=public_name(device),
            label=drawing.label,
            model_input=drawing.model_input,
            board_png=drawing.board_png,
            probabilities=probabilities,
            received=datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
            held=held,
            thumbnail=thumbnail_of(drawing.board),
        )
        entry = _Entry(submission)
        with self._moderation:
            self._entries[submission.submission_id] = entry
        if not held:
            self._keeper.submit(self._keep_arrived, entry)
        return submission

    def _keep_arrived(self, entry: _Entry) -> None:
        with self._moderation:
            if entry.hidden:  # hidden before it was written
                return
            try:
                self._keep(entry)
            except (OSError, CodedError) as error:  # a full disk: the student has the answer anyway
                log.error("a drawing was answered but not kept: %s", error)


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def token_or_new(token: str | None) -> str:
    """The token a caller gave (checked: it becomes part of every path), or a new one."""
    if token is None:
        return new_token()
    if not TOKEN_PATTERN.fullmatch(token):
        raise ValueError("a token is 8 to 64 URL-safe characters (letters, digits, - and _)")
    return token


def page_url(address: str, port: int, token: str) -> str:
    shown = f"[{address}]" if ":" in address else address
    return f"http://{shown}:{port}/{token}/"


def _lower_priority() -> None:
    """Nice the calling thread (Linux schedules threads one by one); elsewhere, nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            thread = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + KEEPER_NICENESS)


def _page_file(name: str) -> bytes:
    return (files("core.class_server") / "page" / name).read_bytes()


def _error(status: int, code: str) -> web.Response:
    response = web.json_response({"error": code}, status=status)
    if code == "too_soon":
        response.headers["Retry-After"] = "2"
    return response


# No token, no style or script (the policy forbids inline ones, and the page's files live under
# the token): a sentence a student can act on, in both languages, whatever the phone's setting.
NOT_OPEN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Class page not open · 课堂页面未打开</title></head>
<body>
<h1>This class page is not open</h1>
<p>Your teacher may have stopped the class or invited it again. Scan the code on the teacher's
screen again, or type the whole address it shows, with the code after the last /.</p>
<h1 lang="zh-CN">这个课堂页面没有打开</h1>
<p lang="zh-CN">老师可能已经结束了课堂，或重新发出了邀请。
请重新扫描老师屏幕上的二维码，或输入屏幕上显示的完整地址（包括最后一个 / 后面的代码）。</p>
</body>
</html>
""".encode()


def _wants_a_page(request: web.BaseRequest) -> bool:
    """A browser opening an address (not the page's fetch(), which asks for anything)."""
    return request.method == "GET" and "text/html" in request.headers.get("Accept", "")


def _not_open_page() -> web.Response:
    return web.Response(body=NOT_OPEN_PAGE, status=404, content_type="text/html", charset="utf-8")


class _Request(web.BaseRequest):
    """Every response, even aiohttp's own answer to a request it cannot parse, passes through
    here on its way out (the low-level server's only per-response hook) and gets the headers."""

    async def _prepare_hook(self, response: web.StreamResponse) -> None:
        response.headers.update(SECURITY_HEADERS)


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, protocol, _name, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError):
        raise ClassServerError("class_server.no_network", host=host, port=port) from None
    listening = socket.socket(family, kind, protocol)
    try:
        if hasattr(socket, "SO_REUSEADDR") and not hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            # a restarted lesson can take its port back at once (not on Windows, where this
            # option would let two servers share a port)
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as error:
        listening.close()
        raise _listen_error(error, host, port) from None
    return listening


def _listen_error(error: BaseException, host: str, port: int) -> BaseException:
    if not isinstance(error, OSError):
        return error
    number = error.errno
    if number == errno.EADDRINUSE:
        return ClassServerError("class_server.port_in_use", host=host, port=port)
    if number in (errno.EADDRNOTAVAIL, errno.ENETUNREACH, errno.ENETDOWN):
        return ClassServerError("class_server.no_network", host=host, port=port)
    if number in (errno.EACCES, errno.EPERM):
        return ClassServerError("class_server.permission", host=host, port=port)
    why = error.strerror or str(error)
    return ClassServerError("class_server.cannot_listen", host=host, port=port, why=why)
