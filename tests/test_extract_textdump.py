"""Text dumps: title, paragraphs, byline, dateline and attribution among the page chrome."""

from __future__ import annotations

from datetime import datetime

from conftest import SAMPLES

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
    }  # fmt: skip
    for line, source in cases.items():
        assert attribution_source(line) == source, line


def test_date_in_the_page_header_is_not_the_publication_date(tmp_path):
    """Sites print today's date in their header: a dump shows the day it was saved."""
    page = tmp_path / "saved.txt"
    page.write_text(
        "Thursday, March 5, 2015\n\n"
        + (SAMPLES / "text" / "gsn-2013-us-russia-talks.txt").read_text()
    )
    article = extract_file(page)
    assert article.title == "Insiders: Major Headway Unlikely From U.S.-Russia Talks"
    assert article.date is None
