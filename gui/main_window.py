"""The playground's window: tabs Train · Draw · Browse, menus, and a status bar.

Everything here is torch-free so the window can paint while torch still imports in the
background; checkpoint loading and saving import it only when the user asks for them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QTabWidget

from gui.browse.panel import BrowsePanel
from gui.checkpoint_files import CheckpointFiles
from gui.classroom.panel import ClassPanel
from gui.code_view.panel import CodePanel
from gui.draw.panel import DrawPanel
from gui.file_drops import WindowDrops
from gui.help_pages import show_lesson_guide, show_shortcuts
from gui.language import add_language_menu, follow_language
from gui.lesson_guide.guide import LessonGuide
from gui.menu_parts import add_text_size_actions, menu_bar_menu, translated_action
from gui.model_figures import FIGURES_ROLE, FiguresReader, with_figures
from gui.quit_check import asks_before, confirm_quit, what_quitting_stops
from gui.screen_fit import fit_window_to_screen, scrolling_when_too_small
from gui.session import Session
from gui.session.checkpoint_loading import FileOpen
from gui.session.model_sources import ModelSource
from gui.sketchbook_files import SketchbookFiles
from gui.softmax.panel import SoftmaxPanel
from gui.status_bar import WindowStatus
from gui.stored_settings import read_bytes, read_int
from gui.text_size import STEP_FACTOR, TextSize
from gui.theme import add_theme_action
from gui.train.panel import TrainPanel
from gui.weights.panel import WeightsPanel
from gui.whole_menu_texts import keep_menu_texts_whole
from gui.widgets.reflow import refit_pages

APP_TITLE = "Fashion-MNIST Playground"
GEOMETRY_KEY = "window/geometry"
TAB_KEY = "window/tab"
# At close, how long to wait for each background job to stop. A run stops between two batches or
# evaluation chunks, well within this; what cannot stop (a checkpoint being read, torch importing
# torch._dynamo for a run's first optimizer: seconds on a busy machine) is left to end on its own
# (gui/background.py), so closing takes under 2 s (benchmarks/soak.py).
CLOSE_WAIT_FOR_RUN_MS = 1000
# A first launch on a screen smaller than this (a 1024×768 or 1280×800 projector) fills it.
ROOMY_SCREEN = QSize(1400, 900)
FIRST_LAUNCH_TEXT_STEPS = 2  # Ctrl+= twice: 9 pt → 11.9 pt
CLOSE_WAIT_FOR_FILE_MS = 300


class MainWindow(QMainWindow):
    first_painted = Signal()  # the window is on screen: slow background work may start now

    def __init__(
        self,
        session: Session,
        text_size: TextSize | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self._settings = settings if settings is not None else QSettings()
        self.text_size = text_size if text_size is not None else TextSize(self._settings, self)
        # Hidden tabs keep their old minimum size until shown: after Ctrl+0 the window would stay
        # as large as the bigger text needed. Re-measured once the new font has reached them.
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self._refit)
        self.text_size.changed.connect(self._schedule_refit)
        self.setWindowTitle(APP_TITLE)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.train_panel = TrainPanel(session, self._settings)
        self.draw_panel = DrawPanel(session)
        self.browse_panel = BrowsePanel(session)
        self.weights_panel = WeightsPanel(session)
        self.softmax_panel = SoftmaxPanel(session)
        self.code_panel = CodePanel(session)  # the lesson's code as it runs, after Softmax
        self.class_panel = ClassPanel(session)  # the students' phones: a page, a QR code, a gallery
        for panel in (
            self.train_panel,
            self.draw_panel,
            self.browse_panel,
            self.weights_panel,
            self.softmax_panel,
            self.code_panel,
            self.class_panel,
        ):
            self.tabs.addTab(panel, "")  # titles set by _retranslate
        self.setCentralWidget(scrolling_when_too_small(self.tabs))  # smaller than the tabs' minimum
        self.browse_panel.send_to_canvas.connect(self._show_on_canvas)
        self.class_panel.open_on_canvas.connect(self._show_on_canvas)
        self.draw_panel.explain_weights_requested.connect(self._explain_in_weights)
        self.train_panel.minibatch_shown.connect(self.code_panel.show_minibatch)
        self.train_panel.run_ended_at.connect(self.code_panel.show_run_ended)
        self._finetune_dialog = None  # "Teach it our sketches", made when first asked for
        self.browse_panel.teach_requested.connect(self.show_finetune)
        self.drops = WindowDrops(self, self.tabs, self.draw_panel)  # a file dropped on any tab
        self.figures = FiguresReader(session, self)  # each chooser row's test and sketch accuracy

        self._build_menus()
        keep_menu_texts_whole(self)  # no row cut in tall (Chinese, large) text: gui/whole_menu_texts.py
        self._build_status_bar()
        session.dataset_changed.connect(self._update_status)
        session.runtime_changed.connect(self._update_status)
        session.predictor_changed.connect(self._update_status)
        session.model_source_changed.connect(self._update_model_menu)
        model_list = session.model_list()
        for change in (model_list.rowsInserted, model_list.dataChanged):
            change.connect(self._update_model_menu)
        follow_language(self, self._retranslate)
        self._watched_screen: QScreen | None = None
        self._screen_followed = False
        self._move_into_screen = True
        self._restore_window()
        self._painted = False
        # The status bar paints in the same pass as the rest of the window: its first paint
        # marks "the window is on screen".
        self.statusBar().installEventFilter(self)

    def _retranslate(self) -> None:
        """Texts that are not the menus' (those follow the language themselves, see _action)."""
        # The name window managers add to the title ("… — Fashion-MNIST Playground") is Qt's display
        # name, joined to the title when the title is set: translated first, the two agree and Qt
        # shows it once, never "Fashion-MNIST 练习场 — Fashion-MNIST Playground".
        QGuiApplication.setApplicationDisplayName(self.tr("Fashion-MNIST Playground"))
        self.setWindowTitle(self.tr("Fashion-MNIST Playground"))
        for panel, title in (
            (self.train_panel, self.tr("&Train")),
            (self.draw_panel, self.tr("&Draw")),
            (self.browse_panel, self.tr("&Browse")),
            (self.weights_panel, self.tr("&Weights")),
            (self.softmax_panel, self.tr("S&oftmax")),
            (self.code_panel, self.tr("Code")),
            (self.class_panel, self.tr("Class")),  # no Alt letter: every one of its letters is taken
        ):
            self.tabs.setTabText(self.tabs.indexOf(panel), title)
        self._fill_model_menu()
        self._update_status()

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = menu_bar_menu(self, lambda: self.tr("&File"))
        keys = QKeySequence.StandardKey
        self.files = CheckpointFiles(self, self.session, self._settings)
        self.open_action = translated_action(
            self, lambda: self.tr("&Open checkpoint…"), keys.Open, self.files.open_checkpoint
        )
        self.save_action = translated_action(
            self, lambda: self.tr("&Save trained model…"), keys.Save, self.save_checkpoint
        )
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.save_action)
        # Both of the Train tab's exports in one place, each with its key.
        export_menu = file_menu.addMenu("")
        follow_language(export_menu, lambda: export_menu.setTitle(self.tr("&Export")))
        self.export_action = translated_action(
            self, lambda: self.tr("Epoch &metrics (CSV)…"), QKeySequence("Ctrl+E"), self._export_csv
        )
        self.export_plots_action = translated_action(
            self,
            lambda: self.tr("&Plots (PNG)…"),
            QKeySequence("Ctrl+Shift+E"),
            self.train_panel.ask_save_plots,
        )
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.export_plots_action)
        # The class sketchbook as one zip.
        self.sketchbook_files = SketchbookFiles(self, self.session, self._settings)
        file_menu.addSeparator()
        file_menu.addAction(self.sketchbook_files.export_action)
        file_menu.addAction(self.sketchbook_files.import_action)
        file_menu.addSeparator()
        file_menu.addAction(
            translated_action(self, lambda: self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.quit_asking)
        )

        self.model_menu = menu_bar_menu(self, lambda: self.tr("&Model"))
        self._model_group = QActionGroup(self)
        self.model_menu.aboutToShow.connect(self._fill_model_menu)
        self._fill_model_menu()

        self._build_train_menu()

        view_menu = menu_bar_menu(self, lambda: self.tr("&View"))
        self.full_screen_action = translated_action(
            self, lambda: self.tr("&Full screen"), QKeySequence("F11"), self.toggle_full_screen
        )
        self.full_screen_action.setCheckable(True)
        view_menu.addAction(self.full_screen_action)
        view_menu.addSeparator()
        self.text_size_line = add_text_size_actions(view_menu, self, self.text_size)  # "Text size: +2"
        view_menu.addSeparator()
        self.language_menu = add_language_menu(view_menu, self._settings)  # English / 中文, switched live
        self.high_contrast_action = add_theme_action(view_menu, self._settings)  # remembered, live
        follow_language(self, lambda: self.high_contrast_action.setText(self.tr("&High contrast")))

        self.lesson_guide = LessonGuide(self, self._settings)  # the Lesson menu and its guide
        help_menu = menu_bar_menu(self, lambda: self.tr("&Help"))
        help_menu.addAction(
            translated_action(
                self, lambda: self.tr("How to run the &lesson"), None, lambda: show_lesson_guide(self)
            )
        )
        help_menu.addAction(
            translated_action(
                self, lambda: self.tr("&Keyboard shortcuts"), QKeySequence("F1"), lambda: show_shortcuts(self)
            )
        )
        help_menu.addSeparator()
        help_menu.addAction(translated_action(self, lambda: self.tr("&About"), None, self.show_about))

    def _build_train_menu(self) -> None:
        """Start, pause and stop from the keyboard, whichever tab is in front (F5 as in IDEs).

        The items are the Train tab's own QActions (gui/train/commands.py), the same objects its
        buttons show: enabled state and texts are set in one place."""
        panel = self.train_panel
        train_menu = menu_bar_menu(self, lambda: self.tr("T&raining"))
        self.start_action, self.pause_action = panel.start_action, panel.pause_action
        self.stop_action, self.reset_action = panel.stop_action, panel.reset_action
        train_menu.addActions(panel.commands.actions())
        train_menu.addSeparator()
        train_menu.addAction(
            translated_action(self, lambda: self.tr("&Clear runs from the plots"), None, panel.clear_runs)
        )
        train_menu.addSeparator()
        self.finetune_action = translated_action(
            self, lambda: self.tr("Teach it &our sketches…"), None, self.show_finetune
        )
        train_menu.addAction(self.finetune_action)
        # Starting a run leaves the teacher on the tab they are on (the Weights tab's templates
        # forming is worth watching); the plots' PNG is in File ▸ Export with the CSV.

    def show_finetune(self) -> None:
        """The non-modal "Teach it our sketches" dialog (gui/finetune), brought to the front."""
        if self._finetune_dialog is None:
            from gui.finetune.dialog import FinetuneDialog

            self._finetune_dialog = FinetuneDialog(self.session, self)
        self._finetune_dialog.show()
        self._finetune_dialog.raise_()
        self._finetune_dialog.activateWindow()

    def finetune_dialog_if_made(self) -> QDialog | None:
        """The "Teach it our sketches" dialog (a FinetuneDialog), or None before it was first asked for."""
        return self._finetune_dialog

    def _fill_model_menu(self) -> None:
        """Radio items for the rows of the Session's model list, the one the Draw tab shows too."""
        for action in self._model_group.actions():
            self._model_group.removeAction(action)
        self.model_menu.clear()  # deletes the old radio items: they are owned by the menu
        model_list = self.session.model_list()
        current = self.session.model_source()
        for row in range(model_list.rowCount()):
            item, source = model_list.item(row), model_list.source_at(row)
            text = with_figures(item.text(), item.data(FIGURES_ROLE))
            action = QAction(text, self.model_menu, checkable=True)
            action.setEnabled(item.isEnabled())
            action.setToolTip(item.toolTip())
            action.setChecked(source == current)
            action.triggered.connect(lambda _checked=False, s=source: self.use_model_source(s))
            self._model_group.addAction(action)
            self.model_menu.addAction(action)
        self.model_menu.addSeparator()
        self.model_menu.addAction(self.open_action)

    def _update_model_menu(self, *_args: object) -> None:
        # Not while it is open: a run's epoch (the live row's figures) would rebuild it under the
        # pointer; it is filled afresh each time it opens.
        if not self.model_menu.isVisible():
            self._fill_model_menu()
        self._update_status()

    def use_model_source(self, source: ModelSource) -> FileOpen | None:
        """The Model menu: a file row is read again in the background when it changed on disk."""
        return self.files.use_model_source(source)

    def open_checkpoint_file(self, path: str) -> FileOpen | None:
        """Read a checkpoint in the background; see CheckpointFiles.open_checkpoint_file."""
        return self.files.open_checkpoint_file(path)

    def save_checkpoint(self) -> None:
        self.files.save_checkpoint()

    def _export_csv(self) -> None:
        self.train_panel.ask_export_csv()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    def show_about(self) -> None:
        title = self.tr("Fashion-MNIST Playground")
        QMessageBox.about(
            self,
            self.tr("About {title}").format(title=title),
            f"<h3>{title}</h3>"
            + self.tr(
                "<p>Train a softmax classifier on Fashion-MNIST and watch it learn, draw a garment and "
                "see the ten softmax probabilities, and browse the dataset through the model's eyes.</p>"
                "<p>Based on the lesson “softmax regression” of <i>Dive into Deep Learning</i>. "
                "Fashion-MNIST © Zalando Research (MIT licence).</p>"
            ),
        )

    # -- status bar --------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.status = WindowStatus(self, self.session)
        self.dataset_status = self.status.dataset_status
        self.model_status = self.status.model_status
        self.device_status = self.status.device_status

    def _update_status(self) -> None:
        self.status.update()

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by its name: "train", "draw", "browse", "weights", "softmax",
        "code" (and any other panel kept as `<name>_panel`), for the lesson guide."""
        panel = getattr(self, f"{name}_panel", None)
        if panel is None or self.tabs.indexOf(panel) < 0:
            raise ValueError(f"no tab called {name!r}")
        self.tabs.setCurrentWidget(panel)

    # -- Browse → Draw ------------------------------------------------------------------------
    def _show_on_canvas(self, image28: object, true_label: int | None = None) -> None:
        """`true_label`: the class a student said they drew (the Class tab), for the Softmax tab's y."""
        self.draw_panel.show_image(image28, true_label)
        self.tabs.setCurrentWidget(self.draw_panel)

    # -- Draw → Weights ----------------------------------------------------------------------
    def _explain_in_weights(self, source: object, class_index: int) -> None:
        """The Weights tab shows the active model: the linear one Draw asked about becomes it."""
        if source != self.session.model_source():  # to explain it, not to send it to the phones
            self.session.set_model_source(source, for_the_phones=False)
        self.weights_panel.select_class(class_index)
        self.tabs.setCurrentWidget(self.weights_panel)

    # -- lifetime --------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = read_bytes(self._settings, GEOMETRY_KEY)
        self._first_launch = geometry is None or not self.restoreGeometry(geometry)
        if self._first_launch:
            if geometry is not None:  # bytes, but not a geometry Qt can read: the first-launch size
                self._settings.remove(GEOMETRY_KEY)
            # First launch: 1400×900 where it fits, else most of a small projector's screen.
            available = self.screen().availableGeometry()
            self.resize(min(1400, int(available.width() * 0.95)), min(900, int(available.height() * 0.9)))
        self.tabs.setCurrentIndex(read_int(self._settings, TAB_KEY, 0, 0, self.tabs.count() - 1))
        fit_window_to_screen(self, move=True)  # saved on a bigger screen, or its text was bigger

    def show_for_the_room(self) -> None:
        """show(); but the first time on a projector-sized screen the window fills the screen and
        its text starts FIRST_LAUNCH_TEXT_STEPS bigger (9 pt in 972×691 was too small to read from
        the back of a room). Ctrl+0 gives the system's size back."""
        available = self.screen().availableGeometry()
        if not self._first_launch or (
            available.width() >= ROOMY_SCREEN.width() and available.height() >= ROOMY_SCREEN.height()
        ):
            self.show()
            return
        # From the system's size, not the remembered one: a first launch that was killed (no
        # geometry saved) must not make the text bigger again at every start.
        bigger = self.text_size.default_point_size() * STEP_FACTOR**FIRST_LAUNCH_TEXT_STEPS
        self.text_size.set_point_size(bigger)
        self.setGeometry(available)  # the size where no window manager maximises
        self.showMaximized()

    def _refit(self) -> None:
        refit_pages(self.tabs)
        # Brought inside too at the first show, once the window manager's frame is known.
        fit_window_to_screen(self, move=self._move_into_screen)
        self._move_into_screen = False

    def _follow_screen(self, screen: QScreen | None) -> None:
        """Moved to another screen, or this one's resolution changed (a projector plugged in)."""
        if self._watched_screen is not None:
            self._watched_screen.availableGeometryChanged.disconnect(self._schedule_refit)
        self._watched_screen = screen
        if screen is not None:
            screen.availableGeometryChanged.connect(self._schedule_refit)
        self._refit_timer.start()

    def _schedule_refit(self, *_new_size: object) -> None:
        # Not QTimer.start itself: a signal's argument (a point size, a QRect) would become its interval.
        self._refit_timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not self._screen_followed:
            self._screen_followed = True
            handle.screenChanged.connect(self._follow_screen)
            self._follow_screen(handle.screen())

    def quit_asking(self) -> bool:
        """File ▸ Quit: asks first when quitting would stop the class's page or a run (gui/quit_check);
        True when the window closed."""
        stops = what_quitting_stops(self)
        if stops and not self.confirm_quit(stops):
            return False
        return self.close()

    def confirm_quit(self, stops: list[str]) -> bool:
        return confirm_quit(self, stops)

    def closeEvent(self, event: QCloseEvent) -> None:
        if asks_before(event):  # the window's close button; Ctrl+Q has asked already
            stops = what_quitting_stops(self)
            if stops and not self.confirm_quit(stops):
                event.ignore()
                return
        self.train_panel.shutdown(CLOSE_WAIT_FOR_RUN_MS)
        self.draw_panel.shutdown()
        self.browse_panel.shutdown()
        self.weights_panel.shutdown()
        self.softmax_panel.shutdown()
        self.code_panel.shutdown()
        self.class_panel.shutdown()  # the page stops: closing the app ends the lesson's server
        self.lesson_guide.shutdown()
        if self._finetune_dialog is not None:
            self._finetune_dialog.shutdown()
        self.session.stop_opening(CLOSE_WAIT_FOR_FILE_MS)
        self.figures.shutdown(CLOSE_WAIT_FOR_FILE_MS)
        self.status.release()
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(TAB_KEY, self.tabs.currentIndex())
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        self.drops.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.drops.drop(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.statusBar() and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            # Let this paint pass finish and reach the screen before anything else happens.
            QTimer.singleShot(0, self.first_painted.emit)
        return super().eventFilter(watched, event)
