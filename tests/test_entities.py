"""People, topics, organisations and places: the tagger on real text."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import SAMPLES, SEED

from newsarchive.entities import (
    DEFAULT_DATA_DIR,
    CapitalsRead,
    Tagger,
    _opens_with_a_number_in_capitals,
    get_tagger,
    opens_heading,
    opens_sentence,
)
from newsarchive.entities.names import (
    conventional_case,
    dateline,
    plausible_name,
    recase_dateline,
)
from newsarchive.entities.organisations_places import (
    clean_name,
    organisations_and_places,
    state_named,
    town_before_state,
)
from newsarchive.entities.people import _role_before
from newsarchive.importer import extract_file

SEVEN = ["Barack Obama", "Vladimir Putin", "Chuck Hagel", "John Kerry", "Sergei Shoigu",
         "Sergei Lavrov", "Sergei Ryabkov"]  # fmt: skip


@pytest.fixture(scope="module")
def tagger():
    return get_tagger(DEFAULT_DATA_DIR)


def model_labels(tagger, text: str) -> list[tuple[str, str]]:
    """What the spaCy model itself reads in the text: (span, label) pairs."""
    spans, _ = tagger._analyse(text)
    return [(text[s:e], label) for s, e, label in spans]


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip(f"the seed page is read from {SEED}, which is absent")
    return extract_file(SEED, tagger=get_tagger(DEFAULT_DATA_DIR))


def test_seed_people_are_exactly_the_seven(seed):
    assert sorted(p["name"] for p in seed.people) == sorted(SEVEN)


def test_seed_topics(seed):
    topics = {t["name"] for t in seed.topics}
    assert {"Missile defense", "Nuclear disarmament", "U.S.–Russia relations"} <= topics
    assert all(t["score"] > 0 for t in seed.topics)


def test_every_mention_is_listed_with_offsets_into_the_body(seed):
    by_name = {p["name"]: p for p in seed.people}
    for person in seed.people:
        for m in person["mentions"]:
            assert seed.body_text[m["start"] : m["end"]] == m["text"]
    # surname-only mentions join the full name, even where NER called them a place or an org
    assert [m["text"] for m in by_name["Chuck Hagel"]["mentions"]] == ["Chuck Hagel", "Hagel"]
    assert [m["text"] for m in by_name["Sergei Lavrov"]["mentions"]] == ["Sergei Lavrov", "Lavrov"]
    assert [m["text"] for m in by_name["Barack Obama"]["mentions"]] == ["Obama", "Obama"]


def test_no_roles_or_organisations_as_people(seed):
    names = {p["name"] for p in seed.people}
    assert not names & {"Defense", "State", "Hagel", "Reuters", "Interfax", "NTI", "Disqus"}
    assert "Associated Press" in seed.organisations and "Reuters" in seed.organisations
    assert "Hagel" not in seed.places and "Russia" in seed.places


def test_titles_are_stripped_and_kept_as_role(tagger):
    tags = tagger.tag("U.S. Defense Secretary Chuck Hagel arrived. Mr. Hagel said nothing.")
    [person] = tags.people
    assert person.name == "Chuck Hagel"
    assert person.role == "U.S. Defense Secretary"
    assert [m.text for m in person.mentions] == ["Chuck Hagel", "Hagel"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Treasurer Tom Hockey said the budget would return to surplus.", "Tom Hockey", "Treasurer"),
        ("Coroner Alison Petrie will report on Friday.", "Alison Petrie", "Coroner"),
        # British abbreviations: "Cllr Marta Olesenko" was a person of that name, another page
        # than the "Councillor Marta Olesenko" of the same paper's other articles
        ("The budget was agreed on Tuesday. Cllr Marta Olesenko, who chairs the finance committee, said the plan protects parks.",
         "Marta Olesenko", "Cllr"),
        ("The budget was agreed on Tuesday. Det Marta Olesenko, who leads the inquiry, said the plan protects parks.",
         "Marta Olesenko", "Det"),
        ("The budget was agreed on Tuesday. Fr Marta Olesenko, who leads the parish, said the plan protects parks.",
         "Marta Olesenko", "Fr"),
    ],
)  # fmt: skip
def test_a_title_that_opens_a_sentence_is_no_part_of_the_name(tagger, text, name, role):
    """A title written before the name at a sentence's start (capitalised there as anywhere)
    comes off it: "Treasurer Tom Hockey" is Tom Hockey, and no church's or coroner's court's."""
    [person] = tagger.tag(text).people
    assert (person.name, person.role) == (name, role)


def test_a_councillor_the_model_labels_an_organisation_is_a_person(tagger):
    """ "Councillor Ilse Varkonyi, who chairs ..." was an organisation to the small model in
    three articles of a local paper: no person page for the councillor, an organisation page
    of "Councillor Ilse Varkonyi" instead, and no name in the people review to add."""
    text = (
        "BRINDLECOVE — The ferry company will run only four sailings a day from April, its "
        "chief executive Oskar Thalberg said on Monday, blaming fuel costs.\n\nCouncillor Ilse "
        "Varkonyi, who chairs the island's transport committee, called the decision a blow to "
        "families who rely on the evening boat to reach the hospital in Portmaddow."
    )
    tags = tagger.tag(text)
    assert ("Ilse Varkonyi", "Councillor") in [(p.name, p.role) for p in tags.people]
    assert not [name for name in tags.organisations if "Varkonyi" in name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Counsel assisting, Dana Whitcombe QC, said the hearings would resume. Later Ms Whitcombe left.",
         ["Dana Whitcombe"]),
        ("Speakers included Oren Castlemaine MP and Dana Whitcombe OBE.", ["Dana Whitcombe"]),
        ("Veloria: Tomas Renny(c), Aldo Marsh(vc), Piet Vanloo.",
         ["Tomas Renny", "Aldo Marsh", "Piet Vanloo"]),
    ],
)  # fmt: skip
def test_letters_after_a_name_and_a_scorecards_brackets_are_no_part_of_it(tagger, text, names):
    """ "QC" and "MP" after a name, and a captain's "(c)" glued to it, would make a second
    page for the same person."""
    assert sorted(p.name for p in tagger.tag(text).people) == sorted(names)


def test_a_mount_a_port_or_a_cape_is_no_person(tagger):
    text = "Residents of Mt Kembla were told to leave. Mt Kembla's fire brigade stayed all night."
    assert [p.name for p in tagger.tag(text).people] == []


def test_a_greater_city_is_no_person(tagger):
    """ "Greater" before a city names the city with its suburbs; the model reads the pair as a
    person now and then, and no one's given name is "Greater"."""
    text = "Fire crews said Greater Dunmore was safe. Greater Dunmore's residents stayed home."
    assert [p.name for p in tagger.tag(text).people] == []


def test_a_portfolio_beside_its_spokesman_is_no_person(tagger):
    """ "Home Affairs" or "Veterans Affairs" is a portfolio; written before the spokesman's name
    it looks like a list of two people, and no one's surname is "Affairs"."""
    text = "The opposition's spokesman on Home Affairs, Teodor Malvick, says the bill is rushed."
    assert [p.name for p in tagger.tag(text).people] == ["Teodor Malvick"]


def test_a_junior_school_is_no_person(tagger):
    """ "Hallam Juniors" is a junior school (or a club's junior side): no one's surname is
    "Juniors", though the model reads the pair as a person."""
    text = ("Dalia Quillon, who joined the crowd, said Brennick was kind. Students from "
            "Brennick's old school, Hallam Juniors, laid flowers at its gate.")  # fmt: skip
    assert [p.name for p in tagger.tag(text).people] == ["Dalia Quillon"]


def test_tomorrow_opening_a_sentence_is_no_given_name(tagger):
    """ "Tomorrow Malvick's family ...": the lone surname looks for a "First Last" in the text,
    and a sentence's first word, capitalised there whatever it is, is no first name."""
    text = "The group said the ashes arrived. Tomorrow Malvick's family will scatter them."
    assert [p.name for p in tagger.tag(text).people] == []


def test_the_city_of_a_name_is_a_place(tagger):
    """ "the city of Bayt Sallim", "the township of ...": a town the model reads as a person."""
    text = "Troops entered the city of Bayt Sallim and searched houses."
    assert [p.name for p in tagger.tag(text).people] == []


@pytest.mark.parametrize(
    "text",
    [
        "The former finance chief of retailer Hollis Tramore will face court on 12 charges.",
        "The sponsors, PR company Daun Belle, said he was killed on the trip.",
        "The crew woke up to a song by the rock group Tarry Bellwin on Sunday.",
    ],
)
def test_a_firm_or_a_band_named_like_a_person_is_none(tagger, text):
    """ "retailer X", "company X", "the rock group X": the word before says what the name is."""
    assert [p.name for p in tagger.tag(text).people] == []


def test_a_capitalised_role_after_former_is_no_given_name(tagger):
    """ "former Beatle Tomas Callery": after "former" comes a role, whatever its capital."""
    text = ("Several hundred admirers stood outside the house of former Beatle Tomas Callery, "
            "who died on Monday. Callery was 58.")  # fmt: skip
    [person] = tagger.tag(text).people
    assert (person.name, person.role) == ("Tomas Callery", "Beatle")


