"""Text dumps of news pages: find the title and the article's paragraphs among the page chrome.

A "save as text" dump keeps every line of the page: navigation, browser warnings, ads, login
prompts, comment widgets. Article paragraphs are long, sentence-like lines; chrome is short and
phrased like interface text. The article is the largest run of such paragraphs, up to the attribution
line; the title is the headline line just above it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsarchive.article import ExtractionError
from newsarchive.extract.attribution import attribution_source
from newsarchive.extract.authors import byline_names, opens_byline
from newsarchive.extract.dates import text_date
from newsarchive.settings import MIN_BODY_WORDS

#: A body paragraph has at least this many words and ends like a sentence.
PARAGRAPH_MIN_WORDS = 12
#: A headline has at most this many words.
TITLE_MAX_WORDS = 25
#: How many non-empty lines above the article are searched for the headline and byline.
TITLE_WINDOW_LINES = 30
#: A headline candidate gains this much per word it shares with the opening paragraphs.
TITLE_LEDE_WEIGHT = 6
TITLE_LEDE_PARAGRAPHS = 3
#: A credit alone has at most this many words; a sentence above it, its caption, at most this many.
CREDIT_MAX_WORDS = 8
CAPTION_MAX_WORDS = 30
#: A byline or date line below at most this many paragraphs ends the standfirst above it.
STANDFIRST_MAX_PARAGRAPHS = 2
#: ...and has at most this many words (two names with a date and time: "By A, B on Monday, ...").
BYLINE_MAX_WORDS = 16
#: A headline found inside a longer line has at least this many words (not "News" in a menu).
TITLE_ECHO_MIN_WORDS = 4
#: A dateline ("ARBEN, Veloria, May 12, 2020 —") sits within the first paragraph's first words.
DATELINE_WORDS = 12
#: Short lines allowed between two paragraphs of one article (an ad, a subheading).
CLUSTER_MAX_GAP = 8
#: The article's opening paragraphs (ending with at least this many, one after another) join
#: its main run across a box of other stories' headlines of at most this gap.
OPENING_MIN_PARAGRAPHS = 2
OPENING_MAX_GAP = 2 * CLUSTER_MAX_GAP
#: A line of page furniture counts as this many short lines in a gap.
CHROME_GAP_COST = 2
#: A short sentence in a gap (news paragraphs can be one short sentence) costs this much.
PROSE_GAP_COST = 0.5
SHORT_SENTENCE_MIN_WORDS = 3
#: How much a run of paragraphs that never follow one another (teasers) is discounted.
ADJACENCY_WEIGHT = 0.9
_BYLINE = re.compile(r"^(by|posted|published|updated|written by)\b", re.I)
#: A sentence's end in punctuation, and after it a closing quote or bracket.
_STOP = r"""[.!?:…。！？]["'”’)\]」』]*"""
_SENTENCE_END = re.compile(rf"(?:{_STOP}|[\U0001F300-\U0001FAFF\u2600-\u27BF])\s*$")
#: A sentence's end in punctuation (not an emoji's, which ends a headline as often).
_STOPPED = re.compile(rf"{_STOP}\s*$")
#: Chinese, Japanese and Korean scripts write no spaces between words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: About how many CJK characters make the information of an English word.
CJK_CHARS_PER_WORD = 2
#: Comment-thread furniture: "jjackwagon says:", "November 19, 2019 at 9:03 am", "3 hours ago".
_COMMENT_FURNITURE = re.compile(
    r"""\bsays:$|\bwrote:$|^(?:rating:|\d+\s+votes?\b|reply\b|report\b|permalink\b|flag\b)
    |\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago$
    |\bat\s+\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?$""",
    re.I | re.X,
)
#: Short lines phrased like page chrome. Matched only against short lines, so a paragraph that
#: happens to mention a browser or a password is never dropped.
_CHROME = re.compile(
    r"""\b(skip\s+(?:to|navigation)|navigation|menu|cookies?|browser|upgrade|sign\s*(?:in|up|out)
    |log\s*(?:in|out)|register|password|account|subscribe|subscription|newsletter|advertisement
    |sponsored|this\s+ad\b|close\b|learn\s+more|read\s+more|continue\s+reading|share\b|tweet
    |facebook|twitter|linkedin|whatsapp|e-?mail\s+this|print\b|(?<!to\s)(?<!for\s)comments?\b
    |disqus|powered\s+by
    |reply|related|recommended|most\s+(?:read|popular)|trending|follow\s+us|copyright|©
    |all\s+rights\s+reserved|privacy|terms\s+of|contact\s+us|about\s+us|home\b|search\b
    |loading|javascript|accept\b|settings|don'?t\s+show|want\s+access|full\s+experience
    |listen\s+to|text\s+size|save\s+for\s+later|dismiss|toggle|see\s+more|don'?t\s+miss
    |\((?:image|photo|picture|pic|credit)s?:|\[(?:insight|video|reaction|pictures?|poll|gallery)\])""",
    re.I | re.X,
)
#: The same furniture in other languages: "read also" and "related" headings, comment forms,
#: search boxes and sponsored links; share buttons and invitations to subscribe where the
#: line opens with them (the verbs are words of headlines too: "Los vecinos se niegan a
#: compartir el agua"); an advertisement's label or a network's name alone on its line
#: ("Anzeige", "Telegram": words of sentences too). Matched only against short lines, as
#: _CHROME is.
_CHROME_ELSEWHERE = re.compile(
    r"""\b(?:lesen\s+sie\s+auch|auch\s+interessant|mehr\s+zum\s+thema|(?:à\s+)?lire\s+aussi
    |voir\s+aussi|articles\s+similaires|lee\s+también|ver\s+también|te\s+puede\s+interesar
    |(?:artículos|noticias|notícias|artigos|articoli)\s+(?:relacionad[oa]s|correlati)
    |leia\s+também|veja\s+também|leggi\s+anche|ti\s+potrebbe\s+interessare|lees\s+ook
    |читайте\s+также|смотрите\s+также|может\s+быть\s+интересно|похожие\s+(?:статьи|записи)
    |свежие\s+записи|комментари\w*|commento|commenti|commentaires?|comentarios?|comentários?
    |kommentare?|поиск|suche|recherche|buscar|pesquisar|publicidade|publicidad|pubblicità
    |werbung|реклама|newsletter\w*)\b
    |^\W*(?:поделиться|подпи(?:сывайтесь|шитесь)|teilen(?=\s*:)|partager|compartir|partilhar
    |condividi|udostępnij|κοινοποίηση|abonnieren|abonnez-vous|s['’]abonner|suscríbete|assine
    |iscriviti|subskrybuj|zapisz\s+się)\b
    |^(?:anzeige|reklama|publicité|pub|annonce|advertentie|вконтакте|telegram)$
    |関連記事|人気記事|新着記事|スポンサードリンク|コメント|検索
    |相关(?:文章|阅读)|热门文章|推荐阅读|评论|관련\s?기사|인기\s?기사|댓글""",
    re.I | re.X,
)
#: Long lines that are page furniture whatever their length.
_BOILERPLATE_SENTENCE = re.compile(
    r"""(?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies|\bcookies?\s+(?:policy|settings|are)\b
    |by\s+(?:continuing|using\s+(?:this|our))|privacy\s+(?:policy|overview|statement)
    |terms\s+(?:of\s+(?:use|service)|and\s+conditions)|all\s+rights\s+reserved|copyright\s+©
    |subject\s+to\s+copyright|may\s+not\s+be\s+(?:published|reproduced|redistributed)
    |sign\s+up\s+for\s+(?:our|the)|subscribe\s+(?:to|now|today)|free\s+articles?\s+(?:left|remaining)
    |enable\s+javascript|(?:your|this)\s+browser|already\s+a\s+subscriber|click\s+here
    |\bunsubscribe\b|\bopt-in\b|would\s+like\s+to\s+subscribe|news\s+alerts\b|\byour\s+inbox\b
    |(?:may|might|could)\s+(?:earn|receive|get)\s+(?:an?\s+)?(?:small\s+)?(?:share|commission|affiliate)
    |(?:buy|purchase)\s+something\s+through|if\s+you\s+enjoyed\s+this\s+article""",
    re.I | re.X,
)
#: Short lines after the last paragraph that may still be the article's (a list, a table).
TAIL_MAX_LINES = 20
#: ...when they read like items (a menu's lines have a word or two).
TAIL_MIN_AVERAGE_WORDS = 4
#: Headings that open what follows an article on a page.
_SECTION_AFTER = re.compile(
    r"""^(?:tags?|topics?|filed\s+under|categories|more\s+(?:from|in|on|about|great|stories)\b
    |next\s+up|read\s+(?:next|also)|see\s+also|you\s+(?:may|might)\s+(?:also\s+)?like
    |on\s+our\s+radar|recommends|adchoices|published\s|posted\s|updated\s|about\s+the\s+author)""",
    re.I | re.X,
)
#: A heading over the page's other stories, alone on its line: "More", "Top Stories",
#: "You may also like...", "More from Space", "Popular on IndieWire", "Next Post".
_OTHER_STORIES = re.compile(
    r"""^(?:more|top\s+stories|latest(?:\s+(?:news|stories|posts))?|recent\s+(?:blog\s+)?posts
    |explore\s+further|(?:previous|next)\s+(?:post|article|story)|you\s+(?:may|might)\s+also\b.*
    |more\s+(?:from|in|on|about|stories)\b.*|popular\s+(?:on|in)\b.*)[\W_]*$""",
    re.I | re.X,
)
#: Links to the site's next or previous story, or to more by the same writer (a wire story's
#: "UP NEXT", its teams' next games, is the article's).
_STORY_NAV = re.compile(
    r"""^[\W_]*(?:next|prev(?:ious)?)\b|(?<!\bup\s)\b(?:next|prev(?:ious)?)[\W_]*$
    |^more\s+(?:articles|stories|posts)\b""",
    re.I | re.X,
)
#: How much a run is discounted by the share of the page's paragraph text above it.
LATE_DISCOUNT = 4.0
#: Fewer words before the glue are more likely a CamelCase name ("the 16-inch MacBook").
TEASER_MIN_WORDS = 5
#: A headline, then the story's dateline in capitals: "With shattered dreams, deportees return
#: home from US NEW DELHI: Their American dream...". Articles open with the dateline instead.
_HEADLINE_THEN_DATELINE = re.compile(
    r"""^(?:\S+\s+){3,20}?(?<!\bthe\s)(?<!\bto\s)(?<!\bof\s)(?<!\bby\s)(?<!\bsaid\s)
    (?<!\btold\s)(?<!\bfrom\s)(?<!\bat\s)(?<!\bin\s)[A-Z]{2,}(?:\s[A-Z]{2,})*:\s+[A-Z“"]""",
    re.X,
)
#: A title-case headline glued to the text after it: a lower-case letter (or digit, or closing
#: punctuation) straight before a capital that starts a word.
_GLUED_HEADLINE = re.compile(r"[a-z0-9?!”)](?=[A-Z][a-z]|[AI]\s)")
_BULLET_OR_ARROW = re.compile(r"^[\W_]*$|[»›→]\s*$")
#: A picture's credit, alone or closing its caption: "Photo: Ana Ruiz", "Image caption ...",
#: "... (Image: GETTY)", "...Credit...Ana Ruiz/The Harbour Ledger", "Ana Ruiz/Getty Images",
#: "Ana Ruiz, AP", "... in Ariz. (AP)", "FILE PHOTO: ... REUTERS/Ana Ruiz", "(NASA/JPL-Caltech)".
_CREDIT = re.compile(
    r"""^(?:image\s+(?:caption|copyright|source)|media\s+caption)\b
    |^(?:(?:photo(?:graph)?|image|picture|pic|credit|caption)s?|courtesy)(?:\s*[:.…]|\s+(?:by|of)\b|\s*$)
    |\((?:ap\s+|file\s+)?(?:photo(?:graph)?|image|picture|pic|credit)s?\b[^()]*\)\s*$
    |\bcredits?\s*(?::|\.{3}|…)\s*\S[^.]*$
    |(?:/|\||,)\s*(?:getty\s+images|shutterstock|reuters|(?-i:AP|AFP|EPA))(?:\s+file)?\s*$
    |\((?-i:AP|AFP|Reuters|EPA)\)$|^file\s+photo\b|\b(?-i:REUTERS|AFP|EPA)/\w
    |\((?-i:[A-Z])[^()/]*/[^()]*\)$
    |^getty(?:\s+images)?$|^image\s+\d+\s+of\b""",
    re.I | re.X,
)


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
    """Words in a line; in CJK text, characters counted as words by CJK_CHARS_PER_WORD."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(line.split())
    return len(_CJK.sub(" ", line).split()) + cjk // CJK_CHARS_PER_WORD


def is_paragraph(line: str) -> bool:
    """A long line that ends like a sentence: article text, not chrome."""
    return words(line) >= PARAGRAPH_MIN_WORDS and bool(_SENTENCE_END.search(line))


def is_chrome(line: str) -> bool:
    """A short line that reads like interface text (or is only punctuation)."""
    return words(line) < PARAGRAPH_MIN_WORDS and bool(
        _CHROME.search(line)
        or _CHROME_ELSEWHERE.search(line)
        or _BULLET_OR_ARROW.search(line)
        or _COMMENT_FURNITURE.search(line)
    )


def undouble(line: str) -> str:
    """'Headline Headline' (a title rendered twice on one line) becomes 'Headline'."""
    half = len(line) // 2
    if len(line) % 2 == 1 and line[:half] == line[half + 1 :]:
        return line[:half]
    return line


def is_boilerplate_sentence(line: str) -> bool:
    """A long line that is still page furniture: a cookie notice, a newsletter pitch, a footer."""
    return bool(_BOILERPLATE_SENTENCE.search(line))


def is_credit(line: str) -> bool:
    """A picture's caption line with its credit, or the credit alone: never article text."""
    return bool(_CREDIT.search(line))


def is_teaser(line: str) -> bool:
    """A link to another story: a headline run into its summary ("…At Troy SteakhouseA party of…").

    Dumps glue an inline headline to the summary after it; the headline is in title case,
    which tells it from a CamelCase name inside a sentence ("is investigating WeWork, ...").
    """
    if _HEADLINE_THEN_DATELINE.match(line):
        return True
    for match in _GLUED_HEADLINE.finditer(line[:160]):
        head = line[: match.start() + 1].split()
        tail = line[match.end() :].split()
        long_words = [word for word in head if re.match(r"\w{4,}", word) and word[0].isalpha()]
        title_case = sum(1 for word in long_words if word[0].isupper())
        if (
            len(head) >= TEASER_MIN_WORDS
            and len(tail) >= TEASER_MIN_WORDS
            and len(long_words) >= 3
            and title_case >= 0.9 * len(long_words)
        ):
            return True
    return False


def line_kind(line: str) -> str:
    """'good' (article paragraph), 'chrome' (page furniture), 'credit' (a picture's), 'prose'
    (a short sentence), 'short' (anything else), ''."""
    if not line:
        return ""
    if is_credit(line):  # before furniture: "Image copyright Getty Images" is a picture's
        return "credit"
    if is_chrome(line) or is_boilerplate_sentence(line) or is_teaser(line):
        return "chrome"
    if words(line) < PARAGRAPH_MIN_WORDS and _OTHER_STORIES.match(line):
        return "chrome"
    if is_paragraph(line):
        return "good"
    return "prose" if is_short_sentence(line) else "short"


def is_short_sentence(line: str) -> bool:
    """'Webb emerged, naked.': a short line written as a sentence, not a headline or a label."""
    return (
        words(line) >= SHORT_SENTENCE_MIN_WORDS
        and line[:1].isupper()
        and bool(_SENTENCE_END.search(line))
        and not line.endswith(":")
    )


def _gap_cost(kind: str) -> float:
    """What a line between two paragraphs counts towards the gap that ends a run; a picture
    sits inside its article, so its caption and credit count nothing."""
    return {"chrome": CHROME_GAP_COST, "prose": PROSE_GAP_COST, "credit": 0}.get(kind, 1)


def _body_clusters(kinds: list[str], lines: list[str]) -> list[list[int]]:
    """Runs of paragraph lines; short lines (a caption, a subheading) may sit between them,
    page furniture costs more, so a menu or a share bar ends a run."""
    clusters: list[list[int]] = []
    gap = CLUSTER_MAX_GAP + 1
    for i, kind in enumerate(kinds):
        if kind == "good":
            if clusters and gap <= CLUSTER_MAX_GAP:
                clusters[-1].append(i)
            else:
                clusters.append([i])
            gap = 0
        elif kind:
            gap += _gap_cost(kind)
    return clusters


def _cluster_score(cluster: list[int], kinds: list[str], lines: list[str]) -> float:
    """Words of paragraph text, discounted when the paragraphs never follow one another."""
    span = [kind for kind in kinds[cluster[0] : cluster[-1] + 1] if kind]
    text = sum(words(lines[i]) for i in cluster)
    # An article's paragraphs follow one another; a river of teasers (headline, byline,
    # summary, headline...) never has two summaries in a row.
    runs = sum(1 for a, b in zip(span, span[1:], strict=False) if a == b == "good")
    adjacency = runs / (len(cluster) - 1) if len(cluster) > 1 else 0.0
    return text * (1 - ADJACENCY_WEIGHT + ADJACENCY_WEIGHT * adjacency)


def _best_cluster(clusters: list[list[int]], kinds: list[str], lines: list[str]) -> list[int]:
    """The run with the most article-like text; runs after much other text (comments, more
    stories) are discounted, since the article comes first on a page."""
    scores = [_cluster_score(c, kinds, lines) for c in clusters]
    total = sum(max(score, 0) for score in scores) or 1
    before = 0.0
    best, best_score = clusters[0], float("-inf")
    for cluster, score in zip(clusters, scores, strict=True):
        discounted = score / (1 + LATE_DISCOUNT * before / total)
        if discounted > best_score:
            best, best_score = cluster, discounted
        before += max(score, 0)
    return best


def _with_opening(
    clusters: list[list[int]], kinds: list[str], lines: list[str]
) -> tuple[list[int], list[str]]:
    """The best run, with the article's opening paragraphs when a box of links to other
    stories (a few headlines, "More in ...") cuts them off: a run of paragraphs that follow one
    another, just above, within twice the usual gap. The box's lines become furniture."""
    best = _best_cluster(clusters, kinds, lines)
    at = clusters.index(best)
    if at == 0:
        return best, kinds
    opening = clusters[at - 1]
    gap = sum(_gap_cost(kind) for kind in kinds[opening[-1] + 1 : best[0]] if kind)
    # teasers never have two summaries in a row; an article's paragraphs follow one another
    last = opening[-OPENING_MIN_PARAGRAPHS:]
    consecutive = all(kinds[i] == "good" for i in range(last[0], last[-1] + 1) if kinds[i])
    if len(opening) >= OPENING_MIN_PARAGRAPHS and consecutive and gap <= OPENING_MAX_GAP:
        box = range(opening[-1] + 1, best[0])
        return opening + best, ["chrome" if i in box and k else k for i, k in enumerate(kinds)]
    return best, kinds


def _with_adjacent_prose(cluster: list[int], kinds: list[str]) -> list[int]:
    """A one-sentence lead above the first paragraph, or a closing line below the last, is
    article text: short sentences right next to the run join it."""
    first, last = cluster[0], cluster[-1]
    above = [i for i in range(first - 1, -1, -1) if kinds[i]]
    below = [i for i in range(last + 1, len(kinds)) if kinds[i]]
    lead = next((n for n, i in enumerate(above) if kinds[i] != "prose"), len(above))
    close = next((n for n, i in enumerate(below) if kinds[i] != "prose"), len(below))
    return sorted(above[:lead]) + cluster + below[:close]


def _paragraphs(lines: list[str], kinds: list[str], first: int, last: int) -> list[str]:
    """The article's lines from first to last, without furniture, credits and blank lines."""
    return [lines[i] for i in range(first, last + 1) if kinds[i] not in ("", "chrome", "credit")]


def _headline_read_as_prose(lines: list[str], content: list[int], first_good: int) -> int | None:
    """The line of a headline that ends in an emoji ("Merkel meets Putin in Berlin 🎉"), read
    as a short sentence and joined to the article as its lead, where no headline was found
    above it: the nearest such line above the first paragraph that no full stop, question or
    exclamation mark ends."""
    lead = [i for i in content if i < first_good and lines[i]]
    for i in reversed(lead):
        if not _STOPPED.search(lines[i]) and _is_title_candidate(lines[i], lines):
            return i
    return None


def _ends_tail(line: str) -> bool:
    """A byline, or a link to the next or previous story ("- Next Auto News", "More articles
    from Ana Ruiz"): what follows is the page's, not the article's."""
    return bool(_BYLINE.match(line) or _STORY_NAV.search(line))


def _after_byline(body: list[int], kinds: list[str], lines: list[str]) -> list[int]:
    """The article starts below its byline and date: sentences above them, among the first
    paragraphs, are the headline's summary (a standfirst), not the story."""
    good = [i for i in body if kinds[i] == "good"]
    end = good[min(STANDFIRST_MAX_PARAGRAPHS, len(good) - 1)]
    marks = [i for i in range(body[0], end) if _is_byline_or_date(lines[i])]
    if not marks:
        return body
    rest = [i for i in body if i > marks[-1]]
    return rest if any(kinds[i] == "good" for i in rest) else body


def _is_byline_or_date(line: str) -> bool:
    """A byline or a date on a line of its own; not a quotation's source ("— Ana Ruiz,
    May 2, 2019" under an embedded post)."""
    return (
        words(line) <= BYLINE_MAX_WORDS
        and not line.startswith(("—", "–", "-"))
        and bool(_BYLINE.match(line) or _looks_like_date(line) or text_date(line))
    )


def _tail(kinds: list[str], lines: list[str], end: int) -> list[int]:
    """A list after the last paragraph (tour dates, products, a table) is the article's, up to
    the furniture or a heading that opens the page's next section ("Tags", "Next up in...")."""
    tail = []
    for i in range(end + 1, min(end + 1 + TAIL_MAX_LINES, len(lines))):
        if kinds[i] == "chrome" or _SECTION_AFTER.search(lines[i]) or _ends_tail(lines[i]):
            break
        if kinds[i]:
            tail.append(i)
    if not tail or sum(words(lines[i]) for i in tail) / len(tail) < TAIL_MIN_AVERAGE_WORDS:
        return []
    return tail


def _printed_twice(line: str, lines: list[str]) -> bool:
    """Pages print their headline more than once: again on its own line, or inside another
    line (a title bar's "Headline - Site", a share prompt's "Share on: Headline")."""
    if undouble(line) != line or lines.count(line) > 1:
        return True
    return words(line) >= TITLE_ECHO_MIN_WORDS and any(
        line in other and other != line for other in lines
    )


#: A menu's items: a word or three between bars or dots ("Главная | Новости | Спорт").
_MENU_ITEM_SEPARATOR = re.compile(r"\s+[|•·]\s+")
MENU_MIN_ITEMS = 3
MENU_ITEM_MAX_WORDS = 3


def _is_menu(line: str) -> bool:
    """A site's menu, in any language: in English its words ("Home", "Menu") are furniture,
    and a headline shares words with the article; a Russian headline may share none in the
    same form, and the longer menu was taken for it."""
    items = _MENU_ITEM_SEPARATOR.split(line)
    return len(items) >= MENU_MIN_ITEMS and all(words(i) <= MENU_ITEM_MAX_WORDS for i in items)


def _is_title_candidate(line: str, lines: list[str]) -> bool:
    """A short line that is no furniture, byline or date; a headline written as a sentence
    ("Why You Shouldn't Worry.") counts when the page prints it twice."""
    return bool(
        line
        and not is_chrome(line)
        and not is_credit(line)
        and not is_boilerplate_sentence(line)
        and words(undouble(line)) <= TITLE_MAX_WORDS
        and (not is_paragraph(line) or _printed_twice(line, lines))
        and not _BYLINE.match(line)
        and not _looks_like_date(line)
        and not _is_menu(line)
    )


def _headlines_as_sentences(lines: list[str], kinds: list[str]) -> list[str]:
    """A headline written as a sentence ("Why You Shouldn't Worry.") is no paragraph when
    the page prints it twice, as pages print their headline: no article starts with it."""
    seen = Counter(line for line, kind in zip(lines, kinds, strict=True) if kind == "good")
    return [
        "short" if kind == "good" and seen[line] > 1 and words(line) <= TITLE_MAX_WORDS else kind
        for line, kind in zip(lines, kinds, strict=True)
    ]


def _captions(lines: list[str], kinds: list[str]) -> list[str]:
    """The line just above a credit alone ("Ana Ruiz/Getty Images") is its picture's caption
    (but "Image copyright EPA" comes before its "Image caption ...")."""
    shown = [i for i, kind in enumerate(kinds) if kind]
    captions = set()
    for previous, i in zip(shown, shown[1:], strict=False):
        if (
            kinds[i] == "credit"
            and 2 <= words(lines[i]) <= CREDIT_MAX_WORDS  # a name, not a menu's "Photos"
            and not lines[i].endswith(")")  # "Plague bacteria (Image: GETTY)" has its caption
            and not lines[i].lower().startswith("image copyright")  # its caption comes next
            and kinds[previous] in ("good", "short", "prose")
            # a long paragraph above a credit is the article's: the picture had no caption
            and (kinds[previous] != "good" or words(lines[previous]) <= CAPTION_MAX_WORDS)
        ):
            captions.add(previous)
    return ["credit" if i in captions else kind for i, kind in enumerate(kinds)]


def _undecorated(candidates: list[str]) -> list[str]:
    """Without the lines that hold another candidate plus a label ("Opinion|Headline",
    "Home News Headline"): the headline's own line is the one without."""
    return [
        line
        for line in candidates
        if not any(
            other != line and other in line and 2 * words(other) >= words(line)
            for other in candidates
            if words(other) >= TITLE_ECHO_MIN_WORDS
        )
    ]


def find_title(lines: list[str], first_body: int, lede: str = "") -> str | None:
    """The headline among the lines just above the article: a longer short line, printed
    twice on many pages, that shares its words with the article's opening paragraphs. A share
    bar's buttons between headline and article do not count towards the window."""
    window: list[str] = []
    for line in reversed(lines[:first_body]):
        if len(window) == TITLE_WINDOW_LINES:
            break
        if line and not is_chrome(line):
            window.insert(0, line)
    candidates = _undecorated([line for line in window if _is_title_candidate(line, lines)])
    if not candidates:
        return None
    lede_words = _content_words(lede)

    def score(line: str) -> float:
        shared = len(_content_words(line) & lede_words)
        repeated = 10 if _printed_twice(line, lines) else 0
        return min(words(undouble(line)), TITLE_MAX_WORDS) + repeated + TITLE_LEDE_WEIGHT * shared

    # max() keeps the first of equals; reversed, so the one nearest the body wins ties.
    return undouble(max(reversed(candidates), key=score))


def _content_words(text: str) -> set[str]:
    """Words long enough to carry meaning, lower-cased."""
    return {word.lower() for word in re.findall(r"\w{4,}", text)}


def _looks_like_date(line: str) -> bool:
    """A date line has a day or a time beside its year: "2018 Boys State Results" is a
    headline, "22 de janeiro de 2018 às 0:13" a date."""
    return (
        bool(re.fullmatch(r"[\w ,.:/-]*\b(19|20)\d\d\b[\w ,.:/-]*", line))
        and words(line) <= 8
        and len(re.findall(r"\d+", line)) >= 2
    )


def _byline_authors(lines: list[str], first_body: int, title: str | None) -> list[str]:
    """The names of the first byline above the article; never its headline's, which may open
    like another language's byline ("Author Wins Booker Prize", "Text Messages Reveal Plot":
    a label, "Di Maio Quits": Italian "by"), where an English one is never a headline."""
    window = [line for line in lines[:first_body] if line][-TITLE_WINDOW_LINES:]
    bylines = [
        line
        for line in window
        if (_BYLINE.match(line) or (opens_byline(line) and undouble(line) != title))
        and words(line) <= 12
    ]
    return byline_names(bylines[0]) if bylines else []


def _date_lines(lines: list[str], first_body: int, title: str | None) -> list[str]:
    above = [line for line in lines[:first_body] if line][-TITLE_WINDOW_LINES:]
    if title:
        at_title = [i for i, line in enumerate(above) if undouble(line) == title]
        above = above[at_title[-1] + 1 :] if at_title else above
    return above + [" ".join(lines[first_body].split()[:DATELINE_WORDS])]


def parse_textdump(text: str, template: frozenset[str] = frozenset()) -> TextDumpArticle:
    """Split a text dump into title, paragraphs, byline and source attribution.

    `template`: the lines of the site's template (extract/site_template.py), never article text.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    kinds = ["chrome" if line in template else line_kind(line) for line in lines]
    kinds = _headlines_as_sentences(lines, kinds)
    kinds = _captions(lines, kinds)
    clusters = _body_clusters(kinds, lines)
    if not clusters:
        raise ExtractionError("no article text found (no sentence-like paragraphs)")
    body, kinds = _with_opening(clusters, kinds, lines)
    body = _with_adjacent_prose(body, kinds)
    # the headline sits above a standfirst, not among the pictures below the byline
    headline_end = next(i for i in body if kinds[i] == "good")
    body = _after_byline(body, kinds, lines)
    body = body + _tail(kinds, lines, body[-1])
    attribution = next((i for i in body if attribution_source(lines[i])), None)
    if attribution is None:
        # The attribution line usually follows the last paragraph, after the gap.
        after = [i for i in range(body[-1] + 1, min(body[-1] + 6, len(lines))) if lines[i]]
        attribution = next((i for i in after if attribution_source(lines[i])), None)
    content = [i for i in body if attribution is None or i < attribution]
    if not content:
        raise ExtractionError("no article text found (only an attribution line)")
    first, last = content[0], content[-1]
    paragraphs = _paragraphs(lines, kinds, first, last)
    if sum(map(words, paragraphs)) < MIN_BODY_WORDS:
        raise ExtractionError(
            f"no article text found (fewer than {MIN_BODY_WORDS} words of paragraphs)"
        )
    title = find_title(
        lines, min(first, headline_end), " ".join(paragraphs[:TITLE_LEDE_PARAGRAPHS])
    )
    headline = None if title else _headline_read_as_prose(lines, content, headline_end)
    if headline is not None:  # (the article starts below it)
        title, first = lines[headline], next(i for i in content if i > headline)
        paragraphs = _paragraphs(lines, kinds, first, last)
    result = TextDumpArticle(
        title=title or "",
        paragraphs=paragraphs,
        authors=_byline_authors(lines, first, title),
        date_lines=_date_lines(lines, first, title),
        warnings=[] if title else ["no headline line found above the article"],
    )
    if attribution is not None:
        result.source_note = lines[attribution]
        result.source = attribution_source(lines[attribution])
    return result
