"""Publication dates, from the most to the least explicit evidence, never guessed.

Order: the user's `--date` or sidecar, the page's structured data (JSON-LD `datePublished`),
its publication meta tags, a date written in the URL, then htmldate's reading of the markup.
Text dumps only take a full date written in the header or dateline. Whatever wins is recorded
as `date_source`; if nothing is found the date is unknown, and the article says so.
"""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as dateparser
from htmldate import find_date

_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: A date in an address: /2019/11/18/, /2019-11-18-, a slug ending -2019-11-19/, /2019/nov/18/.
_URL_DATE = re.compile(
    rf"[/_-]((?:19|20)\d\d)[/-](0?[1-9]|1[0-2]|{_MONTHS})[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)",
    re.I,
)


def _greek_unaccented(word: str) -> str:
    """A Greek word without its accents (a Latin one as it is: "março" is no "marco")."""
    if not any("\u0370" <= c <= "\u03ff" for c in word):
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _greek_in_capitals(word: str) -> str:
    """A Greek word as capitals write it, lower-cased: its stress accent dropped, its
    diaeresis kept ("Μαΐου" in capitals is "ΜΑΪΟΥ", read "μαϊου", not "μαιου"). A Latin one
    as it is ("září" is no "zaři")."""
    if not any("\u0370" <= c <= "\u03ff" for c in word):
        return word
    kept = "".join(c for c in unicodedata.normalize("NFD", word) if c != "\u0301")
    return unicodedata.normalize("NFC", kept)


_MONTH_NUMBERS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}  # fmt: skip
#: The months of the other languages of European news (German, French, Spanish, Portuguese,
#: Italian, Dutch; and the genitives a day takes in Russian, Ukrainian, Polish, Czech and
#: Greek), each spelling by its number: a date written "22 de janeiro de 2018",
#: "25. September 2018", "15 января 2021" or "7 Απριλίου 2022" names its day as an English
#: one does.
_FOREIGN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januar janvier enero janeiro gennaio januari jänner"
            " января січня stycznia ledna ιανουαρίου",
            "februar février fevrier febrero fevereiro febbraio februari"
            " февраля лютого lutego února φεβρουαρίου",
            "märz maerz mars marzo março maart марта березня marca března μαρτίου",
            "avril abril aprile апреля квітня kwietnia dubna απριλίου",
            "mai mayo maio maggio mei мая травня maja května μαΐου μαίου",
            "juni juin junio junho giugno июня червня czerwca června ιουνίου",
            "juli juillet julio julho luglio июля липня lipca července ιουλίου",
            "august août aout agosto augustus августа серпня sierpnia srpna αυγούστου",
            "septembre septiembre setiembre setembro settembre"
            " сентября вересня września září σεπτεμβρίου",
            "oktober octobre octubre outubro ottobre октября жовтня października října οκτωβρίου",
            "novembre noviembre novembro ноября листопада listopada listopadu νοεμβρίου",
            "dezember décembre decembre diciembre dezembro dicembre"
            " декабря грудня grudnia prosince δεκεμβρίου",
        ),
        1,
    )
    for spelling in names.split()
    # (Greek in capitals drops its stress accents, "7 ΑΠΡΙΛΙΟΥ 2022", and keeps a diaeresis,
    # "7 ΜΑΪΟΥ 2022", which a hand may drop too)
    for name in {spelling, _greek_unaccented(spelling), _greek_in_capitals(spelling)}
}
#: The short forms those languages' date lines write where English's three letters are not
#: theirs ("14 déc. 2019", "5 févr. 2020", "3 dic. 2018", "14 дек. 2019 г.", "2 ott 2021"):
#: left unread, they left a French, Spanish or Russian page undated.
_FOREIGN_MONTHS |= {
    name: number
    for number, names in enumerate(
        (
            "janv ene gen янв",
            "févr fevr fév fev февр фев",
            "mär mrz mrt мар",
            "avr abr апр",
            "mag",
            "giu июн",
            "juil lug июл",
            "ago авг",
            "set сент сен",
            "okt ott out окт",
            "нояб ноя",
            "déc dez dic дек",
        ),
        1,
    )
    for name in names.split()
}
#: Arabic's months, as its news writes them: the names of the Latin months (Egypt and the
#: Gulf: "14 ديسمبر 2019"), the Levant and Iraq's own ("14 كانون الأول 2019"), the Maghreb's
#: ("جانفي", "غشت"), each with and without its hamza.
_FOREIGN_MONTHS |= {
    name: number
    for number, names in enumerate(
        (
            "يناير;كانون الثاني;كانون الثانى;جانفي",
            "فبراير;شباط;فيفري",
            "مارس;آذار;اذار",
            "أبريل;إبريل;ابريل;نيسان;أفريل;افريل",
            "مايو;أيار;ايار;ماي",
            "يونيو;يونيه;حزيران;جوان",
            "يوليو;يوليه;تموز;جويلية;يوليوز",
            "أغسطس;اغسطس;آب;أوت;اوت;غشت",
            "سبتمبر;أيلول;ايلول;شتنبر",
            "أكتوبر;اكتوبر;تشرين الأول;تشرين الاول",
            "نوفمبر;تشرين الثاني;تشرين الثانى;نونبر",
            "ديسمبر;كانون الأول;كانون الاول;دجنبر",
        ),
        1,
    )
    for name in names.split(";")
}
#: Eastern Arabic and Persian digits, as Arabic pages write a date's numbers ("١٤ ديسمبر ٢٠١٩").
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
#: Each spelling, a space within it any space ("كانون  الأول" across a line's break).
_FOREIGN_MONTH_NAMES = "|".join(name.replace(" ", r"\s+") for name in _FOREIGN_MONTHS)
_TEXT_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<d3>\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?(?P<m3>{_FOREIGN_MONTH_NAMES}|{_MONTHS})\.?[,،]?\s+"
    # (Arabic may end a year with "م", of the Common Era: "14 ديسمبر 2019م")
    rf"(?:de\s+|del\s+)?(?P<y3>(?:19|20)\d\d)م?"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    # day first between full stops, as Europe writes it ("15.01.2021"; a slash's order varies)
    rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:19|20)\d\d))\b",
    re.I,
)
#: The meta tags that say when a page was last modified (a correction's time).
_MODIFIED_NAMES = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
EARLIEST = date(1990, 1, 1)


