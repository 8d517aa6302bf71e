"""How the trainer takes its minibatch steps and when it reads their numbers back.

Two ways, one interface (`start_epoch`, `step`, `read`):

- `EagerSteps` reads each step's loss and correct count at once (`.item()`). On the CPU a read
  costs nothing, so this stays the CPU's default and the CPU loop is exactly what it was.
- `DeviceSteps` keeps the numbers on the device: every step writes its (loss, correct) into one
  float64 tensor [batches, 2], and `read` fetches a range of rows in one transfer. On a GPU each
  read is a host synchronisation that drains the launch queue, so the trainer reads only when it
  publishes events (a few times a second), not after every batch. With `graphs=True` on CUDA
  the whole full-size step (batch gathering, augmentation, forward, backward, SGD update and the
  statistics row) is captured once as a CUDA graph and replayed per batch: the models are so
  small that launching their ~50–100 kernels one by one costs more than running them.

The captured step must find its tensors at fixed addresses, so it takes its batch from a
per-epoch buffer of shuffled indices through a device-side batch counter, and writes its row of
statistics at that counter. The last, partial batch has another shape: it runs eagerly through
the same code, reading the counter too. On the CPU `DeviceSteps(graphs=False)` runs exactly the
code that is captured on CUDA, so the tests cover its logic without a GPU.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor, nn

from core.models import UpdateStep

Augment = Callable[[Tensor], Tensor]
# Eager steps on a side stream before capture: cuDNN/cuBLAS pick their algorithms and allocate
# their workspaces then, so none of that happens inside the captured region.
WARMUP_STEPS = 3


def split_batches(count: int, batch_size: int) -> tuple[int, int]:
    """(full batches, size of the last partial batch, 0 if none) for `count` samples."""
    if count < 0 or batch_size < 1:
        raise ValueError(f"need count >= 0 and batch_size >= 1, got {count} and {batch_size}")
    return divmod(count, batch_size)


def batch_count(count: int, batch_size: int) -> int:
    full, last = split_batches(count, batch_size)
    return full + (1 if last else 0)


def graphs_possible(device: torch.device) -> bool:
    """CUDA graphs need a CUDA device; everything else runs eagerly."""
    return device.type == "cuda" and torch.cuda.is_available()


class EagerSteps:
    """One step per call, its numbers read at once: the CPU's loop, unchanged."""

    def __init__(
        self, update_step: UpdateStep, train_x: Tensor, train_y: Tensor, augment: Augment, batch_size: int
    ) -> None:
        self._update, self._x, self._y, self._augment = update_step, train_x, train_y, augment
        self.batch_size = batch_size
        self.batches = batch_count(train_y.shape[0], batch_size)
        self._order = torch.empty(0, dtype=torch.long)
        self._rows: list[tuple[float, int]] = []

    def start_epoch(self, order: Tensor) -> None:
        self._order, self._rows = order, []

    def step(self, batch: int) -> None:
        """Train on batch number `batch` (0-based) of this epoch's order."""
        index = self._order[batch * self.batch_size : (batch + 1) * self.batch_size]
        # index_select copies the rows in one go; x[index] is ~8× slower here.
        labels = self._y.index_select(0, index)
        images = self._augment(self._x.index_select(0, index))
        loss, logits = self._update(images, labels)
        self._rows.append((loss.item(), int((logits.argmax(dim=1) == labels).sum().item())))

    def read(self, start: int, stop: int) -> list[tuple[float, int]]:
        """(mean loss, correct count) of batches start..stop-1."""
        return self._rows[start:stop]


