"""The Softmax tab's maths, one stage at a time, checked against torch (and its autograd)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.data import to_model_input
from core.lesson import softmax_steps as steps
from core.models import build_model, make_update_step


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def random_logits(rng: np.random.Generator, n: int = 20, spread: float = 5.0) -> np.ndarray:
    return rng.normal(0.0, spread, size=(n, 10))


def test_stable_softmax_and_stages_match_torch(rng):
    for row in random_logits(rng):
        stages = steps.softmax_stages(row, subtract_max=True)
        expected = torch.softmax(torch.tensor(row), dim=0).numpy()
        np.testing.assert_allclose(stages.probs, expected, rtol=0, atol=1e-6)
        np.testing.assert_allclose(stages.stable_probs, expected, rtol=0, atol=1e-6)
        # The shown exps divided by the shown sum are the probabilities: the normalisation step.
        np.testing.assert_allclose(stages.exps / stages.total, expected, atol=1e-6)
        assert stages.exps.max() == pytest.approx(1.0)  # exp(max o − max o) = exp(0)
        assert stages.finite


def test_naive_softmax_equals_stable_one_while_it_does_not_overflow(rng):
    row = random_logits(rng, 1)[0]
    naive = steps.softmax_stages(row, subtract_max=False)
    np.testing.assert_allclose(naive.probs, torch.softmax(torch.tensor(row), 0).numpy(), atol=1e-6)
    assert naive.shift == 0.0 and naive.finite


def test_naive_exp_overflow_is_reported_like_torch_computes_it_not_raised():
    # The lesson's exercise: exp(50) is fine in float32, exp(100) is not; ×100 makes logits of 8 → 800.
    logits = np.array([8.0, 1.0, -2.0, 0.5, 7.9, 0, 0, 0, 0, 0], dtype=np.float32)
    naive = steps.softmax_stages(logits, scale=100.0, subtract_max=False)
    z = torch.tensor(logits) * 100.0
    torch_naive = z.exp() / z.exp().sum()  # the textbook's softmax in torch
    assert naive.overflow and naive.invalid and not naive.finite
    assert np.isinf(naive.exps[0]) and math.isinf(naive.total)
    np.testing.assert_array_equal(np.isnan(naive.probs), torch.isnan(torch_naive).numpy())
    assert np.isnan(naive.probs[0])
    # The stable path on the same logits stays finite and equals torch.softmax.
    stable = steps.softmax_stages(logits, scale=100.0, subtract_max=True)
    assert stable.finite
    np.testing.assert_allclose(stable.probs, torch.softmax(z, 0).numpy(), atol=1e-6)
    np.testing.assert_allclose(naive.stable_probs, torch.softmax(z.double(), 0).numpy(), atol=1e-6)
    assert math.isfinite(naive.entropy_bits)


def test_float32_overflows_where_the_lesson_says():
    ok = steps.softmax_stages(np.array([50.0] + [0.0] * 9, dtype=np.float32), subtract_max=False)
    assert not ok.overflow  # exp(50) ≈ 5e21 fits a float32
    bad = steps.softmax_stages(np.array([89.0] + [0.0] * 9, dtype=np.float32), subtract_max=False)
    assert bad.overflow


@pytest.mark.parametrize("temperature", [0.1, 0.5, 1.0, 3.0, 10.0])
def test_temperature_and_entropy_match_torch(rng, temperature):
    for row in random_logits(rng, 5):
        stages = steps.softmax_stages(row, scale=2.0, temperature=temperature)
        z = torch.tensor(row) * 2.0 / temperature
        np.testing.assert_allclose(stages.probs, torch.softmax(z, 0).numpy(), atol=1e-6)
        expected_bits = torch.distributions.Categorical(logits=z).entropy().item() / math.log(2)
        assert stages.entropy_bits == pytest.approx(expected_bits, abs=1e-6)


def test_temperature_limits_one_hot_and_uniform():
    row = np.array([3.0, 1.0, 0.2, -1, 0, 0, 0, 0, 0, 2.5])
    cold = steps.softmax_stages(row, temperature=0.01)
    hot = steps.softmax_stages(row, temperature=1e4)
    np.testing.assert_allclose(cold.probs, np.eye(10)[0], atol=1e-6)
    assert cold.entropy_bits == pytest.approx(0.0, abs=1e-6)
    np.testing.assert_allclose(hot.probs, np.full(10, 0.1), atol=1e-3)
    assert hot.entropy_bits == pytest.approx(math.log2(10), abs=1e-4)


def test_cross_entropy_and_its_gradient_equal_autograd(rng):
    for row in random_logits(rng):
        label = int(rng.integers(10))
        z = torch.tensor(row, requires_grad=True)
        loss = F.cross_entropy(z[None], torch.tensor([label]))
        loss.backward()
        assert steps.cross_entropy(row, label) == pytest.approx(loss.item(), abs=1e-6)
        grad = steps.cross_entropy_grad(row, label)
        np.testing.assert_allclose(grad, z.grad.numpy(), atol=1e-6)
        assert grad.sum() == pytest.approx(0.0, abs=1e-9)
        assert grad[label] < 0 and np.all(np.delete(grad, label) > 0)


def test_loss_stays_finite_for_huge_logits():
    row = np.array([1000.0, -1000.0] + [0.0] * 8)
    assert steps.cross_entropy(row, 1) == pytest.approx(2000.0)


def test_loss_terms_are_log_sum_exp_minus_the_true_logit_like_torch():
    row = np.array([1000.0, -1000.0] + [0.0] * 8, dtype=np.float32)
    terms = steps.loss_terms(row, 1)
    expected = torch.logsumexp(torch.tensor(row, dtype=torch.float64), 0).item()
    assert terms.log_sum_exp == pytest.approx(expected)
    assert terms.true_input == -1000.0
    assert terms.loss == pytest.approx(terms.log_sum_exp - terms.true_input) == pytest.approx(2000.0)


def test_entropy_of_a_one_hot_softmax_is_zero_not_minus_zero():
    row = np.array([0.0] * 9 + [300.0], dtype=np.float32)
    bits = steps.softmax_stages(row).entropy_bits
    assert bits == 0.0 and math.copysign(1.0, bits) == 1.0


def _image(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 256, size=(28, 28), dtype=np.uint8)


@pytest.mark.parametrize("name", steps.LINEAR_MODELS)
def test_one_sgd_step_equals_torch_optim_sgd(rng, name):
    torch.manual_seed(0)
    model = build_model(name, torch.Generator().manual_seed(1))
    with torch.no_grad():  # trained-looking weights, so ŷ is not nearly uniform
        for p in model.parameters():
            p.mul_(5.0)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    pixels, label, lr = _image(rng), 3, 0.5

    what_if = steps.sgd_step_on_image(name, state, pixels, label, lr)

    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    x = to_model_input(pixels)
    logits_before = model(x)
    loss = F.cross_entropy(logits_before, torch.tensor([label]))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    for key, tensor in model.state_dict().items():
        torch.testing.assert_close(what_if.new_state[key], tensor, rtol=0, atol=1e-6)
        assert what_if.new_state[key].stride() == tensor.stride()
    assert what_if.loss_before == pytest.approx(loss.item(), abs=1e-5)
    with torch.no_grad():
        after = torch.softmax(model(x), 1)[0].numpy()
    np.testing.assert_allclose(what_if.probs_after, after, atol=1e-6)
    assert what_if.loss_after < what_if.loss_before  # a small step on this image helps this image
    # The original state is untouched: the step is a "what if".
    for key, tensor in state.items():
        assert not torch.equal(tensor, what_if.new_state[key])


@pytest.mark.parametrize("name", steps.LINEAR_MODELS)
def test_delta_maps_are_minus_lr_gradient_times_image_and_match_the_apps_own_step(rng, name):
    model = build_model(name, torch.Generator().manual_seed(2))
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    pixels, label, lr = _image(rng), 7, 0.1
    what_if = steps.sgd_step_on_image(name, state, pixels, label, lr)

    x = pixels.astype(np.float32) / 255.0
    expected = -lr * what_if.gradient[:, None, None] * x[None]
    np.testing.assert_allclose(what_if.delta_maps, expected, atol=1e-7)
    np.testing.assert_allclose(what_if.delta_bias, -lr * what_if.gradient, atol=1e-7)
    # The training loop's own update step (scratch SGD for softmax-scratch) agrees.
    step = make_update_step(name, model, lr)
    step(to_model_input(pixels), torch.tensor([label]))
    for key, tensor in model.state_dict().items():
        torch.testing.assert_close(what_if.new_state[key], tensor, rtol=0, atol=1e-6)


def test_sgd_step_refuses_nonlinear_models(rng):
    state = build_model("mlp").state_dict()
    with pytest.raises(ValueError, match="linear"):
        steps.sgd_step_on_image("mlp", state, _image(rng), 0, 0.1)


def test_loss_and_gradient_follow_the_shown_path():
    logits = np.array([8.0, 1.0, -2.0, 0.5, 7.9, 0, 0, 0, 0, 0], dtype=np.float32)
    stable = steps.softmax_stages(logits, scale=3.0, temperature=2.0)
    loss, grad = steps.loss_and_gradient(stable, 4)
    z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    expected = F.cross_entropy((z * 3.0 / 2.0)[None], torch.tensor([4]))
    expected.backward()
    assert loss == pytest.approx(expected.item(), abs=1e-5)
    # ∂l/∂(s·o/T) = ŷ − y; autograd's ∂l/∂o carries the factor s/T.
    np.testing.assert_allclose(grad * 3.0 / 2.0, z.grad.numpy(), atol=1e-6)
    broken = steps.softmax_stages(logits, scale=100.0, subtract_max=False)
    loss, grad = steps.loss_and_gradient(broken, 0)
    assert math.isnan(loss) and np.isnan(grad[0])


@pytest.mark.parametrize("name", ["mlp", "cnn", "softmax"])
def test_autograd_step_for_any_model_equals_torch_optim_sgd_and_leaves_the_model_alone(rng, name):
    model = build_model(name, torch.Generator().manual_seed(3)).eval()
    original = {k: v.detach().clone() for k, v in model.state_dict().items()}
    pixels, label, lr = _image(rng), 5, 0.05
    what_if = steps.sgd_step_with_autograd(model, pixels, label, lr)
    for key, tensor in model.state_dict().items():
        assert torch.equal(tensor, original[key])  # a what-if: the model itself is unchanged

    reference = build_model(name)
    reference.load_state_dict(original)
    optimizer = torch.optim.SGD(reference.parameters(), lr=lr)
    x = to_model_input(pixels)
    loss = F.cross_entropy(reference(x), torch.tensor([label]))
    loss.backward()
    optimizer.step()
    for key, tensor in reference.state_dict().items():
        torch.testing.assert_close(what_if.new_state[key], tensor, rtol=0, atol=1e-6)
    assert what_if.loss_before == pytest.approx(loss.item(), abs=1e-5)
    assert what_if.loss_after < what_if.loss_before
    assert what_if.gradient.sum() == pytest.approx(0.0, abs=1e-9)
    if name == "softmax":  # the closed form for the linear model agrees with autograd
        closed = steps.sgd_step_on_image(name, original, pixels, label, lr)
        for key, tensor in closed.new_state.items():
            torch.testing.assert_close(what_if.new_state[key], tensor, rtol=0, atol=1e-6)


# -- the loss as information (bits) ------------------------------------------------------------
LN2 = math.log(2.0)


def torch_information(z: torch.Tensor, label: int) -> dict[str, float]:
    """The oracle: torch's own cross-entropy, KL divergence and entropy, converted to bits."""
    log_p = F.log_softmax(z, dim=0)
    y = F.one_hot(torch.tensor(label), 10).to(z.dtype)
    return {
        "cross_entropy": F.cross_entropy(z[None], torch.tensor([label])).item() / LN2,
        "kl": F.kl_div(log_p, y, reduction="sum").item() / LN2,
        "entropy": torch.special.entr(log_p.exp()).sum().item() / LN2,
    }


