"""The hostile corpus (benchmarks/hostile.py, 300+ generated pages) imported and built with the
real Pelican: nothing executable from an article reaches the site, no metadata is injected, no
file lands outside content/ and raw/, and Chromium runs no script from any article page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO, needs_chromium

sys.path.insert(0, str(REPO / "benchmarks"))
import hostile  # noqa: E402
import robustness  # noqa: E402

from newsarchive.store import FIELD_ORDER, read_header  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    hostile.write_corpus(work / "corpus")
    output, report, stderr = robustness.import_and_build(work / "corpus", work / "archive")
    return {"work": work, "root": work / "archive", "output": output, "report": report,
            "stderr": stderr}  # fmt: skip


def test_the_corpus_is_big_enough():
    pages = [name for name in hostile.corpus() if not name.endswith(".meta.yml")]
    assert len(pages) >= 200


def test_no_executable_content_in_any_page_or_feed(site):
    checked, problems = robustness.site_problems(site["output"])
    assert checked > 300
    assert problems == []


def test_the_checker_tells_the_site_search_box_from_a_form_in_an_article():
    page = (
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x">'
        '</head><body><header><form role="search"><label for="q">Search</label><input id="q">'
        '<button>Search</button></form></header><main><article><div class="body"><header>'
        '<form><input name="password"></form></header></div></article></main></body></html>'
    )
    outside = [p for p in robustness.html_problems(page, "x") if "outside the site's own" in p]
    assert outside == ["x: <form> outside the site's own forms", "x: <input> outside the site's own forms"]  # fmt: skip


def test_every_failure_is_one_line_with_a_reason_and_nothing_crashed(site):
    failed = [r for r in site["report"]["inputs"] if r["status"] == "failed"]
    assert failed, "the corpus has inputs that must fail (gzip bomb, deep nesting, ...)"
    for record in failed:
        assert record["reason"] and "\n" not in record["reason"], record
        assert not record["reason"].startswith("unexpected"), record
    assert "Traceback" not in site["stderr"]
    lines = [line for line in site["stderr"].splitlines() if line.startswith("failed")]
    assert len(lines) == len(failed)
    reasons = {r["input"].rsplit("/", 1)[-1]: r["reason"] for r in failed}
    assert "expands past" in reasons["gzip-bomb.html.gz"]
    assert "nested too deeply" in reasons["deep-nesting.html"]
    assert "too many HTML elements" in reasons["many-elements.html"]
    assert "file too large" in reasons["huge-text.txt"]


def test_no_metadata_injected_and_no_file_outside_content_and_raw(site):
    root = site["root"]
    known = {name.lower() for name in FIELD_ORDER}
    articles = list((root / "content" / "articles").rglob("*.md"))
    assert len(articles) > 250
    for path in articles:
        header = read_header(path)
        assert set(header) <= known, (path, set(header) - known)
        assert header["slug"] == path.stem and path.parent.parent.name == "articles"
    for path in root.rglob("*"):
        top = path.relative_to(root).parts[0]
        assert top in ("content", "raw", "reports", "output", "cache"), path
    assert not list((root / "content").rglob(".*.tmp"))


def test_encodings_come_out_right(site):
    by_name = {r["input"].rsplit("/", 1)[-1]: r for r in site["report"]["inputs"]}
    for name in ("cp1252-undeclared.html", "utf16-bom.html", "utf16-no-bom.html",
                 "utf8-bom.html", "mojibake.html", "nul-bytes.html", "gzip-ok.html.gz"):  # fmt: skip
        record = by_name[name]
        assert record["status"] in ("imported", "duplicate"), record
    kept = by_name["cp1252-undeclared.html"]["path"]
    text = Path(kept).read_text(encoding="utf-8")
    assert "Café, naïve façade, “quoted”, €5 — Zoë" in text
    assert any("mojibake" in w for w in by_name["mojibake.html"]["warnings"])
    assert any("NUL" in w for w in by_name["nul-bytes.html"]["warnings"])


@needs_chromium
def test_no_script_runs_in_chromium_on_any_article_page(site, browser):
    work = site["work"]
    (work / "control").mkdir(exist_ok=True)
    (work / "control" / "index.html").write_text(hostile.control_page(), encoding="utf-8")
    httpd, base = robustness.serve(work)
    try:
        pages = robustness.article_pages(site["output"])
        runs = robustness.script_runs(f"{base}/archive/output", pages, browser)
        control = robustness.script_runs(base, ["control/index.html"], browser)
    finally:
        httpd.shutdown()
    assert runs["pages"] == len(pages) > 250
    assert runs["executions"] == 0, runs["where"]
    assert runs["csp_blocked"] == 0, runs["where"]
    # the same vectors unsanitised do run: the detector works
    assert control["executions"] > 5
