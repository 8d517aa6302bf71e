"""The window's language: English or Simplified Chinese, switched live, remembered in QSettings.

Qt's own machinery does the work: the app's strings go through `tr()` / `translate()`, the
compiled catalogue `resources/translations/playground_zh_CN.qm` (package data, so an installed
app loads its own copy) and Qt's `qtbase_zh_CN.qm` (shipped in the PySide6 wheel, for standard
dialogs and buttons) are installed as QTranslators, and installing or
removing them makes Qt send `QEvent.LanguageChange` to every widget, which re-sets its texts.
`follow_language(widget, callback)` is the small helper panels use for that: it runs the
callback now and again on each change, so a text is written in one place only.

English has a catalogue too, `playground_en.qm`, holding only the plural forms of the messages
that count something ("%n epoch(s)" → "1 epoch" / "5 epochs", Qt's numerus forms): the source
text has one form, so English needs its two written out as any other language's are. Such a
message is said through a class's `self.tr(text, None, n)`: pyside6-lupdate marks a message as
plural only there (in `QCoreApplication.translate` it expects PyQt4's encoding argument before n).

The state is module-level on purpose: there is one language per process (QTranslators are
process-wide), and `class_name(i)` must be callable from any widget without handing an object
around.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMenu

from core.classes import CLASS_NAMES, CLASS_NAMES_ZH
from core.paths import translations_dir
from gui.stored_settings import read_choice
from gui.whole_menu_texts import keep_menu_texts_whole

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
SETTINGS_KEY = "ui/language"
CATALOGUE_NAME = "playground"  # resources/translations/playground_<code>.qm
# Families that draw Simplified Chinese well, best first. fonts-noto-cjk (installed by
# scripts/setup.sh) provides the first; the others are what other distributions ship.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
)


class LanguageNotifier(QObject):
    """Announces language switches to objects that are not widgets (widgets get LanguageChange)."""

    changed = Signal(str)  # the new language code, after every text was re-set
    font_missing = Signal(str)  # a translated sentence for the status bar


_notifier: LanguageNotifier | None = None
_current = ENGLISH
_generation = 0  # bumps on every switch, so each widget re-sets its texts once per switch
_translators: list[QTranslator] = []
_installed: str | None = None  # the language whose catalogues are installed (None: none yet)
_latin_families: list[str] | None = None  # the app font's families before Chinese was chosen
_font_warning_given = False


def notifier() -> LanguageNotifier:
    global _notifier
    if _notifier is None:
        _notifier = LanguageNotifier(QCoreApplication.instance())
    return _notifier


# -- what the language is -------------------------------------------------------------------
def current_language() -> str:
    return _current


def is_chinese() -> bool:
    return _current == CHINESE


def class_name(index: int) -> str:
    """Fashion-MNIST class `index` in the window's language (bars, thumbnails, plots, PNGs)."""
    return (CLASS_NAMES_ZH if _current == CHINESE else CLASS_NAMES)[int(index)]


def class_names() -> tuple[str, ...]:
    return CLASS_NAMES_ZH if _current == CHINESE else CLASS_NAMES


def system_language() -> str:
    """What a first launch shows: Chinese on a Chinese desktop (any script or region), else English."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def saved_language(settings: QSettings | None = None) -> str:
    """The language chosen last time, or the system's on a first launch (or a corrupt setting)."""
    settings = settings if settings is not None else QSettings()
    return read_choice(settings, SETTINGS_KEY, system_language(), LANGUAGES)


def catalogue_path(code: str) -> Path:
    return translations_dir() / f"{CATALOGUE_NAME}_{code}.qm"


# -- switching -------------------------------------------------------------------------------
def install_saved_language(settings: QSettings | None = None) -> str:
    """At start-up, before the window is built: apply the remembered (or the system's) language."""
    code = saved_language(settings)
    apply_language(code)
    return code


