"""Reliability diagram, ECE and temperature scaling, with torch as the oracle for the fit."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.lesson import calibration as cal


def overconfident_model(n: int = 4000, sharpen: float = 3.0, seed: int = 0):
    """Labels drawn from softmax(z) (a perfectly calibrated model's logits are z), then the
    "model" reports sharpen·z: right as often as before, but far surer than it should be."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 1.5, size=(n, 10))
    probs = np.exp(z - z.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    labels = np.array([rng.choice(10, p=p) for p in probs])
    return sharpen * z, labels


def test_reliability_bins_by_hand():
    probs = np.array(
        [
            [0.95, 0.05] + [0] * 8,  # bin 9, right
            [0.05, 0.95] + [0] * 8,  # bin 9, wrong
            [0.55, 0.45] + [0] * 8,  # bin 5, right
            [0.1] * 10,  # bin 0 (0.1 is the top of (0, 0.1]); argmax 0, wrong
        ]
    )
    labels = np.array([0, 0, 0, 3])
    rel = cal.reliability(probs, labels)
    assert rel.counts.tolist() == [1, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert rel.accuracy[9] == pytest.approx(0.5) and rel.confidence[9] == pytest.approx(0.95)
    assert rel.accuracy[5] == 1.0 and rel.confidence[5] == pytest.approx(0.55)
    assert np.isnan(rel.accuracy[1]) and np.isnan(rel.confidence[1])
    expected_ece = (2 * abs(0.5 - 0.95) + 1 * abs(1 - 0.55) + 1 * abs(0 - 0.1)) / 4
    assert rel.ece == pytest.approx(expected_ece)
    assert rel.total == 4 and rel.overall_accuracy == pytest.approx(0.5)


def test_nll_matches_torch_cross_entropy():
    logits, labels = overconfident_model(500)
    expected = F.cross_entropy(torch.tensor(logits) / 1.7, torch.tensor(labels)).item()
    assert cal.nll(logits, labels, 1.7) == pytest.approx(expected, abs=1e-9)


def test_fitted_temperature_is_torchs_minimum_and_lowers_ece():
    logits, labels = overconfident_model()
    fitted = cal.fit_temperature(logits, labels)

    # Oracle: LBFGS on log T with torch's cross-entropy.
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    x, y = torch.tensor(logits), torch.tensor(labels)
    optimizer = torch.optim.LBFGS([log_t], lr=0.5, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(x / log_t.exp(), y)
        loss.backward()
        return loss

    optimizer.step(closure)
    assert fitted == pytest.approx(log_t.exp().item(), rel=1e-3)
    assert fitted == pytest.approx(3.0, rel=0.15)  # it undoes the sharpening

    result = cal.calibrate(logits, labels)
    assert result.temperature == pytest.approx(fitted)
    assert result.before.ece > 0.1  # over-confident: a large gap
    assert result.after.ece < result.before.ece / 3
    assert result.nll_after < result.nll_before
    # Dividing by T never changes which class wins: the accuracy stays.
    assert result.after.overall_accuracy == result.before.overall_accuracy
    assert result.before.mean_confidence > result.before.overall_accuracy


def test_underconfident_model_gets_t_below_one():
    logits, labels = overconfident_model(sharpen=0.4, seed=3)
    assert cal.fit_temperature(logits, labels) < 0.6


def test_empty_input_is_harmless():
    rel = cal.reliability(np.zeros((0, 10)), np.zeros(0, dtype=np.int64))
    assert rel.total == 0 and rel.ece == 0.0
    assert cal.fit_temperature(np.zeros((0, 10)), np.zeros(0)) == 1.0
