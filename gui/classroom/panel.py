"""The Class tab (课堂): every student draws on their own phone, the projector shows the class.

"Invite the class" starts core's class server (core/class_server) as background work
(gui/classroom/server_control.py) and shows its QR code, join code and address; the drawings the
students send arrive in the GUI thread through a queued signal and join the gallery, newest first,
each graded against the class its student said, with the class's running accuracy and confusion
matrix. The teacher may hide any drawing (never shown again, not kept) and may ask to approve
each drawing before it is shown and kept. A click on a drawing opens its exact 28×28 model input
on the Draw tab (through the window: `open_on_canvas`).

The server answers with the model the teacher chose (`Session.class_predictor`: a run that Draw
follows never reaches the phones by itself), read here, in the GUI thread, whenever it changes,
and sent from there to the server's own process as background work (ServerControl.refresh_model:
its weights cross, the child builds it). Kept
drawings go to the lesson's sketchbook (`Session.sketchbook`); the Session is told after each
change so Browse follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from gui.background import BackgroundJob
from gui.classroom import server_control
from gui.classroom.drawing_tile import APPROVE, HIDE
from gui.classroom.drawings import Drawing, DrawingList
from gui.classroom.invite_box import InviteBox
from gui.classroom.messages import explain
from gui.classroom.results_box import ResultsBox
from gui.classroom.server_control import RUNNING, STARTING, STOPPED, ServerControl
from gui.language import follow_language, is_chinese, notifier

CLOSE_WAIT_MS = 3000  # the server lets an answer being computed finish (core: 2 s), then closes
MODEL_REFRESH_MS = 300  # a run publishing weights often: the server's model is updated at most this often
ARRIVALS_MS = 150  # drawings are shown in batches at most this late (about 7 times a second)
# The other tabs hear of kept drawings at most this often: each telling has Browse and the Session
# re-read the whole sketchbook (hundreds of files by the lesson's end) in a thread of the window's
# process, whose Python work takes the GIL from the GUI thread while the class draws.
KEPT_MS = 1500
QR_SHARE = 0.62  # of the column's width that the left column (the QR code) may take


# Every interface: the network picker only chooses which address the code and the text show.
BIND_HOST = "0.0.0.0"


def local_addresses() -> list[tuple[str, str]]:
    """core's list of this computer's (interface, IPv4) pairs; imported with the server, lazily."""
    from core.class_server import local_addresses as core_addresses

    return core_addresses()


class ClassPanel(QWidget):
    # (uint8 [28, 28], int): a drawing's model input and the class its student chose, for the Draw tab
    open_on_canvas = Signal(object, int)

    def __init__(
        self,
        session: Any,
        *,
        address_source: Callable[[], list[tuple[str, str]]] | None = None,
        bind_host: str | None = None,
        port: int = 0,
        server_factory: Callable[..., Any] = server_control.default_server_factory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        # The module's defaults are read when used, so a test or benchmark may point the window's
        # own panel at loopback.
        self._address_source = address_source or (lambda: local_addresses())
        self._bind_host = bind_host
        self._port = port
        self._predictor: Any = None  # what the server answers with; replaced, never changed
        self._addresses_job: BackgroundJob | None = None
        self._addresses_asked = False
        self._moderation: set[BackgroundJob] = set()
        self._received_by: dict[str, Any] = {}  # submission id → the server that has it
        self._drain_job: BackgroundJob | None = None  # waits for the server's sketchbook writes
        self._drain_again = False
        self._shut_down = False

        self.gallery = DrawingList(self)
        self.waiting = DrawingList(self)
        self.control = ServerControl(server_factory, self)
        self.invite = InviteBox()
        self.results = ResultsBox(self.gallery, self.waiting)
        layout = QHBoxLayout(self)
        # The left column takes its share first, up to its maximum width (_fit_columns).
        layout.addWidget(self.invite, 100)
        layout.addWidget(self.results, 1)

        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_columns)
        self._arrivals: list[tuple[Any, Any]] = []  # (submission, thumbnail) received, not yet shown
        self._arrival_timer = QTimer(self, singleShot=True, interval=ARRIVALS_MS)
        self._arrival_timer.timeout.connect(self._show_arrivals)
        self._kept_timer = QTimer(self, singleShot=True, interval=KEPT_MS)
        self._kept_timer.timeout.connect(self._wait_for_kept)
        self._model_timer = QTimer(self, singleShot=True, interval=MODEL_REFRESH_MS)
        self._model_timer.timeout.connect(self._read_model)
        self.invite.invite_clicked.connect(self.start)
        self.invite.stop_clicked.connect(self.stop)
        self.invite.refresh_clicked.connect(self.look_for_networks)
        self.invite.address_chosen.connect(self._show_address)
        self.results.hold.toggled.connect(self._hold_toggled)
        self.results.approve_all.clicked.connect(self.approve_all)
        self.results.gallery_view.opened.connect(self._open)
        self.results.gallery_view.action.connect(self._act)
        self.results.waiting_view.action.connect(self._act)
        self.control.state_changed.connect(self._state_changed)
        self.control.invited.connect(self._invited)
        self.control.refused.connect(lambda error: self.invite.show_stopped(explain(error)))
        self.control.arrived.connect(self._arrived)
        session.predictor_changed.connect(self._model_changed)
        notifier().changed.connect(self._language_changed)
        follow_language(self, self._describe_model)

    # -- networks ---------------------------------------------------------------------------------
    def look_for_networks(self) -> None:
        """This computer's addresses, read off the GUI thread (a name lookup may wait on the network)."""
        if self._addresses_job is not None:
            return
        self._addresses_asked = True
        job = BackgroundJob(self._address_source, "fmp-class-addresses", self)
        job.returned.connect(self._got_addresses)
        job.failed.connect(lambda _text: self._got_addresses([]))
        job.finished.connect(self._addresses_done)
        self._addresses_job = job
        self.invite.show_busy()
        job.start()

    def _addresses_done(self) -> None:
        self._addresses_job = None

    def _got_addresses(self, addresses: list[tuple[str, str]]) -> None:
        self.invite.set_addresses(list(addresses))
        self._fit_timer.start()
        if self.control.state() == STOPPED:
            self.invite.show_stopped(self._no_network_text() if not addresses else "")
        elif self.control.state() == RUNNING:
            self.invite.button.setEnabled(True)

    def _no_network_text(self) -> str:
        return self.tr(
            "This computer is on no network, so the students' phones cannot reach it. Connect it to the "
            "room's Wi-Fi or to a phone's hotspot, then press Look again."
        )

    # -- starting and stopping ------------------------------------------------------------------
    def start(self) -> None:
        """Invite the class: serve the page on every interface, show the chosen one's address."""
        if self.control.state() != STOPPED or self.invite.chosen_address() is None:
            return
        self._read_model()
        self.control.start(
            predictor_source=self._answering_predictor,
            sketchbook=self._sketchbook(),
            host=self._bind_host or BIND_HOST,
            port=self._port,
            language="zh" if is_chinese() else "en",
            hold_for_approval=self.results.hold.isChecked(),
        )

    def stop(self) -> None:
        self.control.stop()

    def is_serving(self) -> bool:
        return self.control.state() == RUNNING

    def page_address(self) -> str:
        """The address shown (the QR code's), or "" while nothing is served."""
        return self.invite.address.toPlainText() if self.is_serving() else ""

    def _state_changed(self, state: str) -> None:
        if state == STOPPED:
            self.invite.show_stopped()
            self._describe_model()
        elif state == STARTING:  # seconds on a busy laptop: the room sees that something happens
            self.invite.show_busy(self.tr("Starting the class page…"))
        elif state != RUNNING:
            self.invite.show_busy(self.tr("Stopping the class page…"))

    def _invited(self, _server: Any) -> None:
        self._show_address(self.invite.chosen_address())
        self._describe_model()

    def _show_address(self, address: str | None) -> None:
        server = self.control.server()
        if server is None or self.control.state() != RUNNING or not address:
            return
        from core.class_server.network import qr_code  # imported with the server by now

        url = server.url_for(address)
        self.invite.show_running(url, server.join_code, qr_code(url).matrix)
        self._fit_columns()

    def _language_changed(self, _code: str) -> None:
        server = self.control.server()
        if server is not None and self.is_serving():
            server.set_language("zh" if is_chinese() else "en")

    # -- the model that answers ---------------------------------------------------------------
    def _answering_predictor(self) -> Any:
        """Called in the server's threads: only reads the reference the GUI thread last set."""
        predictor = self._predictor
        if predictor is None:
            raise LookupError("no model to answer with")  # the student's page says so (503)
        return predictor

    def _model_changed(self) -> None:
        if self.control.state() != STOPPED:
            self._model_timer.start()

    def _read_model(self) -> None:
        predictor = self.session.class_predictor()
        if predictor is not self._predictor:  # a run's weights for Draw alone are not sent again and again
            self._predictor = predictor
            self.control.refresh_model()  # a server in its own process is sent the new model
        self._describe_model()

    def _describe_model(self) -> None:
        if self.control.state() == STOPPED:
            self.results.set_model_line("")
        elif self._predictor is None:
            self.results.set_model_line(
                self.tr(
                    "No model can answer yet: train one on the Train tab or choose one in the Model menu."
                )
            )
        else:
            self.results.set_model_line(
                self.tr("Answering: {model}").format(model=self.session.class_model_label())
            )

    # -- drawings --------------------------------------------------------------------------------
    def _arrived(self, server: Any, submission: Any, thumbnail: Any) -> None:
        """Drawings join the gallery a few times a second, in batches: thirty phones sending at
        once would otherwise relayout and repaint the tab for each one. Each one's tile is painted
        as it comes, so a batch only moves pictures."""
        self._received_by[submission.submission_id] = server
        self._arrivals.append((submission, thumbnail))
        strip = self.results.waiting_view if submission.held else self.results.gallery_view
        strip.prepare(Drawing.of(submission, thumbnail))
        if not self._arrival_timer.isActive():
            self._arrival_timer.start()

    def _show_arrivals(self) -> None:
        arrivals, self._arrivals = self._arrivals, []
        for strip, held in ((self.waiting, True), (self.gallery, False)):
            these = [(submission, thumbnail) for submission, thumbnail in arrivals if submission.held == held]
            strip.add_many([submission for submission, _ in these], [thumbnail for _, thumbnail in these])
        if any(not submission.held for submission, _ in arrivals):
            self._tell_when_kept()

    def _open(self, submission: Any) -> None:
        if submission is not None:
            self.open_on_canvas.emit(submission.model_input, submission.label)

    def _act(self, name: str, submission: Any) -> None:
        if submission is None:
            return
        submission_id = submission.submission_id
        if name == HIDE:
            self.hide_drawing(submission_id)
        elif name == APPROVE:
            self.approve(submission_id)

    def hide_drawing(self, submission_id: str) -> None:
        """Gone from the gallery at once; the server forgets it and takes it out of the sketchbook."""
        self._arrivals = [(s, picture) for s, picture in self._arrivals if s.submission_id != submission_id]
        self.gallery.take(submission_id)
        self.waiting.take(submission_id)
        self._moderate("hide", [submission_id])

    def approve(self, submission_id: str) -> None:
        self._approve([submission_id])

    def approve_all(self) -> None:
        self._approve(list(reversed(self.waiting.submission_ids())))  # oldest first, as they came

    def _approve(self, submission_ids: list[str]) -> None:
        approved = [self.waiting.take(submission_id) for submission_id in submission_ids]
        approved = [submission for submission in approved if submission is not None]
        self.gallery.add_many(approved)
        self._moderate("approve", [submission.submission_id for submission in approved])

    def _moderate(self, what: str, submission_ids: list[str]) -> None:
        """The servers write or delete files in the sketchbook: off the GUI thread, one job."""
        servers = [(self._received_by.get(submission_id), submission_id) for submission_id in submission_ids]
        servers = [(server, submission_id) for server, submission_id in servers if server is not None]
        if not servers:
            return

        def work() -> None:
            for server, submission_id in servers:
                getattr(server, what)(submission_id)

        job = BackgroundJob(work, f"fmp-class-{what}", self)
        self._moderation.add(job)
        job.finished.connect(lambda: self._moderated(job))
        job.start()

    def _moderated(self, job: BackgroundJob) -> None:
        self._moderation.discard(job)
        self._sketchbook_changed()

    def _hold_toggled(self, hold: bool) -> None:
        server = self.control.server()
        if server is not None:
            server.set_hold_for_approval(hold)

    # -- the sketchbook ----------------------------------------------------------------------------
    def _sketchbook(self) -> Any:
        """core's Sketchbook of the lesson: the Session's holder tells the tabs of changes it makes
        itself, but the server writes from its own threads, so this panel tells them instead."""
        shared = getattr(self.session, "sketchbook", None)
        return getattr(shared, "book", shared)

    def _tell_when_kept(self) -> None:
        """The server writes a drawing to the sketchbook just after answering it: the tabs hear of
        it once those writes are done, at most once per KEPT_MS for all the drawings meanwhile."""
        if not self._kept_timer.isActive():
            self._kept_timer.start()

    def _wait_for_kept(self) -> None:
        """One waiting job at a time; arrivals meanwhile wait for the next."""
        server = self.control.server()
        if server is None or not hasattr(server, "drain"):
            self._sketchbook_changed()
            return
        if self._drain_job is not None:
            self._drain_again = True
            return
        self._drain_again = False
        job = BackgroundJob(server.drain, "fmp-class-kept", self)
        job.finished.connect(self._kept)
        self._drain_job = job
        job.start()

    def _kept(self) -> None:
        self._drain_job = None
        self._sketchbook_changed()
        if self._drain_again:
            self._wait_for_kept()

    def _sketchbook_changed(self) -> None:
        changed = getattr(self.session, "sketchbook_changed", None)
        if changed is not None:
            changed.emit()

    # -- layout ----------------------------------------------------------------------------------
    def _fit_columns(self) -> None:
        """The QR code as tall as the tab allows: the left column may grow as wide as the height
        left for the code once the lines around it are placed (within QR_SHARE of the tab's width);
        the layout gives it that first (see __init__), the gallery takes the rest."""
        invite = self.invite
        margins = self.layout().contentsMargins()
        height = self.height() - margins.top() - margins.bottom()
        width = int((self.width() - margins.left() - margins.right()) * QR_SHARE)
        if not invite.is_running():
            invite.setMaximumWidth(max(invite.minimumSizeHint().width(), int(width * 0.7)))
            return
        spacing = invite.layout().spacing()
        # At +4 a column as narrow as the code would put the address (as large as the join code) on
        # three lines, taking more height from the code than a little more width takes from the
        # gallery; the results keep what they need (their tabs whole).
        results = self.results.minimumSizeHint().width() + self.layout().spacing()
        widest = max(
            invite.minimumSizeHint().width(),
            min(width, self.width() - margins.left() - margins.right() - results),
        )
        invite.fit_address(widest)
        text_width = min(widest, invite.text_width())
        column = width
        for _ in range(6):  # the lines under the code wrap onto more lines in a narrower column
            others = invite.height_around_code(column)
            side = max(invite.qr.minimumSizeHint().height(), min(width, height - others - spacing))
            if max(side, text_width) == column:
                break
            column = max(side, text_width)
        invite.setMaximumWidth(max(column, invite.minimumSizeHint().width()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._fit_timer.start()  # once the children have their new fonts

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._addresses_asked:
            self.look_for_networks()
        self._fit_columns()

    def shutdown(self) -> None:
        """The window closes: stop serving (the students' pages say the server is gone)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._model_timer.stop()
        self._arrival_timer.stop()
        self._kept_timer.stop()
        self.session.predictor_changed.disconnect(self._model_changed)
        notifier().changed.disconnect(self._language_changed)
        for job in [self._addresses_job, self._drain_job, *self._moderation]:
            if job is not None:
                job.shutdown(CLOSE_WAIT_MS)
        self.control.shutdown(CLOSE_WAIT_MS)
