"""core/sketch_synth: generated mouse sketches as training data, and the --synthetic-sketches option."""

import sys

import numpy as np
import pytest
import torch

from core.classes import CLASS_NAMES
from core.config import MAX_SYNTHETIC_SKETCHES, ConfigError, TrainConfig
from core.sketch_synth import BOARD, STYLES, draw_on_board, render_sketch, synthetic_sketches
from core.sketch_synth_designs import FAMILIES

# Opened paths are recorded only while a test sets this (an audit hook cannot be removed).
_opened: list[str] | None = None


def _record_open(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, bytes)):
        _opened.append(str(args[0]))


sys.addaudithook(_record_open)


def test_same_seed_same_bank_other_seed_other_bank():
    first, again, other = (
        synthetic_sketches(30, seed=5),
        synthetic_sketches(30, seed=5),
        synthetic_sketches(30, 6),
    )
    assert np.array_equal(first.images, again.images) and first.styles == again.styles
    assert not np.array_equal(first.images, other.images)
    # Each sketch has its own generator: a longer bank starts with the shorter one.
    assert np.array_equal(synthetic_sketches(40, seed=5).images[:30], first.images)


def test_every_class_renders_a_model_input():
    for label in range(len(CLASS_NAMES)):
        for index in range(5):
            image, style = render_sketch(label, np.random.default_rng([label, index]))
            assert image.dtype == np.uint8 and image.shape == (28, 28)
            assert image.max() == 255 and 0.05 < (image > 127).mean() < 0.95, (label, index)
            assert style in STYLES


def test_labels_take_turns_and_each_class_has_its_family():
    bank = synthetic_sketches(25, seed=0)
    assert bank.images.shape == (25, 28, 28) and bank.labels.dtype == np.int64
    assert bank.labels.tolist() == [index % 10 for index in range(25)]
    names = [family.__name__.replace("_", "") for family in FAMILIES]
    slugs = [name.lower().replace("-", "").replace("/", "").replace(" ", "") for name in CLASS_NAMES]
    assert all(slug.startswith(name) for name, slug in zip(names, slugs, strict=True)), (names, slugs)


def test_the_designs_have_their_class_shapes():
    rng = np.random.default_rng(1)
    apart = 0
    for _ in range(40):
        for label in (7, 9):  # sneakers lie low; ankle boots stand about as tall as long
            points = np.concatenate([np.array(path) for path in FAMILIES[label](rng).outlines])
            width, height = points.max(axis=0) - points.min(axis=0)
            assert (height / width < 0.85) if label == 7 else (height / width > 0.7)
        # Filled trousers keep a gap between the legs at the hem: two runs of ink above the hem.
        board = draw_on_board(FAMILIES[1](rng), "filled", "plain", rng)
        bottom = np.flatnonzero((board > 127).any(axis=1))[-1]
        row = np.r_[0, (board[bottom - 35] > 127).astype(int)]
        apart += np.count_nonzero(np.diff(row) == 1) == 2
    assert apart >= 38  # a wide brush on a thin drawing may close one or two


def test_every_style_is_produced_and_the_board_is_the_draw_tabs():
    bank = synthetic_sketches(300, seed=2)
    assert set(bank.styles) == set(STYLES)
    board = draw_on_board(FAMILIES[0](np.random.default_rng(0)), "outline", "plain", np.random.default_rng(0))
    assert board.shape == (BOARD, BOARD) == (280, 280) and board.dtype == np.uint8


def test_nothing_reads_the_evaluation_sketches():
    global _opened
    _opened = []
    try:
        synthetic_sketches(20, seed=9)
    finally:
        opened, _opened = _opened, None
    assert not [path for path in opened if "sketches-eval" in path or "sketches-holdout" in path]
    import core.sketch_synth
    import core.sketch_synth_designs

    for module in (core.sketch_synth, core.sketch_synth_designs):
        source = open(module.__file__, encoding="utf-8").read()
        assert (
            "sketch_eval" not in source and "corpus_shapes" not in source and "holdout_shapes" not in source
        )


@pytest.mark.parametrize("count", [-1, MAX_SYNTHETIC_SKETCHES + 1, 2.5, True])
def test_config_refuses_bad_counts(count):
    with pytest.raises(ConfigError, match="synthetic sketches"):
        TrainConfig(model="cnn", synthetic_sketches=count).validate()


def test_config_names_the_sketches_and_old_checkpoints_have_none():
    config = TrainConfig(model="cnn", augment="sketch", synthetic_sketches=12000).validate()
    assert "12,000 synthetic sketches" in config.recipe_summary()
    stored = config.to_dict()
    del stored["synthetic_sketches"]
    assert TrainConfig.from_dict(stored).synthetic_sketches == 0


def test_trainer_adds_the_bank_to_the_training_images_only(tiny_dataset):
    from core.trainer import Trainer

    plain = Trainer(TrainConfig(model="softmax", epochs=1, threads=1), tiny_dataset)
    mixed = Trainer(TrainConfig(model="softmax", epochs=1, threads=1, synthetic_sketches=30), tiny_dataset)
    assert mixed._train_x.shape[0] == plain._train_x.shape[0] + 30
    assert mixed._train_y[-30:].tolist() == [index % 10 for index in range(30)]
    assert mixed._test_x.shape == plain._test_x.shape
    assert float(mixed._train_x[-30:].max()) == 1.0


def test_same_seed_same_weights_with_the_bank(tiny_dataset):
    from core.trainer import Trainer

    def trained() -> dict:
        trainer = Trainer(TrainConfig(model="cnn", epochs=1, threads=1, synthetic_sketches=50), tiny_dataset)
        for _event in trainer.run():
            pass
        return trainer.model.state_dict()

    first, again = trained(), trained()
    assert all(torch.equal(first[name], again[name]) for name in first)


def test_cli_trains_with_the_option_and_stores_it(synthetic_data_dir, tmp_path, capsys):
    from core.checkpoint import load_checkpoint
    from core.cli import main

    saved = tmp_path / "with-sketches.pt"
    args = [
        "train",
        "--data",
        str(synthetic_data_dir),
        "--model",
        "softmax",
        "--epochs",
        "1",
        "--threads",
        "1",
    ]
    assert main([*args, "--synthetic-sketches", "40", "--json", "--save", str(saved)]) == 0
    assert load_checkpoint(saved).config.synthetic_sketches == 40
    try:
        code = main([*args, "--synthetic-sketches", "-3"])
    except SystemExit as exit_info:
        code = exit_info.code
    assert code == 2
    assert "synthetic sketches must be between 0 and" in capsys.readouterr().err
