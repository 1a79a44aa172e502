"""Registry and taxonomy files: clear errors naming the file and line, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from newsarchive.cli import main
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.entities.registry_file import RegistryError
from newsarchive.entities.topics import load_taxonomy

PERSON = "- name: Ada Quill\n  slug: ada-quill\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PERSON + "- name: Ada Q.\n  slug: ada-quill\n", "people.yml:3: duplicate slug 'ada-quill' (first on line 1)"),
        (PERSON + "- name: Bo Reyes\n  slug: bo\n  aliases: [Ada Quill]\n", "people.yml:3: 'Ada Quill' already names 'Ada Quill'"),
        (PERSON + "- slug: nameless\n", "people.yml:3: entry is missing name"),
        (PERSON + "- name: Bo\n  slug: bo\n  born: 1970\n", "people.yml:3: unknown keys born"),
        (PERSON + "- just a string\n", "every entry must be a mapping"),
        (PERSON + "- name: [unclosed\n", "people.yml:3: not valid YAML"),
        # deep in a long list, the line of the broken entry, not of the list's start
        ("".join(f"- name: P{n} Quill\n  slug: p{n}\n" for n in range(40)) + "- name: Bo\n slug: bo\n",
         "people.yml:82: not valid YAML"),
        ("name: Ada\n", "people.yml:1: expected a list of entries"),
        # a quote left open: the line that opens it, not the next quote's lines below (in a
        # comment, say), where the parser gave up
        (PERSON + '- name: Bo\n  slug: bo\n  aliases: [Bob, "B. Reyes]\n' + "# a note\n" * 25 + '# "quoted" in a comment\n- name: Cy\n  slug: cy\n',
         "people.yml:5: not valid YAML (a quote opened here is not closed"),
        (PERSON + '- name: Bo\n  slug: bo\n  role: "Mayor of Avel\n' + "# a note\n" * 25 + '# "quoted" in a comment\n- name: Cy\n  slug: cy\n',
         "people.yml:5: not valid YAML (a quote opened here is not closed"),
        # (a quote inside a value opens none: the open one is named, not the 5" screen)
        (PERSON + "- name: Bo\n  slug: bo\n  role: 5\" screen maker, Kastria's\n  aliases: [Bob, \"B. Reyes]\n" + "# a note\n" * 25 + '# "quoted"\n- name: Cy\n  slug: cy\n',
         "people.yml:6: not valid YAML (a quote opened here is not closed"),
        # what each key holds: wrong values were made text ("['Ada', 'Bo']") or crashed later
        (PERSON + "- name: [Bo Reyes, Bo Q.]\n  slug: bo\n", "people.yml:3: name must be text, not a list"),
        (PERSON + "- name: yes\n  slug: yes-man\n", "people.yml:3: name must be text, not true (quote it"),
        (PERSON + "- name: Bo\n  slug: Ada-Quill\n", "people.yml:3: slug 'Ada-Quill' must be lower-case letters and digits joined by hyphens"),
        (PERSON + "- name: Bo\n  slug: ../../bo\n", "people.yml:3: slug '../../bo' must be lower-case"),
        (PERSON + "- name: Bo\n  slug: bo\n  role: {job: mayor}\n", "people.yml:3: role must be text, not a mapping"),
        (PERSON + "- name: Bo\n  slug: bo\n  wikidata: Q42x\n", "people.yml:3: wikidata 'Q42x' is no Wikidata id"),
        (PERSON + "- name: Bo\n  slug: bo\n  aliases: [Bob, [Bobby]]\n", "people.yml:3: aliases must list texts, not a list"),
        (PERSON + "- name: Bo\n  slug: bo\n  name: Bob\n", "people.yml:5: not valid YAML ('name' given twice (first on line 3))"),
        (PERSON + "- 42\n", "people.yml:3: every entry must be a mapping (found 42)"),
    ],
)  # fmt: skip
def test_people_registry_errors(tmp_path, text, message):
    path = tmp_path / "people.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        PeopleRegistry.load(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


TOPIC = "- name: Arms control\n  slug: arms-control\n  phrases: {arms control: 3}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TOPIC + "- name: Missiles\n  slug: missiles\n  parent: weapons\n  phrases: {missile: 2}\n", "topics.yml:4: unknown parent 'weapons'"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n", "topics.yml:4: topic has no phrases or lemmas"),
        (TOPIC + "- name: Missiles\n  slug: arms-control\n  phrases: {missile: 2}\n", "duplicate slug 'arms-control'"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  phrases: {missile: many}\n", "topics.yml:4: phrases weights must be numbers"),
        ("- name: A\n  slug: a\n  parent: b\n  lemmas: {x: 1}\n- name: B\n  slug: b\n  parent: a\n  lemmas: {y: 1}\n", "parent cycle"),
        (TOPIC + "- name: Fires\n  slug: fires\n  yields_to: [wildfires]\n  phrases: {fire: 2}\n", "topics.yml:4: unknown yields_to 'wildfires'"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  aliases: [Arms Control]\n  phrases: {missile: 2}\n", "topics.yml:4: alias 'Arms Control' already names 'Arms control'"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  aliases: Rockets\n  phrases: {missile: 2}\n", "topics.yml:4: aliases must be a list"),
        (TOPIC + "- name: Labour\n  slug: labour\n  lower_case: [labor]\n  phrases: {labour: 2}\n", "topics.yml:4: lower_case names labor, not a phrase or a require_any word"),
        (TOPIC + "- name: Labour\n  slug: labour\n  lower_case: labour\n  phrases: {labour: 2}\n", "topics.yml:4: lower_case must be a list"),
        (TOPIC + "- name: Terrorism\n  slug: terrorism\n  names_are_cues: yes please\n  phrases: {bin laden: 3}\n", "topics.yml:4: names_are_cues must be true or false"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  threshold: high\n  phrases: {missile: 2}\n", "topics.yml:4: threshold must be a number, not 'high'"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  title_boost: [2]\n  phrases: {missile: 2}\n", "topics.yml:4: title_boost must be a number, not a list"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  parent: [arms-control]\n  phrases: {missile: 2}\n", "topics.yml:4: parent must be text, not a list"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  phrases: {missile: .nan}\n", "topics.yml:4: phrases weights must be numbers"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  lemmas: {missile: .inf}\n", "topics.yml:4: lemmas weights must be numbers"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  phrases: {'': 3, missile: 2}\n", "topics.yml:4: phrases has an empty word"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  require_any: nuclear\n  phrases: {missile: 2}\n", "topics.yml:4: require_any must be a list"),
        (TOPIC + "- name: Missiles\n  slug: missiles\n  yields_to: arms-control\n  phrases: {missile: 2}\n", "topics.yml:4: yields_to must be a list"),
    ],
)  # fmt: skip
def test_taxonomy_errors(tmp_path, text, message):
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_taxonomy(path)
    assert message in str(err.value)


def test_a_registry_that_is_no_utf8_text_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "people.yml"
    path.write_bytes(
        PERSON.encode() + "- name: Fran\u00e7ois Roe\n  slug: f-roe\n".encode("cp1252")
    )
    with pytest.raises(RegistryError) as err:
        PeopleRegistry.load(path)
    assert str(err.value) == f"{path}:3: not UTF-8 text (byte 0xe7): save it as UTF-8"


def test_a_name_written_as_a_number_is_an_error_and_quoted_it_is_text(tmp_path):
    """YAML reads `007` as 7, `1.50` as 1.5 and `10:30` as 630: taken as text, a name or slug
    was silently another."""
    path = tmp_path / "people.yml"
    for value, shown in (("007", "7"), ("10:30", "630"), ("1.50", "1.5")):
        path.write_text(PERSON + f"- name: Bo Reyes\n  slug: {value}\n", encoding="utf-8")
        with pytest.raises(RegistryError) as err:
            PeopleRegistry.load(path)
        assert f"people.yml:3: slug must be text, not {shown} (quote it" in str(err.value)
    path.write_text(PERSON + "- name: '1917'\n  slug: '007'\n", encoding="utf-8")
    assert [(p.name, p.slug) for p in PeopleRegistry.load(path).people][1] == ("1917", "007")


def test_an_entry_may_take_its_keys_from_an_anchor(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text(
        "- &ada {name: Ada Quill, slug: ada-quill, role: Harbour master}\n"
        "- <<: *ada\n  name: Bo Reyes\n  slug: bo-reyes\n",
        encoding="utf-8",
    )
    people = PeopleRegistry.load(path).people
    assert [(p.name, p.slug, p.role) for p in people][1] == (
        "Bo Reyes",
        "bo-reyes",
        "Harbour master",
    )


def test_import_stops_before_writing_on_a_broken_registry(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "people.yml").write_text(PERSON + PERSON, encoding="utf-8")
    assert main(["import", str(SEED), "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {data / 'people.yml'}:3: duplicate slug 'ada-quill' (first on line 1)"
    assert not (tmp_path / "content").exists()


def test_the_shipped_registry_and_taxonomy_load():
    root = Path(__file__).parent.parent / "data"
    assert len(PeopleRegistry.load(root / "people.yml").people) >= 20
    topics = load_taxonomy(root / "topics.yml")
    assert len(topics) >= 60
    assert {t.slug for t in topics} >= {"arms-control", "nuclear-disarmament", "missile-defense"}
    by_slug = {t.slug: t for t in topics}
    assert by_slug["nuclear-disarmament"].parent == "arms-control"


def test_an_article_is_filed_under_its_strongest_topics_only(tmp_path):
    """Six topics pass their thresholds; the three strongest are kept, with their parents."""
    from collections import Counter

    from newsarchive.entities.topics import MAX_TOPICS, assign_topics

    words = ["harbour", "ferry", "dredging", "lighthouse", "fishing", "tariff"]
    lines = ["- name: Coast\n  slug: coast\n  phrases: {coastline: 1}\n"]
    for n, word in enumerate(words):
        lines.append(
            f"- name: {word.title()}\n  slug: {word}\n  parent: coast\n"
            f"  phrases: {{{word}: {7 - n}}}\n  threshold: 2\n"
        )
    path = tmp_path / "topics.yml"
    path.write_text("".join(lines), encoding="utf-8")
    body = " ".join(words)
    topics = assign_topics(load_taxonomy(path), body, "", Counter(), Counter())
    direct = [t.name for t in topics if not t.inherited]
    assert MAX_TOPICS == 3
    assert direct == ["Harbour", "Ferry", "Dredging"]
    assert [t.name for t in topics if t.inherited] == ["Coast"]


def _taxonomy(tmp_path, text: str):
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return load_taxonomy(path)


def _direct(taxonomy, body: str) -> list[str]:
    from collections import Counter

    from newsarchive.entities.topics import assign_topics

    return [
        t.name for t in assign_topics(taxonomy, body, "", Counter(), Counter()) if not t.inherited
    ]


FIRES = (
    "- name: Fires\n  slug: fires\n  yields_to: [wildfires]\n  phrases: {fire: 3}\n"
    "- name: Wildfires\n  slug: wildfires\n  phrases: {bushfire: 3}\n"
)


def test_a_topic_yields_to_the_one_that_takes_its_place(tmp_path):
    taxonomy = _taxonomy(tmp_path, FIRES)
    assert _direct(taxonomy, "A fire gutted a warehouse. The fire burned all night.") == ["Fires"]
    assert _direct(taxonomy, "The bushfire spread. The fire front crossed a road; a bushfire "
                             "warning was issued.") == ["Wildfires"]  # fmt: skip


def test_a_short_story_needs_less_than_a_long_one(tmp_path):
    """Two mentions pass the bar in a 60-word brief but not in a 600-word article."""
    taxonomy = _taxonomy(tmp_path, "- name: Ferries\n  slug: ferries\n  phrases: {ferry: 2}\n")
    brief = "The ferry was late and the ferry company apologised. " + "word " * 50
    long = brief + "word " * 540
    assert _direct(taxonomy, brief) == ["Ferries"]
    assert _direct(taxonomy, long) == []


def test_strength_not_raw_score_decides_which_topics_stay(tmp_path):
    """A broad topic with a high bar and a high score ranks below specific ones that clear
    their own bars by more; with four candidates and room for three, the broad one goes."""
    from newsarchive.entities.topics import MAX_TOPICS

    words = ["harbour", "ferry", "dredging"]
    text = "- name: Sea\n  slug: sea\n  threshold: 20\n  phrases: {sea: 8}\n"
    text += "".join(
        f"- name: {w.title()}\n  slug: {w}\n  threshold: 2\n  phrases: {{{w}: 3}}\n" for w in words
    )
    taxonomy = _taxonomy(tmp_path, text)
    body = " ".join(["sea sea sea"] + words + ["word"] * 300)
    assert MAX_TOPICS == 3
    assert sorted(_direct(taxonomy, body)) == sorted(w.title() for w in words)


def test_loader_bookkeeping_is_not_a_phrase():
    root = Path(__file__).parent.parent / "data"
    for topic in load_taxonomy(root / "topics.yml"):
        assert not any(key.startswith("__") for key in (*topic.phrases, *topic.lemmas))


def test_a_full_length_article_needs_two_distinct_cues(tmp_path):
    """One word said three times is enough for a brief, not for a 500-word article."""
    taxonomy = _taxonomy(
        tmp_path, "- name: Malware\n  slug: malware\n  phrases: {virus: 3, worm: 2}\n"
    )
    filler = " word" * 500
    assert _direct(taxonomy, "A virus, a virus, a virus." + filler) == []
    assert _direct(taxonomy, "A virus, a virus, a virus and a worm." + filler) == ["Malware"]
    assert _direct(taxonomy, "A virus, a virus, a virus.") == ["Malware"]


PLACE = "- name: Tessa Valley\n  slug: tessa-valley\n"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"places.yml": PLACE + "- name: Tessa Vale\n  slug: tessa-valley\n"}, "places.yml:3: duplicate slug 'tessa-valley' (first on line 1)"),
        ({"places.yml": PLACE, "organisations.yml": "- name: Tessa-Valley\n  slug: tv\n"}, "places.yml:1: 'Tessa Valley' is already declared at"),
        ({"places.yml": PLACE, "not-names.yml": "- name: X\n  aliases: [tessa valley]\n"}, "not-names.yml:1: 'tessa valley' is already declared at"),
        ({"places.yml": PLACE + "- name: Arben\n  slug: arben\n  aliases: Arb\n"}, "places.yml:3: aliases must be a list"),
        ({"places.yml": "- name: Arben\n"}, "places.yml:1: entry is missing slug"),
        ({"not-names.yml": "- name: USB\n  kind: connector\n"}, "not-names.yml:1: unknown keys kind"),
        ({"places.yml": "- name: '...'\n  slug: dots\n"}, "places.yml:1: '...' is not a name"),
        ({"people.yml": PERSON, "organisations.yml": "- name: Ada Quill\n  slug: aq\n"}, "organisations.yml:1: 'ada quill' is also a person in"),
        ({"topics.yml": TOPIC + "  threshold: high\n"}, "topics.yml:1: threshold must be a number, not 'high'"),
        ({"organisations.yml": "- name: Arben Council\n  slug: [arben]\n"}, "organisations.yml:1: slug must be text, not a list"),
    ],
)  # fmt: skip
def test_name_registry_errors_name_the_file_and_line(tmp_path, files, message, capsys):
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    assert main(["import", str(SEED), "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {data}/") and message in err and "\n" not in err
    assert not (tmp_path / "content").exists()


def test_data_files_decide_what_the_model_mislabels(tmp_path):
    from newsarchive.entities import Tagger

    data = tmp_path / "data"
    data.mkdir()
    (data / "people.yml").write_text(PERSON, encoding="utf-8")
    for name in ("places.yml", "organisations.yml", "not-names.yml"):  # (not the bundled ones)
        (data / name).write_text("[]\n", encoding="utf-8")
    text = ("Ada Quill flew from Dorvask to Hallvik on Monday, where Kastria's envoy met her. "
            "Netflix filmed it on a new MacBook Pro, and a Nintendo Switch was raffled in NY.")  # fmt: skip
    before = Tagger(data).tag(text)
    (data / "places.yml").write_text(
        "- name: Kastria\n  slug: kastria\n- name: Dorvask\n  slug: dorvask\n"
        "- name: New York\n  slug: new-york\n  aliases: [NY]\n",
        encoding="utf-8",
    )
    (data / "organisations.yml").write_text("- name: Netflix\n  slug: netflix\n", encoding="utf-8")
    (data / "not-names.yml").write_text(
        "- name: MacBook\n  aliases: [MacBook Pro]\n- name: Nintendo Switch\n", encoding="utf-8"
    )
    after = Tagger(data).tag(text)
    # (what the small model made of it without the files: the test shows they changed it)
    assert set(before.organisations + before.places) != set(after.organisations + after.places)
    assert [p.name for p in after.people] == ["Ada Quill"]
    assert "Netflix" in after.organisations and "Netflix" not in after.places
    assert {"Kastria", "Dorvask", "New York"} <= set(after.places)
    assert not {"Kastria", "Dorvask", "NY"} & set(after.organisations)
    named = after.organisations + after.places + [p.name for p in after.people]
    assert not [n for n in named if "MacBook" in n or "Switch" in n]


def test_a_declared_place_is_found_where_the_model_missed_it():
    """The small model labels "Veloria" in some articles and not in others: the demo's page
    of the first Halcyon images names it eight times and was not on Veloria's page."""
    from newsarchive.entities import DEFAULT_DATA_DIR, get_tagger
    from newsarchive.importer import extract_file

    page = Path(__file__).parent.parent / "samples" / "html" / "harbor-daily" / "halcyon-first-images-lunar-orbit.html"  # fmt: skip
    article = extract_file(page, None, get_tagger(DEFAULT_DATA_DIR))
    assert "Veloria" in article.places
    # not within a longer name ("Velorian Space Agency"), nor twice
    assert "Velorian Space Agency" in article.organisations
    assert len(article.places) == len(set(article.places))


