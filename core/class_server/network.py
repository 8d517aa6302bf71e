"""The computer's addresses on the local network, and the page's address as a QR code.

No extra package: on Linux each interface's IPv4 address is asked with the SIOCGIFADDR ioctl;
elsewhere (or when that fails) the address the default route would leave from is found by
"connecting" a UDP socket, which sends nothing, plus what the host name resolves to.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import socket
import struct
import sys

import segno

SIOCGIFADDR = 0x8915  # Linux's "get interface address" ioctl
# A TEST-NET-1 address (RFC 5737): routed like any outside address, never answered.
ROUTE_PROBE = ("192.0.2.1", 9)


def local_addresses() -> list[tuple[str, str]]:
    """(interface name, IPv4 address) of each interface students could reach, loopback and
    link-local addresses left out; empty when the computer is on no network."""
    found = _linux_interfaces() if sys.platform.startswith("linux") else []
    if not found:
        found = [("default", address) for address in _route_and_hostname_addresses()]
    seen: set[str] = set()
    usable = []
    for name, address in found:
        if address not in seen and _usable(address):
            seen.add(address)
            usable.append((name, address))
    return usable


def _usable(address: str) -> bool:
    try:
        parsed = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return not (parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified or parsed.is_multicast)


def _linux_interfaces() -> list[tuple[str, str]]:
    import fcntl  # POSIX only: imported here so the module loads on Windows

    found = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, request)
            except OSError:  # no IPv4 address on this interface (or it is down)
                continue
            found.append((name, socket.inet_ntoa(answer[20:24])))
    return found


def _route_and_hostname_addresses() -> list[str]:
    addresses = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(ROUTE_PROBE)
        addresses.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for *_rest, sockaddr in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addresses.append(str(sockaddr[0]))
    return addresses


def qr_code(url: str) -> segno.QRCode:
    # Medium error correction: still reads with a projector's glare on part of it.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=scale, border=4)
    return out.getvalue()


def qr_png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
