"""Choosing among an article's candidate topics by how close each is in meaning to the article.

Keyword scores alone over-tag long articles: a match report whose club chairman talks about
the council's budget for a paragraph clears the Public finances threshold. Each candidate's
keyword strength is weighed against the cosine between two sentence embeddings
(all-MiniLM-L6-v2, embeddings.py): the article's opening and a short text describing the
topic. A candidate is kept when

    z = ln(strength / best strength) + MEANING_WEIGHT * (cosine - best cosine)

is within ln(MEANING_MIN_SHARE) of the best z, or when the article names it (its own name in
the body, a specific cue in the headline: topics.named_topics) and the keyword rule alone
would keep it. Candidates are the topics over their keyword threshold and those proposed
below it (PROPOSAL_SHARE of it at least) that are close in meaning (PROPOSAL_MIN_COSINE).
With MEANING_WEIGHT 0 this is the keyword rule with a share of MEANING_MIN_SHARE.

It is the default when the model is installed; NEWSARCHIVE_TOPIC_SELECTION=keywords turns it
off. Without the named topics' exception the seed article (the issue's own example) lost
Nuclear disarmament, which it names in one off-centre sentence.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsarchive.entities.embeddings import (
    MODEL_ENV,
    MODEL_PACKAGE,
    SentenceEncoder,
    missing_model_files,
    model_dir,
)

if TYPE_CHECKING:
    from newsarchive.entities.topics import Topic

#: The article's meaning is read from its first this many words (its lede): the opening
#: says what a story is about, the rest wanders (an embedding of the whole article's 200-word
#: chunks, averaged, scored the same on the development sets and costs a pass per chunk).
LEDE_WORDS = 200
#: A topic's text lists its strongest keywords: at most this many, of at least this weight.
TOPIC_KEYWORDS = 8
TOPIC_KEYWORD_MIN_WEIGHT = 2.0
#: How much closeness in meaning counts against keyword strength, and how far below the best
#: candidate's z a topic may be. Both from the embedding experiment on the development sets
#: (dev, Lee A/B, BBC, the long web pages), never the held-out test set: their mean F1 is
#: 0.817-0.829 for any weight from 4 to 8 and share from 0.35 to 0.5, a flat range that these
#: values sit inside (0.825).
MEANING_WEIGHT = 5.0
MEANING_MIN_SHARE = 0.35
#: The keyword threshold is a high bar for what an article is about, and a quarter of the
#: development sets' gold topics never reached it (an article about a hijacking that says
#: "plane" once and "flight" twice). By meaning, a topic scoring at least PROPOSAL_SHARE of
#: its threshold is a candidate too when its cosine to the lede reaches PROPOSAL_MIN_COSINE
#: (cosines to unrelated topics sit around 0; 0.12 is about the 90th percentile over all
#: topics), and then competes like the others. Chosen on the development sets, mean F1 0.833
#: -> 0.859 (flat from 0.854 to 0.860 for a share of 0.3-0.4 and a cosine of 0.05-0.18); the
#: Lee check set, never tuned on, rose from 0.603 to 0.758.
PROPOSAL_SHARE = 0.3
PROPOSAL_MIN_COSINE = 0.12

#: "keywords" (the keyword rule alone, topics.SECONDARY_MIN_SHARE) or "meaning" (this module).
SELECTION_ENV = "NEWSARCHIVE_TOPIC_SELECTION"
DEFAULT_SELECTION = "meaning"

_warned: set[str] = set()


def topic_text(topic: Topic) -> str:
    """What a topic's embedding is computed from: "Name: description Keywords: a, b, c."."""
    weights = {**topic.phrases, **topic.lemmas}
    ranked = sorted(weights.items(), key=lambda item: -item[1])  # stable: ties in YAML order
    keywords: list[str] = []
    for word, weight in ranked:
        if weight >= TOPIC_KEYWORD_MIN_WEIGHT and not any(
            _variant(word, kept) for kept in keywords
        ):
            keywords.append(word)
    return f"{topic.name}: {topic.description} Keywords: {', '.join(keywords[:TOPIC_KEYWORDS])}."


