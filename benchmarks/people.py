"""People and topic tagging against a hand-annotated gold set, plus tagging throughput.

The gold files in benchmarks/gold/ are our own annotation of pages of the shared extraction
benchmark (../shared/benchmarks/extraction/, read in place): for each page id, the people the
article body names (canonical full names) and, in topics.json, the topics of our taxonomy it
is about. Each page's body (the benchmark's hand-checked article text) is tagged, and the
predicted sets are compared per article: precision, recall and F1 averaged over articles.
Beside each F1, its 95 % bootstrap interval (the articles resampled with replacement, a fixed
seed): how far the figure could move on another sample of pages of the same kind, which says
whether a difference between two figures (or from a target) is one to read anything into.

Two names match when their keys are equal (case, accents, dots aside) or when they share the
surname and the first names agree (equal, or one is the other's initial), so "George W. Bush"
matches "George Bush" but "Jeb Bush" does not. Gold topics are the most specific ones; their
broader topics are added, as the tagger adds them to its own.

    python benchmarks/people.py [--shared PATH] [--details FILE] [--import-throughput]
    python benchmarks/people.py --dev [--lee WHEEL] [--zyte-full FILE]   # development sets

Two more sets, in gold/topics-lee.json, annotate the short ABC news articles (2001) of the Lee
corpus that gensim ships as test data, by line number: lee_background.cor (300 articles, a
development set the topic rules were tuned on) and lee.cor (50, a check set never tuned on).
The corpus is not ours to copy: `--lee` reads it at run time from a gensim wheel
(`pip download gensim==4.4.0 --no-deps`) or a folder holding the two .cor files.

A second development set, gold/topics-dev2.json, annotates the 50 English articles among the
60 pages of the upstream benchmark that ../shared does not hold: unseen long web pages like
the test pages. `--zyte-full FILE` reads them from a copy of the upstream ground-truth.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from newsarchive.entities import DEFAULT_DATA_DIR, Tagger
from newsarchive.entities.names import name_key

GOLD = Path(__file__).resolve().parent / "gold"
DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def same_person(a: str, b: str) -> bool:
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka[-1] != kb[-1] or len(ka) == 1 or len(kb) == 1:
        return False
    fa, fb = ka[0], kb[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def set_scores(predicted: list[str], gold: list[str], same) -> tuple[float, float, int, int]:
    """(precision, recall, true positives, predicted count) with one-to-one matching."""
    unmatched = list(gold)
    hits = 0
    for name in predicted:
        match = next((g for g in unmatched if same(name, g)), None)
        if match is not None:
            unmatched.remove(match)
            hits += 1
    precision = hits / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = hits / len(gold) if gold else 1.0
    return precision, recall, hits, len(predicted)


def with_ancestors(names: list[str], taxonomy) -> list[str]:
    """A gold topic implies its broader topics, as the tagger's assignments do."""
    by_name = {t.name: t for t in taxonomy}
    by_slug = {t.slug: t for t in taxonomy}
    result = list(dict.fromkeys(names))
    for name in names:
        parent = by_name[name].parent if name in by_name else None
        while parent:
            if by_slug[parent].name not in result:
                result.append(by_slug[parent].name)
            parent = by_slug[parent].parent
    return result


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


#: Bootstrap resamples for the F1 intervals (the seed fixes them: a rerun prints the same).
RESAMPLES = 2000


def f1_interval(ps: list[float], rs: list[float], seed: int = 0) -> tuple[float, float]:
    """The 95 % bootstrap interval of the F1 of per-article precision and recall: the
    articles drawn with replacement RESAMPLES times, the F1 of each draw's means."""
    draw, n = random.Random(seed), len(ps)
    scores = []
    for _ in range(RESAMPLES):
        picked = [draw.randrange(n) for _ in range(n)]
        scores.append(f1(sum(ps[i] for i in picked) / n, sum(rs[i] for i in picked) / n))
    scores.sort()
    return scores[int(0.025 * RESAMPLES)], scores[int(0.975 * RESAMPLES) - 1]


def evaluate(kind: str, gold: dict, predictions: dict, same, details: list) -> dict:
    ps, rs = [], []
    hits = predicted = wanted = 0
    for page, want in gold.items():
        got = predictions[page]
        p, r, h, n = set_scores(got, want, same)
        ps.append(p)
        rs.append(r)
        hits, predicted, wanted = hits + h, predicted + n, wanted + len(want)
        details.append({"kind": kind, "page": page, "precision": round(p, 3), "recall": round(r, 3),
                        "missed": [g for g in want if not any(same(x, g) for x in got)],
                        "extra": [x for x in got if not any(same(x, g) for g in want)]})  # fmt: skip
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    micro_p = hits / predicted if predicted else 1.0
    micro_r = hits / wanted if wanted else 1.0
    return {"kind": kind, "pages": len(gold), "p": p, "r": r, "f1": f1(p, r),
            "interval": f1_interval(ps, rs), "micro_f1": f1(micro_p, micro_r)}  # fmt: skip


