"""The article body of an HTML page: trafilatura finds it, nh3 sanitises it."""

from __future__ import annotations

import itertools
import re

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import CUT_EMPTY_ELEMS

from newsarchive.article import ExtractionError, NotAnArticle
from newsarchive.extract.dates import is_date_line, text_date
from newsarchive.extract.entry_times import with_entry_times
from newsarchive.sanitise import clean_html
from newsarchive.settings import (
    MAX_ELEMENTS,
    MAX_LINK_WORD_SHARE,
    MAX_NESTING_DEPTH,
    MIN_BODY_CHARS,
    MIN_BODY_WORDS,
    RECALL_RETRY_RATIO,
    RECALL_RETRY_WORDS,
    WALL_MAX_WORDS,
)

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
#: Elements that never nest (void) or whose end tag may be left out (browsers close them).
_NOT_NESTING = set(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "thead tbody tfoot option optgroup rt rp colgroup".split()
)


def check_structure(html: str) -> None:
    """Refuse HTML nested deeper than MAX_NESTING_DEPTH or with more than MAX_ELEMENTS
    elements, with a reason, before any parser or recursive code sees it."""
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    elements = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if not closing:
            elements += 1
            if elements > MAX_ELEMENTS:
                raise ExtractionError(f"too many HTML elements (over {MAX_ELEMENTS:,})")
        if name in _NOT_NESTING or self_closing:
            continue
        if not closing:
            stack.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest > MAX_NESTING_DEPTH:
                    raise ExtractionError(
                        f"HTML nested too deeply (over {MAX_NESTING_DEPTH:,} levels)"
                    )
        elif open_counts.get(name):
            while stack:  # an end tag closes everything opened since its start tag
                top = stack.pop()
                open_counts[top] -= 1
                if top == name:
                    break


def _trafilatura_html(html: str, url: str | None, precise: bool) -> str | None:
    return trafilatura.extract(
        html,
        url=url,
        output_format="html",
        include_links=True,
        include_formatting=True,
        include_tables=True,
        include_comments=False,
        favor_precision=precise,
        with_metadata=False,
    )


#: An element with nothing in it, of the kinds trafilatura's precision mode deletes.
_EMPTY_KINDS = "|".join(sorted(CUT_EMPTY_ELEMS))
_EMPTY = re.compile(rf"<({_EMPTY_KINDS})(?:\s[^<>]*)?></\1\s*>", re.IGNORECASE)
_INLINE_EMPTY = {"b", "em", "i", "q", "span", "strong"}


def without_empty_elements(html: str) -> str:
    """The page without its empty elements, the words after them kept. trafilatura's
    precision mode deletes an empty element with the words that follow it: a spacer
    `<div></div>` at a heading's start took the heading ("5 Tips to Enjoy Game Day Parties")."""

    def gone(match: re.Match) -> str:
        return "" if match.group(1).lower() in _INLINE_EMPTY else " "

    return _EMPTY.sub(gone, html)


def extract_body_html(html: str, url: str | None) -> str | None:
    """The article's HTML as trafilatura finds it, with links and formatting kept.

    Precision mode first: it leaves out more boilerplate. On short results it sometimes cut
    the article itself, so then the default mode is tried too and kept if it found at least
    a good deal more text (RECALL_RETRY_RATIO; on the extraction benchmark F1 .963 -> .975).
    """
    html = without_empty_elements(html)
    precise = _trafilatura_html(html, url, precise=True)
    precise_text = html_text(precise) if precise else ""
    if len(precise_text.split()) >= RECALL_RETRY_WORDS:
        return precise
    default = _trafilatura_html(html, url, precise=False)
    if default and len(precise_text) < RECALL_RETRY_RATIO * len(html_text(default)):
        return default
    return precise


_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
           "table", "ul", "ol", "figure", "figcaption", "caption", "hr", "br")  # fmt: skip


