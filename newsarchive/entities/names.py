"""Person names as news text writes them: titles, honorifics, possessives, capitals.

"U.S. Defense Secretary Chuck Hagel" is Chuck Hagel, whose role is "U.S. Defense Secretary";
"Mr. Hagel's" is a mention of Hagel. Keys (`name_key`) compare names across spellings of
case, accents and punctuation.
"""

from __future__ import annotations

import bisect
import re

from unidecode import unidecode

from newsarchive.entities.stop_words import STOP_WORDS

#: Words that precede a name as a title or role, never part of it (compared lower-case, no dots).
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady madam president vice prime
    minister secretary deputy assistant undersecretary under foreign defense defence state
    interior finance chancellor senator sen rep representative congressman congresswoman gov
    governor lt gen general adm admiral col colonel maj major capt captain sgt sergeant cpl
    chief justice judge mayor king queen prince princess emperor pope rev reverend
    ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair ceo cfo
    director leader former acting interim then commissioner speaker premier president-elect
    sheikh ayatollah cardinal archbishop bishop officer agent detective inspector
    superintendent coach manager attorney counsel councillor councilman councilwoman
    alderman cllr det insp supt fr minister-president treasurer coroner magistrate rabbi
    pastor first u.s us uk eu un nato white house russian american british chinese french german israeli iranian
    ukrainian syrian""".split()
)
#: Job words written in lower case right before a name ("said Chamber economist Nadia
#: Furlan"): a name the small model labels an organisation or a place there is a person's.
ROLE_NOUNS = frozenset(
    """economist analyst strategist spokesman spokeswoman spokesperson lawyer attorney
    professor researcher scientist historian author writer novelist poet journalist reporter
    correspondent editor columnist photographer director producer actor actress singer
    musician artist designer architect engineer executive chairman chairwoman founder
    co-founder minister secretary senator governor mayor ambassador adviser advisor
    consultant official officer coach manager captain striker midfielder defender goalkeeper
    teammate quarterback pitcher doctor surgeon nurse teacher investor banker entrepreneur
    activist campaigner candidate lawmaker legislator councillor commissioner inspector
    detective prosecutor judge""".split()
)
#: Titles only a person's name follows: the small model now and then labels a name with one
#: an organisation ("Councillor Ilse Varkonyi, who chairs ..."), which no firm is named like.
PERSONAL_TITLES = frozenset(
    "councillor councilman councilwoman cllr alderman mayor senator congressman congresswoman".split()
)
_ROLE_NOUN_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z-]+) $")


def after_role_noun(text: str, start: int) -> bool:
    """The name at `start` follows a lower-case job word directly ("economist Nadia Furlan")."""
    found = _ROLE_NOUN_BEFORE.search(text[max(0, start - 30) : start])
    return found is not None and found.group(1) in ROLE_NOUNS


def titled_full_name(name: str) -> bool:
    """A personal title, then a full name ("Councillor Ilse Varkonyi"): a person's, whatever
    the model labelled it."""
    title, _, rest = name.partition(" ")
    return _bare(title) in PERSONAL_TITLES and looks_like_a_full_name(rest)


def looks_like_a_full_name(name: str) -> bool:
    """Two or three capitalised words that could be a person's name ("Nadia Furlan"), and no
    word of them one an organisation's name ends with ("Capital Economics": ORG_ENDINGS)."""
    tokens = name.split()
    return (
        2 <= len(tokens) <= 3
        and all(
            t[:1].isupper() and t[1:].islower() and t.replace("-", "").isalpha() for t in tokens
        )
        and not any(_bare(t) in ORG_ENDINGS for t in tokens)
        and plausible_name(tokens)
    )


