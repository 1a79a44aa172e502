"""Deterministic synthetic archives for benchmarks: N articles as the importer writes them.

Every article is a Markdown file under content/articles/YYYY/ with the importer's header
fields (Title, Date, Authors, Source, People, Topics, Organisations, Places, Slug, Id, Summary)
and a ~600-word body. Words follow the two-regime law of word frequencies (Words) over a
vocabulary whose head is real English ("the" is about one word in sixteen) and whose tail is
invented and has no end, so the vocabulary grows with the archive as a real one does. As in
the 112 English pages of the extraction benchmark, words average 4.8 letters (4.9 here, names
included) and a body 6.1 bytes a word (with its numbers, commas and quotes); the distinct
words of N words of text follow Heaps' law for Reuters news (RCV1: 44 N^0.49; Manning,
Raghavan and Schütze, "Introduction to Information Retrieval", 5.1.1) within 10%. People (~8 per
article), organisations and places are drawn Zipf-like from invented pools, so a few names are
everywhere and most are rare, as in real news. Topics are names from data/topics.yml. One
article carries RARE_WORD, so a search for it has exactly one hit.

    python benchmarks/synthetic.py ROOT N [--seed S]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import random
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TOPICS_FILE = REPO / "data" / "topics.yml"
PAGES = REPO / "content" / "pages"

#: In exactly one article: the rare-word query's only hit.
RARE_WORD = "zyzzyvatronic"
#: A real word of middling frequency (in about a third of the articles): the filtered query's.
FILTER_WORD = "harbour"
WORDS_PER_ARTICLE = 600
SUMMARY_WORDS = 45
FIRST_DATE = datetime(2008, 1, 1)
#: Not the last day of a year: articles added after it (add_articles: within 30 days) land
#: in the newest year, as a day's news does but on the first days of a year (when the year
#: before joins the search index's packed shards: see plugins/search_index/shards.py).
LAST_DATE = datetime(2024, 11, 30)

# The head of the vocabulary, most frequent first (rough English news frequencies).
FUNCTION_WORDS = """the of to and a in that is for on said was with he it as at by from his be
has have are an but not who were had they which their its this been will after would more
than about also one two new year over there when up out she her we all into could last
some other what we our them first people can only before if most years three so any
because while since no may just where under do those these many during against between
government""".split()
CONTENT_WORDS = """minister police court week month city country state president percent
company market workers union strike talks deal report officials council election vote
party leader plan money price prices bank tax budget school hospital health water river
port harbour ships cargo trade tariffs growth jobs industry factory farm farmers grain
weather storm flood drought fire train road bridge airport flight energy power gas oil
coal wind solar climate emissions science research study university students teachers
children families housing rent homes land village region province border army defence
treaty embassy ambassador summit sanctions judge trial lawyer prison crime fraud charges
investigation inquiry commission agency director chief executive board shares investors
profit losses sales contract tender project construction railway tunnel museum festival
music film theatre book author artist football match season club coach player team league
cup final record history archive church mayor district residents protest rally campaign
candidate parliament senate assembly committee law bill reform pension wages inflation
currency exports imports shipping fishing forest mine mining steel textile software data
network internet phone service customers strike ballot negotiators agreement dispute
offer proposal review figures statement spokesman spokeswoman interview newspaper radio
television broadcast evening morning night weekend monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september
october november december north south east west central coast island valley mountain
lake capital town streets centre office building tower quay terminal crane warehouse
container vessel fleet crew captain""".split()
SYLLABLES = """ka lo ri ven tar mo sel du an bri cor fa gel hin is jor kel lum mar nor os pel
qua ros sun tel ur val wen xi yor zan bel cas dor eth fin gor hal il jas kor lin mer nel
or pra que ruv sor tam ul vor wik yst zel""".split()
FIRST_NAMES = """Anna Marek Hana Declan Greta Henrik Mirela Marisol Tomas Ines Oskar Leila
Pavel Sofia Ruben Elif Jonas Amara Viktor Nadia Felix Carmen Idris Yara Lukas Noor
Stefan Maya Emil Zora Bruno Alma Rafael Dina Kasper Lena Omar Ilse Hugo Vera Anton
Selin Milan Ruth Dario Esme Karim Tilda Nikolai Farah Aurelio Beatrix Cyrus Dagny Elias
Freya Gideon Hedda Ivo Juno Kamil Liv Matteo Nell Odile Piet Rosa Sami Thea Ulrich
Wanda Xavier Yusuf Zelda""".split()
SURNAME_ENDINGS = "son sen ez ova ini ard ley berg ford wood ski ova ani ero ov ens".split()
ORG_KINDS = """Union Authority Holdings Group Bank Institute Council Ministry Party Trust
Agency Foundation Partners Logistics Energy Terminals Airways Press""".split()
PLACE_KINDS = "Valley Port Bay Heights Falls Bridge Ford Field Point Hollow".split()
SOURCES = ["The Meridian Courier", "Harbour Daily", "Northern Ledger", "Valley Times",
           "Capital Wire", "The Evening Post"]  # fmt: skip
SOURCE_WEIGHTS = [30, 25, 15, 12, 10, 8]


@dataclass
class Archive:
    """What a benchmark needs to know of a generated archive to query it."""

    root: Path
    articles: int
    person_counts: Counter = field(default_factory=Counter)
    word_documents: Counter = field(default_factory=Counter)
    rare_article: str = ""

    def popular_person(self) -> str:
        return self.person_counts.most_common(1)[0][0]


class Zipf:
    """Draws from a list with weight 1 / (rank + offset)^s: a few items everywhere, most rare."""

    def __init__(self, items: list[str], s: float = 1.0, offset: float = 2.7):
        self.items = items
        self.cumulative = list(itertools.accumulate((r + offset) ** -s for r in range(len(items))))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cumulative, k=k)

    def distinct(self, rng: random.Random, k: int) -> list[str]:
        """k different items (popular ones still more likely), in order of first draw."""
        k = min(k, len(self.items))
        found: dict[str, None] = {}
        while len(found) < k:
            found.update(dict.fromkeys(self.draw(rng, k - len(found))))
        return list(found)


class Words:
    """Word ranks drawn by the two-regime law of word frequencies (Ferrer i Cancho and Solé,
    2001): weight 1 / (rank + OFFSET) up to rank KINK, falling with the square of the rank
    beyond it, with no last rank. A vocabulary that stops (as this one did, at 40,000 words)
    has too many distinct words in a small archive and too few in a large one, and the search
    index's size follows the distinct words. Ranks past the real words are invented words,
    longer the rarer (invented), so the words average 4.9 letters with the names, where the 121
    news pages of the extraction benchmark average 4.8 (invented words of two to four syllables
    at any rank made them 5.8)."""

    KINK = 5000
    OFFSET = 1.5

    def __init__(self, real: list[str]):
        self.real = real
        self.cumulative = list(itertools.accumulate(1 / (r + self.OFFSET) for r in range(self.KINK)))  # fmt: skip
        # the tail's weight, (KINK + OFFSET) / (rank + OFFSET)^2 summed to no end, is 1
        self.total = self.cumulative[-1] + 1.0

    def rank(self, u: float) -> int:
        """The rank at u, uniform in [0, total): the head's by its weights, the tail's by
        inverting its sum."""
        head = self.cumulative[-1]
        if u < head:
            return bisect.bisect(self.cumulative, u)
        return self.KINK + int((self.KINK + self.OFFSET) / (1.0 - (u - head)) - self.KINK - self.OFFSET)  # fmt: skip

    def word(self, rank: int) -> str:
        return self.real[rank] if rank < len(self.real) else invented(rank - len(self.real))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return [self.word(self.rank(rng.random() * self.total)) for _ in range(k)]


def invented(n: int) -> str:
    """The n-th invented word: the first 56² of two syllables (SYLLABLES has 56), the next 56³
    of three, and so on; within a length, n is spread by a multiplier prime to 56 so that
    neighbouring ranks do not share their first syllables."""
    syllables, size = 2, len(SYLLABLES) ** 2
    while n >= size:
        n -= size
        syllables += 1
        size *= len(SYLLABLES)
    n = n * 7919 % size
    parts = []
    for _ in range(syllables):
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def invented_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def unique(make, count: int) -> list[str]:
    """count distinct results of make(); the pools must not repeat a name."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[make()] = None
    return list(seen)


