"""Entities: the people, topics, organisations and places an article is about.

`Tagger` loads the spaCy pipeline, the people registry, the topic taxonomy and the sentence
embedding model that helps choose topics (without it, keywords alone choose) once per process;
`Tagger.tag(text, title)` returns everything an article is tagged with.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsarchive.data_files import DEFAULT_DATA_DIR as DEFAULT_DATA_DIR  # re-exported
from newsarchive.data_files import data_dir as data_dir  # re-exported
from newsarchive.data_files import data_file
from newsarchive.entities.name_registry import NameRegistry, load_sources
from newsarchive.entities.names import (
    PARTICLES,
    SENTENCE_OPENERS,
    Covered,
    after_role_noun,
    capitalised,
    dateline,
    looks_like_a_full_name,
    lower_case,
    mostly_capitals,
    name_key,
    recase_dateline,
    recase_shouting,
    strip_possessive,
    surname,
    titled_full_name,
)
from newsarchive.entities.nlp import chunks, load_pipeline
from newsarchive.entities.organisations_places import (
    ACRONYM_MAX_LETTERS,
    COMMON_ALIASES,
    REGION_WORDS,
    in_quoted_title,
    lower_case_words,
    organisations_and_places,
    state_named,
    town_before_state,
)
from newsarchive.entities.people import Person, find_people, within_lines
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.entities.topic_similarity import topic_encoder
from newsarchive.entities.topics import Topic, TopicScore, assign_topics, load_taxonomy

PLACE_LABELS = ("GPE", "LOC")
#: The tagger's part-of-speech tags for proper nouns (Penn Treebank: NNP, NNPS).
PROPER_NOUN_TAGS = ("NNP", "NNPS")
#: What the tagger reads a name in lower case as: a noun, proper or common, not a plural one
#: ("reporters").
NAME_TAGS = (*PROPER_NOUN_TAGS, "NN")
#: The finite verbs (and base forms, "PUTIN TO MEET") the tagger reads in lower case: what a
#: headline in capitals says a name did. Not participles: "united", "allied" start names.
VERB_TAGS = ("VB", "VBD", "VBP", "VBZ", "MD")
#: What comes before a sentence's first word: a stop, a line break, an opening quote.
_SENTENCE_BEFORE = re.compile(r"(?:[.!?][\"”’)]*|\n)\s*[\"“‘(]?$")


@dataclass
class Tags:
    people: list[Person] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)

    def names(self) -> dict[str, list[str]]:
        """The tag fields' values (see store.TAG_FIELDS)."""
        return {
            "People": [p.name for p in self.people],
            "Topics": [t.name for t in self.topics],
            "Organisations": self.organisations,
            "Places": self.places,
        }

    def scores(self) -> str:
        return "; ".join(f"{t.slug} {t.score:g}" for t in self.topics)

    def review_items(self) -> list[dict]:
        """What the review report lists: undecided names, and people not in the registry."""
        new = [
            {"kind": "new", "text": p.name, "role": p.role}
            for p in self.people
            if not p.in_registry
        ]
        return self.review + new


def _person_core(ent) -> tuple[int, int] | None:
    """The name inside a PERSON span, without what NER swept in with it.

    At a possessive, the side that is a name wins ("Jeff Bezos's Blue Origin" -> Jeff Bezos,
    "Russia's President Medvedev" -> President Medvedev); leading words that are not proper
    nouns go ("Questioning Vindman"), and so does anything up to a short capitalised
    abbreviation ("Browns DL Sheldon Richardson").
    """
    tokens = list(ent)
    for i, token in enumerate(tokens[1:], start=1):
        if token.text in ("'s", "’s", "'", "’"):
            before, after = tokens[:i], tokens[i + 1 :]
            tokens = after if len(before) == 1 and any(t.pos_ == "PROPN" for t in after) else before
            break
    for i, token in enumerate(tokens[:-2]):
        if token.is_upper and len(token.text) <= 3 and token.is_alpha:
            tokens = tokens[i + 1 :]
    while (
        len(tokens) > 1
        and tokens[0].lower_ not in PARTICLES
        and (
            tokens[0].pos_ != "PROPN"
            or tokens[0].lower_ in SENTENCE_OPENERS
            or (tokens[0].lower_.endswith("ing") and len(tokens[0]) > 5)  # "Questioning Vindman"
        )
    ):
        tokens = tokens[1:]
    if not tokens or (len(tokens) == 1 and tokens[0].pos_ not in ("PROPN", "NOUN")):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


