"""Entity pages for Pelican: a page per person, topic, organisation and place, and an index each.

Taxonomies are declared in ENTITY_TAXONOMIES (pelicanconf.py), one line of settings each, like
Hugo's: URL pattern, templates, the fewest articles that earn a page, a feed or none. Names in
data/people.yml and data/topics.yml always get a page (given one article); their role or
description shows on it. Every article gets `entity_tags` (taxonomy key -> entities) for its
tag chips, `related` articles (related.py), and its `newer` and `older` neighbours in time. Work
is one pass over the articles (see index.py), never articles x entities.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.generators import Generator

from newsarchive.charts import bar_chart, bar_list, per_year_of, site_root_prefix
from newsarchive.data_files import DATA_FILES, data_dir, data_file
from newsarchive.list_pages import older_pages, page_address, page_number

from .index import Entity, Taxonomy, build_index, link_in_time, moved_slugs
from .related import assign_related, load_memory, save_memory

#: How many neighbours (co-mentioned people, main topics) an entity page lists.
NEIGHBOURS = 10
#: How many of the most mentioned people, topics, ... the home page shows.
TOP_ON_HOME = 12
#: Characters of context on each side of a mention in an excerpt: a line of ~80 characters
#: with the name, which fits on one line of the page (issue 3's "one-line excerpt").
EXCERPT_CHARS = 38
#: How many of a topic's phrases (its strongest) an excerpt looks for.
EXCERPT_PHRASES = 12
_TAG = re.compile(r"<[^>]*>|<[^>]*$|^[^<]*>")


def known_entities(key: str, data: Path) -> dict[str, dict]:
    """Names the registry or taxonomy declares, with what it says of them."""
    from newsarchive.entities.name_registry import NameRegistry, load_sources
    from newsarchive.entities.registry import PeopleRegistry  # (spaCy's stop words: slow)
    from newsarchive.entities.topics import load_taxonomy

    if key == "people":
        registry = PeopleRegistry.load(data_file(data, "people.yml"))
        return {
            p.name: {
                "slug": p.slug,
                "role": p.role,
                "description": p.description,
                "aliases": p.aliases,
                "family_name": p.family_name,
            }
            for p in registry.people
        }
    if key == "topics" and data_file(data, "topics.yml").exists():
        return {
            t.name: {
                "slug": t.slug,
                "aliases": t.aliases,
                "description": t.description,
                "parent": t.parent,
                "iptc": t.iptc,
                # what an excerpt looks for, strongest first (a topic's name is rarely in
                # the text; the words that earned the article the topic are, as written or
                # in their base form)
                "phrases": [
                    phrase
                    for phrase, weight in sorted(
                        [*t.phrases.items(), *t.lemmas.items()], key=lambda item: -item[1]
                    )
                    if weight > 0
                ][:EXCERPT_PHRASES],
            }
            for t in load_taxonomy(data_file(data, "topics.yml"))
        }
    if key in ("organisations", "places"):
        return NameRegistry.load(data).known(key.removesuffix("s"))
    if key == "sources":
        return load_sources(data)
    return {}


#: What known_entities read, kept in CACHE_PATH with the files' paths, sizes and mtimes:
#: parsing the registry (and importing what parses it) costs a rebuild seconds.
KNOWN_CACHE = "entity-known.json"


def cached_known_entities(keys: list[str], data: Path, cache: Path) -> dict[str, dict]:
    """known_entities for each key, from the cache while data/'s YAML files are unchanged."""
    stamp = []
    for name in DATA_FILES:
        path = data_file(data, name)
        try:
            stat = path.stat()
            stamp.append([str(path.resolve()), stat.st_size, stat.st_mtime_ns])
        except OSError:
            stamp.append([str(path), None, None])
    try:
        saved = json.loads((cache / KNOWN_CACHE).read_text(encoding="utf-8"))
        if saved["stamp"] == stamp and all(key in saved["known"] for key in keys):
            return {key: saved["known"][key] for key in keys}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    known = {key: known_entities(key, data) for key in keys}
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"stamp": stamp, "known": known}, out)
        os.replace(tmp, cache / KNOWN_CACHE)
    except OSError:
        pass
    return known


