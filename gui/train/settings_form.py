"""The Train tab's settings form: model, epochs, learning rate, batch size, device, seed.

Spin boxes take their ranges from core.config, the same bounds the CLI validates, so a value
training cannot use can't even be typed. Choosing a model fills in its recommended settings, and
everything is remembered between sessions (QSettings).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from core.config import (
    DEVICES,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_LR,
    MAX_SEED,
    MIN_LR,
    MODEL_NAMES,
    RECOMMENDED,
    TrainConfig,
)
from gui.language import follow_language
from gui.stored_settings import read_choice, read_float, read_int
from gui.widgets.number_fields import DecimalSpinBox

# English sources, translated when shown (TrainSettingsForm.retranslate).
MODEL_DESCRIPTIONS = {
    "softmax-scratch": QT_TRANSLATE_NOOP("TrainSettingsForm", "softmax regression from scratch (the lesson)"),
    "softmax": QT_TRANSLATE_NOOP("TrainSettingsForm", "softmax regression, nn.Linear"),
    "mlp": QT_TRANSLATE_NOOP("TrainSettingsForm", "MLP, one hidden layer"),
    "cnn": QT_TRANSLATE_NOOP("TrainSettingsForm", "small CNN"),
}
DEVICE_LABELS = {"cpu": "CPU", "cuda": "CUDA GPU"}
DESCRIBED_ROLE = Qt.ItemDataRole.UserRole + 1
# The lesson's recipe (d2l: softmax regression from scratch), one click away after experiments.
LESSON_DEFAULTS = TrainConfig(model="softmax-scratch", epochs=5, lr=0.1, batch_size=256, seed=0)


class LearningRateBox(DecimalSpinBox):
    """The learning rate as typed, "0.1" or "50", not "0.10000": five decimals are what it keeps
    (1e-5 is the smallest), not what it shows."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        locale = QLocale(self.locale())
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # "1000", read back as typed
        text = locale.toString(value, "f", self.decimals())
        point = locale.decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text


