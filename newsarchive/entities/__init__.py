"""Entities: the people, topics, organisations and places an article is about.

`Tagger` loads the spaCy pipeline, the people registry and the topic taxonomy once per process;
`Tagger.tag(text, title)` returns everything an article is tagged with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsarchive.entities.names import name_key, recase_shouting, surname
from newsarchive.entities.nlp import chunks, load_pipeline
from newsarchive.entities.organisations_places import count_names
from newsarchive.entities.people import Person, find_people
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.entities.topics import Topic, TopicScore, assign_topics, load_taxonomy

#: The registry and taxonomy that ship with newsarchive, used where an archive has none.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PLACE_LABELS = ("GPE", "LOC")


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


def data_dir(root: Path) -> Path:
    """The archive's own data/ when it has registry files, else the bundled defaults."""
    own = root / "data"
    if (own / "people.yml").exists() or (own / "topics.yml").exists():
        return own
    return DEFAULT_DATA_DIR


class Tagger:
    def __init__(self, data: Path, pipeline: str | None = None):
        self.registry = PeopleRegistry.load(data / "people.yml")
        topics_file = data / "topics.yml"
        self.taxonomy: list[Topic] = load_taxonomy(topics_file) if topics_file.exists() else []
        self.nlp = load_pipeline(pipeline)

    def _analyse(self, text: str) -> tuple[list[tuple[int, int, str]], Counter]:
        """Entity spans (start, end, label) over the whole text, and its lemma counts."""
        spans: list[tuple[int, int, str]] = []
        lemmas: Counter = Counter()
        pieces = chunks(recase_shouting(text))
        for (offset, _), doc in zip(pieces, self.nlp.pipe(p for _, p in pieces), strict=True):
            spans += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
            lemmas.update(t.lemma_.lower() for t in doc if t.is_alpha)
        return spans, lemmas

    def tag(self, text: str, title: str = "") -> Tags:
        """Tag an article's body text (offsets refer to it); the title helps topics only."""
        if not text.strip():
            return Tags()
        spans, lemmas = self._analyse(text)
        person_spans = [(s, e) for s, e, label in spans if label == "PERSON"]
        person_spans += self.registry.find_full_names(text)
        people, review = find_people(text, person_spans, self.registry)
        exclude = {name_key(p.name) for p in people} | {
            name_key(surname(p.name.split())) for p in people
        }
        taken = [(m.start, m.end) for p in people for m in p.mentions]
        spans = [(s, e, lb) for s, e, lb in spans if not any(a <= s < b for a, b in taken)]
        topics = []
        if self.taxonomy:
            title_lemmas = self._analyse(title)[1] if title.strip() else Counter()
            topics = assign_topics(self.taxonomy, text, title, lemmas, title_lemmas)
        return Tags(
            people=people,
            topics=topics,
            organisations=count_names(
                [text[s:e] for s, e, lb in spans if lb == "ORG"], exclude, text
            ),
            places=count_names(
                [text[s:e] for s, e, lb in spans if lb in PLACE_LABELS], exclude, text
            ),
            review=review,
        )


def tag_article(article, tagger: Tagger) -> None:
    """Fill an Article's people, topics, organisations and places from its text."""
    tags = tagger.tag(article.body_text, article.title)
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
