"""The PySide6 window. Imports core, never the other way round (see docs/ARCHITECTURE.md).

Importing the package installs the refcount guard before any Qt call runs (see refcount_guard).
"""

from gui.refcount_guard import PINNED_SINGLETONS  # noqa: F401
