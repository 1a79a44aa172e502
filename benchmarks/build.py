"""Build speed and size at archive scale: our pipeline beside vanilla Pelican and Hugo.

For each size N a deterministic synthetic archive (benchmarks/synthetic.py: ~600-word
articles, people, topics, organisations, places and sources drawn Zipf-like, 17 years of
dates) is built, in the same run and from the same Markdown, by:

- ours: Pelican with pelicanconf.py and every plugin (entity pages and feeds, date pages and
  charts, the Pagefind search index), as `make html` does;
- vanilla Pelican: the settings `pelican-quickstart` writes (default theme, no plugins,
  pagination 10, feeds off, no content cache);
- vanilla Pelican with tags: the same, on the same articles with their people and topics as
  Pelican `Tags:` (a tag page per person and topic: what a Pelican user gets for entity pages
  without our plugins, and the set-up anchors.md measured vanilla Pelican with, ~8 tags an
  article). It is reported beside the first, which stays the issue's reference;
- Hugo, when the `hugo` binary is installed (Debian package `hugo`): minimal layouts, people,
  topics and sources as taxonomies, pagination 10 (the articles converted to front matter).

Each is timed for a full build, a rebuild with nothing changed, a rebuild after adding 10
articles (dated after the newest: they open a new month), after adding 10 more (of that
same month: a day's news on any day but a month's first) and after editing one article's
text. Measured
per run, from wait4 on the child (so Pagefind, a grandchild, is included): wall seconds, CPU
seconds, the largest process's peak RSS; sampled while it runs, the peak of the whole process
tree's memory (Pelican, its workers and the Pagefind runs beside it: what the machine must
hold, and what the memory target is checked against); and per full build the output's files
and bytes, the site and the search index apart, and bytes per article. Then the ratios and the issue's targets.

    python benchmarks/build.py [--sizes 1000,5000] [--with-50k] [--no-hugo] [--keep] [--rounds N]

With `--rounds N`, ours and vanilla Pelican build the archive from scratch N times in all,
in turn (which goes first alternating), and the full-build target is read as the median of
the rounds' ratios: one run's ratio has swung between 1.02 and 1.15 with the same code.

Every build starts on a settled disk: the files written before it are flushed first
(os.sync, not timed), and no archive is deleted until the run ends (every size's stays in
/tmp until then). This machine's ext4 has no journal, and without one the kernel does not
reuse an inode freed in the last minute (five more while its inode table block is unwritten):
each file or folder made skips such inodes one by one, each skip a lookup in the buffer cache
(fs/ext4/ialloc.c, recently_deleted). A build started right after a large deletion paid for
it in file creation: the builder that ran first after the last size's archive was deleted,
always ours, took 12-14 s longer at 20,000 articles (15-22 s more of system time) than the
same build on a settled disk. (perf showed a quarter of a 5,000-article build's CPU in
find_inode_bit and recently_deleted right after its last output was deleted, 8-10 % in builds
two to six minutes later. A file system with a journal, as most are, skips none.)

Nothing here asserts timings: the machine is shared, so compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import synthetic

REPO = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).with_name("pelican")
#: "add 10": news dated in the 30 days after the archive's end, which opens a new month (the
#: newest month's search bundle and the rest of its year are indexed again: once a month);
#: "10 more": news of that same month (a day's news the other days: its month only).
SCENARIOS = ("full", "no change", "add 10", "10 more", "edit 1")
#: The issue's targets: (label, limit).
TARGETS = {
    "full_vs_vanilla": ("full build, ours / vanilla Pelican", 1.0),
    "full_vs_tagged": ("(beside it) ours / vanilla with tags", 1.0),
    "full_vs_hugo": ("full build, ours / Hugo", 2.0),
    "add_s": ("rebuild, 10 added, new month s (at 20k)", 10.0),
    "more_s": ("rebuild, 10 added, same month s (at 20k)", 10.0),
    "nochange_s": ("rebuild, nothing changed s (at 20k)", 5.0),
    "tree_mb": ("peak memory MB, all processes (at 50k)", 4096.0),
    "kb_per_article": ("output KB per article, all-in", 10.0),
}

#: What `pelican-quickstart` writes into pelicanconf.py (answers: no URL prefix, pagination 10).
VANILLA_SETTINGS = """\
AUTHOR = "Benchmark"
SITENAME = "Vanilla Pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = (("Pelican", "https://getpelican.com/"),)
SOCIAL = (("You can add links in your config file", "#"),)
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
"""

HUGO_CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
title = "Hugo"
languageCode = "en"
paginate = 10
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
person = "people"
topic = "topics"
source = "sources"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '</head><body><nav><a href="{{ "/" | relURL }}">Home</a></nav>'
        '{{ block "main" . }}{{ end }}</body></html>\n'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<p>{{ .Date.Format "2 January 2006" }} · {{ .Params.source }}</p>{{ .Content }}'
        '<p>{{ range .GetTerms "people" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> '
        "{{ end }}</p>"
        '<p>{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> '
        "{{ end }}</p></article>{{ end }}\n"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}'
        "<p>{{ .Summary }}</p></li>{{ end }}</ul>"
        '{{ with .Paginator }}{{ if .HasNext }}<a href="{{ .Next.URL }}">Older</a>{{ end }}'
        "{{ end }}{{ end }}\n"
    ),
    "_default/terms.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
}


@dataclass
class Run:
    """One build: wall and CPU seconds, the largest process's peak RSS and the process
    tree's peak memory (summed), what it left on disk."""

    seconds: float
    cpu: float
    rss_mb: float
    tree_mb: float = 0.0
    files: int = 0
    site_bytes: int = 0
    search_bytes: int = 0