#: Lower-case particles that may stand inside a name ("Ludwig van Beethoven", "Bashar al-Assad").
PARTICLES = frozenset("""van von de der den del della da di du la le bin ibn al el st""".split())
#: Capitalised words NER sometimes takes for a name on their own.
NOT_NAMES = frozenset(
    """defense defence state house senate congress god lord monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december christmas easter covid twitter facebook google""".split()
)
#: A last word that makes a capitalised pair an organisation, a place or a work, not a person.
ORG_ENDINGS = frozenset(
    """productions cup state herald times post tribune journal gazette news reports report live
    arena center centre stadium hospital bank airlines airways motors records studios
    entertainment media partners capital fund council committee party union association
    agency ministry department club fc team works systems group inc corp corporation llc ltd
    company university college institute foundation school academy church mosque temple
    order league tour awards festival grumman checker fact horizon habitats street avenue
    road square park river lake mountain island islands county city province district
    airport station pavilion falls democrats republicans conservatives liberals socialists
    timeline thunder terminal terminals holdings industries enterprises technologies
    solutions services labs laboratories pharmaceuticals logistics shipping analytics
    dynamics ventures brands economics research consulting advisors associates securities
    affairs juniors seniors
    markets insights design studio studios amphitheatre amphitheater monthly weekly
    united rovers wanderers athletic albion palace forest""".split()
)
#: A last word that names a product's model or version ("Mac Pro", "Chromecast Ultra",
#: "Switch Lite", "Night Mode"): the small model reads such pairs as people, and no one's
#: surname is one of these. ("Max", "Plus" and "Smart" are surnames too, so are not here.)
PRODUCT_ENDINGS = frozenset("""pro mini ultra lite edition mode bundle""".split())
#: A first word that makes a capitalised pair a place ("Mt Kembla", "Port Moresby", "Cape
#: Town", "Fort Worth", "Greater Sydney": a city with its suburbs): no one's given name is
#: one of these.
PLACE_OPENINGS = frozenset("""mt mount port cape fort greater""".split())
#: A first word that makes a capitalised pair a sport's governing body ("Soccer Australia",
#: "Tennis Canada", "Netball New Zealand"): no one's given name is a sport.
SPORT_OPENINGS = frozenset(
    """soccer football cricket tennis netball rugby hockey swimming athletics basketball
    baseball softball golf cycling rowing sailing boxing gymnastics triathlon""".split()
)
#: Letters after a name ("Terence Cole QC", "Jane Smith MP"): honours and offices, no part of
#: the name, or the same person would have a second page.
POST_NOMINALS = frozenset("""qc kc sc mp mep mla mlc mhr msp obe mbe cbe kbe dbe phd""".split())
#: Capitalised at the start of a sentence, the model sometimes reads these as part of a name
#: ("Later Trump said").
SENTENCE_OPENERS = STOP_WORDS | {
    "later", "earlier", "meanwhile", "separately", "instead", "still", "yesterday", "today",
    "tonight", "tomorrow", "asked", "speaking", "writing", "according", "dear", "thanks", "hosting",
}  # fmt: skip
#: Arabic and other prefixed name parts: "al-Assad", "el-Sisi", "bin-Salman".
_PREFIXED = re.compile(
    r"^(?:al|el|ad|ash|as|at|az|an|ar|ibn|bin|abu|ben|d|de|di|da|du|la|le)[-'’][A-Z]"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def name_key(name: str) -> str:
    """A comparison key: no accents, case, dots or hyphen differences."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", unidecode(name).lower().replace(".", "")).split())


def _bare(token: str) -> str:
    return token.lower().strip(".,")


def is_title_word(token: str) -> bool:
    return _bare(token) in TITLE_WORDS


def is_role_word(token: str) -> bool:
    """A title ("Secretary") or a job word ("lawyer", "LAWYER"): either comes before a name as
    its role, never as its first word."""
    return is_title_word(token) or _bare(token) in ROLE_NOUNS


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title tokens, name tokens): leading title and job words come off a name ("Lawyer
    Patrick O'Neill", where a sentence or an article in capitals capitalised the job word)."""
    i = 0
    while i < len(tokens) - 1 and (is_role_word(tokens[i]) or tokens[i].lower() == "of"):
        i += 1
    return tokens[:i], tokens[i:]


def plausible_name(tokens: list[str]) -> bool:
    """A cleaned name looks like a person's: 1-5 capitalised words, no digits, no acronyms."""
    if not 1 <= len(tokens) <= 5:
        return False
    if len(tokens) == 1 and (_bare(tokens[0]) in NOT_NAMES or is_title_word(tokens[0])):
        return False
    if len(tokens) > 1 and _bare(tokens[-1]) in ORG_ENDINGS | PRODUCT_ENDINGS:
        return False
    if len(tokens) > 1 and _bare(tokens[0]) in PLACE_OPENINGS | SPORT_OPENINGS:
        return False
    for token in tokens:
        if any(ch.isdigit() for ch in token) or token.lower() in ("the", "and", "of"):
            return False
        if token.lower() in PARTICLES or _PREFIXED.match(token):
            continue
        if not token[:1].isupper():
            return False
        letters = [c for c in token if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and len(tokens) == 1:
            return False  # "NTI", "AP": an acronym alone is an organisation
    return True


def is_full_name(tokens: list[str]) -> bool:
    """Two words or more, not starting with a particle ("von Moltke" is a surname)."""
    return len(tokens) > 1 and tokens[0].lower() not in PARTICLES


def given_name_first(name: str) -> str | None:
    """A name typed surname first, as in an index ("Lavrov, Sergei"), in the order the text
    writes it ("Sergei Lavrov"); None for another name ("Martin Luther King, Jr.")."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) != 2 or not all(parts) or _bare(parts[1]) in GENERATIONAL_SUFFIXES:
        return None
    return f"{parts[1]} {parts[0]}"


#: What follows a surname and is none ("King, Jr."), compared lower-case, no dots.
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv".split())


def surname(tokens: list[str]) -> str:
    """The last name word, without a generational suffix ("King, Jr." -> King)."""
    words = [t for t in tokens if _bare(t) not in GENERATIONAL_SUFFIXES]
    return words[-1].strip(",") if words else tokens[-1]


class Covered:
    """Character ranges already claimed by a mention; membership by bisection, not a scan."""

    def __init__(self, ranges: list[tuple[int, int]] | None = None):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(ranges or []):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def __contains__(self, position: int) -> bool:
        i = bisect.bisect(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


def in_capitals(name: str) -> bool:
    """A name written in capitals that are not an acronym's: two words or more ("USA TODAY"),
    or one longer than an acronym ("KELLSBY")."""
    letters = [c for c in name if c.isalpha()]
    return all(c.isupper() for c in letters) and (" " in name.strip() or len(letters) > 4)


#: Text with at least this share of its letters in capitals is shouted, not written.
SHOUTING_SHARE = 0.8


def mostly_capitals(text: str) -> bool:
    """Most of the text's letters are capitals: a headline, a byline or an article shouted."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= SHOUTING_SHARE * len(letters)


def lower_case(text: str) -> str:
    """The text in lower case, but the letters whose lower case is longer ("İ"): offsets stay
    valid."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def recase_shouting(text: str) -> str:
    """Text that is mostly capitals, with each word capitalised, so NER can read it.

    Only characters whose lower case has the same length change, so offsets stay valid.
    """
    if not mostly_capitals(text):
        return text
    out = []
    previous = " "
    for ch in text:
        lower = ch.lower()
        out.append(ch if not previous.isalpha() or len(lower) != 1 else lower)
        previous = ch
    return "".join(out)


#: Capital letters of the Latin scripts whose lower case is one character, so that a word in
#: them recased keeps its length ("BRÉVANE": not "İ", whose lower case is two).
_CAPITALS = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x250)) if c.isupper() and len(c.lower()) == 1
)
#: At most this many words name a dateline's town ("RIO DE JANEIRO", "SALT LAKE CITY"): an
#: article in capitals opens with a line that looks like one ("MERKEL MET MACRON IN BERLIN ON
#: MONDAY, OFFICIALS SAID." a town and its state).
DATELINE_WORDS = 4
#: A wire story's dateline, its place in capitals: "LOS ANGELES (AP) —", "ST. JOSEPH, Mich.
#: (AP) —", "CLEVELAND, Ohio –", "CAPE BRÉVANE, Veloria —", or "BAAR, SWITZERLAND" on a line
#: of its own.
_DATELINE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<place>[{_CAPITALS}][{_CAPITALS}.'’-]*(?:[ \t]+[{_CAPITALS}][{_CAPITALS}.'’-]*){{0,{DATELINE_WORDS - 1}}})"
    rf"(?:,[ \t]+(?P<state>[{_CAPITALS}][\w.'’ \t-]{{0,30}}?))?"
    r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?(?:[—–-][ \t]|(?(state)\n|(?!)))"
)
#: A dateline opens the story: only its first this many characters are searched.
DATELINE_REACH = 400
#: Words in capitals that open a story before a dash as a dateline would, naming no place
#: ("BREAKING NEWS —", "LIVE UPDATES —", "FACT CHECK:").
NOT_DATELINES = frozenset(
    """breaking news update updates updated exclusive analysis opinion editorial comment
    correction clarification watch live video photos listen advertisement sponsored fact
    check just review explainer interview podcast obituary""".split()
)
#: What follows a dateline's town after a comma and is no state or country: a date ("LONDON,
#: Oct 12 (Reuters) -", "WASHINGTON, Jan. 5 —").
_NO_STATE = re.compile(
    r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)(?:\.|\b)(?=\s*\d)"
    r"|(?:january|february|march|april|june|july|august|september|october|november|december)\b",
    re.I,
)
_CAPITALS_WORD = re.compile(rf"[{_CAPITALS}][{_CAPITALS}'’-]*[{_CAPITALS}]")


def dateline(text: str) -> list[tuple[int, int]]:
    """The places a story's dateline names, as spans of the text: its town and the state or
    country after it, where it gives one ("KELLSBY, Veloria —": "KELLSBY" and "Veloria"). A
    dateline names where the story was filed, whatever the model makes of its words there (a
    town in capitals an organisation, a country an adjective); none where the story has no
    dateline."""
    found = _DATELINE.search(text, 0, DATELINE_REACH)
    if (
        found is None
        or not re.search(f"[{_CAPITALS}]{{2}}", found["place"])
        or any(word.strip(".") in NOT_DATELINES for word in found["place"].lower().split())
    ):
        return []
    state = found["state"] and not _NO_STATE.match(found["state"])
    return [found.span("place"), *([found.span("state")] if state else [])]


def recase_dateline(text: str) -> str:
    """The text with its dateline's words in capitals capitalised instead ("LOS ANGELES" ->
    "Los Angeles"), so that the model reads the place and it is filed as one name with the
    place the story writes in mixed case. Offsets stay valid."""
    places = dateline(text)
    if not places:
        return text
    start, end = places[0][0], places[-1][1]
    recased = _CAPITALS_WORD.sub(lambda word: capitalised(word.group()), text[start:end])
    return text[:start] + recased + text[end:]


def capitalised(word: str) -> str:
    """A word in capitals capitalised ("O'NEILL" -> "O'Neill"); of letters whose lower case is
    one character (_CAPITALS), so its length stays."""
    return "".join(c.lower() if i and word[i - 1].isalpha() else c for i, c in enumerate(word))


#: "Mac" names whose next letter is a capital ("MACDONALD" -> MacDonald). "Mac" alone says
#: nothing: it opens Machado, Mackey and Macy as often.
MAC_NAMES = frozenset(
    """donald kenzie leod arthur intyre millan gregor lean neil pherson allister farlane
    kinnon dougall laren aulay naughton lachlan kay kenna innes iver kinley alister""".split()
)
#: Name parts joined by a hyphen that stay lower case after a name's first word
#: ("Bashar al-Assad", "Abdel Fattah el-Sisi").
_LOWER_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|at|az|an|ar)-", re.I)
#: Initials written without dots: two consonants ("TJ Holmes", "JR Smith").
_INITIALS = re.compile(r"^[B-DF-HJ-NP-TV-Z]{2}$")


def conventional_case(name: str) -> str:
    """A name written in capitals in the case names are written: "DANA MORROW" -> Dana Morrow,
    "PATRICK O'NEILL JR." -> Patrick O'Neill Jr., "LUDWIG VAN BEETHOVEN" -> Ludwig van
    Beethoven, "BASHAR AL-ASSAD" -> Bashar al-Assad, "J.R. MCCAIN III" -> J.R. McCain III."""
    words = name.split(" ")
    last = len(words) - 1
    return " ".join(_word_case(word, i, last) for i, word in enumerate(words))


def _word_case(word: str, at: int, last: int) -> str:
    bare = _bare(word)
    if bare in ("ii", "iii", "iv") or (at < last and _INITIALS.match(word)):
        return word
    if at and word.lower() in PARTICLES:
        return word.lower()
    cased = "".join(c.lower() if i and word[i - 1].isalpha() else c for i, c in enumerate(word))
    if at and _LOWER_PREFIX.match(cased):
        cased = cased[: cased.index("-")].lower() + cased[cased.index("-") :]
    if cased.startswith("Mc") and len(cased) > 3:
        cased = "Mc" + cased[2].upper() + cased[3:]
    elif cased.startswith("Mac") and cased[3:].lower() in MAC_NAMES:
        cased = "Mac" + cased[3].upper() + cased[4:]
    return cased
