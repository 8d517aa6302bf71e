"""A real browser on the class page: Debian's chromium, headless, driven by Selenium through
chromium-driver, over 127.0.0.1 only. The window (offscreen) invites the class; the browser opens
the page, draws with pointer events, picks a class and sends; the page shows the model's answer and
the window's gallery shows the drawing, with the same probabilities.

scripts/setup.sh test installs chromium and chromium-driver (CI has them). Without them the test is
skipped, and says which one is missing."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from core.classes import CLASS_NAMES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
TROUSER = 1
WAIT_S = 30

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="the browser test needs Debian's chromium and chromium-driver (scripts/setup.sh test installs "
        f"them): chromium {'found' if CHROMIUM else 'missing'}, "
        f"chromedriver {'found' if CHROMEDRIVER else 'missing'}",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(scope="module")
def chromium():
    """One headless chromium for the module (its start is most of a test's set-up); `browser`
    leaves it as a new one is before each test."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--no-proxy-server")  # loopback straight, whatever the environment says
    options.add_argument("--window-size=480,1000")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium):
    """The module's chromium, with nothing a page stored: each test's pages are a new student's.

    A test's pages come from one origin (its servers' 127.0.0.1 port), whose local storage is
    cleared while its page is still open; cookies go for every origin."""
    chromium.get("about:blank")
    yield chromium
    chromium.execute_script("try { localStorage.clear(); } catch (error) {}")
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.get("about:blank")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The whole window with the shipped cnn answering, its Class tab serving on loopback only."""
    import gui.classroom.panel as class_panel
    from gui.main_window import MainWindow
    from gui.session import Session
    from gui.session.sketchbook import SessionSketchbook

    monkeypatch.setattr(class_panel, "BIND_HOST", "127.0.0.1")
    monkeypatch.setattr(class_panel, "local_addresses", lambda: [("lo", "127.0.0.1")])
    session = Session()
    session.sketchbook = SessionSketchbook(session.sketchbook_changed, _book(tmp_path), session)
    window = MainWindow(session, settings=QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    session.mark_runtime_ready(False, "CPU")
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _book(tmp_path):
    from core.sketchbook import Sketchbook

    return Sketchbook(tmp_path / "sketchbook")


def _invite_the_class(qtbot, window) -> str:
    """Press Invite on the Class tab as a teacher does; the page's address once it serves."""
    panel = window.class_panel
    window.show_tab("class")
    qtbot.waitUntil(lambda: panel.invite.network.count() == 1, timeout=WAIT_S * 1000)
    panel.invite.button.click()
    qtbot.waitUntil(panel.is_serving, timeout=WAIT_S * 1000)
    return panel.page_address()


def test_a_drawing_sent_from_the_browser_reaches_the_gallery(qtbot, window, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    panel = window.class_panel
    url = _invite_the_class(qtbot, window)
    assert url.startswith("http://127.0.0.1:")

    browser.get(url)
    wait = WebDriverWait(browser, WAIT_S)
    board = wait.until(until.visibility_of_element_located((By.CSS_SELECTOR, "canvas#board")))
    # A trouser: a waistband and two legs, each a stroke of pointer events (down, moves, up).
    actions = ActionChains(browser)
    for start, moves in (
        ((-50, -90), [(100, 0)]),
        ((-45, -85), [(-5, 90), (-5, 80)]),
        ((45, -85), [(5, 90), (5, 80)]),
    ):
        actions.move_to_element_with_offset(board, *start).click_and_hold()
        for dx, dy in moves:
            for _ in range(5):
                actions.move_by_offset(dx // 5, dy // 5)
        actions.release()
    actions.perform()
    browser.find_element(By.CSS_SELECTOR, f"#classes button[data-class='{TROUSER}']").click()
    send = wait.until(until.element_to_be_clickable((By.ID, "send")))
    send.click()
    wait.until(until.visibility_of_element_located((By.ID, "answer")))
    wait.until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, "#top li")) == 3)
    first_answer = browser.find_element(By.CSS_SELECTOR, "#top li").text

    qtbot.waitUntil(lambda: panel.gallery.rowCount() == 1, timeout=WAIT_S * 1000)
    submission = panel.gallery.submission_at(0)
    assert submission.label == TROUSER
    guess = int(np.argmax(submission.probabilities))
    assert CLASS_NAMES[guess] in first_answer  # the page and the projector show the same answer
    # The gallery's probabilities are the window's own model's on the exact 28×28 input.
    np.testing.assert_allclose(
        window.session.predictor().probabilities(submission.model_input), submission.probabilities, atol=1e-6
    )
    qtbot.waitUntil(lambda: len(window.session.sketchbook.sketches()) == 1, timeout=WAIT_S * 1000)
    # The page shows the code the teacher's tab asks students to check.
    assert panel.control.server().join_code in browser.find_element(By.ID, "join-code").text

    # The teacher stops the class: sending again says so and asks for the new code, not the Wi-Fi.
    panel.invite.button.click()
    stopped = lambda: not panel.is_serving() and panel.control.state() == "stopped"  # noqa: E731
    qtbot.waitUntil(stopped, timeout=WAIT_S * 1000)
    wait.until(until.element_to_be_clickable((By.ID, "send-again"))).click()
    wait.until(lambda driver: "problem" in driver.find_element(By.ID, "status").get_attribute("class"))
    status = browser.find_element(By.ID, "status").text
    assert "stopped the class" in status and "Scan the code" in status


def test_the_address_without_its_token_is_a_page_a_student_can_read(qtbot, window, browser):
    from selenium.webdriver.common.by import By

    panel = window.class_panel
    url = _invite_the_class(qtbot, window)
    browser.get(url.rsplit("/", 2)[0] + "/")  # the token left off
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "This class page is not open" in text and "这个课堂页面没有打开" in text
    assert panel.control.server().token not in browser.page_source


def test_an_old_page_on_a_port_invited_again_says_the_class_page_closed(browser):
    """The server answers but the address is an old lesson's (a fixed port, a new token): 404, and
    the page says the class page closed and to scan the new code (not a Wi-Fi problem)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from core.class_server import ClassServer
    from tests.gui.class_page import TrouserModel

    first = ClassServer(TrouserModel, None, host="127.0.0.1")
    first.start()
    browser.get(first.url)
    wait = WebDriverWait(browser, WAIT_S)
    wait.until(lambda driver: first.join_code in driver.find_element(By.ID, "join-code").text)
    first.stop()
    second = ClassServer(TrouserModel, None, host="127.0.0.1", port=first.port)
    second.start()
    try:
        # Ink and a class, set as a student would (the stroke itself is the other test's).
        browser.execute_script(
            "const board = document.getElementById('board');"
            "board.getContext('2d').fillRect(100, 40, 80, 200);"
            "board.dispatchEvent(new PointerEvent('pointerdown', {pointerId: 1, button: 0}));"
            "board.dispatchEvent(new PointerEvent('pointerup', {pointerId: 1}));"
        )
        browser.find_element(By.CSS_SELECTOR, f"#classes button[data-class='{TROUSER}']").click()
        wait.until(lambda driver: driver.find_element(By.ID, "send").is_enabled())
        browser.find_element(By.ID, "send").click()
        wait.until(lambda driver: "problem" in driver.find_element(By.ID, "status").get_attribute("class"))
        status = browser.find_element(By.ID, "status").text
        assert "has closed" in status and "Scan the new code" in status
    finally:
        second.stop()
