"""The language an article is written in: detected from its text, checked against the page.

Page templates often declare one language for every page (`<html lang="en">` on a site's
French stories too), and text dumps declare none; the text itself is the better witness.
py3langid (the langid.py model trafilatura uses) reads it in a fraction of a millisecond.
"""

from __future__ import annotations

from functools import lru_cache

#: A detection this sure overrides what the page declares.
OVERRIDE_PROBABILITY = 0.9
#: Below this, a detection is not used even when the page declares nothing.
MIN_PROBABILITY = 0.5
#: The opening of the text is enough, and keeps long articles cheap.
DETECT_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of the text's language; (None, 0.0) for no text."""
    sample = " ".join(text[:DETECT_CHARS].split())
    if not sample:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def sure_language(text: str) -> str | None:
    """The text's language when the detection is sure, else None (plain text declares none)."""
    detected, probability = detect_language(text)
    return detected if probability >= OVERRIDE_PROBABILITY else None


def article_language(declared: str | None, text: str) -> str | None:
    """A sure detection wins over the declaration; else the declaration; else a fair guess."""
    detected, probability = detect_language(text)
    if detected and probability >= OVERRIDE_PROBABILITY:
        return detected
    if declared:
        return declared
    return detected if probability >= MIN_PROBABILITY else None