def import_throughput(bench: Path, tag: bool) -> float:
    """Articles per second for `newsarchive import` of the benchmark pages, one process."""
    from newsarchive.importer import run_import

    with tempfile.TemporaryDirectory() as root:
        start = time.perf_counter()
        outcomes = run_import([bench / "html"], root=Path(root), jobs=1, tag=tag)
        seconds = time.perf_counter() - start
    done = sum(o.status == "imported" for o in outcomes)
    return done / seconds


LEE_FILES = {"lee-dev": "lee_background.cor", "lee-check": "lee.cor"}
LEE_IN_WHEEL = "gensim/test/test_data/"  # where a gensim wheel holds them


class InputError(Exception):
    """A file named on the command line that cannot be used: the message, one line, names it
    and says why (a traceback says neither to someone running a benchmark)."""


def lee_files(path: Path) -> dict[str, bytes]:
    """The Lee corpus files' bytes by name, from a gensim wheel or a folder holding them."""
    if path.suffix == ".whl" and path.is_file():
        return _lee_files_in_wheel(path)
    if not path.is_dir():
        reason = (
            "not a folder or a gensim wheel (.whl)" if path.exists() else "no such file or folder"
        )
        raise InputError(f"{path}: {reason}")
    missing = [name for name in LEE_FILES.values() if not (path / name).is_file()]
    if missing:
        raise InputError(f"{path}: no {' or '.join(missing)} in this folder (--lee wants the "
                         "Lee corpus's .cor files, or a gensim wheel)")  # fmt: skip
    try:
        return {name: (path / name).read_bytes() for name in LEE_FILES.values()}
    except OSError as err:
        raise InputError(f"{err.filename}: cannot read ({err.strerror})") from None


