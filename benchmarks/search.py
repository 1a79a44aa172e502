"""Search at archive scale: our Pagefind index beside plain Pagefind, on synthetic archives.

For each size N (deterministic synthetic archives, benchmarks/synthetic.py) the site is built
with our settings (pelicanconf.py: entity pages, our theme) and indexed the way our build
does it (plugins/search_index: Pagefind's CLI on output/), timed apart from Pelican. The
reference, in the same run, is Pagefind with its defaults on the same built HTML with every
data-pagefind-* attribute removed (what a theme without them would produce, without a second
Pelican build), so it indexes every page, as an unconfigured Pagefind would.

Both sites are then served on 127.0.0.1 and queried cold (a new browser context per query)
in headless Chromium: a rare word, the commonest word ("the"), and a popular person plus a
word (our /search/ page with its person filter; the reference, which has no filters, searches
the person's name and the word). Printed per size: index build time, its peak memory, index
size per article, and per query the Pagefind requests, bytes and milliseconds from navigation
to the first results shown and to the query being done (ours: the shard it searches cold,
with the count of what is left; the reference: its whole answer), and ours again asked of
every year at once (all=1, the complete list); then the issue's targets for 50,000 articles
and whether each is on track.

    python benchmarks/search.py [--sizes 1000,5000] [--with-50k] [--repeat 3] [--keep]

Nothing here asserts timings: machines differ, the figures are for reading.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import synthetic

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]  # fmt: skip
PELICAN = Path(sys.executable).with_name("pelican")
ATTRIBUTE = re.compile(r'\s+data-pagefind-[\w-]+(?:="[^"]*")?')
QUERY_TIMEOUT_MS = 300_000
TARGET_ARTICLES = 50_000
#: The issue's targets at TARGET_ARTICLES: (label, unit, limit).
TARGETS = {
    "query_kb": ("cold KB to first results (rare, filt.)", "KB", 300),
    "all_kb": ("cold KB, query done (rare, filt.)", "KB", 300),
    "common_kb": ("cold KB, query done (common)", "KB", 300),
    "first_ms": ("ms to first results (rare, filtered)", "ms", 1000),
    "all_ms": ("ms, query done (rare, filtered)", "ms", 1000),
    "common_ms": ("common word ms, query done", "ms", 3000),
    "rss_mb": ("indexing peak RSS MB (largest run)", "MB", 4096),
}
#: Marks when the search is done, in page time (ms since navigation start), on either page.
DONE_MARKER = """(() => {
  const mark = () => {
    const box = document.getElementById("search");
    const state = box && box.dataset.state;
    if ((state === "partial" || state === "done") && window.__firstAt === undefined) {
      window.__firstAt = performance.now();
    }
    if (state === "done" && window.__doneAt === undefined) {
      window.__doneAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-state"],
  });
})();"""
#: The reference's search page: Pagefind's own API, search then the first 10 results' data.
REFERENCE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind reference</title></head>
<body><script type="module">
const q = new URLSearchParams(window.location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
window.__firstAt = window.__doneAt = performance.now();
document.body.dataset.done = String(search.results.length);
</script></body></html>
"""


@dataclass
class Run:
    """One child process: wall seconds, peak RSS (its own, from wait4) and its output."""

    seconds: float
    rss_mb: float
    output: str


@dataclass
class Query:
    """A cold query: Pagefind requests, their bytes, ms to results (median), results found;
    and the same up to the first results shown (the newest shard's, on a sharded index)."""

    requests: int
    kb: float
    ms: float
    found: int
    kinds: dict[str, int] = field(default_factory=dict)  # bytes by kind of Pagefind file
    first_kb: float = 0.0
    first_ms: float = 0.0


@dataclass
class Site:
    """One indexed site and what it measured."""

    name: str
    root: Path
    index: Run | None = None
    pages: int = 0
    index_bytes: int = 0
    parts: dict[str, int] = field(default_factory=dict)
    queries: dict[str, Query] = field(default_factory=dict)
    #: ours only: the same queries asked of every year at once (all=1), the complete list
    every: dict[str, Query] = field(default_factory=dict)