def parse_date(value: object) -> datetime | None:
    """A datetime from a metadata value; None for anything unparseable or implausible."""
    parsed = _parsed(value)
    return parsed if parsed is not None and _plausible(parsed) else None


def _plausible(parsed: datetime) -> bool:
    """Not before 1990 nor more than two days ahead (a time zone's worth, and some)."""
    return parsed.date() >= EARLIEST and parsed <= datetime.now() + timedelta(days=2)


def _parsed(value: object) -> datetime | None:
    """parse_date's reading of a value, plausible or not."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        text = str(value or "").strip()
        if not re.search(r"\d{4}", text):
            return None
        try:
            with warnings.catch_warnings():  # "tzname EST identified but not understood": the
                warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)  # offset goes
                parsed = dateparser.parse(text, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            return None
    # The publication's own local time is the date its readers saw: keep it, drop the offset.
    return parsed.replace(tzinfo=None)


def stated_offset(value: object) -> str | None:
    """The offset from UTC a date is written with ("+01:00" of "2021-11-30T16:45:00+01:00",
    "+00:00" of a "Z"), or None where it gives none. parse_date keeps the local time the
    page gives; with its offset, a feed can say which moment that was."""
    if isinstance(value, datetime):
        found = value
    else:
        text = str(value or "").strip()
        if not re.search(r"\d{4}", text):
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
                found = dateparser.parse(text, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            return None
    offset = found.utcoffset()
    if offset is None:
        return None
    minutes = round(offset.total_seconds() / 60)
    sign, minutes = "+-"[minutes < 0], abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def epoch_date(value: object) -> datetime | None:
    """A Unix time in seconds or milliseconds ("1523289745"), as scrapers store dates, in UTC."""
    text = str(value).strip()
    if not (text.isdigit() and len(text) in (10, 13)):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    return parse_date(datetime.fromtimestamp(seconds, tz=UTC))


def _json_ld_dates(tree, key: str = "datePublished") -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if key in node:
                found.append(str(node[key]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            walk(json.loads(script))
        except ValueError:
            continue
    return found


def _meta_dates(tree, names: tuple[str, ...] = _META_NAMES) -> list[str]:
    values = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in names and meta.get("content"):
            values.append(meta.get("content"))
    return values


def url_date(url: str | None) -> datetime | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not month.isdigit():
        month = _MONTH_NUMBERS[month[:3].lower()]
    try:
        return datetime(int(year), int(month), int(day))
    except ValueError:
        return None


def implausible_stated_date(tree) -> str | None:
    """The first date the page's structured data or metadata states that parse_date turns
    down as implausible (in the future, or before 1990): a page dated 2031 is not a page
    that gives no date, and the user is told which date was ignored."""
    for value in [*_json_ld_dates(tree), *_meta_dates(tree)]:
        parsed = _parsed(value)
        if parsed is not None and not _plausible(parsed):
            return value
    return None


def html_date(tree, url: str | None) -> tuple[datetime | None, str | None, str | None]:
    """The publication date of an HTML page, where it came from, and the offset from UTC its
    time is given with (stated_offset), where the page gives one."""
    from_url = url_date(url)
    for source, values in (("json-ld", _json_ld_dates(tree)), ("meta", _meta_dates(tree))):
        for value in values:
            parsed = parse_date(value)
            if parsed and from_url and abs(parsed - from_url) <= timedelta(days=1, hours=12):
                # A UTC timestamp can fall on the next calendar day; the URL has the
                # publisher's own day. Keep that day, and the time only if it agrees.
                if parsed.date() != from_url.date():
                    return from_url, source, None
                return parsed, source, stated_offset(value)
            if parsed:
                return parsed, source, stated_offset(value)
    if from_url:
        return from_url, "url", None
    found = find_date(tree, url=url, original_date=True, extensive_search=False)
    parsed = parse_date(found) if found else None
    if parsed:
        return parsed, "htmldate", None
    written = header_date(tree)
    return (written, "text", None) if written else (None, None, None)


def modified_date(tree) -> tuple[datetime | None, str | None]:
    """When the page says it was last modified (JSON-LD's dateModified, or its meta tags),
    and the offset from UTC it says it in (stated_offset): a corrected page's correction."""
    for value in (*_json_ld_dates(tree, "dateModified"), *_meta_dates(tree, _MODIFIED_NAMES)):
        if parsed := parse_date(value):
            return parsed, stated_offset(value)
    return None, None


#: A date in figures with slashes ("03/04/2020"): 3 April to most of the world, March 4 in
#: the United States.
_SLASHED_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
#: The regions whose English writes a date's month first ("en-US", "en_PH").
MONTH_FIRST_REGIONS = {"us", "ph"}


def declared_locale(tree) -> str:
    """The language and region the page declares, lower case with a hyphen ("en-us"), or ""."""
    value = tree.get("lang") or next(iter(tree.xpath('//meta[@property="og:locale"]/@content')), "")
    return value.strip().lower().replace("_", "-")


def _slashed_day_first(tree, found: datetime) -> tuple[str, datetime] | None:
    """Where htmldate's date is read from figures with slashes, day first, that read month
    first are another day ("03/04/2020" and 2020-04-03): the figures and that other day. None
    where a <time datetime> states the day, or the page writes it no such way."""
    stated = {parse_date(value) for value in tree.xpath("//time/@datetime")}
    if found.date() in {day.date() for day in stated if day}:
        return None
    for match in _SLASHED_DATE.finditer(tree.text_content()):
        first, second, year = (int(group) for group in match.groups())
        if (
            (year, second, first) == (found.year, found.month, found.day)
            and first != second
            and first <= 12
        ):
            return match.group(), found.replace(month=first, day=second)
    return None


def in_day_order(tree, found: datetime, language: Callable[[], str | None]) -> tuple[datetime, str | None]:  # fmt: skip
    """htmldate's date, and a warning where its order is in doubt. htmldate reads "03/04/2020"
    day first, as most of the world writes it: a page in United States English means March 4,
    and is read so; an English page that names no region keeps the day-first reading, with a
    warning naming the other (`language()`, the article's, is asked only then)."""
    doubt = _slashed_day_first(tree, found)
    if doubt is None:
        return found, None
    written, month_first = doubt
    locale = declared_locale(tree)
    if locale.startswith("en-") and locale[3:] in MONTH_FIRST_REGIONS:
        return month_first, None
    if "-" in locale or language() != "en":
        return found, None
    return found, (
        f"date {written!r} read day first, {found.day} {found:%B %Y} (a page from the United "
        f"States would mean {month_first.day} {month_first:%B %Y}: give that with --date or a sidecar)"
    )


#: The most words beside its date in a date line under the headline ("Publicado el", "- 10:21
#: CET"): a sentence that names a day has more.
HEADER_DATE_WORDS = 6
#: Paragraphs of this many words in all are the article's text (a standfirst is fewer): the
#: header, and its date, are above them.
TEXT_WORDS = 60
#: The elements after the headline looked at for its date line: a header's handful, with
#: room for a share bar's links, not a page of 200,000 elements with no paragraph.
HEADER_ELEMENTS = 80


def _headline(tree):
    """The page's headline: its <h1> of the most words (the first of ties). A site that sets
    its name in an <h1> of its own heads the page with it, and the day under that is the one
    the page was saved on."""
    return max(tree.iter("h1"), key=lambda h1: len(h1.text_content().split()), default=None)


def header_date(tree) -> datetime | None:
    """The date of the line under the page's headline ("15 января 2021, 11:40",
    "Δημοσιεύθηκε: 7 Απριλίου 2022"), which htmldate reads in a few languages only: the first
    short element after the <h1> that is a date line, before the article's text. A list of
    other stories further down dates nothing, nor a page without a headline (a site's top bar
    shows the day it was saved)."""
    headline = _headline(tree)
    if headline is None:
        return None
    read = 0
    for element in headline.xpath(f"following::*[position() <= {HEADER_ELEMENTS}]"):
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        words = element.text_content().split()
        if element.tag == "p":
            read += len(words)
            if read >= TEXT_WORDS:
                return None
        line = " ".join(words) if len(words) <= HEADER_DATE_WORDS + 4 else ""
        if line and is_date_line(line, HEADER_DATE_WORDS):
            return text_date(line)
    return None


def is_date_line(text: str, most_words: int) -> bool:
    """A line that is a date with at most `most_words` words beside it (a weekday, a time,
    "às", "publiziert am"): "sexta-feira, 22 de outubro de 2010 às 20:13", not a sentence that
    names a day."""
    found = _date_match(text)
    if found is None or _matched_date(found) is None:
        return False
    return len((text[: found.start()] + " " + text[found.end() :]).split()) <= most_words


def text_date(text: str) -> datetime | None:
    """A full date (day, month, year) written in a line of text, if there is exactly that."""
    match = _date_match(text)
    return _matched_date(match) if match else None


def _date_match(text: str) -> re.Match | None:
    """_TEXT_DATE's first match in the text, read with ASCII digits (each digit one
    character still: the match's offsets are the text's)."""
    return _TEXT_DATE.search(text.translate(_ASCII_DIGITS))


def _matched_date(match: re.Match) -> datetime | None:
    """The date a match of _TEXT_DATE writes (None where it is no day: "31 February")."""
    if match.group("iso"):
        return parse_date(match.group("iso"))
    if match.group("d4"):
        day, month, year = (int(match.group(g)) for g in ("d4", "m4", "y4"))
        return parse_date(f"{year}-{month:02d}-{day:02d}") if 1 <= month <= 12 else None
    if match.group("m3"):
        name = " ".join(match.group("m3").lower().split())
        number = (
            _FOREIGN_MONTHS.get(name)
            or _FOREIGN_MONTHS.get(_greek_unaccented(name))
            or _MONTH_NUMBERS[name[:3]]
        )
        return parse_date(f"{match.group('y3')}-{number:02d}-{int(match.group('d3')):02d}")
    month = match.group("m1") or match.group("m2")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    return parse_date(f"{day} {month} {year}")
