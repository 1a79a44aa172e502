"""The people review report: names for an editor to confirm, merge or add to the registry.

- new: people found who are not in data/people.yml, with how many articles name them and the
  roles the text gives them (most frequent first, so the registry grows where it matters);
- ambiguous: surnames that could be two people in the same article, left untagged;
- single names: lone names the tagger could not tie to a full name or the registry;
- near-duplicates: two names in the archive that look like spellings of one person
  ("Sergey Lavrov" / "Sergei Lavrov", "Pat Simmons" / "Patrick Simmons"), to merge with an
  alias.

People an editor typed into an article's `People` are checked too: one the registry does
not know is a new name (its `typed_by_hand` lists the articles), one that is a spelling
variant of a registry name (as the tagger reads variants) a near-duplicate of it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz

from newsarchive.data_files import data_dir, data_file
from newsarchive.entities.names import given_name_first, name_key
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.settings import ARTICLES_DIR, REVIEW_ITEMS_PATH, REVIEW_PATH
from newsarchive.store import article_files, atomic_write, read_header, split_names

#: Least rapidfuzz ratio for two names to be listed as possible spellings of one person.
NEAR_DUPLICATE_MIN_SCORE = 88


#: Short forms of given names that are not their beginnings ("Pat" is; "Bill" is not).
NICKNAMES = {
    "bill": "william", "will": "william", "bob": "robert", "bobby": "robert", "dick": "richard",
    "jim": "james", "jimmy": "james", "mike": "michael", "tom": "thomas", "dave": "david",
    "ted": "edward", "ed": "edward", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
    "peggy": "margaret", "maggie": "margaret", "chuck": "charles", "hank": "henry",
    "harry": "henry", "jack": "john", "larry": "lawrence", "jerry": "gerald", "al": "albert",
    "sasha": "alexander", "tony": "anthony", "sandy": "alexandra", "betsy": "elizabeth",
}  # fmt: skip


def _short_form(short: str, full: str) -> bool:
    """Whether one given name is the other's short form: "B" or "Pat" of "Benjamin" or
    "Patrick", "Bill" of "William"."""
    if len(short) > len(full):
        short, full = full, short
    return short != full and (
        (full.startswith(short) and (len(short) == 1 or len(short) >= 3))
        or NICKNAMES.get(short) == full
    )


def shortened(a: str, b: str) -> bool:
    """Two names of one surname whose first given names are a name and its short form
    ("Pat Simmons" / "Patrick Simmons", "B. U. Nzeribe" / "Benjamin Nzeribe")."""
    ka, kb = name_key(a).split(), name_key(b).split()
    return len(ka) > 1 and len(kb) > 1 and ka[-1] == kb[-1] and _short_form(ka[0], kb[0])


def near_duplicates(names: Iterable[str]) -> list[dict]:
    """Pairs of similar names, or of a name and its short form, compared only within the same
    first letters of the surname."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in sorted(set(names)):
        key = name_key(name)
        if " " in key:
            blocks[key.split()[-1][:2]].append(name)
    pairs = []
    for group in blocks.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                score = fuzz.ratio(name_key(a), name_key(b))
                if score >= NEAR_DUPLICATE_MIN_SCORE or shortened(a, b):
                    pairs.append({"names": [a, b], "score": round(score, 1)})
    return sorted(pairs, key=lambda p: -p["score"])


