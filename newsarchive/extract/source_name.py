"""The publication's name (the article's Source) from the names a page gives itself.

A page may name its outlet in several places: og:site_name, the JSON-LD publisher, the name
trafilatura reads (often from a Twitter handle), the " | Site" end of its <title>, its host.
The first one given is usually right, but not always, and every archive's source pages are
keyed by it, so a poor one splits an outlet in two or files articles under a section:

- a handle or CMS key ("detroitnews", "@politifact", "Wday_") where another place spells
  the same name out ("The Detroit News"): the spelt-out one;
- a section or desk ("U.S." on reuters.com) where another place names the host ("Reuters"):
  the host's name;
- a name with its tagline ("LinkNaija | Nigeria's popular news platform"): the name;
- a footer's "Copyright 2014": no name at all, so the next place is used, the host name
  ("vortexcannon.org") last.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

#: What separates a name from its tagline, and a title from its site's name ("Site | tagline",
#: "Headline - Site").
TAGLINE_SEPARATORS = re.compile(r"\s+[|–—·•»-]\s+")
#: A footer line read as a name.
NOT_A_NAME = re.compile(r"^(?:copyright\b|©|\(c\)|all rights reserved)", re.IGNORECASE)
#: Marks of a handle around a name: "@politifact", "Wday_".
HANDLE_MARKS = "@_"
#: The fewest letters of a site's name that a longer name may begin with ("Vortex Cannon
#: Entertainment" on vortexcannon.org); shorter ones begin too many words ("rt", "ap").
SITE_NAME_MIN_LETTERS = 4


def host_label(url: str | None) -> str | None:
    """'www.example.com' -> 'example', which sites often use as their name in titles."""
    label = (urlparse(url or "").hostname or "").removeprefix("www.").split(".")[0]
    return label or None


def host_name(url: str | None) -> str | None:
    """'https://www.example.org/a' -> 'example.org': a name of last resort."""
    host = (urlparse(url or "").hostname or "").removeprefix("www.")
    return host if "." in host else None


def squeezed(name: str) -> str:
    """A name for comparison: "The Cleveland.com" -> "cleveland", "Wday_" -> "wday"."""
    return re.sub(r"[\W_]+", "", name.lower()).removeprefix("the").removesuffix("com")


def cleaned(name: str | None) -> str | None:
    """The name without handle marks and spare spaces, or None for a footer's line."""
    name = " ".join((name or "").split()).strip(HANDLE_MARKS).strip()
    if not name or NOT_A_NAME.match(name) or not squeezed(name):
        return None
    return name


def names_host(name: str, host: str) -> bool:
    """The name and the host label share a spelling ("Houston Chronicle", chron.com; "RT
    International", rt.com), more than by chance ("U.S." is not reuters.com's)."""
    own, label = squeezed(name), squeezed(host)
    if not own or not label:
        return False
    return (label in own if len(label) >= 3 else own.startswith(label)) or (
        len(own) >= 3 and own in label
    )


def without_tagline(name: str, host: str | None) -> str:
    """ "LinkNaija | Nigeria's popular news platform" -> "LinkNaija", when that end of it is
    the host's name; any other name is kept whole ("NBC 5 Dallas-Fort Worth")."""
    parts = TAGLINE_SEPARATORS.split(name)
    if host and len(parts) > 1:
        for part in (parts[0], parts[-1]):
            if squeezed(part) == squeezed(host):
                return part
    return name


def spelt_out(name: str) -> tuple[int, bool]:
    """How fully a name is written: its spaces and apostrophes, then whether it has a capital
    ("The Detroit News" over "detroitnews", "Barron's" over "Barrons", "Cleveland" over
    "cleveland")."""
    return sum(name.count(c) for c in " '’"), name != name.lower()


def source_name(candidates: list[str | None], url: str | None) -> str | None:
    """The outlet's name among the page's own names for itself, first given first; the host
    name when it gives none."""
    names = [name for name in map(cleaned, candidates) if name]
    host = host_label(url)
    names = [without_tagline(name, host) for name in names]
    if not names:
        return host_name(url)
    chosen = names[0]
    if host and not names_host(chosen, host):
        # a section or another brand of the page: a name that is the host's own wins
        chosen = next((n for n in names[1:] if squeezed(n) == squeezed(host)), chosen)
    same = [name for name in names if squeezed(name) == squeezed(chosen)]
    return max(same, key=spelt_out)  # (the first of the best, as max keeps the first)


#: The most words of a site's name in a <title> beside the headline ("The Space Review").
TITLE_NAME_MAX_WORDS = 5
_TITLE_SEPARATORS = "|–—·•»:-"


def title_site_name(page_title: str, headline: str) -> str | None:
    """The name a <title> gives beside the headline, set off by a separator ("The Space
    Review: Seeking a bigger role…" -> "The Space Review"): for a page that names itself
    nowhere else and has no address to name it by."""
    title, head = " ".join(page_title.split()), " ".join(headline.split())
    if not head or len(title) <= len(head):
        return None
    if title.lower().endswith(head.lower()):
        rest = title[: -len(head)].rstrip()
        name = rest[:-1] if rest.endswith(tuple(_TITLE_SEPARATORS)) else ""
    elif title.lower().startswith(head.lower()):
        rest = title[len(head) :].lstrip()
        name = rest[1:] if rest.startswith(tuple(_TITLE_SEPARATORS)) else ""
    else:
        return None
    name = cleaned(name)
    return name if name and len(name.split()) <= TITLE_NAME_MAX_WORDS else None
