"""Right and wrong, said the same way on every tab that grades a prediction.

Okabe–Ito blue for right and vermillion for wrong: a pair that stays distinct with every common
colour-vision deficiency (red/green does not). Colour is never the only sign: the text beside it
repeats the verdict with a mark, for anyone who sees neither colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

CORRECT_COLOUR = QColor(0, 114, 178)
WRONG_COLOUR = QColor(213, 94, 0)
RIGHT_MARK = "✓"
WRONG_MARK = "✗"