def html_text(html: str) -> str:
    """Plain text of body HTML, one block per paragraph, no text left out."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for cell in tree.iter("td", "th"):
        cell.tail = " " + (cell.tail or "")
    blocks = (" ".join(block.split()) for block in tree.text_content().split("\n\n"))
    return "\n\n".join(block for block in blocks if block)


_WALL = re.compile(
    r"\b(sign in|log in|subscribe|subscribers? only|already a subscriber|create an account"
    r"|register to|to keep reading|to continue reading|paywall)\b",
    re.I,
)


#: What a cookie consent page says; two of them, on a page of few words, make one.
_CONSENT = re.compile(
    r"\b(?:we(?: and our partners)? use cookies|(?:this|our) (?:site|website) uses cookies"
    r"|use of cookies|cookie (?:policy|settings|preferences)|accept all|reject all|agree to all"
    r"|manage (?:your )?(?:cookies|privacy|consent|preferences)|privacy (?:settings|choices)"
    r"|before you continue)\b",
    re.I,
)


def _consent_page(text: str) -> bool:
    """Whether a short text is a cookie consent wall's: where a crawl followed a news site's
    redirect to one, it was imported as an article ("Before you continue")."""
    return len({" ".join(m.lower().split()) for m in _CONSENT.findall(text)}) >= 2


def check_is_article(html: str, text: str) -> None:
    """Refuse bodies that are too short or paywalled (login walls, consent walls) or mostly
    links (indexes)."""
    count = len(text.split())
    if count < WALL_MAX_WORDS and _WALL.search(text):
        raise ExtractionError(f"no article text found ({count} words behind a login wall)")
    if count < WALL_MAX_WORDS and _consent_page(text):
        raise ExtractionError(f"no article text found ({count} words: a cookie consent page)")
    # Words are counted by spaces, which Chinese and Japanese text doesn't use: count letters too.
    if count < MIN_BODY_WORDS and len("".join(text.split())) < MIN_BODY_CHARS:
        raise ExtractionError(f"no article text found ({count} words; login wall or stub page?)")
    tree = lxml_html.fromstring(f"<div>{html}</div>")
    link_words = sum(len(a.text_content().split()) for a in tree.iter("a"))
    if link_words > MAX_LINK_WORD_SHARE * count:
        raise NotAnArticle(
            f"no article text found ({link_words} of {count} words are links: an index page?)"
        )


#: Link texts this long or longer are counted where the extractor dropped their links: a
#: shorter one ("News", "Home") is also a word of an article's sentences.
LINK_TEXT_MIN_WORDS = 2


def check_not_dropped_links(tree, text: str) -> None:
    """Refuse a list of links whose links the extractor dropped (its fallback for a page it
    finds little in gives text without them, so check_is_article counted none): an author's
    or a tag's list of headlines was imported as an undated article. The page's own link
    texts are found in the body's words instead."""
    words = text.split()
    links = (" ".join(a.text_content().split()) for a in tree.iter("a"))
    linked = linked_words(words, {link for link in links if link})
    if words and linked > MAX_LINK_WORD_SHARE * len(words):
        raise NotAnArticle(
            f"no article text found ({linked} of {len(words)} words are links: an index page?)"
        )


def linked_words(words: list[str], links: set[str]) -> int:
    """How many of `words` are the words of one of the link texts (of LINK_TEXT_MIN_WORDS or
    more), matched from left to right, the longest first: one pass over the words."""
    by_first: dict[str, list[list[str]]] = {}
    for link in links:
        if len(parts := link.split()) >= LINK_TEXT_MIN_WORDS:
            by_first.setdefault(parts[0], []).append(parts)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    i = linked = 0
    while i < len(words):
        candidates = by_first.get(words[i], ())
        match = next((len(p) for p in candidates if words[i : i + len(p)] == p), 0)
        linked, i = linked + match, i + (match or 1)
    return linked


#: A page whose body is this share of teasers or more, and at least LISTING_MIN_TEASERS of
#: them, is a list of stories (a section front, a tag page), not an article.
LISTING_TEASER_SHARE = 0.6
LISTING_MIN_TEASERS = 3
_LINKED_HEADING = ".//h2//a[@href] | .//h3//a[@href] | .//h4//a[@href] | .//a[@href]//h2 | .//a[@href]//h3 | .//a[@href]//h4"  # fmt: skip


