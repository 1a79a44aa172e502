"""People an article mentions: spaCy's PERSON spans, cleaned, joined and made canonical.

1. Each PERSON span loses its titles and possessive ("President Obama's" -> Obama).
2. Full names (two words or more) are the article's people. Every capitalised occurrence of
   a full name's surname joins it ("Hagel", "Mr. Hagel"), even where NER called it a place
   or an organisation. A surname shared by two full names ("Bush" after George W. and
   Jeb Bush) is not guessed: it is listed for review.
3. A lone name with no full name among the spans takes the "First Last" the text writes
   elsewhere (NER often labels the full name an organisation once); failing that it counts
   only if the registry knows it ("Obama" -> Barack Obama), else it is listed for review.
4. Names are made canonical through the registry, spelling variants included; the
   registry's full names are also found where NER missed them (the tagger adds them).
Credits ("Photo: Anna Feld", "Contributing: ...") and names used like places or things
("the Mohegan Sun", "in Cuyahoga Falls") are not people.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from newsarchive.entities.names import (
    ORG_ENDINGS,
    PARTICLES,
    POST_NOMINALS,
    SENTENCE_OPENERS,
    Covered,
    capitalised,
    conventional_case,
    in_capitals,
    is_full_name,
    is_role_word,
    is_title_word,
    mostly_capitals,
    name_key,
    plausible_name,
    split_title,
    strip_possessive,
    surname,
)
from newsarchive.entities.organisations_places import lower_case_words
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.store import slugify

#: A name right after one of these is a credit, not a mention ("Photo: Anna Feld").
_CREDIT = re.compile(
    r"(?:(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|graphics?"
    r"|(?:additional )?reporting|editing|writing|compiled|produced|edited|written|contributing)"
    r"(?: by)?\s*[:|]?"
    r"|\b(?:analysis|video|story|report|photos?|images?|graphics?|illustrations?)\b[^.]{0,25}\bby)\s*$"
    r"|[^\W_]_[^\W_]*\s*$",  # a credits list: "Choreographer_Jeong Hye Jin, Director_Oh ..."
    re.I,
)
#: A name followed by one of these is a credit too ("Kristine Phillips contributed",
#: "Josh Apte (@joshapte)", "Jane Roe, BBC correspondent").
_CREDIT_AFTER = re.compile(
    r"^\W{0,3}\s*(?:contributed|also contributed|reported from|wrote this)\b|^\s*\(@\w+\)"
    r"|^,[^,.\n]{0,40}\b(?:correspondent|reporter|editor|columnist)\s*$",
    re.I | re.M,
)
#: "Donald Trump" somewhere in the text names the lone "Trump" of a PERSON span.
_FIRST_NAMES = r"((?:[A-Z][a-zà-ÿ]+|[A-Z]\.)(?:[ -](?:[A-Z][a-zà-ÿ]+|[A-Z]\.)){0,2})"
#: Words before a name read as its role ("U.S. Defense Secretary"), at most this many.
ROLE_MAX_WORDS = 5
#: A line at least this long may end where the text was wrapped, even inside a name; shorter
#: lines (headers, bylines, lists of names) ended where the writer chose.
SOFT_WRAP_MIN_CHARS = 40
#: A field line opens with its label ("Source: Gizmodo", "Published by: ...").
_FIELD_LABEL = re.compile(r"[^\W\d_][\w'-]*(?: [\w'-]+){0,2}:(?:\s|$)")


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Person:
    name: str
    slug: str
    mentions: list[Mention] = field(default_factory=list)
    role: str = ""
    in_registry: bool = False

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "slug": self.slug,
            "mentions": [m.__dict__ for m in self.mentions],
        }


@dataclass
class Found:
    """A cleaned PERSON span."""

    tokens: list[str]
    start: int
    end: int
    role: str
    #: The registry names a person so, in full: a full name, even one whose first word is a
    #: particle as well ("Al Gore", where "al" opens a surname: "al-Assad", "Al Thani").
    known: bool = False

    @property
    def full(self) -> bool:
        return self.known or is_full_name(self.tokens)


def _clean_span(
    text: str,
    start: int,
    end: int,
    registry: PeopleRegistry,
    lower_words: Set[str] = frozenset(),
) -> Found | None:
    """The name inside a PERSON span, without titles or a possessive, with its offsets.

    A span the registry knows as written keeps its title ("Prince William"); one that starts
    with a registry name loses what follows ("Julian Assange Timeline"), and a registry name
    of one word is one even written in capitals ("BIDEN", "AOC": no acronym then).
    """
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    # a dash or a bullet the model swept in is no part of the name, though its key ignores
    # it ("Kim Kardashian -" is the registry's Kim Kardashian): the mention must end at the name
    while words and not any(c.isalnum() for c in words[-1][0]):
        words.pop()
    while words and not any(c.isalnum() for c in words[0][0]):
        words.pop(0)
    words = _before_bracket(words)
    while len(words) > 1 and words[-1][0].lower().strip(".,") in POST_NOMINALS:
        words.pop()  # "Terence Cole QC" is Terence Cole
    if words:
        last, s, e = words[-1]
        bare = strip_possessive(last)
        words[-1] = (bare, s, e - (len(last) - len(bare)))
    while len(words) > 1 and words[-1][0].lower() in PARTICLES:
        words.pop()  # "Jakob von" ends before the name does
    tokens = [w for w, _, _ in words]
    for k in range(len(tokens), 0, -1):
        if registry.exact(" ".join(tokens[:k])) is not None:
            first, final = words[0], words[k - 1]
            role = _role_before(text, start)
            return Found(tokens[:k], start + first[1], start + final[2], role, known=k > 1)
    if len(words) > 1 and _plural_opener(text, start + words[0][1], words[0][0], lower_words):
        words, tokens = words[1:], tokens[1:]  # "Guides Simon Brettler and ...": the guides
    titles, name = split_title(tokens)
    if len(name) > 2 and _after_former(text[max(0, start - 20) : start] + " ".join(titles)):
        titles, name = [*titles, name[0]], name[1:]
    if not name or not plausible_name(name):
        return None
    first, final = words[len(titles)], words[-1]
    role = " ".join(titles)
    role = (_role_case(role) if mostly_capitals(text[start:end]) else role) or _role_before(text, start)  # fmt: skip
    return Found(name, start + first[1], start + final[2], role)


def _plural_opener(text: str, at: int, word: str, lower_words: Set[str]) -> bool:
    """A plural common noun that opens a sentence, capitalised only there, before a name: the
    text writes it in lower case elsewhere ("two guides ... Guides Simon Brettler and ...").
    A given name the text writes in lower case ("Bill", "the bill") ends in no "s"."""
    return (
        word.endswith("s")
        and word.lower() in lower_words
        and _SENTENCE_START.search(text[max(0, at - 8) : at]) is not None
    )


#: What comes before a sentence's first word: a stop, a line break, the text's start.
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]*\s|\n)\s*[\"“‘(]?$")


#: A text that ends with "former": a role follows ("former Beatle George Harrison").
_FORMER = re.compile(r"\bformer\s*$", re.I)


def _after_former(before: str) -> bool:
    """The text before a name ends with "former": of three capitalised words after it, the
    first is a role, not a given name ("former Beatle George Harrison", "former Wallaby ...")."""
    return _FORMER.search(before[-20:]) is not None


def _before_bracket(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words before an opening bracket inside the span: a scorecard's "Steve Waugh(c)"
    is Steve Waugh, captain. A word that ends with a hyphen at the bracket goes on inside it,
    where a transcript's editor bracketed a part heard unclearly: "Abu-al-(Karim)" is
    Abu-al-Karim (the mention still ends where the text's word does)."""
    for i, (word, start, end) in enumerate(words):
        if "(" in word:
            head = word[: word.index("(")]
            rest = word[len(head) + 1 :].rstrip(")")
            if head.endswith("-") and rest.isalpha():
                return [*words[:i], (head + rest, start, end)]
            return words[:i] + ([(head, start, start + len(head))] if head else [])
    return words


