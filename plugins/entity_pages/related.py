"""Related articles: for each article, the earlier ones sharing the most (and rarest) people
and topics, remembered between builds so a day's news scores only what it could change.

An article's related articles are looked for among the RELATED_WINDOW articles before it in
the list of each person and topic it names (related news is close in time, and the cost
stays linear in articles: no articles x articles loop). An entity's weight is its
taxonomy's, divided by log2(2 + the number of articles naming it up to this one): rare at
the time counts more. So everything an article's choice depends on is at or before it in
its entities' lists, and a build need only score again the articles at or after the first
place where one of their lists differs from the last build's (Memory): new articles, and
those after a back-dated, deleted or re-tagged one. Ties go to the article met first, with
the article's entities taken in a fixed order (taxonomy, then name) and each list from the
nearest earlier article back, so the choice does not depend on what was built before.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.store import atomic_write

#: How many earlier articles of each entity's list are looked at.
RELATED_WINDOW = 30
#: Three, not five: at 50,000 articles the two more links cost 18 MB (issue 9's 1 GB budget).
RELATED_COUNT = 3
RELATED_TAXONOMIES = {"people": 2.0, "topics": 1.0}
#: What a remembered choice was made by: another rule makes the memory useless.
RULE = ("as-of rarity v1", RELATED_WINDOW, RELATED_COUNT, tuple(RELATED_TAXONOMIES.items()))
MEMORY_FILE = "related-articles.pickle"


@dataclass
class Memory:
    """The last build's lists and choices: its articles' keys (newest first), each entity's
    articles (their numbers in `keys`, oldest first), each article's entity names' digest and
    its related articles (numbers in `keys`)."""

    keys: list[str] = field(default_factory=list)
    lists: dict[str, array] = field(default_factory=dict)
    names: list[bytes] = field(default_factory=list)
    related: list[array] = field(default_factory=list)
    rule: tuple = RULE
    rescored: int = 0  # (how many choices this build made again)


def article_key(article) -> str:
    """An article as the memory knows it: where its page is written (unique in a site)."""
    return article.save_as


def _names_digest(article) -> bytes:
    tags = getattr(article, "entity_tags", {}) or {}
    names = "\0".join(f"{key}\1" + "\1".join(e.name for e in tags.get(key, ())) for key in RELATED_TAXONOMIES)  # fmt: skip
    return hashlib.blake2b(names.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def assign_related(articles: list, index: dict, memory: Memory | None = None) -> Memory:
    """Set `article.related` on every article (newest first in `articles`); returns the
    memory for the next build. With `memory`, choices whose inputs are unchanged are kept."""
    keys = [article_key(a) for a in articles]
    usable = memory is not None and memory.rule == RULE and len(set(keys)) == len(keys)
    old_number = {key: i for i, key in enumerate(memory.keys)} if usable else {}
    number = {id(a): i for i, a in enumerate(articles)}
    names = [_names_digest(a) for a in articles]
    dirty = bytearray(len(articles))  # 1: score again
    for i, key in enumerate(keys):
        old = old_number.get(key)
        if old is None or memory.names[old] != names[i]:
            dirty[i] = 1
    lists: dict[str, array] = {}
    # each entity's list, oldest first, for scoring: (taxonomy, name, numbers, weight)
    entries: list[tuple[str, str, list[int], float]] = []
    for key, weight in RELATED_TAXONOMIES.items():
        for entity in index.get(key, {}).values():
            numbers = [number[id(a)] for a in reversed(entity.articles)]  # oldest first
            name = f"{key}\0{entity.name}"
            lists[name] = array("i", numbers)
            entries.append((key, entity.name, numbers, weight))
            before = memory.lists.get(name) if usable else None
            same = _common_prefix(numbers, keys, before, memory.keys if usable else [])
            for i in numbers[same:]:
                dirty[i] = 1
    places: list[list[tuple]] = [[] for _ in articles]
    order = {key: n for n, key in enumerate(RELATED_TAXONOMIES)}
    for key, name, numbers, weight in entries:
        for position, i in enumerate(numbers):
            if dirty[i] and position:
                rarity = weight / math.log2(2 + position + 1)
                places[i].append((order[key], name, numbers, position, rarity))
    # the last build's numbers as this one's (a kept choice names only kept articles: one
    # that is gone changed a list before the article, which is then scored again)
    renumber = {old: i for i, key in enumerate(keys) if (old := old_number.get(key)) is not None}
    related: list[array] = []
    for i, article in enumerate(articles):
        if dirty[i]:
            chosen = _choose(places[i])
        else:
            chosen = [renumber[n] for n in memory.related[old_number[keys[i]]]]
        article.related = [articles[n] for n in chosen]
        related.append(array("i", chosen))
    return Memory(keys, lists, names, related, rescored=sum(dirty))


def _common_prefix(numbers: list[int], keys: list[str], before, old_keys: list[str]) -> int:
    """How many of an entity's articles (oldest first) are the last build's first ones."""
    if before is None:
        return 0
    same = 0
    for i, old in zip(numbers, before, strict=False):
        if keys[i] != old_keys[old]:
            break
        same += 1
    return same


def _choose(found: list[tuple]) -> list[int]:
    """The RELATED_COUNT best-scored earlier articles, ties to the first met."""
    scores: dict[int, float] = {}
    get = scores.get
    for _, _, numbers, position, rarity in sorted(found, key=lambda f: (f[0], f[1])):
        # the RELATED_WINDOW articles before this one, the nearest first
        for other in reversed(numbers[max(0, position - RELATED_WINDOW) : position]):
            scores[other] = get(other, 0.0) + rarity
    return sorted(scores, key=scores.__getitem__, reverse=True)[:RELATED_COUNT]


def load_memory(cache: Path) -> Memory | None:
    """The last build's memory, or None (missing, unreadable, of another form)."""
    try:
        with open(cache / MEMORY_FILE, "rb") as handle:
            memory = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ImportError, AttributeError, ValueError, TypeError):  # fmt: skip
        return None
    return memory if isinstance(memory, Memory) else None


def save_memory(cache: Path, memory: Memory) -> None:
    """Atomically: a killed build leaves the last memory or this one, never half of one."""
    atomic_write(cache / MEMORY_FILE, pickle.dumps(memory, protocol=pickle.HIGHEST_PROTOCOL))
