import pytest
import torch

from core.config import MODEL_NAMES, ConfigError
from core.models import build_model, make_update_step


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_maps_images_to_ten_logits_and_learns_a_step(name):
    generator = torch.Generator().manual_seed(0)
    model = build_model(name, generator)
    images, labels = _banded_batch(generator)
    assert model(images).shape == (16, 10)
    step = make_update_step(name, model, lr=0.1)
    first, _ = step(images, labels)
    for _ in range(20):
        last, logits = step(images, labels)
    assert logits.shape == (16, 10)
    assert last.item() < 0.8 * first.item()  # 20 steps on one batch must lower its loss


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_same_generator_seed_gives_same_weights(name):
    first = build_model(name, torch.Generator().manual_seed(3)).state_dict()
    second = build_model(name, torch.Generator().manual_seed(3)).state_dict()
    assert all(torch.equal(first[key], second[key]) for key in first)


def test_concise_softmax_is_flatten_plus_linear():
    model = build_model("softmax")
    kinds = [type(m).__name__ for m in model.children()]
    assert kinds == ["Flatten", "Linear"]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ConfigError, match="unknown model 'resnet'"):
        build_model("resnet")


def test_cnn_keeps_the_parameter_names_and_shapes_saved_checkpoints_hold():
    """Recipes change how the cnn trains, never what it is: the shipped cnn.pt and every cnn a
    user saved load only while these names and shapes stay (and the Weights tab reads model[0])."""
    shapes = {name: tuple(t.shape) for name, t in build_model("cnn").state_dict().items()}
    assert shapes == {
        "0.weight": (16, 1, 5, 5),
        "0.bias": (16,),
        "3.weight": (32, 16, 5, 5),
        "3.bias": (32,),
        "7.weight": (128, 800),
        "7.bias": (128,),
        "9.weight": (10, 128),
        "9.bias": (10,),
    }


@pytest.mark.parametrize("name", ["softmax", "mlp", "cnn"])
def test_a_recipe_step_learns_too(name):
    """AdamW / Nesterov momentum with a schedule and label smoothing still lower the loss."""
    from core.config import TrainConfig

    generator = torch.Generator().manual_seed(1)
    model = build_model(name, generator)
    images, labels = _banded_batch(generator)
    recipe = TrainConfig.recommended(name)
    step = make_update_step(name, model, recipe.lr, recipe, total_steps=30)
    first, _ = step(images, labels)
    for _ in range(29):
        last, _ = step(images, labels)
    assert last.item() < 0.8 * first.item()


def _banded_batch(generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """16 images, each class a bright band at its own height over faint noise: learnable by every
    model, so a loss that does not fall means a broken step, not an unlucky draw."""
    labels = torch.arange(16) % 10
    images = torch.rand(16, 1, 28, 28, generator=generator) * 0.2
    for row, label in enumerate(labels.tolist()):
        images[row, 0, 2 * label + 3 : 2 * label + 6, :] += 0.8
    return images, labels
