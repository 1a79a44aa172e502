"""Organisations and places: spaCy's ORG, GPE and LOC spans, cleaned and counted."""

from __future__ import annotations

import re
from collections import Counter

from newsarchive.entities.name_registry import NOT_A_NAME, NameRegistry
from newsarchive.entities.names import (
    NOT_NAMES,
    in_capitals,
    is_title_word,
    name_key,
    strip_possessive,
)
from newsarchive.entities.stop_words import STOP_WORDS

#: The most frequent spellings of a few names that news text abbreviates.
COMMON_ALIASES = {
    "us": "United States", "u s": "United States", "usa": "United States",
    "united states": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u k": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "un": "United Nations", "u n": "United Nations", "united nations": "United Nations",
    "eu": "European Union", "e u": "European Union", "european union": "European Union",
    "ap": "Associated Press", "associated press": "Associated Press",
    "nato": "NATO", "north atlantic treaty organization": "NATO",
}  # fmt: skip
#: The Associated Press's abbreviations of US states, as datelines and party labels write
#: them ("Orange County, Calif.", "Sen. Ben Sasse, R-Neb."), without their dots.
AP_STATES = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "ky": "Kentucky",
    "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan",
    "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri", "mont": "Montana",
    "neb": "Nebraska", "nev": "Nevada", "nh": "New Hampshire", "nj": "New Jersey",
    "nm": "New Mexico", "ny": "New York", "nc": "North Carolina", "nd": "North Dakota",
    "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "ri": "Rhode Island",
    "sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee", "vt": "Vermont",
    "va": "Virginia", "wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin",
    "wyo": "Wyoming",
}  # fmt: skip
#: The US Postal Service's state codes, as tour dates and listings write a town's state
#: ("Mountain View, CA").
POSTAL_STATES = {
    "al": "Alabama", "ak": "Alaska", "az": "Arizona", "ar": "Arkansas", "ca": "California",
    "co": "Colorado", "ct": "Connecticut", "de": "Delaware", "fl": "Florida", "ga": "Georgia",
    "hi": "Hawaii", "id": "Idaho", "il": "Illinois", "in": "Indiana", "ia": "Iowa",
    "ks": "Kansas", "ky": "Kentucky", "la": "Louisiana", "me": "Maine", "md": "Maryland",
    "ma": "Massachusetts", "mi": "Michigan", "mn": "Minnesota", "ms": "Mississippi",
    "mo": "Missouri", "mt": "Montana", "ne": "Nebraska", "nv": "Nevada", "nh": "New Hampshire",
    "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "oh": "Ohio", "ok": "Oklahoma", "or": "Oregon", "pa": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota", "tn": "Tennessee",
    "tx": "Texas", "ut": "Utah", "vt": "Vermont", "va": "Virginia", "wa": "Washington",
    "wv": "West Virginia", "wi": "Wisconsin", "wy": "Wyoming",
}  # fmt: skip
#: Where an abbreviation stands for a state: after a town and a comma ("Monroe, La."), or in a
#: party label ("R-Neb."). Elsewhere "Mass.", "Ind." or "Wash." may be words.
_AFTER_TOWN = r"[A-Z][\w.'’-]*,[ \t]*$"
_STATE_PLACE = re.compile(rf"(?:{_AFTER_TOWN}|\b[RDI]-$)")
#: At most this many of each are kept per article, the most mentioned first.
MAX_PER_ARTICLE = 12


