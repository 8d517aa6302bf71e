"""The current model as a layered picture: 784 inputs on the left, the ten outputs on the right.

Softmax regression is drawn as what it is, every input joined to every output (a few inputs stand
for all 784). The mlp and cnn get their layers as boxes between the two columns, each with its
output shape and parameter count. The numbers come from core.lesson.architecture (read from the
model's modules); this file only lays them out, sized from the font so +4 text stays readable.
Clicking an output node asks for that class's template (`output_clicked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.classes import NUM_CLASSES

SELECTED = QColor("#E69F00")  # Okabe–Ito orange: the class whose template is shown (also bold, ringed)
INPUT = QColor("#56B4E9")  # Okabe–Ito sky blue: the pixels
SHOWN_INPUTS = 6  # input nodes drawn; a "⋮" between them stands for the rest of the 784
ROW = 1.5  # output rows, in line heights
GAP = 0.8  # between stacked layer boxes, in line heights


def count(n: int) -> str:
    return f"{n:,}"


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(str(side) for side in shape)


@dataclass(frozen=True)
class Block:
    """One box: a layer with weights and the parameter-free layers around it (ReLU, pooling)."""

    lines: tuple[str, ...]
    parameters: int


class NetworkDiagram(QWidget):
    output_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.architecture: Any = None
        self.blocks: list[Block] = []
        self.class_labels: list[str] = []
        self.selected = 0
        self.linear = True  # one fully connected layer: drawn as edges, not a box

    # -- data ----------------------------------------------------------------------------------
    def set_architecture(self, architecture: Any, class_labels: list[str]) -> None:
        self.architecture = architecture
        self.class_labels = [f"{i} {name}" for i, name in enumerate(class_labels)]
        self.linear = len(architecture.weighted_layers) == 1
        self.blocks = self._blocks(architecture)
        self.updateGeometry()
        self.update()

    def set_selected(self, index: int) -> None:
        self.selected = index
        self.update()

    def texts(self) -> list[str]:
        """Every line drawn in the middle and under the picture (tests read them)."""
        return [line for block in self.blocks for line in block.lines] + [self._total_text()]

    def _total_text(self) -> str:
        if self.architecture is None:
            return ""
        return self.tr("{n} parameters in all").format(n=count(self.architecture.parameters))

    def _layer_name(self, layer: Any) -> str:
        if layer.kind == "linear":
            return self.tr("fully connected {i} → {o}").format(
                i=layer.weight_shape[0], o=layer.weight_shape[1]
            )
        if layer.kind == "conv":
            return self.tr("convolution {k}×{k}, {i} → {o} channels").format(
                k=layer.kernel, i=layer.in_shape[0], o=layer.out_shape[0]
            )
        if layer.kind == "maxpool":
            return self.tr("max-pooling {k}×{k}").format(k=layer.kernel)
        if layer.kind == "flatten":
            return self.tr("flatten")
        return "ReLU" if layer.kind == "relu" else layer.kind

    def _blocks(self, architecture: Any) -> list[Block]:
        """Group the layers into boxes: a leading flatten joins the first weighted layer, and each
        activation or pooling joins the weighted layer before it (one box per weighted layer)."""
        groups: list[list[Any]] = []
        pending: list[Any] = []
        for layer in architecture.layers:
            if layer.parameters:
                groups.append(pending + [layer])
                pending = []
            elif groups:
                groups[-1].append(layer)
            else:
                pending.append(layer)
        blocks = []
        for group in groups:
            weighted = next(layer for layer in group if layer.parameters)
            after = group[group.index(weighted) + 1 :]
            # The weighted layer names the box; what follows it gets a line of its own (narrow boxes).
            lines = [self._layer_name(weighted)]
            if after:
                # The list separator in the window's language (、 in Chinese).
                names = self.tr(", ").join(self._layer_name(layer) for layer in after)
                lines.append(self.tr("then {layers}").format(layers=names))
            lines.append(self.tr("output {shape}").format(shape=shape_text(group[-1].out_shape)))
            lines.append(
                self.tr("{n} parameters: W {w}, b {b}").format(
                    n=count(weighted.parameters), w=shape_text(weighted.weight_shape), b=weighted.bias_size
                )
                if weighted.bias_size
                else self.tr("{n} parameters: W {w}").format(
                    n=count(weighted.parameters), w=shape_text(weighted.weight_shape)
                )
            )
            if self.linear:
                lines = [self.tr("fully connected: o = Wx + b"), lines[-1]]
            blocks.append(Block(tuple(lines), weighted.parameters))
        return blocks

    # -- geometry ------------------------------------------------------------------------------
    def _line(self) -> float:
        return float(self.fontMetrics().height())

    def _text_width(self, texts: list[str], bold: bool = False) -> float:
        font = QFont(self.font())
        font.setBold(bold)
        metrics = QFontMetrics(font)
        return max((metrics.horizontalAdvance(text) for text in texts), default=0)

    def _input_captions(self) -> list[str]:
        inputs = self.architecture.inputs if self.architecture is not None else 784
        return [self.tr("{n} inputs").format(n=inputs), self.tr("28×28 pixels")]

    def _output_caption(self) -> str:
        return self.tr("{n} outputs o").format(n=NUM_CLASSES)

    def _column_widths(self) -> tuple[float, float, float]:
        """(input column, middle boxes, output column) widths."""
        h = self._line()
        left = max(self._text_width(self._input_captions()), h) + 0.5 * h
        middle = max(
            (self._text_width([block.lines[0]], bold=True) for block in self.blocks), default=0
        )  # the first line of a box is bold
        middle = (
            max(middle, self._text_width([line for block in self.blocks for line in block.lines[1:]])) + h
        )
        right = max(
            # node (0.5h each side of its centre) + 0.7h to the label + the label + a margin
            1.5 * h + self._text_width(self.class_labels, bold=True),
            self._text_width([self._output_caption()]),
        )
        return left, middle, right

    def _box_heights(self) -> list[float]:
        h = self._line()
        return [len(block.lines) * h + 0.6 * h for block in self.blocks]

    def _body_height(self) -> float:
        h = self._line()
        stack = sum(self._box_heights()) + GAP * h * max(0, len(self.blocks) - 1)
        return max(NUM_CLASSES * ROW * h, stack)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        left, middle, right = self._column_widths()
        h = self._line()
        return QSize(int(left + middle + right + 8 * h), int(self._body_height() + 5 * h))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        left, middle, right = self._column_widths()
        h = self._line()
        return QSize(int(left + middle + right + 3 * h), int(self._body_height() + 5 * h))

    def _output_centres(self) -> list[QPointF]:
        h = self._line()
        top = 2.5 * h + (self._body_height() - NUM_CLASSES * ROW * h) / 2
        x = self.width() - self._column_widths()[2] + 0.5 * h
        return [QPointF(x, top + ROW * h * (j + 0.5)) for j in range(NUM_CLASSES)]

    def _input_centres(self) -> list[QPointF]:
        h = self._line()
        x = self._column_widths()[0] / 2
        top, span = 2.5 * h, self._body_height()
        slots = SHOWN_INPUTS + 1  # one slot in the middle is the "⋮"
        return [QPointF(x, top + span * (i + 0.5) / slots) for i in range(slots) if i != SHOWN_INPUTS // 2]

    def _boxes(self) -> list[QRectF]:
        h = self._line()
        left, middle, right = self._column_widths()
        centre_x = (left + self.width() - right) / 2
        heights = self._box_heights()
        stack = sum(heights) + GAP * h * max(0, len(heights) - 1)
        y = 2.5 * h + (self._body_height() - stack) / 2
        boxes = []
        for height in heights:
            boxes.append(QRectF(centre_x - middle / 2, y, middle, height))
            y += height + GAP * h
        return boxes

    def output_label_rect(self, index: int) -> QRectF:
        """Where output `index`'s class name is drawn, as wide as its text in bold (the widest way)."""
        h = self._line()
        centre = self._output_centres()[index]
        width = self._text_width([self.class_labels[index]], bold=True)
        return QRectF(centre.x() + 0.7 * h, centre.y() - h / 2, width, h)

    def output_at(self, point: QPointF) -> int | None:
        """The output node (or its label) under `point`, or None."""
        h = self._line()
        for j, centre in enumerate(self._output_centres()):
            row = QRectF(centre.x() - 0.5 * h, centre.y() - ROW * h / 2, self.width(), ROW * h)
            if row.contains(point):
                return j
        return None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # Every size here is in line heights: a new text size means a new size for the picture.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.updateGeometry()
        super().changeEvent(event)

    # -- input ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        index = self.output_at(event.position())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.output_clicked.emit(index)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        over = self.output_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self.architecture is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = self._line()
        text = self.palette().windowText().color()
        edge = QColor(text)
        edge.setAlpha(70)
        inputs, outputs, boxes = self._input_centres(), self._output_centres(), self._boxes()
        radius = 0.42 * h

        # Edges first, so nodes and boxes sit on top of them.
        painter.setPen(QPen(edge, 1))
        if self.linear:
            for a in inputs:
                for b in outputs:
                    painter.drawLine(a, b)
        else:
            for a in inputs:
                painter.drawLine(a, QPointF(boxes[0].left(), boxes[0].center().y()))
            for b in outputs:
                painter.drawLine(QPointF(boxes[-1].right(), boxes[-1].center().y()), b)
            painter.setPen(QPen(text, max(1.0, h / 10)))
            for upper, lower in zip(boxes, boxes[1:], strict=False):
                self._arrow(painter, QPointF(upper.center().x(), upper.bottom()), lower.top(), h)

        # The layer boxes (or, for softmax regression, the caption over the edges).
        for box, block in zip(boxes, self.blocks, strict=True):
            painter.setPen(QPen(text, max(1.0, h / 12)))
            painter.setBrush(self.palette().base())
            painter.drawRoundedRect(box, 0.3 * h, 0.3 * h)
            painter.setPen(text)
            for i, line in enumerate(block.lines):
                font = QFont(self.font())
                font.setBold(i == 0)
                painter.setFont(font)
                row = QRectF(box.left(), box.top() + 0.3 * h + i * h, box.width(), h)
                painter.drawText(row, Qt.AlignmentFlag.AlignCenter, line)
        painter.setFont(self.font())

        # Input column: a few pixels and a "⋮" for the rest.
        painter.setPen(QPen(text, 1))
        painter.setBrush(INPUT)
        for centre in inputs:
            painter.drawEllipse(centre, radius, radius)
        middle = (inputs[SHOWN_INPUTS // 2 - 1].y() + inputs[SHOWN_INPUTS // 2].y()) / 2
        left = self._column_widths()[0]
        painter.drawText(QRectF(0, middle - h, left, 2 * h), Qt.AlignmentFlag.AlignCenter, "⋮")
        for i, caption in enumerate(self._input_captions()):
            painter.drawText(QRectF(0, i * h, left, h), Qt.AlignmentFlag.AlignCenter, caption)

        # Output column: ten nodes with class names; the selected one filled, ringed and bold.
        right = self._column_widths()[2]
        painter.drawText(
            QRectF(self.width() - right, 0.5 * h, right, h),
            Qt.AlignmentFlag.AlignLeft,
            self._output_caption(),
        )
        for j, centre in enumerate(outputs):
            chosen = j == self.selected
            painter.setPen(QPen(text, max(1.0, h / (5 if chosen else 12))))
            painter.setBrush(SELECTED if chosen else self.palette().base().color())
            painter.drawEllipse(centre, radius, radius)
            font = QFont(self.font())
            font.setBold(chosen)
            painter.setFont(font)
            painter.drawText(
                self.output_label_rect(j),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.class_labels[j],
            )
        painter.setFont(self.font())
        painter.drawText(
            QRectF(0, self.height() - 1.5 * h, self.width(), h),
            Qt.AlignmentFlag.AlignCenter,
            self._total_text(),
        )
        painter.end()

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end_y: float, h: float) -> None:
        end = QPointF(start.x(), end_y)
        painter.drawLine(start, end)
        head = 0.3 * h
        painter.drawLine(end, QPointF(end.x() - head, end.y() - head))
        painter.drawLine(end, QPointF(end.x() + head, end.y() - head))