def test_a_given_name_alone_finds_no_second_person_in_a_full_ones_mention(tagger):
    """ "Tomas" alone belongs with Tomas Callery; looking for a "First Tomas" in the text found
    "Beatle Tomas" inside "former Beatle Tomas Callery", a second person."""
    text = ("Several hundred admirers stood outside the house of former Beatle Tomas Callery, "
            'who died on Monday. "We miss Tomas," one said. Callery was 58.')  # fmt: skip
    assert [p.name for p in tagger.tag(text).people] == ["Tomas Callery"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Quillon said Soccer Kastria was weighing a new fee for junior players.",
        "Dalia Quillon said Netball Veloria would appeal. Netball Veloria's board met on Monday.",
    ],
)
def test_a_sports_governing_body_is_no_person(tagger, text):
    """ "Soccer Kastria", "Netball Veloria": a sport before a country names its governing body."""
    assert all(p.name.split()[0] not in ("Soccer", "Netball") for p in tagger.tag(text).people)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Sri Lanka's cabinet agreed on Monday to reopen the northern highway, Teodor Malvick said.",
         "Sri Lanka"),
        ("Two hikers were found safe on a track north of Alice Springs, Dalia Quillon said.",
         "Alice Springs"),
        ("Crowds clashed near the palace in the capital, Buenos Aires. Dalia Quillon called for "
         "calm.", "Buenos Aires"),
        ("Snow has closed the last roads into Tora Bora, commander Teodor Malvick said.",
         "Tora Bora"),
    ],
)  # fmt: skip
def test_places_named_like_people_are_filed_as_places(tagger, text, place):
    """data/places.yml files a place the model reads as a person ("Sri Lanka's government")."""
    tags = tagger.tag(text)
    assert place not in [p.name for p in tags.people]
    assert place in tags.places


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Virgin Blue will add three daily services to Hallam in March, Dalia Quillon said.",
         "Virgin Blue"),
        ("Teodor Malvick, a former manager at Harris Scarfe, spoke to reporters. Harris Scarfe "
         "said its stores would stay open.", "Harris Scarfe"),
    ],
)  # fmt: skip
def test_firms_named_like_people_are_filed_as_organisations(tagger, text, firm):
    """data/organisations.yml files a firm the model reads as a person ("Virgin Blue has ...")."""
    tags = tagger.tag(text)
    assert firm not in [p.name for p in tags.people]
    assert firm in tags.organisations


def test_a_plural_noun_opening_a_sentence_is_no_given_name(tagger):
    """ "Guides Simon Brettler and ...": the model sweeps a sentence's first word into the name;
    the text writes it in lower case elsewhere ("two guides"), so it is a common noun."""
    text = ("The two guides gave evidence on Tuesday. Guides Simon Brettler and Stefan Aebiger "
            "said the river rose without warning.")  # fmt: skip
    assert sorted(p.name for p in tagger.tag(text).people) == ["Simon Brettler", "Stefan Aebiger"]


def test_a_bracket_inside_a_hyphenated_name_part_is_the_editors(tagger):
    """ "Abu-al-(Karim)": a transcript's editor bracketed part of the name; cut at the bracket
    the name would end with "Abu-al-", a hyphen and nothing."""
    text = '"I was sitting with Dr. Tomas Abu-al-(Karim)," he said. "Then we heard the news."'
    [person] = tagger.tag(text).people
    assert person.name == "Tomas Abu-al-Karim"
    assert [m.text for m in person.mentions] == ["Tomas Abu-al-(Karim"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen opened fire on a car between the settlements of Alon Tamir and Nitzana. Alon "
         "Tamir was attacked on October 2. A settler was killed in Alon Tamir on December 2.",
         "Alon Tamir"),
        ("Troops entered the villages of Bayt Sallim and Kafr Dallun and searched houses.",
         "Bayt Sallim"),
    ],
)  # fmt: skip
def test_the_settlements_of_a_name_are_places(tagger, text, place):
    """ "the settlements of X", "the villages of X": plural place words before a name too."""
    assert place not in [p.name for p in tagger.tag(text).people]


def test_obama_variants_are_one_person(tagger):
    text = "Barack Obama spoke. President Obama left. Obama's aides stayed."
    [person] = tagger.tag(text).people
    assert person.name == "Barack Obama" and person.slug == "barack-obama"
    assert len(person.mentions) == 3


def test_transliterations_are_one_person(tagger):
    tags = tagger.tag("Sergey Lavrov met Kerry in Geneva, and Lavrov's deputy spoke later.")
    assert [p.name for p in tags.people] == ["Sergei Lavrov"]


def test_ambiguous_surname_is_not_guessed(tagger):
    text = ("George W. Bush and Jeb Bush appeared together in Miami on Friday. "
            "Bush said the campaign would go on.")  # fmt: skip
    tags = tagger.tag(text)
    names = {p.name for p in tags.people}
    assert {"George W. Bush", "Jeb Bush"} <= names
    for person in tags.people:
        assert all(m.start != text.rindex("Bush said") for m in person.mentions)
    assert any(r["kind"] == "ambiguous" and r["text"] == "Bush" for r in tags.review)


def test_unknown_lone_name_goes_to_review_not_to_tags(tagger):
    tags = tagger.tag("Officials met on Monday. Kowalczyk said the deal was close.")
    assert tags.people == []
    assert tags.review == [{"kind": "single name", "text": "Kowalczyk", "start": 25}]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "the cat sat on the mat, and nobody was named."])
def test_empty_and_nameless_text(tagger, text):
    tags = tagger.tag(text)
    assert tags.people == [] and tags.review == []


def test_names_in_capitals(tagger):
    tags = tagger.tag("SERGEI LAVROV MET JOHN KERRY IN GENEVA ON MONDAY, OFFICIALS SAID.")
    assert [p.name for p in tags.people] == ["Sergei Lavrov", "John Kerry"]
    assert tags.people[0].mentions[0].text == "SERGEI LAVROV"


def test_non_latin_scripts_do_not_crash_or_invent(tagger):
    tags = tagger.tag(
        "Сергей Лавров встретился с Джоном Керри в Женеве. 中国外交部长王毅表示欢迎。"
    )
    for person in tags.people:
        assert all(ch.isalpha() or ch in " -'" for ch in person.name)


def test_a_megabyte_of_names(tagger):
    text = "Sergei Lavrov met John Kerry and Chuck Hagel in Geneva.\n" * 18_000
    assert len(text) > 1_000_000
    tags = tagger.tag(text)
    assert [p.name for p in tags.people] == ["Sergei Lavrov", "John Kerry", "Chuck Hagel"]
    last = tags.people[0].mentions[-1]
    assert text[last.start : last.end] == "Sergei Lavrov" and last.start > 990_000


GERMAN = (
    "Der russische Außenminister Sergej Lawrow traf am Montag in Genf seinen amerikanischen "
    "Kollegen. Nach Angaben der Delegationen ging es um die Zukunft der Rüstungskontrolle und um "
    "die Nutzung von Satelliten im Bereich der Frühwarnung. Die Festlegung von Obergrenzen für "
    "Sprengköpfe bleibt umstritten. Beobachter der Stiftung Wissenschaft und Politik sprachen von "
    "einem vorsichtigen Schritt. Weitere Gespräche sind für den Herbst in Wien geplant."
)
RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров встретился в Женеве с американским коллегой. "
    "Как сообщили делегации, речь шла о контроле над вооружениями. Что будет дальше, пока "
    "неясно. Новая встреча запланирована на осень в Вене."
)


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (RUSSIAN, "ru")])
def test_a_language_the_pipeline_cannot_read_gets_only_the_registrys_people(tagger, text, language):
    tags = tagger.tag(text, language=language)
    assert [p.name for p in tags.people] == ["Sergei Lavrov"]
    [mention] = tags.people[0].mentions
    assert mention.text in ("Sergej Lawrow", "Сергей Лавров")
    assert (tags.topics, tags.organisations, tags.places) == ([], [], [])
    # read as English, the same text gets invented organisations and places ("Zukunft", "Что")
    english = tagger.tag(text)
    assert english.organisations or english.places


def test_a_russian_name_in_any_case_is_the_registrys_person(tmp_path):
    """A Russian article saying "по словам Анны Кузнецовой" and "с Олегом Смирновым" was not
    tagged with Анна Кузнецова nor Олег Смирнов, both in the registry: Russian declines names,
    and only the forms near enough the nominative passed as spelling variants ("Олега
    Смирнова" did; a woman's name in any case but the nominative, "-ой", never did)."""
    (tmp_path / "people.yml").write_text(
        "- name: Анна Кузнецова\n  slug: anna-kuznetsova\n"
        "- name: Oleg Smirnov\n  slug: oleg-smirnov\n"  # (the registry's, transliterated)
        "- name: Ирина Вишневская\n  slug: irina-vishnevskaia\n",
        encoding="utf-8",
    )
    text = (
        "Городская дума одобрила программу ремонта трамвайных путей. По словам Анны "
        "Кузнецовой, работы начнутся весной. Депутаты встретились с Олегом Смирновым и "
        "Ириной Вишневской, которые курируют транспорт. Сегодня Анна Кузнецова выступит снова."
    )
    tags = get_tagger(tmp_path).tag(text, language="ru")
    assert {p.name: [m.text for m in p.mentions] for p in tags.people} == {
        "Анна Кузнецова": ["Анны Кузнецовой", "Анна Кузнецова"],
        "Oleg Smirnov": ["Олегом Смирновым"],
        "Ирина Вишневская": ["Ириной Вишневской"],
    }
    # a name no case of which is a registry name stays out ("Анны Смирновой" is no Oleg)
    assert get_tagger(tmp_path).tag("Слова Анны Смирновой подтвердили.", language="ru").people == []


