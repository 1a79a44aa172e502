"""Near-duplicate articles: the same story re-scraped with another footer, a syndicated copy.

Bodies are compared as sets of 5-word shingles with MinHash, and candidates found with
locality-sensitive hashing (datasketch), so each new article is checked against the archive
without comparing it to every article.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
#: Estimated Jaccard similarity of shingle sets from which two bodies are one story.
THRESHOLD = 0.8


def signature(text: str) -> MinHash | None:
    """The MinHash of a body's shingles (None for a body too short to compare)."""
    words = re.findall(r"\w+", text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if len(shingles) < 10:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


class NearDuplicates:
    def __init__(self):
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def add(self, key: str, text: str) -> None:
        minhash = signature(text)
        if minhash is not None and key not in self.signatures:
            self.lsh.insert(key, minhash)
            self.signatures[key] = minhash

    def find(self, text: str, exclude: str | None = None) -> str | None:
        """The key of the most similar article at or above THRESHOLD, if there is one."""
        minhash = signature(text)
        if minhash is None:
            return None
        scored = [(minhash.jaccard(self.signatures[key]), key) for key in self.lsh.query(minhash)
                  if key != exclude]  # fmt: skip
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= THRESHOLD else None