def load_taxonomies(settings: dict) -> list[Taxonomy]:
    data = data_dir(Path(settings["PATH"]).parent)
    confs = settings.get("ENTITY_TAXONOMIES", {})
    known = cached_known_entities(list(confs), data, Path(settings["CACHE_PATH"]))
    taxonomies = []
    for key, conf in confs.items():
        conf = dict(conf)
        conf.setdefault("field", key)
        taxonomies.append(Taxonomy(key=key, known=known[key], **conf))
    return taxonomies


def find_word(text: str, word: str, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of word's first whole-word occurrence in text from `start` (str.find: no
    regex)."""
    start = text.find(word, start)
    while start != -1:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            return start, end
        start = text.find(word, start + 1)
    return None


#: A capitalised word right before a surname makes it part of another name ("Goldman Sachs");
#: a title written short ("Mr.", "Sen.") ends with its stop and does not.
_NAME_WORD_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[^\W\d_] $")


def find_surname(text: str, word: str) -> tuple[int, int] | None:
    """A person's surname alone, not as the last word of another name ("Sachs" of "Goldman
    Sachs" is no mention of Jeffrey Sachs), found as find_word finds it."""
    found = find_word(text, word)
    while found and _NAME_WORD_BEFORE.search(text[max(0, found[0] - 40) : found[0]]):
        found = find_word(text, word, found[0] + 1)
    return found


#: Where a block of the article (a paragraph, a heading, an item) starts or ends.
_BLOCK_EDGE = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|dl|dd|dt|blockquote|div|table|tr|td|th|figure|figcaption|pre)\b[^>]*>|<br\b[^>]*>", re.I)  # fmt: skip


def _window(content: str, found: tuple[int, int]) -> str:
    """The text around content[found[0]:found[1]], cut to whole words, with ellipses where it
    is cut (not at the article's start or end: "Mirela Santangelo is…" kept its first word),
    within the mention's own paragraph, heading or item (a heading's last words ran into the
    paragraph under it: "…concerns Teodor Vasku, …")."""
    start, end = max(0, found[0] - EXCERPT_CHARS), found[1] + EXCERPT_CHARS
    cut_start, cut_end = start > 0, end < len(content)
    for edge in _BLOCK_EDGE.finditer(content, start, found[0]):
        start, cut_start = edge.end(), False
    if edge := _BLOCK_EDGE.search(content, found[1], end):
        end, cut_end = edge.start(), False
    text = " ".join(html.unescape(_TAG.sub(" ", content[start:end])).split())
    words = text.split(" ")
    if len(words) <= 2:
        return text
    kept = words[1 if cut_start else 0 : -1 if cut_end else None]
    return ("…" if cut_start else "") + " ".join(kept) + ("…" if cut_end else "")


