"""Text dumps: title, paragraphs, byline, dateline and attribution among the page chrome."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SEED, needs_seed

from newsarchive.article import NotAnArticle
from newsarchive.extract.attribution import attribution_source
from newsarchive.importer import extract_file

TEXT = SAMPLES / "text"


def test_dump_with_dateline_byline_and_inline_ad():
    article = extract_file(TEXT / "veloria-desalination-strategy.txt")
    assert article.title == "Veloria Bets on Desalination as Tessa Reservoirs Hit Record Low"
    assert article.date == datetime(2020, 5, 12)
    assert article.date_source == "text"
    assert article.authors == ["Ingrid Masefield"]
    assert article.source == "Continental Policy Wire"
    assert article.body_text.startswith("ARBEN, Veloria, May 12, 2020")
    assert "Advertisement" not in article.body_text
    assert "cookies" not in article.body_text
    assert "Topics:" not in article.body_text


def test_dump_with_sidecar_date_and_url():
    article = extract_file(TEXT / "halcyon-thermal-vacuum-tests.txt")
    assert article.title == "Halcyon Lunar Orbiter Passes Its Toughest Test on the Ground"
    assert article.date == datetime(2018, 9, 14)
    assert article.date_source == "sidecar"
    assert (
        article.url == "https://coastlinescience.example/space/halcyon-orbiter-thermal-vacuum-tests"
    )
    assert article.source == "Coastline Science Report"
    assert "Story continues below advertisement" not in article.body_text


def test_dump_without_date_stays_undated():
    article = extract_file(TEXT / "lindhaven-inspection-deal-out-of-reach.txt")
    assert article.title == "Experts: Inspection Deal Still Out of Reach at Lindhaven"
    assert article.date is None
    assert article.source == "Lindhaven Security Bulletin"
    assert any(w.startswith("date unknown") for w in article.warnings)


def test_attribution_lines():
    cases = {
        "This article was published in Global Security Newswire, which is produced by NJ.": "Global Security Newswire",
        "This story first appeared in Continental Policy Wire, an independent service.": "Continental Policy Wire",
        "Originally published by The Harbor Ledger.": "Harbor Ledger",
        "This article was originally published on Coastline Science Report.": "Coastline Science Report",
        "The minister said this was published in a hurry.": None,
        "Republished with permission from Harbor Ledger.": "Harbor Ledger",
        "Reprinted by permission of the Coastline Science Report.": "Coastline Science Report",
        "Reprinted from Continental Policy Wire.": "Continental Policy Wire",
        # said by the original: where else the article ran, not where it came from
        "This article was reprinted on Harborwire.com.": None,
        "This story was republished by the Coastline Science Report.": None,
    }  # fmt: skip
    for line, source in cases.items():
        assert attribution_source(line) == source, line


@needs_seed
def test_date_in_the_page_header_is_not_the_publication_date(tmp_path):
    """Sites print today's date in their header: a dump shows the day it was saved."""
    page = tmp_path / "saved.txt"
    page.write_text("Thursday, March 5, 2015\n\n" + SEED.read_text())
    article = extract_file(page)
    assert article.title == "Insiders: Major Headway Unlikely From U.S.-Russia Talks"
    assert article.date is None


# A site's house advertisement: long and sentence-like, so line rules alone take it for text.
HOUSE_AD = [
    "Members of the Harbour Ledger Club receive the morning briefing, the weekend magazine and "
    "unlimited access to twenty years of the archive for less than the price of a coffee.",
    "Our reporters have covered the harbour towns since 1962, and every membership pays for "
    "the local journalism that keeps councils, ports and courts honest in this region.",
    "Join today and your first three months are free, with a printed edition delivered to your "
    "door on Saturdays and a tote bag that every member of the club will recognise at once.",
]


def write_dump(path, head: str, paragraph: str) -> None:
    """A text dump: its site's lines, headline and date lines (`head`), then six paragraphs
    of `paragraph`, each with its number for {n} (the body a dump's article has)."""
    body = "\n\n".join(paragraph.replace("{n}", str(n)) for n in range(6))
    path.write_text(head + body, encoding="utf-8")


def _site_dump(n: int) -> str:
    """One dump of an invented site: menu, headline, a short article, then the house ad."""
    article = [
        f"The harbour board of Port Estrel met for the {n}th time this year on Tuesday and "
        f"approved a plan to dredge berth {n} before the autumn storms arrive.",
        f"Board members said the work on berth {n} would cost less than expected because the "
        "dredger was already in the bay for the ferry terminal.",
    ]
    return "\n".join(
        ["Harbour Ledger", "Home", "Ports", "Courts", f"Berth {n} to be dredged before autumn"]
        + article
        + ["Advertisement"]
        + HOUSE_AD
        + ["Contact us", "© Harbour Ledger"]
    )


