"""Author names: "By JOHN SMITH and Jane Doe" becomes ["John Smith", "Jane Doe"]."""

from __future__ import annotations

import re

_BY = re.compile(
    r"^\s*(?:(?:written|analysis|opinion|commentary|story|text|words|reporting)\s+)?by[:\s]+",
    re.I,
)
#: A label before the name where a byline says "Text:" rather than "by" (Wday's "Текст:
#: Венера Ерофеева", which trafilatura gives without its colon).
_LABEL = re.compile(r"^\s*(?:text|texto|texte|testo|текст|author|autor|автор)\s*:?\s+(?=\w)", re.I)
#: Date words a byline's markup ran into the name ("Carrie Arnold November", "Jeff Foust
#: Monday"). Not May, June, April or August, which are names too.
_DATE_WORDS = re.compile(
    r"(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february"
    r"|march|september|october|november|december))+$",
    re.I,
)
#: Letters after a name, split off as if they were names ("Ilana Muhlstein, MS, RDN").
_CREDENTIALS = {"ms", "ma", "mba", "md", "phd", "rd", "rdn", "rn", "mph", "msc", "bsc", "jd",
                "esq", "cpa", "dds", "np", "cscs", "ld", "lpn", "facp"}  # fmt: skip
#: "Finian Cunningham. Sputnik International": a name, a full stop, the outlet.
_SENTENCE_STOP = re.compile(r"(?<=[a-z]{2})\.\s+")
#: Between names: ';', ',', 'and', '&', '|'; but not the comma of "King, Jr.".
_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|\band\b|&|,(?!\s*(?:jr|sr|ii|iii|iv)\b\.?)|\|)\s*", re.I)
_NOT_A_NAME = re.compile(
    r"@|https?:|\b(staff|reporter|correspondent|editor|writer|agency|updated|published)\b", re.I
)
_ROLE_SUFFIX = re.compile(
    r"\s*[,(-]\s*(?:staff|senior|chief|special|political|\w+ correspondent).*$", re.I
)


def _title_case(name: str) -> str:
    """Shouting bylines become names; mixed case ("McNamara", "van der Berg") is kept, and so is
    an agency's short initials ("PTI", "RT")."""
    words = name.split()
    if name.isupper() and not (len(words) == 1 and len(name) <= 4):
        return " ".join(part.capitalize() for part in words)
    shouted = [w for w in words if w.isupper() and len(w) > 1]
    if 2 <= len(shouted) < len(words) and words[: len(shouted)] == shouted:
        return " ".join(w.capitalize() for w in shouted)  # "JILL LAWLESS Associated Press"
    return name


def _plausible(name: str) -> bool:
    """Not a credential, a login ("kevin-r", "jdadmin") or a two-letter fragment ("As")."""
    if " " in name:
        return True
    bare = name.lower().strip(".")
    return not (
        bare in _CREDENTIALS
        or "admin" in bare
        or name == name.lower()
        or (len(name) <= 2 and not name.isupper())
    )


def normalise_authors(raw: str | list[str] | None) -> list[str]:
    """A clean, de-duplicated list of author names from a byline or metadata value."""
    if not raw:
        return []
    pieces = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for piece in pieces:
        piece = _LABEL.sub("", _BY.sub("", " ".join(str(piece).split())))
        piece = _ROLE_SUFFIX.sub("", piece)
        for name in _SPLIT.split(piece):
            name = _DATE_WORDS.sub("", _SENTENCE_STOP.split(name.strip(" ,:;\"'"))[0])
            if name.endswith(".") and len(name.rsplit(None, 1)[-1]) > 4:
                name = name[:-1]  # a sentence's full stop, not "Jr." or an initial
            if not name or _NOT_A_NAME.search(name) or not 1 <= len(name.split()) <= 5:
                continue
            if _DATE_WORDS.fullmatch(" " + name) or not _plausible(name):
                continue
            name = _title_case(name)
            if name not in names:
                names.append(name)
    return names


#: "by" and then capitalised name words (particles allowed), stopping at " in News", dates etc.
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|von|de|der|da|di|du|la|le|bin|al)){0,4}"
_BY_NAMES = re.compile(rf"\b[Bb]y\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)")


def byline_names(text: str) -> list[str]:
    """Names from a visible byline: "Posted on March 3, 2017 by Anna Feld in News" -> [Anna Feld]."""
    match = _BY_NAMES.search(text)
    return normalise_authors(match.group(1)) if match else []