def test_the_shipped_name_files_load():
    from newsarchive.entities.name_registry import NameRegistry

    names = NameRegistry.load(Path(__file__).parent.parent / "data")
    assert (
        names.lookup("N.Y.").name == "New York" and names.lookup("Netflix").kind == "organisation"
    )
    assert names.lookup("macbook pros").kind == "none"


def test_a_data_folder_with_one_file_keeps_the_bundled_others(tmp_path):
    # an archive that adds only not-names.yml still has the bundled people and topics
    from newsarchive.entities import Tagger, data_dir

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "not-names.yml").write_text("- name: Ada Quill\n", encoding="utf-8")
    data = data_dir(tmp_path)
    assert data == tmp_path / "data"
    tagger = Tagger(data)
    assert tagger.registry.exact("Sergei Lavrov") is not None and len(tagger.taxonomy) >= 60
    assert tagger.names.lookup("Ada Quill").kind == "none"
    assert tagger.names.lookup("Kastria").kind == "place"  # (bundled places.yml)


def test_a_declared_name_ended_by_a_line_break_is_found(tmp_path):
    """The model reads "Ed Cara\\nSource" as one person; the name data/ declares is looked up
    as the people pass reads the span, ended at the field's line break."""
    from newsarchive.entities import Tagger

    data = tmp_path / "data"
    data.mkdir()
    (data / "organisations.yml").write_text("- name: Ed Cara\n  slug: ed-cara\n", encoding="utf-8")
    text = "Authors: Jennifer Ouellette, Beth Mole and Ed Cara\nSource: Ars Technica\n"
    tags = Tagger(data).tag(text)
    assert "Ed Cara" in tags.organisations
    assert [p.name for p in tags.people] == ["Jennifer Ouellette", "Beth Mole"]


