"""Choosing topics by meaning, with the real model and tagger: an off-topic secondary topic goes,
a topic the article names stays, and a missing model means keywords alone, said once."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SAMPLES, SEED, needs_seed

from newsarchive.entities import DEFAULT_DATA_DIR, Tagger, get_tagger, topic_similarity
from newsarchive.entities.embeddings import MODEL_ENV
from newsarchive.entities.topic_similarity import SELECTION_ENV, select_by_meaning, topic_text
from newsarchive.entities.topics import length_scale, named_topics
from newsarchive.importer import extract_file

# A long match report (my own text) whose chairman mentions the council's budget in passing:
# the keyword rule files it under Public finances too.
MATCH_REPORT = """\
Riverside Rovers won the regional cup final on Saturday, beating Northgate United 3-1 in front of a sell-out crowd at the Old Mill ground, and the club's supporters stayed long after the final whistle to sing for a squad that few had tipped to reach the final at all.

The first half was tight. Northgate pressed high, and their captain forced two fine saves from the Rovers goalkeeper, Sam Okafor, who had only returned from a hamstring injury a fortnight ago. Rovers went ahead against the run of play after 38 minutes, when the winger Leah Brennan cut inside from the left and curled a shot into the far corner.

Northgate levelled early in the second half through a header from a corner, and for twenty minutes the match could have gone either way. The Rovers manager, Tom Hale, changed the shape of his side, bringing on two fresh midfielders, and the move paid off: the striker Danny Mercer scored twice in six minutes, first from the penalty spot and then with a low shot after a swift counter-attack.

Hale said afterwards that the win belonged to the players and the fans. "We have had a hard season, with injuries all over the squad, and these lads kept going," he said. "The supporters carried us in the last ten minutes." Mercer, who joined the club in the summer, has now scored eleven goals in the cup run.

The final was also the last match in charge for the Northgate coach, who announced last month that he would step down after eight seasons. His players formed a guard of honour for him before kick-off, and the Rovers fans applauded him as he walked to the dugout.

The club's chairman used the occasion to mention, briefly, the town council's budget. The council has set aside money in next year's budget for repairs to the stand, and the chairman thanked the council for the funding and said the club would bid for a share of the tax revenue raised from the new car park. Councillors are expected to vote on the budget and the spending plan next month, and the treasurer said the fiscal position was sound.

For the players, none of that mattered on the day. Brennan, who grew up a few streets from the ground, lifted the trophy with Okafor and Mercer while the crowd sang. The team will parade the cup through the town centre on Sunday afternoon, and the club will open the ground to supporters so that families can have their photographs taken with the trophy.

Rovers now turn to the league, where they sit fourth with six matches left. A place in the play-offs would cap a remarkable season for a club that was close to relegation two years ago. Hale said the squad would rest for a few days before training resumes on Wednesday.
"""


# A short business story (my own text) that says "merger" only through "stake in": Mergers and
# acquisitions scores below its threshold, but is what the story is about.
GROCERS_MERGE = """\
Two of the region's largest grocers, Larkfield Foods and Greenvale Markets, said on Monday they would combine in a deal worth 4.2 billion crowns, creating a chain of more than 900 shops.

Larkfield shareholders will own 55 percent of the new company, which will keep both brands for at least three years. The boards of both companies have approved the terms, and the deal is expected to close in the spring if competition regulators agree.

The chief executive of Larkfield, who will lead the combined group, said the companies expected to save 150 million crowns a year by buying together and sharing warehouses. Shares in Greenvale rose 18 percent in morning trading.

