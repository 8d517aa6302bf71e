"""GUI test set-up: offscreen Qt, isolated QSettings, and no leaked threads or windows.

Like napari's and pymmcore-widgets' conftests, any test that leaves a QThread running or a
top-level widget alive fails: both cause "QThread: Destroyed while thread is still running"
crashes or cross-test interference later, far from the test that caused them.
"""

from __future__ import annotations

import gc
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThread  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

THREAD_GRACE_MS = 3000  # a thread still running this long after its test is a leak, not slowness

_started_threads: list[QThread] = []
_original_start = QThread.start


def _recording_start(self: QThread, *args, **kwargs):
    """Every QThread any code starts during the tests, so the leak check sees them all."""
    _started_threads.append(self)
    return _original_start(self, *args, **kwargs)


QThread.start = _recording_start


@pytest.fixture(scope="session", autouse=True)
def _wheel_guard(qapp) -> None:
    """As run_app does: the wheel scrolls the page, not an unfocused combo or spin box."""
    from gui.widgets import wheel_guard

    wheel_guard.install(qapp)


@pytest.fixture(scope="session", autouse=True)
def _english_plural_forms(qapp) -> None:
    """As run_app does: English's catalogue installed, so a counted word is "1 epoch" / "5 epochs"
    (Qt's plural forms), not the source's "1 epoch(s)"."""
    from gui import language

    language.apply_language(language.ENGLISH)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> None:
    """QSettings() writes to a fresh folder per test, never to the user's real settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("fmp-tests")
    QCoreApplication.setApplicationName("fmp-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def _restore_app_font(qapp):
    """Text-size tests change the app-wide font; later tests must start from the usual one."""
    font = QFont(QApplication.font())
    yield
    QApplication.setFont(font)


@pytest.fixture(autouse=True)
def _restore_torch_threads():
    """Session.mark_runtime_ready makes the calling (here: pytest's) thread run torch on one core,
    as the app's GUI thread should; the core tests that run after must get their cores back."""
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch is not None else None
    yield
    torch = sys.modules.get("torch")
    if torch is not None:
        from core.parallelism import all_cores

        torch.set_num_threads(before or all_cores())


@pytest.fixture(scope="session", autouse=True)
def _frozen_heap(qapp):
    """Move everything the imports made out of the garbage collector's sight, once.

    torch, numpy, pyqtgraph and Qt leave millions of long-lived objects; every full gc.collect()
    walked all of them, and the leak checks below collect after every test: that was most of the
    GUI tests' time. Frozen, a collection walks only what the tests made. Frozen objects are never
    freed, which suits modules and caches; everything a test makes comes after this point.
    """
    import pyqtgraph  # noqa: F401
    import torch  # noqa: F401  (almost every GUI test needs it; importing it later would unfreeze it)

    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """After each test, once pytest has let go of its arguments: freeze what is still alive.

    What survives a test and a full collection outlives it (session fixtures, lazily imported
    modules, caches), so the next test's collections need not walk it again either: on
    test_window.py + test_browse_panel.py this took 22-25 s of CPU to 13-14 s. Cyclic garbage is
    collected first, so no closed widget is frozen alive."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_windows(qapp):
    """Fail a test that leaves a started QThread running or a new top-level widget alive."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the last test's leftovers
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    yield
    leaked_threads, leaked_widgets = find_leaks(before)
    assert not leaked_threads, f"test left QThreads running: {leaked_threads}"
    assert not leaked_widgets, f"test left top-level widgets alive: {leaked_widgets}"


@pytest.fixture
def leak_check():
    """The leak check itself, for the tests that prove it still catches leaks."""
    return find_leaks


def find_leaks(before: set[int], grace_ms: int = THREAD_GRACE_MS) -> tuple[list[str], list[str]]:
    """(names of QThreads still running, names of new top-level widgets still alive).

    What leaked is stopped and closed, so the failure stays in this test instead of crashing a
    later one."""
    _flush_deletions()
    leaked_threads = []
    waited = False
    for thread in _started_threads:
        if shiboken6.isValid(thread) and thread.isRunning():
            # Give it a moment (a thread that is finishing is not a leak).
            waited = True
            if not thread.wait(grace_ms):
                leaked_threads.append(thread.objectName() or repr(thread))
                thread.quit()
                thread.wait(THREAD_GRACE_MS)
    _started_threads.clear()
    if waited:
        _flush_deletions()  # what the threads' ends queued (finished → deleteLater)
    # pytest keeps the test's arguments until after this teardown, so a qtbot-closed widget's
    # Python side (and pyqtgraph's parentless, hidden context menus it owns) is still
    # around: only visible windows and non-menu widgets count as leaks.
    leaked = [
        widget
        for widget in QApplication.topLevelWidgets()
        if id(widget) not in before
        and shiboken6.isValid(widget)
        and (widget.isVisible() or not isinstance(widget, QMenu))
    ]
    leaked_widgets = [type(widget).__name__ for widget in leaked]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    if leaked:
        _flush_deletions()
    return leaked_threads, leaked_widgets


def _flush_deletions() -> None:
    """Run pending deleteLater()s and queued events so closed widgets are really gone.

    gc.collect() too: pyqtgraph's parentless context menus live in reference cycles. Cheap since
    `_frozen_heap`; repeated only while a pass still finds cycles (a freed cycle can post more
    deleteLater()s).
    """
    for _ in range(3):
        found = gc.collect()
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if not found:
            break


@pytest.fixture
def show_widget(qtbot):
    """Own, size, show and wait for a widget: what every on-screen widget test starts with."""

    def show(widget, width: int, height: int):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return show


@pytest.fixture
def held_loads(monkeypatch):
    """Checkpoint reads wait for the yielded event, as on a slow disk (tests.gui.file_opening's
    hold_loads); a test sets it where its story needs, and it is set at the end whatever happens."""
    from tests.gui.file_opening import hold_loads

    release, threads = hold_loads(monkeypatch)
    yield release, threads
    release.set()


PROJECTOR_W, PROJECTOR_H = 1024, 768


@pytest.fixture
def projector_window(qtbot, tmp_path, tiny_dataset):
    """The whole window as a projector shows it: data loaded, 1024×768, on screen."""
    from gui.main_window import MainWindow
    from gui.session import Session

    session = Session()
    settings = QSettings(str(tmp_path / "projector.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings)
    qtbot.addWidget(window)
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    window.resize(PROJECTOR_W, PROJECTOR_H)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def session_with_tmp_sketchbook(tmp_path):
    """A Session keeping today's sketches in a fresh folder under tmp_path; English again after."""
    from core.sketchbook import Sketchbook
    from gui import language
    from gui.session import Session

    session = Session()
    session.sketchbook.book = Sketchbook(tmp_path / "today")
    yield session
    language.apply_language(language.ENGLISH)
