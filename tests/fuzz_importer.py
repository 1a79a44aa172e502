"""Fuzzing the importer with Hypothesis: random bytes, random HTML, random records and sidecars.

The property: every input becomes an article or fails with an ExtractionError (one line, a
reason); the import run never raises, and leaves no partial or temporary file. `run_fuzz` is
shared by tests/test_fuzz.py (bounded) and benchmarks/robustness.py (--cases 10000). Failures
are collected rather than raised, so one run reports every crash it finds.
"""

from __future__ import annotations

import gzip
import json
import shutil
import traceback
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.article import Article, ExtractionError
from newsarchive.importer import STATUSES, expand, extract_file, run_import
from newsarchive.sources import discover
from newsarchive.store import fingerprint, read_article, temp_files

TAGS = ["p", "div", "span", "a", "img", "script", "style", "iframe", "svg", "math", "table",
        "tr", "td", "h1", "article", "main", "header", "footer", "nav", "time", "meta", "link",
        "title", "body", "html", "head", "b", "i", "ul", "li", "form", "input", "noscript",
        "template", "object", "embed", "base", "br", "hr", "figure", "blockquote", "pre"]  # fmt: skip
ATTRIBUTES = ["href", "src", "onerror", "onload", "style", "class", "id", "charset", "content",
              "name", "property", "rel", "datetime", "itemprop", "http-equiv", "srcdoc"]  # fmt: skip
URLS = st.sampled_from(["javascript:alert(1)", "data:text/html,x", "https://ok.example/a",
                        "/relative", "//proto.example/x", "jav\tascript:x", "", "#x", "\x00"])  # fmt: skip
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=60
) | st.sampled_from(["The council voted on Tuesday to close the harbour. " * 8,
                      "Published 2019-03-11", "By Jane Roe", "&lt;script&gt;", "<!--", "]]>"])  # fmt: skip
SUFFIXES = [".html", ".htm", ".txt", ".html.gz", ".jsonl", ".json", ".warc", ".xyz"]


@st.composite
def elements(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.dictionaries(st.sampled_from(ATTRIBUTES), URLS | WORDS, max_size=3))
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    children = []
    if depth < 6:
        children = draw(st.lists(WORDS | elements(depth + 1), max_size=5))
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>"]))
    return f"<{tag}{attr_text}>" + "".join(children) + closing


@st.composite
def html_pages(draw) -> bytes:
    text = "<!doctype html><html><head>" + draw(elements()) + "</head><body>"
    text += "".join(draw(st.lists(elements(), min_size=1, max_size=6))) + "</body></html>"
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])), "replace")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | WORDS | URLS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["url", "title", "html", "text", "date", "authors", "source", "headline", "published"]


@st.composite
def json_records(draw) -> bytes:
    records = draw(
        st.lists(
            st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | html_pages().map(
                lambda b: b.decode("utf-8", "replace")), max_size=6)
            | JSON_VALUES,
            max_size=4,
        )
    )  # fmt: skip
    if draw(st.booleans()):
        return json.dumps(records).encode()
    return "\n".join(json.dumps(r) for r in records).encode() + draw(st.binary(max_size=20))


SIDECAR_KEYS = ["title", "date", "url", "authors", "source", "language", "dates"]


@st.composite
def sidecars(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=200))
    mapping = draw(st.dictionaries(st.sampled_from(SIDECAR_KEYS), JSON_VALUES, max_size=5))
    return yaml.safe_dump(mapping, allow_unicode=True).encode()


@st.composite
def cases(draw) -> tuple[str, bytes, bytes | None, bool]:
    """(suffix, input bytes, sidecar bytes or None, whether to run a whole import)."""
    kind = draw(st.sampled_from(["bytes", "html", "html", "records", "text"]))
    if kind == "bytes":
        data = draw(st.binary(max_size=3000))
        if draw(st.booleans()):
            data = gzip.compress(data)
        suffix = draw(st.sampled_from(SUFFIXES))
    elif kind == "html":
        data, suffix = draw(html_pages()), draw(st.sampled_from([".html", ".html.gz"]))
        if suffix.endswith(".gz"):
            data = gzip.compress(data)
    elif kind == "records":
        data, suffix = draw(json_records()), draw(st.sampled_from([".jsonl", ".json"]))
    else:
        paragraphs = draw(st.lists(WORDS, min_size=1, max_size=8))
        data, suffix = "\n\n".join(paragraphs).encode("utf-8", "surrogatepass"), ".txt"
    sidecar = draw(sidecars()) if draw(st.integers(0, 4)) == 0 else None
    whole_import = kind == "records" or sidecar is not None or draw(st.integers(0, 3)) == 0
    return suffix, data, sidecar, whole_import


def check_archive(root: Path) -> list[str]:
    """Partial or temporary files under an archive: none may exist after an import."""
    bad = [f"temporary file {p}" for p in temp_files(root)]
    for path in (root / "content").rglob("*.md"):
        fields, body = read_article(path)
        if fingerprint(fields, body) != fields.get("Written"):
            bad.append(f"partial article {path.name}")
    return bad


def run_fuzz(count: int, workdir: Path) -> dict:
    """Run `count` Hypothesis cases; returns the figures (cases, crashes, partial files)."""
    figures = {"cases": 0, "imports": 0, "articles": 0, "failures_with_reason": 0,
               "crashes": 0, "partial_files": 0, "examples": []}  # fmt: skip

    def crash(what: str, error: BaseException | str, data: bytes) -> None:
        figures["crashes"] += 1
        if len(figures["examples"]) < 5:
            detail = error if isinstance(error, str) else traceback.format_exc()[-1500:]
            figures["examples"].append(f"{what}: {detail} input={data[:120]!r}")

    @settings(max_examples=count, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(cases())
    def one_case(case) -> None:
        suffix, data, sidecar, whole_import = case
        figures["cases"] += 1
        folder = workdir / f"case-{figures['cases']}"
        shutil.rmtree(folder, ignore_errors=True)
        inputs = folder / "in"
        inputs.mkdir(parents=True)
        path = inputs / f"page{suffix}"
        path.write_bytes(data)
        if sidecar is not None:
            path.with_name(path.name + ".meta.yml").write_bytes(sidecar)
        try:
            for unit in expand(discover([path])):
                if hasattr(unit, "status"):  # a record that failed to read: an Outcome
                    assert unit.reason and "\n" not in unit.reason, unit.reason
                    figures["failures_with_reason"] += 1
                    continue
                try:
                    article = extract_file(unit)
                except ExtractionError as err:
                    assert str(err) and "\n" not in str(err), repr(str(err))
                    figures["failures_with_reason"] += 1
                else:
                    assert isinstance(article, Article)
                    figures["articles"] += 1
        except Exception as err:  # anything but ExtractionError is a crash
            crash("extract", err, data)
        if whole_import:
            figures["imports"] += 1
            root = folder / "archive"
            try:
                outcomes = run_import([inputs], root=root, tag=False, jobs=1)
                for outcome in outcomes:
                    assert outcome.status in STATUSES, outcome
                    if outcome.status == "failed":
                        assert outcome.reason and "\n" not in outcome.reason, outcome.reason
                    if (outcome.reason or "").startswith("unexpected "):
                        crash("import", outcome.reason, data)
            except Exception as err:
                crash("import", err, data)
            partial = check_archive(root)
            figures["partial_files"] += len(partial)
        shutil.rmtree(folder, ignore_errors=True)

    one_case()
    return figures