@pytest.fixture(scope="module")
def declaring_tagger(tmp_path_factory):
    """A tagger whose data/ declares names that today's rules would otherwise file elsewhere
    (the model labels each as its test says; what an editor declares is final)."""
    from newsarchive.entities import Tagger

    data = tmp_path_factory.mktemp("declaring") / "data"
    data.mkdir()
    (data / "organisations.yml").write_text(
        "- name: Marcelo Claure\n  slug: marcelo-claure\n"
        "- name: Nikolaj Ehlers\n  slug: nikolaj-ehlers\n"
        "- name: Crédit Agricole\n  slug: credit-agricole\n  aliases: [CA]\n",
        encoding="utf-8",
    )
    (data / "places.yml").write_text("- name: Rajon Rondo\n  slug: rajon-rondo\n", encoding="utf-8")
    return Tagger(data)


def test_a_declared_name_that_speaks_or_scores_stays_as_declared(declaring_tagger):
    # the "surname speaks" rule makes these people when data/ says nothing
    text = (
        "The company told staff in an email from its new executive chair Marcelo Claure that "
        "cuts were coming. The details will follow on Friday, Claure said in the email.\n\n"
        "James did not appear to clash with Rajon Rondo, his opponent in a fight last season. "
        "Rondo had eight points and ten assists."
    )
    tags = declaring_tagger.tag(text)
    assert not {"Marcelo Claure", "Rajon Rondo"} & {p.name for p in tags.people}
    assert "Marcelo Claure" in tags.organisations and tags.places == ["Rajon Rondo"]