class DescribedModels(QStyledItemDelegate):
    """The open model list: each row as "name — description" (the box itself shows the name)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        described = index.data(DESCRIBED_ROLE)
        if described:
            option.text = described


class TrainSettingsForm(QWidget):
    changed = Signal()  # any value changed (the panel may reset kept weights on a model change)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        self.model = QComboBox()
        for name in MODEL_NAMES:
            self.model.addItem(name, name)
        # The box shows the model's name whole at any text size (with its description it was cut
        # to "softmax-scratch — ," at +4); the open list adds each one's description.
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Never narrower than the longest name: a squeezed column scrolls instead of cutting it.
        self.model.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.model.setItemDelegate(DescribedModels(self.model))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, MAX_EPOCHS)
        self.lr = LearningRateBox()
        self.lr.setDecimals(5)
        self.lr.setRange(MIN_LR, MAX_LR)
        # Adaptive steps: the arrow keys go 0.1 → 0.2 and 0.01 → 0.02, not by a fixed 0.00001.
        self.lr.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, MAX_BATCH_SIZE)
        self.batch_size.setSingleStep(32)
        self.device = QComboBox()
        self.device.addItem(DEVICE_LABELS["cpu"], "cpu")
        self.seed = QSpinBox()
        self.seed.setRange(0, MAX_SEED)
        for box in (self.epochs, self.lr, self.batch_size, self.seed):
            box.setKeyboardTracking(False)  # typing "0.05" must not pass through 0 on the way
            box.setAccelerated(True)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self._form = form
        for field in (self.model, self.epochs, self.lr, self.batch_size, self.device, self.seed):
            form.addRow(QLabel(), field)  # an empty text would make no label: retranslate() fills it
        # Not in the form: the Train tab puts it in one row with the pace, which Lesson defaults
        # sets too (and which stays usable during a run, unlike this form).
        self.lesson_button = QPushButton()
        self.lesson_button.clicked.connect(self.apply_lesson_defaults)
        follow_language(self, self.retranslate)

        self._restore()
        self.model.activated.connect(self._apply_recommended)
        for box in (self.epochs, self.batch_size, self.seed):
            box.valueChanged.connect(self._remember)
        self.lr.valueChanged.connect(self._remember)
        self.model.currentIndexChanged.connect(self._remember)
        self.device.currentIndexChanged.connect(self._remember)

    def retranslate(self) -> None:
        """Labels, tooltips and model descriptions in the window's language (item data unchanged)."""
        for field, text in (
            (self.model, self.tr("Mod&el to train")),
            (self.epochs, self.tr("E&pochs")),
            (self.lr, self.tr("&Learning rate")),
            (self.batch_size, self.tr("Batch si&ze")),
            (self.device, self.tr("Dev&ice")),
            (self.seed, self.tr("&Seed")),
        ):
            label = self._form.labelForField(field)
            label.setText(text)
            label.setBuddy(field)  # the "&" mnemonic works, instead of showing as "&"
        for row in range(self.model.count()):
            name = self.model.itemData(row)
            description = QCoreApplication.translate("TrainSettingsForm", MODEL_DESCRIPTIONS.get(name, name))
            self.model.setItemData(row, f"{name} — {description}", DESCRIBED_ROLE)
            self.model.setItemData(row, description, Qt.ItemDataRole.ToolTipRole)
        self.model.setToolTip(
            self.tr(
                "The model the next run trains; picking one fills in its recommended settings. Once it "
                "trains, it becomes the active model that every tab uses."
            )
        )
        self.lr.setToolTip(
            self.tr("SGD step size. The lesson uses 0.1; compare 0.01 and 1.0, or watch 50 diverge.")
        )
        self.seed.setToolTip(self.tr("Same seed, same run: initial weights and shuffling follow it."))
        self.lesson_button.setText(self.tr("Lesson defaults"))
        self.lesson_button.setToolTip(
            self.tr(
                "The lesson's settings: softmax regression from scratch, 5 epochs, lr 0.1, batch 256, seed 0"
            )
        )

    def set_cuda_available(self, available: bool) -> None:
        """Offer CUDA only when torch sees it (known once torch has imported, after first paint)."""
        has_cuda = self.device.findData("cuda") >= 0
        if available and not has_cuda:
            self.device.addItem(DEVICE_LABELS["cuda"], "cuda")
            if read_choice(self._settings, "train/device", "cpu", DEVICES) == "cuda":
                self.device.setCurrentIndex(self.device.findData("cuda"))
        elif not available and has_cuda:
            self.device.removeItem(self.device.findData("cuda"))

    def config(self) -> TrainConfig:
        return TrainConfig(
            model=self.model.currentData(),
            epochs=self.epochs.value(),
            lr=self.lr.value(),
            batch_size=self.batch_size.value(),
            device=self.device.currentData(),
            seed=self.seed.value(),
        ).validate()

    def set_config(self, config: TrainConfig) -> None:
        index = self.model.findData(config.model)
        if index >= 0:
            self.model.setCurrentIndex(index)
        self.epochs.setValue(config.epochs)
        self.lr.setValue(config.lr)
        self.batch_size.setValue(config.batch_size)
        self.seed.setValue(config.seed)
        index = self.device.findData(config.device)
        if index >= 0:
            self.device.setCurrentIndex(index)

    def apply_lesson_defaults(self) -> None:
        """Back to the lesson's recipe (the device stays); remembered like any other change."""
        device = self.device.currentData()
        self.set_config(LESSON_DEFAULTS)
        self.device.setCurrentIndex(max(0, self.device.findData(device)))
        self._remember()

    def _apply_recommended(self) -> None:
        for key, value in RECOMMENDED.get(self.model.currentData(), {}).items():
            getattr(self, key).setValue(value)
        self.changed.emit()

    def _restore(self) -> None:
        """The last session's values; a damaged one falls back to the lesson's (and is rewritten)."""
        defaults, settings = TrainConfig(), self._settings
        self.set_config(
            TrainConfig(
                model=read_choice(settings, "train/model", defaults.model, MODEL_NAMES),
                epochs=read_int(settings, "train/epochs", defaults.epochs, 1, MAX_EPOCHS),
                lr=read_float(settings, "train/lr", defaults.lr, MIN_LR, MAX_LR),
                batch_size=read_int(settings, "train/batch_size", defaults.batch_size, 1, MAX_BATCH_SIZE),
                seed=read_int(settings, "train/seed", defaults.seed, 0, MAX_SEED),
            )
        )

    def _remember(self) -> None:
        config = self.config()
        for key in ("model", "epochs", "lr", "batch_size", "seed", "device"):
            self._settings.setValue(f"train/{key}", getattr(config, key))
        self.changed.emit()
