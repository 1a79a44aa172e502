"""Extraction quality and speed on the shared benchmark, beside plain trafilatura in the same run.

Reads ../shared/benchmarks/extraction/ (121 real news pages with hand-checked bodies; Zyte's
article-extraction benchmark, MIT) in place and prints, for newsarchive's `extract` and for
trafilatura with its defaults: body precision, recall and F1 (4-token shingles, per-page
averages), headline exact match and date accuracy against the proxy labels, and pages per
CPU-second with the ratio between the two.

The text-dump track (`--track dumps`) turns the same pages into text dumps at run time (all
visible text, one block per line: benchmarks/textdumps.py) and scores newsarchive's text-dump
reader beside a simple line filter and the raw dump, the same way.

    python benchmarks/extraction.py [--shared PATH] [--limit N] [--track html|dumps|both]
                                    [--details FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura
from textdumps import line_filter, text_dump

from newsarchive.article import ExtractionError
from newsarchive.importer import extract_file

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shingles(text: str, size: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 0)))


def precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """Shingle precision and recall of one page (the benchmark's own scoring)."""
    pred, gold = shingles(predicted), shingles(truth)
    if not gold:
        return (1.0, 1.0) if not pred else (0.0, 1.0)
    if not pred:
        return 0.0, 0.0
    overlap = sum((pred & gold).values())
    return overlap / sum(pred.values()), overlap / sum(gold.values())


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ours(path: Path) -> dict:
    try:
        article = extract_file(path)
    except ExtractionError as err:
        return {"body": "", "title": None, "date": None, "error": str(err)}
    return {
        "body": article.body_text,
        "title": article.title,
        "date": article.date.date().isoformat() if article.date else None,
    }


def reference(path: Path) -> dict:
    """Plain trafilatura, defaults, as a user of the library would call it."""
    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return {"body": "", "title": None, "date": None}
    return {"body": doc.text or "", "title": doc.title, "date": doc.date}


def page_key(page: Path) -> str:
    return page.name.removesuffix(".html.gz").removesuffix(".txt")


def write_dumps(pages: list[Path], folder: Path) -> list[Path]:
    """Each page's text dump as `<key>.txt` in `folder` (made at run time, never stored)."""
    dumps = []
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        dump = folder / f"{page_key(page)}.txt"
        dump.write_text(text_dump(html), encoding="utf-8")
        dumps.append(dump)
    return dumps


def dump_baseline(path: Path) -> dict:
    """The simple line filter: long, sentence-like lines of the dump."""
    return {"body": line_filter(path.read_text(encoding="utf-8")), "title": None, "date": None}


def dump_raw(path: Path) -> dict:
    return {"body": path.read_text(encoding="utf-8"), "title": None, "date": None}


def run(name: str, extractor, pages: list[Path], truth: dict, meta: dict, details: list) -> dict:
    precisions, recalls, titles, dates = [], [], [], []
    start = time.process_time()
    results = {page: extractor(page) for page in pages}
    seconds = time.process_time() - start
    for page, result in results.items():
        key = page_key(page)
        p, r = precision_recall(result["body"], truth[key]["articleBody"])
        precisions.append(p)
        recalls.append(r)
        want = meta.get(key, {})
        if want.get("headline"):
            titles.append(
                " ".join((result["title"] or "").split()) == " ".join(want["headline"].split())
            )
        if want.get("datePublished"):
            dates.append(result["date"] == want["datePublished"])
        details.append({"extractor": name, "page": key, "precision": round(p, 3),
                        "recall": round(r, 3), "title": result["title"], "want_title": want.get("headline"),
                        "date": result["date"], "want_date": want.get("datePublished"),
                        "error": result.get("error")})  # fmt: skip
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return {
        "extractor": name, "pages": len(pages), "precision": p, "recall": r, "f1": f1(p, r),
        "headline": sum(titles) / len(titles) if titles else float("nan"), "headlines": len(titles),
        "date": sum(dates) / len(dates) if dates else float("nan"), "dates": len(dates),
        "pages_per_cpu_s": len(pages) / seconds if seconds else float("inf"),
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--details", type=Path, help="write per-page scores as JSON")
    parser.add_argument("--track", choices=("html", "dumps", "both"), default="both")
    args = parser.parse_args()
    bench = args.shared / "benchmarks" / "extraction"
    if not (bench / "ground-truth.json").exists():
        print(f"skipped: {bench} not found (the shared benchmark pages are read in place)")
        return 0
    truth = json.loads((bench / "ground-truth.json").read_text())
    meta = json.loads((bench / "ground-truth-meta.json").read_text())
    pages = sorted((bench / "html").glob("*.html.gz"))[: args.limit]
    details: list = []
    if args.track in ("html", "both"):
        html_track(pages, truth, meta, details)
    if args.track in ("dumps", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            dumps_track(write_dumps(pages, Path(tmp)), truth, meta, details)
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, ensure_ascii=False))
    return 0


def print_rows(rows: list[dict]) -> None:
    print(
        f"{'extractor':30} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6} {'headline':>9} {'date':>6} {'pages/CPU-s':>12}"
    )
    for row in rows:
        print(
            f"{row['extractor']:30} {row['pages']:>5} {row['f1']:6.3f} {row['precision']:6.3f} "
            f"{row['recall']:6.3f} {row['headline']:9.3f} {row['date']:6.3f} {row['pages_per_cpu_s']:12.1f}"
        )


def html_track(pages: list[Path], truth: dict, meta: dict, details: list) -> None:
    print("HTML pages")
    rows = [
        run("newsarchive extract", ours, pages, truth, meta, details),
        run("trafilatura 2.3.1 (defaults)", reference, pages, truth, meta, details),
    ]
    print_rows(rows)
    print(
        f"headlines scored on {rows[0]['headlines']} pages, dates on {rows[0]['dates']} (URL-dated)"
    )
    ratio = rows[0]["pages_per_cpu_s"] / rows[1]["pages_per_cpu_s"]
    print(f"throughput ratio newsarchive/trafilatura: {ratio:.2f}")
    failures = [d for d in details if d["extractor"].startswith("newsarchive") and d["error"]]
    for d in failures:
        print(f"  not an article: {d['page'][:16]}…: {d['error']}")


def dumps_track(dumps: list[Path], truth: dict, meta: dict, details: list) -> None:
    """The same pages as text dumps; odd and even halves printed apart to show the spread."""
    print("\nText dumps of the same pages (all visible text, one block per line)")
    rows = [
        run("newsarchive extract (dumps)", ours, dumps, truth, meta, details),
        run("line filter (dumps)", dump_baseline, dumps, truth, meta, details),
        run("raw dump", dump_raw, dumps, truth, meta, details),
    ]
    print_rows(rows)
    ratio = rows[0]["pages_per_cpu_s"] / rows[1]["pages_per_cpu_s"]
    print(f"throughput ratio newsarchive/line filter on dumps: {ratio:.2f}")
    # A rule that helps one half only fits those pages, not dumps in general.
    print("\nnewsarchive on each half of the pages (by their order)")
    halves = [
        run(f"{name} pages (dumps)", ours, dumps[start::2], truth, meta, [])
        for name, start in (("odd", 1), ("even", 0))
    ]
    print_rows(halves)


if __name__ == "__main__":
    sys.exit(main())