def teaser_texts(tree, title: str = "") -> set[str]:
    """The paragraphs of the page's teasers: a paragraph in a box (its nearest enclosing
    element, or the one above) holding a heading that links elsewhere and at most three
    paragraphs, as a list of stories lays each one out (its headline, its standfirst, a date
    line). Each box is judged once, and counted only to its fourth paragraph: an article's
    hundreds of paragraphs share one box. A heading that is the page's own `title` (a blog's
    headline linking to its own post) or a section's name ("Politics") heads no teaser."""
    judged: dict = {}
    own = _norm(title)

    def teaser_box(box) -> bool:
        if box not in judged:
            few = len(list(itertools.islice(box.iterfind(".//p"), 4))) <= 3
            judged[box] = few and any(_is_teaser_heading(h, own) for h in box.xpath(_LINKED_HEADING))  # fmt: skip
        return judged[box]

    found = set()
    for paragraph in tree.iter("p"):
        boxes = [paragraph.getparent()]
        boxes.append(boxes[0].getparent() if boxes[0] is not None else None)
        if any(box is not None and teaser_box(box) for box in boxes):
            found.add(" ".join(paragraph.text_content().split()))
    found.discard("")
    return found


def _is_teaser_heading(heading, own_title: str) -> bool:
    text = _norm(heading.text_content())
    return len(text.split()) > KICKER_MAX_WORDS and text != own_title