def test_import_of_a_german_page_says_why_it_is_barely_tagged(tmp_path):
    paragraphs = "".join(f"<p>{s}.</p>" for s in GERMAN.split(". "))
    page = tmp_path / "lawrow.html"
    page.write_text(
        f'<html lang="de"><head><title>Lawrow in Genf</title></head><body><article>'
        f"<h1>Lawrow in Genf</h1>{paragraphs * 2}</article></body></html>",
        encoding="utf-8",
    )
    article = extract_file(page, tagger=get_tagger(DEFAULT_DATA_DIR))
    assert article.language == "de"
    assert [p["name"] for p in article.people] == ["Sergei Lavrov"]
    assert (article.topics, article.organisations, article.places) == ([], [], [])
    assert any("tagged with the registry's people only (the other names it holds are not listed for review" in w for w in article.warnings)  # fmt: skip
    assert not article.review  # (as the warning says)


def test_a_registry_surname_that_ner_calls_an_organisation_is_the_person(tagger):
    text = "Trump said on Tuesday that the talks would resume. Critics of Trump were unconvinced."
    assert [(span, label) for span, label in model_labels(tagger, text) if label != "DATE"] == [
        ("Trump", "ORG"),
        ("Trump", "ORG"),
    ]  # the small model's reading, every time in some articles
    tags = tagger.tag(text)
    assert [(p.name, [m.text for m in p.mentions]) for p in tags.people] == [
        ("Donald Trump", ["Trump", "Trump"])
    ]
    assert "Trump" not in tags.organisations


def test_a_credits_list_joined_by_underscores_names_no_one(tagger):
    """A theatre page's "Role_Name" credits: once "Hye Jin" and "Art Director_Park Dong Woo"."""
    text = (
        "The company of the Saltmere Playhouse, led by Teodor Vasku, gave the opening night. "
        "Choreographer_Jeong Hye Jin, Director_Oh Kyeong Taek, Writer_Kyeong Min Seon, "
        "Art Director_Park Dong Woo, Video Design_Jeong Jae Jin, Costume Design_Lee Ho Jun"
    )
    assert [p.name for p in tagger.tag(text).people] == ["Teodor Vasku"]


def test_a_name_that_is_a_venue_is_no_person(tagger):
    """A tour's dates: the small model reads the casino's arena as a person, every time."""
    text = (
        "The band announced its tour dates.\n\nJuly 2 -- Mohegan Sun Arena, Uncasville, CT\n\n"
        "July 3 – Uncasville, CT @ Mohegan Sun Arena"
    )
    assert ("Mohegan Sun", "PERSON") in model_labels(tagger, text)
    assert tagger.tag(text).people == []


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("Croatia (Group E", "Croatia"),  # a bracket the model never closed
        ("Shanghai Composite ( SHCOMP", "Shanghai Composite"),
        ("Iceland 0-0", "Iceland"),  # a score
        ("Sterling GBP=", None),  # a market code
        ("the United States", "United States"),
        ("Apollo 11", "Apollo 11"),
        ("Bank of England (BoE)", "Bank of England (BoE)"),
        ("Interfax that", "Interfax"),  # "... told Interfax that ...": a function word
        ("Canucks and", "Canucks"),
        ("Bureau of Prisons", "Bureau of Prisons"),
        ("Labour party", "Labour party"),
        ("CNN Business)A", "CNN Business"),  # "Hong Kong (CNN Business)A muddled view"
        ("American Music Awards after Swift", "American Music Awards"),
        ("Deworm the World Initiative", "Deworm the World Initiative"),
        ("NC @ PNC Music Pavilion", None),  # a tour date's "Charlotte, NC @ PNC Music Pavilion"
        ("Kingston upon Hull", "Kingston upon Hull"),  # not Kingston, Jamaica
        ("Rio Grande do Sul", "Rio Grande do Sul"),
        ("Frankfurt am Main", "Frankfurt am Main"),
        ("Banco do Brasil", "Banco do Brasil"),
        ("The Committee against Torture", "Committee against Torture"),  # not "Committee"
        ("the Campaign against Arms Trade", "Campaign against Arms Trade"),
        ("Garrett hit Rudolph", "Garrett"),  # a verb between names: a sentence went on
        ("Dar es Salaam", "Dar es Salaam"),
        ("Universidad de los Andes", "Universidad de los Andes"),
        ("Institut für Weltwirtschaft", "Institut für Weltwirtschaft"),
        ("Université du Québec à Montréal", "Université du Québec à Montréal"),
        ("Mouvement pour la France", "Mouvement pour la France"),
    ],
)
def test_organisation_and_place_names_lose_what_the_model_swept_in(span, name):
    assert clean_name(span) == name


def test_a_family_name_first_and_a_hyphenated_given_name(tagger):
    """The model cut "Moon Jae|-in", and "South Korean President Moon" was taken for a full
    name: three people where there is one. His family name alone joins him (the registry's
    family_name: his surname is not his last word)."""
    text = (
        "South Korean President Moon Jae-in met Xi Jinping in Beijing on Monday. Moon said the "
        "talks went well."
    )
    people = [(p.name, [m.text for m in p.mentions]) for p in tagger.tag(text).people]
    assert people == [("Moon Jae-in", ["Moon Jae-in", "Moon"]), ("Xi Jinping", ["Xi Jinping"])]


def test_a_family_by_its_plural_name_is_no_place(tagger):
    text = (
        "Hunter Biden sat on the board of Burisma while Joe Biden was vice president. Trump "
        "asked Ukraine to investigate the Bidens, witnesses said."
    )
    assert ("Bidens", "GPE") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert "Bidens" not in tags.places and "Ukraine" in tags.places


def test_a_name_after_a_job_word_is_a_person_whatever_the_model_says(tagger):
    """The small model labels "Nadia Furlan" an organisation here; "economist" before her name
    says what she is (the demo archive's dock strike story)."""
    text = (
        "The Velorian Chamber of Commerce estimated the cost of each day of closure. \u201cImporters"
        " have maybe a week of stock in the system,\u201d said Chamber economist Nadia Furlan."
    )
    assert ("Nadia Furlan", "ORG") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert [p.name for p in tags.people] == ["Nadia Furlan"]
    # and "Chamber", the model's other organisation there, is the Chamber of Commerce said short
    assert tags.organisations == ["Velorian Chamber of Commerce"]
    # a job word alone does not make an organisation's name a person's
    tags = tagger.tag("Shares rose, said analyst Capital Economics, a research firm in London.")
    assert [p.name for p in tags.people] == []


def test_a_company_named_like_a_person_is_not_one(tagger):
    text = (
        "The union walked out over a plan by the Saltmere Port Authority and its terminal"
        " operator, Bluewater Terminals, to introduce automated stacking cranes."
    )
    assert "Bluewater Terminals" not in [p.name for p in tagger.tag(text).people]


def test_a_name_labelled_both_ways_is_filed_where_most_mentions_were():
    organisations, places = organisations_and_places(
        ["Veloria", "Saltmere Port Authority", "the Alliance", "Northern Meridian Alliance"],
        ["Veloria", "Veloria", "Kastria", "Arben"],
        exclude=set(),
    )
    assert organisations == ["Northern Meridian Alliance", "Saltmere Port Authority"]
    assert places == ["Veloria", "Kastria", "Arben"]
    # a word of two longer names is not guessed at
    organisations, _ = organisations_and_places(
        ["Arben", "University of Arben", "Arben Institute"], [], exclude=set()
    )
    assert organisations == ["Arben", "University of Arben", "Arben Institute"]
    # initials are the name said short too ("PLF", listed beside the party on the demo)
    organisations, _ = organisations_and_places(
        ["Progressive Labour Front", "PLF", "PLF", "University of Arben", "UA", "Civic Union"],
        [],
        exclude=set(),
    )
    assert organisations == ["Progressive Labour Front", "University of Arben", "Civic Union"]
    # of the capitalised words ("Bank of Avel": BA), and not guessed at when two names share
    # them (CU)
    organisations, _ = organisations_and_places(
        ["Civic Union", "Central Unit", "CU", "Bank of Avel", "BA"], [], exclude=set()
    )
    assert organisations == ["Bank of Avel", "Civic Union", "Central Unit", "CU"]
    # the last words of one longer name are it said short ("the Security Council"), but not
    # where words of direction make it another place
    organisations, places = organisations_and_places(
        ["UN Security Council", "Security Council", "Security Council", "Customs and Border "
         "Protection", "Border Protection", "Department of Homeland Security", "DHS"],
        ["North Carolina", "Western North Carolina"],
        exclude=set(),
    )  # fmt: skip
    assert organisations == [
        "UN Security Council", "Customs and Border Protection", "Department of Homeland Security"
    ]  # fmt: skip
    assert places == ["North Carolina", "Western North Carolina"]
    # places keep their names apart (North Korea's ends with South Korea's); a short form of a
    # short form counts for the longest, however the article ordered them
    _, places = organisations_and_places(
        [], ["Republic of Korea"] * 2 + ["Democratic People's Republic of Korea"] * 3, set()
    )
    assert places == ["Democratic People's Republic of Korea", "Republic of Korea"]
    organisations, _ = organisations_and_places(
        ["Progressive Labour Front", "Velorian Progressive Labour Front", "PLF", "PLF"], [], set()
    )
    assert organisations == ["Velorian Progressive Labour Front"]


def test_a_name_ends_at_a_header_line_or_a_paragraph_break(tagger):
    text = "Authors: Ed Cara\nSource: Gizmodo\n\nDoctors said the case was rare.\n"
    people = tagger.tag(text).people
    assert [(p.name, [m.text for m in p.mentions]) for p in people] == [("Ed Cara", ["Ed Cara"])]
    # a long field line still ends its names where the next field starts
    text = "Authors: Jennifer Ouellette, Beth Mole and Ed Cara\nSource: Ars Technica\n"
    assert ("Ed Cara\nSource", "PERSON") in model_labels(tagger, text)
    assert [p.name for p in tagger.tag(text).people] == [
        "Jennifer Ouellette",
        "Beth Mole",
        "Ed Cara",
    ]
    text = "By Ed Cara\nGizmodo\n\nDoctors said the case was rare in the region.\n"
    assert [p.name for p in tagger.tag(text).people] == ["Ed Cara"]