@dataclass
class SizeResult:
    articles: int
    pelican: Run
    ours: Site
    reference: Site
    labels: dict[str, str]
    seconds: float = 0.0
    shards: int = 1


def run(command: list[str], cwd: Path, log: Path) -> Run:
    """Run a child, measuring its own peak RSS with wait4 (no /usr/bin/time needed)."""
    start = time.perf_counter()
    with log.open("w") as out:
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{text[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, text)


def search_plugin():
    """Our build's own indexing code (plugins/search_index), so the two stay the same."""
    sys.path.insert(0, str(REPO / "plugins"))
    import search_index

    return search_index


def index_ours(site: Site, shard_pages: int) -> None:
    """Index the way our build does: a Pagefind run per shard of years, then the years' summaries
    (read in this process) and the years index. Time is the whole of it, wall clock; peak
    memory the largest of the Pagefind runs (one after another) and of this process."""
    plugin = search_plugin()
    runs: list[Run] = []
    shard_runs: list[Run] = []

    def pagefind(command: list[str]) -> str:
        runs.append(run(command, site.root, site.root.parent / f"pagefind-ours-{len(runs)}.log"))
        if not any(f"{plugin.shards.YEARS}-" in part for part in command):
            shard_runs.append(runs[-1])
        return runs[-1].output

    started = time.perf_counter()
    report = plugin.index_shards(site.root, shard_pages, plugin.pagefind_command, pagefind)
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    site.index = Run(time.perf_counter() - started, max(own_mb, *(r.rss_mb for r in runs)), report)
    site.pages = sum(
        int(m.group(1)) for r in shard_runs for m in re.finditer(r"Indexed (\d+) pages?", r.output)
    )
    measure_bundle(site)


def settings_override(root: Path) -> Path:
    """Our pelicanconf.py with indexing left to us, so Pelican and Pagefind are timed apart.

    Written into root so relative paths in it (the content cache) resolve there, not in the repo.
    """
    path = root / "bench_pelicanconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n\nSEARCH_INDEX = False\n",
        encoding="utf-8",
    )
    return path


def build_pelican(root: Path) -> Run:
    """Our full Pelican build of root/content into root/output (articles, entity pages, feeds)."""
    settings = settings_override(root)
    command = [str(PELICAN), str(root / "content"), "-o", str(root / "output"), "-s", str(settings)]
    return run(command, root, root / "pelican.log")


def strip_copy(source: Path, target: Path) -> None:
    """Copy the built site without any data-pagefind-* attribute: the unconfigured reference."""
    for path in source.rglob("*"):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            destination.write_text(ATTRIBUTE.sub("", text), encoding="utf-8")
        else:
            shutil.copy2(path, destination)


def index_site(site: Site, command: list[str]) -> None:
    """Index with Pagefind's CLI; record time, peak RSS, pages indexed and the index's bytes."""
    site.index = run(command, site.root, site.root.parent / f"pagefind-{site.name}.log")
    found = re.search(r"Indexed (\d+) pages?", site.index.output)
    site.pages = int(found.group(1)) if found else 0
    measure_bundle(site)


def measure_bundle(site: Site) -> None:
    for path in (site.root / "pagefind").rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            site.index_bytes += size
            kind = path.suffix.lstrip(".") if path.suffix.startswith(".pf_") else "code"
            top = path.relative_to(site.root / "pagefind").parts[0]
            if top in ("years", "filters") and site.name == "ours":
                kind = {"years": "years_index", "filters": "filter_counts"}[top]
            site.parts[kind] = site.parts.get(kind, 0) + size


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The site on an ephemeral 127.0.0.1 port, in a thread, for the length of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def file_kind(url: str) -> str:
    """What a Pagefind request fetched: pf_meta, pf_index, pf_filter, pf_fragment, wasm, js."""
    path = url.split("?")[0]
    name = path.rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1]
    if "/pagefind/years/" in path:
        return "years_index"  # ours: the index of years
    if "/pagefind/filters/" in path:
        return "filter_counts"  # ours: filter values' articles per year
    if suffix == "json":
        return "json"
    if suffix.startswith("pf_"):
        return suffix
    return "wasm" if "wasm" in name else "js"


