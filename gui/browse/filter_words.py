"""The Browse filters in words: why the grid is empty ("No Sneaker in the test set is read as
Trouser.") and which filters are on, for the line above the grid.

The filters stay on when the data set changes: "Shirt read as T-shirt/top" on the test set, then on
the training set, is a comparison a lesson makes. These words make sure a kept filter is seen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.browse.controls import SKETCHBOOK
from gui.browse.sample_model import Filter
from gui.language import class_name


def where(split: str) -> str:
    """The data set as the place the images are in ("the test set")."""
    if split == "test":
        return QCoreApplication.translate("FilterWords", "the test set")
    if split == SKETCHBOOK:
        return QCoreApplication.translate("FilterWords", "our sketches")
    return QCoreApplication.translate("FilterWords", "the training set")


def no_match_sentence(chosen: Filter, split: str, predicted: bool) -> str:
    """One sentence on why no image passes `chosen` (`predicted`: the model has answered)."""
    true, guess, only_wrong = chosen.true_class, chosen.predicted_class, chosen.only_wrong
    if (guess is not None or only_wrong) and not predicted:
        return QCoreApplication.translate(
            "FilterWords", "Waiting for the model's predictions: the filters on its answers need them."
        )
    names = {
        "true": "" if true is None else class_name(true),
        "predicted": "" if guess is None else class_name(guess),
        "where": where(split),
    }
    if true is not None and guess is not None:
        if only_wrong and true == guess:
            text = QCoreApplication.translate(
                "FilterWords",
                "{true} read as {predicted} is a right answer, and “Only misclassified” hides those.",
            )
        else:
            text = QCoreApplication.translate("FilterWords", "No {true} in {where} is read as {predicted}.")
    elif true is not None:
        text = (
            QCoreApplication.translate("FilterWords", "The model reads every {true} in {where} right.")
            if only_wrong
            else QCoreApplication.translate("FilterWords", "There is no {true} in {where}.")
        )
    elif guess is not None:
        text = (
            QCoreApplication.translate("FilterWords", "Nothing in {where} is wrongly read as {predicted}.")
            if only_wrong
            else QCoreApplication.translate("FilterWords", "Nothing in {where} is read as {predicted}.")
        )
    elif only_wrong:
        text = QCoreApplication.translate("FilterWords", "The model reads every image in {where} right.")
    else:
        text = QCoreApplication.translate("FilterWords", "No images match the filters.")
    return text.format(**names)


def active_filters(chosen: Filter) -> str:
    """ "True: Sneaker, Predicted: Trouser, only misclassified"; empty when nothing is filtered."""
    parts = []
    if chosen.true_class is not None:
        parts.append(
            QCoreApplication.translate("FilterWords", "True: {name}").format(
                name=class_name(chosen.true_class)
            )
        )
    if chosen.predicted_class is not None:
        parts.append(
            QCoreApplication.translate("FilterWords", "Predicted: {name}").format(
                name=class_name(chosen.predicted_class)
            )
        )
    if chosen.only_wrong:
        parts.append(QCoreApplication.translate("FilterWords", "only misclassified"))
    return QCoreApplication.translate("FilterWords", ", ").join(parts)