def check_not_a_listing(tree, html: str, title: str = "") -> None:
    """Refuse a list of stories with their standfirsts (a section front, a tag page): most of
    the body's paragraphs are teasers of the page (teaser_texts), or all of them are (the
    last page of a tag, a month's archive, search results: one or two stories). A list of
    bare links is refused already by check_is_article; this one is mostly text."""
    body = lxml_html.fromstring(f"<div>{html}</div>")
    paragraphs = [" ".join(p.text_content().split()) for p in body.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs or not tree.xpath(_LINKED_HEADING):
        return
    teasers = teaser_texts(tree, title)
    matched = sum(p in teasers for p in paragraphs)
    many = len(paragraphs) >= LISTING_MIN_TEASERS and len(tree.xpath(_LINKED_HEADING)) >= LISTING_MIN_TEASERS  # fmt: skip
    if matched == len(paragraphs) or (
        many
        and matched >= LISTING_MIN_TEASERS
        and matched >= LISTING_TEASER_SHARE * len(paragraphs)
    ):
        raise NotAnArticle(
            f"no article text found ({matched} of its {len(paragraphs)} paragraphs are other"
            " stories' standfirsts under their linked headlines: a list of stories?)"
        )


_PROMO = re.compile(
    r"^(read more|related|see also|also read|more on this|recommended)\b[^.!?]{0,20}:", re.I
)


def drop_promos(html: str) -> str:
    """Remove "Read more: <link>" paragraphs that sites put between article paragraphs."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    for p in list(tree.iter("p")):
        text = " ".join(p.text_content().split())
        link_words = sum(len(a.text_content().split()) for a in p.iter("a"))
        if _PROMO.match(text) and link_words * 2 >= len(text.split()) - 3:
            p.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")[len("<div>") : -len("</div>")]


#: A heading over links to other stories ("DON'T MISS", then three links).
_PROMO_HEADING = re.compile(
    r"^(?:don.?t miss|read more|related(?: articles| stories)?|more on this(?: story)?|see also"
    r"|recommended(?: stories)?|trending|most read|also(?: read)?|you (?:may|might) also like)"
    r"\W*$",
    re.I,
)
#: Page furniture that trafilatura keeps at a body's edges: reprint and print links, sharing
#: prompts, form messages, copyright lines, a lone "Comments"; and WordPress shortcodes.
_CHROME = re.compile(
    r"^(?:order reprints|print(?: article)?|share(?: this(?: article| story)?)?|e-?mail"
    r"|comments?|advertisement|loading\W*|https?://\S+)$"
    r"|this copy is for your personal,? non-commercial use|an error has occurred"
    r"|this article has been sent to|^copyright\b|^©|all rights reserved"
    r"|^like this (?:story|article)\?|share it with a friend"
    r"|^\[/?[a-z_]+(?:\s[^\]]*)?\]$"
    # invitations to comment, follow the site or subscribe, and a citation of the page
    r"|^(?:tell us what you think|leave a (?:comment|reply)|join the (?:discussion|conversation))"
    r"\W*$|^follow\b.{0,80}\bon (?:twitter|facebook|instagram|youtube|linkedin)\b"
    r"|^if you (?:enjoyed|liked) this (?:article|story|post)\b"
    r"|\bretrieved \d{1,2} \w+ \d{4} from https?://"
    # the writer's address, a rule, links to more of the site's coverage ("More AP NBA: https…")
    r"|^\S+@\S+\.[a-z]{2,}$|^(?:https?://)?(?:www\.)?twitter\.com/\w+/?$|^@\w+$"
    r"|^write to\b.{0,60}@|^[\W_]{3,}$|^follow\b.{0,80}\bat https?://|^more\b(?! info).{0,30}:\s*https?://",
    re.I,
)
#: Furniture at a body's start only: the time it takes to read.
_READING_TIME = re.compile(
    r"^(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit)"
    r"\W*\d+\s*min\w*\W*$|^\d+\s*min(?:ute)?s?\s+read$",
    re.I,
)
#: Furniture wherever it is: a sharing prompt, a WordPress shortcode ("[button link=...]").
_ANYWHERE = re.compile(
    r"^like this (?:story|article)\?.{0,40}$|^\[/?[a-z_]+(?:\s[^\]]*)?\]$"
    r"|^(?:note:\s*)?(?:we are |we're )?(?:temporarily )?moderating (?:all )?comments\b"
    r"|^comments? (?:are|is) (?:closed|moderated)\b",
    re.I,
)
#: A list of the page's tags or categories ("Tags: [stock car](…), [Cascavel](…)").
_TAG_LIST = re.compile(
    r"^(?:tags?|tagged(?: with)?|filed under|categor(?:y|ies)|topics?)\b\s*:?\s*(.*)$", re.I
)
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: Furniture only in a run of it at the end ("Thank you" after a form's messages).
_TRAILING_CHROME = re.compile(r"^thank you\W*$", re.I)
CHROME_MAX_WORDS = 60
#: Under a promo heading, a paragraph that is mostly links is a promo ("[Story](…) INSIGHT").
PROMO_LINK_SHARE = 0.6


def _block_text(element) -> str:
    return " ".join(element.text_content().split())


_WORD = re.compile(r"\w+")


def _is_tag_list(element) -> bool:
    """A label ("Tags", "Filed under") over links: the page's tags, not the article's words."""
    spaced = " ".join(" ".join(element.itertext()).split())  # "Tags<br>stock car" parted
    match = _TAG_LIST.match(spaced)
    if not match or not match.group(1):
        return False
    links = sum(len(_WORD.findall(a.text_content())) for a in element.iter("a"))
    return links > 0 and links >= len(_WORD.findall(match.group(1))) * PROMO_LINK_SHARE


def _is_chrome(element) -> bool:
    if element.tag in ("ul", "ol"):
        items = list(element.iter("li"))
        return bool(items) and all(_is_chrome(li) for li in items)
    text = _block_text(element)
    if not text or len(text.split()) > CHROME_MAX_WORDS:
        return False
    return bool(_CHROME.search(text)) or _is_tag_list(element)


def _is_empty(element) -> bool:
    """A block with no words and no picture (an emptied link to a subscription page)."""
    return not _block_text(element) and next(element.iter("img"), None) is None


def _is_leading_chrome(element) -> bool:
    """The time it takes to read, or the date alone ("November 20, 2019 - 11:28 AMT",
    "sexta-feira, 22 de outubro de 2010 às 20:13"): the page's header, which a body's start
    may keep."""
    text = _block_text(element)
    if _READING_TIME.match(text):
        return True
    return is_date_line(text, BESIDE_DATE_WORDS)


def _all_links(element, share: float = 1.0) -> bool:
    words = len(_block_text(element).split())
    links = sum(len(a.text_content().split()) for a in element.iter("a"))
    return words > 0 and links >= share * words


#: At a body's start, at least this many blocks of links and nothing else, under at most a
#: short heading, are a box of links to other stories, not the article's text.
LINK_BOX_MIN = 2
LINK_BOX_HEADING_WORDS = 8


def _leading_link_box(blocks: list) -> set[int]:
    """The blocks of a box of links at the body's start (after its headline): Billboard's
    "2019 American Music Awards" over four headlines, whose names the tagger took too."""
    start = i = 1 if blocks and blocks[0].tag in ("h1", "h2") else 0
    if i < len(blocks) and blocks[i].tag in ("h2", "h3", "h4", "h5", "h6"):
        short = len(_block_text(blocks[i]).split()) <= LINK_BOX_HEADING_WORDS
        i += 1 if short and not _all_links(blocks[i]) else 0
    links, end = [], i
    while end < len(blocks) and (_all_links(blocks[end]) or not _block_text(blocks[end])):
        if _all_links(blocks[end]):
            links.append(end)
        end += 1
    return set(range(start, links[-1] + 1)) if len(links) >= LINK_BOX_MIN else set()


def drop_page_chrome(html: str) -> str:
    """Remove the page's furniture from a body: runs of it at the start and end, a box of links
    at the start, and, anywhere, shortcodes, sharing prompts, a promo heading with the links
    under it ("DON'T MISS") and a link that says it is "Also on" the site."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    blocks = list(tree)
    drop: set[int] = set()
    for i, block in enumerate(blocks):
        text = _block_text(block)
        if _PROMO_HEADING.match(text):
            drop.add(i)
            for j in range(i + 1, len(blocks)):
                short = len(_block_text(blocks[j]).split()) <= 2  # a label: "VIDEO]"
                if not (short or _all_links(blocks[j], PROMO_LINK_SHARE)):
                    break
                drop.add(j)
        elif _ANYWHERE.search(text) or (_all_links(block) and text.lower().startswith("also on ")):
            drop.add(i)
    drop |= _leading_link_box(blocks)
    for i, block in enumerate(blocks):  # the start (after the headline, dropped later)
        if block.tail and is_date_line(block.tail.strip(), BESIDE_DATE_WORDS):
            block.tail = None  # (a date outside any block, after the headline: the header's)
        if block.tag in ("h1", "h2") and i == 0:
            continue
        if not (_is_chrome(block) or _is_leading_chrome(block)):
            break
        drop.add(i)
    for i in range(len(blocks) - 1, -1, -1):  # the end
        trailing = i < len(blocks) - 1 and _TRAILING_CHROME.match(_block_text(blocks[i]))
        # a heading with nothing under it heads the page's next box ("You may also like")
        trailing = trailing or blocks[i].tag in _SUBHEADINGS or _is_empty(blocks[i])
        if not (_is_chrome(blocks[i]) or trailing or i in drop):
            break
        drop.add(i)
    if len(drop) == len(blocks):
        return html  # all of it looks like furniture: leave it to the article check
    for i in sorted(drop, reverse=True):
        blocks[i].drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")[len("<div>") : -len("</div>")]


#: What no cell of a data table holds: a table whose cell does is the page's layout.
_LAYOUT_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table")
_CELLS = "./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"
_CELL_BLOCKS = ("p", "div", *_LAYOUT_BLOCKS, "pre", "figure")


def _is_layout(table) -> bool:
    """A table of one filled cell, or with a cell holding headings, lists or paragraphs, lays
    out the page: it holds the article (or a caption, a pull quote), not data."""
    cells = [cell for cell in table.xpath(_CELLS) if _block_text(cell)]
    if len(cells) <= 1:
        return True
    return any(
        next(cell.iter(*_LAYOUT_BLOCKS), None) is not None or len(cell.findall(".//p")) > 1
        for cell in cells
    )


def unwrap_layout_tables(html: str) -> str:
    """The contents of the tables that lay out a page, in place of the tables. Markdown's
    tables hold a line of text a cell: a page laid out in a table (The Space Review's) came
    out as one cell holding the whole article, its paragraphs run together."""
    if "<table" not in html:
        return html  # (most bodies: no parse)
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    for table in reversed(list(tree.iter("table"))):  # the innermost first
        if not _is_layout(table):
            continue
        for cell in table.xpath(_CELLS + " | ./caption"):
            inline = next(cell.iter(*_CELL_BLOCKS), None) is None
            if inline and (_block_text(cell) or next(cell.iter("img"), None) is not None):
                cell.attrib.clear()
                cell.tag = "p"  # a line of text: a paragraph of its own
            else:
                cell.drop_tag()
        for part in table.xpath("./tr | ./*/tr | ./thead | ./tbody | ./tfoot"):
            part.drop_tag()
        table.drop_tag()
    return lxml_html.tostring(tree, encoding="unicode")[len("<div>") : -len("</div>")]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


#: The most words a byline's date takes ("Monday, November 18, 2019 10:30 am").
BYLINE_DATE_WORDS = 7
#: The most words beside its date in a line that is a date (a weekday, a time, its zone).
BESIDE_DATE_WORDS = 4


def _is_byline(rest: str, names: set[str]) -> bool:
    """Whether the words after "by" are an author's name, or one followed by a date."""
    for name in names:
        after = rest.removeprefix(name)
        if not (name and rest.startswith(name)):
            continue
        if not after or (
            after.startswith(" ") and len(after.split()) <= BYLINE_DATE_WORDS and text_date(after)
        ):
            return True
    return False


#: The most words of a section's name set above a headline ("Review", "TECH").
KICKER_MAX_WORDS = 3


def _is_kicker(element, text: str) -> bool:
    return element.tag in ("p", "div", "span", "h2", "h3", "h4", "h5", "h6") and (
        0 < len(text.split()) <= KICKER_MAX_WORDS
    )


def strip_headline_and_byline(
    html: str, title: str, authors: list[str], headlines: list[str] = ()
) -> str:
    """Drop the headline and byline where the body repeats them, and a section's name set
    above the headline ("Review", "TECH"): the page shows them apart. `headlines`: the page's
    own <h1> texts, a heading of which is the headline too where the title is another (the
    social one, "HS Roundup" for "High School Roundup: ...")."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    names = {_norm(a) for a in authors}
    shown = {_norm(headline) for headline in headlines} - {""}
    kicker = None
    for element in list(tree)[:3]:
        text = _norm(element.text_content())
        is_title = (element.tag in ("h1", "h2", "h3", "p") and text == _norm(title)) or (
            element.tag in ("h1", "h2") and text in shown
        )
        spaced = _norm(" ".join(element.itertext()))  # "by Jane Roe<br>Monday, ..."
        is_byline = spaced.startswith("by ") and _is_byline(spaced[3:], names)
        if is_title and kicker is not None:
            kicker.drop_tree()
        elif not (is_title or is_byline):
            if kicker is not None or not _is_kicker(element, text):
                break
            kicker = element
            continue
        element.drop_tree()
        kicker = None
    return lxml_html.tostring(tree, encoding="unicode")[len("<div>") : -len("</div>")]


#: What is taken from a continuation of the body: its paragraphs and quotes (its lists and
#: headings were the site's promos on the extraction benchmark: "More Great WIRED Stories").
_CONTINUED = ("p", "blockquote")
#: A continuation must add at least this many words to count.
CONTINUATION_MIN_WORDS = 20


def _container(element):
    """The nearest ancestor (at most three up) with a class: the body's container."""
    for _ in range(3):
        element = element.getparent()
        if element is None:
            return None
        if element.get("class"):
            return element
    return None


def continued_body(extracted: str, tree) -> str:
    """The body with the paragraphs of the containers that continue it later in the page
    (`tree`, the page parsed).

    Some sites cut an article into several containers of one class around advertisements
    (WIRED's `body__container`), and trafilatura keeps the first: a story stopped at 45% of
    its words. The container holding the body's last paragraph is found in the page; later
    elements with the same tag and class carry on the text.
    """
    paragraphs = html_text(extracted).split("\n\n")
    last = " ".join(paragraphs[-1].split())
    ends = [p for p in tree.iter("p") if " ".join(p.text_content().split()) == last]
    container = _container(ends[0]) if len(ends) == 1 else None
    if container is None:
        return extracted
    kind, seen, added = container.get("class"), set(paragraphs), []
    after = False
    for element in tree.iter(container.tag):
        if element is container:
            after = True
        elif after and element.get("class") == kind:
            for block in element.iter(*_CONTINUED):
                text = " ".join(block.text_content().split())
                if text and text not in seen and block.getparent() is element:
                    seen.add(text)
                    added.append(lxml_html.tostring(block, encoding="unicode", with_tail=False))
    if (
        sum(len(lxml_html.fromstring(b).text_content().split()) for b in added)
        < CONTINUATION_MIN_WORDS
    ):
        return extracted
    return extracted + "".join(added)


_GLUED_LINK = re.compile(r"([^<>]{1,80})</a>(?=([^\W\d_]{1,20}))")


def restore_link_spaces(extracted: str, page: str) -> str:
    """Put back the space trafilatura sometimes drops after a link ("<a>MacBook Pro</a>was
    released"), where the page itself has it: glued words read as one ("Prowas") to the
    tagger and the search index."""

    def space(match: re.Match) -> str:
        text, word = match.group(1), match.group(2)
        spaced = re.search(re.escape(text) + r"</a>\s+" + re.escape(word), page)
        return match.group(0) + " " if spaced else match.group(0)

    return _GLUED_LINK.sub(space, extracted)


#: An element written the XML way, `<strong/>`, as trafilatura writes an empty one.
_SELF_CLOSED = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*?)?\s*/>")
_VOID = set("area base br col embed hr img input link meta param source track wbr".split())


