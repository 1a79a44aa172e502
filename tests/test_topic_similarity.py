"""Choosing topics by meaning, with the real model and tagger: an off-topic secondary topic goes,
and a missing model means keywords alone, said once."""

from __future__ import annotations

import pytest
from conftest import SEED

from newsarchive.entities import DEFAULT_DATA_DIR, Tagger, get_tagger
from newsarchive.entities.embeddings import MODEL_ENV
from newsarchive.entities.topic_similarity import SELECTION_ENV, topic_text
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


@pytest.fixture(scope="module")
def by_meaning():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SELECTION_ENV, "meaning")
        tagger = Tagger(DEFAULT_DATA_DIR)
    assert tagger.encoder is not None
    return tagger


def test_topic_text_names_the_strongest_keywords():
    tagger = get_tagger(DEFAULT_DATA_DIR)
    missile = next(t for t in tagger.taxonomy if t.slug == "missile-defense")
    text = topic_text(missile)
    assert text.startswith(f"Missile defense: {missile.description} Keywords: ")
    assert text.endswith(".") and len(text.split("Keywords: ")[1].split(", ")) <= 8


def test_meaning_drops_an_off_topic_secondary_topic(by_meaning):
    by_keywords = get_tagger(DEFAULT_DATA_DIR)
    assert by_keywords.encoder is None  # the default
    keywords = [t.name for t in by_keywords.tag(MATCH_REPORT).topics]
    meaning = by_meaning.tag(MATCH_REPORT).topics
    assert {"Sport", "Football", "Public finances and taxation"} <= set(keywords)
    assert {t.name for t in meaning} == {"Sport", "Football"}
    # the scores kept are the keyword scores, as before
    assert {t.name: t.score for t in meaning}.items() <= {
        t.name: t.score for t in by_keywords.tag(MATCH_REPORT).topics
    }.items()


def test_missing_model_falls_back_to_keywords_with_one_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(SELECTION_ENV, "meaning")
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "no-model"))
    taggers = [Tagger(DEFAULT_DATA_DIR), Tagger(DEFAULT_DATA_DIR)]
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("warning")
    assert "no-model" in warnings[0] and "keywords alone" in warnings[0]
    expected = [t.name for t in get_tagger(DEFAULT_DATA_DIR).tag(MATCH_REPORT).topics]
    for tagger in taggers:
        assert tagger.encoder is None
        assert [t.name for t in tagger.tag(MATCH_REPORT).topics] == expected


def test_unknown_selection_is_refused(monkeypatch):
    monkeypatch.setenv(SELECTION_ENV, "vibes")
    with pytest.raises(RuntimeError, match=SELECTION_ENV):
        Tagger(DEFAULT_DATA_DIR)


@pytest.mark.xfail(
    strict=True,
    reason="known: by meaning, the seed keeps 2 of its 3 required topics (Nuclear disarmament "
    "is dropped), which is why keywords stay the default",
)
def test_seed_topics_by_meaning(by_meaning):
    seed = extract_file(SEED, tagger=by_meaning)
    topics = {t["name"] for t in seed.topics}
    assert {"Missile defense", "Nuclear disarmament", "U.S.–Russia relations"} <= topics