def test_site_boilerplate_is_learned_from_the_sites_own_dumps(tmp_path):
    from newsarchive.extract.textdump import parse_textdump
    from newsarchive.importer import run_import

    site = tmp_path / "harbour-ledger"
    site.mkdir()
    for n in range(1, 7):
        (site / f"berth-{n}.txt").write_text(_site_dump(n), encoding="utf-8")
    # Alone, the house ad outweighs the article: the line rules cannot tell them apart.
    assert "Harbour Ledger Club" in " ".join(parse_textdump(_site_dump(1)).paragraphs)

    outcomes = run_import([site], root=tmp_path, jobs=1, tag=False)
    assert [o.status for o in outcomes] == ["imported"] * 6
    for n, outcome in enumerate(outcomes, start=1):
        text = (tmp_path / outcome.path).read_text(encoding="utf-8")
        assert f"dredge berth {n} before" in text
        assert "Harbour Ledger Club" not in text
        assert outcome.title == f"Berth {n} to be dredged before autumn"


def test_extract_of_a_sites_folder_shows_the_text_import_stores(tmp_path):
    """`extract --json` is how a tool looks before importing, but it never learned a folder's
    site template: its `body_text` (and the people tagged in it) held the house ad that
    import leaves out."""
    site = tmp_path / "harbour-ledger"
    site.mkdir()
    for n in range(1, 7):
        (site / f"berth-{n}.txt").write_text(_site_dump(n), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "extract", "--json", "--no-tag", str(site)],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["input"]).name for r in records] == [f"berth-{n}.txt" for n in range(1, 7)]
    for n, record in enumerate(records, start=1):
        assert f"dredge berth {n} before" in record["body_text"]
        assert "Harbour Ledger Club" not in record["body_text"]
        assert "Harbour Ledger Club" not in record["body_markdown"]


def test_too_few_dumps_teach_no_template():
    from newsarchive.extract.site_template import learn_template

    assert learn_template([_site_dump(n) for n in range(1, 5)]) == frozenset()
    learned = learn_template([_site_dump(n) for n in range(1, 7)])
    assert set(HOUSE_AD) <= learned
    assert not any("dredge" in line for line in learned)


def test_line_rules_for_teasers_comments_and_cjk():
    from newsarchive.extract.textdump import is_chrome, is_teaser, line_kind, words

    teaser = (
        "Customers Leave Without Paying Bill At Harbour SteakhouseA party of six left the "
        "restaurant without paying for their dinner, the owner said."
    )
    assert is_teaser(teaser) and line_kind(teaser) == "chrome"
    camel = (
        "Following the 16-inch MacBook Pro, the company plans a smaller model with the same "
        "keyboard next year, according to people familiar with the plans."
    )
    assert not is_teaser(camel) and line_kind(camel) == "good"
    assert is_chrome("jjackwagon says:") and is_chrome("November 19, 2019 at 9:03 am")
    inside = (
        "(Wire) — The State Attorney General is investigating WeWork, according to two people "
        "familiar with the matter, adding to a mounting series of problems."
    )
    assert not is_teaser(inside) and line_kind(inside) == "good"
    assert line_kind("A spokeswoman for the harbour board declined to comment.") == "prose"
    assert is_chrome("3 comments")
    assert line_kind("Webb emerged from the room.") == "prose"
    assert words("先日、不正に改造した端末を販売したとして男性が逮捕された。") >= 12
    assert (
        line_kind(
            "先日、不正に改造した端末を販売したとして男性が逮捕されたというニュースを耳にしました。"
        )
        == "good"
    )