def within_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A span cut at its first line break that is not a soft wrap ("Ed Cara\nSource" -> Ed Cara).

    Import and retag tag text whose only line breaks are paragraph breaks (blocks joined by a
    blank line, whitespace inside one collapsed); `tag` reads raw text, where hand-wrapped
    prose can break a name ("Sergei\nLavrov"). A break is a wrap only inside a paragraph,
    after a line long enough to have been wrapped, and not between two field lines.
    """
    for match in re.finditer("\n", text[start:end]):
        at = start + match.start()
        if _hard_break(text, at):
            return start, start + len(text[start:at].rstrip())
    return start, end


def _hard_break(text: str, at: int) -> bool:
    """Whether the line break at `at` ends a line where its writer chose (see `within_lines`)."""
    line = text[text.rfind("\n", 0, at) + 1 : at].strip()
    following = text[at + 1 : at + 1 + SOFT_WRAP_MIN_CHARS].split("\n", 1)[0].strip()
    fields = _FIELD_LABEL.match(line) and _FIELD_LABEL.match(following)
    return bool(len(line) < SOFT_WRAP_MIN_CHARS or not following or fields)


def _line_start(text: str, start: int, window: int) -> int:
    """Where the line holding `start` begins, looking back at most `window` characters: a
    role is written on its name's line ("PUTIN TO MEET BIDEN IN GENEVA" above a paragraph
    is no role of the name that opens it), though a soft wrap may split it."""
    at = start
    floor = max(0, start - window)
    while (at := text.rfind("\n", floor, at)) >= 0:
        if _hard_break(text, at):
            return at + 1
    return floor


def _role_before(text: str, start: int) -> str:
    """Title and job words written just before a name: "U.S. Defense Secretary" Chuck Hagel,
    "lawyer" Patrick O'Neill.

    The role stops at a sentence's or a quotation's end ("... first. Daniel", "Socialism,"
    Interior Minister"); an appositive's comma and a dangling "of" are no part of it, and a
    nationality alone ("the American Daniel Ortwin") is no role. In capitals a capital says
    nothing, so only title and job words make the role there ("SAID ITS FORMER CHIEF
    EXECUTIVE" is "Former Chief Executive"), written in the case titles are.
    """
    words = text[_line_start(text, start, 80) : start].split()[-ROLE_MAX_WORDS:]
    shouting = mostly_capitals(" ".join(words))
    role: list[str] = []
    for word in reversed(words):
        if word.endswith(_CLOSING) or _ends_sentence(word):
            break
        if word.endswith((",", ".", ":", ";")) and not is_role_word(word):
            break
        named = word[:1].isupper() and not (shouting and _shouted(word))
        office = bool(role) and is_role_word(role[0]) and _bare_word(word) in OFFICES
        if not (is_role_word(word) or named or office or word.lower() == "of"):
            break
        role.insert(0, word)
    while role and (role[-1].lower() == "of" or not is_role_word(role[-1]) and role[-1][:1].isupper()):  # fmt: skip
        role.pop()  # a role ends with its title word ("Secretary of State" keeps "State")
    while role and (role[0].lower() == "of" or _opener(role[0])):
        role.pop(0)  # "The lawyer": a sentence's first word is capitalised whatever it is
    joined = " ".join(role).rstrip(",;:")
    if not any(is_role_word(w) and _bare_word(w) not in QUALIFIERS for w in role):
        return ""
    return _role_case(joined) if shouting else joined


def _shouted(word: str) -> bool:
    """A word in capitals that is no initial or abbreviation ("SAID", not "U.S." or "J.")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and word.isupper() and "." not in word


#: Acronyms a role in capitals keeps as they are ("U.S. DEFENSE SECRETARY").
_ROLE_ACRONYMS = frozenset("u.s us uk eu un nato".split())
#: Words a title in capitals writes in lower case ("SECRETARY OF STATE").
_ROLE_SMALL_WORDS = frozenset("of the and for".split())


def _role_case(role: str) -> str:
    """A role written in capitals in the case titles are written: "SECRETARY OF STATE" ->
    Secretary of State, "U.S. VICE-PRESIDENT" -> U.S. Vice-President, "CEO" as it is."""
    words = []
    for word in role.split(" "):
        if word.lower() in _ROLE_SMALL_WORDS:
            words.append(word.lower())
        elif _bare_word(word) in _ROLE_ACRONYMS or not _shouted(word) or len(word) <= 3:
            words.append(word)
        else:
            words.append(capitalised(word))
    return " ".join(words)


#: Title words that qualify a role and are none alone ("the American Daniel Ortwin").
QUALIFIERS = frozenset(
    """u.s us uk eu un nato white house russian american british chinese french german
    israeli iranian ukrainian syrian former acting interim then first""".split()
)
#: Services and departments a title word names the head of: in capitals they are part of
#: the role only right before it ("FIRE CHIEF ANNA MORROW" is Fire Chief, not Chief).
OFFICES = frozenset(
    """fire police army navy military air force border health education justice trade
    treasury energy transport transportation environment agriculture labour labor housing
    culture sports security intelligence press communications campaign party union team
    club school hospital city county district council""".split()
)
#: What ends a quotation or a bracket before a name.
_CLOSING = ('"', "”", "’", ")", "]")


def _opener(word: str) -> bool:
    """A word that opens sentences and no role ("The", not "Former")."""
    return word.lower() in SENTENCE_OPENERS and not is_role_word(word)


def _bare_word(word: str) -> str:
    return word.lower().strip(".,;:")


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no abbreviation ("first.", not "Gov." or "U.S.")."""
    stem = word.rstrip(",;:")
    return stem.endswith(".") and "." not in stem[:-1] and len(stem) > 5


def _mentions_of(word: str, text: str) -> list[tuple[int, int]]:
    """Capitalised whole-word occurrences of a surname, possessive allowed, in capitals or not
    whichever way the full name was written: a headline's "OSTROWSKI" is Jane Ostrowski's, and
    the body's "Ostrowski" a headline's JANE OSTROWSKI's."""
    pattern = re.compile(rf"(?<![\w-])({re.escape(word)})(?![\w-])(?:'s|’s)?", re.I)
    return [m.span(1) for m in pattern.finditer(text) if _same_name(m.group(1), word)]


def _same_name(written: str, word: str) -> bool:
    """The surname as the full name writes it, or in capitals where that is not, or the other
    way round ("OSTROWSKI", "Ostrowski"); never in lower case ("rose" is no Rose)."""
    return written == word or written[:1].isupper() and written.isupper() != word.isupper()


def find_people(
    text: str,
    spans: list[tuple[int, int]],
    registry: PeopleRegistry,
    others: set[str] = frozenset(),
    organisations: set[str] = frozenset(),
    longer_names: list[tuple[int, int]] = (),
    lower_words: Set[str] | None = None,
) -> tuple[list[Person], list[dict]]:
    """People in `text` from NER PERSON `spans` (character offsets); also review notes.

    `others` are the keys of names NER gave another label (places, organisations): they
    are never taken for a first name. `organisations` are the keys of names the article
    gives as organisations: a lone name that ends one of two words or more ("Sachs" of
    Goldman Sachs) is the organisation said short, unless a person's full name ends with it.
    `longer_names` are the stretches of text other names of two words or more take: a surname
    inside one ("Sachs" of Goldman Sachs) is no mention of the person (Jeffrey Sachs).
    `lower_words`: the text's words in lower case (lower_case_words), if the caller has them.
    """
    spans = sorted({within_lines(text, s, e) for s, e in spans})
    lower_words = lower_case_words(text) if lower_words is None else lower_words
    found = [
        f for f in (_clean_span(text, s, e, registry, lower_words) for s, e in spans if e > s) if f
    ]
    found = [
        f
        for f in found
        if "_" not in text[f.start : f.end]
        and not _CREDIT.search(text[max(0, f.start - 45) : f.start])
        and not _CREDIT_AFTER.search(text[f.end : f.end + 45].split("\n\n")[0])
    ]
    found += _full_names_for_lone_ones(text, found, lower_words, others, organisations)
    found = _outermost(_shortened_to_known_names(found))
    full: dict[str, list[Found]] = {}
    for f in found:
        if f.full:
            full.setdefault(name_key(" ".join(f.tokens)), []).append(f)
    people: dict[str, Person] = {}
    review: list[dict] = []
    taken = Covered()
    inside_other_names = Covered(list(longer_names))

    def add(key: str, display: str, start: int, end: int, role: str) -> None:
        person = people.get(key)
        if person is None:
            match, _score = registry.match(display)
            name = match.name if match else _mixed_case(display, text)
            person = Person(name, match.slug if match else slugify(name), in_registry=bool(match))
            people[key] = person
        person.mentions.append(Mention(text[start:end], start, end))
        person.role = person.role or role
        taken.add(start, end)

    for key, group in list(full.items()):
        display = " ".join(max(group, key=lambda f: len(f.tokens)).tokens)
        if registry.exact(display) is None and _used_like_a_place_or_thing(text, group):
            del full[key]
            continue
        for f in group:
            add(key, display, f.start, f.end, f.role)
    by_surname: dict[str, set[str]] = {}
    for key, group in full.items():
        by_surname.setdefault(_family_name(group[0].tokens, registry), set()).add(key)
    for last, keys in by_surname.items():
        for start, end in _mentions_of(last, text):
            if start in taken or start in inside_other_names:
                continue
            if len(keys) > 1:
                names = sorted(people[k].name for k in keys)
                review.append(
                    {"kind": "ambiguous", "text": last, "start": start, "candidates": names}
                )
                continue
            add(next(iter(keys)), "", start, end, "")
    short_forms = {key.split()[-1] for key in organisations if " " in key}
    for f in found:
        if f.full or f.start in taken or name_key(f.tokens[0]) in short_forms:
            continue
        match = registry.exact(f.tokens[0])
        if match is not None:
            add(name_key(match.name), match.name, f.start, f.end, f.role)
        else:
            review.append({"kind": "single name", "text": f.tokens[0], "start": f.start})
    ordered = sorted(people.values(), key=lambda p: p.mentions[0].start)
    for person in ordered:
        person.mentions.sort(key=lambda m: m.start)
    return _merge_same_person(ordered), review


def _mixed_case(name: str, text: str) -> str:
    """A new person's name as the text writes it in mixed case somewhere ("Dana MacMorrow" in a
    caption), else in the case names are written: a name in capitals ("DANA MORROW", in an
    article or a headline shouted) would be a tag and a page in capitals."""
    if not in_capitals(name):
        return name
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
    written = (m.group() for m in pattern.finditer(text))
    return next((w for w in written if not _any_in_capitals(w)), None) or conventional_case(name)


def _any_in_capitals(name: str) -> bool:
    return any(in_capitals(word) for word in name.split())


def _family_name(tokens: list[str], registry: PeopleRegistry) -> str:
    """The word a surname-only mention writes: the registry's family name where it is not the
    last word ("Moon" of Moon Jae-in), else the last name word."""
    known = registry.exact(" ".join(tokens))
    return known.family_name if known and known.family_name else surname(tokens)


#: Words before a name that make it a place, a venue or a thing: "the Mohegan Sun",
#: "in Cuyahoga Falls", "the township of Bayt Hanum", "the settlements of Alei Sinai and ...".
#: ("the late X" is still a person.)
_THING_BEFORE = re.compile(
    r"(?:\b(?:the|in|at|from|near|outside|inside|our|their|its|a|an"
    r"|(?:town|city|cities|township|village|suburb|settlement|district|province|region)s? of)"
    r"\s+)$",
    re.I,
)
#: Lower-case words that say what a firm, a band or a boat is, right before its name:
#: "retailer Hollis Tramore", "PR company Daun Belle", "the rock group Tarry Bellwin", "ocean
#: racing yacht ...". Not "founder", "owner": those are people (names.ROLE_NOUNS).
_FIRM_BEFORE = re.compile(
    r"(?<![\w-])(?:retailer|company|firm|organisation|organization|airline|carrier|insurer"
    r"|group|band|yacht|maxi|boat|ship|vessel)\s+$"
)


def _used_like_a_place_or_thing(text: str, group: list[Found]) -> bool:
    """Most mentions of the name follow "the", "in" or "at" or a word that says it is a firm,
    or are followed by a word that ends a place's or body's name ("Mohegan Sun Arena"): not
    how people are written."""
    return sum(_written_like_a_thing(text, f) for f in group) * 2 > len(group)


def _written_like_a_thing(text: str, found: Found) -> bool:
    """One mention: after "the", "in", "the city of" or a firm's word, or before a word that
    ends a place's or body's name."""
    before = text[max(0, found.start - 20) : found.start]
    after = next(iter(text[found.end : found.end + 30].split()), "")
    return (
        _THING_BEFORE.search(before) is not None
        or _FIRM_BEFORE.search(before) is not None
        or after.lower().strip(".,;:") in ORG_ENDINGS
    )


def _full_names_for_lone_ones(
    text: str,
    found: list[Found],
    lower_words: Set[str],
    others: set[str],
    organisations: set[str] = frozenset(),
) -> list[Found]:
    """For a lone name with no full name among the spans, the text's "First Last" if it has one.

    NER often labels a person's full name as an organisation once and the surname as a
    person later; the text itself then says who "Yovanovitch" is. Not an organisation's
    name, though: "Goldman Sachs" does not say who "Sachs said" is; nor a word of a full name
    found already.
    """
    # (a full name's given name alone is that person's, "Tomas" of Tomas Callery: the words
    # before one of its mentions, "former Beatle Tomas Callery", are no given name of its own)
    named = {word for f in found if f.full for word in f.tokens}
    extra: list[Found] = []
    for lone in {f.tokens[0] for f in found if not f.full} - named:
        pattern = re.compile(rf"(?<![\w-]){_FIRST_NAMES} {re.escape(lone)}(?![\w-])")
        for match in pattern.finditer(text):
            tokens = match.group(0).split()
            while tokens and (
                tokens[0].lower() in SENTENCE_OPENERS
                or tokens[0].lower() in lower_words
                or is_role_word(tokens[0])
                or any(is_title_word(t) for t in tokens[1:-1])  # "South Korean President Moon"
            ):
                tokens = tokens[1:]  # "Like Yahoo": a capitalised common word is no first name
            if not is_full_name(tokens) or not plausible_name(tokens):
                continue
            if any(name_key(t) in others and not _only_in(text, t, tokens) for t in tokens[:-1]):  # fmt: skip
                continue  # "Britain Liu", "Ukraine Marie Yovanovitch" (but not "Beatrix Mbeki",
                # whose first name the model took for a place where the text never has it alone)
            if name_key(" ".join(tokens)) in organisations:
                continue
            start = match.end() - len(" ".join(tokens))
            extra.append(Found(tokens, start, match.end(), _role_before(text, start)))
    return extra


def _only_in(text: str, word: str, tokens: list[str]) -> bool:
    """Whether the text has `word` only within the name `tokens` (a given name, not the name of
    a place or an organisation that the text names apart as well)."""
    alone = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
    return alone == len(re.findall(rf"(?<![\w-]){re.escape(' '.join(tokens))}(?![\w-])", text))


def _outermost(found: list[Found]) -> list[Found]:
    """One mention per stretch of text: a span inside another (or the same stretch again) goes.

    Two spans of one name clean to the same words ("Queen Elizabeth II's" from the model,
    "Queen Elizabeth II" from the registry), and a span the model cut short lies inside a
    longer one ("Jakob von" in "Jakob von Moltke"); kept, each was a second mention, or a
    second person, at the same place.
    """
    kept: list[Found] = []
    reach = -1  # the furthest end of a kept span (sorted by start, so it covers what ends before)
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.end <= reach:
            continue
        kept.append(f)
        reach = f.end
    return kept


def _shortened_to_known_names(found: list[Found]) -> list[Found]:
    """A long span that ends with a full name found on its own is that name."""
    keys = {name_key(" ".join(f.tokens)) for f in found if f.full}
    result = []
    for f in found:
        for k in range(2, len(f.tokens)):
            tail = f.tokens[-k:]
            if name_key(" ".join(tail)) in keys and is_full_name(tail):
                start = f.end - len(" ".join(tail))
                f = Found(tail, start, f.end, f.role)
                break
        result.append(f)
    return result


def _merge_same_person(people: list[Person]) -> list[Person]:
    """Two spellings in one article that the registry makes one person become one entry."""
    merged: dict[str, Person] = {}
    for person in people:
        if person.slug in merged:
            merged[person.slug].mentions = sorted(
                merged[person.slug].mentions + person.mentions, key=lambda m: m.start
            )
        else:
            merged[person.slug] = person
    return list(merged.values())