def test_a_name_wrapped_inside_a_paragraph_is_one_name(tagger):
    text = (
        "On Tuesday the Russian foreign minister, Sergei\n"
        "Lavrov, met his counterpart in Geneva for talks that ran late into\n"
        "the night. His deputy said little afterwards, while Jane\n"
        "Roe of the State Department spoke to reporters.\n"
    )
    people = {p.name: [m.text for m in p.mentions] for p in tagger.tag(text).people}
    assert people == {"Sergei Lavrov": ["Sergei\nLavrov"], "Jane Roe": ["Jane\nRoe"]}


def _tagging_peak_mb(text: str) -> float:
    """Peak memory (MB) of a fresh process that loads the tagger and tags `text`."""
    code = (
        "import resource, sys\n"
        "from newsarchive.entities import DEFAULT_DATA_DIR, Tagger\n"
        "Tagger(DEFAULT_DATA_DIR).tag(sys.stdin.read())\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024


def test_tagging_a_long_text_takes_memory_of_one_chunk_not_of_the_text():
    """spaCy read a long text's 100,000-character chunks in one batch, every chunk's Doc held
    at once: 2.4 GB more per MB of text (a 20 MB page, the import's limit, would need ~50 GB).
    One chunk at a time, a megabyte costs about 0.3 GB more than a sentence."""
    sentence = "Officials in Lindmark said on Monday that Anna Varga would open the harbour.\n"
    grown = _tagging_peak_mb(sentence * 13_500) - _tagging_peak_mb(sentence)
    assert len(sentence * 13_500) > 1_000_000
    assert grown < 1000, f"tagging 1 MB took {grown:.0f} MB more than a sentence"


def test_a_long_text_on_one_line_is_cut_into_chunks_between_words():
    """A text of 1 MB on one line (a list of names) was cut every 100,000 characters inside
    a word: "Andrés Man" a person at the cut of "Andrés Manuel López Obrador"."""
    from newsarchive.entities.nlp import CHUNK_CHARS, chunks

    names = "Andrés Manuel López Obrador met Olaf Scholz, Joe Biden, Angela Merkel"
    for text, cut_after in (
        (", ".join([names] * 4000), ", "),  # (no sentence: at a comma)
        (". ".join([names] * 4000), ". "),
        ("x" * (CHUNK_CHARS - 5) + " " + names, " "),  # (no comma: at a space)
    ):
        pieces = chunks(text)
        assert "".join(piece for _, piece in pieces) == text and len(pieces) > 1
        for offset, piece in pieces[:-1]:
            assert len(piece) <= CHUNK_CHARS and piece.endswith(cut_after)
            assert text[offset : offset + len(piece)] == piece


def test_a_headings_first_word_is_no_organisation(tagger):
    """The demo's "## Backlog spreads inland" gave the article an organisation "Backlog"."""
    page = SAMPLES / "html" / "meridian-courier" / "saltmere-port-strike-second-week.html"
    article = extract_file(page, None, tagger)
    assert "Backlog spreads inland" in article.body_text
    assert "Backlog" not in article.organisations + article.places
    assert "Saltmere Port Authority" in article.organisations
    text = "Backlog spreads inland\n\nThe Backlog Office said the port was closed. Ostby agreed."
    assert opens_heading(text, 0, 7)
    assert not opens_heading(text, text.index("Backlog Office"), text.index(" Office"))  # mid-line
    assert not opens_heading("Netflix shares fell sharply on Monday.", 0, 7)  # a sentence
    assert not opens_heading("Harbour Workers' Union votes\n", 0, 20)  # more than one word


def test_a_mention_ends_at_the_name_not_at_a_dash_the_model_swept_in(tagger):
    # the model reads "Kim Kardashian -" as the name; its key is the registry's Kim Kardashian
    text = "The rapper Kanye West and Kim Kardashian - both of whom were there - left early."
    assert ("Kim Kardashian -", "PERSON") in model_labels(tagger, text)
    people = {p.name: p for p in tagger.tag(text).people}
    spans = {(m.text, m.start, m.end) for m in people["Kim Kardashian"].mentions}
    assert spans == {("Kim Kardashian", 26, 40)}


def test_one_stretch_of_text_is_one_mention(tagger):
    # the model's "Queen Elizabeth II's" and the registry's "Queen Elizabeth II" clean to the
    # same words: one mention, not two at the same offsets
    text = "Prince Andrew, Queen Elizabeth II's third child, gave an interview to the BBC."
    people = {p.name: p for p in tagger.tag(text).people}
    assert [(m.start, m.end) for m in people["Queen Elizabeth II"].mentions] == [(21, 33)]
    spans = sorted((m.start, m.end) for p in people.values() for m in p.mentions)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


def test_a_common_word_opening_a_sentence_is_no_organisation(tagger):
    text = (
        "Irrigation licences for field crops were suspended on Monday. Orchards and vineyards"
        " will be allowed a reduced allocation. Greenpeace said the cut came too late."
    )
    # the model calls "Orchards" an organisation, and its own tagger a plural common noun
    doc = tagger.nlp(text)
    assert [(e.text, e.label_, e[0].tag_) for e in doc.ents if e.text == "Orchards"] == [
        ("Orchards", "ORG", "NNS")
    ]
    organisations = tagger.tag(text).organisations
    assert "Orchards" not in organisations
    assert "Greenpeace" in organisations  # a proper noun opening a sentence stays


@pytest.mark.parametrize(
    ("text", "start", "opens"),
    [("Orchards and", 0, True), ("cut. Orchards", 5, True), ('late.\n\n“Orchards', 8, True),
     ("the Orchards", 4, False), ("No. 5 Orchards", 6, False)],
)  # fmt: skip
def test_opens_sentence(text, start, opens):
    assert opens_sentence(text, start) is opens


@pytest.mark.parametrize(
    "name",
    ["Mac Pro", "Chromecast Ultra", "Switch Lite", "Night Mode", "Collector Edition",
     "Balmond Studio", "Shoreline Amphitheatre", "Cycle Monthly"],
)  # fmt: skip
def test_a_product_model_or_a_studio_is_no_persons_name(name):
    assert not plausible_name(name.split())


def test_products_written_like_names_are_no_people(tagger):
    text = (
        "Best deals.\n\nMac Pro for $5,999: the fastest desktop Apple sells.\n\nThe Mavic"
        " Mini weighs 249 grams. Mavic Mini owners need no licence. Turn on Night Mode first."
    )
    # the model reads "Mac Pro" and "Mavic Mini" as people
    assert ("Mac Pro", "PERSON") in model_labels(tagger, text)
    assert tagger.tag(text).people == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The company's former CEO, Daniel Ortwin, left in May.", "former CEO"),
        ("said Deputy Director of Daniel Ortwin", "Deputy Director"),
        ('called it "a victory for Greater Socialism," Interior Minister Daniel Ortwin said.',
         "Interior Minister"),
        ("The Rams picked him first. Daniel Ortwin went second.", ""),  # a sentence's end
        ("He met the president. Daniel Ortwin left.", ""),
        ("the American Daniel Ortwin won the race.", ""),  # a nationality is no role
        ("Kentucky Gov. Daniel Ortwin spoke.", "Kentucky Gov."),
        # a headline above the paragraph is no part of the role; a soft wrap inside it is
        ("ORTWIN TO MEET LANDRY IN GENEVA\n\nPresident Daniel Ortwin will travel.", "President"),
        ("ORTWIN TO MEET LANDRY IN GENEVA\nPresident Daniel Ortwin will travel.", "President"),
        ("The meeting was announced on Monday by Velorian Foreign\nMinister Daniel Ortwin.",
         "Velorian Foreign Minister"),
    ],
)  # fmt: skip
def test_a_role_is_the_title_words_right_before_the_name(text, role):
    assert _role_before(text, text.index("Daniel Ortwin")) == role


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("LOS ANGELES (AP) — The Los Angeles Lakers won again on Sunday night.", "Los Angeles"),
        (
            "ST. JOSEPH, Mich. (AP) — Health officials reported a sixth case this week.",
            "St. Joseph",
        ),
        (
            "WASHINGTON (Reuters) - Scientists on Monday unveiled a new map of the moon.",
            "Washington",
        ),
        ("Prison guards charged\n\nVIENNA — The house will become a police station.", "Vienna"),
        ("BAAR, SWITZERLAND\n\nThe company said its new software was ready.", "Switzerland"),
    ],
)
def test_a_datelines_place_in_capitals_is_a_place_in_mixed_case(tagger, text, place):
    """The model misreads a dateline in capitals ("ST" a place, "JOSEPH" a person), keeps it in
    capitals beside the story's own "Los Angeles", or it went as a shouted common word."""
    places = tagger.tag(text).places
    assert place in places
    assert not any(name.isupper() for name in places)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "KELLSBY, Veloria — Barge operators on the Tessa River cut their cargoes this week.",
            ["Kellsby", "Veloria"],  # (the model: "Kellsby" an organisation, "Veloria" NORP)
        ),
        (
            "CAPE BRÉVANE, Veloria — The probe was cleared for launch on Tuesday.",
            ["Cape Brévane", "Veloria"],  # (a capital outside ASCII)
        ),
        ("BAAR, SWITZERLAND\n\nBased on the firm's connectivity, the product works.",
         ["Baar", "Switzerland"]),
    ],
)  # fmt: skip
def test_a_datelines_town_and_country_are_places_whatever_the_model_labels(tagger, text, places):
    tags = tagger.tag(text)
    assert set(places) <= set(tags.places)
    assert not set(places) & set(tags.organisations)


