"""The times of a live blog's entries, kept in their text.

A live blog is a list of entries, each its own element with a `<time>` ("10:42 GMT") and its
paragraphs. trafilatura deletes `<time>` elements with their text (its MANUALLY_CLEANED), so
every entry's time was lost and the Markdown read as one undated story. Found by structure
alone: two or more sibling elements, each holding one `<time>` and a paragraph of words of
its own after it. A byline's lone `<time>` is no entry; nor is a list of other stories (its
items' headings link away, or their words are links).
"""

from __future__ import annotations

import copy
from collections import Counter

from lxml import html as lxml_html

#: The fewest entries that make a live blog (one `<time>` beside a text is a byline's).
MIN_ENTRIES = 2
#: The fewest words of an entry's first paragraph after its time (a teaser's date line has fewer).
ENTRY_MIN_WORDS = 8
#: Where a `<time>` is the page's furniture, never an entry's (an entry may have a <header>).
_FURNITURE = {"nav", "footer", "aside"}
_LINKED_HEADING = ".//h2//a[@href] | .//h3//a[@href] | .//h4//a[@href] | .//a[@href]//h2 | .//a[@href]//h3 | .//a[@href]//h4"  # fmt: skip


def _entry_of(time, times_in: Counter):
    """The largest element around `time` holding no other `<time>` (`times_in`: how many
    each element holds); None in the page's furniture, or where none other is on the page."""
    entry = time
    for parent in time.iterancestors():
        if parent.tag in _FURNITURE or parent.tag == "body":
            return None
        if times_in[parent] > 1:
            return entry
        entry = parent
    return None


def _words(element) -> int:
    return len(element.text_content().split())


def _link_words(element) -> int:
    return sum(_words(link) for link in element.iter("a"))


def _first_paragraph(entry, time):
    """The entry's first paragraph of words of its own (not links) after its time, or
    around it."""
    order = {element: n for n, element in enumerate(entry.iter())}
    for paragraph in entry.iter("p"):
        holds_time = time in paragraph.iter("time")
        words = _words(paragraph) - (_words(time) if holds_time else 0)
        after = holds_time or order[paragraph] > order[time]
        if after and words >= ENTRY_MIN_WORDS and _link_words(paragraph) * 2 < words:
            return paragraph
    return None


def _time_text(time) -> str:
    return " ".join(time.text_content().split()) or (time.get("datetime") or "").strip()


def entry_times(tree) -> list[tuple[str, str]]:
    """(the path of each live-blog entry's `<time>`, that of the paragraph its text goes
    in), in the page's order; [] for a page that is no live blog."""
    times = list(tree.iter("time"))
    times_in = Counter(parent for time in times for parent in time.iterancestors())
    groups: dict = {}
    for time in times:
        entry = _entry_of(time, times_in)
        paragraph = _first_paragraph(entry, time) if entry is not None else None
        if paragraph is None or not _time_text(time) or entry.xpath(_LINKED_HEADING):
            continue
        groups.setdefault(entry.getparent(), []).append((time, paragraph))
    path = tree.getroottree().getpath
    return [
        (path(time), path(paragraph))
        for found in groups.values()
        if len(found) >= MIN_ENTRIES
        for time, paragraph in found
    ]


def with_entry_times(html: str, tree) -> tuple[str, object]:
    """The page (its text and its tree) with each live-blog entry's time set in bold at its
    first paragraph's start, where trafilatura keeps it; the page as given when it has no
    such entries (`tree` itself is never changed: the page's dates are read from it)."""
    found = entry_times(tree)
    if not found:
        return html, tree
    page = copy.deepcopy(tree.getroottree().getroot())
    for time_path, paragraph_path in found:
        [time], [paragraph] = page.xpath(time_path), page.xpath(paragraph_path)
        mark = lxml_html.Element("strong")
        mark.text, mark.tail = _time_text(time), " "
        if time in paragraph.iter("time"):  # (its paragraph's own words follow it)
            mark.tail += (time.tail or "").lstrip()
            time.addprevious(mark)
            time.getparent().remove(time)
            continue
        time.drop_tree()
        mark.tail += (paragraph.text or "").lstrip()
        paragraph.text = None
        paragraph.insert(0, mark)
    return lxml_html.tostring(page, encoding="unicode"), page