def _lee_files_in_wheel(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as wheel:
            held = set(wheel.namelist())
            missing = [LEE_IN_WHEEL + n for n in LEE_FILES.values() if LEE_IN_WHEEL + n not in held]
            if missing:
                raise InputError(f"{path}: a wheel without {' or '.join(missing)} (gensim's "
                                 "has them: pip download gensim==4.4.0 --no-deps)")  # fmt: skip
            return {name: wheel.read(LEE_IN_WHEEL + name) for name in LEE_FILES.values()}
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise InputError(f"{path}: not a readable wheel ({err})") from None


def lee_articles(raw: bytes) -> dict[str, str]:
    """One Lee corpus file's articles by line number (from 0, as the gold file numbers them)."""
    return {
        str(i): _decoded(line).strip() for i, line in enumerate(raw.split(b"\n")) if line.strip()
    }


def _decoded(line: bytes) -> str:
    """A line of the corpus: UTF-8 mostly, a few lines in Windows-1252 ("\\xa3" for a pound)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def lee_sets(path: Path) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """The Lee sets: {set name: {page key: (text, gold topics)}}."""
    gold = json.loads((GOLD / "topics-lee.json").read_text())["files"]
    files = lee_files(path)
    sets = {}
    for kind, name in LEE_FILES.items():
        texts = lee_articles(files[name])
        if absent := set(gold[name]) - set(texts):
            raise InputError(f"{path}: its {name} lacks {len(absent)} of the {len(gold[name])} "
                             "articles the gold set annotates: not the Lee corpus's file")  # fmt: skip
        sets[kind] = {f"{name}:{n}": (texts[n], e["topics"]) for n, e in gold[name].items()}
    return sets


def zyte_extra_set(path: Path) -> dict[str, tuple[str, list[str]]]:
    """The second development set: the benchmark's pages that are not in ../shared, read from
    a copy of the upstream ground-truth.json (all of its pages)."""
    try:
        pages = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    except ValueError as err:  # (UnicodeDecodeError too)
        raise InputError(f"{path}: not a JSON file ({err})") from None
    gold = json.loads((GOLD / "topics-dev2.json").read_text())["pages"]
    missing = sorted(set(gold) - set(pages if isinstance(pages, dict) else ()))
    if missing:
        raise InputError(f"{path}: lacks {len(missing)} annotated pages, e.g. {missing[0]}")
    return {page: (pages[page]["articleBody"], e["topics"]) for page, e in gold.items()}


def annotator_agreement(gold: dict, second_file: Path, taxonomy) -> dict:
    """A second, blind annotation of the test pages scored against the first, as a tagger
    would be: how far two careful readers agree bounds what a tagger can be expected to reach."""
    second = json.loads(second_file.read_text())["pages"]
    first = {p: with_ancestors(names, taxonomy) for p, names in gold.items()}
    other = {p: with_ancestors(second[p]["topics"], taxonomy) for p in first}
    return evaluate("annotators", first, other, lambda a, b: a == b, [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--details", type=Path, help="write per-page misses and extras as JSON")
    parser.add_argument("--import-throughput", action="store_true", help="also time whole imports")
    parser.add_argument(
        "--dev", action="store_true",
        help="topics only, on the development set (gold/topics-dev.json) used to tune the taxonomy",
    )  # fmt: skip
    parser.add_argument(
        "--lee", type=Path,
        help="also the Lee corpus sets: a gensim wheel, or a folder with its .cor files",
    )  # fmt: skip
    parser.add_argument(
        "--zyte-full", type=Path,
        help="also gold/topics-dev2.json: the upstream benchmark's full ground-truth.json",
    )  # fmt: skip
    args = parser.parse_args()
    try:  # first: a wrong path is said at once, not after the shared pages are read
        extra_sets = lee_sets(args.lee) if args.lee else {}
        if args.zyte_full:
            extra_sets["dev2"] = zyte_extra_set(args.zyte_full)
        if args.details and not args.details.parent.is_dir():
            raise InputError(f"{args.details}: no folder {args.details.parent} to write it in")
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    bench = args.shared / "benchmarks" / "extraction"
    if not (bench / "ground-truth.json").exists():
        print(f"skipped: {bench} not found (the shared benchmark pages are read in place)")
        return 0
    truth = json.loads((bench / "ground-truth.json").read_text())
    people_gold = {
        k: v["people"] for k, v in json.loads((GOLD / "people.json").read_text())["pages"].items()
    }
    topics_file = GOLD / ("topics-dev.json" if args.dev else "topics.json")
    if args.dev:
        people_gold = {}
    topics_gold = (
        {k: v["topics"] for k, v in json.loads(topics_file.read_text())["pages"].items()}
        if topics_file.exists()
        else {}
    )
    texts = {page: truth[page]["articleBody"] for page in set(people_gold) | set(topics_gold)}
    for members in extra_sets.values():
        texts.update({page: text for page, (text, _) in members.items()})
    tagger = Tagger(DEFAULT_DATA_DIR)
    pages = sorted(texts)
    start = time.perf_counter()
    tags = {page: tagger.tag(texts[page]) for page in pages}
    seconds = time.perf_counter() - start
    words = sum(len(texts[p].split()) for p in pages)
    details: list = []
    rows = []
    if people_gold:
        predicted_people = {p: [x.name for x in tags[p].people] for p in people_gold}
        rows.append(evaluate("people", people_gold, predicted_people, same_person, details))
    parts = {"topics": topics_gold} if topics_gold else {}
    parts |= {kind: {p: g for p, (_, g) in m.items()} for kind, m in extra_sets.items()}
    for kind, part in parts.items():
        part = {p: with_ancestors(names, tagger.taxonomy) for p, names in part.items()}
        predicted = {p: [t.name for t in tags[p].topics] for p in part}
        rows.append(evaluate(kind, part, predicted, lambda a, b: a == b, details))
    second = GOLD / "topics-second.json"
    if topics_gold and not args.dev and second.exists():
        rows.append(annotator_agreement(topics_gold, second, tagger.taxonomy))
    print(f"{'tags':12} {'pages':>5} {'F1':>6} {'95% interval':>14} {'P':>6} {'R':>6} {'micro F1':>9}")  # fmt: skip
    for row in rows:
        low, high = row.get("interval") or (None, None)
        interval = f"{low:.3f}–{high:.3f}" if low is not None else "-"
        print(
            f"{row['kind']:12} {row['pages']:>5} {row['f1']:6.3f} {interval:>14} {row['p']:6.3f} {row['r']:6.3f} {row['micro_f1']:9.3f}"
        )
    print(
        f"tagging alone: {len(pages) / seconds:.1f} articles/s ({words / seconds:,.0f} words/s, one process)"
    )
    if args.import_throughput:
        with_tags = import_throughput(bench, tag=True)
        without = import_throughput(bench, tag=False)
        print(
            f"import with tagging: {with_tags:.1f} articles/s; without: {without:.1f} articles/s (one process)"
        )
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