_HYPHEN_TAIL = re.compile(r"-[^\W\d_]+")


#: Characters no name holds, which the model sweeps into a span now and then: controls, and
#: the marks of markup left in a text ("Joe Biden</p>", "Joe Biden.\x07"); a slash in no
#: person's name either (an organisation's: AC/DC).
_NOT_IN_NAME = r"\x00-\x08\x0b-\x1f\x7f-\x9f<>{}\[\]|\\`^~="
_NOT_IN_NAMES = re.compile(f"[{_NOT_IN_NAME}]+")
_NOT_IN_PERSONS = re.compile(f"[{_NOT_IN_NAME}/]+")


def _clean_bounds(text: str, start: int, end: int, person: bool) -> tuple[int, int] | None:
    """A model span's bounds cut to its piece with the most letters between characters no
    name holds, without the whitespace around it or, for a person, a sentence's full stop
    after a word of three letters or more ("Biden." but "John F." and "Jr."); None where no
    letter is left."""
    pattern = _NOT_IN_PERSONS if person else _NOT_IN_NAMES
    edges = [start, *(i for bad in pattern.finditer(text, start, end) for i in bad.span()), end]
    pieces = list(zip(edges[::2], edges[1::2], strict=True))
    s, e = max(pieces, key=lambda piece: sum(c.isalpha() for c in text[piece[0] : piece[1]]))
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if person and re.search(r"(?<![\w.])\w{3,}\.$", text[s:e]):
        e -= 1
    return (s, e) if any(c.isalpha() for c in text[s:e]) else None


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one of `spans` (in order, none overlapping: one
    look, not one per span, for a text naming a place thousands of times)."""
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and spans[i][1] >= end


def _hyphen_end(text: str, end: int) -> int:
    """A PERSON span's end, past a hyphenated name part the model cut off ("Moon Jae|-in"); not
    past another name ("the Obama|-Putin summit")."""
    tail = _HYPHEN_TAIL.match(text, end)
    return tail.end() if tail and tail.group()[1].islower() else end


def _outvoted_people_removed(text: str, spans: list[tuple[int, int, str]]) -> list:
    """Drop PERSON spans whose words NER labels as something else more often ("Lube Live")."""
    votes: dict[str, Counter] = {}
    for start, end, label in spans:
        votes.setdefault(name_key(text[start:end]), Counter())[label == "PERSON"] += 1
    return [
        (s, e, label)
        for s, e, label in spans
        if label != "PERSON"
        or votes[name_key(text[s:e])][True] >= votes[name_key(text[s:e])][False]
    ]


#: A word that does what only a person does: speaks ("Claure said", "added Claure"), or
#: scores ("Rondo had eight points").
_ACTING = re.compile(
    r"(?<![\w’'-])(?P<subject>[A-Z][\w’'-]*)(?= (?:said|says|told|added|wrote|explained|"
    r"asked|scored|had (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) ))"
    r"|\b(?:said|says|added|asked|explained) (?P<object>[A-Z][\w’'-]*)\b"
)


def organisations_named_twice(text: str, spans: list) -> set[str]:
    """Keys of the names the model labels an organisation at two mentions or more and a
    person at none ("Goldman Sachs" reported ..., shares of Goldman Sachs ...): read so in
    two places, the name is the organisation's, not a person's it mislabelled once."""
    counts = Counter(name_key(text[s:e]) for s, e, label in spans if label == "ORG")
    people = {name_key(text[s:e]) for s, e, label in spans if label == "PERSON"}
    return {key for key, n in counts.items() if n > 1 and key not in people}


def _surname_acts(text: str, spans: list) -> set[tuple[int, int]]:
    """Organisation and place spans written like a person's full name ("Marcelo Claure",
    "Rajon Rondo") whose surname alone speaks or scores in the text, not as a place the model
    reads ("Sierra Nevada" ... "Nevada said"): only people do. Not an organisation the model
    names twice ("Goldman Sachs" ... "Sachs said": the bank said it)."""
    places = {s for s, _, label in spans if label in PLACE_LABELS}
    organisations = organisations_named_twice(text, spans)
    acting = set()
    for found in _ACTING.finditer(text):
        group = "subject" if found["subject"] else "object"
        start = found.start(group)
        after_a_name = re.search(r"[A-Z][\w’'-]* $", text[max(0, start - 30) : start])
        if start not in places and not (group == "subject" and after_a_name):
            acting.add(found[group])
    return {
        (s, e)
        for s, e in _written_like_people(text, spans)
        if text[s:e].split()[-1] in acting and name_key(text[s:e]) not in organisations
    }


#: What joins the names of a list ("Patrik Laine and Nikolaj Ehlers scored").
_LIST_JOINER = re.compile(r"(?:,| and|, and) $")


def _listed_with_people(text: str, spans: list) -> set[tuple[int, int]]:
    """Organisation and place spans written like a person's full name in a list with a
    person's ("Jonathan Huberdeau, Colton Sceviour and Mike Hoffman"): the small model
    labels one of a list of players an organisation now and then. Not in a list with an
    organisation or a place that is written like none ("New York Daily News, Baltimore Sun
    and Hartford Courant": the model's person is the newspaper)."""
    people = [
        (s, e)
        for s, e, label in spans
        if label == "PERSON"
        and looks_like_a_full_name(text[s:e])
        and not re.match(r" [A-Z]", text[e : e + 2])  # not "Dick Clark" of Dick Clark Productions
    ]
    like_people = _written_like_people(text, spans)
    written = set(like_people)
    others = [
        (s, e) for s, e, label in spans if label in ("ORG", *PLACE_LABELS) and (s, e) not in written
    ]
    people_at, others_at = _bounds(people), _bounds(others)
    return {
        span
        for span in like_people
        if _listed_beside(text, span, people_at) and not _listed_beside(text, span, others_at)
    }


#: At most this many characters join two names of a list (", and ").
_LIST_GAP = 6


def _bounds(spans: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """The spans' starts and ends, to look a neighbour up by its position."""
    return {s for s, _ in spans}, {e for _, e in spans}


def _listed_beside(text: str, span: tuple[int, int], names: tuple[set[int], set[int]]) -> bool:
    """The span is next to one of the names (their starts and ends) in a list ("A, B and C")."""
    (start, end), (starts, ends) = span, names
    return any(
        (start - gap in ends and _LIST_JOINER.match(text[start - gap : start]))
        or (end + gap in starts and _LIST_JOINER.match(text[end : end + gap]))
        for gap in range(1, _LIST_GAP + 1)
    )


def _longer_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every occurrence of the organisations' and places' names of two words or more the
    model labels ("Goldman Sachs"), labelled there or not: a surname inside one ("Sachs") is
    no mention of a person ("Jeffrey Sachs")."""
    names = {text[s:e] for s, e in spans if len(text[s:e].split()) > 1}
    odd = {name for name in names if name[:1].isspace()}  # (no first word to look up)
    found = [
        (m.start(), m.end())
        for name in odd
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    ]
    return found + _occurrences(text, names - odd)


#: A character a name may not run on from or into: "Goldman Sachs" is not in "Goldman Sachsen".
_NAME_CHAR = re.compile(r"[\w-]")
_TOKEN = re.compile(r"\S+")


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Where each name (of two words or more, opening with one) occurs whole, as a search per
    name found it (leftmost first, never overlapping itself), in one pass over the text: a
    search per name was quadratic, minutes for a long list of names. A name's first word ends
    a stretch of text between spaces; only the names with that first word are tried there."""
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(_TOKEN.match(name).group(), []).append(name)
    lengths = sorted({len(first) for first in by_first})
    found, free_from = [], dict.fromkeys(names, 0)
    for token in _TOKEN.finditer(text):
        for length in lengths:
            start = token.end() - length
            if start < token.start() or start > 0 and _NAME_CHAR.match(text, start - 1):
                continue
            for name in by_first.get(text[start : token.end()], ()):
                end = start + len(name)
                if (
                    start >= free_from[name]
                    and text.startswith(name, start)
                    and not _NAME_CHAR.match(text, end)
                ):
                    found.append((start, end))
                    free_from[name] = end
    return found


def _written_like_people(text: str, spans: list) -> list[tuple[int, int]]:
    """Organisation and place spans written like a person's full name, not like a region
    ("Eastern Michigan")."""
    return [
        (s, e)
        for s, e, label in spans
        if label in ("ORG", *PLACE_LABELS)
        and looks_like_a_full_name(text[s:e])
        and text[s:e].split()[0].lower() not in REGION_WORDS
    ]


class Tagger:
    def __init__(self, data: Path, pipeline: str | None = None):
        people_file = data_file(data, "people.yml")
        self.registry = PeopleRegistry.load(people_file)
        self.names = NameRegistry.load(data)
        self.names.check_people(set(self.registry.by_key), people_file)
        # (read by the build only; checked here too, so that a broken sources.yml stops an
        # import or a retag as the other data/ files do, not the next build)
        load_sources(data)
        topics_file = data_file(data, "topics.yml")
        self.taxonomy: list[Topic] = load_taxonomy(topics_file) if topics_file.exists() else []
        self.topic_names = {
            name_key(spelling): topic.name
            for topic in self.taxonomy
            for spelling in [*topic.aliases, topic.name]  # (a name wins over an alias)
        }
        self.nlp = load_pipeline(pipeline)
        self.encoder = topic_encoder() if self.taxonomy else None

    def _analyse(self, text: str) -> tuple[list[tuple[int, int, str]], Counter]:
        """Entity spans (start, end, label) over the whole text, and its lemma counts."""
        spans: list[tuple[int, int, str]] = []
        lemmas: Counter = Counter()
        pieces = chunks(recase_shouting(text))
        # one chunk at a time: spaCy's default batch held every chunk's Doc at once, 2.4 GB
        # per MB of text
        docs = self.nlp.pipe((p for _, p in pieces), batch_size=1)
        for (offset, piece), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                if self._common_word_opening(ent):
                    continue
                bounds = (
                    _person_core(ent) if ent.label_ == "PERSON" else (ent.start_char, ent.end_char)
                )
                if bounds:
                    # (the piece, not doc.text: spaCy joins its tokens again at every call)
                    bounds = _clean_bounds(piece, *bounds, ent.label_ == "PERSON")
                if bounds:
                    spans.append((offset + bounds[0], offset + bounds[1], ent.label_))
            lemmas.update(t.lemma_.lower() for t in doc if t.is_alpha)
        return _outvoted_people_removed(text, spans), lemmas

    def _common_word_opening(self, ent) -> bool:
        """A one-word organisation or place that opens a sentence, which the model's own tagger
        reads as a common word ("Orchards and vineyards will ...": a plural noun): only the
        sentence start capitalised it. A proper noun, an acronym, a mixed-case name (WeWork)
        and a registry surname ("Trump is 73") are not in question."""
        if ent.label_ not in ("ORG", *PLACE_LABELS) or len(ent) != 1:
            return False
        word = ent[0]
        return (
            word.tag_ not in PROPER_NOUN_TAGS
            and word.text.istitle()
            and word.text.isalpha()
            and opens_sentence(ent.doc.text, ent.start_char)
            and not self._registry_word(word.text)
        )

    def declared_name(self, field: str, name: str) -> str:
        """data/'s name for a tag of this field (People, Topics, Organisations, Places) typed
        under an alias or a former name ("Sergey Lavrov", a renamed topic's old name, "NY");
        other names as they are."""
        if field == "People":
            return self.registry.canonical_name(name)
        if field == "Topics":
            return self.topic_names.get(name_key(name), name)
        entry = self.names.lookup(name)
        kind = {"Organisations": "organisation", "Places": "place"}.get(field)
        return entry.name if entry is not None and entry.kind == kind else name

    def _registry_word(self, name: str) -> bool:
        """A one-word name the registry gives a person ("Trump"): the small model calls a bare
        surname an organisation often, and in one article every time."""
        name = strip_possessive(name)
        return " " not in name and self.registry.exact(name) is not None

    def _names_in_capitals(
        self, text: str, spans: list[tuple[int, int]], read: CapitalsRead
    ) -> list[tuple[int, int]]:
        """Person spans in capitals cut at the words that are no nouns, and, in an article in
        capitals, the registry's full names."""
        found = self.registry.find_names_by_capitals(text) if read.shouting else []
        return self._cut_in_capitals(text, spans, read) + found

    def _cut_in_capitals(
        self, text: str, spans: list[tuple[int, int]], read: CapitalsRead, at_verbs: bool = False
    ) -> list[tuple[int, int]]:
        """Spans in capitals cut at the words that are no nouns (`at_verbs`: at the verbs, for
        an organisation's or a place's name, which may hold other words: "BANK OF ENGLAND").
        Recased word by word for the model, an article in capitals runs names and verbs
        together ("Biden Said Harris Agreed"), and so does a headline in capitals read as
        written ("JANE OSTROWSKI MEETS PUTIN", "FIRE DESTROYS HOMES"); read in lower case, the
        model's tagger tells the verbs ("said", "meets") from the names, which it reads as
        nouns. Spans in mixed-case lines stay as they are. `read` keeps what was read, for
        the person and the other spans."""
        if read.shouting and not read.lines:
            read.lines[0] = True
            self._read_words(text, 0, read)
        cut: list[tuple[int, int]] = []
        for start, end in spans:
            if not read.shouting:
                line_start = text.rfind("\n", 0, start) + 1
                if line_start not in read.lines:
                    line_end = text.find("\n", start)
                    line = text[line_start : line_end if line_end >= 0 else None]
                    read.lines[line_start] = mostly_capitals(line)
                    if read.lines[line_start]:
                        self._read_words(line, line_start, read)
                if not read.lines[line_start]:
                    cut.append((start, end))
                    continue
            if at_verbs:
                cut += _runs_between(text, start, end, read.verbs)
            else:
                cut += _runs_of_nouns(text, start, end, read.nouns)
        return cut

    def _read_words(self, text: str, offset: int, read: CapitalsRead) -> None:
        """Start -> end of each word of `text` (at `offset`) the model's tagger, reading the
        text in lower case, takes for a noun (into read.nouns) or a verb (read.verbs)."""
        for at, piece in chunks(lower_case(text)):
            for token in self._word_tags(piece):
                start = offset + at + token.idx
                if token.tag_ in NAME_TAGS:
                    read.nouns[start] = start + len(token.text)
                    if token.tag_ in PROPER_NOUN_TAGS:
                        read.proper.add(start)
                elif token.tag_ in VERB_TAGS:
                    read.verbs[start] = start + len(token.text)

    def _headline_word(self, text: str, start: int, end: int) -> bool:
        """A short word in capitals, in a line mostly in capitals, that is no acronym: "FIRE" of
        "PENTAGON UNDER FIRE". Read in lower case, the model's tagger tells a common word
        ("fire") from an acronym ("fbi", "nato": proper nouns); a name data/ declares, or one
        of the common short forms (EU, UN), is always a name."""
        word = text[start:end]
        if not (word.isalpha() and word.isupper() and len(word) <= ACRONYM_MAX_LETTERS):
            return False
        if name_key(word) in COMMON_ALIASES or self.names.lookup(word) is not None:
            return False
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else None]
        if not mostly_capitals(line):
            return False
        at = start - line_start
        return any(t.idx == at and t.tag_ not in PROPER_NOUN_TAGS for t in self._word_tags(lower_case(line)))  # fmt: skip

    def _acronym(self, text: str, start: int, end: int) -> bool:
        """A word of two to four capitals that is no word a headline shouts: "FBI" opening
        "FBI CHIEF QUITS" or "FBI chief quits". A heading's first word is capitalised whatever
        it is, but written in capitals it is an acronym, unless its line is in capitals too and
        the model's tagger reads it there as a common word ("FIRE DESTROYS HOMES")."""
        word = text[start:end]
        return (
            word.isalpha()
            and word.isupper()
            and 2 <= len(word) <= ACRONYM_MAX_LETTERS
            and not self._headline_word(text, start, end)
        )

    @lru_cache(maxsize=32)  # noqa: B019 (the tagger lives as long as the process)
    def _word_tags(self, text: str):
        """The model's reading of text for its part-of-speech tags alone (no names, no lemmas);
        kept for the few lines read again: a headline's every short word asks for its line."""
        quiet = [name for name in ("ner", "lemmatizer") if name in self.nlp.pipe_names]
        with self.nlp.select_pipes(disable=quiet):
            return self.nlp(text)

    def reads(self, language: str | None) -> bool:
        """Whether the pipeline reads text in `language`; an unknown language is taken to be its
        own (a text dump declares none, and a short text cannot be told apart)."""
        return language is None or language == self.nlp.lang

    def tag(self, text: str, title: str = "", language: str | None = None) -> Tags:
        """Tag an article's body text (offsets refer to it); the title helps topics only.

        Text in a language the pipeline does not read gets only the registry's people, found
        by their full names: an English model reads German nouns and Russian pronouns as
        people and places, and the taxonomy's keywords are English.
        """
        if not text.strip():
            return Tags()
        if not self.reads(language):
            spans = self.registry.find_full_names(text)
            spans += self.registry.find_names_by_capitals(text)
            people, review = find_people(text, spans, self.registry)
            return Tags(people=people, review=review)
        # the model reads a dateline's place in capitals badly, and names it in capitals
        readable = recase_dateline(text)
        spans, lemmas = self._analyse(readable)
        datelined = set(dateline(text))
        spans = _with_places(spans, datelined)
        # a name ends at a line break, as a person's does ("Amazon\n\nSince the AirPods ...")
        spans = [
            (s, e, lb) if lb == "PERSON" else (*within_lines(text, s, e), lb) for s, e, lb in spans
        ]
        person_spans = [(s, _hyphen_end(text, e)) for s, e, label in spans if label == "PERSON"]
        person_spans += self.registry.find_full_names(text)
        person_spans += [
            (s, e) for s, e, label in spans if label == "ORG" and self._registry_word(text[s:e])
        ]
        named_by_role = {
            (s, e)
            for s, e, label in spans
            if label in ("ORG", *PLACE_LABELS)
            and after_role_noun(text, s)
            and looks_like_a_full_name(text[s:e])
        }
        named_by_role |= {
            (s, e) for s, e, label in spans if label == "ORG" and titled_full_name(text[s:e])
        }
        named_by_role |= _surname_acts(text, spans) | _listed_with_people(text, spans)
        person_spans += sorted(named_by_role)
        read = CapitalsRead(mostly_capitals(text))
        person_spans = self._names_in_capitals(text, person_spans, read)
        # a name data/ files as an organisation or a place, or as no name, is no person (read
        # as find_people will read it, ended at a line break: "Ed Cara\nSource" is Ed Cara)
        person_spans = [within_lines(text, s, e) for s, e in person_spans]
        declared = {(s, e) for s, e in person_spans if self.names.lookup(text[s:e]) is not None}
        person_spans = [span for span in person_spans if span not in declared]
        others = {
            name_key(text[s:e])
            for s, e, label in spans
            if label != "PERSON" and (s, e) not in named_by_role
        }
        # (an organisation the model ran into a headline's verb, "OSTROWSKI WINS SEAT", is no
        # name a surname stands inside)
        longer_names = _longer_names(
            text,
            self._cut_in_capitals(
                text,
                [(s, e) for s, e, lb in spans if lb != "PERSON" and (s, e) not in named_by_role],
                read,
            ),
        )
        lower_words = lower_case_words(text)
        people, review = find_people(
            text,
            person_spans,
            self.registry,
            others,
            organisations_named_twice(text, spans),
            longer_names,
            lower_words,
        )
        # (and what the people pass made of their other mentions: "Switch" beside the
        # "Nintendo Switch" left out above)
        people = [p for p in people if self.names.lookup(p.name) is None]
        review = [r for r in review if self.names.lookup(str(r.get("text", ""))) is None]
        exclude = {name_key(p.name) for p in people} | {
            name_key(surname(p.name.split())) for p in people
        }
        # and each as the text writes it: a registry name whose former spelling is its alias
        # ("Ilse Varkonyi" of Ilse Varkonyi-Brandt) is a person's name inside an organisation
        exclude |= {name_key(m.text) for p in people for m in p.mentions}
        exclude |= {key + "s" for key in exclude}  # "the Bidens" is no place
        mentions = [(m.start, m.end) for p in people for m in p.mentions]
        taken = Covered(mentions)
        # a declared organisation or place the model did not label (nor took for a person),
        # or labelled another kind of thing ("the Port of Saltmere", a facility)
        labelled = Covered([(s, e) for s, e, lb in spans if lb in ("PERSON", "ORG", *PLACE_LABELS)])
        missed = [(s, e) for s, e in self.names.find(text) if s not in taken and s not in labelled]
        # (and a name the model found only the end of: "Harbour Workers' Union" of the
        # declared "Saltmere Dock and Harbour Workers' Union" is no name of its own)
        spans = [(s, e, lb) for s, e, lb in spans if lb == "PERSON" or not _within(missed, s, e)]
        # an organisation or a place the model ran into a headline's verb ends at the verb
        # ("FIRE DESTROYS HOMES": "FIRE" and "HOMES", then judged as any word in capitals)
        spans = [
            (s, e, lb)
            for start, end, lb in spans
            for s, e in (
                [(start, end)]
                if lb == "PERSON"
                else self._cut_in_capitals(text, [(start, end)], read, at_verbs=True)
            )
        ]
        # (a heading's first word or a quoted title's word is still a name data/ declares; a
        # dateline's place is a place, in capitals or as a heading's first word)
        spans = [
            (s, e, lb)
            for s, e, lb in spans
            if s not in taken
            and (
                (s, e) in datelined
                or not (
                    (
                        (opens_heading(text, s, e) and not self._acronym(text, s, e))
                        or in_quoted_title(text, s, e)
                    )
                    and self.names.lookup(text[s:e]) is None
                )
                and not (lb == "ORG" and (shouted(text, s, e) or self._headline_word(text, s, e)))
            )
        ]
        # a town the model took for an organisation, where a state follows it
        spans = [
            (s, e, "GPE" if lb == "ORG" and town_before_state(text, s, e) else lb)
            for s, e, lb in spans
        ]
        topics = []
        if self.taxonomy:
            title_lemmas = self._analyse(title)[1] if title.strip() else Counter()
            topics = assign_topics(
                self.taxonomy, text, title, lemmas, title_lemmas, self.encoder, mentions
            )
        # "Calif." after a town is California, whatever the model labelled it, unless data/
        # declares the word ("CA" for Crédit Agricole)
        states = {
            (s, e): state
            for s, e, lb in spans
            if lb != "PERSON"
            and self.names.lookup(text[s:e]) is None
            and (state := state_named(text, s, e))
        }
        organisations, places = organisations_and_places(
            [
                readable[s:e]
                for s, e, lb in spans
                if lb == "ORG"
                and (s, e) not in states
                and not _opens_with_a_number_in_capitals(readable, s, e, read)  # fmt: skip
            ]
            + [text[s:e] for s, e in [*declared, *missed]],
            [
                name
                for s, e, lb in spans
                if lb in PLACE_LABELS
                and (s, e) not in states
                and (name := _place_as_written(readable, s, e, read))
            ]
            + list(states.values()),
            exclude,
            lower_words,
            self.names,
            acronyms=True,
        )
        return Tags(
            people=people,
            topics=topics,
            organisations=organisations,
            places=places,
            review=review,
        )


#: A paragraph of at most this many words, not ended by a stop, is taken for a heading.
HEADING_MAX_WORDS = 10


@dataclass
class CapitalsRead:
    """What the tagger read of a text's capitals, once for its person and its other spans:
    whether the text is mostly in capitals, each line's start -> whether that line is (the
    whole text's 0, once read), and the words read as nouns (start -> end)."""

    shouting: bool
    lines: dict[int, bool] = field(default_factory=dict)
    nouns: dict[int, int] = field(default_factory=dict)
    verbs: dict[int, int] = field(default_factory=dict)
    #: The starts of the words read as proper nouns ("berlin"; not "officials").
    proper: set[int] = field(default_factory=set)


def _place_as_written(text: str, start: int, end: int, read: CapitalsRead) -> str | None:
    """A place's name as pages show it. In an article in capitals, a place in capitals (four
    letters or more: "USA" is an abbreviation) is capitalised ("BERLIN" -> "Berlin") where the
    model's tagger, reading the text in lower case, takes its first word for a proper noun,
    and is no place where it does not ("OFFICIALS"): it went as a shouted common word, and
    every place of such an article with it."""
    name = text[start:end]
    if not (read.shouting and name.isupper() and sum(c.isalpha() for c in name) >= 4):
        return name
    if start not in read.proper:
        return None
    return re.sub(r"[^\W\d_]+", lambda word: capitalised(word.group()), name)


#: Numbers written as words: what "THE TWO LEADERS SPOKE" opens its "organisation" with.
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
    " hundred hundreds thousand thousands million millions dozen dozens several both".split()
)


