"""Near-duplicate articles: the same story re-scraped with another footer, a syndicated copy.

Bodies are compared as sets of 5-word shingles with MinHash, and candidates found with
locality-sensitive hashing (datasketch), so each new article is checked against the archive
without comparing it to every article.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
#: datasketch's hashing scheme, named so cached signatures always match new ones.
SCHEME = "affine32"
#: Estimated Jaccard similarity of shingle sets from which two bodies are one story.
THRESHOLD = 0.8
#: The similarity the LSH index is tuned to find candidates at. Tuned to THRESHOLD itself (5
#: bands of 11 rows of the 64 values), it offered a pair at 0.8 as a candidate a third of the
#: time, at 0.9 five times in six: a re-scrape with one paragraph of ten changed was missed
#: about a third of the time. At 0.5 (14 bands of 4), a pair at 0.75 is a candidate 995 times
#: in 1,000; candidates are then held to THRESHOLD by their estimated similarity.
CANDIDATES_FROM = 0.5
#: A candidate whose estimate is this close to THRESHOLD or above is compared with the body
#: itself, where the index can read it (text_of): with 64 values an estimate is off by ~0.05,
#: and a copy at 0.85 came out under 0.8 one time in seven.
VERIFIED_FROM = THRESHOLD - 0.15


@lru_cache(maxsize=1)
def _permutations():
    """Drawn once: datasketch would draw them again for every MinHash (most of its cost)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _minhash(hashvalues=None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=hashvalues,
                   permutations=_permutations())  # fmt: skip


def shingles(text: str) -> set[str]:
    """A body's runs of SHINGLE_WORDS words, lower-cased."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def signature(text: str) -> MinHash | None:
    """The MinHash of a body's shingles (None for a body too short to compare)."""
    return signature_of(shingles(text))


def signature_of(runs: set[str]) -> MinHash | None:
    """The MinHash of a set of shingles (None for fewer than 10: too short to compare)."""
    if len(runs) < 10:
        return None
    minhash = _minhash()
    minhash.update_batch([run.encode("utf-8") for run in runs])
    return minhash


class SignatureCache:
    """Signatures of bodies by the SHA-256 of their text, kept between runs.

    Computing them is most of the cost of opening a large archive's near-duplicate index
    (about a millisecond a body: a minute at 50,000 articles). The cache is derived data:
    missing, stale or unreadable, it is simply rebuilt.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, np.ndarray] = {}
        self.changed = False
        if path is not None and path.exists():
            try:
                with np.load(path) as stored:
                    keys, values = stored["keys"], stored["values"]
                if values.shape[1:] == (NUM_PERM,):
                    self.known = dict(zip(keys.tolist(), values, strict=True))
            except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                self.known = {}

    def signature(self, text: str) -> tuple[str, MinHash | None]:
        """(the text's digest, its signature), from the cache when it is there."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if (values := self.known.get(digest)) is not None:
            return digest, _minhash(values)
        minhash = signature(text)
        if minhash is not None:
            self.known[digest] = minhash.hashvalues
            self.changed = True
        return digest, minhash

    def save(self, keep: set[str]) -> None:
        """Write the signatures of the `keep` digests, atomically, if anything changed."""
        if self.path is None or not (self.changed or set(self.known) - keep):
            return
        items = [(k, v) for k, v in self.known.items() if k in keep]
        keys = np.array([k for k, _ in items], dtype="U64")
        values = np.array([v for _, v in items], dtype=np.uint64).reshape(-1, NUM_PERM)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".near-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as out:
                np.savez(out, keys=keys, values=values)
            os.replace(tmp, self.path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise OSError(err.errno, err.strerror, str(self.path)) from err
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.changed = False


class NearDuplicates:
    """The index of an archive's bodies; `text_of(key)` gives a body back (None if gone), for
    candidates to be compared on their shingles, not their estimates."""

    def __init__(self, cache: Path | None = None, text_of: Callable[[str], str | None] | None = None):  # fmt: skip
        self.lsh = MinHashLSH(threshold=CANDIDATES_FROM, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.digests: dict[str, str] = {}
        self.cache = SignatureCache(cache)
        self.text_of = text_of

    def add(self, key: str, text: str) -> None:
        if key in self.signatures:
            return
        digest, minhash = self.cache.signature(text)
        if minhash is not None:
            self.lsh.insert(key, minhash)
            self.signatures[key] = minhash
            self.digests[key] = digest

    def save(self) -> None:
        """Keep the signatures of the bodies in the index (and only those) for the next run."""
        self.cache.save(set(self.digests.values()))

    def find(self, text: str, exclude: str | None = None) -> str | None:
        """The key of the most similar article at or above THRESHOLD, if there is one."""
        body = shingles(text)
        minhash = signature_of(body)
        if minhash is None:
            return None
        scored = [(minhash.jaccard(self.signatures[key]), key) for key in self.lsh.query(minhash)
                  if key != exclude]  # fmt: skip
        if self.text_of is not None:
            scored = [
                (jaccard(body, shingles(other)), key)
                for estimate, key in scored
                if estimate >= VERIFIED_FROM and (other := self.text_of(key)) is not None
            ]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= THRESHOLD else None
