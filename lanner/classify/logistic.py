"""The one trainer behind Lanner's small logistic heads (sentence bias, loaded-language tagger).

Why hand-rolled: a class-balanced binary logistic regression with L2 and full-batch Nesterov momentum is
twenty lines of numpy, gives the same weights bit for bit on every run (no sampling, no threads to
schedule), and spares the project scikit-learn. Used by the training scripts only; the pipeline reads the
heads they write.
"""

from __future__ import annotations

import numpy as np

LEARNING_RATE = 0.5
MOMENTUM = 0.9


def fit_balanced(x: np.ndarray, y: np.ndarray, l2: float, epochs: int) -> tuple[np.ndarray, float]:
    """(weights, bias); both classes weigh half of the loss whatever their sizes."""
    n, d = x.shape
    pos = y.mean()
    sw = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos)) / n
    w, b = np.zeros(d), 0.0
    vw, vb = np.zeros(d), 0.0
    for _ in range(epochs):
        lw, lb = w + MOMENTUM * vw, b + MOMENTUM * vb
        p = 1 / (1 + np.exp(-(x @ lw + lb)))
        g = (p - y) * sw
        vw = MOMENTUM * vw - LEARNING_RATE * (x.T @ g + l2 * lw)
        vb = MOMENTUM * vb - LEARNING_RATE * float(g.sum())
        w, b = w + vw, b + vb
    return w, b
