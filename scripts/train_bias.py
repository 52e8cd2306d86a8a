"""Train the sentence-bias heads under lanner/data/bias/ (deterministic, numpy only, ~30 s).

Class-balanced binary logistic regressions over `framing_bias.features` of the sentences in
`lanner/data/bias/training.jsonl`, written for Lanner (see that folder's README.md):
  head.json          the static sentence embedding of `lanner/data/models/event_types/` (every document);
  head_precise.json  the same + the contextual MiniLM vector (`lanner.classify.encoder`; short texts only),
                     trained only when the encoder is installed.
No BABE or other dataset text is read: the threshold (0.5) is fixed by principle, and BABE dev is only
ever evaluated on.

Usage: .venv/bin/python scripts/train_bias.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "lanner" / "data" / "bias"
EPOCHS = 400
L2 = 3e-4


def load_training() -> list[dict]:
    with (DATA / "training.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced binary logistic regression, L2, full-batch Nesterov momentum (no randomness)."""
    from lanner.classify.logistic import fit_balanced

    return fit_balanced(x, y, L2, EPOCHS)


def featurise(texts: list[str], precise: bool = False) -> np.ndarray:
    """Features come from the same function the pipeline runs, so training and inference agree."""
    from lanner.extract.framing.bias import features

    return features(texts, precise).astype(np.float64)


def train(precise: bool = False) -> None:
    rows = load_training()
    x = featurise([r["text"] for r in rows], precise)
    y = np.array([1.0 if r["biased"] else 0.0 for r in rows])
    w, b = fit(x, y)
    acc = float((((x @ w + b) >= 0) == (y == 1)).mean())
    head = {"dim": x.shape[1], "bias": round(b, 6), "weights": [round(float(v), 6) for v in w]}
    name = "head_precise" if precise else "head"
    (DATA / f"{name}.json").write_text(json.dumps(head) + "\n", encoding="utf-8")
    print(f"{name}: {len(rows)} sentences ({int(y.sum())} biased); training accuracy {acc:.3f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from lanner.classify.encoder import available

    train()
    if available():
        train(precise=True)
    else:
        print("contextual encoder not installed: head_precise.json left as it is")
