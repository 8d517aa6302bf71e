"""Whether the window can open at all, asked before a QApplication exists.

Without a display, Qt's platform plugin ends the process with abort() (exit 134) and a hint about
reinstalling libraries, which is neither true nor catchable. This module looks for what the plugin
would need, cheaply (a socket that exists, a library that loads), and says in one line what to do
instead: the same work runs headless as `python main.py data|train|predict`.
"""

from __future__ import annotations

import ctypes
import os
import re
import socket
import sys

HEADLESS_HINT = "for work without a window use: python main.py data | train | predict (each has --help)"
X_SOCKET_FOLDER = "/tmp/.X11-unix"
XCB_CURSOR_LIBRARY = "libxcb-cursor.so.0"  # Qt ≥ 6.5's xcb plugin needs it and aborts without it
WAYLAND_PLATFORMS = frozenset({"wayland", "wayland-egl", "wayland-brcm"})
WINDOWING_PLATFORMS = WAYLAND_PLATFORMS | {"xcb"}  # the plugins that abort without a display server
LOCAL_DISPLAY = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")


def display_problem(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """One line saying why no window can open here, or None when it (probably) can."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # Windows and macOS always have their own platform plugin
    # "wayland;xcb" is a list to try in turn, "offscreen:size=…" a plugin with its options.
    chosen = {name.split(":")[0].strip() for name in env.get("QT_QPA_PLATFORM", "").split(";")} - {""}
    if chosen - WINDOWING_PLATFORMS:
        return None  # offscreen, vnc, eglfs… chosen by hand: they need no display server
    if (not chosen or chosen & WAYLAND_PLATFORMS) and _wayland_reachable(env):
        return None
    if chosen and "xcb" not in chosen:
        return f"no display found: nothing answers at WAYLAND_DISPLAY: {HEADLESS_HINT}"
    display = env.get("DISPLAY", "")
    if not display:
        return f"no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): {HEADLESS_HINT}"
    if not _x_display_reachable(display):
        return f"no display found: nothing answers at DISPLAY={display}: {HEADLESS_HINT}"
    if not _loads(XCB_CURSOR_LIBRARY):
        return (
            f"the display {display} needs the library {XCB_CURSOR_LIBRARY} (Debian/Ubuntu package "
            f"libxcb-cursor0), which is not installed: {HEADLESS_HINT}"
        )
    return None


def _wayland_reachable(env: os._Environ[str] | dict[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = name if os.path.isabs(name) else os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)
    return os.path.exists(path)


def _x_display_reachable(display: str) -> bool:
    """A local display (":0", "unix:1.0") must have a server listening; others are trusted
    (ssh's forwarded "localhost:10.0" and remote servers are not worth a network wait)."""
    local = LOCAL_DISPLAY.match(display)
    if local is None:
        return True
    path = f"{X_SOCKET_FOLDER}/X{local.group(1)}"
    # X servers on Linux listen on the file and on the same name in the abstract namespace.
    return any(_accepts(address) for address in (path, "\0" + path))


def _accepts(address: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(address)
        except OSError:
            return False
    return True


def _loads(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True