def typed_by_hand(headers: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(article, name) for each person an editor typed into an article's `People`: there, and
    not in the tagger's `Auto_People` (a file written by hand has none: all its names)."""
    return sorted(
        (path, name)
        for path, header in headers.items()
        for name in set(split_names(header.get("people")))
        - set(split_names(header.get("auto_people")))
    )


def _typed_review(
    typed: list[tuple[str, str]], registry: PeopleRegistry
) -> tuple[dict[str, list[str]], list[dict]]:
    """Names typed by hand that the registry does not know ({name: articles}), and those that
    are a spelling variant of a registry name, matched as the tagger matches its names (as
    near-duplicate pairs, with the articles to correct)."""
    unknown: dict[str, list[str]] = defaultdict(list)
    variants: dict[tuple[str, str, float], list[str]] = defaultdict(list)
    for article, name in typed:
        person, score = registry.match(name)
        if person is None and (reordered := given_name_first(name)):
            person, score = registry.match(reordered)  # "Lavrov, Sergei", as an index writes it
        if person is None:
            unknown[name].append(article)
        elif score < 100:
            variants[(name, person.name, round(score, 1))].append(article)
    pairs = [
        {"names": [name, known], "score": score, "registry": known, "typed_by_hand": articles}
        for (name, known, score), articles in variants.items()
    ]
    return unknown, pairs


def build_review(
    items: list[tuple[str, list[dict]]],
    archive_names: Iterable[str],
    typed: Iterable[tuple[str, str]] = (),
    registry: PeopleRegistry | None = None,
) -> dict:
    """The report from (article, review items) pairs, every person name in the archive, and
    the (article, name) pairs of people typed by hand, checked against the registry."""
    unknown, variants = _typed_review(list(typed), registry or PeopleRegistry())
    new: Counter = Counter({name: len(articles) for name, articles in unknown.items()})
    roles: dict[str, Counter] = defaultdict(Counter)
    ambiguous, singles = [], Counter()
    found_in: dict[str, list[str]] = defaultdict(list)  # name -> the first articles naming it
    for article, review in items:
        for item in review:
            if item["kind"] == "new":
                new[item["text"]] += 1
                if item.get("role"):
                    roles[item["text"]][item["role"]] += 1
            elif item["kind"] == "ambiguous":
                ambiguous.append({"article": article, **item})
                continue
            else:
                singles[item["text"]] += 1
            if len(found_in[item["text"]]) < WHERE_SHOWN and article not in found_in[item["text"]]:
                found_in[item["text"]].append(article)
    return {
        "new": [
            {"name": name, "articles": n, "roles": _roles(roles[name])}
            | ({"in": found_in[name]} if found_in.get(name) else {})
            | ({"typed_by_hand": unknown[name]} if name in unknown else {})
            for name, n in new.most_common()
        ],
        "ambiguous": ambiguous,
        "single_names": [
            {"name": n, "mentions": c, "in": found_in[n]} for n, c in singles.most_common()
        ],
        "near_duplicates": _with_variants(near_duplicates(archive_names), variants),
    }


#: How many of the articles naming a new or a lone name the report lists ("in"), so an editor
#: can look at how it is written without searching the archive for it.
WHERE_SHOWN = 5


def _roles(counts: Counter) -> list[str]:
    """The three roles given most often, each once whatever its case ("Finance spokesman",
    "finance spokesman"), in its most frequent spelling."""
    by_role: dict[str, Counter] = defaultdict(Counter)
    for role, n in counts.items():
        by_role[role.lower()][role] += n
    ranked = sorted(by_role.values(), key=lambda spellings: -sum(spellings.values()))
    return [spellings.most_common(1)[0][0] for spellings in ranked[:3]]


def _with_variants(pairs: list[dict], variants: list[dict]) -> list[dict]:
    """The archive's near-duplicate pairs and the typed variants of registry names, a pair
    listed once (the archive may hold both spellings), strongest first."""
    typed = {frozenset(v["names"]): v for v in variants}
    merged = [typed.pop(frozenset(p["names"]), p) for p in pairs]
    return sorted([*merged, *typed.values()], key=lambda p: -p["score"])


def write_review(report: dict, path: Path) -> str:
    """Write the report; returns its one-line summary."""
    text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    atomic_write(path, text.encode("utf-8"))
    typed = sum("typed_by_hand" in entry for entry in report["new"])
    return (
        f"review: {len(report['new'])} names not in the registry"
        + (f" ({typed} typed by hand)" if typed else "")
        + f", {len(report['ambiguous'])}"
        f" ambiguous, {len(report['single_names'])} lone names, "
        f"{len(report['near_duplicates'])} near-duplicates -> {path}"
    )


def _in_root(root: Path, path: str) -> str:
    """An article's path relative to the archive (however --root was spelled)."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def review_archive(
    root: Path, items: list[tuple[str, list[dict] | None]], whole: bool = False
) -> str:
    """Write the review of the whole archive: this run's items (None: an article not tagged in
    it), and the last runs' for the articles it did not tag (`whole`: it tagged them all).
    Returns the report's one-line summary."""
    kept = {} if whole else load_review_items(root / REVIEW_ITEMS_PATH)
    kept.update({_in_root(root, path): review for path, review in items if review is not None})
    kept = {path: review for path, review in kept.items() if (root / path).exists()}
    save_review_items(kept, root / REVIEW_ITEMS_PATH)
    headers = {
        path.relative_to(root).as_posix(): read_header(path)
        for path in article_files(root / ARTICLES_DIR)
    }
    items = [(path, not_removed(review, headers.get(path, {}))) for path, review in kept.items()]
    names = [name for header in headers.values() for name in split_names(header.get("people"))]
    registry = PeopleRegistry.load(data_file(data_dir(root), "people.yml"))
    report = build_review(sorted(items), names, typed_by_hand(headers), registry)
    return write_review(report, root / REVIEW_PATH)


def not_removed(review: list[dict], header: dict[str, str]) -> list[dict]:
    """An article's review items but the new names an editor removed from its People (the
    tagger's still listing them in Auto_People): a name taken out is no name to register."""
    removed = set(split_names(header.get("auto_people"))) - set(split_names(header.get("people")))
    return [item for item in review if not (item["kind"] == "new" and item["text"] in removed)]


def load_review_items(path: Path) -> dict[str, list[dict]]:
    """Each article's review items as the last runs left them ({} if none or unreadable)."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return items if isinstance(items, dict) else {}


def save_review_items(items: dict[str, list[dict]], path: Path) -> None:
    atomic_write(path, json.dumps(items, ensure_ascii=False, sort_keys=True).encode("utf-8"))