@pytest.mark.parametrize("spread", [0.1, 5.0, 80.0, 1000.0])
def test_information_in_bits_matches_torch_even_for_extreme_logits(rng, spread):
    for row in random_logits(rng, 10, spread):
        z = torch.tensor(row)
        for label in (0, int(np.argmax(row)), int(np.argmin(row))):
            bits = steps.information_bits(row, label)
            oracle = torch_information(z, label)
            assert all(math.isfinite(v) for v in vars(bits).values())  # never −log 0, even at ±1000
            assert bits.cross_entropy == pytest.approx(oracle["cross_entropy"], rel=1e-9, abs=1e-9)
            assert bits.kl == pytest.approx(oracle["kl"], rel=1e-9, abs=1e-9)
            assert bits.entropy == pytest.approx(oracle["entropy"], rel=1e-6, abs=1e-9)
            # One-hot y: H(y) = 0, so the surprisal, the cross-entropy and the KL are one number.
            assert bits.label_entropy == 0.0
            assert bits.surprisal == pytest.approx(bits.cross_entropy, rel=1e-12)
            assert bits.kl == pytest.approx(bits.cross_entropy - bits.label_entropy, rel=1e-9, abs=1e-12)
            # The loss the tab shows in nats is the same number of bits times ln 2.
            assert steps.cross_entropy(row, label) == pytest.approx(bits.cross_entropy * LN2, rel=1e-9)


