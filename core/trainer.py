"""Training as a plain iterator of small immutable events, so any caller (the CLI's printer, the
GUI's worker thread, a test) can consume it, and nothing here knows about plotting.

Speed comes from keeping the whole dataset resident as one float tensor on the device and
cutting batches by indexing with a shuffled permutation: no DataLoader, no per-item Python."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from core.config import RECOMMENDED, ConfigError, TrainConfig
from core.data import FashionMNIST, to_model_input
from core.models import build_model, make_update_step

CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over ten classes
# A batch loss this far above guessing means the run has blown up even when it is still finite:
# the stable cross-entropy keeps lr 50 finite for ever, yet the model is useless.
DIVERGED_LOSS = 100.0
# Weights are remembered as "last good" only while the model does clearly better than guessing:
# the untrained model's loss is already ln 10, so a looser bound would call it "good" and a run
# that diverges in its first batches would hand back untrained weights as if they were a result.
GOOD_LOSS = 0.9 * CHANCE_LOSS
# Test accuracy at or below this is no better than guessing one of ten classes (10 %).
CHANCE_ACC = 0.15
# A run stuck at chance whose epoch loss improves by less than this share is not learning.
STUCK_IMPROVEMENT = 0.01
SNAPSHOT_EVERY = 10  # batches between copies of the last good weights (cheap: a few 100 kB)
EVAL_CHUNK = 1000  # test images per forward pass: bounds the CNN's activation memory


@dataclass(frozen=True)
class BatchEvent:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based, within the epoch
    batches: int  # per epoch
    loss: float  # running mean loss over the epoch so far
    acc: float  # running training accuracy over the epoch so far
    batch_loss: float  # this minibatch alone: the raw, noisy curve
    samples_seen: int  # in the whole run
    progress: float  # epochs done as a fraction (x axis of the plots)
    samples_per_second: float


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    epochs: int
    loss: float  # mean training loss over the epoch
    train_acc: float  # accuracy on the batches as they were trained (the lesson's definition)
    test_acc: float
    seconds: float  # wall time of the epoch including test evaluation, pauses excluded

    def lesson_line(self) -> str:
        return (
            f"epoch {self.epoch}, loss {self.loss:.4f}, "
            f"train acc {self.train_acc:.3f}, test acc {self.test_acc:.3f}"
        )


@dataclass(frozen=True)
class RunEnded:
    """Why a run ended. reason:
    - "finished": every epoch ran;
    - "stopped": stopped by request;
    - "diverged": the loss blew up; the model holds the last good weights if there were any
      (restored_good True), else its untrained starting weights (restored_good False);
    - "collapsed": the run ended no better than guessing (test accuracy at chance after having
      been better, or stuck there); the weights are useless.
    Only "finished" and "stopped" runs hold weights worth saving without asking; a "diverged" run
    with restored_good holds the weights from before the blow-up."""

    reason: str
    message: str
    restored_good: bool = False  # a later field with a default: older callers build it with two


Event = BatchEvent | EpochEvent | RunEnded


class TrainControl:
    """Stop and pause requests from another thread, checked by the trainer between batches."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused trainer so it can see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused; return the seconds spent waiting so epoch timings exclude them."""
        if self._running.is_set():
            return 0.0
        start = time.perf_counter()
        while not self._running.wait(timeout=0.1):
            pass
        return time.perf_counter() - start


