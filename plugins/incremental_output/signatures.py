"""What a page shows, as a digest: a page whose digest is the one the last build wrote it with
is not rendered again.

A queued page (a template and its variables, or a feed and its entries) is reduced to tokens:
an article in a list by its URL, metadata and text (`brief`); the article of an article page
also by its neighbours, related articles and tags (`full`); an entity by its name, slug and
whether it has a page, and on a list's first page (the landing page) by its count and dates
too. Templates that read the whole archive from the global context (the home page, the date
overview) also take a digest of every article's brief. A value may carry its own token (`signature_token`: a string
saying all it shows). Anything the tokens do not know makes
the page be rendered, so a mistake costs time, never a stale page; the settings, theme,
plugins and code are in every digest (build_state.code_fingerprint).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

#: Templates that read the whole archive from the global context (`articles`, `entity_top`).
GLOBAL_TEMPLATES = {"index.html", "dates.html"}
#: Variables whose entities are shown with their article counts (on a first page): the page
#: itself, narrower topics, an index's entities. Elsewhere (co-mentioned people, tags) an
#: entity is shown by name and link only, so a neighbour's new article changes nothing.
COUNTED = {"entity", "children", "most", "letters", "entity_top"}


class Untokenisable(Exception):
    """A value the digest cannot describe: the page is rendered every build."""


def _digest(*parts: str) -> str:
    """Each part followed by a NUL, digested (joined first: one call, not two per part)."""
    data = "\0".join(parts).encode("utf-8", "surrogatepass") + b"\0" if parts else b""
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def brief(item) -> str:
    """An article or page as a list, a feed or a related link shows it."""
    token = item.__dict__.get("_signature_brief")
    if token is None:
        metadata = sorted((str(k), str(v)) for k, v in item.metadata.items())
        token = _digest(str(item.url), repr(metadata), str(item._content or ""))
        item._signature_brief = token
    return token


def _identity(entity) -> str:
    """An entity as a tag shows it (kept on it: an article page asks for each of its tags)."""
    token = entity.__dict__.get("_signature_identity")
    if token is None:
        token = f"E{entity.taxonomy.key}\0{entity.name}\0{entity.slug}\0{entity.has_page}"
        entity._signature_identity = token
    return token


def full(article) -> str:
    """An article as its own page shows it: itself, its neighbours, related articles, tags."""
    parts = [brief(article)]
    for attribute in ("newer", "older"):
        other = getattr(article, attribute, None)
        parts.append(brief(other) if other is not None else "-")
    parts += [brief(other) for other in getattr(article, "related", None) or ()]
    parts.append("|")
    for key, entities in (getattr(article, "entity_tags", None) or {}).items():
        parts.append(key)
        parts += [_identity(e) for e in entities]
    return _digest(*parts)


def _entity(entity, landing: bool) -> str:
    """An entity as a page shows it: on a first page, with its count and dates (kept on it:
    the index of its kind lists it, and its neighbours' pages)."""
    if not landing:
        return _identity(entity)
    token = entity.__dict__.get("_signature_counted")
    if token is None:
        info = repr(sorted((str(k), str(v)) for k, v in entity.info.items()))
        token = f"{_identity(entity)}\0{entity.count}\0{entity.first}\0{entity.last}\0{info}"
        entity._signature_counted = token
    return token


_PLAIN = (type(None), bool, int, float, str)
_NONE: dict = {}


def tokens(value, landing: bool, out: list[str]) -> None:
    """Append value's tokens to out (raises Untokenisable). A page is tens of values, an
    archive tens of thousands of pages: the handler is chosen once per type (_handler)."""
    kind = type(value)
    if kind in _PLAIN:  # (the common case first)
        out.append(f"{kind.__name__}:{value}")
    else:
        (_HANDLERS.get(kind) or _handler(kind, value))(value, landing, out)


def _sequence(value, landing: bool, out: list[str]) -> None:
    out.append("[")
    for item in value:
        kind = type(item)
        if kind in _PLAIN:  # (names and counts in a list: no call each)
            out.append(f"{kind.__name__}:{item}")
        elif kind is tuple:  # (rows of names, counts and entities)
            _sequence(item, landing, out)
        else:
            # (an article's brief is kept on it: a list of articles costs a lookup each)
            token = getattr(item, "__dict__", _NONE).get("_signature_brief")
            if token is not None:
                out.append(token)
            else:
                (_HANDLERS.get(kind) or _handler(kind, item))(item, landing, out)
    out.append("]")


def _mapping(value, landing: bool, out: list[str]) -> None:
    out.append("{")
    for key, item in value.items():
        tokens(key, landing, out)
        tokens(item, landing, out)
    out.append("}")


def _deferred(value, landing: bool, out: list[str]) -> None:
    """Made only if its page is rendered: its function and inputs."""
    _sequence(value.deferred, landing, out)


def _untokenisable(value, landing: bool, out: list[str]) -> None:
    raise Untokenisable(type(value).__name__)


def _told(value, landing: bool, out: list[str]) -> None:
    out.append(value.signature_token)


def _plain(value, landing: bool, out: list[str]) -> None:
    out.append(f"{type(value).__name__}:{value}")


def _content(value, landing: bool, out: list[str]) -> None:
    out.append(brief(value))


def _date(value, landing: bool, out: list[str]) -> None:
    out.append(value.isoformat())


def _entity_token(value, landing: bool, out: list[str]) -> None:
    out.append(_entity(value, landing))


def _taxonomy(value, landing: bool, out: list[str]) -> None:
    out.append(f"T{value.key}")  # declared in the settings: in the code fingerprint


def _url_wrapper(value, landing: bool, out: list[str]) -> None:
    out.append(f"U{value}")


def _function(value, landing: bool, out: list[str]) -> None:
    out.append(f"F{value.__module__}.{value.__qualname__}")


def _handler(kind: type, value):
    """How values of this type are tokenised (decided by the first one seen, then kept)."""
    if isinstance(value, bool | int | float | str):  # (subclasses: Markup ...)
        handler = _plain
    elif hasattr(value, "signature_token"):  # (what it shows, told by the one who made it)
        handler = _told
    elif hasattr(value, "deferred"):
        handler = _deferred
    elif isinstance(value, Content):
        handler = _content
    elif isinstance(value, datetime | date):
        handler = _date
    elif kind.__name__ == "Entity" and hasattr(value, "taxonomy"):
        handler = _entity_token
    elif kind.__name__ == "Taxonomy" and hasattr(value, "key"):
        handler = _taxonomy
    elif isinstance(value, URLWrapper):
        handler = _url_wrapper
    elif isinstance(value, Mapping):
        handler = _mapping
    elif isinstance(value, list | tuple):
        handler = _sequence
    elif callable(value) and hasattr(value, "__qualname__"):
        handler = _function
    else:
        handler = _untokenisable
    _HANDLERS[kind] = handler
    return handler


_HANDLERS: dict[type, object] = {list: _sequence, tuple: _sequence, dict: _mapping}


def page_signature(base: str, template_name: str, save_as: str, kwargs: dict,
                   landing: bool = True) -> str | None:  # fmt: skip
    """The digest of one page: what its template is given. None if it cannot be told."""
    out = [base, template_name, save_as]
    try:
        for key in sorted(kwargs):
            value = kwargs[key]
            out.append(key)
            if key == "article" and isinstance(value, Content) and hasattr(value, "entity_tags"):
                out.append(full(value))
            else:
                tokens(value, landing and key in COUNTED, out)
    except Untokenisable:
        return None
    return _digest(*out)


def feed_signature(base: str, path: str, elements, limit, args: dict,
                   entry_ids: Mapping[str, str] = _NONE) -> str | None:  # fmt: skip
    """The digest of a feed: its entries, and the id of each whose article's file was moved
    or renamed (`entry_ids`, by URL: the first address it had, not its URL), which its
    article's brief does not show."""
    out = [base, "feed", path, repr(sorted(args.items()))]
    shown = list(elements[:limit])
    try:
        tokens(shown, False, out)
    except Untokenisable:
        return None
    if entry_ids:
        out += [entry_ids.get(getattr(item, "url", None), "") for item in shown]
    return _digest(*out)


def site_token(context: dict) -> str:
    """What every page shows of the whole site: the static pages in the navigation."""
    out: list[str] = []
    tokens(list(context.get("pages", [])), True, out)
    return _digest(*out)


def global_token(context: dict) -> str:
    """What the home page and the date overview read from the global context."""
    out = [brief(a) for a in context.get("articles", [])]
    for key in ("entity_top", "date_years", "undated_count"):
        try:
            tokens(context.get(key), True, out)
        except Untokenisable:
            out.append(str(id(out)))  # cannot tell: never equal to the last build's
    return _digest(*out)