def test_a_datelines_date_is_no_place(tagger):
    """Reuters and the NYT put the date after the town: "LONDON, Oct 12 (Reuters) -" gave a
    place "Oct 12". A state whose name opens like a month's is still a state."""
    for text, places in [
        ("LONDON, Oct 12 (Reuters) - Britain's finance minister said on Monday.", ["LONDON"]),
        ("WASHINGTON, Jan. 5 — The Senate voted.", ["WASHINGTON"]),
        ("ROME, March 3 — The Senate voted.", ["ROME"]),
        ("ANNAPOLIS, Maryland — The Senate voted.", ["ANNAPOLIS", "Maryland"]),
    ]:
        assert [text[s:e] for s, e in dateline(text)] == places
    tags = tagger.tag("LONDON, Oct 12 (Reuters) - Britain's finance minister said on Monday.")
    assert "London" in tags.places and not any(c.isdigit() for p in tags.places for c in p)


def test_a_word_in_capitals_before_a_dash_that_names_no_place_is_no_dateline(tagger):
    assert dateline("BREAKING — The minister resigned on Tuesday.") == []
    assert dateline("LIVE UPDATES — The minister resigned.") == []
    assert dateline("BREAKING NEWS - The minister resigned.") == []
    text = "UPDATE - The minister resigned on Tuesday, officials said."
    assert recase_dateline(text) == text
    assert not {"Breaking", "Update", "BREAKING", "UPDATE"} & set(tagger.tag(text).places)


def test_a_name_in_capitals_is_one_with_its_mixed_case_spelling():
    # "Experts told USA TODAY", and later "USA Today reported": one organisation, not two
    organisations, _ = organisations_and_places(
        ["USA TODAY", "NASA", "USA Today", "NASA", "USA TODAY"], [], exclude=set()
    )
    assert organisations == ["USA Today", "NASA"]


def test_an_ap_state_abbreviation_is_the_state_where_it_stands_for_one(tagger):
    """A dateline's or a party label's "Calif." or "Neb." is no place of its own; "Mass." and
    "Wash." opening a sentence are words, and "Pa." after no town is no state either."""
    text = (
        "ANAHEIM, Calif. (AP) — The sheriff's office in Orange County, Calif., said on Monday "
        "that Sen. Ben Sasse, R-Neb., had asked for the report. A rally in Monroe, La., drew "
        "a crowd. Mass. General Hospital treated two people."
    )
    places = tagger.tag(text).places
    assert {"California", "Nebraska", "Louisiana"} <= set(places)
    assert not {"Calif", "Neb", "La", "Massachusetts", "Mass"} & set(places)
    for word in ("Mass.", "Wash.", "Pa."):  # (where the model labels such a word a place)
        assert state_named(f"{word} is closed, he said, {word}", 0, len(word)) is None
        assert state_named(f"It is closed, he said, {word}", 23, 23 + len(word)) is None


def test_a_place_is_not_said_short_for_a_region_of_it():
    # "Delhi" in a story about Delhi's air is no short "New Delhi", nor "Michigan" one for
    # "West Michigan"; "Ireland" beside the Republic of Ireland still is that
    _, places = organisations_and_places(
        [],
        ["Delhi", "New Delhi", "Michigan", "West Michigan", "Ireland", "Republic of Ireland",
         "Northern Ireland"],
        exclude=set(),
    )  # fmt: skip
    assert places == [
        "Republic of Ireland", "Delhi", "New Delhi", "Michigan", "West Michigan",
        "Northern Ireland",
    ]  # fmt: skip


def test_a_name_is_not_said_short_for_itself_beside_another_name():
    # a shopping page's "Apple A10 Fusion" is Apple and its chip, both named alone too: Apple
    # (said three times) is no short form of it; "Alliance" still is one of its longer name,
    # and the chip's "A10 Fusion" one of its own (the name a longer one ends with is what it
    # names: "Alexa" of "Amazon Alexa")
    organisations, _ = organisations_and_places(
        ["Apple", "Apple A10 Fusion", "A10 Fusion", "Apple", "Apple", "Alliance",
         "Northern Meridian Alliance"],
        [],
        exclude=set(),
    )  # fmt: skip
    assert organisations == ["Apple", "Apple A10 Fusion", "Northern Meridian Alliance"]


def test_an_organisation_ends_at_a_line_break(tagger):
    """A shopping list's "See it now: Amazon" and the next paragraph's first word are one
    organisation to the model ("Amazon\n\nSonos", "Samsung\n\nArguably")."""
    text = (
        "Sonos Move for $400\n\nSee it now: Amazon\n\nSonos speakers have long been some of "
        "the best you can buy.\n\nGalaxy Note 10 Plus for $840\n\nSee it now: Samsung\n\n"
        "Arguably the best Android phone of the year, the Note 10 Plus is big."
    )
    assert ("Samsung\n\nArguably", "ORG") in model_labels(tagger, text)
    organisations = tagger.tag(text).organisations
    assert {"Amazon", "Samsung"} <= set(organisations)
    assert not [
        name for name in organisations if " " in name and name.split()[0] in ("Amazon", "Samsung")
    ]


def test_a_word_of_a_quoted_title_is_no_organisation_or_place(tagger):
    """A song's, a book's or a show's title in quotes ("Takin' It to the Streets") is the
    model's organisation or place; quoted speech naming one still counts."""
    text = (
        "After playing “Takin’ It To the Streets,” the guitarist told the audience he was "
        "tired. The set included “Black Water,” “China Grove,” and more.\n\n"
        "Smith had read the book “Musicophilia” years before her stroke.\n\n"
        "“We will work with the United Nations on this,” the minister said in Geneva."
    )
    labels = model_labels(tagger, text)
    assert {("Streets", "ORG"), ("China", "GPE"), ("Musicophilia", "GPE")} <= set(labels)
    tags = tagger.tag(text)
    assert tags.organisations == ["United Nations"]
    assert tags.places == ["Geneva"]


def test_a_name_between_two_straight_quoted_phrases_is_no_title(tagger):
    """Straight quotes do not say which opens: 'the plan "a disaster" for Toyota and Honda, and
    "a gift"' has the two names between quotations, not inside one; "China Grove" still is."""
    text = (
        'The set included "Black Water," "China Grove," and more. He called the plan "a '
        'disaster" for Toyota and Honda, and "a gift" to their rivals.'
    )
    labels = model_labels(tagger, text)
    assert {("China", "GPE"), ("Toyota", "ORG"), ("Honda", "ORG")} <= set(labels)
    tags = tagger.tag(text)
    assert tags.organisations == ["Toyota", "Honda"] and tags.places == []


def test_a_declared_place_the_model_labels_a_facility_is_still_found(tmp_path):
    """Declared in data/, "Port of Saltmere" was lost after "the": the model labels "the Port
    of Saltmere" a facility, a label no place or organisation is read from, and the span hid
    the declared name (nor was Saltmere found, inside it)."""
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    with (data / "places.yml").open("a", encoding="utf-8") as places:
        places.write("- name: Port of Saltmere\n  slug: port-of-saltmere\n")
    tagger = Tagger(data)
    text = "Ferries left the Port of Saltmere on Monday."
    assert ("the Port of Saltmere", "FAC") in model_labels(tagger, text)
    assert tagger.tag(text).places == ["Port of Saltmere"]


def test_a_declared_name_in_quotes_is_still_its_organisation_or_place(tagger):
    """data/ declares Netflix, New York and Kastria: quoted, each is still what data/ says,
    whether the model labelled it (all three here) or not (Veloria, found by data/ alone)."""
    text = (
        "Analysts asked whether “Netflix” would survive the year. She sent the file to "
        "“New York” on Monday. The minister said the talks with “Veloria” were over, and "
        "that “Kastria” would reply."
    )
    labels = model_labels(tagger, text)
    assert {("Netflix", "ORG"), ("New York", "GPE"), ("Kastria", "ORG")} <= set(labels)
    tags = tagger.tag(text)
    assert tags.organisations == ["Netflix"]
    assert set(tags.places) == {"New York", "Veloria", "Kastria"}


def test_a_name_whose_surname_speaks_or_scores_is_a_person(tagger):
    """The small model never labels Marcelo Claure or Rajon Rondo a person in these
    sentences; "Claure said" and "Rondo had eight points" say what they are. A place that
    "says" is a place ("Sierra Nevada" beside "Nevada said")."""
    text = (
        "The company told staff in an email from its new executive chair Marcelo Claure that "
        "cuts were coming. The details will follow on Friday, Claure said in the email.\n\n"
        "James did not appear to clash with Rajon Rondo, his opponent in a fight last season. "
        "Rondo had eight points and ten assists."
    )
    labels = model_labels(tagger, text)
    assert ("Marcelo Claure", "ORG") in labels and ("Rajon Rondo", "GPE") in labels
    tags = tagger.tag(text)
    assert {"Marcelo Claure", "Rajon Rondo"} <= {p.name for p in tags.people}
    assert tags.organisations == [] and tags.places == []
    tags = tagger.tag("Shares of Sierra Nevada rose, and Nevada said it would review the deal.")
    assert tags.people == [] and "Sierra Nevada" in tags.organisations


