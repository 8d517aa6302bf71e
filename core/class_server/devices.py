"""Which device sent a drawing, and whether it may send another now.

A device is known by a random cookie the server sets with the page (HttpOnly, SameSite=Strict,
limited to the token's path): no name is ever asked for. The cookie is signed with a secret made
for this server, so only cookies it handed out count, a cookie from last week's lesson is simply
replaced, and handing them out needs no memory. The gallery sees a short hash of the id, never
the cookie itself, which would let whoever reads it off the projector send as that device.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

from core.class_server.protocol import Limits, Refusal

COOKIE_NAME = "device"


class DeviceCookies:
    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def new(self) -> str:
        device_id = secrets.token_urlsafe(16)
        return f"{device_id}.{self._signature(device_id)}"

    def device_of(self, cookie: str | None) -> str | None:
        """The device id inside a cookie this server made, else None."""
        if not cookie or cookie.count(".") != 1:
            return None
        device_id, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._signature(device_id)):
            return None
        return device_id

    def _signature(self, device_id: str) -> str:
        return hmac.new(self._secret, device_id.encode(), hashlib.sha256).hexdigest()[:32]


def public_name(device_id: str) -> str:
    """An opaque, stable name for a device that cannot be turned back into its cookie."""
    return hashlib.sha256(device_id.encode()).hexdigest()[:8]


@dataclass
class _Record:
    last: float
    count: int


class Admission:
    """The per-device rate limits and the cap on devices; thread-safe, clock injectable.

    Every drawing let through counts, even one then refused as malformed: a device sending junk
    is held to the same pace as one sending drawings."""

    def __init__(self, limits: Limits, clock: Callable[[], float]) -> None:
        self._limits = limits
        self._clock = clock
        self._devices: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def admit(self, device_id: str) -> None:
        """Count one drawing of this device, or raise Refusal(429) saying which limit it hit."""
        now = self._clock()
        with self._lock:
            record = self._devices.get(device_id)
            if record is None:
                if len(self._devices) >= self._limits.max_devices:
                    raise Refusal(429, "class_full")
                self._devices[device_id] = _Record(now, 1)
                return
            if record.count >= self._limits.per_lesson:
                raise Refusal(429, "lesson_limit")
            if now - record.last < self._limits.min_interval:
                raise Refusal(429, "too_soon")
            record.last, record.count = now, record.count + 1

    def device_count(self) -> int:
        with self._lock:
            return len(self._devices)
