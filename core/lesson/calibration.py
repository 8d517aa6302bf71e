"""What softmax means statistically: is "80 %" right 80 % of the time?

A reliability diagram sorts test images by the model's top-class probability (its confidence)
into ten bins and compares each bin's mean confidence with how often the top class was right;
the expected calibration error (ECE) is the count-weighted mean gap. Temperature scaling fits
one number T so that softmax(o / T) has the lowest negative log-likelihood on given data: it
never changes which class wins, only how sure the model claims to be.

numpy only (no torch, no scipy): the GUI calls this on a few thousand rows of logits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.lesson.softmax_steps import log_softmax

NUM_BINS = 10
# T is searched in [1/20, 20]: beyond that a model is not "miscalibrated" but broken.
T_MIN, T_MAX = 0.05, 20.0


@dataclass(frozen=True)
class Reliability:
    """Ten equal-width confidence bins (0–0.1, …, 0.9–1]; empty bins hold NaN accuracy and confidence."""

    edges: np.ndarray  # [11]
    accuracy: np.ndarray  # [10]: fraction of the bin's images whose top class was right
    confidence: np.ndarray  # [10]: mean top-class probability in the bin
    counts: np.ndarray  # int64 [10]
    ece: float  # Σ (n_b / N) |acc_b − conf_b|
    overall_accuracy: float
    mean_confidence: float

    @property
    def total(self) -> int:
        return int(self.counts.sum())


def reliability(probs: np.ndarray, labels: np.ndarray, num_bins: int = NUM_BINS) -> Reliability:
    """Bin top-class confidence and accuracy; `probs` is [N, C] (rows sum to 1), labels [N]."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels).reshape(-1)
    if probs.ndim != 2 or probs.shape[0] != labels.shape[0]:
        raise ValueError(f"expected probabilities [N, C] and labels [N], got {probs.shape}, {labels.shape}")
    edges = np.linspace(0.0, 1.0, num_bins + 1)
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(np.float64)
    # Bins are right-closed, (a, b], like the usual ECE definition; a confidence of 0 joins bin 0.
    which = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, num_bins - 1)
    counts = np.bincount(which, minlength=num_bins).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = np.bincount(which, weights=correct, minlength=num_bins) / counts
        mean_conf = np.bincount(which, weights=confidence, minlength=num_bins) / counts
    n = max(1, len(labels))
    gaps = np.where(counts > 0, np.abs(np.nan_to_num(accuracy) - np.nan_to_num(mean_conf)), 0.0)
    ece = float((counts / n * gaps).sum())
    return Reliability(
        edges=edges,
        accuracy=accuracy,
        confidence=mean_conf,
        counts=counts,
        ece=ece,
        overall_accuracy=float(correct.mean()) if len(labels) else float("nan"),
        mean_confidence=float(confidence.mean()) if len(labels) else float("nan"),
    )


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, num_bins: int = NUM_BINS) -> float:
    return reliability(probs, labels, num_bins).ece


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean −log softmax(o / T)_y over the rows: the quantity temperature scaling minimises."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    return float(-log_softmax(z)[np.arange(len(labels)), labels].mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray, tol: float = 1e-5) -> float:
    """The T in [T_MIN, T_MAX] with the lowest NLL, by golden-section search on log T.

    NLL is convex in 1/T (a log-sum-exp of linear functions minus a linear one), so it has one
    minimum along log T and a 1-D bracketing search finds it without gradients or scipy."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if len(labels) == 0:
        return 1.0
    lo, hi = math.log(T_MIN), math.log(T_MAX)
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = nll(logits, labels, math.exp(a)), nll(logits, labels, math.exp(b))
    while hi - lo > tol:
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = nll(logits, labels, math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = nll(logits, labels, math.exp(b))
    return math.exp((lo + hi) / 2.0)


def apply_temperature(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(o / T), row by row: the calibrated probabilities."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    return np.exp(log_softmax(z))


@dataclass(frozen=True)
class Calibration:
    """The diagram before and after temperature scaling, for one model on one data set."""

    before: Reliability
    after: Reliability
    temperature: float
    nll_before: float
    nll_after: float


def calibrate(logits: np.ndarray, labels: np.ndarray) -> Calibration:
    """Fit T on (logits, labels) and measure both diagrams on the same data."""
    temperature = fit_temperature(logits, labels)
    return Calibration(
        before=reliability(apply_temperature(logits, 1.0), labels),
        after=reliability(apply_temperature(logits, temperature), labels),
        temperature=temperature,
        nll_before=nll(logits, labels, 1.0),
        nll_after=nll(logits, labels, temperature),
    )
