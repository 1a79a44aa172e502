"""benchmarks/synthetic.py's archives are measured against real news: the issue's ~600-word
articles, real word lengths and a vocabulary that grows as a real archive's does (the output's
bytes per article and the search index's size follow all three)."""

from __future__ import annotations

import re
import sys
from collections import Counter

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic  # noqa: E402


def test_articles_are_600_words_of_real_length_and_the_vocabulary_follows_heaps_law(tmp_path):
    synthetic.generate(tmp_path, 1000)
    files = sorted((tmp_path / "content" / "articles").rglob("*.md"))
    assert len(files) == 1000
    bodies = [path.read_text(encoding="utf-8").split("\n\n", 1)[1] for path in files]
    assert {len(body.split()) for body in bodies} <= {600, 601}  # (601: the rare word's)
    text = "\n".join(bodies)
    # the English pages of the extraction benchmark: 6.1 bytes and 4.8 letters a word
    assert 5.9 <= len(text.encode()) / len(text.split()) <= 6.3
    spaced = text.split()  # numbers and commas (real pages: 3.0 % and 5.0 %)
    assert 0.02 <= sum(any(c.isdigit() for c in w) for w in spaced) / len(spaced) <= 0.03
    assert 0.04 <= sum(w.endswith(",") for w in spaced) / len(spaced) <= 0.05
    letters = re.findall(r"[A-Za-z']+", text)
    assert 4.7 <= sum(map(len, letters)) / len(letters) <= 5.1
    words = re.findall(r"\w+", text.lower())
    counts = Counter(words)
    heaps = 44 * len(words) ** 0.49  # Reuters RCV1: a stopped vocabulary had 39,000 here
    assert 0.9 * heaps <= len(counts) <= 1.1 * heaps  # (here 1.095: numbers are words too)
    assert 0.05 <= counts["the"] / len(words) <= 0.07
    assert counts[synthetic.RARE_WORD] == 1


def test_invented_words_are_distinct_and_longer_the_rarer():
    first = [synthetic.invented(n) for n in range(20_000)]
    assert len(set(first)) == len(first)
    assert len(first[0]) < len(first[-1])
    assert synthetic.invented(10**12).isalpha()


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    for name in ("a", "b"):
        synthetic.generate(tmp_path / name, 30)
    a = sorted((tmp_path / "a" / "content").rglob("*.md"))
    b = sorted((tmp_path / "b" / "content").rglob("*.md"))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