def _opens_with_a_number_in_capitals(text: str, start: int, end: int, read: CapitalsRead) -> bool:
    """An "organisation" of an article in capitals that opens with a number in words ("TWO
    LEADERS"): the text recased for the model reads "The Two Leaders Spoke", and it took the
    two words for a name. (In a text in lower and upper case, it does not.)"""
    words = text[start:end].lower().split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return read.shouting and text[start:end].isupper() and bool(words) and words[0] in NUMBER_WORDS


def _runs_of_nouns(text: str, start: int, end: int, nouns: dict[int, int]) -> list[tuple[int, int]]:
    """The stretches of the span from `start` to `end` made of nouns (start -> end), cut at
    each other word ("BIDEN SAID HARRIS" -> "BIDEN", "HARRIS")."""
    runs: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for at in range(start, end):
        if at in nouns and nouns[at] <= end:
            run = (run[0] if run else at, nouns[at])
        elif run and at >= run[1] and not text[at].isspace():
            runs.append(run)  # a word that is no noun ends the name
            run = None
    return runs + ([run] if run else [])


def _runs_between(text: str, start: int, end: int, verbs: dict[int, int]) -> list[tuple[int, int]]:
    """The stretches of the span from `start` to `end` between its verbs (start -> end),
    without the spaces at their ends ("FIRE DESTROYS HOMES" -> "FIRE", "HOMES")."""
    runs: list[tuple[int, int]] = []
    run_start = at = start
    while at < end:
        if at in verbs:
            runs.append((run_start, at))
            at = run_start = min(verbs[at], end)
        else:
            at += 1
    runs.append((run_start, end))
    trimmed = []
    for s, e in runs:
        piece = text[s:e]
        if piece.strip():
            trimmed.append(
                (s + len(piece) - len(piece.lstrip()), e - len(piece) + len(piece.rstrip()))
            )
    return trimmed


