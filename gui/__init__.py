"""The PySide6 window. Imports core, never the other way round (see docs/ARCHITECTURE.md)."""
