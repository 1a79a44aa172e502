"""Author names: "By JOHN SMITH and Jane Doe" becomes ["John Smith", "Jane Doe"]."""

from __future__ import annotations

import re

_BY = re.compile(r"^\s*(?:written\s+)?by[:\s]+", re.I)
#: Between names: ';', ',', 'and', '&', '|'; but not the comma of "King, Jr.".
_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|\band\b|&|,(?!\s*(?:jr|sr|ii|iii|iv)\b\.?)|\|)\s*", re.I)
_NOT_A_NAME = re.compile(
    r"@|https?:|\b(staff|reporter|correspondent|editor|writer|agency|updated|published)\b", re.I
)
_ROLE_SUFFIX = re.compile(
    r"\s*[,(-]\s*(?:staff|senior|chief|special|political|\w+ correspondent).*$", re.I
)


def _title_case(name: str) -> str:
    """Shouting bylines become names; mixed case ("McNamara", "van der Berg") is kept."""
    if name.isupper():
        return " ".join(part.capitalize() for part in name.split())
    return name


def normalise_authors(raw: str | list[str] | None) -> list[str]:
    """A clean, de-duplicated list of author names from a byline or metadata value."""
    if not raw:
        return []
    pieces = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for piece in pieces:
        piece = _ROLE_SUFFIX.sub("", _BY.sub("", " ".join(str(piece).split())))
        for name in _SPLIT.split(piece):
            name = name.strip(" ,:;\"'")
            if name.endswith(".") and len(name.rsplit(None, 1)[-1]) > 4:
                name = name[:-1]  # a sentence's full stop, not "Jr." or an initial
            if not name or _NOT_A_NAME.search(name) or not 1 <= len(name.split()) <= 5:
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
