"""One way from images to class probabilities, shared by the canvas, the browser and the CLI.

Because every caller goes through ``Predictor.probabilities`` (the same input scaling as training
via ``core.data.to_model_input``, the model in eval mode, softmax over the logits), the three
places can never disagree about what the model thinks of an image.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from core.batching import BLOCK_IMAGES, map_blocks
from core.checkpoint import CheckpointError, load_checkpoint
from core.checkpoint_checks import non_finite_summary
from core.classes import CLASS_NAMES, IMAGE_SIZE, NUM_CLASSES
from core.data import to_model_input
from core.errors import Note
from core.models import build_model
from core.onednn_forward import compile_for_cpu
from core.paths import pretrained_path


class Predictor:
    """A model ready to answer: eval mode, no autograd, softmax probabilities as numpy.

    Sharing rule: a Predictor is never changed once built (new weights make a new Predictor), and
    answering only reads the model (and the oneDNN copy of its convolutions, made once here) under
    `torch.inference_mode`, so one Predictor may be called from several threads at once (the GUI
    thread and Browse's background job do). Changing `model`'s weights in place afterwards is not
    seen by that copy: make a new Predictor instead.
    """

    def __init__(
        self,
        model: nn.Module,
        model_name: str,
        label: str,
        metrics: dict[str, Any] | None = None,
        notes: tuple[Note, ...] = (),
    ) -> None:
        self.model = model.eval()
        self.model_name = model_name
        self.label = label  # what the Draw tab shows as "active model"
        self.metrics = dict(metrics or {})  # e.g. {"test_acc": 0.9} from a checkpoint
        self.notes = notes  # e.g. "saved without a checksum …": worth a line, not a refusal
        # The file this came from and its (size, mtime, inode) then: re-opening the same path
        # after the file changed must load the new weights, not keep the old model.
        self.source_path: Path | None = None
        self._source_stamp: tuple[int, int, int] | None = None
        # Inputs follow the weights, so a model built on another device still answers.
        self.device = next(iter(model.parameters()), torch.empty(0)).device
        # On the CPU a convolutional net answers in cache-sized blocks, one thread per core, and
        # through oneDNN where it can (core/onednn_forward.py: the same logits for ~2.5x less CPU
        # time); a linear model or an MLP is fastest in one call, a GPU wants the whole chunk at once.
        on_cpu = self.device.type == "cpu"
        self._in_blocks = on_cpu and any(isinstance(layer, nn.Conv2d) for layer in model.modules())
        self._forward = (compile_for_cpu(self.model) if self._in_blocks else None) or self.model

    @property
    def uses_onednn(self) -> bool:
        """True when answers come from the oneDNN forward pass rather than the model itself."""
        return self._forward is not self.model

    @classmethod
    def from_checkpoint(cls, path: str | os.PathLike[str], label: str | None = None) -> Predictor:
        """Load a checkpoint file; raises CheckpointError with a message for people."""
        stamp = _stamp(Path(path))
        checkpoint = load_checkpoint(path)
        accuracy = checkpoint.metrics.get("test_acc")
        default_label = f"{Path(path).name} ({checkpoint.model_name}"
        default_label += f", test acc {accuracy:.3f})" if isinstance(accuracy, float) else ")"
        predictor = cls(
            checkpoint.build(),
            checkpoint.model_name,
            label or default_label,
            checkpoint.metrics,
            checkpoint.notes,
        )
        predictor.source_path, predictor._source_stamp = Path(path), stamp
        return predictor

    def file_changed(self) -> bool:
        """True when this came from a file that has since been replaced, changed or removed."""
        if self.source_path is None:
            return False
        return _stamp(self.source_path) != self._source_stamp

    @classmethod
    def pretrained(cls, name: str) -> Predictor:
        """The default model shipped in resources/models for a registry model name."""
        path = pretrained_path(name)
        if not path.is_file():
            raise CheckpointError("model.no_pretrained", model=name, path=str(path))
        checkpoint = load_checkpoint(path, expected_model=name)
        accuracy = checkpoint.metrics.get("test_acc")
        label = f"pretrained {name}"
        if isinstance(accuracy, float):
            label += f" (test acc {accuracy:.3f})"
        return cls(checkpoint.build(), name, label, checkpoint.metrics, checkpoint.notes)

    @classmethod
    def from_state_dict(cls, name: str, state_dict: dict[str, Tensor], label: str) -> Predictor:
        """Wrap weights published by the training worker (CPU copies, never the live model) or
        edited by hand; non-finite weights are refused (CheckpointError) rather than answering NaN."""
        bad = non_finite_summary(state_dict)
        if bad:
            raise CheckpointError("model.non_finite", label=label, **bad)
        model = build_model(name)
        model.load_state_dict(state_dict)
        return cls(model, name, label)

    def probabilities(self, images_uint8: np.ndarray | Tensor) -> np.ndarray:
        """uint8 [28, 28] → float32 [10]; uint8 [N, 28, 28] → float32 [N, 10]; rows sum to 1."""
        return self._answer(images_uint8, softmax=True)

    def logits(self, images_uint8: np.ndarray | Tensor) -> np.ndarray:
        """The model's raw outputs o (before softmax), shaped like `probabilities`' answer:
        the Weights and Softmax tabs take the lesson's steps from here."""
        return self._answer(images_uint8, softmax=False)

    def _answer(self, images_uint8: np.ndarray | Tensor, *, softmax: bool) -> np.ndarray:
        images = torch.as_tensor(images_uint8)
        single = images.dim() == 2
        if images.shape[-2:] != (IMAGE_SIZE, IMAGE_SIZE) or images.dim() not in (2, 3):
            raise ValueError(f"expected uint8 images [N, 28, 28] or [28, 28], got {tuple(images.shape)}")
        if images.shape[0] == 0 and not single:
            return np.zeros((0, NUM_CLASSES), dtype=np.float32)
        if not self._in_blocks:
            with torch.inference_mode():
                answer = self._answer_block(images, softmax)
            return answer[0] if single else answer
        # The caller's torch thread count is its share of the cores (core/parallelism.py).
        blocks = map_blocks(
            lambda part: self._answer_block(part, softmax),
            images.reshape(-1, IMAGE_SIZE, IMAGE_SIZE),
            BLOCK_IMAGES,
            torch.get_num_threads(),
        )
        answer = np.concatenate(blocks)
        return answer[0] if single else answer

    def _answer_block(self, images: Tensor, softmax: bool) -> np.ndarray:
        outputs = self._forward(to_model_input(images).to(self.device)).float()
        # softmax subtracts the row maximum internally, so huge logits cannot overflow.
        if softmax:
            outputs = torch.softmax(outputs, dim=1)
        return outputs.cpu().numpy()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def top_classes(probs: np.ndarray, k: int = 3) -> list[tuple[str, float]]:
    """The k most probable (class name, probability) pairs, most probable first."""
    values = np.asarray(probs, dtype=np.float64).reshape(-1)
    order = np.argsort(-values, kind="stable")[: max(1, min(k, len(values)))]
    return [(CLASS_NAMES[i], float(values[i])) for i in order]


def format_top_classes(probs: np.ndarray, k: int = 3) -> str:
    """Lines like ``  Sneaker        87.3%`` for the CLI, most probable first."""
    pairs = top_classes(probs, k)
    width = max(len(name) for name in CLASS_NAMES)
    return "\n".join(f"  {name:<{width}}  {100 * p:5.1f}%" for name, p in pairs)