def clean_name(text: str) -> str | None:
    """'the United States'' -> 'United States'; None for what is not a name.

    What the model swept in at either end goes: "the", and a lower-case function word at the
    end ("Associated Press that", "Sabres and"), which kept it apart from the name itself.
    """
    text = _UNCLOSED.sub("", _SCORE.sub("", " ".join(text.split())))
    text = _UNOPENED.sub(r"\1", text)
    if "=" in text or "@" in text:
        return None  # a market code ("GBP="), a tour date's "Tampa, FL @ the Amphitheatre"
    words = strip_possessive(text).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for i, word in enumerate(words[1:], start=1):
        # a stop word, or a word in lower case between capitalised ones ("Labour party" is a
        # name): "American Music Awards after Swift", "Garrett hit Rudolph", a sentence went on
        inside = word.isalpha() and word.islower() and any(w[:1].isupper() for w in words[i:])
        if (word in STOP_WORDS or inside) and word not in NAME_JOINERS:
            words = words[:i]
            break
    while len(words) > 1 and words[-1] in STOP_WORDS:
        words.pop()  # "Associated Press that": a name never ends with a lower-case "that"
    name = " ".join(words).strip(" .,;:'\"’“”")
    if len(name) < 2 or not any(c.isalpha() for c in name) or not name[:1].isupper():
        return None
    key = name_key(name)
    if key in COMMON_ALIASES:  # before the title words, which "U.S.", "EU" and "NATO" are
        return COMMON_ALIASES[key]
    if len(words) == 1 and (name.lower() in NOT_NAMES or is_title_word(name)):
        return None
    return name


#: What the model swept in at a name's end: a bracket it never closed ("Croatia (Group E",
#: "Shanghai Composite ( SHCOMP"), a score ("Iceland 0-0").
_UNCLOSED = re.compile(r"\s*[(\[][^)\]]*$")
_SCORE = re.compile(r"\s+\d+\s*[-–:]\s*\d+$")
#: A bracket closed that the name never opened, and what follows: "Hong Kong (CNN Business)A
#: muddled view".
_UNOPENED = re.compile(r"^([^(\[]*?)\s*[)\]].*$")
#: The words in lower case a name of two or more holds ("Bank of England", "Committee against
#: Torture", "Kingston upon Hull", "Dar es Salaam", "Universidad de los Andes", "Institut für
#: Weltwirtschaft"): any other is the sentence going on, and ends it.
NAME_JOINERS = frozenset(
    """of for against and the on in at to upon a an with without de du des la le les los las
    el al es del della delle degli dei di da do dos das am im van von der den voor y e i und
    für zu sur sans à pour per para""".split()
)


def state_named(text: str, start: int, end: int) -> str | None:
    """The US state an abbreviation at text[start:end] stands for ("Calif." -> California),
    where it stands as one: with its dot after a town or in a party label, or as a postal
    code after a town ("Mountain View, CA")."""
    word = text[start:end].rstrip(".")
    if (
        len(word) == 2
        and word.isupper()
        and re.search(_AFTER_TOWN, text[max(0, start - 40) : start])
    ):
        return POSTAL_STATES.get(word.lower())
    dotted = text[start + len(word) : start + len(word) + 1] == "."
    state = AP_STATES.get(word.replace(".", "").lower()) if word[:1].isupper() else None
    if state is None or not dotted:
        return None
    return state if _STATE_PLACE.search(text, max(0, start - 40), start) else None


