"""Menus wide enough for their texts, whatever the language and text size.

Qt's Fusion style sizes a menu row with a fixed check column but draws it 0.79× the row's height
wide, and elides what no longer fits. Rows taller than ~27 px (Chinese at text size +2 and up:
the CJK font's lines are taller) lost their last characters: Help ▸ "如何上这节课(L)" was drawn
"如何上这…(L)" after switching to 中文 live, and after Ctrl+= in a Chinese window. Each menu's
minimum width is set just before it opens, from the rows it has then (a language switch, a new
text size, the Model menu filled on opening), so what it is asked to measure is always current.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

CHECK_COLUMN_PER_ROW_HEIGHT = 0.79  # Fusion's drawn check column, per pixel of row height
SIZED_CHECK_COLUMN_PX = 21  # the check column Fusion counts when it sizes a row
_FITTED = "_whole_menu_texts"  # a dynamic property: the menu is already watched
_SET_WIDTH = "_whole_menu_texts_width"  # the minimum width this module gave the menu last
_FLOOR = "_whole_menu_texts_floor"  # the minimum width the menu's owner gave it


def extra_width(menu: QMenu) -> int:
    """How much wider than Qt sizes it `menu` must be for Fusion to draw every row whole: what
    the drawn check column exceeds the counted one by, plus one average character for the
    rounding of the point size Fusion draws with."""
    rows = [menu.actionGeometry(action).height() for action in menu.actions() if not action.isSeparator()]
    if not rows:
        return 0
    over = max(0, math.ceil(max(rows) * CHECK_COLUMN_PER_ROW_HEIGHT) - SIZED_CHECK_COLUMN_PX)
    return over + menu.fontMetrics().averageCharWidth() if over else 0


def fit_menu(menu: QMenu) -> None:
    """Re-measure `menu` now, with room for Fusion's wider check column. A minimum width its
    owner set is kept as a floor."""
    if menu.minimumWidth() != menu.property(_SET_WIDTH):  # set by its owner since our last fit
        menu.setProperty(_FLOOR, menu.minimumWidth())
    floor = menu.property(_FLOOR) or 0
    menu.setMinimumWidth(0)
    _measure_again(menu)
    width = max(floor, menu.sizeHint().width() + extra_width(menu))
    menu.setMinimumWidth(width)
    menu.setProperty(_SET_WIDTH, width)
    _measure_again(menu)


def _measure_again(menu: QMenu) -> None:
    # QMenu lays its rows out again only after a change it is told of (a font, a style, an action);
    # a new minimum width alone leaves the rows at their old width inside a wider menu.
    QApplication.sendEvent(menu, QEvent(QEvent.Type.FontChange))


def keep_menu_texts_whole(root: QWidget | None = None) -> None:
    """Fit every menu under `root` (every menu of the application when None) each time it opens.
    Called again after building more menus: a menu is watched once."""
    if root is None and not isinstance(QApplication.instance(), QApplication):
        return  # a QCoreApplication (a headless test): no widgets
    widgets = root.findChildren(QMenu) if root is not None else QApplication.allWidgets()
    for menu in widgets:
        if isinstance(menu, QMenu) and not menu.property(_FITTED):
            menu.setProperty(_FITTED, True)
            menu.aboutToShow.connect(lambda menu=menu: fit_menu(menu))