def _variant(word: str, other: str) -> bool:
    """Two spellings of one keyword ("air strike" and "airstrike", "defence" and "defense",
    "-isation" and "-ization"): the same letters once spaces are dropped, or but one letter
    apart in words of 6 letters or more. A variant would take one of the topic text's few
    keyword places and say nothing new."""
    a, b = word.replace(" ", ""), other.replace(" ", "")
    if a == b:
        return True
    return len(a) == len(b) >= 6 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def lede(body: str) -> str:
    return " ".join(body.split()[:LEDE_WORDS])


@lru_cache(maxsize=2)
def _encoder_at(folder: Path) -> SentenceEncoder:
    return SentenceEncoder(folder)


def topic_encoder() -> SentenceEncoder | None:
    """The model when topics are chosen by meaning, loaded once per process; None when they are
    chosen by keywords, or (after one warning line) when the model is missing."""
    selection = os.environ.get(SELECTION_ENV) or DEFAULT_SELECTION
    if selection not in ("keywords", "meaning"):
        raise RuntimeError(f"{SELECTION_ENV} is 'keywords' or 'meaning', not {selection!r}")
    if selection == "keywords":
        return None
    folder = model_dir()
    missing = missing_model_files(folder)
    if not missing:
        return _encoder_at(folder)
    where = str(folder) if folder else f"package {MODEL_PACKAGE}"
    if where not in _warned:
        _warned.add(where)
        print(
            f"warning    topic model not found ({where} lacks {', '.join(missing)}): topics are "
            f"chosen by keywords alone; `make` installs it, or set {MODEL_ENV} to its folder",
            file=sys.stderr,
        )
    return None


_topic_vectors: dict[str, dict[str, np.ndarray]] = {}
#: The last taxonomy list seen, and its vectors' key: a tagger asks for the same list for
#: every article, and its 114 topic texts took ~7 ms to write again each time.
_last_key: tuple[list[Topic] | None, str, str] = (None, "", "")


def topic_vectors(encoder: SentenceEncoder, topics: list[Topic]) -> dict[str, np.ndarray]:
    """Each topic's unit embedding by slug, computed once per taxonomy and model."""
    global _last_key
    seen, fingerprint, digest = _last_key
    if seen is not topics or fingerprint != encoder.fingerprint:
        texts = [topic_text(t) for t in topics]
        digest = hashlib.sha256("\n".join([encoder.fingerprint, *texts]).encode()).hexdigest()
        _last_key = (topics, encoder.fingerprint, digest)
        if digest not in _topic_vectors:
            vectors = encoder.encode(texts)
            _topic_vectors[digest] = {t.slug: v for t, v in zip(topics, vectors, strict=True)}
    return _topic_vectors[digest]


def closeness(
    encoder: SentenceEncoder, topics: list[Topic], body: str, slugs: list[str]
) -> dict[str, float]:
    """Cosine between the article's lede and each of the given topics."""
    vectors = topic_vectors(encoder, topics)
    article = encoder.encode([lede(body)])[0]
    return {slug: float(article @ vectors[slug]) for slug in slugs}


def select_by_meaning(
    strength: dict[str, float],
    cosine: dict[str, float],
    names: dict[str, str],
    most: int,
    named: set[str] = frozenset(),
    named_min_share: float = 0.0,
) -> list[str]:
    """The slugs kept, best z first (ties by name), at most `most` of them. A topic the article
    names (topics.named_topics) is kept on keyword strength alone, at `named_min_share` of the
    strongest, as the keyword rule would: the meaning of a paragraph or two is not the meaning
    of the whole article, so meaning cannot overrule the article's own words."""
    best_strength = max(strength.values())
    best_cosine = max(cosine.values())
    z = {
        slug: math.log(s / best_strength) + MEANING_WEIGHT * (cosine[slug] - best_cosine)
        for slug, s in strength.items()
    }
    floor = max(z.values()) + math.log(MEANING_MIN_SHARE)
    kept = sorted(
        (
            slug
            for slug in z
            if z[slug] >= floor
            or (slug in named and strength[slug] >= named_min_share * best_strength)
        ),
        key=lambda s: (-z[s], names[s]),
    )
    return kept[:most]
