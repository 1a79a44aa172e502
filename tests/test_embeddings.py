"""The numpy sentence encoder against sentence-transformers' own output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsarchive.entities.embeddings import SentenceEncoder, missing_model_files, model_dir

#: Computed with sentence-transformers and torch from the same model files (see "about").
REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm-reference.json").read_text())


@pytest.fixture(scope="module")
def encoder():
    missing = missing_model_files(model_dir())
    assert not missing, f"the model is not installed: {model_dir()} lacks {missing}"
    return SentenceEncoder(model_dir())


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


THREADS = """
import os, sys
{first}
import numpy
numpy.ones((400, 400)) @ numpy.ones((400, 400))
status = open(f"/proc/{{os.getpid()}}/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))
"""


def _threads(first: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    code = THREADS.format(first=first)
    return int(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)  # fmt: skip


@pytest.mark.skipif(not Path("/proc/self/status").exists() or (os.cpu_count() or 1) < 2,
                    reason="counts a process's threads in /proc, on a machine of two cores or more")  # fmt: skip
def test_numpy_runs_one_thread_a_process_once_newsarchive_is_imported():
    # (import --jobs N forks N workers that each run the model: a thread per core in each
    # spun against the others and made an import 2.3 times slower)
    assert _threads("") > 1  # numpy alone: a thread per core
    assert _threads("import newsarchive") == 1
