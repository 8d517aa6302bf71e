"""Training as a plain iterator of small immutable events, so any caller (the CLI's printer, the
GUI's worker thread, a test) can consume it, and nothing here knows about plotting.

Speed comes from keeping the whole dataset resident as one float tensor on the device and
cutting batches by indexing with a shuffled permutation: no DataLoader, no per-item Python.
On a GPU the batch statistics stay on the device until events are published and each step is
replayed from a CUDA graph (core/train_step.py); on the CPU the run trains on the thread count
its config names, whatever the machine's load, so a seed's numbers repeat (core/parallelism.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import torch
from torch import Tensor, nn

from core.config import RECOMMENDED, ConfigError, TrainConfig
from core.data import FashionMNIST, to_model_input
from core.device import resolve_device
from core.models import build_model, make_update_step
from core.run_health import GOOD_LOSS, DivergenceWatch, collapse_message, divergence_message
from core.train_events import BatchEvent, EpochEvent, Event, Pacer, PausedAt, RunEnded, TrainControl
from core.train_step import DeviceSteps, EagerSteps, batch_count, graphs_possible

if TYPE_CHECKING:
    from core.minibatch_record import MinibatchRecorder

SNAPSHOT_EVERY = 10  # batches between copies of the last good weights (cheap: a few 100 kB)
# Reads of the batch statistics on a GPU: often enough for the window's ~12 redraws a second.
GPU_READ_INTERVAL_S = 0.05
EVAL_CHUNK = 1000  # test images per forward pass: bounds the CNN's activation memory
# oneDNN's convolutions train faster on the CPU with channels-last weights and activations (the
# cnn's step took ~25 % less CPU time here, benchmarks/epoch_speed.py --models cnn). A run trains
# its conv model that way and hands it back in the default layout; benchmarks may turn it off.
CHANNELS_LAST_ON_CPU = True


class EvaluationStopped(Exception):
    """Raised by Trainer.evaluate when a stop was requested between two chunks."""


class Trainer:
    """Trains one model on resident data; `run()` yields the events.

    read_interval_s: the most time between reads of the batch statistics. 0 reads after every
    batch (the CPU's default: a read costs nothing there). More defers the reads: the batch
    events come in bursts, with the same numbers as when read at once; only their timing and
    samples_per_second differ. On a GPU every read is a host synchronisation, so its default is
    GPU_READ_INTERVAL_S (the window redraws ~12 times a second); the CLI may pass math.inf
    (read at each epoch's end only). Divergence is checked at each read.
    cuda_graphs: on CUDA, capture the training step once as a CUDA graph (default on).
    A CPU run trains on config.threads torch threads; the thread's count is put back afterwards.
    pacer: class pace (core.train_events.Pacer), for the window. With one, the trainer waits between
    minibatches as it says, and at class pace or for a step taken while paused it sends a
    MinibatchShown after the minibatch's BatchEvent (at most one per pacer.show_every_s at class
    pace, every one when stepping); each batch is then read at once. The steps and their numbers
    are the same as without it (tests/test_class_pace.py)."""

    def __init__(
        self,
        config: TrainConfig,
        data: FashionMNIST,
        *,
        model: nn.Module | None = None,
        control: TrainControl | None = None,
        read_interval_s: float | None = None,
        cuda_graphs: bool | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.config = config.validate()
        self.device = resolve_device(config.device)
        self.control = control or TrainControl()
        self.pacer = pacer
        self._recorder: MinibatchRecorder | None = None
        on_gpu = self.device.type == "cuda"
        if read_interval_s is None:
            read_interval_s = GPU_READ_INTERVAL_S if on_gpu else 0.0
        self.read_interval_s = read_interval_s
        if not self.read_interval_s >= 0:
            raise ConfigError(f"read_interval_s must be 0 or more, got {read_interval_s}")
        self.cuda_graphs = on_gpu if cuda_graphs is None else cuda_graphs
        # After a run: whether its full batches were replayed as a CUDA graph, and if graphs were
        # asked for but capture failed, why (the run then went on eagerly).
        self.graph_used = False
        self.graph_note = ""
        init_generator = torch.Generator().manual_seed(config.seed)
        self.model = (model or build_model(config.model, init_generator)).to(self.device)
        # Separate streams, so changing e.g. augmentation never changes the shuffling order.
        self._shuffle_generator = torch.Generator().manual_seed(config.seed + 1)
        self._augment_generator = torch.Generator(device=self.device).manual_seed(config.seed + 2)
        self._train_x = to_model_input(data.train_images).to(self.device)
        self._train_y = data.train_labels.to(self.device)
        if config.synthetic_sketches:
            self._add_synthetic_sketches(config.synthetic_sketches, config.seed)
        self._test_x = to_model_input(data.test_images).to(self.device)
        self._test_y = data.test_labels.to(self.device)

    def _add_synthetic_sketches(self, count: int, seed: int) -> None:
        """Append generated mouse sketches to the training images (the test set stays as it is)."""
        from core.sketch_synth import synthetic_sketches  # only runs that ask pay for the drawing

        bank = synthetic_sketches(count, seed)
        images = to_model_input(bank.images).to(self.device)
        labels = torch.from_numpy(bank.labels).to(dtype=self._train_y.dtype, device=self.device)
        self._train_x = torch.cat([self._train_x, images])
        self._train_y = torch.cat([self._train_y, labels])

    def evaluate(self, images: Tensor, labels: Tensor) -> tuple[float, float]:
        """(mean loss, accuracy) in eval mode without gradients; images already model input.

        Sums stay on the device and are read once at the end (one host sync on a GPU). Checks the
        stop flag between chunks and raises EvaluationStopped: a CNN's evaluation of a large test
        split takes seconds on a busy machine, and closing the window must not wait for it."""
        self.model.eval()
        loss_sum = torch.zeros((), dtype=torch.float64, device=images.device)
        correct = torch.zeros((), dtype=torch.long, device=images.device)
        with torch.no_grad():
            for start in range(0, labels.shape[0], EVAL_CHUNK):
                if self.control.stopped:
                    raise EvaluationStopped
                logits = self.model(images[start : start + EVAL_CHUNK])
                chunk_labels = labels[start : start + EVAL_CHUNK]
                chunk_loss = nn.functional.cross_entropy(logits, chunk_labels, reduction="sum")
                loss_sum += chunk_loss.to(torch.float64)
                correct += (logits.argmax(dim=1) == chunk_labels).sum()
        total_loss, total_correct = torch.stack((loss_sum, correct.to(torch.float64))).tolist()
        count = max(1, labels.shape[0])
        return total_loss / count, total_correct / count

    def test_accuracy(self) -> float:
        return self.evaluate(self._test_x, self._test_y)[1]

    @property
    def _augmenting(self) -> bool:
        return self.config.augment != "none" or self.config.flip or self.config.shift > 0

    def _augment(self, images: Tensor) -> Tensor:
        if not self._augmenting:
            return images
        from core.augment import flip_shift, sketch_augment  # only runs that augment pay the import

        if self.config.augment == "sketch":
            images = sketch_augment(images, self._augment_generator)
        return flip_shift(images, self._augment_generator, flip=self.config.flip, shift=self.config.shift)

    def _make_steps(self) -> EagerSteps | DeviceSteps:
        config = self.config
        x, y, size = self._train_x, self._train_y, config.batch_size
        total_steps = config.epochs * batch_count(y.shape[0], size)
        update = make_update_step(config.model, self.model, config.lr, config, total_steps)
        if self.pacer is not None:
            from core.minibatch_record import MinibatchRecorder  # only the window's runs show minibatches

            update = self._recorder = MinibatchRecorder(update, self.model, config.model)
        paced = self.pacer is not None and self.pacer.active  # a replayed CUDA graph would show nothing
        if (self.device.type == "cpu" and self.read_interval_s == 0) or paced:
            return EagerSteps(update, x, y, self._augment, size)
        generator = self._augment_generator if self._augmenting else None
        # A captured step bakes in the lr and the optimizer's state as they were at capture:
        # only the lesson's plain SGD is replayed; a recipe's schedule or momentum runs eagerly.
        graphs = self.cuda_graphs and graphs_possible(self.device) and config.plain_sgd
        return DeviceSteps(update, self.model, x, y, self._augment, size, graphs=graphs, generator=generator)

    def _shuffled_order(self, count: int) -> Tensor:
        """This epoch's permutation, drawn on the CPU so CPU and GPU runs shuffle alike."""
        order = torch.randperm(count, generator=self._shuffle_generator)
        if self.device.type == "cuda":  # pinned + non_blocking: the upload needs no host sync
            return order.pin_memory().to(self.device, non_blocking=True)
        return order.to(self.device)

    def _snapshot(self) -> dict[str, Tensor]:
        """A copy of the weights on their own device: no host sync on a GPU."""
        return {name: tensor.detach().clone() for name, tensor in self.model.state_dict().items()}

    def _note_graph(self, steps: EagerSteps | DeviceSteps) -> None:
        self.graph_used = isinstance(steps, DeviceSteps) and steps.graph is not None
        self.graph_note = steps.graph_error if isinstance(steps, DeviceSteps) else ""

    def run(self) -> Iterator[Event]:
        """Train for config.epochs; the last event is always a RunEnded saying why it ended."""
        owner, initial_threads = threading.get_ident(), torch.get_num_threads()
        convs = any(isinstance(layer, nn.Conv2d) for layer in self.model.modules())
        channels_last = CHANNELS_LAST_ON_CPU and convs and self.device.type == "cpu"
        try:
            if self.device.type == "cpu":  # on a GPU the CPU only launches work
                torch.set_num_threads(self.config.threads)
            if channels_last:  # before the optimizer exists: its state follows the weights' layout
                self.model.to(memory_format=torch.channels_last)
            yield from self._run()
        finally:
            if channels_last:  # savers, readers and later runs get the layout they expect
                self.model.to(memory_format=torch.contiguous_format)
            # Only in the thread that trained: a generator closed by the garbage collector in
            # the GUI thread must not give that thread a multi-threaded pool.
            if threading.get_ident() == owner and torch.get_num_threads() != initial_threads:
                torch.set_num_threads(initial_threads)

    def _diverged(
        self,
        steps: EagerSteps | DeviceSteps,
        epoch: int,
        batch: int,
        batch_loss: float,
        start_weights: dict[str, Tensor],
        good_weights: dict[str, Tensor] | None,
        good_when: str,
    ) -> RunEnded:
        """Put the last good weights back (the start weights if none) and say what happened."""
        self._note_graph(steps)
        self.model.load_state_dict(good_weights if good_weights is not None else start_weights)
        message = divergence_message(self.config, epoch, batch, batch_loss, good_when)
        return RunEnded("diverged", message, restored_good=good_weights is not None)

    def _run(self) -> Iterator[Event]:
        config, control = self.config, self.control
        steps = self._make_steps()
        count, size = self._train_y.shape[0], config.batch_size
        batches = steps.batches
        start_weights = self._snapshot()
        good_weights: dict[str, Tensor] | None = None  # set once the model beats guessing
        good_when = ""
        since_snapshot = 0
        history: list[EpochEvent] = []
        samples_seen = 0
        divergence = DivergenceWatch(config.batch_size)
        pacer, recorder = self.pacer, self._recorder
        if isinstance(steps, DeviceSteps) and steps.use_graphs:
            recorder = None  # a replayed CUDA graph runs no Python: nothing to record (steps still pace)
        if pacer is not None:
            pacer.start(config.epochs * batches)
        control.holds_next()  # paused before the start: the first batch waits
        for epoch in range(1, config.epochs + 1):
            self.model.train()
            steps.start_epoch(self._shuffled_order(count))
            loss_sum, correct, seen, paused, published = 0.0, 0, 0, 0.0, 0
            started = last_read = time.perf_counter()
            for batch in range(1, batches + 1):
                control.next_batch(batch, batches)  # so a step_epoch() knows where the epoch ends
                paused += control.wait_while_paused()
                paced = pacer is not None and (control.stepping or pacer.active)
                if recorder is not None:  # only the minibatches someone will look at are recorded
                    recorder.recording = paced and (control.stepping or pacer.show_now())
                if control.stopped:
                    # Batches trained but not yet read may have blown up: never hand back
                    # diverged weights as "stopped" ones.
                    pending = steps.read(published, batch - 1) if published < batch - 1 else []
                    for number, (batch_loss, _) in enumerate(pending, start=published + 1):
                        if divergence.diverged(batch_loss):
                            yield self._diverged(
                                steps, epoch, number, batch_loss, start_weights, good_weights, good_when
                            )
                            return
                    yield RunEnded("stopped", f"stopped by request during epoch {epoch}")
                    return
                steps.step(batch - 1)
                now = time.perf_counter()
                deferred = now - last_read < self.read_interval_s and not paced
                if batch < batches and deferred and not control.paused:
                    continue  # (pausing: read now, so the batch it stops at is the one it reports)
                rows = steps.read(published, batch)
                last_read = time.perf_counter()
                # The rate as measured at this read, for every event of a burst alike.
                seen_at_read = seen + min(count, batch * size) - published * size
                rate = seen_at_read / max(last_read - started - paused, 1e-9)
                for number, (batch_loss, batch_correct) in enumerate(rows, start=published + 1):
                    if divergence.diverged(batch_loss):
                        yield self._diverged(
                            steps, epoch, number, batch_loss, start_weights, good_weights, good_when
                        )
                        return
                    batch_size = min(size, count - (number - 1) * size)
                    loss_sum += batch_loss * batch_size
                    correct += batch_correct
                    seen += batch_size
                    samples_seen += batch_size
                    yield BatchEvent(
                        epoch=epoch,
                        epochs=config.epochs,
                        batch=number,
                        batches=batches,
                        loss=loss_sum / seen,
                        acc=correct / seen,
                        batch_loss=batch_loss,
                        samples_seen=samples_seen,
                        progress=epoch - 1 + number / batches,
                        samples_per_second=rate,
                    )
                since_snapshot += batch - published
                published = batch
                if paced:
                    shown = recorder.shown(epoch, batch, batches, control.stepping) if recorder else None
                    if shown is not None:
                        yield shown
                    if not control.stepping:  # a step is the teacher's pace, not the clock's
                        pacer.wait(control)  # counted in the epoch's time: the run did take it
                if since_snapshot >= SNAPSHOT_EVERY and rows[-1][0] < GOOD_LOSS:
                    good_weights, good_when = self._snapshot(), f"epoch {epoch}, batch {batch}"
                    since_snapshot = 0
                if control.holds_next():
                    yield PausedAt(epoch, batch)
            self._note_graph(steps)
            try:
                test_acc = self.test_accuracy()
            except EvaluationStopped:
                yield RunEnded("stopped", f"stopped by request during the test evaluation of epoch {epoch}")
                return
            if loss_sum / seen < GOOD_LOSS:
                good_weights, good_when = self._snapshot(), f"the end of epoch {epoch}"
                since_snapshot = 0
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