@pytest.mark.parametrize("club", ["Crystal Palace", "Nottingham Forest", "Charlton Athletic"])
def test_a_club_whose_short_name_speaks_is_no_person(tagger, club):
    """A football club is written like a person's name, and "Palace said" like a surname
    speaking; a club's name ends with a word no one's surname is."""
    short = club.split()[-1]
    text = f"{club} confirmed the signing on Friday. {short} said the fee was undisclosed."
    assert (club, "ORG") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert tags.people == [] and club in tags.organisations


def test_a_postal_state_code_after_a_town_is_the_state(tagger):
    """A tour list's "Mountain View, CA" and "Irving, TX" are no organisations "CA" and "TX"."""
    text = (
        "The tour ends at Shoreline Amphitheatre in Mountain View, CA for a hometown show.\n\n"
        "Oct. 3 -- Toyota Music Factory, Irving, TX\n\nOct. 9 -- BB&T Pavilion, Camden, NJ"
    )
    assert {("CA", "ORG"), ("TX", "ORG"), ("NJ", "ORG")} <= set(model_labels(tagger, text))
    tags = tagger.tag(text)
    assert {"California", "Texas", "New Jersey"} <= set(tags.places)
    assert not {"CA", "TX", "NJ"} & set(tags.organisations)
    # a code that opens a sentence, or follows no town, is left to the model
    assert state_named("He said OK. CA is next", 12, 14) is None


def test_a_name_listed_with_people_is_a_persons(tagger):
    """A hockey roundup's players, one of each list an organisation to the small model; a
    team written with a word of direction ("Eastern Michigan") stays a place."""
    text = (
        "Jets 2, Predators 1: Patrik Laine and Nikolaj Ehlers scored, Connor Hellebuyck made "
        "38 saves and Winnipeg won. Eric Robinson and Boone Jenner also scored for the Blue "
        "Jackets.\n\nShaq Vann ran for Eastern Michigan and Arthur Jackson caught two passes."
    )
    labels = model_labels(tagger, text)
    assert {("Nikolaj Ehlers", "ORG"), ("Boone Jenner", "ORG")} <= set(labels)
    tags = tagger.tag(text)
    assert {"Nikolaj Ehlers", "Boone Jenner"} <= {p.name for p in tags.people}
    assert not {"Nikolaj Ehlers", "Boone Jenner"} & set(tags.organisations)
    assert "Eastern Michigan" in tags.places


def test_a_name_listed_with_organisations_is_no_persons(tagger):
    """A list of newspapers, the last of which the model calls a person ("Hartford Courant"),
    is still a list of organisations: "Baltimore Sun", beside "New York Daily News", is one."""
    text = (
        "In December, the firm bid $16.50 per share for Tribune, the owner of the Chicago "
        "Tribune, New York Daily News, Baltimore Sun and Hartford Courant, and the former owner "
        "of The Times."
    )
    labels = model_labels(tagger, text)
    assert {("Baltimore Sun", "ORG"), ("Hartford Courant", "PERSON")} <= set(labels)
    tags = tagger.tag(text)
    assert "Baltimore Sun" not in {p.name for p in tags.people}
    assert "Baltimore Sun" in tags.organisations


def test_the_bundled_data_files_firms_named_like_people(tagger):
    """The model reads "Lockheed Martin" here as a person; data/organisations.yml files it as
    the organisation it is."""
    text = "The stage is built by Lockheed Martin, which said the work would take two years."
    assert ("Lockheed Martin", "PERSON") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert tags.people == [] and "Lockheed Martin" in tags.organisations


def test_an_organisations_last_word_alone_is_the_organisation_said_short(tmp_path):
    """ "Goldman Sachs" twice an organisation to the model, then "Sachs said": the bank said
    it, no person "Goldman Sachs" (as "Marcelo Claure", once an organisation, is one whose
    surname speaks). A person's full name with that surname still takes the lone "Sachs".
    (Read without the bundled organisations.yml, which declares the bank.)"""
    (tmp_path / "organisations.yml").write_text("[]\n")
    tagger = get_tagger(tmp_path)
    bank = (
        "Goldman Sachs reported higher profits on Tuesday. Shares of Goldman Sachs rose 2 "
        "percent. The trading arm did well, Sachs said in a statement."
    )
    labels = model_labels(tagger, bank)
    assert labels.count(("Goldman Sachs", "ORG")) == 2 and ("Sachs", "PERSON") in labels
    tags = tagger.tag(bank)
    assert tags.people == [] and tags.review == []
    assert tags.organisations == ["Goldman Sachs"]
    economist = bank.replace("The trading arm", "The economist Jeffrey Sachs said the bank")
    assert [p.name for p in tagger.tag(economist).people] == ["Jeffrey Sachs"]


def test_an_acronym_in_capitals_is_an_organisation_a_shouted_word_is_not(tagger):
    """ "UNICEF" and "NASCAR" in a mixed-case article went as shouted words, like a headline's
    "PENTAGON" and a listing's "SPEND a day", which still do."""
    text = (
        "WATCH: PENTAGON OFFICIALS TESTIFY\n\n"
        "Aid from UNICEF reached the camp on Monday, and the NASCAR season opened in Daytona."
        "\n\nSPEND a day in the country rooting for your favourite rider."
    )
    labels = model_labels(tagger, text)
    assert {("PENTAGON", "ORG"), ("UNICEF", "ORG"), ("NASCAR", "ORG"), ("SPEND", "ORG")} <= set(
        labels
    )
    assert tagger.tag(text).organisations == ["UNICEF", "NASCAR"]


def test_eu_un_nato_and_the_us_are_names_not_title_words(tagger):
    """ "EU", "UN", "NATO", "U.S." and "UK" are title words ("U.S. Defense Secretary"), and a
    title word alone was no name: the model's organisations and places went, and the
    short forms' aliases (EU -> European Union) were never reached."""
    text = (
        "The EU and the UN asked NATO to act, officials in Brussels said. The U.S. and the UK "
        "objected."
    )
    labels = set(model_labels(tagger, text))
    assert {("EU", "ORG"), ("UN", "ORG"), ("NATO", "ORG"), ("U.S.", "GPE"), ("UK", "GPE")} <= labels
    tags = tagger.tag(text)
    assert tags.organisations == ["European Union", "United Nations", "NATO"]
    assert tags.places == ["Brussels", "United States", "United Kingdom"]
    assert clean_name("North Atlantic Treaty Organization") == "NATO"


SHOUTED_ARTICLE = (
    "WASHINGTON (AP) — PRESIDENT JOE BIDEN SAID ON TUESDAY THAT VICE PRESIDENT KAMALA HARRIS "
    "AGREED WITH HIS PLAN TO EXTEND THE PAUSE ON STUDENT LOAN PAYMENTS. BIDEN SAID HARRIS "
    "AGREED THE PAUSE WOULD RUN UNTIL MAY. SENATE MAJORITY LEADER CHUCK SCHUMER SAID DEMOCRATS "
    "WOULD BACK IT, WHILE REPUBLICAN SEN. MITT ROMNEY CALLED IT A MISTAKE. TREASURY OFFICIAL "
    "DANA MORROW SAID THE DEPARTMENT WAS READY. TRUMP'S AIDES DID NOT COMMENT."
)


def test_an_article_in_capitals_has_no_names_run_into_verbs(tagger):
    """Recased word by word for the model, an article in capitals ran names and verbs into
    one "person" ("BIDEN SAID HARRIS AGREED"). Read in lower case, the model's tagger tells
    the verbs from the names: the span is cut at them ("BIDEN", "HARRIS")."""
    assert ("BIDEN SAID HARRIS AGREED", "PERSON") in model_labels(tagger, SHOUTED_ARTICLE)
    tags = tagger.tag(SHOUTED_ARTICLE)
    assert [(p.name, [m.text for m in p.mentions]) for p in tags.people] == [
        ("Joe Biden", ["JOE BIDEN", "BIDEN"]),
        ("Kamala Harris", ["KAMALA HARRIS", "HARRIS"]),
        ("Chuck Schumer", ["CHUCK SCHUMER"]),
        ("Mitt Romney", ["MITT ROMNEY"]),
        ("Dana Morrow", ["DANA MORROW"]),
        ("Donald Trump", ["TRUMP"]),
    ]
    assert tags.review == []
    # a registry surname alone, where no full name is written, is still its person
    lone = tagger.tag("BIDEN SAID HARRIS AGREED WITH THE PLAN ON TUESDAY.")
    assert [p.name for p in lone.people] == ["Joe Biden"] and lone.review == []


def test_a_surname_after_another_given_name_is_not_the_registrys_person(tagger):
    """The model read "Beatrix" and "Beatrix Mbeki" as places and "Mbeki" alone as a person,
    and the registry's "Mbeki" (Thabo Mbeki) took it: a local chief executive tagged as South
    Africa's former president. The text says who she is, her given name never alone."""
    text = (
        "Local businesses reported a noticeable change in trade linked to tourism bookings. "
        '"We cannot keep doing the same thing and expecting a different result," Beatrix Mbeki '
        "admitted. Opposition members described the handling of the high street revival fund "
        'as "a mess from start to finish". Critics say the plan for a new ferry route was drawn '
        "up without consulting people in Ellery.\n\nThe cost of wind farm jobs has risen by 14 "
        "per cent over the past 4 years, a report found. Beatrix Mbeki has previously called "
        "for an independent inquiry into a new ferry route. Opposition members described the "
        'handling of tourism bookings as "a mess from start to finish". Dmitri Okonkwo has '
        "previously called for an independent inquiry into tourism bookings. Officials in "
        "Wexhaven declined to say how long the work on the high street revival fund would take."
    )
    people = {p.name: [m.text for m in p.mentions] for p in tagger.tag(text).people}
    assert "Thabo Mbeki" not in people
    assert people.get("Beatrix Mbeki") == ["Beatrix Mbeki"] * 2