def test_a_declared_name_listed_with_people_stays_as_declared(declaring_tagger):
    text = "Jets 2, Predators 1: Patrik Laine and Nikolaj Ehlers scored, and Winnipeg won."
    tags = declaring_tagger.tag(text)
    assert "Nikolaj Ehlers" not in {p.name for p in tags.people}
    assert "Nikolaj Ehlers" in tags.organisations


def test_a_declared_alias_after_a_name_is_not_a_state(declaring_tagger):
    # "Societe Generale, CA": the postal-code rule reads a town and California
    text = "Shares of BNP Paribas, Societe Generale, CA and Natixis fell on Monday."
    tags = declaring_tagger.tag(text)
    assert "Crédit Agricole" in tags.organisations and "California" not in tags.places


def test_a_declared_name_is_found_whole_with_either_apostrophe(tmp_path):
    """The model labels only the end of a long name ("Harbour Workers' Union"), which was filed
    beside the declared whole, and a curly apostrophe hid the declared name altogether."""
    from newsarchive.entities import Tagger

    data = tmp_path / "data"
    data.mkdir()
    (data / "people.yml").write_text(PERSON, encoding="utf-8")
    (data / "organisations.yml").write_text(
        "- name: Saltmere Dock and Harbour Workers' Union\n  slug: saltmere-dockers\n",
        encoding="utf-8",
    )
    for apostrophe in ("'", "’"):
        text = (
            f"The Saltmere Dock and Harbour Workers{apostrophe} Union walked out on Monday over "
            "a plan to bring automated cranes to the port, its members said."
        )
        assert Tagger(data).tag(text).organisations == [
            "Saltmere Dock and Harbour Workers' Union"
        ], apostrophe


