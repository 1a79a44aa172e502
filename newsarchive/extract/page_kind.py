"""What a page declares itself to be (schema.org types): a page that declares itself an
article is one, whatever its text looks like.
"""

from __future__ import annotations

from newsarchive.extract.metadata import json_ld_objects


def declared_types(tree) -> set[str]:
    """The schema.org types the page declares for itself: its JSON-LD objects' (a
    `@graph`'s members too) and the microdata types of its html, body and main elements (an
    item inside them is a part of the page: a gallery in an article)."""
    found = set()
    for obj in json_ld_objects(tree):
        kinds = obj.get("@type")
        found.update(kinds if isinstance(kinds, list) else [kinds])
    items = tree.xpath("//html[@itemtype] | //body[@itemtype] | //main[@itemtype]")
    found.update(item.get("itemtype") for item in items)
    return {_type_name(kind) for kind in found if kind}


def _type_name(kind) -> str:
    """`https://schema.org/AboutPage` as `AboutPage`."""
    return str(kind).strip().rstrip("/").rsplit("/", 1)[-1]


def declares_article_anywhere(tree) -> bool:
    """Whether the page declares itself an article, in JSON-LD or by its only outermost
    microdata item (`<article itemscope itemtype=".../NewsArticle">`; a list of stories'
    teasers are several items, none of them the page)."""
    outermost = tree.xpath("//*[@itemscope and @itemtype and not(ancestor::*[@itemscope])]")
    own = {_type_name(item.get("itemtype")) for item in outermost} if len(outermost) == 1 else set()
    return declares_article(declared_types(tree) | own)


def declares_article(types: set[str]) -> bool:
    """Whether one of the page's declared types is an article's (NewsArticle, BlogPosting,
    LiveBlogPosting, ...), as the page's metadata reads them."""
    return any("Article" in kind or "Posting" in kind for kind in types)