def test_a_number_in_words_opens_no_organisation_in_an_article_in_capitals(tagger):
    """Recased for the model, "THE TWO LEADERS SPOKE" read "The Two Leaders Spoke": an
    organisation "TWO LEADERS" beside the White House."""
    text = (
        "THE PRIME MINISTER MET THE PRESIDENT AT THE WHITE HOUSE ON FRIDAY TO DISCUSS TRADE. "
        "THE TWO LEADERS SPOKE FOR NEARLY TWO HOURS, AND THE THREE MINISTERS WITH THEM AGREED "
        "TO MEET AGAIN IN MAY, OFFICIALS SAID.\n\n"
    ) * 3
    organisations = tagger.tag(text).organisations
    assert "WHITE HOUSE" in organisations
    assert not [o for o in organisations if o.split()[0].lower() in ("two", "three")]
    # in lower and upper case, a name opening with a number is the model's to judge
    mixed = "Members of Two Rivers Trust met the board."
    assert not _opens_with_a_number_in_capitals(mixed, 11, 28, CapitalsRead(False))
    assert _opens_with_a_number_in_capitals(mixed.upper(), 11, 28, CapitalsRead(True))


def test_a_word_of_a_title_in_single_quotes_is_no_organisation_or_place(tagger):
    """British style quotes a title in single quotes (‘China Grove’), whose closing mark is
    also an apostrophe (‘Takin’ It …’, "the World Bank’s"): only double quotes were read."""
    text = (
        "After playing ‘Takin’ It To the Streets,’ the guitarist told the audience he was "
        "tired. The set included ‘Black Water’, ‘China Grove’ and more.\n\n"
        "‘We will work with the United Nations on this,’ the minister said in Geneva. The "
        "so-called ‘reform’ plan of the World Bank’s board was dropped."
    )
    labels = set(model_labels(tagger, text))
    assert {("Streets", "ORG"), ("China", "GPE"), ("the World Bank’s", "ORG")} <= labels
    tags = tagger.tag(text)
    assert tags.organisations == ["United Nations", "World Bank"]
    assert tags.places == ["Geneva"]


def test_an_organisation_named_with_against_is_kept_whole(tagger):
    """The model reads "the Committee against Torture" whole; the name was cut at "against"
    as where a sentence goes on, and the article got an organisation "Committee"."""
    text = "The Committee against Torture said on Friday that the report was late."
    assert ("The Committee against Torture", "ORG") in model_labels(tagger, text)
    assert tagger.tag(text).organisations == ["Committee against Torture"]


@pytest.mark.parametrize(
    "text",
    [
        "He grew up in Noblesville, Indiana, and studied in Holmdel, New Jersey.",
        "The Holmdel plant closed. She lives in Holmdel, NJ with her family.",
    ],
)
def test_a_town_with_its_state_after_in_is_a_place(tagger, text):
    """The model calls Holmdel an organisation in these sentences; "in" before it and its
    state after it say it is a town (and its other mention, a tie, is filed with it)."""
    assert ("Holmdel", "ORG") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert "Holmdel" in tags.places and "Holmdel" not in tags.organisations


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("a lab in Holmdel, N.J., closed", True),
        ("a lab in Holmdel, New Jersey.", True),
        ("he invested in Microsoft, Washington's biggest company", False),  # no town's state
        ("shares of Microsoft, Washington Post and Ford rose", False),  # no "in"
        ("a plant in Oakville, Ont., closed", False),  # no US state
    ],
)
def test_a_town_before_a_state(text, town):
    name = text.split(", ")[0].split()[-1]
    start = text.index(name)
    assert town_before_state(text, start, start + len(name)) is town


def test_a_new_person_in_capitals_is_named_in_mixed_case(tagger):
    """A person the registry does not know, found in an article in capitals, was named in
    capitals ("DANA MORROW"): a tag and a page under that spelling. The text's own mixed-case
    spelling wins (a caption's "Angus Macdonald"); mentions stay as the text writes them."""
    text = (
        "EDINBURGH (AP) — ECONOMIST ANGUS MACDONALD SAID ON TUESDAY THAT THE PLAN WOULD FAIL, "
        "AND MACDONALD SAID THE BANK WOULD ACT. TREASURY OFFICIAL DANA MORROW DISAGREED."
    )
    tags = tagger.tag(text)
    assert [(p.name, p.slug) for p in tags.people] == [
        ("Angus MacDonald", "angus-macdonald"),
        ("Dana Morrow", "dana-morrow"),
    ]
    assert [(m.text, text[m.start : m.end]) for m in tags.people[0].mentions] == [
        ("ANGUS MACDONALD", "ANGUS MACDONALD"),
        ("MACDONALD", "MACDONALD"),
    ]
    assert {r["text"] for r in tags.review_items() if r["kind"] == "new"} == {
        "Angus MacDonald",
        "Dana Morrow",
    }
    captioned = tagger.tag(text + "\n\nPhoto: Angus Macdonald's office in Edinburgh.")
    assert captioned.people[0].name == "Angus Macdonald"


@pytest.mark.parametrize(
    ("name", "cased"),
    [
        ("PATRICK O'NEILL JR.", "Patrick O'Neill Jr."),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven"),
        ("CHARLES DE GAULLE", "Charles de Gaulle"),
        ("BASHAR AL-ASSAD", "Bashar al-Assad"),
        ("J.R. MCCAIN III", "J.R. McCain III"),
        ("LUIS MACHADO", "Luis Machado"),
        ("JEAN-PAUL ROYCE-FERRAND", "Jean-Paul Royce-Ferrand"),
        ("TJ HOLMES", "TJ Holmes"),
        ("ÉMILE ZOLA", "Émile Zola"),
    ],
)
def test_conventional_case(name, cased):
    assert conventional_case(name) == cased


def test_a_short_word_a_headline_shouts_is_no_organisation(tagger):
    """ "FIRE" of "PENTAGON UNDER FIRE", labelled an organisation, was kept: only words in
    capitals longer than an acronym went as shouted. Acronyms stay, in the headline
    ("NATO", "FBI": proper nouns read in lower case) and in the body."""
    text = (
        "PENTAGON UNDER FIRE\nWHY NATO AND THE FBI WANT ANSWERS\n\n"
        "The Pentagon faced questions on Monday as officials of the CIA met envoys in "
        "Brussels. The EU and the UN asked for calm."
    )
    labels = model_labels(tagger, text)
    assert {("FIRE", "ORG"), ("FBI", "ORG"), ("CIA", "ORG"), ("EU", "ORG")} <= set(labels)
    assert tagger.tag(text).organisations == [
        "NATO", "FBI", "Pentagon", "CIA", "European Union", "United Nations"
    ]  # fmt: skip


def test_a_name_in_a_headline_in_capitals_is_its_bodys_person(tagger):
    """Read as written, a headline in capitals runs names into verbs: "JANE OSTROWSKI MEETS
    PUTIN" was a second person, and "OSTROWSKI WINS SEAT" an organisation; the body's
    "Ostrowski", after a full name in capitals, was no mention. The headline is cut at its
    verbs as an article in capitals is, and a surname joins its full name in either case."""
    meets = (
        "JANE OSTROWSKI MEETS PUTIN\n\nJane Ostrowski met Vladimir Putin in Moscow on Tuesday. "
        "Ostrowski said the talks were useful."
    )
    assert ("JANE OSTROWSKI MEETS PUTIN", "PERSON") in model_labels(tagger, meets)
    assert [(p.name, [m.text for m in p.mentions]) for p in tagger.tag(meets).people] == [
        ("Jane Ostrowski", ["JANE OSTROWSKI", "Jane Ostrowski", "Ostrowski"]),
        ("Vladimir Putin", ["PUTIN", "Vladimir Putin"]),
    ]
    wins = (
        "OSTROWSKI WINS SEAT IN SENATE\n\nJane Ostrowski won the vote on Tuesday. Ostrowski said "
        "she was grateful."
    )
    assert ("OSTROWSKI WINS SEAT", "ORG") in model_labels(tagger, wins)
    tags = tagger.tag(wins)
    assert [(p.name, [m.text for m in p.mentions]) for p in tags.people] == [
        ("Jane Ostrowski", ["OSTROWSKI", "Jane Ostrowski", "Ostrowski"])
    ]
    assert tags.organisations == []
    first_in_capitals = "JANE OSTROWSKI WINS\n\nThe vote was close. Ostrowski's team celebrated."
    assert [m.text for m in tagger.tag(first_in_capitals).people[0].mentions] == [
        "JANE OSTROWSKI",
        "Ostrowski",
    ]


@pytest.mark.parametrize(
    ("text", "read", "role"),
    [
        ("LAWYER PATRICK O'NEILL SAID THE CASE WOULD GO TO TRIAL.", "LAWYER PATRICK O'NEILL",
         "Lawyer"),
        ("Lawyer Patrick O'Neill said the case would go to trial.", "Lawyer Patrick O'Neill",
         "Lawyer"),
        ("The lawyer Patrick O'Neill said the case would go to trial.", "Patrick O'Neill",
         "lawyer"),
    ],
)  # fmt: skip
def test_a_job_word_before_a_name_is_its_role_not_its_first_word(tagger, text, read, role):
    """Capitalised by an article in capitals or by a sentence's start, the job word was read
    into the name ("Lawyer Patrick O'Neill"); it is the role, as a title is, and so is the
    job word in lower case, which was no role at all."""
    assert (read, "PERSON") in model_labels(tagger, text)
    [person] = tagger.tag(text).people
    assert (person.name, person.role) == ("Patrick O'Neill", role)


