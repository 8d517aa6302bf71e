"""A student's device for the Class tab's tests: loads the page (which sets its device cookie) and
sends drawings the way the page does, over loopback only."""

from __future__ import annotations

import base64
import http.cookiejar
import io
import json
import urllib.request

import numpy as np
from PIL import Image

from core.classes import NUM_CLASSES

TROUSER = 1


class TrouserModel:
    """Answers "Trouser" (90 %) for every drawing. Here, in a module without Qt, because the
    window's class server runs in a process of its own and is sent the model pickled: the child
    imports this module to rebuild it."""

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        probabilities = np.full(10, 0.1 / 9, dtype=np.float32)
        probabilities[TROUSER] = 0.9
        return probabilities if np.ndim(images) == 2 else np.tile(probabilities, (len(images), 1))


def board_png(label: int = 1) -> str:
    """A 280×280 drawing as the page sends it (data URL of a PNG, light garment on dark): a filled
    block whose shape differs by label, so each drawing is a different model input."""
    board = np.zeros((280, 280), dtype=np.uint8)
    width = 40 + 20 * (label % NUM_CLASSES)
    board[40:240, 140 - width // 2 : 140 + width // 2] = 255
    out = io.BytesIO()
    Image.fromarray(board, "L").save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


class Device:
    """One phone: its own cookie jar, so the server counts it as one device."""

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.ProxyHandler({}),  # loopback only: never through a proxy from the environment
        )
        with self._opener.open(page_url, timeout=10) as response:
            self.page = response.read()

    def send(self, label: int, shape_of: int | None = None) -> dict:
        body = json.dumps(
            {"label": label, "image": board_png(label if shape_of is None else shape_of)}
        ).encode()
        request = urllib.request.Request(
            self.page_url + "drawing", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with self._opener.open(request, timeout=30) as response:
            return json.loads(response.read())


def send_from_new_device(page_url: str, label: int, shape_of: int | None = None) -> dict:
    """A drawing from a device of its own (one device may send one drawing every 2 s)."""
    return Device(page_url).send(label, shape_of)