def real_words() -> list[str]:
    """The vocabulary's head, most frequent first."""
    return [*FUNCTION_WORDS, *dict.fromkeys(w for w in CONTENT_WORDS if w not in FUNCTION_WORDS)]


def pools(rng: random.Random, people: int) -> dict[str, list[str]]:
    """Invented people, authors, organisations and places (shuffled: rank is not alphabet)."""

    def surname() -> str:
        return invented_word(rng, 2).capitalize() + rng.choice(SURNAME_ENDINGS)

    def person() -> str:
        return f"{rng.choice(FIRST_NAMES)} {surname()}"

    def place() -> str:
        name = invented_word(rng, rng.choice((2, 3))).capitalize()
        return name if rng.random() < 0.6 else f"{name} {rng.choice(PLACE_KINDS)}"

    def organisation() -> str:
        return f"{invented_word(rng, 2).capitalize()} {rng.choice(ORG_KINDS)}"

    return {
        "people": unique(person, people),
        "authors": unique(person, 200),
        "organisations": unique(organisation, 800),
        "places": unique(place, 400),
    }


def topic_names() -> list[str]:
    """The names of our default taxonomy, so every topic used has a known page."""
    return [t["name"] for t in yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))]


def sentences(rng: random.Random, words: Words, people: list[str], budget: int) -> list[str]:
    """Sentences of 8 to 28 words (names counted), naming the article's people, until they
    hold `budget` words."""
    out, used = [], 0
    while used < budget:
        n = rng.randint(8, 28)
        if budget - used - n < 8:  # the last sentence takes the rest
            n = budget - used
        chunk = [punctuated(rng, word) for word in words.draw(rng, n - 1)] + words.draw(rng, 1)
        if people and rng.random() < 0.45:
            name = rng.choice(people).split()
            if rng.random() < 0.5:
                chunk[-len(name) - 1 :] = ["said", *name]
            else:
                at = rng.randint(0, len(chunk) - len(name))
                chunk[at : at + len(name)] = name
        text = " ".join(chunk)
        out.append(text[:1].upper() + text[1:] + ".")
        used += n
    return out


