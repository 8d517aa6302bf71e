"""The model registry: one name → one architecture and its way of taking a training step.

Every model maps float images [N, 1, 28, 28] in [0, 1] to logits [N, 10]; probabilities are
always made by softmax outside the model, so the canvas, the browser and the CLI agree."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor, nn

from core.classes import IMAGE_SIZE, NUM_CLASSES
from core.config import MODEL_NAMES, ConfigError, TrainConfig
from core.lesson.scratch import ScratchSoftmaxRegression, ScratchUpdateStep

UpdateStep = Callable[[Tensor, Tensor], tuple[Tensor, Tensor]]
NUM_INPUTS = IMAGE_SIZE * IMAGE_SIZE


def _init_like_lesson(model: nn.Module, generator: torch.Generator | None) -> nn.Module:
    """Weights ~ N(0, 0.01) and zero biases, the lesson's init, drawn from the run's generator
    so a seed reproduces the run exactly."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear):
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * 0.01)
                module.bias.zero_()
    return model


def _kaiming_init(model: nn.Module, generator: torch.Generator | None) -> nn.Module:
    """He-style init for the ReLU nets: N(0, 0.01) is too small for deep layers to learn at lr 0.1."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear | nn.Conv2d):
                fan_in = module.weight[0].numel()
                std = (2.0 / fan_in) ** 0.5
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * std)
                if module.bias is not None:
                    module.bias.zero_()
    return model


def _softmax_regression(generator: torch.Generator | None) -> nn.Module:
    return _init_like_lesson(nn.Sequential(nn.Flatten(), nn.Linear(NUM_INPUTS, NUM_CLASSES)), generator)


def _mlp(generator: torch.Generator | None) -> nn.Module:
    net = nn.Sequential(
        nn.Flatten(),
        nn.Linear(NUM_INPUTS, 256),
        nn.ReLU(),
        nn.Linear(256, NUM_CLASSES),
    )
    return _kaiming_init(net, generator)


def _cnn(generator: torch.Generator | None) -> nn.Module:
    """LeNet-style: two conv+pool stages then two dense layers. ReLU and max-pool (instead of
    LeNet's sigmoid and average-pool) so it trains well in a few epochs with plain SGD."""
    net = nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=5, padding=2),  # 16×28×28
        nn.ReLU(),
        nn.MaxPool2d(2),  # 16×14×14
        nn.Conv2d(16, 32, kernel_size=5),  # 32×10×10
        nn.ReLU(),
        nn.MaxPool2d(2),  # 32×5×5
        nn.Flatten(),
        nn.Linear(32 * 5 * 5, 128),
        nn.ReLU(),
        nn.Linear(128, NUM_CLASSES),
    )
    return _kaiming_init(net, generator)


_BUILDERS: dict[str, Callable[[torch.Generator | None], nn.Module]] = {
    "softmax-scratch": ScratchSoftmaxRegression,
    "softmax": _softmax_regression,
    "mlp": _mlp,
    "cnn": _cnn,
}
assert tuple(_BUILDERS) == MODEL_NAMES, "core.config.MODEL_NAMES and the registry must agree"


def build_model(name: str, generator: torch.Generator | None = None) -> nn.Module:
    """A fresh, initialised model; `generator` makes the init reproducible."""
    try:
        builder = _BUILDERS[name]
    except KeyError:
        raise ConfigError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}") from None
    return builder(generator)


class TorchUpdateStep:
    """The concise way: nn.CrossEntropyLoss (mean over the batch) and a torch.optim optimizer.

    Without a `recipe` (or with TrainConfig's defaults) this is exactly the lesson's
    torch.optim.SGD at a constant lr. A recipe may add momentum, weight decay, AdamW, label
    smoothing and a per-batch lr schedule over `total_steps` batches (the whole run)."""

    def __init__(
        self, model: nn.Module, lr: float, recipe: TrainConfig | None = None, total_steps: int = 0
    ) -> None:
        recipe = recipe or TrainConfig()
        self.model = model
        self.loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
        self.optimizer = _optimizer(model, lr, recipe)
        self.scheduler = _scheduler(self.optimizer, recipe, lr, total_steps)
        self._steps_left = total_steps  # a scheduler stepped past its end raises; never do that

    def __call__(self, images: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
        logits = self.model(images)
        loss = self.loss_fn(logits, labels)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        if self.scheduler is not None and self._steps_left > 1:
            self.scheduler.step()
            self._steps_left -= 1
        return loss.detach(), logits.detach()


def _optimizer(model: nn.Module, lr: float, recipe: TrainConfig) -> torch.optim.Optimizer:
    if recipe.optimizer == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=recipe.weight_decay)
    if recipe.momentum == 0 and recipe.weight_decay == 0:
        return torch.optim.SGD(model.parameters(), lr=lr)  # the lesson's call, literally
    return torch.optim.SGD(
        model.parameters(),
        lr=lr,
        momentum=recipe.momentum,
        nesterov=recipe.nesterov,
        weight_decay=recipe.weight_decay,
    )


def _scheduler(
    optimizer: torch.optim.Optimizer, recipe: TrainConfig, lr: float, total_steps: int
) -> torch.optim.lr_scheduler.LRScheduler | None:
    """Per-batch schedules over the whole run: cosine decays lr to 0; one-cycle warms up from
    lr/25 to lr over the first 30 % of the batches, then anneals to almost 0 (and moves momentum
    the other way), which trains fastest for a fixed budget of epochs."""
    if recipe.schedule == "constant":
        return None
    if total_steps < 1:
        raise ConfigError(f"the {recipe.schedule} schedule needs the run's number of batches")
    if recipe.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
    cycle_momentum = recipe.optimizer == "adamw" or recipe.momentum > 0
    return torch.optim.lr_scheduler.OneCycleLR(
        optimizer,
        max_lr=lr,
        total_steps=total_steps,
        cycle_momentum=cycle_momentum,
        base_momentum=min(0.85, recipe.momentum) if recipe.optimizer == "sgd" else 0.85,
        max_momentum=recipe.momentum if recipe.optimizer == "sgd" and recipe.momentum else 0.95,
    )


def make_update_step(
    name: str, model: nn.Module, lr: float, recipe: TrainConfig | None = None, total_steps: int = 0
) -> UpdateStep:
    """How `name` takes one minibatch step; the scratch model brings its own hand-written SGD
    (the lesson's, so a recipe beyond plain SGD is refused by TrainConfig.validate)."""
    if name == "softmax-scratch":
        if not isinstance(model, ScratchSoftmaxRegression):
            raise ConfigError("softmax-scratch needs its own ScratchSoftmaxRegression model")
        return ScratchUpdateStep(model, lr)
    if name not in _BUILDERS:
        raise ConfigError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
    return TorchUpdateStep(model, lr, recipe, total_steps)