@pytest.mark.parametrize("headline", ["FBI CHIEF QUITS", "FBI chief quits"])
def test_an_acronym_opening_a_headline_is_an_organisation(tagger, headline):
    """A heading's first word went as capitalised by its place alone ("Backlog"), and so did
    an acronym there: "FBI". A short common word opening a headline in capitals ("FIRE") still
    goes, and so does a dateline's town in capitals, which is no acronym ("BAAR")."""
    text = f"{headline}\n\nThe director resigned on Tuesday after a dispute, officials said."
    assert ("FBI", "ORG") in model_labels(tagger, text)
    assert tagger.tag(text).organisations == ["FBI"]
    fire = "FIRE AT PENTAGON\n\nThe blaze spread on Tuesday, officials said."
    assert ("FIRE", "ORG") in model_labels(tagger, fire)
    assert tagger.tag(fire).organisations == []
    dateline = "BAAR, SWITZERLAND\n\nBased on the firm's connectivity, the product works."
    assert ("BAAR", "ORG") in model_labels(tagger, dateline)
    assert tagger.tag(dateline).organisations == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "THE COMPANY SAID ITS FORMER CHIEF EXECUTIVE PETER GALLO WOULD TESTIFY.",
            "Former Chief Executive",
        ),
        (
            "U.S. SECRETARY OF STATE JOHN KERRY SAID THE TALKS WOULD GO ON.",
            "U.S. Secretary of State",
        ),
        ("CEO TIM COOK SAID THE PHONE WOULD SHIP IN MAY.", "CEO"),
        ("FIRE CHIEF ANNA MORROW SAID THE BLAZE WAS CONTAINED BY MONDAY.", "Fire Chief"),
        ("THE TOWN'S DEPUTY POLICE CHIEF ANNA MORROW SAID SO ON MONDAY.", "Deputy Police Chief"),
        ("The hearing heard from FBI Director Christopher Wray on Tuesday.", "FBI Director"),
    ],
)
def test_a_role_in_capitals_is_its_title_words_in_the_case_titles_are(tagger, text, role):
    """In capitals every word is capitalised, so the role ran back over the sentence ("SAID
    ITS FORMER CHIEF EXECUTIVE") and stayed in capitals. There only title and job words make
    it; an acronym in mixed case still does ("FBI Director")."""
    [person] = tagger.tag(text).people
    assert person.role == role


def test_an_organisation_run_into_a_headlines_verb_ends_at_the_verb(tagger):
    """ "FIRE DESTROYS HOMES", the model's organisation in a headline in capitals, was one:
    read in lower case, the tagger tells the verb, and the words either side of it are then
    judged as any shouted word is (gone). A name with other words than nouns in it keeps
    them ("BANK OF ENGLAND"), and a line in mixed case is left as the model read it."""
    text = (
        "FIRE DESTROYS HOMES IN NORTHERN TOWN\n\nA fire destroyed twelve homes on Tuesday, "
        "officials said. Fire chief Anna Morrow said the blaze started in a garage."
    )
    assert ("FIRE DESTROYS HOMES", "ORG") in model_labels(tagger, text)
    tags = tagger.tag(text)
    assert (tags.organisations, [p.name for p in tags.people]) == ([], ["Anna Morrow"])
    bank = "BANK OF ENGLAND RAISES RATES AGAIN\n\nThe Bank of England raised its rate."
    assert tagger.tag(bank).organisations == ["Bank of England"]


def test_a_surname_inside_an_organisations_name_is_no_mention_of_the_person(tagger):
    """ "Sachs" of "Goldman Sachs" was listed as a mention of Jeffrey Sachs, named in the same
    article: a surname inside a longer organisation's or place's name is that name's."""
    text = (
        "Goldman Sachs reported higher profits on Tuesday. The economist Jeffrey Sachs said "
        "the bank was lucky, and Sachs added that shares of Goldman Sachs would fall."
    )
    labels = model_labels(tagger, text)
    assert labels.count(("Goldman Sachs", "ORG")) == 2
    tags = tagger.tag(text)
    assert [(p.name, [(m.text, m.start) for m in p.mentions]) for p in tags.people] == [
        ("Jeffrey Sachs", [("Jeffrey Sachs", 64), ("Sachs", 107)])
    ]
    assert tags.organisations == ["Goldman Sachs"]


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel met Joe Biden.\x07 Then more was said.",  # (a control character)
        "Angela Merkel met Joe Biden</p>\n<p>Then more was said.",  # (markup left in the text)
    ],
)
def test_a_name_ends_where_a_character_no_name_holds_starts(tagger, text):
    """The model swept the bell character and the sentence's full stop, or an end tag, into
    the name: a person "Joe Biden</p>" (slug joe-biden-p), a mention "Joe Biden.\\x07"."""
    people = {p.name: p for p in tagger.tag(text).people}
    assert set(people) == {"Angela Merkel", "Joe Biden"}
    [mention] = people["Joe Biden"].mentions
    assert text[mention.start : mention.end] == "Joe Biden"


def test_a_registry_name_whose_first_word_is_also_a_particle_is_a_full_name(tagger):
    """ "al" opens a surname ("al-Assad"), so "Al Gore" was no full name: the person was
    found by his surname alone, and the mention "Al Gore" was not listed."""
    text = "Joe Biden met Al Gore on Monday. Gore said the talks went well."
    people = {p.name: p for p in tagger.tag(text).people}
    assert [(m.text, m.start) for m in people["Al Gore"].mentions] == [
        ("Al Gore", text.index("Al Gore")),
        ("Gore", text.index("Gore said")),
    ]


def test_an_article_in_capitals_has_its_places_and_no_others(tagger):
    """Its opening line, ending in a comma, "OFFICIALS SAID." and a line break, read as a
    dateline (a town of twenty words and its state): every span of it a place ("Alliance And
    Trade. Macron"). Its real places, "BERLIN" and "PARIS", went as shouted common words."""
    text = (
        "GERMAN CHANCELLOR ANGELA MERKEL MET PRESIDENT EMMANUEL MACRON IN BERLIN ON MONDAY. THE "
        "TWO LEADERS DISCUSSED THE ALLIANCE AND TRADE. MACRON WILL VISIT PARIS LATER THIS WEEK, "
        "OFFICIALS SAID.\n"
    )
    assert dateline(text) == []
    tags = tagger.tag(text)
    assert tags.places == ["Berlin", "Paris"] and tags.organisations == []
    assert [p.name for p in tags.people] == ["Angela Merkel", "Emmanuel Macron"]


def test_a_persons_name_inside_an_organisations_is_found_in_linear_time(monkeypatch):
    """Each organisation's key is made once and looked through once, not once per person: a
    text naming thousands of people and organisations (a 100 KB list of names) took minutes."""
    import newsarchive.entities.organisations_places as module

    calls, key = [], module.name_key
    monkeypatch.setattr(module, "name_key", lambda name: calls.append(name) or key(name))
    people = {f"person{i} surname{i}" for i in range(2000)}
    spans = [f"Firm{i} Holdings" for i in range(2000)] + ["Person7 Surname7 Foundation"]
    spans += ["Joperson12 Surname12er Trust"]  # inside a word, as `in` finds it
    organisations, _ = organisations_and_places(spans, [], exclude=people)
    assert "Person7 Surname7 Foundation" not in organisations
    assert "Joperson12 Surname12er Trust" not in organisations
    assert len(organisations) == module.MAX_PER_ARTICLE and "Firm0 Holdings" in organisations
    assert len(calls) <= 2 * len(spans)


def test_longer_names_are_found_in_one_pass_over_the_text(monkeypatch):
    """Every whole occurrence of each organisation's name of two words or more, as a search
    per name finds it, but in one pass over the text (a search per name was quadratic:
    minutes for a long list of names)."""
    import re

    import newsarchive.entities as module

    text = (
        "The New York Times and Goldman Sachs. (Goldman Sachs said) Goldman Sachsen, "
        "the New York Times-Herald, New York, new York. "
    ) + ", ".join(f"Firm{i} Holdings" for i in range(3000))
    names = ["New York Times", "Goldman Sachs", "New York"]
    names += [f"Firm{i} Holdings" for i in range(3000)]
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    expected = {
        (m.start(), m.end())
        for name in names
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    }
    searches = []
    finditer = re.finditer
    monkeypatch.setattr(module.re, "finditer", lambda *a: searches.append(a) or finditer(*a))
    found = module._longer_names(text, spans)
    assert not searches
    assert sorted(found) == sorted(expected)
    assert {text[s:e] for s, e in found} >= {"New York Times", "New York", "Goldman Sachs"}
    assert (text.index("Goldman Sachsen"), text.index("Goldman Sachsen") + 13) not in found


def test_short_forms_are_looked_up_not_compared_with_every_name(monkeypatch):
    """A name said short is compared with the longer names that share its word, not with
    every name of the article (quadratic: minutes for a long list of names)."""
    import newsarchive.entities.organisations_places as module

    calls = []
    end_of = module._end_of
    monkeypatch.setattr(module, "_end_of", lambda *a: calls.append(a) or end_of(*a))
    names = [f"Firm{i} Holdings" for i in range(1500)] + ["UN Security Council"]
    names += ["Security Council", "the Alliance", "Northern Meridian Alliance"]
    organisations, _ = organisations_and_places(names + ["Security Council"], [], exclude=set())
    assert "Security Council" not in organisations and "UN Security Council" in organisations
    assert len(calls) < 10 * len(names)