def test_a_person_renamed_in_the_registry_leaves_no_organisation_of_their_former_name(tmp_path):
    """Renaming a councillor in people.yml, her former spelling kept as an alias, made the
    small model's "Councillor Ilse Varkonyi" (an organisation to it) an organisation page
    again on the next retag: a person's name inside one counted only as the registry spells
    it, not as the article does."""
    from newsarchive.entities import Tagger

    data = tmp_path / "data"
    data.mkdir()
    text = (
        "BRINDLECOVE — The ferry company will run only four sailings a day from April, its "
        "chief executive Oskar Thalberg said on Monday.\n\nCouncillor Ilse Varkonyi, who chairs "
        "the island's transport committee, called the decision a blow to families who rely on "
        "the evening boat to reach the hospital in Portmaddow."
    )
    for entry in ("- name: Ilse Varkonyi\n  slug: ilse-varkonyi\n",
                  "- name: Ilse Varkonyi-Brandt\n  slug: ilse-varkonyi-brandt\n  aliases: [Ilse Varkonyi]\n"):  # fmt: skip
        (data / "people.yml").write_text(entry, encoding="utf-8")
        tags = Tagger(data).tag(text)
        assert entry.startswith(f"- name: {tags.people[1].name}\n")
        assert not [name for name in tags.organisations if "Varkonyi" in name]
