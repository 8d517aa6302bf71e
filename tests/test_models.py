import pytest
import torch

from core.config import MODEL_NAMES, ConfigError
from core.models import build_model, make_update_step


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_maps_images_to_ten_logits_and_learns_a_step(name):
    generator = torch.Generator().manual_seed(0)
    model = build_model(name, generator)
    labels = torch.arange(16) % 10
    # Each class a bright band at its own height over faint noise: learnable by every model, so a
    # loss that does not fall means a broken step, not an unlucky draw.
    images = torch.rand(16, 1, 28, 28, generator=generator) * 0.2
    for row, label in enumerate(labels.tolist()):
        images[row, 0, 2 * label + 3 : 2 * label + 6, :] += 0.8
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