def close_empty_elements(html: str) -> str:
    """`<strong/>` as `<strong></strong>`: an HTML parser reads the first as a start tag, and
    the bold (or link) then ran over the rest of the article ("**### **1. Prioritize")."""

    def closed(match: re.Match) -> str:
        tag = match.group(1)
        if tag.lower() in _VOID:
            return match.group(0)
        return f"<{tag}{match.group(2) or ''}></{tag}>"

    return _SELF_CLOSED.sub(closed, html)


#: Inline elements the extractor leaves between paragraphs when it splits a sentence at a
#: link or an emphasis ("... cited by <p>" <i>DigiTimes</i> "<p>. A preview ...").
_INLINE = frozenset("a i em b strong span code cite q abbr small sub sup u mark".split())
#: A paragraph's last character that ends a sentence (or a quotation, or a list's lead-in).
_ENDS_SENTENCE = re.compile(r"""[.!?…:;"'”’)\]»]\s*$""")
#: A paragraph's start that goes on with a sentence: a punctuation mark that cannot open one,
#: or a word in lower case ("iPhone" can open one).
_GOES_ON = re.compile(r"\s*(?:[.,;:!?)\]»…]|[a-z]+\b(?![A-Z]))")


def rejoin_split_sentences(html: str) -> str:
    """Paragraphs the extractor cut a sentence into at a link or an emphasis, joined again:
    "... cited by Taiwanese publication" / <i>DigiTimes</i> / ". A preview of ..." was three
    paragraphs (the link alone on a line) in the Markdown. A paragraph joins the one before it,
    with the inline elements between them, where it goes on with that one's sentence
    (_continues)."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    children = list(tree)
    i = 0
    while i < len(children):
        first = children[i]
        j = i + 1
        while j < len(children) and children[j].tag in _INLINE:
            j += 1
        inlines = children[i + 1 : j]
        if j < len(children) and _continues(first, inlines, children[j]):
            # (what stands between the paragraph and the link, and after it, goes inside)
            between = (first.tail or "").strip()
            _end_with(first, f" {between} " if between else " " if inlines else "")
            first.tail = None
            for inline in inlines:
                first.append(inline)  # (its tail, the text after it, goes with it)
            _append_content(first, children[j])
            del children[i + 1 : j + 1]
            continue  # (the joined paragraph may go on again)
        i += 1
    return lxml_html.tostring(tree, encoding="unicode")[len("<div>") : -len("</div>")]


def _continues(first, inlines: list, second) -> bool:
    """Whether the paragraph `second` goes on with the sentence the paragraph `first` leaves
    unfinished: where a link or an emphasis stands at the cut (between them, or at either
    side of it) or `first` ends in a word no sentence ends with, `second` opening in lower case
    or with a mark no sentence opens with; else only with such a mark (two paragraphs alone,
    a label over its line or a poem's lines, are left as they are)."""
    text = first.text_content()
    if first.tag != "p" or second.tag != "p" or not text.strip() or _ENDS_SENTENCE.search(text):
        return False
    following = second.text_content()
    if inlines or _inline_at_join(first, second) or _DANGLING.search(text):
        return bool(_GOES_ON.match(following))
    return bool(_GLUES.match(following))


def _inline_at_join(first, second) -> bool:
    """A link or an emphasis ends the first paragraph or opens the second, where the
    extractor cut: "shoppers can" / "<b><a>save $100</a></b> on the retail systems"."""
    ends = len(first) and first[-1].tag in _INLINE and not (first[-1].tail or "").strip()
    opens = len(second) and second[0].tag in _INLINE and not (second.text or "").strip()
    return bool(ends or opens)


def _append_content(target, source) -> None:
    """Move source's text and children to the end of target (a space between, but before a
    punctuation mark), and drop source."""
    space = "" if _GLUES.match(source.text_content()) else " "
    _end_with(target, space + (source.text or "").lstrip())
    for child in list(source):
        target.append(child)
    target.tail = source.tail  # (what stood after it, between the blocks, stays after it)
    source.getparent().remove(source)


def _end_with(element, text: str) -> None:
    """End the element's last run of text (its text, or its last child's tail) with `text`,
    instead of the spaces it ends with."""
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() + text
    else:
        element.text = (element.text or "").rstrip() + text


#: A word no sentence ends with: an article, a preposition, a conjunction ("the same CPU
#: options as the" / "[mid-2019 predecessors](...)").
_DANGLING = re.compile(
    r"\b(?:the|a|an|of|to|and|or|but|with|by|for|as|that|than|from|in|on|at|into|about|"
    r"is|are|was|were|be|been|its|their|his|her|our|your|this|these|those|which|who|whose|"
    r"between|among|over|under|via)\s*$",
    re.I,
)
#: Text that follows the word before it without a space: a punctuation mark.
_GLUES = re.compile(r"\s*[.,;:!?)\]»…]")


def _strip_wrappers(html: str) -> str:
    return re.sub(r"</?(?:html|body|doc|main)[^>]*>", "", html).strip()


def body_html(html: str, url: str | None, tree) -> str:
    """Sanitised article HTML, or ExtractionError when the page holds no article. `tree` is the
    page parsed (the extractor's parse, not a second one), to find where the body goes on."""
    html, tree = with_entry_times(html, tree)  # (a live blog's: trafilatura drops <time>)
    extracted = extract_body_html(html, url)
    if not extracted:
        raise ExtractionError("no article text found (login wall, index or empty page?)")
    extracted = close_empty_elements(extracted)
    extracted = continued_body(restore_link_spaces(extracted, html), tree)
    body = unwrap_layout_tables(clean_html(_strip_wrappers(extracted)))
    return rejoin_split_sentences(drop_page_chrome(drop_promos(body)))
