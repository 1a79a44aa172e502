"""The words of an HTML text as Jinja's `striptags | wordcount` counts them, made cheaper.

The article page's reading time counted them so on every page: about a third of rendering an
article page (~100 µs of ~370 at 20,000 articles). `striptags` cuts the tags out in a Python
loop, collapses the whitespace and unescapes the entities, then `wordcount` makes a string
of each run of word characters (`\\w+`) to count them. The count needs less: the tags go in
one substitution (what striptags' loop cuts, where no comment starts), the whitespace stays
(it parts words either way: no character is both space and word), and an ASCII text's runs
are counted by splitting its bytes with every other character made a space (a few
characters outside ASCII, curly quotes or accented letters, are first made spaces or "a"s;
a text mostly outside ASCII takes `wordcount`'s expression). A text with an entity or a
comment takes striptags' own way (an entity may be a word's letter): the count is the same.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: A tag, as striptags' loop cuts one: from "<" to the first ">" after it (none: it stops).
_TAG = re.compile(r"<[^>]*>")
#: wordcount's expression (for a text mostly outside ASCII).
_WORD = re.compile(r"\w+")
#: Each ASCII byte as itself if it is a word character (what wordcount's `\w` matches), else a
#: space.
_WORD_BYTES = bytes(b if chr(b).isalnum() or chr(b) == "_" else 0x20 for b in range(128))
_WORD_BYTES += b" " * 128  # (a translation table has 256 entries; no other byte is read)


#: A character outside ASCII: a word's letter ("é") or not (the curly quotes and dashes of
#: nearly every real article).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _as_ascii(found: re.Match) -> str:
    """A letter as "a", anything else as a space: the same words, in ASCII."""
    return "a" if found[0].isalnum() else " "


def count_words(text: str) -> int:
    """len(re.findall(r"\\w+", text)), without a string per word: a text with a few characters
    outside ASCII (curly quotes, accents) is made ASCII first, those characters replaced one
    by one (\\w is str.isalnum() or "_"); a text mostly in another script (Cyrillic, Japanese),
    where a call per character costs ten times the expression, is counted by the expression."""
    if not text.isascii():
        outside = len(text) - len(text.encode("ascii", "ignore"))
        if outside * 20 > len(text):  # (at 1 in 20 the two ways cost about the same)
            return len(_WORD.findall(text))
        text = _NON_ASCII.sub(_as_ascii, text)
    return len(text.encode("ascii").translate(_WORD_BYTES).split())


def text_words(html: str) -> int:
    """The words `html | striptags | wordcount` counts (a Jinja filter: plugins/lean_pelican)."""
    html = str(html.__html__() if hasattr(html, "__html__") else html)  # (as striptags)
    text = _TAG.sub("", html)
    if "&" in text or "<!--" in html:
        text = Markup(html).striptags()
    return count_words(text)
