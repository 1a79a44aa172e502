"""Organisations, places and names that are neither: data/organisations.yml, data/places.yml
and data/not-names.yml, an editor's say over what the model labels.

The small English model calls Netflix a place, a games console a person and a laptop an
organisation, in every article that names them; their pages would be wrong on every build. An
entry of organisations.yml or places.yml files its name, and each of its aliases ("NY" for New
York), under that kind and that spelling, whatever the model labelled it (a person included);
a name in not-names.yml (a product, an event, a programme) is no entity at all. Names are
matched on their key (names.name_key: case, accents and punctuation aside). `newsarchive
retag` applies an edit to the articles already imported.

    - name: New York            # organisations.yml and places.yml
      slug: new-york            # URL name (places/<slug>/), unique in its file
      aliases: [NY, N.Y.]       # other spellings
      description: ...          # shown on the page
      wikidata: Q1384           # optional

    - name: Nintendo Switch     # not-names.yml
      aliases: [Switch]
      why: a games console      # optional, for the next editor
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from newsarchive.data_files import data_file
from newsarchive.entities.names import name_key
from newsarchive.entities.registry_file import (
    RegistryError,
    check_unique,
    load_entries,
    string_list,
)

#: The files, by the kind of entity they declare.
KIND_FILES = {"organisation": "organisations.yml", "place": "places.yml"}
NOT_NAMES_FILE = "not-names.yml"
#: The outlets: one name for a source however its pages give it (read at build time only:
#: an article's Source stays what its page said).
SOURCES_FILE = "sources.yml"
ENTRY_KEYS = {"name", "slug", "aliases", "description", "wikidata"}
NOT_NAME_KEYS = {"name", "aliases", "why"}


@dataclass
class NamedEntry:
    name: str
    kind: str  # "organisation" or "place"
    slug: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    wikidata: str | None = None


#: What `lookup` returns for a name of not-names.yml.
NOT_A_NAME = NamedEntry(name="", kind="none", slug="")


@dataclass
class NameRegistry:
    entries: list[NamedEntry] = field(default_factory=list)
    by_key: dict[str, NamedEntry] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # key -> "file:line" declaring it

    @classmethod
    def load(
        cls, data: Path, kinds: dict[str, str] = KIND_FILES, not_names: str | None = NOT_NAMES_FILE
    ) -> NameRegistry:
        """The files of a data folder (by default the three the tagger reads), validated;
        absent files declare nothing. A name in two of them is an error naming the second
        file and line."""
        registry = cls()
        where = registry.where
        for kind, filename in kinds.items():
            path = data_file(data, filename)
            if not path.exists():
                continue
            entries = load_entries(path, required=("name", "slug"), allowed=ENTRY_KEYS)
            check_unique(path, entries, "slug")
            for entry in entries:
                named = NamedEntry(
                    name=str(entry["name"]),
                    kind=kind,
                    slug=str(entry["slug"]),
                    aliases=string_list(entry, "aliases"),
                    description=str(entry.get("description") or ""),
                    wikidata=entry.get("wikidata"),
                )
                registry._add(path, entry, named, where)
                registry.entries.append(named)
        path = data_file(data, not_names) if not_names else None
        if path and path.exists():
            for entry in load_entries(path, required=("name",), allowed=NOT_NAME_KEYS):
                registry._add(path, entry, NOT_A_NAME, where, [str(entry["name"])])
        return registry

    def _add(self, path: Path, entry: dict, named: NamedEntry, where: dict[str, str],
             spellings: list[str] | None = None) -> None:  # fmt: skip
        for spelling in (spellings or [named.name]) + string_list(entry, "aliases"):
            key = name_key(spelling)
            if not key:
                raise RegistryError(f"{path}:{entry['__line__']}: {spelling!r} is not a name")
            if key in where and self.by_key[key] is not named:
                raise RegistryError(
                    f"{path}:{entry['__line__']}: {spelling!r} is already declared at {where[key]}"
                )
            where.setdefault(key, f"{path}:{entry['__line__']}")
            self.by_key[key] = named

    def check_people(self, people_keys: set[str], people_file: Path) -> None:
        """A name declared here and in the people registry is an error: which one is it?"""
        for key, place in self.where.items():
            if key in people_keys:
                raise RegistryError(f"{place}: {key!r} is also a person in {people_file}")

    def find(self, text: str) -> list[tuple[int, int]]:
        """Where the text writes a declared organisation or place, its name or an alias as the
        file spells it (whole words): the model misses a name it does not know now and then
        ("Veloria" in 4 of the demo's 14 articles naming it), and a page must list every
        article that names its entity."""
        return [m.span() for m in self._written.finditer(text)] if self._written else []

    @cached_property
    def _written(self) -> re.Pattern | None:
        spellings = {s for e in self.entries for s in (e.name, *e.aliases) if s.strip()}
        if not spellings:
            return None
        # (an apostrophe either way: "Workers' Union" is written "Workers’ Union" too)
        either = "|".join(
            re.sub("['’]", "['’]", re.escape(spelling))
            for spelling in sorted(spellings, key=lambda s: (-len(s), s))
        )
        return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])")

    def lookup(self, name: str) -> NamedEntry | None:
        """The entry that declares this name (NOT_A_NAME for not-names.yml), or None."""
        return self.by_key.get(name_key(name))

    def known(self, kind: str) -> dict[str, dict]:
        """What the entity pages show of each declared name of a kind."""
        return {
            e.name: {"slug": e.slug, "description": e.description, "aliases": e.aliases}
            for e in self.entries
            if e.kind == kind
        }


def load_sources(data: Path) -> dict[str, dict]:
    """data/sources.yml: each outlet's name, with its slug, aliases and description (the
    entity pages show an article whose Source is an alias under the outlet's name)."""
    return NameRegistry.load(data, {"source": SOURCES_FILE}, not_names=None).known("source")
