"""The pages of an article split over several (`?page=2`, `/story/2/`), joined into one.

A crawl saves each page of such an article as a page of its own, under one headline and,
on many sites, one canonical address: stored one by one, each page replaced the one before
it (the article kept its last page's text alone), or made an article of its own. The
importer offers each extracted article here: a page of a multi-page article is held until
its pages have come (its first one, and each up to one that links to no next page), then
they are stored as one article, their texts in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsarchive.article import Article


@dataclass
class Page:
    """One extracted page, as the importer stores it: its input's place in the run."""

    index: int
    article: Article
    raw: bytes


@dataclass
class Joined:
    """The pages of one article, in page order, and what the article's text lacks: the
    numbers of its pages this import did not have (none when it is whole)."""

    pages: list[Page]
    missing: list[int] = field(default_factory=list)
    #: Earlier captures of a page met twice (a crawl that came back to it): the later is taken.
    earlier: list[Page] = field(default_factory=list)

    def article(self) -> Article:
        """The first page's article with the later pages' text after its own."""
        first = self.pages[0].article
        later = [page.article for page in self.pages[1:]]
        warnings = list(dict.fromkeys(w for p in self.pages for w in p.article.warnings))
        if self.missing:
            shown = ", ".join(map(str, self.missing))
            warnings.append(f"its page {shown} was not among the inputs: its text lacks it")
        return replace(
            first,
            body_markdown="\n\n".join(a.body_markdown.strip() for a in [first, *later]),
            body_text="\n\n".join(a.body_text for a in [first, *later]),
            incomplete=any(a.incomplete for a in [first, *later]),
            warnings=warnings,
            page_raws=[_raw_name(a) for a in later],
        )


def _raw_name(article: Article) -> str:
    from newsarchive.store import raw_relative_path  # (the store's naming of raw copies)

    return raw_relative_path(article).as_posix()


def _opening(article: Article) -> str:
    return " ".join(article.body_text.split("\n\n", 1)[0].split())


class PageGroups:
    """The held pages of multi-page articles, by their first page's address key."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[int, Page]] = {}
        self.earlier: dict[str, list[Page]] = {}

    def offer(self, page: Page) -> list[Joined | Page]:
        """What to store now, in order: the page itself (no page of a multi-page article),
        nothing (held), or the article whose pages have all come, joined. A page that is
        no page of the held article at its address (a comment page, a copy that repeats
        one held) ends it there: what is held is stored first, then the page."""
        article = page.article
        key = article.first_page
        held = self.groups.get(key, {})
        if not key or not (article.page > 1 or article.next_page or held):
            return [page]
        if held and not _same_article(held, article):
            return [*self._release(key, whole=True), page]
        if article.page in held:
            self.earlier.setdefault(key, []).append(held[article.page])
        held[article.page] = page
        self.groups[key] = held
        return [Joined(*self._take(key))] if 1 in held and _whole(held) else []

    def _take(self, key: str) -> tuple[list[Page], list[int], list[Page]]:
        """A held article's pages in order, none missing yet, and earlier captures."""
        held = self.groups.pop(key)
        return [held[n] for n in sorted(held)], [], self.earlier.pop(key, [])

    def rest(self) -> list[Joined | Page]:
        """What is still held at the end of the import, in input order: articles whose pages
        did not all come (joined as far as they go, the missing pages named), and later
        pages of articles whose first page this import did not have (each alone)."""
        left = [item for key in list(self.groups) for item in self._release(key)]
        return sorted(left, key=lambda item: item.pages[0].index if isinstance(item, Joined) else item.index)  # fmt: skip

    def _release(self, key: str, whole: bool = False) -> list[Joined | Page]:
        """A held article as far as its pages go (`whole`: said to end there), or, without
        its first page, its pages each alone."""
        held = self.groups[key]
        last = max(held)
        missing = [n for n in range(2, last + 1) if n not in held]
        if held[last].article.next_page and not whole:
            missing.append(last + 1)
        pages, _, earlier = self._take(key)
        if 1 not in held:
            return sorted([*pages, *earlier], key=lambda page: page.index)
        return [Joined(pages, missing, earlier)]


def _same_article(held: dict[int, Page], article: Article) -> bool:
    """A page of the held article: the same headline, and a text of its own (a page that
    opens as one held does is a copy of it, a comment page say, not its continuation)."""
    some = next(iter(held.values())).article
    return " ".join(some.title.split()) == " ".join(article.title.split()) and all(
        _opening(page.article) != _opening(article) for page in held.values()
    )


def _whole(held: dict[int, Page]) -> bool:
    """Pages 1 to the last held, each there, the last linking to no page after it."""
    last = max(held)
    return all(n in held for n in range(1, last + 1)) and not held[last].article.next_page