class DeviceSteps:
    """Steps whose numbers stay on the device until read; on CUDA, replayed as a CUDA graph."""

    def __init__(
        self,
        update_step: UpdateStep,
        model: nn.Module,
        train_x: Tensor,
        train_y: Tensor,
        augment: Augment,
        batch_size: int,
        *,
        graphs: bool,
        generator: torch.Generator | None = None,
    ) -> None:
        self._update, self._model = update_step, model
        self._x, self._y, self._augment = train_x, train_y, augment
        self._generator = generator  # the augmentation's, registered with the graph
        self.batch_size = batch_size
        self.full, self.last = split_batches(train_y.shape[0], batch_size)
        self.batches = self.full + (1 if self.last else 0)
        device = train_y.device
        self.stats = torch.zeros(max(self.batches, 1), 2, dtype=torch.float64, device=device)
        self._rows = torch.zeros(max(self.full, 1), batch_size, dtype=torch.long, device=device)
        self._tail = torch.empty(0, dtype=torch.long, device=device)
        self._counter = torch.zeros(1, dtype=torch.long, device=device)  # the batch being trained
        self.use_graphs = graphs and graphs_possible(device) and self.full > 0
        self.graph: torch.cuda.CUDAGraph | None = None
        self.graph_error = ""  # why capture failed, if it did (the run then goes on eagerly)

    def start_epoch(self, order: Tensor) -> None:
        """Copy this epoch's shuffled indices into the fixed buffers the captured step reads."""
        cut = self.full * self.batch_size
        if self.full:
            self._rows.copy_(order[:cut].view(self.full, self.batch_size))
        self._tail = order[cut:]
        self._counter.zero_()

    def step(self, batch: int) -> None:
        """Train on batch number `batch`; batches must come in order 0, 1, … within an epoch."""
        if batch >= self.full:
            self._body(self._tail)  # the partial batch, eagerly (another shape than the graph's)
        elif self.use_graphs and self.graph is None and not self.graph_error:
            self._capture()
            self.step(batch)
        elif self.graph is not None:
            self.graph.replay()
        else:
            self._full_body()

    def read(self, start: int, stop: int) -> list[tuple[float, int]]:
        """(mean loss, correct count) of batches start..stop-1, in one device-to-host transfer."""
        return [(loss, int(correct)) for loss, correct in self.stats[start:stop].tolist()]

    def _full_body(self) -> None:
        self._body(self._rows.index_select(0, self._counter).view(-1))

    def _body(self, index: Tensor) -> None:
        labels = self._y.index_select(0, index)
        images = self._augment(self._x.index_select(0, index))
        loss, logits = self._update(images, labels)
        correct = (logits.argmax(dim=1) == labels).sum()
        row = torch.stack((loss.to(torch.float64), correct.to(torch.float64)))
        self.stats.index_copy_(0, self._counter, row.unsqueeze(0))
        self._counter += 1

    def _capture(self) -> None:
        """Warm up on a side stream, put everything back as it was, then capture one step.

        Warm-up steps really train, so the weights, the augmentation's random state and the
        counter are restored afterwards: a run with graphs sees the same first batch as without."""
        saved = {name: tensor.detach().clone() for name, tensor in self._model.state_dict().items()}
        random_state = self._generator.get_state() if self._generator is not None else None
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(WARMUP_STEPS):
                self._counter.zero_()
                self._full_body()
        torch.cuda.current_stream().wait_stream(side)
        self._model.load_state_dict(saved)  # copies in place: the graph keeps these addresses
        if random_state is not None and self._generator is not None:
            self._generator.set_state(random_state)
        self._counter.zero_()
        # No gradient tensors from before the capture: backward inside the graph then writes
        # fresh ones into the graph's own memory, instead of reading tensors that the graph does
        # not keep alive (the scratch model's hand-written SGD zeroes its grads rather than
        # dropping them; torch.optim's zero_grad drops them inside the step itself).
        for parameter in self._model.parameters():
            parameter.grad = None
        graph = torch.cuda.CUDAGraph()
        try:
            if self._generator is not None:
                graph.register_generator_state(self._generator)
            with torch.cuda.graph(graph):
                self._full_body()
        except Exception as error:  # an op that cannot be captured: train on, eagerly
            self.graph_error = f"{type(error).__name__}: {error}"
            torch.cuda.synchronize()
            return
        self.graph = graph
