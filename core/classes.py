"""Fashion-MNIST's ten classes, in label order. Torch-free so the window can show them at once."""

NUM_CLASSES = 10
IMAGE_SIZE = 28  # every Fashion-MNIST image is 28×28, 8-bit grey, garment light on dark

CLASS_NAMES: tuple[str, ...] = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

CLASS_NAMES_ZH: tuple[str, ...] = (
    "T恤",
    "裤子",
    "套衫",
    "连衣裙",
    "外套",
    "凉鞋",
    "衬衫",
    "运动鞋",
    "包",
    "短靴",
)