Unions representing shop workers asked for assurances that no stores would close. The founding family of Greenvale, which has held a small stake in Larkfield for two years, backs the plan. Analysts said regulators were likely to demand that some shops be sold in towns where the two chains are the only large grocers.
"""


@pytest.fixture(scope="module")
def by_meaning():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SELECTION_ENV, "meaning")
        tagger = Tagger(DEFAULT_DATA_DIR)
    assert tagger.encoder is not None
    return tagger


@pytest.fixture(scope="module")
def by_keywords():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SELECTION_ENV, "keywords")
        tagger = Tagger(DEFAULT_DATA_DIR)
    assert tagger.encoder is None
    return tagger


def test_meaning_is_the_default():
    assert get_tagger(DEFAULT_DATA_DIR).encoder is not None


def test_topic_text_names_the_strongest_keywords():
    tagger = get_tagger(DEFAULT_DATA_DIR)
    missile = next(t for t in tagger.taxonomy if t.slug == "missile-defense")
    text = topic_text(missile)
    assert text.startswith(f"Missile defense: {missile.description} Keywords: ")
    assert text.endswith(".") and len(text.split("Keywords: ")[1].split(", ")) <= 8


def test_topic_text_lists_each_keyword_once_whatever_its_spelling():
    tagger = get_tagger(DEFAULT_DATA_DIR)
    by_slug = {t.slug: t for t in tagger.taxonomy}
    keywords = {
        slug: topic_text(by_slug[slug]).split("Keywords: ")[1].rstrip(".").split(", ")
        for slug in ("armed-conflict", "security-and-defence", "terrorism")
    }
    # data/topics.yml spells these both ways; one of each is listed, and the next keyword
    # takes the freed place
    assert "airstrike" in keywords["armed-conflict"]
    assert "air strike" not in keywords["armed-conflict"]
    assert "defense spending" in keywords["security-and-defence"]
    assert "defence spending" not in keywords["security-and-defence"]
    assert "counter terrorism" not in keywords["terrorism"]
    assert all(len(words) == 8 for words in keywords.values())


def test_topic_vectors_follow_the_taxonomy_they_are_asked_for():
    """The vectors of the last taxonomy are kept for the next article; another taxonomy (a
    retag after an edit of topics.yml) gets its own, and the first is found again."""
    from dataclasses import replace

    tagger = get_tagger(DEFAULT_DATA_DIR)
    first = topic_similarity.topic_vectors(tagger.encoder, tagger.taxonomy)
    edited = [
        replace(t, description="Cakes, bread and pastry.") if t.slug == "missile-defense" else t
        for t in tagger.taxonomy
    ]
    second = topic_similarity.topic_vectors(tagger.encoder, edited)
    assert float(first["missile-defense"] @ second["missile-defense"]) < 0.9
    assert float(first["terrorism"] @ second["terrorism"]) > 0.999  # (padded apart, in a batch)
    again = topic_similarity.topic_vectors(tagger.encoder, tagger.taxonomy)
    assert (again["missile-defense"] == first["missile-defense"]).all()


def test_meaning_drops_an_off_topic_secondary_topic(by_meaning, by_keywords):
    keywords = [t.name for t in by_keywords.tag(MATCH_REPORT).topics]
    meaning = by_meaning.tag(MATCH_REPORT).topics
    assert {"Sport", "Football", "Public finances and taxation"} <= set(keywords)
    assert {t.name for t in meaning} == {"Sport", "Football"}
    # the scores kept are the keyword scores, as before
    assert {t.name: t.score for t in meaning}.items() <= {
        t.name: t.score for t in by_keywords.tag(MATCH_REPORT).topics
    }.items()


def test_a_topic_below_its_threshold_is_proposed_when_close_in_meaning(
    by_meaning, by_keywords, monkeypatch
):
    merger = next(t for t in by_meaning.taxonomy if t.slug == "mergers-and-acquisitions")
    meaning = {t.name: t.score for t in by_meaning.tag(GROCERS_MERGE).topics}
    words = len(GROCERS_MERGE.split())
    assert 0 < meaning["Mergers and acquisitions"] < merger.threshold * length_scale(words)
    assert "Mergers and acquisitions" not in {t.name for t in by_keywords.tag(GROCERS_MERGE).topics}
    # without proposals, meaning alone does not bring it back
    monkeypatch.setattr(topic_similarity, "PROPOSAL_SHARE", 1.0)
    assert "Mergers and acquisitions" not in {t.name for t in by_meaning.tag(GROCERS_MERGE).topics}
    # and a proposal must be close in meaning: far topics below their threshold are not
    monkeypatch.undo()  # (the default share again, whatever it is)
    monkeypatch.setattr(topic_similarity, "PROPOSAL_MIN_COSINE", 0.9)
    assert "Mergers and acquisitions" not in {t.name for t in by_meaning.tag(GROCERS_MERGE).topics}


def test_missing_model_falls_back_to_keywords_with_one_warning(
    tmp_path, monkeypatch, capsys, by_keywords
):
    monkeypatch.setenv(SELECTION_ENV, "meaning")
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "no-model"))
    taggers = [Tagger(DEFAULT_DATA_DIR), Tagger(DEFAULT_DATA_DIR)]
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("warning")
    assert "no-model" in warnings[0] and "keywords alone" in warnings[0]
    expected = [t.name for t in by_keywords.tag(MATCH_REPORT).topics]
    for tagger in taggers:
        assert tagger.encoder is None
        assert [t.name for t in tagger.tag(MATCH_REPORT).topics] == expected


def test_unknown_selection_is_refused(monkeypatch):
    monkeypatch.setenv(SELECTION_ENV, "vibes")
    with pytest.raises(RuntimeError, match=SELECTION_ENV):
        Tagger(DEFAULT_DATA_DIR)


@needs_seed
def test_seed_topics_by_meaning(by_meaning):
    seed = extract_file(SEED, tagger=by_meaning)
    topics = {t["name"] for t in seed.topics}
    assert {"Missile defense", "Nuclear disarmament", "U.S.–Russia relations"} <= topics


def test_a_named_topic_is_kept_on_keyword_strength():
    strength = {"a": 4.0, "b": 1.0, "c": 0.8}
    cosine = {"a": 0.45, "b": 0.2, "c": 0.2}
    names = {"a": "A", "b": "B", "c": "C"}
    assert select_by_meaning(strength, cosine, names, 4) == ["a"]
    # b is named and has a quarter of a's strength; c is named but has less
    assert select_by_meaning(strength, cosine, names, 4, {"b", "c"}, 0.25) == ["a", "b"]


def test_named_topics_are_the_topics_named_in_the_body_or_cued_in_the_headline(by_meaning):
    taxonomy = by_meaning.taxonomy
    slugs = ["drought", "strikes", "diplomacy", "water-supply"]
    # "diplomacy" is said too, but Diplomacy's own name is not one of its specific phrases
    body = "Farmers said the drought had emptied the reservoirs; diplomacy was not mentioned."
    assert named_topics(taxonomy, slugs, body, "", Counter()) == {"drought"}
    # no topic is named in the body; "water supply" is a cue of Water supply in the headline
    title = "Water supply cut again"
    assert named_topics(taxonomy, slugs, "It rained.", title, Counter()) == {"water-supply"}


#: The demo archive's stories about the dock strike and the drought: choosing by meaning must
#: not take away the topic each is about, though the port or the water supply weighs more.
DEMO_TOPICS = {
    "saltmere-dockworkers-walk-out-over-automation": "Strikes",
    "saltmere-port-strike-second-week": "Strikes",
    "tessa-river-low-water-grain-barges": "Drought",
    "tessa-valley-water-rationing": "Drought",
    "tessa-valley-farmers-warn-of-third-dry-winter": "Drought",
    "veloria-desalination-strategy": "Drought",
}


@pytest.mark.parametrize("stem", sorted(DEMO_TOPICS))
def test_demo_strike_and_drought_stories_keep_their_topic(stem, by_meaning):
    (sample,) = [f for f in SAMPLES.rglob(stem + ".*") if f.suffix not in (".md", ".yml")]
    article = extract_file(sample, tagger=by_meaning)
    assert DEMO_TOPICS[stem] in {t["name"] for t in article.topics}
