"""The people registry (data/people.yml): canonical names, slugs, aliases, roles.

An editor grows it from the review report. Names and aliases are matched exactly on their
key (case, accents and punctuation aside), then as spelling variants with rapidfuzz
("Sergey Lavrov" is "Sergei Lavrov").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from newsarchive.entities.names import ORG_ENDINGS, given_name_first, name_key
from newsarchive.entities.registry_file import (
    RegistryError,
    check_unique,
    load_entries,
    string_list,
)
from newsarchive.entities.russian_names import nominative_readings

#: Least rapidfuzz ratio (0-100) for a spelling variant of a registry name.
FUZZY_MIN_SCORE = 88
#: The score of a Russian name in another case than the registry's nominative: not the name
#: as the registry writes it (typed by hand so, the review lists it), yet no guess.
INFLECTED_SCORE = 99.0
#: The longest run of words taken for one name ("Sergei Viktorovich Lavrov").
MAX_NAME_WORDS = 4
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")
PERSON_KEYS = {"name", "slug", "aliases", "role", "description", "wikidata", "family_name"}


@dataclass
class RegistryPerson:
    name: str
    slug: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    description: str = ""
    wikidata: str | None = None
    #: The family name where it is not the name's last word ("Xi" for Xi Jinping): A-Z lists
    #: file the person under it, and a surname-only mention is that word.
    family_name: str = ""


@dataclass
class PeopleRegistry:
    people: list[RegistryPerson] = field(default_factory=list)
    by_key: dict[str, RegistryPerson] = field(default_factory=dict)
    full_keys: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> PeopleRegistry:
        """Load and validate; an absent file is an empty registry."""
        registry = cls()
        if path is None or not path.exists():
            return registry
        entries = load_entries(path, required=("name", "slug"), allowed=PERSON_KEYS)
        check_unique(path, entries, "slug")
        for entry in entries:
            aliases = string_list(entry, "aliases")
            person = RegistryPerson(
                name=str(entry["name"]),
                slug=str(entry["slug"]),
                aliases=aliases,
                role=str(entry.get("role") or ""),
                description=str(entry.get("description") or ""),
                wikidata=entry.get("wikidata"),
                family_name=str(entry.get("family_name") or ""),
            )
            for spelling in [person.name, *person.aliases]:
                key = name_key(spelling)
                other = registry.by_key.get(key)
                if other is not None and other is not person:
                    raise RegistryError(
                        f"{path}:{entry['__line__']}: {spelling!r} already names {other.name!r}"
                    )
                registry.by_key[key] = person
            registry.people.append(person)
        registry.full_keys = [k for k in registry.by_key if " " in k]
        return registry

    @cached_property
    def full_name_pattern(self) -> re.Pattern | None:
        """Every full name and multi-word alias, to find them where NER missed or mislabelled."""
        spellings = {s for p in self.people for s in [p.name, *p.aliases] if len(s.split()) > 1}
        if not spellings:
            return None
        body = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        # "Prince William County" and "Barack Obama Foundation" are not the person
        places = "|".join(sorted(w.capitalize() for w in ORG_ENDINGS))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])(?!\s+(?:{places})\b)")

    def find_full_names(self, text: str) -> list[tuple[int, int]]:
        pattern = self.full_name_pattern
        return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []

    def find_names_by_capitals(self, text: str) -> list[tuple[int, int]]:
        """Runs of capitalised words, in any script, whose longest part is a registry name by its
        key ("Сергей Лавров" is Sergei Lavrov): the registry's people where no NER reads the text.
        """
        words = [m for m in _WORD.finditer(text) if m.group()[0].isupper()]
        runs: list[list[re.Match]] = []
        for word in words:
            if runs and text[runs[-1][-1].end() : word.start()].isspace():
                runs[-1].append(word)
            else:
                runs.append([word])
        spans = []
        for run in runs:
            i = 0
            while i < len(run) - 1:
                longest = range(min(len(run), i + MAX_NAME_WORDS), i + 1, -1)
                named = (j for j in longest if self.match(_text(text, run[i], run[j - 1]))[0])
                end = next(named, None)
                if end:
                    spans.append((run[i].start(), run[end - 1].end()))
                i = end or i + 1
        return spans

    def exact(self, name: str) -> RegistryPerson | None:
        return self.by_key.get(name_key(name))

    def canonical_name(self, name: str) -> str:
        """The registry's name for a name or one of its aliases, also typed surname first
        ("Lavrov, Sergei"); other names as they are."""
        person = self.exact(name) or self.exact(given_name_first(name) or "")
        return person.name if person is not None else name

    def match(self, name: str) -> tuple[RegistryPerson | None, float]:
        """The registry person a full name refers to, exactly or as a spelling variant."""
        person = self.exact(name)
        if person is not None:
            return person, 100.0
        for reading in nominative_readings(name):
            person = self.exact(reading)
            if person is not None:
                return person, INFLECTED_SCORE
        key = name_key(name)
        if " " not in key or not self.full_keys:
            return None, 0.0
        found = process.extractOne(
            key, self.full_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
        )
        if found is None or found[0].split()[-1][:3] != key.split()[-1][:3]:
            return None, 0.0
        return self.by_key[found[0]], found[1]


def _text(text: str, first: re.Match, last: re.Match) -> str:
    return text[first.start() : last.end()]
