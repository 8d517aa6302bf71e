"""The class's drawing page: students draw on their own phones, the model answers on each.

Qt-free, so `python main.py class-server` runs it headless; the window's Class tab runs the same
server as background work. See server.py for the routes and protocol.py for what a drawing is.
"""

from core.class_server.network import local_addresses
from core.class_server.protocol import Limits
from core.class_server.server import ClassServer, ClassServerError, Submission

__all__ = ["ClassServer", "ClassServerError", "Limits", "Submission", "local_addresses"]