def test_information_at_the_extremes():
    certain = np.array([1000.0, -1000.0] + [0.0] * 8)
    right, wrong = steps.information_bits(certain, 0), steps.information_bits(certain, 1)
    assert right.surprisal == pytest.approx(0.0, abs=1e-12) and right.entropy == pytest.approx(0.0, abs=1e-9)
    assert wrong.surprisal == pytest.approx(2000.0 / LN2, rel=1e-9)  # −log₂ of e^−2000: finite
    uniform = steps.information_bits(np.zeros(10), 3)
    assert uniform.entropy == pytest.approx(math.log2(10))
    assert uniform.surprisal == pytest.approx(math.log2(10))
    # float32 logits (what the models give) go through the same float64 log-softmax.
    f32 = steps.information_bits(certain.astype(np.float32), 1)
    assert f32.cross_entropy == pytest.approx(wrong.cross_entropy, rel=1e-6)


def test_kl_is_cross_entropy_minus_label_entropy_for_a_soft_label(rng):
    row = random_logits(rng, 1)[0]
    y = np.full(10, 0.01)
    y[2] = 0.91  # a smoothed label: H(y) > 0, so KL < H(y, ŷ)
    bits = steps.information_bits(row, 2, target=y)
    log_p = F.log_softmax(torch.tensor(row), 0)
    kl = F.kl_div(log_p, torch.tensor(y), reduction="sum").item() / LN2
    ce = F.cross_entropy(torch.tensor(row)[None], torch.tensor(y)[None]).item() / LN2
    assert bits.label_entropy == pytest.approx(torch.special.entr(torch.tensor(y)).sum().item() / LN2)
    assert bits.kl == pytest.approx(kl, rel=1e-9) and bits.cross_entropy == pytest.approx(ce, rel=1e-9)
    assert bits.kl == pytest.approx(bits.cross_entropy - bits.label_entropy, rel=1e-9)
    assert bits.label_entropy > 0.5


def test_information_follows_the_shown_path_like_the_loss():
    logits = np.array([8.0, 1.0, -2.0, 0.5, 7.9, 0, 0, 0, 0, 0], dtype=np.float32)
    cooled = steps.softmax_stages(logits, temperature=4.0)
    bits = steps.information_for_stages(cooled, 1)
    loss, _ = steps.loss_and_gradient(cooled, 1)
    assert bits.cross_entropy * LN2 == pytest.approx(loss, rel=1e-6)  # T divides the logits for both
    assert bits.entropy == pytest.approx(cooled.entropy_bits, rel=1e-6)
    broken = steps.softmax_stages(logits, scale=100.0, subtract_max=False)
    broken_bits = steps.information_for_stages(broken, 1)
    broken_loss, _ = steps.loss_and_gradient(broken, 1)
    assert math.isnan(broken_bits.cross_entropy) and math.isnan(broken_loss)  # both show the failure
