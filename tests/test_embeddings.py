"""The numpy sentence encoder against sentence-transformers' own output."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsarchive.entities.embeddings import MODEL_FILES, load_encoder, model_dir

#: Computed with sentence-transformers and torch from the same model files (see "about").
REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm-reference.json").read_text())


@pytest.fixture(scope="module")
def encoder():
    found = load_encoder()
    assert found is not None, f"the model is not installed: {model_dir()} lacks {MODEL_FILES}"
    return found


def test_encoder_matches_sentence_transformers(encoder):
    vectors = encoder.encode(REFERENCE["sentences"])
    assert vectors.shape == (len(REFERENCE["sentences"]), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for index, dims in REFERENCE["first_dims"].items():
        assert vectors[int(index), :8] == pytest.approx(dims, abs=2e-5), index
    for pair in REFERENCE["cosines"]:
        a, b = pair["pair"]
        assert float(vectors[a] @ vectors[b]) == pytest.approx(pair["cosine"], abs=2e-5), pair


def test_batching_and_order_do_not_change_embeddings(encoder):
    texts = REFERENCE["sentences"]
    together = encoder.encode(texts)
    alone = np.stack([encoder.encode([t])[0] for t in reversed(texts)])[::-1]
    assert np.abs(together - alone).max() < 1e-5


@pytest.mark.parametrize("text", ["", "   ", "?!", "中国外交部长王毅表示欢迎。", "word " * 2000])
def test_odd_texts_give_unit_vectors(encoder, text):
    [vector] = encoder.encode([text])
    assert np.isfinite(vector).all() and abs(np.linalg.norm(vector) - 1) < 1e-5