def excerpt(article, entity: Entity) -> str:
    """A line of the article around the first mention of the entity (a topic: of one of its
    strongest phrases), else the opening of its summary: one line, never the whole summary.

    Read from the article's HTML as sanitised (`_content`), not through Pelican's `content`
    property, a memoised call that rewrites in-site links for the page shown (links are cut
    from an excerpt): ~1 s of the workers' CPU at 20,000 articles, 380,000 lines."""
    content = getattr(article, "_content", None) or article.content
    spellings = [entity.name, *entity.info.get("aliases", [])]
    for spelling in spellings:
        found = find_word(content, html.escape(spelling, quote=False))
        if found:
            return _window(content, found)
    if entity.taxonomy.key == "people" and len(entity.name.split()) > 1:
        found = find_surname(content, html.escape(entity.name.split()[-1], quote=False))
        if found:
            return _window(content, found)
    phrases = entity.info.get("phrases")
    if phrases:
        lowered = content.lower()
        if len(lowered) == len(content):  # (positions in one are positions in the other)
            for phrase in phrases:
                found = find_word(lowered, html.escape(phrase, quote=False))
                if found:
                    return _window(content, found)
    summary = " ".join(html.unescape(_TAG.sub(" ", str(getattr(article, "summary", "")))).split())
    if len(summary) <= 2 * EXCERPT_CHARS + 10:
        return summary
    return summary[: 2 * EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


class Deferred:
    """A chart made only if its page is rendered (most pages are kept unrendered on a
    rebuild): the page's signature takes the chart's inputs (`deferred`), not its SVG."""

    def __init__(self, function, *args, **options):
        self.deferred = (function, *args, *sorted(options.items()))
        self._call = (function, args, options)
        self._value: str | None = None

    @property
    def value(self) -> str:
        if self._value is None:
            function, args, options = self._call
            self._value = function(*args, **options)
        return self._value

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return self.value

    def __html__(self) -> str:
        return self.value


class Neighbours(list):
    """(entity or None, name, count) rows, with the token a page's digest takes for them
    (plugins/incremental_output: every entity page has two such lists, and a token made
    here is one string, not a walk over thirty values)."""

    def __init__(self, rows: list[tuple]):
        super().__init__(rows)
        self.signature_token = "\x01".join(
            f"{name}\0{n}\0{entity.taxonomy.key}\0{entity.slug}\0{entity.has_page}"
            if entity is not None
            else f"{name}\0{n}"
            for entity, name, n in rows
        )


class EntityPagesGenerator(Generator):
    """Builds the index after the articles are read; writes index, entity pages and feeds."""

    def generate_context(self):
        self.taxonomies = load_taxonomies(self.settings)
        articles = self.context.get("articles", [])
        self.index = build_index(articles, self.taxonomies)
        link_in_time(articles)
        cache = Path(self.settings["CACHE_PATH"])
        remembered = load_memory(cache)
        memory = assign_related(articles, self.index, remembered)
        if remembered is None or memory.rescored or memory.keys != remembered.keys:
            save_memory(cache, memory)
        self.moved = {t.key: moved_slugs(self.index[t.key]) for t in self.taxonomies}
        # (a page that leads elsewhere is no page of the sitemap: plugins/site_files)
        moved_urls = [t.url.format(slug=slug) for t in self.taxonomies for slug in self.moved[t.key]]  # fmt: skip
        signal("newsarchive-moved-pages").send(self, urls=moved_urls)
        self.context["entity_taxonomies"] = self.taxonomies
        self.context["entity_top"] = {
            t.key: sorted(
                (e for e in self.index[t.key].values() if e.has_page),
                key=lambda e: (-e.count, e.sort_key),
            )[:TOP_ON_HOME]
            for t in self.taxonomies
        }

    def search_filter_values(self) -> dict[str, set[str]]:
        """For each taxonomy with a search filter, the names its menu lists: those with a
        page (plugins/search_index; every tag chip carries its filter mark)."""
        return {
            t.filter: {e.name for e in self.index[t.key].values() if e.has_page}
            for t in self.taxonomies
            if t.filter
        }

    def _neighbours(self, counter, taxonomy_key: str) -> Neighbours:
        entities = self.index.get(taxonomy_key, {})
        return Neighbours(
            [(entities.get(name), name, n) for name, n in counter.most_common(NEIGHBOURS)]
        )

    @staticmethod
    def _hierarchy(entities: list[Entity]) -> tuple[dict, dict]:
        """(slug -> entity, parent slug -> children) among entities with pages (topics)."""
        by_slug = {e.slug: e for e in entities}
        children: dict[str, list[Entity]] = {}
        for entity in sorted(entities, key=lambda e: -e.count):
            if entity.info.get("parent"):
                children.setdefault(entity.info["parent"], []).append(entity)
        return by_slug, children

    def _year_links(self, entity: Entity, per_page: int) -> list[tuple[str, str, str]]:
        """For a list of more than one page, each of its years (newest first) with the page
        holding its newest article (its URL; "" for the first page itself) and the id of
        its heading there: a reader after the articles of 2013 among 2,000 goes there, not
        through the pages one by one."""
        count, years = entity.count, entity.years
        if not older_pages(count, per_page):
            return []
        starts = [(str(year), i) for i, year in enumerate(years) if not i or year != years[i - 1]]
        if entity.undated:
            starts.append(("Date unknown", len(years)))
        links = []
        for label, index in starts:
            number = page_number(index, count, per_page)
            address = page_address(entity.save_as, entity.url, number, self.settings)[0]
            anchor = "undated" if label == "Date unknown" else f"y{label}"
            links.append((label, address if number else "", anchor))
        return links

    def _people_chart(self, entity: Entity, beside: Neighbours) -> Deferred | str:
        """The people most often named beside a person (`beside`: its related_people), as
        bars linking to their pages."""
        if entity.taxonomy.key != "people" or not beside:
            return ""
        prefix = site_root_prefix(self.settings, entity.save_as)
        rows = [
            (name, n, prefix + person.url if person is not None and person.has_page else None)
            for person, name, n in beside
        ]
        label = f"People most often mentioned with {entity.name}, and in how many articles"
        return Deferred(bar_list, rows, label)

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        for taxonomy in self.taxonomies:
            entities = [e for e in self.index[taxonomy.key].values() if e.has_page]
            letters: dict[str, list[Entity]] = {}
            for entity in sorted(entities, key=lambda e: e.sort_key):
                letter = entity.sort_key[:1].upper()
                letters.setdefault(letter if letter.isalpha() else "#", []).append(entity)
            writer.write_file(
                taxonomy.index_save_as,
                self.get_template(taxonomy.index_template),
                self.context,
                relative,
                url=taxonomy.index_url,
                taxonomy=taxonomy,
                most=sorted(entities, key=lambda e: (-e.count, e.sort_key))[:30],
                letters=letters,
                total=len(entities),
            )
            template = self.get_template(taxonomy.template)
            per_page = self.settings["PAGINATED_TEMPLATES"].get(taxonomy.template) or self.settings["DEFAULT_PAGINATION"]  # fmt: skip
            by_slug, children_of = self._hierarchy(entities)
            for entity in entities:
                related_people = self._neighbours(entity.people, "people")
                writer.write_file(
                    entity.save_as,
                    template,
                    self.context,
                    relative,
                    paginated={"articles": entity.articles},
                    template_name=taxonomy.template,
                    url=entity.url,
                    entity=entity,
                    taxonomy=taxonomy,
                    parent=by_slug.get(entity.info.get("parent") or ""),
                    excerpt=excerpt,
                    # on the first page only (plugins/incremental_output): the older pages
                    # keep their bytes when articles are added
                    landing=dict(
                        related_people=related_people,
                        related_topics=self._neighbours(entity.topics, "topics"),
                        people_chart=self._people_chart(entity, related_people),
                        chart=Deferred(
                            bar_chart,
                            per_year_of(entity.years),
                            f"Articles {'from' if taxonomy.field == 'source' else 'mentioning'} {entity.name}, per year",
                            uncharted=entity.count - len(entity.years),
                        ),
                        children=children_of.get(entity.slug, []),
                        year_links=self._year_links(entity, per_page),
                    ),
                )
                self._write_feed(writer, entity, entity.feed)
            moved = self.get_template("moved")
            for slug, entity in self.moved[taxonomy.key].items():
                url = taxonomy.url.format(slug=slug)
                writer.write_file(taxonomy.save_as.format(slug=slug), moved, self.context, relative,
                                  url=url, target_name=entity.name, target_kind=taxonomy.title, target=entity.url)  # fmt: skip
                # a feed cannot send its reader on: the old feed keeps carrying the entries
                if taxonomy.feed:
                    self._write_feed(writer, entity, taxonomy.feed.format(slug=slug))

    def _write_feed(self, writer, entity: Entity, path: str | None) -> None:
        """The entity's feed, written at `path`: its own, or the one its page had before a
        merge or a new slug (whose subscribers keep their entries; the feed names its
        address, so a reader that follows it moves on)."""
        if not path or not entity.feed:
            return
        writer.write_feed(
            entity.articles[: self.settings.get("ENTITY_FEED_MAX_ITEMS", 10)],
            self.context,
            path,
            url=entity.feed,
            feed_title=entity.name,  # Pelican puts the site's name before it
        )


def entity_page_of_feed(settings: dict, feed_path: str) -> str | None:
    """The page an entity feed belongs to ("people/sergei-lavrov/atom.xml" is the feed of
    "people/sergei-lavrov/"), from the taxonomies' URL patterns; None for other feeds."""
    for conf in settings.get("ENTITY_TAXONOMIES", {}).values():
        if not conf.get("feed"):
            continue
        pattern = re.escape(conf["feed"]).replace(re.escape("{slug}"), "(?P<slug>[^/]+)")
        if found := re.fullmatch(pattern, feed_path):
            return conf["url"].format(slug=found["slug"])
    return None


def link_feed_to_its_page(context: dict, feed) -> None:
    """Pelican gives every feed the site's home as its link (and its id: plugins/archive_metadata
    gives a feed its own), so feed readers took all of a site's person and topic feeds for one
    feed. An entity feed's link becomes the entity's page."""
    domain = context.get("FEED_DOMAIN") or ""
    address = feed.feed["feed_url"]
    if address:
        page = entity_page_of_feed(context, address.removeprefix(domain).lstrip("/"))
        if page is not None:
            feed.feed["link"] = feed.feed["link"] + page


def get_generators(pelican_object):
    return EntityPagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(link_feed_to_its_page)
