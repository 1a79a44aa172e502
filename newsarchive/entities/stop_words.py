"""spaCy's English stop words, without importing spaCy: its package brings in thinc, NumPy
and more (~0.5 s of CPU), and a site build, which reads data/'s registries through
names.py, needs nothing else of it."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _spacy_stop_words() -> set[str]:
    """The set spacy/lang/en/stop_words.py defines (a module of data alone), read from
    spaCy's installed files; through spaCy's import where that file is not as expected."""
    try:
        spec = importlib.util.find_spec("spacy")
        path = Path(spec.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
        namespace: dict = {}
        # (spaCy's own file, as its import would run it)
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102
        words = namespace["STOP_WORDS"]
        if isinstance(words, set) and all(isinstance(word, str) for word in words):
            return words
    except (AttributeError, TypeError, IndexError, KeyError, OSError, SyntaxError, ImportError):
        pass
    from spacy.lang.en.stop_words import STOP_WORDS

    return STOP_WORDS


STOP_WORDS = _spacy_stop_words()