def punctuated(rng: random.Random, word: str) -> str:
    """A word inside a sentence (not its last, a name or a quote), now and then a number or
    followed by a comma: in a body 2.4 % of words have digits and 4.2 % end in a comma, where
    the English pages of the extraction benchmark have 3.0 % and 5.0 %; with the quotes of
    body() a body is 6.1 bytes a word, as those pages are."""
    if rng.random() < 0.03:
        word = rng.choice(NUMBERS).format(rng.randint(2, 99), rng.randint(0, 999), rng.randint(1950, 2024))  # fmt: skip
    return word + "," if rng.random() < 0.054 else word


#: How numbers are written ({0}: 2 to 99, {1}: 0 to 999, {2}: a year).
NUMBERS = ["{0}", "{0}", "{1}", "{2}", "{0}.{1}", "{0},{1:03d}", "${0}", "{0}%"]


def body(rng: random.Random, words: Words, people: list[str], rare: bool) -> str:
    """WORDS_PER_ARTICLE words in paragraphs of 2 to 5 sentences; every person named."""
    said = [f"{name} said: “{' '.join(words.draw(rng, 6)).capitalize()}.”" for name in people]
    parts = sentences(rng, words, people, WORDS_PER_ARTICLE - sum(len(s.split()) for s in said))
    if rare:
        at = rng.randrange(len(parts))
        parts[at] = f"{parts[at][:-1]} {RARE_WORD}."
    for sentence in said:
        parts.insert(rng.randint(0, len(parts)), sentence)
    paragraphs, i = [], 0
    while i < len(parts):
        n = rng.randint(2, 5)
        paragraphs.append(" ".join(parts[i : i + n]))
        i += n
    return "\n\n".join(paragraphs)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70].rstrip("-")


def header(fields: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value)


def article_text(
    rng: random.Random, index: int, sources: dict, rare: bool, after: datetime | None = None,
    days: int = 30,
) -> tuple[str, dict]:  # fmt: skip
    """(Markdown file text, its header fields) of article number index; dated within the
    archive's span, or in the `days` days after `after`."""
    people = sources["people"].distinct(rng, rng.randint(5, 11))
    title_words = [w for w in sources["words"].draw(rng, 14) if w not in FUNCTION_WORDS[:12]]
    title = " ".join(title_words[: rng.randint(5, 9)]).capitalize()
    if rng.random() < 0.5:
        title = f"{people[0].split()[-1]}: {title}"
    start, end = (after, after + timedelta(days=days)) if after else (FIRST_DATE, LAST_DATE)
    span = (end - start).total_seconds()
    date = start + timedelta(seconds=int(rng.random() * span) // 60 * 60)
    slug = f"{slugify(title)}-{index}"
    text = body(rng, sources["words"], people, rare)
    summary_tokens = text.split()
    fields = {
        "Title": title,
        "Date": date.strftime("%Y-%m-%d %H:%M"),
        "Authors": "; ".join(rng.sample(sources["authors"], rng.choice((1, 1, 1, 2)))),
        "Source": rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0],
        "People": "; ".join(people),
        "Topics": "; ".join(sources["topics"].distinct(rng, rng.choice((2, 3, 3, 4)))),
        "Organisations": "; ".join(sources["organisations"].distinct(rng, rng.randint(1, 3))),
        "Places": "; ".join(sources["places"].distinct(rng, rng.randint(1, 3))),
        "Slug": slug,
        "Id": hashlib.sha256(f"synthetic:{slug}".encode()).hexdigest()[:16],
        "Summary": " ".join(summary_tokens[:SUMMARY_WORDS]) + "…",
    }
    return header(fields) + "\n" + text + "\n", fields


