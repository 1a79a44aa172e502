"""The record passed from extraction to the store: one article and where it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

#: Fields for the import alone, not in the `extract --json` record.
_INTERNAL = ("raw_suffix", "tagged", "first_page", "page", "next_page", "page_raws", "amp_page",
             "modified", "modified_offset")  # fmt: skip


@dataclass
class Article:
    """An extracted article. Everything here is a fact found in the input or supplied by the user."""

    input: str
    title: str
    body_markdown: str
    body_text: str
    url: str | None = None
    date: datetime | None = None
    #: Where the date came from: option, sidecar, record (a scraper record's own), json-ld, meta,
    #: url, htmldate, text, or wayback-capture (a capture whose page gives none).
    date_source: str | None = None
    #: The offset from UTC ("+01:00") the date's time was given with, where it was: the date is
    #: the publication's local time, and this says which moment that was (for feeds).
    date_offset: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    #: The attribution line itself ("This article was published in ..."), shown as a note.
    source_note: str | None = None
    language: str | None = None
    #: The saved page was cut short (truncated HTML): readers are told the text may be incomplete.
    incomplete: bool = False
    #: When the page was saved by a crawler or the Wayback Machine, if known (provenance).
    captured: datetime | None = None
    raw_sha256: str = ""
    raw_suffix: str = ""
    warnings: list[str] = field(default_factory=list)
    #: Filled by the entities stage: people as {name, slug, mentions: [{text, start, end}]}
    #: with offsets into body_text, topics as {name, slug, score}.
    people: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    #: Names the tagger did not decide on (ambiguous surnames, lone names), for the review report.
    review: list[dict] = field(default_factory=list)
    #: False when import ran without the tagger: stored tags are then left as they are.
    tagged: bool = False
    #: Of an article split over several pages (extract/pages.py): the key of its first
    #: page's address, this page's number, and whether the page links to its next one.
    first_page: str = ""
    page: int = 1
    next_page: bool = False
    #: The raw copies of an article's later pages, joined to its text (`Raw_Pages:`).
    page_raws: list[str] = field(default_factory=list)
    #: The page says it is an AMP page (`<html amp>`), whatever address it names as its own.
    amp_page: bool = False
    #: When the page says it was last modified, and the offset from UTC it says it in: the
    #: time of a correction, where this copy replaces an earlier one (store.correction_time).
    modified: datetime | None = None
    modified_offset: str | None = None

    def to_json(self) -> dict:
        """The `extract --json` record (architecture.md contract)."""
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        record["captured"] = self.captured.isoformat() if self.captured else None
        for internal in _INTERNAL:
            del record[internal]
        return record


class ExtractionError(Exception):
    """An input that cannot become an article; the message is the one-line reason shown to users."""


class NotAnArticle(ExtractionError):
    """An input that is recognisably no article (a site's about page, a section front, a
    feed): the import lists it as `excluded`, which `--strict` does not count as a failure."""