def resolve_device(name: str) -> torch.device:
    """auto → CUDA when torch sees it; asking for CUDA without it is a clear error, not a crash."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device 'cuda' was requested, but torch sees no CUDA GPU here; use --device cpu")
    if name not in ("cpu", "cuda"):
        raise ConfigError(f"unknown device {name!r}; choose auto, cpu or cuda")
    return torch.device(name)


def cpu_state_dict(model: nn.Module) -> dict[str, Tensor]:
    """Detached CPU copies of the weights: safe to hand to another thread while training goes on."""
    return {name: tensor.detach().to("cpu", copy=True) for name, tensor in model.state_dict().items()}


class EvaluationStopped(Exception):
    """Raised by Trainer.evaluate when a stop was requested between two chunks."""


class Trainer:
    def __init__(
        self,
        config: TrainConfig,
        data: FashionMNIST,
        *,
        model: nn.Module | None = None,
        control: TrainControl | None = None,
    ) -> None:
        self.config = config.validate()
        self.device = resolve_device(config.device)
        self.control = control or TrainControl()
        init_generator = torch.Generator().manual_seed(config.seed)
        self.model = (model or build_model(config.model, init_generator)).to(self.device)
        # Separate streams, so changing e.g. augmentation never changes the shuffling order.
        self._shuffle_generator = torch.Generator().manual_seed(config.seed + 1)
        self._augment_generator = torch.Generator(device=self.device).manual_seed(config.seed + 2)
        self._train_x = to_model_input(data.train_images).to(self.device)
        self._train_y = data.train_labels.to(self.device)
        self._test_x = to_model_input(data.test_images).to(self.device)
        self._test_y = data.test_labels.to(self.device)

    def evaluate(self, images: Tensor, labels: Tensor) -> tuple[float, float]:
        """(mean loss, accuracy) in eval mode without gradients; images already model input.

        Checks the stop flag between chunks and raises EvaluationStopped: a CNN's evaluation of a
        large test split takes seconds on a busy machine, and closing the window must not wait."""
        self.model.eval()
        loss_sum, correct = 0.0, 0
        with torch.no_grad():
            for start in range(0, labels.shape[0], EVAL_CHUNK):
                if self.control.stopped:
                    raise EvaluationStopped
                logits = self.model(images[start : start + EVAL_CHUNK])
                chunk_labels = labels[start : start + EVAL_CHUNK]
                loss_sum += nn.functional.cross_entropy(logits, chunk_labels, reduction="sum").item()
                correct += (logits.argmax(dim=1) == chunk_labels).sum().item()
        count = max(1, labels.shape[0])
        return loss_sum / count, correct / count

    def test_accuracy(self) -> float:
        return self.evaluate(self._test_x, self._test_y)[1]

    def _augment(self, images: Tensor) -> Tensor:
        if self.config.augment == "none":
            return images
        from core.augment import sketch_augment  # only runs that ask for it pay for the import

        return sketch_augment(images, self._augment_generator)

    def run(self) -> Iterator[Event]:
        """Train for config.epochs; the last event is always a RunEnded saying why it ended."""
        config, control = self.config, self.control
        step = make_update_step(config.model, self.model, config.lr)
        count = self._train_y.shape[0]
        batches = math.ceil(count / config.batch_size)
        start_weights = cpu_state_dict(self.model)
        good_weights: dict[str, Tensor] | None = None  # set once the model beats guessing
        good_when = ""
        history: list[EpochEvent] = []
        samples_seen = 0
        for epoch in range(1, config.epochs + 1):
            self.model.train()
            order = torch.randperm(count, generator=self._shuffle_generator).to(self.device)
            loss_sum, correct, seen, paused = 0.0, 0, 0, 0.0
            started = time.perf_counter()
            for batch in range(1, batches + 1):
                paused += control.wait_while_paused()
                if control.stopped:
                    yield RunEnded("stopped", f"stopped by request during epoch {epoch}")
                    return
                index = order[(batch - 1) * config.batch_size : batch * config.batch_size]
                # index_select copies the rows in one go; x[index] is ~8× slower here.
                labels = self._train_y.index_select(0, index)
                images = self._augment(self._train_x.index_select(0, index))
                batch_loss_t, logits = step(images, labels)
                batch_loss = batch_loss_t.item()
                if not math.isfinite(batch_loss) or batch_loss > DIVERGED_LOSS:
                    self.model.load_state_dict(good_weights if good_weights is not None else start_weights)
                    message = _divergence_message(config.lr, epoch, batch, batch_loss, good_when)
                    yield RunEnded("diverged", message, restored_good=good_weights is not None)
                    return
                if batch % SNAPSHOT_EVERY == 0 and batch_loss < GOOD_LOSS:
                    good_weights = cpu_state_dict(self.model)
                    good_when = f"epoch {epoch}, batch {batch}"
                size = labels.shape[0]
                loss_sum += batch_loss * size
                correct += (logits.argmax(dim=1) == labels).sum().item()
                seen += size
                samples_seen += size
                elapsed = max(time.perf_counter() - started - paused, 1e-9)
                yield BatchEvent(
                    epoch=epoch,
                    epochs=config.epochs,
                    batch=batch,
                    batches=batches,
                    loss=loss_sum / seen,
                    acc=correct / seen,
                    batch_loss=batch_loss,
                    samples_seen=samples_seen,
                    progress=epoch - 1 + batch / batches,
                    samples_per_second=seen / elapsed,
                )
            try:
                test_acc = self.test_accuracy()
            except EvaluationStopped:
                yield RunEnded("stopped", f"stopped by request during the test evaluation of epoch {epoch}")
                return
            if loss_sum / seen < GOOD_LOSS:
                good_weights, good_when = cpu_state_dict(self.model), f"the end of epoch {epoch}"
            ended = EpochEvent(
                epoch=epoch,
                epochs=config.epochs,
                loss=loss_sum / seen,
                train_acc=correct / seen,
                test_acc=test_acc,
                seconds=time.perf_counter() - started - paused,
            )
            history.append(ended)
            yield ended
            collapse = collapse_message(
                history, config.lr, RECOMMENDED[config.model]["lr"], final=epoch == config.epochs
            )
            if collapse:
                yield RunEnded("collapsed", collapse)
                return
        yield RunEnded("finished", f"finished {config.epochs} epochs")


def _divergence_message(lr: float, epoch: int, batch: int, loss: float, good_when: str) -> str:
    what = "became infinite or NaN" if not math.isfinite(loss) else f"exploded to {loss:.3g}"
    if good_when:
        restored = f"The model was restored to its last good weights, from {good_when}."
    else:
        restored = (
            "There were no last good weights yet: the model is back at its untrained starting "
            "weights, which are not a result worth saving."
        )
    return (
        f"training diverged: the loss {what} in epoch {epoch}, batch {batch}. "
        f"The learning rate {lr:g} is too large for this model; try a smaller one (e.g. 0.1). {restored}"
    )


def collapse_message(history: list[EpochEvent], lr: float, recommended_lr: float, *, final: bool) -> str:
    """Why the run counts as collapsed after the epochs in `history`, or "" while it is not.

    Collapsed: test accuracy back at chance after an epoch that was better (dead ReLU units do
    not come back, so waiting is pointless); with a learning rate above the model's recommended
    one, at chance for two epochs running while the training loss no longer improves; or still
    at chance when the last epoch ends. A small learning rate is never cut short: watching it
    crawl is a lesson of its own."""
    last = history[-1]
    if last.test_acc > CHANCE_ACC:
        return ""
    best = max(history, key=lambda e: e.test_acc)
    guessing = f"test accuracy {last.test_acc:.1%}, no better than guessing one of ten classes"
    large = lr > recommended_lr
    if large:
        advice = (
            f"The learning rate {lr:g} is too large for this model; "
            f"try a smaller one (e.g. {recommended_lr:g})."
        )
    else:
        advice = (
            f"The learning rate {lr:g} is too small to learn anything in {last.epochs} epochs; "
            f"try a larger one (e.g. {recommended_lr:g}) or more epochs."
        )
    advice += " The weights are useless: nothing worth saving."
    if best.test_acc > CHANCE_ACC:
        return (
            f"training collapsed in epoch {last.epoch}: {guessing} "
            f"(it was {best.test_acc:.1%} after epoch {best.epoch}). {advice}"
        )
    stuck = len(history) >= 2 and history[-2].loss - last.loss < STUCK_IMPROVEMENT * history[-2].loss
    if (stuck and large) or final:
        return f"training collapsed: after epoch {last.epoch} the model is stuck at {guessing}. {advice}"
    return ""