def draw_sources(rng: random.Random, people: int) -> dict:
    """The vocabulary and the Zipf pools every article draws from (consumes rng first)."""
    topics = topic_names()
    rng.shuffle(topics)
    named = pools(rng, people)
    return {
        "words": Words(real_words()),
        "people": Zipf(named["people"], s=1.0, offset=10),
        "authors": named["authors"],
        "organisations": Zipf(named["organisations"], s=1.0, offset=5),
        "places": Zipf(named["places"], s=1.0, offset=5),
        "topics": Zipf(topics, s=1.0, offset=3),
    }


def write_article(articles: Path, text: str, fields: dict) -> Path:
    folder = articles / fields["Date"][:4]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{fields['Slug']}.md"
    path.write_text(text, encoding="utf-8")
    return path


def generate(root: Path, n: int, seed: int = 20240601, people: int = 3000) -> Archive:
    """Write n articles (and our static pages) into root/content; same seed, same bytes."""
    rng = random.Random(seed)
    sources = draw_sources(rng, people)
    articles = root / "content" / "articles"
    shutil.copytree(PAGES, root / "content" / "pages", dirs_exist_ok=True)
    archive = Archive(root=root, articles=n)
    rare_index = n // 2
    for index in range(n):
        text, fields = article_text(rng, index, sources, rare=index == rare_index)
        write_article(articles, text, fields)
        archive.person_counts.update(fields["People"].split("; "))
        lowered = set(re.findall(r"[a-z]+", text.lower()))
        archive.word_documents.update(w for w in ("the", FILTER_WORD) if w in lowered)
        if index == rare_index:
            archive.rare_article = fields["Slug"]
    return archive


#: Where add_articles(later=True) dates its articles: the month the first added ones open.
NEXT_MONTH = (datetime(2024, 12, 1), 29)


def add_articles(
    root: Path, first: int, count: int, seed: int = 20240601, people: int = 3000,
    later: bool = False,
) -> list[Path]:  # fmt: skip
    """count more articles, numbered from first, dated in the 30 days after the archive's
    end (news arriving after the archive was built: they open a new month); with `later`,
    in that new month (more news of the same month). Same arguments, same bytes."""
    sources = draw_sources(random.Random(seed), people)
    rng = random.Random(f"{seed}:{first}:{count}")
    after, days = NEXT_MONTH if later else (LAST_DATE, 30)
    written = []
    for index in range(first, first + count):
        text, fields = article_text(rng, index, sources, rare=False, after=after, days=days)
        written.append(write_article(root / "content" / "articles", text, fields))
    return written


def benchmark_sizes(sizes: str, with_50k: bool) -> list[int]:
    """ "1000,5000" (and 50,000 with --with-50k) as sorted sizes."""
    found = {int(size) for size in sizes.split(",") if size.strip()}
    return sorted(found | ({50_000} if with_50k else set()))


@contextmanager
def scratch(name: str, keep: bool) -> Iterator[Path]:
    """A new /tmp folder for a benchmark's archives, removed afterwards unless keep."""
    workdir = Path(tempfile.mkdtemp(prefix=f"newsarchive-bench-{name}-", dir="/tmp"))
    try:
        yield workdir
    finally:
        if keep:
            print(f"\nkept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    archive = generate(args.root, args.n, args.seed)
    person = archive.popular_person()
    print(f"{args.n} articles in {args.root / 'content'}; most named person: {person} "
          f"({archive.person_counts[person]} articles); {RARE_WORD!r} in {archive.rare_article}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
