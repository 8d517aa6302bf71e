"""The real Fashion-MNIST, when installed (Debian package or $FASHION_MNIST_DIR); skips otherwise."""

from __future__ import annotations

import torch

from core.data import FashionMNIST, describe_dataset, to_model_input


def test_real_counts_and_types(real_dataset: FashionMNIST) -> None:
    assert real_dataset.train_images.shape == (60_000, 28, 28)
    assert real_dataset.test_images.shape == (10_000, 28, 28)
    assert real_dataset.train_images.dtype == torch.uint8 and real_dataset.test_labels.dtype == torch.int64
    assert real_dataset.train_images.is_contiguous()
    assert "60,000 images" in describe_dataset(real_dataset)


def test_real_classes_are_balanced(real_dataset: FashionMNIST) -> None:
    assert torch.bincount(real_dataset.train_labels, minlength=10).tolist() == [6000] * 10
    assert torch.bincount(real_dataset.test_labels, minlength=10).tolist() == [1000] * 10


def test_real_images_are_light_garments_on_dark(real_dataset: FashionMNIST) -> None:
    """The official files are already negated: borders are black, the garment is bright."""
    x = to_model_input(real_dataset.test_images[:1000])
    border = torch.cat([x[..., 0, :], x[..., -1, :]], dim=-1).mean()
    centre = x[..., 10:18, 10:18].mean()
    assert border < 0.15 and centre > 3 * border  # garments reach the edge only along one axis
    assert 0.0 <= x.min() and x.max() <= 1.0