def set_language(code: str, settings: QSettings | None = None) -> None:
    """The user's choice from View ▸ Language: apply it live and remember it."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {LANGUAGES}")
    settings = settings if settings is not None else QSettings()
    settings.setValue(SETTINGS_KEY, code)
    apply_language(code)


def qt_dialog_words() -> tuple[str, ...]:
    """Words of Qt's own file dialog that the qtbase_zh_CN.qm in the wheel misses, in the window's
    language: Qt 6 says "&Look in:" with an Alt-key and names file types in a renamed class
    (QAbstractFileIconProvider), while the wheel's catalogue has only the old spellings, so the
    dialog showed them in English in a Chinese window. Written out here, lupdate puts them in our
    catalogue in Qt's context (with Qt's disambiguation), where Qt looks them up."""
    return (
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Alias", "macOS Finder"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    )


def apply_language(code: str) -> None:
    """Install the catalogues for `code` (English: its plural forms only) and re-set every text now.

    Each install/remove makes Qt post LanguageChange to every top-level widget, which passes it
    on to its children. The events are delivered here, before returning, so a caller (a test,
    the menu) sees the new texts at once instead of after the next event-loop turn.
    """
    global _current, _generation, _installed
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {LANGUAGES}")
    if code == _installed:
        return
    app = QCoreApplication.instance()
    for translator in _translators:
        app.removeTranslator(translator)
        # Parented to the app, each switch kept its catalogues (~0.1 MB); back in Python's hands,
        # clearing the list below deletes it.
        translator.setParent(None)
    _translators.clear()
    # Ours after Qt's: Qt asks the translator installed last first, so qt_dialog_words() (in our
    # catalogue) fill the gaps of Qt's own, and Qt's answer everything else.
    catalogues = [(str(translations_dir()), f"{CATALOGUE_NAME}_{code}")]
    if code == CHINESE:
        catalogues.insert(0, (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_zh_CN"))
    for directory, name in catalogues:
        translator = QTranslator(app)
        # A missing catalogue leaves those strings in English (or "1 epoch(s)") rather than stopping the app.
        if translator.load(name, directory):
            app.installTranslator(translator)
            _translators.append(translator)
    _current = _installed = code
    _generation += 1
    _apply_font(code)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    # A row's new text in the new font can be wider than Qt measures it: each menu is measured
    # again when it opens (gui/whole_menu_texts.py), menus made since the last switch included.
    keep_menu_texts_whole()
    notifier().changed.emit(code)


def _apply_font(code: str) -> None:
    """In Chinese, a CJK family first in the app font; back to the previous families in English.

    Only the families change, never the point size, which belongs to gui/text_size.py.
    """
    global _latin_families, _font_warning_given
    if not isinstance(QCoreApplication.instance(), QApplication):
        return
    font = QFont(QApplication.font())
    if code == CHINESE:
        family = cjk_family()
        if family is None:
            warning = font_warning()
            if warning and not _font_warning_given:  # once per run: the status bar, not a nag
                _font_warning_given = True
                notifier().font_missing.emit(warning)
            return
        if _latin_families is None:
            _latin_families = list(font.families()) or [font.family()]
        font.setFamilies([family, *_latin_families])
    elif _latin_families is not None:
        font.setFamilies(_latin_families)
        _latin_families = None
    else:
        return
    QApplication.setFont(font)


def cjk_family() -> str | None:
    """The best installed family for Simplified Chinese, or None when there is none."""
    installed = QFontDatabase.families()
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    sans = [family for family in chinese if "CJK" in family and "Sans" in family and "Mono" not in family]
    return (sans or chinese or [None])[0]


def font_warning() -> str | None:
    """The sentence to show when Chinese is on but no font can draw it (None when all is well)."""
    if _current != CHINESE or cjk_family() is not None:
        return None
    return QCoreApplication.translate(
        "Language",
        "No Chinese font found: install fonts-noto-cjk (scripts/setup.sh does) so that Chinese text shows.",
    )


# -- widgets that follow -------------------------------------------------------------------
class _Follower(QObject):
    """Runs a widget's retranslate callback on its LanguageChange, once per switch."""

    def __init__(self, widget: QObject, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._seen = _generation
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and self._seen != _generation:
            self._seen = _generation
            self._callback()
        return False


def follow_language(widget: QObject, callback: Callable[[], object]) -> None:
    """Run `callback` now and again whenever the language changes, for as long as `widget` lives.

    Write each text once, inside the callback: `follow_language(self, lambda:
    self.start.setText(self.tr("Start")))`, or hand it a panel's `retranslate` method.
    """
    _Follower(widget, callback)
    callback()


# -- View ▸ Language -------------------------------------------------------------------------
# Each language is named in itself, as every program does, so a user who cannot read the current
# one still finds their own.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "中文"}


def add_language_menu(parent_menu: QMenu, settings: QSettings | None = None) -> QMenu:
    """Append a Language submenu of radio items to `parent_menu`; choosing one switches live."""
    menu = parent_menu.addMenu("")
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    actions = {}
    for code in LANGUAGES:
        action = QAction(LANGUAGE_NAMES[code], menu, checkable=True)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: set_language(c, settings))
        group.addAction(action)
        menu.addAction(action)
        actions[code] = action

    def retranslate() -> None:
        menu.setTitle(QCoreApplication.translate("Language", "&Language"))
        actions[_current].setChecked(True)

    follow_language(menu, retranslate)
    return menu