def cold_query(browser, url: str, found_script: str) -> Query:
    """Pagefind requests, their body bytes, ms from navigation start to results, found.

    A new context has its own empty cache, so every query pays for everything it needs.
    """
    # The site's Content-Security-Policy forbids eval, which Playwright's waiting uses; the
    # measurement bypasses it (the page's own scripts run the same either way).
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requests, errors, finished = [], [], []
    page.on("request", lambda r: requests.append(r) if "/pagefind/" in r.url else None)
    page.on("requestfinished", lambda r: finished.append(r) if "/pagefind/" in r.url else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(DONE_MARKER)
    try:
        page.goto(url)
        page.wait_for_function(
            "window.__firstAt !== undefined || !!document.querySelector('[data-state=failed]')",
            timeout=QUERY_TIMEOUT_MS,
        )
        at_first = list(finished)
        page.wait_for_function(
            "window.__doneAt !== undefined || !!document.querySelector('[data-state=failed]')",
            timeout=QUERY_TIMEOUT_MS,
        )
        done = page.evaluate("window.__doneAt")
        if done is None:
            raise RuntimeError(f"search failed at {url}: {errors}")
        found = int(page.evaluate(found_script) or 0)
        kinds: dict[str, int] = {}
        for request in requests:
            if request.response() is not None:
                kind = file_kind(request.url)
                kinds[kind] = kinds.get(kind, 0) + request.sizes()["responseBodySize"]
        first_kb = sum(r.sizes()["responseBodySize"] for r in at_first) / 1024
        first_ms = float(page.evaluate("window.__firstAt"))
        return Query(len(requests), sum(kinds.values()) / 1024, float(done), found, kinds,
                     first_kb, first_ms)  # fmt: skip
    finally:
        context.close()


def measure(browser, url: str, found_script: str, repeat: int) -> Query:
    """Median time over `repeat` cold runs; requests and bytes of the first (they repeat)."""
    runs = [cold_query(browser, url, found_script) for _ in range(max(repeat, 1))]
    first = runs[0]
    first.ms = statistics.median(r.ms for r in runs)
    first.first_ms = statistics.median(r.first_ms for r in runs)
    return first


def query_sites(result: SizeResult, queries: dict[str, tuple], repeat: int) -> None:
    """Run every query cold against both sites in one headless Chromium."""
    from playwright.sync_api import sync_playwright

    ours_found = "document.getElementById('search').dataset.found"
    reference_found = "document.body.dataset.done"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            with serve(result.ours.root) as base:
                cold_query(browser, f"{base}/search/?q=warmup", ours_found)  # browser start-up
                for key, (ours_params, _) in queries.items():
                    url = f"{base}/search/?{urlencode(ours_params, quote_via=quote)}"
                    result.ours.queries[key] = measure(browser, url, ours_found, repeat)
                    if "sort" in ours_params:
                        continue  # (every year, sorted otherwise: the same downloads)
                    every = urlencode({**ours_params, "all": "1"}, quote_via=quote)
                    result.ours.every[key] = measure(browser, f"{base}/search/?{every}", ours_found, repeat)  # fmt: skip
            if result.reference.index.output == NOT_RUN:
                nan = math.nan
                for key in queries:
                    result.reference.queries[key] = Query(0, nan, nan, 0, {}, nan, nan)
                return
            with serve(result.reference.root) as base:
                cold_query(browser, f"{base}/bench-search.html?q=warmup", reference_found)
                asked: dict[str, Query] = {}  # the reference has no sort: one run per text
                for key, (_, text) in queries.items():
                    url = f"{base}/bench-search.html?{urlencode({'q': text}, quote_via=quote)}"
                    if text not in asked:
                        asked[text] = measure(browser, url, reference_found, repeat)
                    result.reference.queries[key] = asked[text]
        finally:
            browser.close()


#: In a kept archive folder: what generating and building it gave, so --workdir can reuse it.
BUILT = "bench-built.json"


def generate_and_build(n: int, root: Path) -> tuple[synthetic.Archive, Run]:
    """The archive of n articles built with Pelican into root/output; reused if root holds one
    (a --workdir from an earlier run: then only the theme's static files are refreshed, so
    changes to the search page's script are measured without building again)."""
    built = root / BUILT
    if built.exists() and (root / "output" / "index.html").exists():
        saved = json.loads(built.read_text(encoding="utf-8"))
        archive = synthetic.Archive(root=root, articles=n)
        archive.person_counts.update(saved["person_counts"])
        archive.word_documents.update(saved["word_documents"])
        shutil.copytree(REPO / "themes" / "newsarchive" / "static",
                        root / "output" / "theme", dirs_exist_ok=True)  # fmt: skip
        print(f"[{n:,}] reusing the build in {root}", flush=True)
        return archive, Run(**saved["pelican"])
    print(f"\n[{n:,} articles] generating in {root} ...", flush=True)
    archive = synthetic.generate(root, n)
    print(f"[{n:,}] building with Pelican (our settings) ...", flush=True)
    pelican = build_pelican(root)
    words = {w: archive.word_documents[w] for w in (synthetic.FILTER_WORD, "the")}
    saved = {"person_counts": dict(archive.person_counts.most_common(5)),
             "word_documents": words, "pelican": {**pelican.__dict__, "output": ""}}  # fmt: skip
    built.write_text(json.dumps(saved), encoding="utf-8")
    return archive, pelican


#: The reference's figures when it is not run (--no-reference): printed as "nan".
NOT_RUN = "not run (--no-reference)"


def bench_size(
    n: int, workdir: Path, repeat: int, shard_pages: int, reference_too: bool = True
) -> SizeResult:
    """Generate, build, index (ours and reference) and query one archive of n articles."""
    started = time.perf_counter()
    root = workdir / f"n{n}"
    archive, pelican = generate_and_build(n, root)
    print(
        f"[{n:,}] Pelican: {pelican.seconds:.1f} s; copying without data-pagefind-* ...", flush=True
    )
    shutil.rmtree(root / "reference", ignore_errors=True)
    shutil.rmtree(root / "output" / "pagefind", ignore_errors=True)
    reference = Site("reference", root / "reference")
    if reference_too:
        strip_copy(root / "output", reference.root)
    ours = Site("ours", root / "output")
    print(f"[{n:,}] indexing (ours, then reference) ...", flush=True)
    index_ours(ours, shard_pages)
    if reference_too:
        index_site(reference, search_plugin().pagefind_command(str(reference.root)))
        (reference.root / "bench-search.html").write_text(REFERENCE_PAGE, encoding="utf-8")
    else:
        reference.index = Run(math.nan, math.nan, NOT_RUN)
    person = archive.popular_person()
    queries = {
        f'rare "{synthetic.RARE_WORD}"': ({"q": synthetic.RARE_WORD}, synthetic.RARE_WORD),
        'common "the"': ({"q": "the"}, "the"),
        # oldest first: the oldest shard, a full one (the newest may be smaller)
        'common "the", oldest first': ({"q": "the", "sort": "oldest"}, "the"),
        f'filtered "{synthetic.FILTER_WORD}"': (
            {"q": synthetic.FILTER_WORD, "person": person},
            f"{synthetic.FILTER_WORD} {person}",
        ),
    }
    labels = {
        "person": f"{person} ({archive.person_counts[person]:,} articles)",
        "word": f"{synthetic.FILTER_WORD!r} in {archive.word_documents[synthetic.FILTER_WORD]:,}",
        "the": f"'the' in {archive.word_documents['the']:,}",
    }
    shards = json.loads((ours.root / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    result = SizeResult(n, pelican, ours, reference, labels, shards=len(shards))
    print(f"[{n:,}] querying cold in Chromium ({repeat} runs each) ...", flush=True)
    query_sites(result, queries, repeat)
    result.seconds = time.perf_counter() - started
    return result


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def index_kb(site: Site) -> float:
    """The index proper: Pagefind's .pf_* files, without its fixed JS, CSS and WASM (~630 KB)."""
    return sum(v for k, v in site.parts.items() if k != "code") / 1024


def rows(result: SizeResult) -> list[tuple[str, float, float, str]]:
    """(label, ours, reference, format) rows of one size's table."""
    ours, ref, n = result.ours, result.reference, result.articles
    table = [
        ("index build s", ours.index.seconds, ref.index.seconds, ".1f"),
        ("index peak RSS MB", ours.index.rss_mb, ref.index.rss_mb, ".0f"),
        (
            "index KB/article (pf_* files)",
            index_kb(ours) / n,
            index_kb(ref) / n if ref.index.output != NOT_RUN else math.nan,
            ".2f",
        ),  # fmt: skip
    ]
    for key, mine in ours.queries.items():
        theirs = ref.queries[key]
        table += [
            (f"{key}: requests", mine.requests, theirs.requests, ".0f"),
            (f"{key}: KB to first results", mine.first_kb, theirs.first_kb, ".0f"),
            (f"{key}: ms to first results", mine.first_ms, theirs.first_ms, ".0f"),
            (f"{key}: KB when done (cold query)", mine.kb, theirs.kb, ".0f"),
            (f"{key}: ms when done (cold query)", mine.ms, theirs.ms, ".0f"),
            (f"{key}: results found (cold query)", mine.found, theirs.found, ".0f"),
        ]
        every = ours.every.get(key)
        if every:
            table += [
                (f"{key}: every year (all=1): requests", every.requests, theirs.requests, ".0f"),
                (f"{key}: every year (all=1): KB", every.kb, theirs.kb, ".0f"),
                (f"{key}: every year (all=1): ms", every.ms, theirs.ms, ".0f"),
                (f"{key}: every year (all=1): found", every.found, theirs.found, ".0f"),
            ]
    return table


def print_size(result: SizeResult) -> None:
    """One size's table: ours, reference and ours/reference, and what it was built from."""
    ours, ref = result.ours, result.reference
    print(f"\n=== {result.articles:,} articles ===")
    print(
        f"Pelican build of our site: {result.pelican.seconds:.1f} s, "
        f"peak RSS {result.pelican.rss_mb:.0f} MB; pages indexed: ours {ours.pages:,} "
        f"in {result.shards} shard(s), reference {ref.pages:,}"
    )
    print(f"Filtered query: person {result.labels['person']}, word {result.labels['word']}; "
          f"{result.labels['the']} articles")  # fmt: skip
    print(f"{'':44} {'ours':>10} {'reference':>10} {'ours/ref':>9}")
    for label, mine, theirs, fmt in rows(result):
        print(f"{label:44} {mine:>10{fmt}} {theirs:>10{fmt}} {ratio(mine, theirs):>9}")
    for site in (ours, ref):
        parts = ", ".join(f"{k} {v / 1024:,.0f}" for k, v in sorted(site.parts.items()))
        print(f"  {site.name} index on disk KB: {parts}; total {site.index_bytes / 1024:,.0f}")
    print("  KB fetched per query, by file kind:")
    for key in ours.queries:
        for name, query in (("ours", ours.queries[key]), ("ours all=1", ours.every.get(key)),
                            ("reference", ref.queries[key])):  # fmt: skip
            if query is None:
                continue
            parts = ", ".join(f"{k} {v / 1024:,.0f}" for k, v in sorted(query.kinds.items()))
            print(f"    {key:24} {name:10} {parts}")
    print(f"  (size done in {result.seconds:.0f} s)")


def target_values(result: SizeResult) -> dict[str, float]:
    """Our figures in the terms of the issue's targets."""
    queries = result.ours.queries
    common = [q for k, q in queries.items() if k.startswith("common")]
    others = [q for k, q in queries.items() if not k.startswith("common")]
    return {
        "query_kb": max(q.first_kb for q in others),
        "all_kb": max(q.kb for q in others),
        "common_kb": max(q.kb for q in common),
        "first_ms": max(q.first_ms for q in others),
        "all_ms": max(q.ms for q in others),
        "common_ms": max(q.ms for q in common),
        "rss_mb": result.ours.index.rss_mb,
    }


#: Figures that depend on one shard (the one a cold query searches, the largest one indexed)
#: and on the small years index, not on the whole archive, once it is in several shards.
SHARD_BOUNDED = {"query_kb", "all_kb", "common_kb", "first_ms", "all_ms", "common_ms", "rss_mb"}


def projection(points: list[tuple[int, float]]) -> float | None:
    """Least-squares line through (articles, value), read at TARGET_ARTICLES; None if one size."""
    if len({n for n, _ in points}) < 2:
        return None
    mean_n = statistics.fmean(n for n, _ in points)
    mean_v = statistics.fmean(v for _, v in points)
    slope = sum((n - mean_n) * (v - mean_v) for n, v in points) / sum(
        (n - mean_n) ** 2 for n, _ in points
    )
    return mean_v + slope * (TARGET_ARTICLES - mean_n)


def print_targets(results: list[SizeResult]) -> None:
    """Ours against the issue's 50k targets: each size as measured, and a linear projection."""
    print(f"\n=== Targets at {TARGET_ARTICLES:,} articles (the issue), ours ===")
    print("  'ok'/'OVER': this size already within/over the limit; projected: least-squares")
    print("  line through the measured sizes, never below the largest size's figure (crude:")
    print(
        "  bytes and RSS grow ~linearly; times are on localhost, so network time is not in them)."
    )
    print("  Figures of one shard (first results, the largest indexing run) do not grow with the")
    print("  archive once it has several shards: for them the largest size's figure stands.")
    sizes = "".join(f"{r.articles:>12,}" for r in results)
    print(f"{'':36}{'limit':>8}{sizes}{'projected':>12}  at 50k")
    values = [target_values(r) for r in results]
    for key, (label, _, limit) in TARGETS.items():
        cells = "".join(f"{v[key]:>8.0f} {'ok' if v[key] <= limit else 'OVER':>3}" for v in values)
        measured_50k = [
            v[key] for r, v in zip(results, values, strict=True) if r.articles >= 50_000
        ]
        value = (
            measured_50k[0]
            if measured_50k
            else projection([(r.articles, v[key]) for r, v in zip(results, values, strict=True)])
        )
        if value is not None and not measured_50k:
            value = max(value, values[-1][key])  # noise can slope down; nothing gets faster
            if key in SHARD_BOUNDED and results[-1].shards > 1:
                # bounded by one shard's size, not the archive's: the largest size stands
                value = values[-1][key]
        verdict = "-" if value is None else ("on track" if value <= limit else "off track")
        shown = "-" if value is None else f"{value:,.0f}"
        print(f"{label:36}{limit:>8}{cells}{shown:>12}  {verdict}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,5000", help="comma-separated (e.g. 1000,5000,20000)"
    )
    parser.add_argument(
        "--with-50k", action="store_true", help="also 50,000 articles (hours, ~12 GB)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="cold runs per query (median time)")
    parser.add_argument("--keep", action="store_true", help="keep the /tmp build folders")
    parser.add_argument(
        "--no-reference", action="store_true",
        help="ours only: plain Pagefind at 50,000 needs more than 12 GB (its figures print as nan)",
    )  # fmt: skip
    parser.add_argument(
        "--workdir", type=Path,
        help="build the archives here and keep them; a later run with the same folder reuses "
        "their Pelican builds (only indexing and queries run again)",
    )  # fmt: skip
    parser.add_argument(
        "--build-only", action="store_true",
        help="with --workdir: only generate and build the archives (to measure later)",
    )  # fmt: skip
    parser.add_argument(
        "--shard-pages", type=int, default=search_plugin().DEFAULT_SHARD_PAGES,
        help="articles per search index shard (our build's SEARCH_SHARD_PAGES)",
    )  # fmt: skip
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is missing (apt-get install chromium, or `make browser`)")
        return 0
    sizes = synthetic.benchmark_sizes(args.sizes, args.with_50k)
    started = time.perf_counter()
    results = []
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workspace = contextlib.nullcontext(args.workdir.resolve())
    else:
        workspace = synthetic.scratch("search", args.keep)
    with workspace as workdir:
        for n in sizes:
            if args.build_only:
                generate_and_build(n, workdir / f"n{n}")
                continue
            results.append(
                bench_size(n, workdir, args.repeat, args.shard_pages, not args.no_reference)
            )
            print_size(results[-1])
            if not (args.keep or args.workdir):
                shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
        if results:
            print_targets(results)
    print(f"\ntotal wall time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
