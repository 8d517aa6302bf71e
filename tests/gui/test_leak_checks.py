"""The conftest's leak checks still fail a test that leaks, now that they flush cheaply."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QWidget


def test_a_thread_left_running_is_reported_and_stopped(leak_check):
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    thread = QThread()
    thread.setObjectName("leaky")
    thread.start()  # runs an event loop until quit(): a leak unless someone stops it
    leaked_threads, leaked_widgets = leak_check(before, grace_ms=50)
    assert leaked_threads == ["leaky"] and leaked_widgets == []
    assert not thread.isRunning()  # the check stopped it, so later tests don't crash


def test_a_window_left_open_is_reported_and_closed(leak_check):
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    window = QLabel("left open")
    window.show()
    leaked_threads, leaked_widgets = leak_check(before)
    assert leaked_widgets == ["QLabel"] and leaked_threads == []
    assert not shiboken6.isValid(window)  # closed and deleted, so later tests don't see it


def test_a_closed_widget_held_only_by_a_reference_cycle_is_not_a_leak(leak_check):
    """Why the flush still collects garbage: pyqtgraph keeps such cycles."""
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    widget = QWidget()
    widget.cycle = widget  # only the garbage collector can free it
    del widget
    assert leak_check(before) == ([], [])


def test_a_hidden_widget_that_is_still_referenced_is_a_leak(leak_check):
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    kept = QWidget()
    kept.hide()
    assert leak_check(before) == ([], ["QWidget"])
    del kept
