"""Site boilerplate learned from a site's own text dumps.

Dumps of one site share its template: the menu, the cookie notice, the newsletter pitch, the
footer. A line that recurs across many dumps of the same site is template, whatever it says,
even a long sentence-like one that the line rules alone would take for article text. The
importer treats the text dumps in one folder as one site (scrapers save a site per folder).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

#: A site's template is learned only from at least this many of its dumps.
TEMPLATE_MIN_DUMPS = 5
#: A line is template when it is in at least this share of the site's dumps.
TEMPLATE_MIN_SHARE = 0.5


def normalise(line: str) -> str:
    return " ".join(line.split())


def learn_template(dumps: Iterable[str]) -> frozenset[str]:
    """The lines that recur in TEMPLATE_MIN_SHARE of the dumps (none from too few dumps)."""
    seen: Counter[str] = Counter()
    count = 0
    for text in dumps:
        count += 1
        seen.update({normalise(line) for line in text.splitlines()} - {""})
    if count < TEMPLATE_MIN_DUMPS:
        return frozenset()
    needed = max(TEMPLATE_MIN_DUMPS, TEMPLATE_MIN_SHARE * count)
    return frozenset(line for line, n in seen.items() if n >= needed)
