"""Person names as news text writes them: titles, honorifics, possessives, capitals.

"U.S. Defense Secretary Chuck Hagel" is Chuck Hagel, whose role is "U.S. Defense Secretary";
"Mr. Hagel's" is a mention of Hagel. Keys (`name_key`) compare names across spellings of
case, accents and punctuation.
"""

from __future__ import annotations

import re

from unidecode import unidecode

#: Words that precede a name as a title or role, never part of it (compared lower-case, no dots).
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "deputy",
        "assistant",
        "undersecretary",
        "under",
        "foreign",
        "defense",
        "defence",
        "state",
        "interior",
        "finance",
        "chancellor",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "lt",
        "gen",
        "general",
        "adm",
        "admiral",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "cpl",
        "chief",
        "justice",
        "judge",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "rev",
        "reverend",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "cfo",
        "director",
        "leader",
        "former",
        "acting",
        "interim",
        "then",
        "commissioner",
        "speaker",
        "premier",
        "president-elect",
        "sheikh",
        "ayatollah",
        "cardinal",
        "archbishop",
        "bishop",
        "officer",
        "agent",
        "detective",
        "inspector",
        "superintendent",
        "coach",
        "manager",
        "attorney",
        "counsel",
        "councillor",
        "councilman",
        "councilwoman",
        "alderman",
        "minister-president",
        "first",
        "u.s",
        "us",
        "uk",
        "eu",
        "un",
        "nato",
        "white",
        "house",
        "russian",
        "american",
        "british",
        "chinese",
        "french",
        "german",
        "israeli",
        "iranian",
        "ukrainian",
        "syrian",
    ]
)
#: Lower-case particles that may stand inside a name ("Ludwig van Beethoven", "Bashar al-Assad").
PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "st",
    ]
)
#: Capitalised words NER sometimes takes for a name on their own.
NOT_NAMES = frozenset(
    [
        "defense",
        "defence",
        "state",
        "house",
        "senate",
        "congress",
        "god",
        "lord",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "covid",
        "twitter",
        "facebook",
        "google",
    ]
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def name_key(name: str) -> str:
    """A comparison key: no accents, case, dots or hyphen differences."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", unidecode(name).lower().replace(".", "")).split())


def _bare(token: str) -> str:
    return token.lower().strip(".,")


def is_title_word(token: str) -> bool:
    return _bare(token) in TITLE_WORDS


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title tokens, name tokens): leading title words come off a name."""
    i = 0
    while i < len(tokens) - 1 and (is_title_word(tokens[i]) or tokens[i].lower() == "of"):
        i += 1
    return tokens[:i], tokens[i:]


def plausible_name(tokens: list[str]) -> bool:
    """A cleaned name looks like a person's: 1-5 capitalised words, no digits, no acronyms."""
    if not 1 <= len(tokens) <= 5:
        return False
    if len(tokens) == 1 and (_bare(tokens[0]) in NOT_NAMES or is_title_word(tokens[0])):
        return False
    for token in tokens:
        if any(ch.isdigit() for ch in token) or token.lower() in ("the", "and", "of"):
            return False
        if token.lower() in PARTICLES:
            continue
        if not token[:1].isupper():
            return False
        letters = [c for c in token if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and len(tokens) == 1:
            return False  # "NTI", "AP": an acronym alone is an organisation
    return True


def surname(tokens: list[str]) -> str:
    """The last name word, without a generational suffix ("King, Jr." -> King)."""
    words = [t for t in tokens if _bare(t) not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1].strip(",") if words else tokens[-1]


def recase_shouting(text: str) -> str:
    """Text that is mostly capitals, with each word capitalised, so NER can read it.

    Only characters whose lower case has the same length change, so offsets stay valid.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    out = []
    previous = " "
    for ch in text:
        lower = ch.lower()
        out.append(ch if not previous.isalpha() or len(lower) != 1 else lower)
        previous = ch
    return "".join(out)
