"""Related articles, remembered between builds: a rebuild scores again only the articles whose
inputs changed, and always chooses what a build from nothing chooses."""

from __future__ import annotations

import random
import sys
from types import SimpleNamespace

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "plugins"))
from entity_pages.index import Entity, Taxonomy, build_index  # noqa: E402
from entity_pages.related import (  # noqa: E402
    MEMORY_FILE,
    assign_related,
    load_memory,
    save_memory,
)

PEOPLE = [f"Person {n}" for n in range(40)]
TOPICS = [f"Topic {n}" for n in range(12)]


def taxonomies() -> list[Taxonomy]:
    return [
        Taxonomy(
            key=key,
            field=key,
            title=key,
            url=f"{key}/{{slug}}/",
            save_as=f"{key}/{{slug}}/index.html",
            index_url=f"{key}/",
            index_save_as=f"{key}/index.html",
        )  # fmt: skip
        for key in ("people", "topics")
    ]


def story(n: int, rng: random.Random) -> dict:
    """An article's fields: Zipf-like people and topics, as the benchmark's archives have."""
    people = {rng.choice(PEOPLE[: rng.choice([5, 15, 40])]) for _ in range(rng.randint(1, 5))}
    topics = {rng.choice(TOPICS[: rng.choice([3, 12])]) for _ in range(rng.randint(1, 3))}
    return {"n": n, "people": ";".join(sorted(people)), "topics": ";".join(sorted(topics))}


def build(stories: list[dict], memory=None):
    """A build's articles (newest first, fresh objects as a real build reads them), chosen
    with the memory; returns (each article's related keys, the new memory)."""
    articles = [
        SimpleNamespace(
            save_as=f"story-{s['n']}/index.html",
            people=s["people"],
            topics=s["topics"],
            date_unknown=False,
        )  # fmt: skip
        for s in stories
    ]
    index = build_index(articles, taxonomies())
    made = assign_related(articles, index, memory)
    return {a.save_as: [r.save_as for r in a.related] for a in articles}, made


@pytest.fixture
def archive() -> list[dict]:
    rng = random.Random(7)
    return [story(n, rng) for n in range(400, 0, -1)]  # newest first


def test_a_days_news_rescores_only_the_new_articles(archive):
    chosen, memory = build(archive)
    assert memory.rescored == len(archive)
    assert sum(1 for r in chosen.values() if r) > len(archive) * 0.9
    rng = random.Random(8)
    news = [story(n, rng) for n in range(410, 400, -1)]
    again, remembered = build(news + archive, memory)
    assert again == build(news + archive)[0]
    assert remembered.rescored == len(news)
    assert all(again[key] == value for key, value in chosen.items())  # old pages unchanged


@pytest.mark.parametrize("change", ["back-dated", "deleted", "re-tagged", "nothing"])
def test_a_rebuild_chooses_what_a_build_from_nothing_chooses(archive, change):
    _, memory = build(archive)
    changed = [dict(s) for s in archive]
    if change == "back-dated":
        changed.insert(250, story(1000, random.Random(9)))
    elif change == "deleted":
        del changed[250]
    elif change == "re-tagged":
        changed[250]["people"] = "Person 0"
    again, remembered = build(changed, memory)
    assert again == build(changed)[0]
    if change == "nothing":
        assert remembered.rescored == 0
    else:  # articles at and after the change in its entities' lists; none of the older 149
        assert 0 < remembered.rescored <= 251


def test_the_memory_survives_a_build_and_a_damaged_one_is_ignored(archive, tmp_path):
    chosen, memory = build(archive)
    save_memory(tmp_path, memory)
    loaded = load_memory(tmp_path)
    assert build(archive, loaded)[1].rescored == 0
    (tmp_path / MEMORY_FILE).write_bytes(b"not a pickle")
    assert load_memory(tmp_path) is None
    assert build(archive, None)[0] == chosen


def test_people_file_under_their_family_name_in_the_a_to_z():
    """Xi Jinping under X (the registry's family_name), Elizabeth II under E, not I."""
    from entity_pages import known_entities

    from newsarchive.entities import DEFAULT_DATA_DIR

    known = known_entities("people", DEFAULT_DATA_DIR)
    people = taxonomies()[0]
    names = ["Xi Jinping", "Kim Jong Un", "Martin Luther King, Jr.", "Elizabeth II", "Ana Jansen"]
    entities = [Entity(people, n, n.lower(), info=known.get(n, {})) for n in names]
    assert [e.sort_key[:1] for e in entities] == ["x", "k", "k", "e", "j"]
    assert [e.name for e in sorted(entities, key=lambda e: e.sort_key)] == [
        "Elizabeth II", "Ana Jansen", "Kim Jong Un", "Martin Luther King, Jr.", "Xi Jinping",
    ]  # fmt: skip
