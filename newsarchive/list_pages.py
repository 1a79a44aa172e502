"""Which page of a long list holds an item: the stable pagination's arithmetic.

A list (PAGINATED_TEMPLATES) is paged newest first, its older pages numbered from the
oldest (plugins/incremental_output: pages before keep their content as articles arrive).
The writer pages lists by these rules, and a page that links into a list (an entity's
jump to its years) finds the page of an item by them too, so the two cannot disagree.
"""

from __future__ import annotations

import os


def older_pages(count: int, per_page: int) -> int:
    """How many numbered pages a list of `count` has besides its first (which holds the
    newest, between per_page and 2 x per_page - 1 of them)."""
    return max(0, count // per_page - 1)


def page_number(index: int, count: int, per_page: int) -> int:
    """The page holding item `index` (0 the newest): 0 for the first page, else k, the k-th
    oldest per_page."""
    if index < count - older_pages(count, per_page) * per_page:
        return 0
    return (count - index - 1) // per_page + 1


def page_address(name: str, url: str, number: int, settings: dict) -> tuple[str, str]:
    """Page `number`'s (url, save_as): the list's own for 0, else by the last
    PAGINATION_PATTERNS rule ("{base_name}/page/{number}/")."""
    if number == 0:
        return url or "", name
    folder, file = os.path.split(name)
    base_name = folder if file in ("index.htm", "index.html") else os.path.splitext(name)[0]
    stem, extension = os.path.splitext(name)
    rule = settings["PAGINATION_PATTERNS"][-1]
    fields = {"save_as": name, "url": url, "name": stem, "base_name": base_name,
              "extension": extension, "number": number}  # fmt: skip
    return rule[1].format(**fields).removeprefix("/"), rule[2].format(**fields).removeprefix("/")