def test_language_is_detected_from_the_text(tmp_path):
    """Dumps declare no language; a page's template may declare the wrong one."""
    italian = (
        "Il consiglio comunale di Porto Estrel ha approvato martedì il piano per dragare il "
        "porto prima delle tempeste d'autunno, con un costo inferiore al previsto.\n"
        "I consiglieri hanno detto che la draga era già nella baia per il nuovo terminal dei "
        "traghetti e che i lavori cominceranno la settimana prossima.\n"
    )
    dump = tmp_path / "porto.txt"
    dump.write_text("Porto Estrel, via libera al dragaggio\n" + italian, encoding="utf-8")
    assert extract_file(dump).language == "it"
    page = tmp_path / "porto.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in italian.splitlines())
    page.write_text(
        f'<html lang="en"><head><title>Porto Estrel</title></head><body><article>'
        f"<h1>Porto Estrel, via libera al dragaggio</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).language == "it"
    english = extract_file(TEXT / "veloria-desalination-strategy.txt")
    assert english.language == "en"


def test_headline_shares_words_with_the_lede_and_a_closing_list_is_kept():
    from newsarchive.extract.textdump import parse_textdump

    dump = "\n".join(
        [
            "Skip to content",
            "Weekend Guides To Every Coastal Town Worth Visiting This Autumn",
            "Music",
            "Tidewater Quartet announce a farewell tour of the harbour towns",
            "By Mira Solberg",
            "The Tidewater Quartet will play their farewell tour next spring, the band said on "
            "Monday, closing forty years on the road with eight nights in the harbour towns.",
            "The quartet said the tour would end where it began, in the old ferry hall at Port "
            "Estrel, and that tickets would go on sale to members of the fan club first.",
            "The farewell tour dates:",
            "March 3 – Port Estrel, the Ferry Hall",
            "March 5 – Callow Bay, the Lantern Theatre",
            "March 8 – Northmoor, the Corn Exchange",
            "Tags",
            "music",
            "tours",
        ]
    )
    parsed = parse_textdump(dump)
    assert parsed.title == "Tidewater Quartet announce a farewell tour of the harbour towns"
    assert parsed.paragraphs[-1] == "March 8 – Northmoor, the Corn Exchange"
    assert "Tags" not in parsed.paragraphs and "tours" not in parsed.paragraphs


HARBOUR_LEDE = [
    "The harbour board of Port Estrel voted on Tuesday to close the old ferry pier for a year "
    "of repairs, after divers found that its oak piles had rotted below the waterline.",
    "Ferries will use the cargo berth while the pier is rebuilt, the board said, and the "
    "timetable will not change until the spring, when the work on the piles begins.",
]


def test_headline_printed_inside_a_label_or_as_a_sentence():
    """Pages print their headline again in a title bar or share prompt, and some headlines
    end like a sentence: the headline's own line is taken, without its label."""
    from newsarchive.extract.textdump import parse_textdump

    labelled = ["Harbour Ledger", "Opinion|Port Estrel Closes Its Old Ferry Pier"]
    labelled += ["Port Estrel Closes Its Old Ferry Pier", "By Mira Solberg"] + HARBOUR_LEDE
    assert parse_textdump("\n".join(labelled)).title == "Port Estrel Closes Its Old Ferry Pier"
    sentence = "The Ferry Pier Is Closing. Why Nobody in Port Estrel Seems to Mind."
    dump = ["Harbour Ledger", sentence, "By Mira Solberg", *HARBOUR_LEDE, "Share", sentence]
    assert parse_textdump("\n".join(dump)).title == sentence


def test_a_year_in_a_headline_does_not_make_it_a_date():
    from newsarchive.extract.textdump import parse_textdump

    dump = ["Harbour Ledger", "2019 Port Estrel Regatta Results", "19 Nov 2019 05:44"]
    parsed = parse_textdump("\n".join(dump + HARBOUR_LEDE))
    assert parsed.title == "2019 Port Estrel Regatta Results"


def test_pictures_captions_and_credits_are_not_article_text():
    from newsarchive.extract.textdump import is_credit, parse_textdump

    more = [
        "Divers who inspected the pier in August found that nine of its forty oak piles had "
        "rotted through, and the board closed the pier to lorries the same week, while the "
        "ferries, which weigh far less, went on using it until the end of the summer timetable.",
        "The repairs will cost about four million, which the board will borrow over ten years "
        "at the rate the council pays for its own harbour works.",
    ]
    dump = [
        "Port Estrel Closes Its Old Ferry Pier",
        HARBOUR_LEDE[0],
        "The old ferry pier at Port Estrel, seen from the harbour wall on Monday.",
        "Ana Ruiz/Harbour Ledger/Getty Images",
        HARBOUR_LEDE[1],
        "Divers at work below the pier in August (Photo: Port Estrel Harbour Board)",
        "Image 1 of 3",
        more[0],  # a picture without a caption: the paragraph above its credit stays
        "Photo: Ana Ruiz",
        more[1],
    ]
    assert parse_textdump("\n".join(dump)).paragraphs == [HARBOUR_LEDE[0], HARBOUR_LEDE[1], *more]
    pictured = ["Port Estrel Closes Its Old Ferry Pier", "The old ferry pier at Port Estrel "
                "seen from the harbour wall on Monday (Photo: Ana Ruiz)", *HARBOUR_LEDE]  # fmt: skip
    assert parse_textdump("\n".join(pictured)).title == "Port Estrel Closes Its Old Ferry Pier"
    assert is_credit("He didn't get it.Credit...Ana Ruiz/The Harbour Ledger")
    assert not is_credit("Credit card debt rose again in the harbour towns last year.")


def test_the_article_starts_below_its_standfirst_byline_and_date(tmp_path):
    """A summary under the headline is a sentence, but the story starts below the byline."""
    dump = tmp_path / "pier.txt"
    standfirst = "A year of repairs lies ahead for the pier, which has carried ferries since 1911."
    lines = ["Harbour Ledger", "Port Estrel Closes Its Old Ferry Pier", standfirst]
    lines += ["By Mira Solberg", "Updated 19 Nov 2019 05:44 GMT", "Share", *HARBOUR_LEDE]
    dump.write_text("\n".join(lines), encoding="utf-8")
    article = extract_file(dump)
    assert article.body_text == "\n\n".join(HARBOUR_LEDE)
    assert article.title == "Port Estrel Closes Its Old Ferry Pier"
    assert article.authors == ["Mira Solberg"]
    assert article.date == datetime(2019, 11, 19)


def test_a_heading_over_other_stories_ends_the_article():
    from newsarchive.extract.textdump import parse_textdump

    closing = "Who will pay for the new pier?"
    for heading in ("You may also like...", "More:", "Top Stories", "More from Harbour Ledger"):
        teasers = ["Callow Bay ferry fares to rise in spring", "Northmoor lifeboat crew honoured"]
        dump = ["Port Estrel Closes Its Old Ferry Pier", *HARBOUR_LEDE, heading, closing, *teasers]
        assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE, heading


def test_newsletter_and_shopping_prompts_are_not_article_text():
    from newsarchive.extract.textdump import line_kind, parse_textdump

    prompts = [
        "Get breaking harbour news alerts and the tide tables, delivered free to your inbox.",
        "No spam, we promise: you can unsubscribe at any time and we never share your details.",
        "If you buy something through a link on this page, the Ledger may earn a small commission.",
        "If you enjoyed this article, we have a proposition for you: join the Ledger Club today.",
    ]
    for prompt in prompts:
        assert line_kind(prompt) == "chrome", prompt
    dump = ["Port Estrel Closes Its Old Ferry Pier", HARBOUR_LEDE[0], prompts[0], HARBOUR_LEDE[1]]
    assert parse_textdump("\n".join(dump + prompts[1:])).paragraphs == HARBOUR_LEDE


def test_a_long_share_bar_between_headline_and_article():
    from newsarchive.extract.textdump import parse_textdump

    networks = ["Facebook", "Messenger", "Twitter", "Email", "WhatsApp", "LinkedIn", "Pinterest"]
    share_bar = [f"Share this with {network}" for network in networks * 5]
    footer = "Copyright © 2019 The Port Estrel Harbour Ledger | Ferry Timetables | Terms of Use"
    dump = [footer, "Port Estrel Closes Its Old Ferry Pier", *share_bar, *HARBOUR_LEDE]
    assert parse_textdump("\n".join(dump)).title == "Port Estrel Closes Its Old Ferry Pier"


def test_a_copyright_credit_over_its_caption_inside_the_article():
    """BBC-style pictures: "Image copyright ..." then "Image caption ..." below it; the
    paragraph above the credit stays, and embedded posts' credits do not split the article."""
    from newsarchive.extract.textdump import parse_textdump

    more = [
        "The board said the pier would reopen in the spring of next year, a month later than "
        "the engineers had first promised the ferry companies.",
        "Ferry passengers will walk to the cargo berth along a covered path that the council "
        "will build beside the harbour wall this winter.",
    ]
    dump = ["Port Estrel Closes Its Old Ferry Pier", *HARBOUR_LEDE]
    dump += ["Image copyright @harbourboard @harbourboard", "Report"]
    dump += ["Image copyright @portestrel @portestrel", "Report"]
    dump += ["Image copyright Ana Ruiz", "Image caption The old ferry pier in 1911", *more]
    assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE + more


def test_a_box_of_other_stories_after_the_opening_paragraphs():
    from newsarchive.extract.textdump import parse_textdump

    rest = [
        f"The {n} engineer on the pier survey said the piles at berth {n} were the worst she "
        "had seen in thirty years, and that the decking above them had been sagging for months."
        for n in ("first", "second", "third", "fourth", "fifth", "sixth")
    ]
    box = [
        "Harbour News More",
        "Callow Bay ferry fares to rise in spring",
        "Northmoor lifeboat crew honoured at the palace",
        "Port Estrel council approves the new fish market",
        "Tide tables for the winter months",
        "Storm warning for the harbour towns this weekend",
        "More in Harbour News",
        "What the survey found",
    ]
    dump = ["Port Estrel Closes Its Old Ferry Pier", *HARBOUR_LEDE, *box, *rest]
    assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE + rest


def test_a_byline_or_a_link_to_the_next_story_ends_the_closing_list():
    from newsarchive.extract.textdump import parse_textdump

    teasers = ["Callow Bay ferry fares to rise in spring as fuel costs climb again"]
    teasers += ["Northmoor lifeboat crew honoured at the palace for the winter rescues"]
    for end in ("Written by Mira Solberg on 19 November 2019", "- Next Harbour News"):
        dump = ["Port Estrel Closes Its Old Ferry Pier", *HARBOUR_LEDE, end, *teasers]
        assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE, end
    # a wire story's closing "UP NEXT" is its own (the teams' next games)
    up_next = ["UP NEXT", "Port Estrel: host Callow Bay on Friday night", "Callow Bay: rest"]
    dump = ["Port Estrel Closes Its Old Ferry Pier", *HARBOUR_LEDE, *up_next]
    assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE + up_next


def test_furniture_in_other_languages():
    from newsarchive.extract.textdump import line_kind, parse_textdump

    for line in (
        "Lesen Sie auch",
        "Leia também:",
        "Читайте также",
        "関連記事",
        "Lascia un commento",
    ):
        assert line_kind(line) == "chrome", line
    german = [
        "Der Hafenrat von Port Estrel hat am Dienstag beschlossen, den alten Fähranleger für ein "
        "Jahr zu schließen, nachdem Taucher morsche Eichenpfähle gefunden hatten.",
        "Die Fähren legen während der Arbeiten am Frachtkai an, sagte der Rat, und der Fahrplan "
        "ändert sich bis zum Frühjahr nicht, wenn die Arbeiten an den Pfählen beginnen.",
    ]
    others = ["Neue Fährpreise für Callow Bay im Frühjahr", "Rettungsboot aus Northmoor geehrt"]
    dump = ["Port Estrel schließt den alten Fähranleger", *german, "Lesen Sie auch", *others]
    assert parse_textdump("\n".join(dump)).paragraphs == german


def test_share_buttons_subscriptions_and_ad_labels_in_other_languages():
    """A Russian dump ended in "Поделиться: ВКонтакте | Telegram" and "Подписывайтесь на наш
    канал в Telegram", and a German one kept "Anzeige" between its paragraphs: the share,
    subscribe and advertisement furniture was read in English (and a few labels) only. A
    sentence with "Anzeige" in it stays."""
    from newsarchive.extract.textdump import line_kind, parse_textdump

    for line in (
        "Поделиться: ВКонтакте | Telegram",
        "Подписывайтесь на наш канал в Telegram",
        "Anzeige",
        "Teilen: Facebook | WhatsApp",
        "Abonnez-vous à notre lettre",
        "Udostępnij",
        "Κοινοποίηση",
    ):
        assert line_kind(line) == "chrome", line
    assert line_kind("Die Polizei hat Anzeige gegen den Fahrer erstattet.") != "chrome"
    # a share or subscribe verb, or a network's name, inside a headline is the headline's
    # ("Telegram" and "compartir" anywhere in a short line made it furniture)
    for headline in (
        "Telegram founder questioned by Port Estrel police",
        "Los vecinos se niegan a compartir el agua del río",
        "Pourquoi les pêcheurs refusent de partager leurs prises",
    ):
        assert line_kind(headline) != "chrome", headline
    german = [
        "Der Hafenrat von Port Estrel hat am Dienstag beschlossen, den alten Fähranleger für ein "
        "Jahr zu schließen, nachdem Taucher morsche Eichenpfähle gefunden hatten.",
        "Die Fähren legen während der Arbeiten am Frachtkai an, sagte der Rat, und der Fahrplan "
        "ändert sich bis zum Frühjahr nicht, wenn die Arbeiten an den Pfählen beginnen.",
    ]
    dump = ["Port Estrel schließt den alten Fähranleger", german[0], "Anzeige", german[1]]
    assert parse_textdump("\n".join([*dump, "Teilen: Facebook | WhatsApp"])).paragraphs == german


def test_news_agency_credits():
    from newsarchive.extract.textdump import is_credit

    for line in (
        "Ana Ruiz, AP",
        "The ferry pier at Port Estrel seen from the harbour wall. (AP)",
        "FILE PHOTO: Ferries wait at the cargo berth in Port Estrel, May 2, 2019. REUTERS/Ana Ruiz",
        "The first map of the harbour floor. (Port Estrel Harbour Board/Ana Ruiz)",
    ):
        assert is_credit(line), line
    for line in ("Die elektronische Patientenakte (ePA)", "Speeds of 40 (km/h)", "AP"):
        assert not is_credit(line), line


def test_a_long_byline_with_its_date_and_time_ends_the_standfirst():
    from newsarchive.extract.textdump import parse_textdump

    byline = "By Mira Solberg , Ana Ruiz on Monday, November 18th, 2019 at 11:08 a.m."
    standfirst = "How long will the ferries use the cargo berth while the old pier is rebuilt?"
    dump = ["Port Estrel Closes Its Old Ferry Pier", standfirst, byline, *HARBOUR_LEDE]
    assert parse_textdump("\n".join(dump)).paragraphs == HARBOUR_LEDE


def test_a_newsletter_box_after_the_opening_with_a_subheading():
    from newsarchive.extract.textdump import parse_textdump

    third = ("The divers will go down again in the spring, when the water is clear enough to "
             "film the piles that the board hopes to save rather than replace.")  # fmt: skip
    opening = [HARBOUR_LEDE[0], "What the divers found", HARBOUR_LEDE[1], third]
    rest = [f"Paragraph {n} of the survey report, which the board published on Tuesday, ran to "
            "forty pages and named every pile that will have to be replaced next year."
            for n in range(1, 7)]  # fmt: skip
    box = ["Share this article", "Copied!", "Newsletter", "Get the Ledger delivered to your inbox"]
    box += ["Subscribe now", "Most recent newsletter"]
    dump = ["Port Estrel Closes Its Old Ferry Pier", *opening, *box, *rest]
    assert parse_textdump("\n".join(dump)).paragraphs == opening + rest


def test_a_headline_that_ends_in_an_emoji_is_the_headline(tmp_path):
    """An emoji ends a short sentence as a full stop does, so a headline ending in one was read
    as the article's one-sentence lead: no headline was left, and the page failed to import.
    A one-sentence lead ending in a full stop, under a headline, stays the article's."""
    story = (
        "German Chancellor Angela Merkel met Russian President Vladimir Putin in Berlin on "
        "Monday for talks on energy, trade and shipping, officials from both governments said "
        "after the meeting ended.\n\nThe two leaders spoke for more than three hours, according "
        "to a statement released by the chancellery late in the evening, and agreed to meet "
        "again before the end of the year.\n"
    )
    page = tmp_path / "emoji.txt"
    page.write_text("Merkel meets Putin in Berlin 🎉\n\n" + story, encoding="utf-8")
    article = extract_file(page)
    assert article.title == "Merkel meets Putin in Berlin 🎉"
    assert article.body_text.startswith("German Chancellor Angela Merkel met")
    page.write_text("Merkel meets Putin\n\nThe talks went on late. 🎉\n\n" + story, "utf-8")
    article = extract_file(page)
    assert article.title == "Merkel meets Putin"
    assert article.body_text.startswith("The talks went on late. 🎉")


def test_a_date_written_in_russian_greek_polish_czech_or_ukrainian(tmp_path):
    """ "21 czerwca 2021" under a Polish dump's byline left the article undated, and
    "Δημοσιεύθηκε: 7 Απριλίου 2022" stayed its first line: month names were read in English
    and six western languages only; these take the genitive after a day."""
    from newsarchive.extract.dates import is_date_line, text_date

    assert text_date("15 января 2021, 11:40") == datetime(2021, 1, 15)
    assert text_date("12 березня 2020 р.") == datetime(2020, 3, 12)
    assert text_date("3. května 2020") == datetime(2020, 5, 3)
    assert text_date("5 Μαΐου 2019") == datetime(2019, 5, 5)
    assert text_date("7 ΑΠΡΙΛΙΟΥ 2022") == datetime(2022, 4, 7)  # capitals drop the accents
    assert text_date("31 listopada 2020") is None
    assert is_date_line("Δημοσιεύθηκε: 7 Απριλίου 2022", 4)
    dump = tmp_path / "szpital.txt"
    write_dump(
        dump,
        "Gazeta Nadwiślańska\nStrona główna | Wiadomości | Region\n\n"
        "Nowy szpital w Zielonej Dolinie otwarty po czterech latach\n\n"
        "Autor: Małgorzata Wójcik-Źrebiec\n21 czerwca 2021, 08:05\n\n",
        "W poniedziałek w Zielonej Dolinie otwarto oddział numer {n}, a dyrektor szpitala "
        "mówi, że pacjenci nie będą już musieli jeździć do sąsiednich miast.",
    )
    article = extract_file(dump)
    assert (article.date, article.date_source) == (datetime(2021, 6, 21), "text")
    assert article.body_text.startswith("W poniedziałek")
    assert article.authors == ["Małgorzata Wójcik-Źrebiec"]  # a label before a Polish name


def test_a_month_written_short_in_another_language(tmp_path):
    """A French dump dated "Mis à jour le 5 févr. 2020 à 17h02" (and Spanish "14 dic. 2019",
    Russian "7 дек. 2019 г.") was imported undated: only the full month names of those
    languages were read, and English's three letters are not their short forms."""
    from newsarchive.extract.dates import text_date

    assert text_date("14 déc. 2019") == datetime(2019, 12, 14)
    assert text_date("14 de dic. de 2019") == datetime(2019, 12, 14)
    assert text_date("7 дек. 2019 г.") == datetime(2019, 12, 7)
    assert text_date("3 janv. 2021") == datetime(2021, 1, 3)
    assert text_date("2. Okt. 2020") == datetime(2020, 10, 2)
    assert text_date("31 févr. 2020") is None
    dump = tmp_path / "piscine.txt"
    write_dump(
        dump,
        "Le Courrier du Val\nAccueil | Région | Sports\n\n"
        "La piscine de Valbonne rouvre après deux ans de travaux\n\n"
        "Par Odile Marchand\nMis à jour le 5 févr. 2020 à 17h02\n\n",
        "Les nageurs du club numéro {n} ont retrouvé jeudi le grand bassin, dont le "
        "carrelage a été refait et dont l’eau est désormais chauffée par le soleil.",
    )
    article = extract_file(dump)
    assert (article.date, article.date_source) == (datetime(2020, 2, 5), "text")
    assert article.authors == ["Odile Marchand"]
    assert article.body_text.startswith("Les nageurs du club numéro 0")


def test_a_date_written_in_arabic(tmp_path):
    """An Arabic page dated "14 ديسمبر 2019" (or the Levant's "14 كانون الأول 2019", or in
    Eastern Arabic digits) was imported undated: Arabic month names were not read at all."""
    from newsarchive.extract.dates import is_date_line, text_date

    assert text_date("14 ديسمبر 2019") == datetime(2019, 12, 14)
    assert text_date("السبت 14 كانون الأول 2019م") == datetime(2019, 12, 14)
    assert text_date("١٤ ديسمبر ٢٠١٩") == datetime(2019, 12, 14)
    assert text_date("3 غشت 2021") == datetime(2021, 8, 3)
    assert text_date("31 فبراير 2020") is None
    assert is_date_line("نشر في 3 أغسطس 2021 - 10:20", 4)
    dump = tmp_path / "hadiqa.txt"
    write_dump(
        dump,
        "صحيفة الوادي\nالرئيسية | محليات | رياضة\n\n"
        "افتتاح حديقة جديدة على ضفة النهر في مدينة الوادي\n\n"
        "٨ مارس ٢٠٢٠\n\n",
        "افتتح المجلس البلدي صباح الأحد الجزء رقم {n} من الحديقة الجديدة على ضفة النهر، "
        "وقال إن الأعمال في بقية الأجزاء ستنتهي قبل بداية فصل الصيف المقبل.",
    )
    article = extract_file(dump)
    assert (article.date, article.date_source) == (datetime(2020, 3, 8), "text")
    assert article.body_text.startswith("افتتح المجلس البلدي صباح الأحد الجزء رقم 0")


def test_a_date_written_day_first_between_full_stops(tmp_path):
    """ "15.01.2021, 11:40" under a Russian dump's headline (and German, Polish or Czech
    ones' "3.10.2020") left it undated: only month names and ISO dates were read. A date
    with slashes stays unread: whether its day or its month comes first varies."""
    from newsarchive.extract.dates import text_date

    assert text_date("Опубликовано: 15.01.2021, 11:40") == datetime(2021, 1, 15)
    assert text_date("3.10.2020") == datetime(2020, 10, 3)
    assert text_date("15.13.2021") is None and text_date("07/04/2022") is None
    dump = tmp_path / "zavod.txt"
    write_dump(
        dump,
        "Вестник Заречья\nГлавная | Новости\n\nЗавод в Заречьевске закрывается\n\n"
        "15.01.2021, 11:40\n\n",
        "Руководство завода номер {n} объявило о прекращении производства с первого "
        "марта, и без работы могут остаться около тысячи человек.",
    )
    article = extract_file(dump)
    assert (article.date, article.date_source) == (datetime(2021, 1, 15), "text")
    assert article.body_text.startswith("Руководство завода номер 0")


def test_a_menu_is_no_headline_in_any_language():
    """A Russian dump's headline was its site's menu, "Главная | Новости | Общество | Спорт":
    the headline shares no word with the article in the same form ("Заречьевске",
    "Заречьевского"), and the menu had more words."""
    from newsarchive.extract.textdump import parse_textdump

    text = "\n".join(
        [
            "Вестник Заречья",
            "Главная | Новости | Общество | Спорт",
            "",
            "В Заречьевске закрывается старейший завод области",
            "",
            "15 января 2021, 11:40",
            "",
            *(
                f"Руководство Заречьевского завода номер {n} объявило о прекращении "
                "производства с первого марта, и без работы останутся сотни человек.\n"
                for n in range(5)
            ),
        ]
    )
    assert parse_textdump(text).title == "В Заречьевске закрывается старейший завод области"


@pytest.mark.parametrize(
    "headline", ["Author Wins Booker Prize For Debut Novel", "Text Messages Reveal Booker Plot"]
)
def test_a_headline_that_opens_like_a_foreign_byline_is_no_byline(headline):
    """A headline in title case opening with a byline's label ("Author", "Text") or another
    language's "by" ("Di", "Par") was read as the byline above the real one: its authors were
    "Wins Booker Prize For Debut", not the "By Jane Doe" under it."""
    from newsarchive.extract.textdump import parse_textdump

    sentence = (
        "The prize committee praised the novel for its portrayal of family life in a small "
        "town, the judges said on Tuesday evening in London."
    )
    body = "\n\n".join([" ".join([sentence] * 3)] * 3)
    article = parse_textdump(f"{headline}\n\nBy Jane Doe\n\nMarch 3, 2021\n\n{body}\n")
    assert article.title == headline
    assert article.authors == ["Jane Doe"]
    alone = parse_textdump(f"{headline}\n\nMarch 3, 2021\n\n{body}\n")
    assert alone.authors == []


@pytest.mark.parametrize("line", ["Teilen:", "Teilen: Instagram | Xing", "Teilen :"])
def test_a_german_share_label_is_furniture_without_an_english_button_beside_it(line):
    """ "Teilen:" was never furniture: the word boundary after its colon needs a letter next;
    only "Teilen: Facebook" was, by the English "facebook"."""
    from newsarchive.extract.textdump import line_kind

    assert line_kind(line) == "chrome"


@pytest.mark.parametrize("line", ["7 ΜΑΪΟΥ 2022", "7 ΜΑΙΟΥ 2022", "7 Μαΐου 2022"])
def test_may_in_greek_capitals_keeps_its_diaeresis(line):
    """Greek capitals drop the stress accent but keep the diaeresis: "ΜΑΪΟΥ" (May) was read
    as no month, as only "μαΐου", "μαίου" and the bare "μαιου" were."""
    from newsarchive.extract.dates import text_date

    assert text_date(line) == datetime(2022, 5, 7)


ABOUT_US = (
    "Lindmark Courier\nHome | News | About\n\nAbout us\n\n"
    "The Lindmark Courier has served the valley since 1921, reporting on councils, courts, farms"
    " and the football club every week of the year.\n\nOur newsroom of six reporters works from"
    " the old post office on Mill Street, and we welcome letters from readers about anything we"
    " publish.\n\nThe paper is owned by a trust set up by its founding editor, which keeps it"
    " independent of any party, business or church in the valley.\n"
)


def test_a_sites_own_page_saved_as_text_is_no_article(tmp_path):
    """A crawl's about page saved as text (`about.txt`, `privacy-policy.txt`) was imported as an
    undated article: the address rules that keep a saved page out read a dump's name too,
    where it has no date and no byline. The same text under another name is an article."""
    for name in ("about.txt", "privacy-policy.txt"):
        dump = tmp_path / "mirror" / name
        dump.parent.mkdir(exist_ok=True)
        dump.write_text(ABOUT_US, encoding="utf-8")
        with pytest.raises(NotAnArticle, match=r"not an article \(its address ends /[a-z-]+/; no date, no byline\)"):  # fmt: skip
            extract_file(dump)
    story = tmp_path / "mirror" / "courier-turns-a-hundred.txt"
    story.write_text(ABOUT_US, encoding="utf-8")
    assert extract_file(story).body_text.startswith("The Lindmark Courier has served")
    dated = tmp_path / "mirror" / "2021" / "about.txt"  # (under a number: an article's name)
    dated.parent.mkdir()
    dated.write_text(ABOUT_US, encoding="utf-8")
    assert extract_file(dated).title
    signed = tmp_path / "mirror" / "contact.txt"
    signed.write_text(ABOUT_US.replace("About us\n\n", "About us\n\n3 May 2021\n\n"), "utf-8")
    assert extract_file(signed).date.year == 2021