@dataclass
class System:
    """One builder of the same articles, and its runs by scenario."""

    name: str
    runs: dict[str, Run] = field(default_factory=dict)
    #: wall seconds of the full builds after the first (--rounds), in round order
    rounds: list[float] = field(default_factory=list)


def run(command: list[str], cwd: Path, log: Path) -> Run:
    """Run a child; wall time, its CPU time, peak RSS (its own or any waited-for child's) and
    the peak of its process tree's summed memory."""
    start = time.perf_counter()
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        with TreeMemory(child.pid) as tree:
            _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed:\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, tree.peak_mb)


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc (processes that end meanwhile are skipped)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            # "pid (name) state ppid ...": the name may hold spaces and parentheses
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    return parents


def _memory_kb(pid: int) -> int:
    """A process's proportional set size (its share of pages it shares), else its RSS."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
        return 0
    except OSError:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024  # fmt: skip
        except OSError:
            return 0


def tree_memory_mb(root: int) -> float:
    """The summed memory of a process and all its descendants, now, in MB."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo.extend(children.get(pid, ()))
    return total / 1024


class TreeMemory:
    """Samples a process tree's summed memory while it runs (wait4's peak RSS is one
    process's: a build's workers and Pagefind runs together hold more)."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_memory_mb(self.pid))
            self._stop.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure_output(result: Run, output: Path, search_dir: str | None = "pagefind") -> None:
    """Files and bytes under output/, with the search index's folder counted apart."""
    for path in output.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            result.files += 1
            if search_dir and path.relative_to(output).parts[0] == search_dir:
                result.search_bytes += size
            else:
                result.site_bytes += size


# --- the three builders -----------------------------------------------------------------


def ours(root: Path, suffix: str = "") -> tuple[list[str], Path]:
    """Our pipeline as `make html` runs it (Pelican unless the last build is still current),
    with the settings' relative paths (the cache) under root. A suffix ("_r2") gives a build
    of its own: its settings, cache and output folders, all new."""
    settings = root / f"ours_pelicanconf{suffix}.py"
    if not settings.exists():  # rewritten, it would count as a changed input
        cache = f'CACHE_PATH = "cache{suffix}"\n' if suffix else ""
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa: F403\n{cache}",
            encoding="utf-8",
        )
    content, output = root / "content", root / f"output{suffix}"
    check = [sys.executable, "-m", "newsarchive.build_state", content, output, settings]
    build = [PELICAN, content, "-o", output, "-s", settings, "--fatal", "errors"]
    script = f"{shlex.join(map(str, check))} || {shlex.join(map(str, build))}"
    return ["sh", "-c", script], output


def vanilla(root: Path, content: str = "content", output: str = "vanilla-output") -> tuple[list[str], Path]:  # fmt: skip
    settings = root / "vanilla_pelicanconf.py"
    if not settings.exists():  # beside content/: a settings file of ours would see it change
        settings.write_text(VANILLA_SETTINGS, encoding="utf-8")
    command = [str(PELICAN), str(root / content), "-o", str(root / output), "-s", str(settings)]
    return command, root / output


