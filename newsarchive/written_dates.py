"""Dates a person writes (an article's `Date:` line, `--date`, a sidecar), read as written:
a day is never made up (dateutil would take it from a default: today's, in Pelican).

Light on purpose: the site build reads every article's date through it.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from datetime import date, datetime

from dateutil import parser as dateparser

#: How the importer writes a date ("2019-03-11", "2019-03-11 14:20", "2019-03-11 14:20+01:00"):
#: read without dateutil.
_WHOLE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T][\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?")


def without_day(value: object) -> bool:
    """A written date that names no day ("2016-05", "May 2016", "2016")."""
    if isinstance(value, date):
        return False
    text = str(value or "").strip()
    if text.isdigit() and len(text) in (10, 13):
        return False  # a Unix time
    return _read(text) == "has no day"


def date_problem(text: str) -> str | None:
    """What keeps `text` from being a whole date ("is not a date", "has no day"), or None."""
    if _WHOLE_ISO.fullmatch(text):
        try:
            datetime.fromisoformat(text)
            return None
        except ValueError:
            pass
    return _read(text)


def written_day(text: str) -> date | None:
    """The day a written date names, as the site reads it; None when it is blank or names no
    whole day (the build fails such an article rather than guess)."""
    text = text.strip()
    if not text or date_problem(text) is not None:
        return None
    if _WHOLE_ISO.fullmatch(text):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(text).date()
    return _parsed(text, date(2000, 1, 1))


def written_date_error(key: str, text: str) -> str | None:
    """The one line that says what keeps a `Date:` (or `Modified:`) line from being read, and
    what to write instead; None for a whole date."""
    reason = date_problem(text)
    if reason is None:
        return None
    return f"{key.title()}: {text!r} {reason} (write YYYY-MM-DD, or remove the line for an undated article)"  # fmt: skip


def _read(text: str) -> str | None:
    """Read with two defaults: a date whose year, or day (or month), follows the default names
    none ("June 3" was filed in 2000 by retag and shown in this year by the site)."""
    first = _parsed(text, date(2000, 1, 1))
    if first is None:
        return "is not a date"
    second = _parsed(text, date(2004, 2, 2))  # (both leap years: "February 29" has one)
    if second is None or second.year != first.year:
        return "has no year"
    return "has no day" if second != first else _other_order(text, first)


def ambiguous(value: object) -> str | None:
    """Why a written date of numbers alone is not one day ("could be 3 December 2019 or 12
    March 2019"), or None: `--date` and sidecars refuse it, as the build does."""
    if not isinstance(value, str) or (month_first := _parsed(value, date(2000, 1, 1))) is None:
        return None
    return _other_order(value, month_first)


#: A date that opens with its year ("2019-03-12", "2019/03/12") is read year, month, day.
_YEAR_FIRST = re.compile(r"\s*\d{4}")


def _other_order(text: str, month_first: date) -> str | None:
    """12/03/2019 is 12 March to most of the world and 3 December to the US: dateutil reads
    the month first, so a European editor's date was filed nine months off. Where the day
    and month could each be the other, which the writer meant is not written."""
    if _YEAR_FIRST.match(text):
        return None
    day_first = _parsed(text, date(2000, 1, 1), day_first=True)
    if day_first is None or day_first == month_first:
        return None
    return f"could be {_spelt(month_first)} or {_spelt(day_first)}"


def _spelt(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _parsed(text: str, default: date, day_first: bool = False) -> date | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            found = dateparser.parse(
                text,
                default=datetime(default.year, default.month, default.day),
                dayfirst=day_first,
            )
    except (ValueError, OverflowError):
        return None
    return found.date()
