"""The entity index: for each taxonomy, which articles name which entity. One pass, no scans.

Built from the articles' tag fields (People, Topics, Organisations, Places: ';'-separated),
in the articles' own order (newest first), so each entity's list is already sorted. Names
spelt alike but for case, accents, spaces and punctuation are one entity (fold_key).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from unidecode import unidecode

from newsarchive.store import slugify, source_key

#: Generational suffixes, never a surname ("Martin Luther King, Jr.", "Elizabeth II"): the
#: tagger's (names.surname), repeated so that a build does not import the tagger and spaCy.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass
class Taxonomy:
    """One kind of entity page, declared in ENTITY_TAXONOMIES like a Hugo taxonomy."""

    key: str  # "people"
    field: str  # article metadata key, lower case ("people")
    title: str  # "People"
    url: str  # "people/{slug}/"
    save_as: str  # "people/{slug}/index.html"
    index_url: str
    index_save_as: str
    template: str = "entity"
    index_template: str = "entities"
    min_articles: int = 2
    feed: str | None = None  # "people/{slug}/atom.xml", or None for no feeds
    filter: str | None = None  # the search filter's name ("person"), or None
    excerpts: bool = True  # each listed article with a line where the entity is named
    known: dict[str, dict] = field(default_factory=dict)  # name -> registry/taxonomy entry


@dataclass
class Entity:
    taxonomy: Taxonomy
    name: str
    slug: str
    articles: list = field(default_factory=list)
    info: dict = field(default_factory=dict)  # role, description, parent ... from data/
    people: Counter = field(default_factory=Counter)  # co-mentioned people
    topics: Counter = field(default_factory=Counter)
    has_page: bool = False
    undated: bool = False  # some of its articles are undated (build_index)
    years: list[int] = field(default_factory=list)  # each dated article's year, as `articles`

    @property
    def url(self) -> str:
        return self.taxonomy.url.format(slug=self.slug)

    @property
    def save_as(self) -> str:
        return self.taxonomy.save_as.format(slug=self.slug)

    @property
    def feed(self) -> str | None:
        """The feed's path; None without one, and for an entity of undated articles only (a
        feed entry needs a date: such a feed would always be empty)."""
        if not self.taxonomy.feed or not self.dated:
            return None
        return self.taxonomy.feed.format(slug=self.slug)

    @property
    def count(self) -> int:
        return len(self.articles)

    @functools.cached_property
    def dated(self) -> list:
        """The dated articles (asked several times per page: computed once, after indexing;
        the list of articles itself where none is undated, as nearly always)."""
        if not self.undated:
            return self.articles
        return [a for a in self.articles if not getattr(a, "date_unknown", False)]

    @property
    def first(self):
        dated = self.dated
        return dated[-1].date if dated else None

    @property
    def last(self):
        dated = self.dated
        return dated[0].date if dated else None

    @functools.cached_property
    def sort_key(self) -> str:
        """Alphabetical place: people by surname (the registry's `family_name` where the family
        name comes first: Xi Jinping under X; "Elizabeth II" under E), then by full name;
        everything else by name."""
        if self.taxonomy.key != "people":
            return alphabetical(self.name)
        words = [w for w in self.name.split() if w.lower().strip(".,") not in _SUFFIXES]
        family = self.info.get("family_name") or (words or self.name.split())[-1]
        return alphabetical(f"{family} {self.name}")


def _letter_as_listed(char: str) -> str:
    """A Latin letter as its base letter(s) ("Ö" O, "Ł" L, "ß" ss), a Greek one without
    its accents; any other as it is (Cyrillic's "Й" is a letter of its own, not "И")."""
    if "\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff":
        return unidecode(char)
    if "\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff":
        decomposed = unicodedata.normalize("NFD", char)
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return char


def alphabetical(name: str) -> str:
    """A name's place in an A-Z list, lower-cased: "Öttinger" among the Os and "Łukasz"
    among the Ls, as readers look for them, not after Z under letters of their own
    (code points order every accented capital after "z"); the name itself breaks ties."""
    return "".join(map(_letter_as_listed, name)).lower() + "\0" + name.lower()


def split_names(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [name for name in map(str.strip, str(value or "").split(";")) if name]


def _slug_for(taxonomy: Taxonomy, name: str, used: set[str]) -> str:
    known = taxonomy.known.get(name)
    slug = str(known["slug"]) if known and known.get("slug") else slugify(name)
    base, n = slug, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


@functools.cache
def fold_key(name: str) -> str:
    """One entity however its articles spell it: case, accents, spaces and punctuation aside
    ("PolitiFact" and "Politifact", "Royce-Ferrand" and "Royce Ferrand": an editor's hand edit,
    an older import, another outlet's style), as the importer files sources (store.source_key)."""
    return source_key(name) or name


def shown_names(
    named: dict[str, list[list[str]]], taxonomies: list[Taxonomy]
) -> dict[str, dict[str, str]]:
    """taxonomy key -> each spelling in the articles (`named`: taxonomy key -> each article's
    names) -> the name its entity is shown under:
    the data/ file's name where the spelling is that name or one of its aliases ("Obama" and
    "NYTimes" written by hand or by an older import), else the most used of the spellings
    alike not in capitals ("USA Today", not a dateline's or a shouting page's "USA TODAY"),
    the first seen of ties."""
    shown: dict[str, dict[str, str]] = {}
    for taxonomy in taxonomies:
        used: Counter = Counter()
        for names in named[taxonomy.key]:
            used.update(dict.fromkeys(names).keys())
        declared = _declared_spellings(taxonomy)
        folded: dict[str, list[str]] = {}
        for name in used:
            folded.setdefault(fold_key(name), []).append(name)
        names = shown[taxonomy.key] = {}
        for key, spellings in folded.items():
            best = declared.get(key) or max(spellings, key=lambda s: (not _in_capitals(s), used[s]))
            names.update(dict.fromkeys(spellings, best))
    return shown


def _in_capitals(name: str) -> bool:
    """Capitals that are not an acronym's (the tagger's names.in_capitals, repeated so that a
    build does not import spaCy)."""
    letters = [c for c in name if c.isalpha()]
    return all(c.isupper() for c in letters) and (" " in name.strip() or len(letters) > 4)


def _declared_spellings(taxonomy: Taxonomy) -> dict[str, str]:
    """fold_key of each name data/ declares, and of each of its aliases -> the name."""
    declared: dict[str, str] = {}
    for name, info in taxonomy.known.items():
        for spelling in [*(info.get("aliases") or []), name]:  # (a name wins over an alias)
            declared[fold_key(str(spelling))] = name
    return declared


#: Kinds the tagger tells apart by the model's label alone, which now and then swaps them
#: (Spotify a place, Natanz an organisation).
EITHER_KIND = ("organisations", "places")


def _filed_by_hand(article) -> set[str]:
    """fold_key of each organisation and place an editor filed in this article: in its field
    and not in the tagger's Auto_ copy of it (all of them in a file without one)."""
    hand: set[str] = set()
    for key in EITHER_KIND:
        tagger = {fold_key(n) for n in split_names(getattr(article, f"auto_{key}", ""))}
        hand |= {fold_key(n) for n in split_names(getattr(article, key, ""))} - tagger
    return hand


def _file_where_most_articles_do(named: dict[str, list[list[str]]], taxonomies, articles: list) -> None:  # fmt: skip
    """A name some articles file as an organisation and others as a place is filed, in every
    article, as more of them file it (a tie moves nothing), unless data/ declares it (its name
    or an alias: "NY" is New York); where an editor filed it (_filed_by_hand: asked only when
    some name is filed both ways), it stays."""
    if not all(key in named for key in EITHER_KIND):
        return
    known = {key for t in taxonomies if t.key in EITHER_KIND for key in _declared_spellings(t)}
    votes: dict[str, Counter] = {}
    for key in EITHER_KIND:
        for names in named[key]:
            for folded in {fold_key(name) for name in names}:
                votes.setdefault(folded, Counter())[key] += 1
    kind_of = {
        folded: max(EITHER_KIND, key=counts.__getitem__)
        for folded, counts in votes.items()
        if len(counts) == 2 and len(set(counts.values())) == 2 and folded not in known
    }
    if not kind_of:
        return
    by_hand = [_filed_by_hand(article) for article in articles]
    organisations, places = (named[key] for key in EITHER_KIND)
    for i, written in enumerate(zip(organisations, places, strict=True)):
        filed: dict[str, list[str]] = {key: [] for key in EITHER_KIND}
        for key, names in zip(EITHER_KIND, written, strict=True):
            for name in names:
                folded = fold_key(name)
                filed[key if folded in by_hand[i] else kind_of.get(folded, key)].append(name)
        organisations[i], places[i] = (filed[key] for key in EITHER_KIND)


def _year(article) -> int | None:
    """The year of an article's date (None without one: a chart cannot place it)."""
    date = getattr(article, "date", None)
    return date.year if date is not None else None


def build_index(articles: list, taxonomies: list[Taxonomy]) -> dict[str, dict[str, Entity]]:
    """taxonomy key -> entity name -> Entity, with page decisions and co-occurrence counts."""
    index: dict[str, dict[str, Entity]] = {t.key: {} for t in taxonomies}
    slugs: dict[str, set[str]] = {t.key: set() for t in taxonomies}
    # each article's names, split once (shown_names counts them, the loop files them)
    named = {t.key: [split_names(getattr(a, t.field, "")) for a in articles] for t in taxonomies}
    _file_where_most_articles_do(named, taxonomies, articles)
    shown = shown_names(named, taxonomies)
    per_article: list[dict[str, list[Entity]]] = [{} for _ in articles]
    # (read here, each article once: an article's attributes are a cache miss each, and an
    # entity's chart would read them again for each of its articles)
    undated = [getattr(a, "date_unknown", False) for a in articles]
    years = [None if u else _year(a) for a, u in zip(articles, undated, strict=True)]
    for taxonomy in taxonomies:  # (a taxonomy at a time: its lookups made once, not per article)
        entities_of, as_shown, key = index[taxonomy.key], shown[taxonomy.key].__getitem__, taxonomy.key  # fmt: skip
        for article, year, names, found in zip(articles, years, named[key], per_article, strict=True):  # fmt: skip
            entities = found[key] = []
            for name in dict.fromkeys(map(as_shown, names)):
                entity = entities_of.get(name)
                if entity is None:
                    slug = _slug_for(taxonomy, name, slugs[key])
                    info = taxonomy.known.get(name, {})
                    entity = entities_of[name] = Entity(taxonomy, name, slug, info=info)
                entity.articles.append(article)
                if year is not None:
                    entity.years.append(year)
                entities.append(entity)
            if taxonomy.field == "source" and entities:
                # the byline, lists, feeds and the search's source filter say it as its page does
                article.source = entities[0].name
    for article, found, unknown in zip(articles, per_article, undated, strict=True):
        article.entity_tags = found
        if unknown:
            for entities in found.values():
                for entity in entities:
                    entity.undated = True
    for taxonomy in taxonomies:
        for entity in index[taxonomy.key].values():
            entity.has_page = entity.count >= taxonomy.min_articles or (
                entity.name in taxonomy.known and entity.count >= 1
            )
    _count_neighbours(per_article)
    return index


def moved_slugs(entities: dict[str, Entity]) -> dict[str, Entity]:
    """Addresses a page may have had, each old slug -> the entity whose page it leads to: the
    slugs of the names data/ gives an entity with a page (its name and each alias) that no
    entity of the taxonomy holds. A person merged into another ("Sergey Lavrov", made an alias
    of Sergei Lavrov) or a topic given a new slug keeps its old address working for the links,
    bookmarks and citations made to it; a slug two entities would claim leads nowhere."""
    taken = {entity.slug for entity in entities.values()}
    claims: dict[str, set[str]] = {}
    for entity in entities.values():
        if not entity.has_page or not entity.info:
            continue
        for spelling in [entity.name, *(entity.info.get("aliases") or [])]:
            slug = slugify(str(spelling))
            if slug and slug not in taken:
                claims.setdefault(slug, set()).add(entity.name)
    return {slug: entities[min(names)] for slug, names in sorted(claims.items()) if len(names) == 1}


def _count_neighbours(per_article: list[dict[str, list[Entity]]]) -> None:
    """People and topics that appear beside each entity with a page (per article: k x m)."""
    # The names are gathered in a list per entity and counted once at the end: one
    # Counter.update per article and entity costs ten times a list.extend.
    beside: dict[int, tuple[Entity, list[str], list[str]]] = {}
    for found in per_article:
        people = [e.name for e in found.get("people", [])]
        topics = [e.name for e in found.get("topics", [])]
        for entities in found.values():
            for entity in entities:
                if entity.has_page:
                    lists = beside.get(id(entity))
                    if lists is None:
                        lists = beside[id(entity)] = (entity, [], [])
                    lists[1].extend(people)
                    lists[2].extend(topics)
    for entity, people, topics in beside.values():
        entity.people.update(people)  # (in first-seen order, as most_common breaks ties)
        entity.topics.update(topics)
        entity.people.pop(entity.name, None)  # never beside itself
        entity.topics.pop(entity.name, None)


def link_in_time(articles: list) -> None:
    """Each dated article's newer and older neighbour (articles come newest first)."""
    dated = [a for a in articles if not getattr(a, "date_unknown", False)]
    for i, article in enumerate(dated):
        article.newer = dated[i - 1] if i > 0 else None
        article.older = dated[i + 1] if i + 1 < len(dated) else None