_STATE_NAMES = {state.lower() for state in POSTAL_STATES.values()}
#: A state written after a town and a comma ("Holmdel, N.J.", "Holmdel, New Jersey").
_COMMA_STATE = re.compile(r",[ \t]+([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


#: Words before a town ("in Holmdel, N.J."); "from" or "at" come before organisations too.
_IN_A_PLACE = re.compile(r"\b(?:in|near|outside)[ \t]+$")


def town_before_state(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is a town, as "in" before it and a state after it say
    ("in Holmdel, N.J.", "in Holmdel, NJ", "in Holmdel, New Jersey."), whatever the model
    labelled it. A state's full name counts only where punctuation ends it ("in Boeing,
    Washington's largest exporter" is no town)."""
    found = _COMMA_STATE.match(text, end)
    if found is None or not _IN_A_PLACE.search(text, max(0, start - 10), start):
        return False
    state = found[1]
    after = text[found.end() : found.end() + 1]
    if state.rstrip(".").lower() in _STATE_NAMES:
        return state.endswith(".") or not after or after in ",;:)\n"
    if state.endswith("."):
        return state.replace(".", "").lower() in AP_STATES
    return len(state) == 2 and state.lower() in POSTAL_STATES and not after.isalnum()


#: The words a title leaves in lower case ("Takin' It to the Streets").
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to via vs with".split()
)
#: A quotation of at most this many words, each capitalised but the small ones, is a title.
QUOTED_TITLE_MAX_WORDS = 8
QUOTED_TITLE_REACH = 200  # characters
_QUOTE_CLOSE = re.compile(r'[^\n"”]{0,80}?["”]')
#: A single closing quote is an apostrophe too ("Takin’ It"), but no letter follows it.
_SINGLE_QUOTE_CLOSE = re.compile(r"[^\n‘]{0,80}?’(?![^\W_])")


def in_quoted_title(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is a word of a quoted title ("Takin' It to the Streets",
    "China Grove", ‘Musicophilia’): a song's, a book's or a show's, no organisation or place."""
    # (a title is short: its opening quote is near, and a long line is not searched back)
    line_start = text.rfind("\n", max(0, start - QUOTED_TITLE_REACH), start) + 1
    line_start = max(line_start, start - QUOTED_TITLE_REACH)
    opening = max(text.rfind("“", line_start, start), text.rfind('"', line_start, start))
    single = text.rfind("‘", line_start, start)
    if single > opening:  # (British style: ‘China Grove’)
        closing = _SINGLE_QUOTE_CLOSE.match(text, end)
        return closing is not None and _title(text[single + 1 : closing.end() - 1])
    closing = _QUOTE_CLOSE.match(text, end)
    if opening < 0 or closing is None or "”" in text[opening:start]:
        return False
    if not (_opens_quote(text, opening) and _closes_quote(text, closing.end() - 1)):
        return False  # between two quotations: 'called it "a disaster" for Toyota and "a gift"'
    return _title(text[opening + 1 : closing.end() - 1])


def _title(quoted: str) -> bool:
    """A quotation written as a title: a few words, each capitalised but the small ones."""
    words = quoted.split()
    return len(words) <= QUOTED_TITLE_MAX_WORDS and all(
        word[:1].isupper() or not word[:1].isalpha() or word in TITLE_SMALL_WORDS for word in words
    )


def _opens_quote(text: str, at: int) -> bool:
    """The quote mark at `at` opens a quotation: a curly one says so, a straight one has no
    letter or digit right before it and no space right after."""
    if text[at] != '"':
        return text[at] == "“"
    before_ok = at == 0 or not text[at - 1].isalnum()
    return before_ok and at + 1 < len(text) and not text[at + 1].isspace()


def _closes_quote(text: str, at: int) -> bool:
    """The quote mark at `at` closes a quotation: a curly one says so, a straight one has no
    space right before it."""
    return text[at] == "”" or (text[at] == '"' and not text[at - 1].isspace())


def lower_case_words(text: str) -> set[str]:
    """The words a text writes in lower case: a capitalised one of them is a common word."""
    return set(re.findall(r"(?<![\w-])[a-z][\w-]*", text))


#: A word in capitals of at most this many letters is an acronym wherever it stands ("NATO");
#: a longer one may be a word shouted ("KELLSBY", "SPEND a day").
ACRONYM_MAX_LETTERS = 4


def _common_word(name: str, lower_words: set[str], acronyms: bool = False) -> bool:
    """One word also written in lower case in the text ("Farmers", "Alliance"), or a
    shouted dateline ("KELLSBY"): a capitalised common word, not a name. With `acronyms`
    (of organisations whose shouted words are left out already), a word of capital letters
    is an acronym ("UNICEF", "NASCAR"; not "GLP-1")."""
    if " " in name:
        return False
    shouting = (
        name.isupper() and len(name) > ACRONYM_MAX_LETTERS and not (acronyms and name.isalpha())
    )
    return shouting or name.lower() in lower_words


def _counted(
    spans: list[str],
    exclude: set[str],
    lower_words: set[str],
    registry: NameRegistry,
    declared: Counter[tuple[str, str]],
    acronyms: bool = False,
) -> Counter[str]:
    """Mentions per cleaned name, in order of first mention, leaving out common words and
    `exclude` keys (people). A name data/ declares is counted in `declared` by (kind, name)
    instead, or not at all (not-names.yml). `acronyms`: see _common_word."""
    counts: Counter[str] = Counter()
    people = _by_first_word(exclude)
    for span in spans:
        name = clean_name(span)
        entry = registry.lookup(name) if name else None
        if entry is not None:
            if entry is not NOT_A_NAME:
                declared[entry.kind, entry.name] += 1
            continue
        if name is None or (key := name_key(name)) in exclude:
            continue
        if _common_word(name, lower_words, acronyms):
            continue
        if _holds_any(key, people):
            continue  # "Aurelio Dask's Civic Union": a person's name inside
        counts[name] += 1
    return counts


def _by_first_word(keys: set[str]) -> dict[str, list[str]]:
    """The keys of two words or more (name_key's: one space between words) by their first
    word, each with the rest after its first space, for _holds_any."""
    index: dict[str, list[str]] = {}
    for key in keys:
        first, space, rest = key.partition(" ")
        if space:
            index.setdefault(first, []).append(rest)
    return index


def _holds_any(key: str, index: dict[str, list[str]]) -> bool:
    """Whether one of the indexed keys is in `key`, anywhere, as `in` finds it: its first space
    is one of `key`'s, its first word the end of the word before that space. A few looks per
    letter of `key`, not a search per person: a text naming thousands of people and
    organisations (a 100 KB list of names) took minutes, name_key made once per pair."""
    word_start, space = 0, key.find(" ")
    while space >= 0:
        for cut in range(word_start, space):
            if any(key.startswith(rest, space + 1) for rest in index.get(key[cut:space], ())):
                return True
        word_start, space = space + 1, key.find(" ", space + 1)
    return False


def _one_spelling(counts: Counter[str]) -> Counter[str]:
    """Names alike but for case ("USA TODAY", "USA Today") are one, under the spelling not in
    capitals, else the most mentioned (the first of ties)."""
    spellings: dict[str, list[str]] = {}
    for name in counts:
        spellings.setdefault(name.casefold(), []).append(name)
    joined: Counter[str] = Counter()
    for names in spellings.values():
        best = max(names, key=lambda n: (not in_capitals(n), counts[n]))
        joined[best] = sum(counts[n] for n in names)
    return joined


def _initials(name: str) -> set[str]:
    """What a name's initials spell: of every word, and of its capitalised words only
    ("University of Arben": UOA and UA)."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    return {
        "".join(w[0] for w in words).upper(),
        "".join(w[0] for w in words if w[0].isupper()),
    }


#: A word that makes another place of a name: West Michigan is not Michigan said long, nor
#: New Delhi Delhi.
REGION_WORDS = frozenset(
    """north south east west northern southern eastern western central upper lower greater
    new""".split()
)


def _short_form_of(name: str, longer: str) -> bool:
    """A word of the longer name ("the Alliance"), or its initials ("PLF" for the Progressive
    Labour Front); not a place that a word of direction or "New" makes another ("Southern
    California", "New Delhi")."""
    words = longer.split()
    if len(words) == 2 and words[0].lower() in REGION_WORDS and words[1] == name:
        return False
    if name in words:
        return True
    return name.isupper() and len(name) >= 2 and name in _initials(longer)


def _short_forms_joined(counts: Counter[str], endings: bool = False) -> Counter[str]:
    """A one-word name that is a word or the initials of exactly one longer name of the
    article is that name said short ("the Chamber", "the Alliance", "the PLF"), and, with
    `endings` (organisations': "the Republic of Korea" is not North Korea's name said short),
    so is a name of more words that ends exactly one longer name ("the Security Council" of
    the UN Security Council, "Border Protection" of Customs and Border Protection: a name's
    head is its last words): its mentions count for the longer one (or the one that is
    short for, in turn)."""
    target: dict[str, str] = {}
    by_word, by_end = _longer_names_by_word(counts)
    for name in counts:
        short_form = _short_form_of if " " not in name else _end_of if endings else None
        if short_form is None:
            continue
        longer = [
            other
            for other in (by_word if short_form is _short_form_of else by_end).get(name, ())
            if other != name and short_form(name, other) and not _two_names(name, other, counts)
        ]
        if len(longer) == 1:
            target[name] = longer[0]

    def final(name: str) -> str:
        seen = {name}
        while name in target and target[name] not in seen:
            name = target[name]
            seen.add(name)
        return name

    joined = Counter({name: 0 for name in counts if final(name) == name})
    for name, n in counts.items():
        joined[final(name)] += n
    return joined


def _longer_names_by_word(counts: Counter[str]) -> tuple[dict, dict]:
    """The names of two words or more by each of their words and initials (what a one-word
    name must be of one, _short_form_of), and by what follows each of their spaces (what a
    name one ends with is, _end_of): each name's look is through these, not through every
    name of the article, which made _short_forms_joined quadratic (a long list of names,
    minutes)."""
    by_word: dict[str, list[str]] = {}
    by_end: dict[str, list[str]] = {}
    for other in counts:
        if " " in other:
            for word in {*other.split(), *_initials(other)}:
                by_word.setdefault(word, []).append(other)
            for at, char in enumerate(other):
                if char == " ":
                    by_end.setdefault(other[at + 1 :], []).append(other)
    return by_word, by_end


def _end_of(name: str, longer: str) -> bool:
    """The longer name ends with this one, and more than words of direction or "New" come
    before it ("Customs and Border Protection"; not "Western North Carolina")."""
    if not longer.endswith(" " + name):
        return False
    before = longer[: -len(name) - 1].split()
    return not all(word.lower() in REGION_WORDS for word in before)


def _two_names(name: str, longer: str, counts: Counter[str]) -> bool:
    """The longer name is this one followed by another the article names alone ("Apple A10
    Fusion": Apple's A10 Fusion chip), not this one said in full. ("Alexa" is still "Amazon
    Alexa" said short: the name a longer one ends with is what it names.)"""
    return longer.startswith(name + " ") and longer.removeprefix(name + " ") in counts


def _ranked(counts: Counter[str]) -> list[str]:
    order = {name: i for i, name in enumerate(counts)}  # (Counter keeps first-mention order)
    return sorted(counts, key=lambda n: (-counts[n], order[n]))[:MAX_PER_ARTICLE]


def organisations_and_places(
    organisation_spans: list[str],
    place_spans: list[str],
    exclude: set[str],
    lower_words: set[str] = frozenset(),
    registry: NameRegistry | None = None,
    acronyms: bool = False,
) -> tuple[list[str], list[str]]:
    """The article's organisations and places, each by number of mentions. A name the model
    labels both ways ("Veloria" the country, and now and then an organisation) is filed where
    most of its mentions were, a place on a tie; a name data/ declares (name_registry.py) is
    filed as data/ says, under its spelling there, or left out. With `acronyms` (the caller
    left the shouted words out), an organisation's one word in capitals is an acronym."""
    registry = registry or NameRegistry()
    declared: Counter[tuple[str, str]] = Counter()
    organisations = _short_forms_joined(
        _one_spelling(
            _counted(organisation_spans, exclude, lower_words, registry, declared, acronyms)
        ),
        endings=True,
    )
    places = _short_forms_joined(
        _one_spelling(_counted(place_spans, exclude, lower_words, registry, declared))
    )
    for name in set(organisations) & set(places):
        if organisations[name] > places[name]:
            organisations[name] += places.pop(name)
        else:
            places[name] += organisations.pop(name)
    for (kind, name), n in declared.items():
        (organisations if kind == "organisation" else places)[name] += n
    return _ranked(organisations), _ranked(places)