def entity_names(header: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A Pelican Markdown header's fields, and its People and Topics as lists of names."""
    fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    names = {key: [n.strip() for n in fields.get(key, "").split(";") if n.strip()]
             for key in ("People", "Topics")}  # fmt: skip
    return fields, names


def tagged_article(text: str) -> str:
    """A Pelican Markdown file with its people and topics added as vanilla Pelican's Tags."""
    header, _, body = text.partition("\n\n")
    _, names = entity_names(header)
    tags = ", ".join(name.replace(",", " ") for name in names["People"] + names["Topics"])
    return f"{header}\nTags: {tags}\n\n{body}"


def mirror(root: Path, target: Path, convert: Callable[[str], str], subfolder: str) -> None:
    """Mirror content/articles into target/<subfolder>/, converted, rewriting only the files
    whose text changed (an unchanged file keeps its time: no rebuild is caused by the copy)."""
    for source in (root / "content" / "articles").rglob("*.md"):
        path = target / subfolder / source.parent.name / source.name
        text = convert(source.read_text(encoding="utf-8"))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def vanilla_tagged(root: Path) -> tuple[list[str], Path]:
    """Vanilla Pelican on the tagged copy of the articles (tagged_article)."""
    return vanilla(root, "tagged", "vanilla-tagged-output")


def hugo_front_matter(text: str) -> str:
    """A Pelican Markdown file (Key: value lines, blank line, body) as Hugo YAML front matter."""
    header, _, body = text.partition("\n\n")
    fields, names = entity_names(header)
    front = {
        "title": fields["Title"],
        "date": fields["Date"].replace(" ", "T") + ":00Z",
        "slug": fields["Slug"],
        "summary": fields.get("Summary", ""),
        "people": names["People"],
        "topics": names["Topics"],
        "sources": [fields["Source"]] if fields.get("Source") else [],
        "source": fields.get("Source", ""),
    }
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    return f"---\n{lines}---\n\n{body}"


def sync_hugo(root: Path) -> None:
    """Mirror content/articles into the Hugo site, rewriting only files whose text changed."""
    site = root / "hugo"
    for relative, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    mirror(root, site / "content", hugo_front_matter, "posts")


def hugo(root: Path) -> tuple[list[str], Path]:
    output = root / "hugo-output"
    return ["hugo", "--quiet", "-s", str(root / "hugo"), "-d", str(output)], output


# --- scenarios --------------------------------------------------------------------------


def edit_one(root: Path) -> Path:
    """Append a sentence to the text of one article (the same one every run)."""
    path = sorted((root / "content" / "articles").rglob("*.md"))[0]
    with path.open("a", encoding="utf-8") as out:
        out.write("\nA correction was appended to this article by the benchmark.\n")
    return path


def more_rounds(root: Path, systems: list[System], rounds: int, log: Path) -> None:
    """Rounds 2..rounds of the full build, ours and vanilla Pelican, on the archive as the
    scenarios left it: each into folders of its own (nothing is deleted before a timed build),
    the two in turn, which goes first alternating, so that a slow spell of the machine falls
    on both. One run's ratio swings with the machine (1.02-1.15 for the same code at 20,000);
    the median of the rounds' ratios is what the target is read against."""
    by_name = {s.name: s for s in systems}
    for k in range(2, rounds + 1):
        pair = [("ours", ours(root, f"_r{k}")[0]),
                ("vanilla Pelican", vanilla(root, output=f"vanilla-output_r{k}")[0])]  # fmt: skip
        for name, command in pair if k % 2 else reversed(pair):
            os.sync()
            result = run(command, root, log)
            by_name[name].rounds.append(result.seconds)
            print(f"[{root.name}] {name:16} full, round {k} {result.seconds:7.1f} s wall "
                  f"{result.cpu:7.1f} s CPU", flush=True)  # fmt: skip


def paired_ratios(systems: list[System]) -> list[float]:
    """Ours over vanilla Pelican's full-build wall time, round by round (the first round is
    the scenarios' full build)."""
    mine, theirs = systems[0], next(s for s in systems if s.name == "vanilla Pelican")
    ours_s = [mine.runs["full"].seconds, *mine.rounds]
    vanilla_s = [theirs.runs["full"].seconds, *theirs.rounds]
    return [a / b for a, b in zip(ours_s, vanilla_s, strict=True)]


def bench_size(
    n: int, workdir: Path, with_hugo: bool, others_full_only: bool, rounds: int = 1
) -> list[System]:
    root = workdir / f"n{n}"
    print(f"\n[{n:,} articles] generating in {root} ...", flush=True)
    synthetic.generate(root, n)
    builders = [("ours", ours), ("vanilla Pelican", vanilla), ("vanilla + tags", vanilla_tagged)]
    if with_hugo:
        builders.append(("Hugo", hugo))
    systems = [System(name) for name, _ in builders]
    log = root / "build.log"
    for _, builder in builders:  # their settings files first: ours would see them appear
        builder(root)
    for scenario in SCENARIOS:
        if scenario == "add 10":
            synthetic.add_articles(root, n, 10)
        elif scenario == "10 more":
            synthetic.add_articles(root, n + 10, 10, later=True)
        elif scenario == "edit 1":
            edit_one(root)
        if not others_full_only or scenario == "full":  # (the copies only the others read)
            mirror(root, root / "tagged", tagged_article, "articles")
            if with_hugo:
                sync_hugo(root)
        for system, (_, builder) in zip(systems, builders, strict=True):
            if others_full_only and scenario != "full" and system.name != "ours":
                continue
            command, output = builder(root)
            os.sync()  # (what was written before this build is not flushed during it)
            result = run(command, root, log)
            if scenario == "full":
                measure_output(result, output, "pagefind" if system.name == "ours" else None)
            system.runs[scenario] = result
            print(f"[{n:,}] {system.name:16} {scenario:10} {result.seconds:7.1f} s wall "
                  f"{result.cpu:7.1f} s CPU {result.rss_mb:7.0f} MB largest "
                  f"{result.tree_mb:7.0f} MB all", flush=True)  # fmt: skip
    more_rounds(root, systems, rounds, log)
    return systems


# --- report -----------------------------------------------------------------------------


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def print_size(n: int, systems: list[System]) -> dict[str, float]:
    print(f"\n=== {n:,} articles ===")
    print(f"{'':16} {'scenario':10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'all MB':>8} "
          f"{'files':>8} {'site MB':>8} {'search MB':>9} {'KB/article':>10}")  # fmt: skip
    for system in systems:
        for scenario, r in system.runs.items():
            sizes = ""
            if scenario == "full":
                per_article = (r.site_bytes + r.search_bytes) / n / 1024
                sizes = (f"{r.files:>8,} {r.site_bytes / 2**20:>8.1f} "
                         f"{r.search_bytes / 2**20:>9.1f} {per_article:>10.2f}")  # fmt: skip
            print(f"{system.name:16} {scenario:10} {r.seconds:>8.1f} {r.cpu:>8.1f} "
                  f"{r.rss_mb:>8.0f} {r.tree_mb:>8.0f} {sizes}")  # fmt: skip
    mine, others = systems[0].runs, {s.name: s.runs for s in systems[1:]}
    print("ratios, ours / other (wall; CPU):")
    for name, theirs in others.items():
        cells = ", ".join(
            f"{s} {ratio(mine[s].seconds, theirs[s].seconds)}; {ratio(mine[s].cpu, theirs[s].cpu)}"
            for s in SCENARIOS
            if s in theirs
        )
        print(f"  vs {name}: {cells}")
    ratios = paired_ratios(systems)
    if len(ratios) > 1:
        print("full build, ours / vanilla Pelican, round by round: "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}")  # fmt: skip
    full = mine["full"]
    values = {
        "full_vs_vanilla": statistics.median(ratios),
        "add_s": mine["add 10"].seconds,
        "more_s": mine["10 more"].seconds,
        "nochange_s": mine["no change"].seconds,
        "tree_mb": max(r.tree_mb for r in mine.values()),
        "kb_per_article": (full.site_bytes + full.search_bytes) / n / 1024,
    }
    if "vanilla + tags" in others:
        values["full_vs_tagged"] = full.seconds / others["vanilla + tags"]["full"].seconds
    if "Hugo" in others:
        values["full_vs_hugo"] = full.seconds / others["Hugo"]["full"].seconds
    return values


def print_targets(results: dict[int, dict[str, float]]) -> None:
    """Each size's figures against the issue's targets (the time ones are set at 20k, memory
    at 50k: smaller sizes show the trend)."""
    print("\n=== Targets (ours) ===")
    sizes = "".join(f"{n:>12,}" for n in results)
    print(f"{'':40}{'limit':>8}{sizes}")
    for key, (label, limit) in TARGETS.items():
        cells = ""
        for values in results.values():
            value = values.get(key)
            cells += (f"{value:>8.2f} {'ok' if value <= limit else 'OVER':>3}"
                      if value is not None else f"{'-':>12}")  # fmt: skip
        print(f"{label:40}{limit:>8g}{cells}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,5000", help="comma-separated, e.g. 1000,5000,20000"
    )
    parser.add_argument("--with-50k", action="store_true", help="also 50,000 articles (long)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--keep", action="store_true", help="keep the /tmp build folders")
    parser.add_argument(
        "--rounds", type=int, default=1,
        help="full builds of ours and vanilla Pelican, in turn (the target: their median ratio)",
    )  # fmt: skip
    parser.add_argument(
        "--others-full-only",
        action="store_true",
        help="vanilla Pelican and Hugo: the full build only (the rebuild targets are ours)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = synthetic.benchmark_sizes(args.sizes, args.with_50k)
    with_hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not with_hugo:
        print("Hugo: not measured (" + ("--no-hugo" if args.no_hugo else "`hugo` not installed: "
              "apt-get install hugo") + ")")  # fmt: skip
    started = time.perf_counter()
    results = {}
    with synthetic.scratch("build", args.keep) as workdir:
        for n in sizes:  # (each size's archive is removed with workdir, after the last build)
            systems = bench_size(n, workdir, with_hugo, args.others_full_only, args.rounds)
            results[n] = print_size(n, systems)
        print_targets(results)
    print(f"\ntotal wall time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
