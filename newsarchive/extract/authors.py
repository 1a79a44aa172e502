"""Author names: "By JOHN SMITH and Jane Doe" becomes ["John Smith", "Jane Doe"]."""

from __future__ import annotations

import re

_BY = re.compile(
    r"^\s*(?:(?:written|analysis|opinion|commentary|story|text|words|reporting)\s+)?by[:\s]+",
    re.I,
)
#: A label before the name where a byline says "Text:" rather than "by" (Wday's "Текст:
#: Венера Ерофеева", which trafilatura gives without its colon).
_LABEL_WORDS = "text|texto|texte|testo|текст|author|autor|автор"
_LABEL = re.compile(rf"^\s*(?:{_LABEL_WORDS})\s*:?\s+(?=\w)", re.I)
#: "By" in the other languages of European news, before a capitalised name of two words or
#: more (French, German, Spanish and Portuguese, Dutch, Italian, Swedish, Danish; Greek's "Του"
#: and "Της", which leave the name in the genitive it is written in): so "von der Leyen" and
#: "Di Stefano" keep their particle.
_FOREIGN_BY_WORDS = "par|von|por|door|di|av|af|του|της"
_FOREIGN_BY = re.compile(rf"^\s*(?:{_FOREIGN_BY_WORDS})\s+(?=\S+\s+\S)", re.I)
#: Arabic's "by": "بقلم" ("by the pen of"), and "كتب:" ("wrote:") with its colon only, as
#: "كتب" alone is a verb, or "books", opening a sentence. Arabic has no capitals to tell a
#: name by: the name is the Arabic words after it (two to five).
_ARABIC_BY = r"^\s*(?:بقلم\s*:?|كتبت?\s*:)\s*"
_ARABIC_WORD = "[\u0621-\u064a\u0671-\u06d3]+"
_ARABIC_NAME = rf"{_ARABIC_WORD}(?:\s+{_ARABIC_WORD}){{1,4}}"
_OPENED_ARABIC_NAMES = re.compile(rf"{_ARABIC_BY}({_ARABIC_NAME}(?:\s*[،,]\s*{_ARABIC_NAME})*)")
#: "And" between two names in those languages ("Jürgen Weiß und Käthe Groß"), each of two words
#: or more, so a name joined by one ("José Ortega y Gasset", "Ana Silva e Costa") stays whole.
_AND_WORDS = "und|et|y|e|i|и|і|και|oraz|en|och|og"
_FOREIGN_AND = re.compile(rf"\s+(?:{_AND_WORDS})\s+")
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
_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|\band\b|&|,(?!\s*(?:jr|sr|ii|iii|iv)\b\.?)|\||،)\s*", re.I)
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


def _without_by(piece: str) -> str:
    """A byline without its "By", "Par" or "Von" (only before a capitalised name)."""
    piece = re.sub(_ARABIC_BY, "", _BY.sub("", piece))
    found = _FOREIGN_BY.match(piece)
    return piece[found.end() :] if found and piece[found.end()].isupper() else piece


def _joined_names(name: str) -> list[str]:
    """Two names joined by another language's "and", or the one name that holds it."""
    parts = _FOREIGN_AND.split(name)
    return parts if all(len(part.split()) >= 2 for part in parts) else [name]


def normalise_authors(raw: str | list[str] | None) -> list[str]:
    """A clean, de-duplicated list of author names from a byline or metadata value."""
    if not raw:
        return []
    pieces = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for piece in pieces:
        piece = " ".join(str(piece).split())
        # (a byline opened by another language's "by" holds its names and then anything: a
        # date's "le 14 décembre", "de notre rédaction"; a name of one word after it is a
        # name with its particle, "Di Stefano", as in _without_by)
        opened = _opened_byline(piece)
        if opened and len(opened.group(1).split()) >= 2:
            piece = opened.group(1)
        else:
            piece = _LABEL.sub("", _without_by(piece))
        piece = _ROLE_SUFFIX.sub("", piece)
        for name in (n for part in _SPLIT.split(piece) for n in _joined_names(part)):
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


#: The capital letters of the Latin, Greek and Cyrillic alphabets ("Élodie", "Σταύρου", "Дарья").
_UPPER = "".join(
    c for start, end in ((0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x52F))
    for c in map(chr, range(start, end + 1)) if c.isupper()
)  # fmt: skip
#: "by" and then capitalised name words (particles allowed), stopping at " in News", dates etc.
_WORD = rf"[{_UPPER}][\w.'’-]+"
#: A name's particles ("van der Berg", "de La Fontaine"), each only before more of the name:
#: "Par Jeanne Dupont le 14 décembre" is Jeanne Dupont, not "Jeanne Dupont le", and "Jan van
#: der Berg" was "Jan van de", the "de" of "der".
_PARTICLES = "van|von|de|der|den|del|della|dei|da|das|dos|do|di|du|la|le|zu|ter|ten|bin|ibn|al|el"
_MORE = rf"\s+(?:(?:{_PARTICLES})\s+)*{_WORD}"
_NAME = rf"{_WORD}(?:{_MORE}){{0,4}}"
#: Names joined by "and" in any of those languages; after "en", which is "in" in Spanish and
#: French ("Por Ana García en Madrid"), only a name of two words or more (Dutch's "and").
_NAMES = (
    rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}|\s+(?!en\s)(?:{_AND_WORDS})\s+{_NAME}"
    rf"|\s+en\s+{_WORD}(?:{_MORE}){{1,4}})*"
)
_BY_NAMES = re.compile(rf"\b[Bb]y\s+({_NAMES})")
#: A byline that opens with another language's "by" or a label ("Par Élodie Marchetti",
#: "Autor: Małgorzata Wójcik"): the names from its start.
_OPENED_NAMES = re.compile(rf"^\s*(?i:{_FOREIGN_BY_WORDS}|{_LABEL_WORDS})\s*:?\s+({_NAMES})")


def opens_byline(line: str) -> bool:
    """A line that opens with another language's "by" or a label before a name."""
    return _opened_byline(line) is not None


def _opened_byline(line: str) -> re.Match | None:
    """The match of a byline opened by another language's "by" or a label: its group 1
    the names ("Par Élodie Marchetti", "بقلم: أحمد خالد")."""
    return _OPENED_NAMES.match(line) or _OPENED_ARABIC_NAMES.match(line)


def byline_names(text: str) -> list[str]:
    """Names from a visible byline: "Posted on March 3, 2017 by Anna Feld in News" -> [Anna Feld],
    "Von Jürgen Weiß und Käthe Groß, 3. Oktober 2020" -> [Jürgen Weiß, Käthe Groß]."""
    match = _BY_NAMES.search(text) or _opened_byline(text)
    return normalise_authors(match.group(1)) if match else []