def _with_places(
    spans: list[tuple[int, int, str]], places: set[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The model's spans with `places` (a dateline's) labelled places, in place of whatever
    the model labelled there ("KELLSBY" an organisation, "Veloria" a nationality, "JOSEPH"
    a person)."""
    if not places:
        return spans
    kept = [
        (s, e, lb) for s, e, lb in spans if not any(s < end and start < e for start, end in places)
    ]
    return sorted(kept + [(s, e, "GPE") for s, e in places])


def opens_heading(text: str, start: int, end: int) -> bool:
    """A one-word span that is the first word of a heading ("Backlog spreads inland"): a
    heading's first word is capitalised whatever it is, and the model takes it for a name
    ("Backlog", an organisation). Its mentions elsewhere still count."""
    if " " in text[start:end].strip() or (start and text[start - 1] != "\n"):
        return False
    stop = text.find("\n", start)
    line = text[start : stop if stop >= 0 else None].strip()
    return len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(tuple('.!?:;"”’)'))


def shouted(text: str, start: int, end: int) -> bool:
    """A word in capitals longer than an acronym that the text shouts rather than names: in
    a line written mostly in capitals (a headline, a byline), or only ever opening a sentence
    ("SPEND a day in the country"). Elsewhere it is an acronym ("aid from UNICEF")."""
    word = text[start:end]
    if not (word.isalpha() and word.isupper() and len(word) > ACRONYM_MAX_LETTERS):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if mostly_capitals(text[line_start : line_end if line_end >= 0 else None]):
        return True
    mentions = re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    return all(opens_sentence(text, m.start()) for m in mentions)


def opens_sentence(text: str, start: int) -> bool:
    """The word at `start` is a sentence's (or a line's) first: its capital says nothing."""
    before = text[max(0, start - 8) : start]
    return not text[:start].strip() or bool(_SENTENCE_BEFORE.search(before))


def tag_article(article, tagger: Tagger) -> None:
    """Fill an Article's people, topics, organisations and places from its text."""
    tags = tagger.tag(article.body_text, article.title, article.language)
    if not tagger.reads(article.language):
        article.warnings.append(
            f"written in {article.language!r}, and the tagging pipeline reads "
            f"{tagger.nlp.lang!r}: tagged with the registry's people only (the other names"
            " it holds are not listed for review: add them to data/people.yml by hand)"
        )
    article.people = [p.to_json() for p in tags.people]
    article.topics = [{"name": t.name, "slug": t.slug, "score": t.score} for t in tags.topics]
    article.organisations = tags.organisations
    article.places = tags.places
    article.review = tags.review_items()
    article.tagged = True


@lru_cache(maxsize=4)
def get_tagger(data: Path) -> Tagger:
    """One tagger per data folder and process (the pipeline takes a second to load)."""
    return Tagger(data)
