"""Text dumps of news pages: find the title and the article's paragraphs among the page chrome.

A "save as text" dump keeps every line of the page: navigation, browser warnings, ads, login
prompts, comment widgets. Article paragraphs are long, sentence-like lines; chrome is short and
phrased like interface text. The article is the largest run of such paragraphs, up to the attribution
line; the title is the headline line just above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsarchive.article import ExtractionError
from newsarchive.extract.attribution import attribution_source
from newsarchive.extract.authors import byline_names
from newsarchive.settings import MIN_BODY_WORDS

#: A body paragraph has at least this many words and ends like a sentence.
PARAGRAPH_MIN_WORDS = 12
#: A headline has at most this many words.
TITLE_MAX_WORDS = 25
#: How many non-empty lines above the article are searched for the headline and byline.
TITLE_WINDOW_LINES = 12
#: A dateline ("ARBEN, Veloria, May 12, 2020 —") sits within the first paragraph's first words.
DATELINE_WORDS = 12
#: Short lines allowed between two paragraphs of one article (an ad, a subheading).
CLUSTER_MAX_GAP = 3
_BYLINE = re.compile(r"^(by|posted|published|updated|written by)\b", re.I)
_SENTENCE_END = re.compile(r"""[.!?:…]["'”’)\]]*$""")
#: Short lines phrased like page chrome. Matched only against short lines, so a paragraph that
#: happens to mention a browser or a password is never dropped.
_CHROME = re.compile(
    r"""\b(skip\s+(?:to|navigation)|navigation|menu|cookies?|browser|upgrade|sign\s*(?:in|up|out)
    |log\s*(?:in|out)|register|password|account|subscribe|subscription|newsletter|advertisement
    |sponsored|this\s+ad\b|close\b|learn\s+more|read\s+more|continue\s+reading|share\b|tweet
    |facebook|twitter|linkedin|whatsapp|e-?mail\s+this|print\b|comments?\b|disqus|powered\s+by
    |reply|related|recommended|most\s+(?:read|popular)|trending|follow\s+us|copyright|©
    |all\s+rights\s+reserved|privacy|terms\s+of|contact\s+us|about\s+us|home\b|search\b
    |loading|javascript|accept\b|settings|don'?t\s+show|want\s+access|full\s+experience
    |listen\s+to|text\s+size|save\s+for\s+later|dismiss|toggle)""",
    re.I | re.X,
)
_BULLET_OR_ARROW = re.compile(r"^[\W_]*$|[»›→]\s*$")


@dataclass
class TextDumpArticle:
    title: str
    paragraphs: list[str]
    source: str | None = None
    source_note: str | None = None
    authors: list[str] = field(default_factory=list)
    #: Where a publication date may be written: between headline and body, and the dateline
    #: opening the first paragraph. Not the page header, which often shows the day it was saved.
    date_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def words(line: str) -> int:
    return len(line.split())


def is_paragraph(line: str) -> bool:
    """A long line that ends like a sentence: article text, not chrome."""
    return words(line) >= PARAGRAPH_MIN_WORDS and bool(_SENTENCE_END.search(line))


def is_chrome(line: str) -> bool:
    """A short line that reads like interface text (or is only punctuation)."""
    return words(line) < PARAGRAPH_MIN_WORDS and bool(
        _CHROME.search(line) or _BULLET_OR_ARROW.search(line)
    )


def undouble(line: str) -> str:
    """'Headline Headline' (a title rendered twice on one line) becomes 'Headline'."""
    half = len(line) // 2
    if len(line) % 2 == 1 and line[:half] == line[half + 1 :]:
        return line[:half]
    return line


def _body_clusters(lines: list[str]) -> list[list[int]]:
    """Runs of paragraph lines, allowing a few short lines (an ad, a subheading) between them."""
    clusters: list[list[int]] = []
    gap = 0
    for i, line in enumerate(lines):
        if is_paragraph(line):
            if clusters and gap <= CLUSTER_MAX_GAP:
                clusters[-1].append(i)
            else:
                clusters.append([i])
            gap = 0
        elif line:
            gap += 1
    return clusters


def _title_score(line: str, lines: list[str]) -> int:
    """Headlines are the longer short lines, and pages often print them twice."""
    repeated = undouble(line) != line or lines.count(line) > 1
    return min(words(undouble(line)), TITLE_MAX_WORDS) + (10 if repeated else 0)


def _is_title_candidate(line: str) -> bool:
    return bool(
        line
        and not is_chrome(line)
        and words(undouble(line)) <= TITLE_MAX_WORDS
        and not is_paragraph(line)
        and not _BYLINE.match(line)
        and not _looks_like_date(line)
    )


def find_title(lines: list[str], first_body: int) -> str | None:
    """The headline among the lines just above the article."""
    window = [line for line in lines[:first_body] if line][-TITLE_WINDOW_LINES:]
    candidates = [line for line in window if _is_title_candidate(line)]
    if not candidates:
        return None
    # max() keeps the first of equals; reversed, so the one nearest the body wins ties.
    return undouble(max(reversed(candidates), key=lambda line: _title_score(line, lines)))


def _looks_like_date(line: str) -> bool:
    return bool(re.fullmatch(r"[\w ,.:/-]*\b(19|20)\d\d\b[\w ,.:/-]*", line)) and words(line) <= 8


def _byline_authors(lines: list[str], first_body: int) -> list[str]:
    window = [line for line in lines[:first_body] if line][-TITLE_WINDOW_LINES:]
    bylines = [line for line in window if _BYLINE.match(line) and words(line) <= 12]
    return byline_names(bylines[0]) if bylines else []


def _date_lines(lines: list[str], first_body: int, title: str | None) -> list[str]:
    above = [line for line in lines[:first_body] if line][-TITLE_WINDOW_LINES:]
    if title:
        at_title = [i for i, line in enumerate(above) if undouble(line) == title]
        above = above[at_title[-1] + 1 :] if at_title else above
    return above + [" ".join(lines[first_body].split()[:DATELINE_WORDS])]


def parse_textdump(text: str) -> TextDumpArticle:
    """Split a text dump into title, paragraphs, byline and source attribution."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    clusters = _body_clusters(lines)
    if not clusters:
        raise ExtractionError("no article text found (no sentence-like paragraphs)")
    body = max(clusters, key=lambda c: sum(words(lines[i]) for i in c))
    attribution = next((i for i in body if attribution_source(lines[i])), None)
    if attribution is None:
        # The attribution line usually follows the last paragraph, after the gap.
        after = [i for i in range(body[-1] + 1, min(body[-1] + 6, len(lines))) if lines[i]]
        attribution = next((i for i in after if attribution_source(lines[i])), None)
    content = [i for i in body if attribution is None or i < attribution]
    if not content:
        raise ExtractionError("no article text found (only an attribution line)")
    first, last = content[0], content[-1]
    paragraphs = [line for line in lines[first : last + 1] if line and not is_chrome(line)]
    if sum(map(words, paragraphs)) < MIN_BODY_WORDS:
        raise ExtractionError(
            f"no article text found (fewer than {MIN_BODY_WORDS} words of paragraphs)"
        )
    title = find_title(lines, first)
    result = TextDumpArticle(
        title=title or "",
        paragraphs=paragraphs,
        authors=_byline_authors(lines, first),
        date_lines=_date_lines(lines, first, title),
        warnings=[] if title else ["no headline line found above the article"],
    )
    if attribution is not None:
        result.source_note = lines[attribution]
        result.source = attribution_source(lines[attribution])
    return result
