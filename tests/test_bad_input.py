"""Bad input: each file gets one clear line in the summary and the report, and the run goes on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED, needs_seed

from newsarchive.cli import main
from newsarchive.sources.decode import decode

BAD = REPO / "tests" / "data" / "bad"
GOOD = REPO / "tests" / "data" / "good"

FAILURES = {
    "empty.html": "empty file",
    "blank.txt": "empty file",
    "photo-saved-as-page.html": "binary file (a PNG image)",
    "random-bytes.htm": "binary file",
    "login-wall.html": "login wall",
    "truncated-before-article.html": "no article text found",
}
#: Pages that are recognisably no article: listed with their reason, no failure.
EXCLUSIONS = {"section-index.html": "an index page"}


def run_import(
    tmp_path: Path, capsys, *paths: Path, strict: bool = False, again: bool = False
) -> tuple[int, str, dict]:
    argv = ["import", *map(str, paths), "--root", str(tmp_path), "--jobs", "2"]
    code = main(argv + (["--strict"] if strict else []) + (["--again"] if again else []))
    err = capsys.readouterr().err
    report = json.loads((tmp_path / "reports" / "import-report.json").read_text())
    return code, err, report


@needs_seed
def test_each_bad_file_gets_one_line_and_no_markdown(tmp_path, capsys):
    code, err, report = run_import(tmp_path, capsys, BAD, SEED)
    assert code == 0
    by_input = {Path(r["input"]).name: r for r in report["inputs"]}
    for name, reason in [*FAILURES.items(), *EXCLUSIONS.items()]:
        record = by_input[name]
        status = "excluded" if name in EXCLUSIONS else "failed"
        assert record["status"] == status, name
        assert reason in record["reason"], (name, record["reason"])
        lines = [line for line in err.splitlines() if name in line and line.startswith(status)]
        assert len(lines) == 1, (name, err)
        assert reason in lines[0]
        assert "\n" not in record["reason"]
    # the run went on: the good page among them was imported
    assert by_input[SEED.name]["status"] == "imported"
    assert report["counts"]["failed"] == len(FAILURES)
    assert report["counts"]["excluded"] == len(EXCLUSIONS)
    markdown = list((tmp_path / "content" / "articles").rglob("*.md"))
    names = {p.read_text(encoding="utf-8").split("\n", 1)[0] for p in markdown}
    assert "Title: Insiders: Major Headway Unlikely From U.S.-Russia Talks" in names
    assert "Title: Council budget: what it means for you" not in names
    assert not list(tmp_path.rglob("*.tmp"))


def test_strict_exit_code(tmp_path, capsys):
    code, _, _ = run_import(tmp_path, capsys, BAD / "empty.html", strict=True)
    assert code == 1


def _crawled_site(mirror: Path) -> None:
    """A crawled site (invented): an undated article, the site's own pages and a section
    front, each saved as a crawler saves them."""
    story = "".join(
        f"<p>The stone bridge over the Lind reopened on Tuesday, and part {n} of the repairs"
        " rebuilt its arches with lime mortar mixed as it was two centuries ago.</p>"
        for n in range(6)
    )
    about = ("<p>The Courier reported on the valley for forty years from its print works on"
             " Mill Lane, and it closed when its last owner retired.</p>") * 2  # fmt: skip
    pages = {
        "2019/bridge-reopens/index.html": ("Old bridge reopens", story),
        "about/index.html": ("About us", about),
        "privacy-policy/index.html": ("Privacy policy", about),
        "search/index.html?q=bridge.html": ("Results for bridge", about),
    }
    for name, (title, body) in pages.items():
        (mirror / name).parent.mkdir(parents=True, exist_ok=True)
        (mirror / name).write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")  # fmt: skip
    _section_front(mirror / "local" / "index.html", 4)
    (mirror / "feed").mkdir()
    (mirror / "feed" / "index.html").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title></channel></rss>')  # fmt: skip


def test_a_crawls_pages_that_are_no_articles_are_excluded_not_failed(tmp_path, capsys):
    """A crawled site's about page, privacy policy and search results were imported as
    undated articles, and its section fronts failed, so `--strict` on any crawl exited 1:
    they are `excluded` now, each listed with its reason and kept out of the archive, and
    `--strict` fails only for a page that is broken or unreadable."""
    mirror = tmp_path / "mirror"
    _crawled_site(mirror)
    code, err, report = run_import(tmp_path / "archive", capsys, mirror, strict=True)
    assert code == 0, err
    assert "1 imported, 0 updated, 0 unchanged, 0 duplicate, 0 failed, 0 skipped, 0 edited, 0 joined, 5 excluded" in err.splitlines()  # fmt: skip
    by_input = {Path(r["input"]).relative_to(mirror).as_posix(): r for r in report["inputs"]}
    assert by_input["2019/bridge-reopens/index.html"]["status"] == "imported"  # (undated)
    reasons = {name: r["reason"] for name, r in by_input.items() if r["status"] == "excluded"}
    assert reasons["about/index.html"].startswith("an about page, not an article (")
    assert reasons["privacy-policy/index.html"].startswith("a privacy policy, not an article")
    assert reasons["search/index.html?q=bridge.html"].startswith("a page of search results")
    assert "a list of stories?" in reasons["local/index.html"]
    assert reasons["feed/index.html"] == "an RSS feed, not a web page"
    for name in reasons:
        assert f"excluded   {mirror / name}: {reasons[name]}" in err.splitlines()
    articles = list((tmp_path / "archive" / "content").rglob("*.md"))
    assert [a.name for a in articles] == ["old-bridge-reopens.md"]
    assert main(["extract", "--json", str(mirror / "feed" / "index.html")]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said == {"input": str(mirror / "feed" / "index.html"), "error": reasons["feed/index.html"], "excluded": True}  # fmt: skip
    # a page that is broken still fails the strict run
    shutil.copy(BAD / "login-wall.html", mirror)
    code, err, report = run_import(tmp_path / "archive", capsys, mirror, strict=True)
    assert code == 1 and report["counts"]["failed"] == 1


def test_a_page_imported_before_as_an_article_and_now_excluded_names_its_article(
    tmp_path, capsys, monkeypatch
):
    """Read again (--again) after an upgrade, a crawl's about page that an earlier version
    imported as an undated article said only `excluded`, while its article stayed in the
    archive, in its lists, feeds and search: its line names the article, which is kept
    (deleting is the editor's call), and once deleted the page is excluded plainly."""
    mirror = tmp_path / "mirror"
    _crawled_site(mirror)
    import newsarchive.extract

    with monkeypatch.context() as earlier:  # (a version that knew no site's own pages)
        earlier.setattr(newsarchive.extract, "check_not_a_site_page", lambda *args: None)
        run_import(tmp_path / "archive", capsys, mirror / "about")
    [article] = (tmp_path / "archive" / "content").rglob("*.md")
    _, err, report = run_import(tmp_path / "archive", capsys, mirror / "about", again=True)
    [record] = report["inputs"]
    assert record["status"] == "excluded" and record["path"] == str(article)
    assert record["reason"].endswith(f"; {article}, imported from it before, is still in the archive: delete it to drop it")  # fmt: skip
    assert f"excluded   {mirror / 'about' / 'index.html'}: {record['reason']}" in err.splitlines()
    assert article.exists()
    article.unlink()
    _, _, report = run_import(tmp_path / "archive", capsys, mirror / "about", again=True)
    assert report["inputs"][0]["reason"].startswith("an about page, not an article (its")
    assert "still in the archive" not in report["inputs"][0]["reason"]


def test_truncated_page_is_kept_and_flagged(tmp_path, capsys):
    _, err, report = run_import(tmp_path, capsys, BAD / "truncated.html")
    record = report["inputs"][0]
    assert record["status"] == "imported"
    assert any("truncated" in w for w in record["warnings"])
    assert "warning    " in err and "truncated" in err
    text = Path(record["path"]).read_text(encoding="utf-8")
    assert "\nIncomplete: true\n" in text


@pytest.mark.parametrize(
    ("name", "expected", "how"),
    [
        ("cp1252-declared.html", "Le café «Chez Zoë» reopened on the quay", "cp1252 (declared)"),
        ("cp1252-undeclared.html", "Le café «Chez Zoë» reopened on the quay", "cp1252 (detected"),
        (
            "cp1252-declared-utf8.html",
            "Le café «Chez Zoë» reopened on the quay",
            "cp1252 (detected, the page declares utf-8, which its bytes are not)",
        ),  # a lie
        (
            "latin1-declared.html",
            "The fête raised £12,000",
            "cp1252 (declared iso-8859-1, read as browsers read it)",
        ),  # (it said "cp1252 (declared)", as though the page had said so)
        ("latin1-undeclared.txt", "The fête raised £12,000", "cp1252 (detected"),
        ("utf16-bom.html", "The harbour commission in Port Avel", None),
    ],
)
def test_non_utf8_pages_are_decoded_and_say_how(tmp_path, capsys, name, expected, how):
    _, err, report = run_import(tmp_path, capsys, GOOD / name)
    record = report["inputs"][0]
    assert record["status"] == "imported", record
    text = Path(record["path"]).read_text(encoding="utf-8")
    assert expected in text
    assert "\ufffd" not in text
    if how:
        assert any(how in w for w in record["warnings"])
        assert f"{name}: decoded as {how}" in err


@pytest.mark.parametrize(
    "text",
    [
        "René Müller showed his plans in Zürich on Tuesday, and the council said building would begin in spring.",
        "Le café «Chez Zoë» a rouvert.",
        "Señora Núñez habló en León.",
    ],
)
def test_short_undeclared_western_text_is_read_as_cp1252(text):
    """A detector calls short windows-1252 text Baltic DOS (cp775) or Central European (cp1250):
    "RenĆ MĀller" lost the article its people."""
    decoded, warnings = decode(text.encode("cp1252"), Path("short.txt"), "text")
    assert decoded == text
    assert warnings == ["decoded as cp1252 (detected, not declared)"]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Лавров встретился с Макроном в Париже, сообщили в министерстве.", "cp1251"),
        ("Tusk spotkał się z prezydentem Francji w Paryżu. Może jutro.", "cp1250"),
        ("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο της Γαλλίας.", "cp1253"),
    ],
)
def test_undeclared_pages_in_other_code_pages_keep_their_letters(text, codec):
    """Every single-byte code page a detector named was read as windows-1252: a Russian page
    came out "Ëàâðîâ âñòðåòèëñÿ" and lost its people."""
    page = f"<html><body><h1>{text}</h1><p>{text}</p></body></html>".encode(codec)
    decoded, warnings = decode(page, Path("page.html"), "html")
    assert text in decoded
    assert warnings == [f"decoded as {codec} (detected, not declared)"]


def test_missing_file_and_wrong_suffix(tmp_path, capsys):
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF-1.4 not a page")
    _, _, report = run_import(tmp_path, capsys, tmp_path / "nope.html", odd)
    reasons = [r["reason"] for r in report["inputs"]]
    assert reasons == ["no such file", "binary file (a PDF document), not a web page or text dump"]


@needs_seed
def test_a_loop_of_links_fails_alone_with_its_reason(tmp_path, capsys):
    """A loop of links named as an input stopped `extract` whole ("Too many levels of
    symbolic links", status 2) and gave `import` an "unexpected OSError" line."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    reason = "cannot read file (Too many levels of symbolic links)"
    assert main(["extract", str(tmp_path / "a"), str(SEED), "--json", "--no-tag"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0] == {"input": str(tmp_path / "a"), "error": reason}
    assert records[1]["title"]
    _, err, report = run_import(tmp_path / "root", capsys, tmp_path / "a", SEED)
    assert [r.get("reason") for r in report["inputs"]] == [reason, None]
    assert f"{tmp_path / 'a'}: {reason}" in err


@needs_seed
def test_a_folders_broken_links_fail_with_their_reason_not_silently(tmp_path, capsys):
    """A scrape folder's page that is a link to a file gone (a mirror moved) or a loop of
    links was passed over without a word by `import` and `extract` alike: no line, no
    record, no JSON object, as if the page had never been there."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SEED, folder / "story.txt")
    (folder / "gone.html").symlink_to(tmp_path / "moved" / "gone.html")
    (folder / "loop-a.html").symlink_to(folder / "loop-b.html")
    (folder / "loop-b.html").symlink_to(folder / "loop-a.html")
    gone = f"broken link: {tmp_path / 'moved' / 'gone.html'} does not exist"
    looping = "cannot read file (Too many levels of symbolic links)"
    expected = {"gone.html": gone, "loop-a.html": looping, "loop-b.html": looping}
    assert main(["extract", str(folder), "--json", "--no-tag"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["input"]).name for r in records] == [*expected, "story.txt"]
    assert {Path(r["input"]).name: r.get("error") for r in records[:3]} == expected
    _, err, report = run_import(tmp_path / "root", capsys, folder)
    reasons = {Path(r["input"]).name: r["reason"] for r in report["inputs"] if r["reason"]}
    assert reasons == expected
    assert f"failed     {folder / 'gone.html'}: {gone}" in err
    # named on its own, the link is said to be one, not "no such file"
    assert main(["extract", str(folder / "gone.html"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["error"] == gone


def seed_with_sidecar(tmp_path: Path, sidecar: str) -> Path:
    page = tmp_path / "in" / "story.txt"
    page.parent.mkdir()
    shutil.copy(SEED, page)
    (tmp_path / "in" / "story.txt.meta.yml").write_text(sidecar)
    return page


@needs_seed
@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        (
            "date: [unclosed\n",
            "sidecar story.txt.meta.yml:1: not valid YAML (expected ',' or ']', but got '<stream end>')",
        ),
        ("dates: 2013-08-09\n", "sidecar story.txt.meta.yml has unknown keys: dates"),
        ("- just\n- a list\n", "sidecar story.txt.meta.yml must be a mapping"),
        ("date: next tuesday\n", "sidecar date 'next tuesday' is not a plausible date"),
        # a day is never made up (dateutil would take today's)
        ("date: May 2013\n", "sidecar date 'May 2013' has no day"),
        ("date: '2013-08'\n", "sidecar date '2013-08' has no day"),
        # nor is a day and month that could be either (dateutil read 3 December)
        (
            "date: 12/03/2013\n",
            "sidecar date '12/03/2013' could be 3 December 2013 or 12 March 2013",
        ),
    ],
)
def test_bad_sidecars_are_reported(tmp_path, capsys, sidecar, reason):
    page = seed_with_sidecar(tmp_path, sidecar)
    _, _, report = run_import(tmp_path, capsys, page)
    assert report["inputs"][0]["status"] == "failed"
    assert reason in report["inputs"][0]["reason"]


@needs_seed
def test_a_broken_sidecar_names_its_line_and_problem(tmp_path, capsys):
    """PyYAML's first line is its context: "unreadable sidecar story.txt.meta.yml: while parsing
    a flow sequence" said neither where nor what."""
    page = seed_with_sidecar(tmp_path, "title: Harbour vote\ndate: [2013-08-09\nurl: x\n")
    _, err, report = run_import(tmp_path, capsys, page)
    reason = "sidecar story.txt.meta.yml:2: not valid YAML (expected ',' or ']', but got ':')"
    assert report["inputs"][0]["reason"] == reason
    assert f"failed     {page}: {reason}\n" in err
    page.with_name("story.txt.meta.yml").write_bytes(b"title: caf\xe9\n")
    _, _, report = run_import(tmp_path, capsys, page)
    assert report["inputs"][0]["reason"] == "sidecar story.txt.meta.yml: not UTF-8 at byte 10"


ARTICLE = (
    "<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>"
    "<p>{text}, said the mayor, as the harbour council voted on Tuesday to close the pier.</p>"
    + "".join(
        f"<p>Speaker {n} told the council that the {n * 3} ferries a day needed another "
        f"berth, and that the {n + 1970} timetable was long out of date.</p>"
        for n in range(1, 6)
    )
    + "</article></body></html>"
)


@pytest.mark.parametrize(
    ("name", "data", "warning", "expected"),
    [
        ("nul.html", ARTICLE.format(text="Ca\x00fé").encode(), "1 NUL bytes removed", "Café"),
        ("utf16.html", ARTICLE.format(text="Zoë").encode("utf-16-le"), "utf-16-le (no BOM)",
         "Zoë"),
        ("mojibake.html", ARTICLE.format(text="Café “quoted’").encode().decode("cp1252").encode(),
         "repaired", "Café “quoted’"),
        ("controls.html", ARTICLE.format(text="Caf\x0bé\x1b[31m \ufffe").encode(), None,
         "Caf é [31m"),
    ],
)  # fmt: skip
def test_nul_bytes_controls_utf16_without_bom_and_mojibake(
    tmp_path, capsys, name, data, warning, expected
):
    page = tmp_path / name
    page.write_bytes(data)
    _, _, report = run_import(tmp_path, capsys, page)
    record = report["inputs"][0]
    assert record["status"] == "imported", record
    assert warning is None or any(warning in w for w in record["warnings"]), record["warnings"]
    assert expected in Path(record["path"]).read_text(encoding="utf-8")


def test_deep_and_huge_html_fail_with_a_clear_reason(tmp_path, capsys):
    (tmp_path / "deep.html").write_text("<div>" * 100_000 + "text" + "</div>" * 100_000)
    (tmp_path / "many.html").write_text("<p>" + "<span>x</span>" * 300_000)
    _, err, report = run_import(tmp_path, capsys, tmp_path / "deep.html", tmp_path / "many.html")
    reasons = [r["reason"] for r in report["inputs"]]
    assert reasons == ["HTML nested too deeply (over 1,000 levels)",
                       "too many HTML elements (over 200,000)"]  # fmt: skip
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "opening",
    [
        "<div>" * 300,  # past the parser's depth (255), within MAX_NESTING_DEPTH
        "<ul><li>" * 200,  # 200 levels by check_structure's count, 400 as libxml2 reads
    ],
)
def test_html_the_parser_reads_only_part_of_fails_with_the_reason(tmp_path, capsys, opening):
    """libxml2 drops everything past its depth limit: the story below the deep part was lost,
    the page failing as "no article text found" (login wall?) or imported cut short."""
    story = "<p>The harbour council voted on Tuesday to dredge the channel again.</p>" * 20
    page = tmp_path / "deep.html"
    page.write_text(
        f"<html><head><title>Dredging</title></head><body>{opening}{story}</body></html>"
    )
    _, err, report = run_import(tmp_path, capsys, page)
    assert report["inputs"][0]["reason"] == "HTML nested too deeply (over 255 levels)"
    assert "failed" in err and not (tmp_path / "content" / "articles").exists()


def test_a_text_too_long_for_the_parser_fails_with_the_reason(tmp_path, capsys):
    """A text of over 10 MB without a tag: libxml2 read none of the page."""
    page = tmp_path / "long.html"
    words = "the harbour council voted to dredge the channel. " * 220_000
    page.write_text(f"<html><head><title>Long</title></head><body><p>{words}</p></body></html>")
    _, _, report = run_import(tmp_path, capsys, page)
    assert report["inputs"][0]["reason"].startswith("HTML the parser cannot read whole ("), report


def test_odd_names_and_values_fail_on_one_printable_line(tmp_path, capsys):
    odd = tmp_path / "new\nline [bold]x.html"
    odd.write_bytes(b"")
    records = tmp_path / "records.jsonl"
    records.write_bytes(
        b'{"html": "<p>x</p>", "url": {"not": "text"}}\n[[[[[[\n\xff\xfe{}\n{"text": 5}\n'
    )
    code, err, report = run_import(tmp_path, capsys, odd, records)
    assert code == 0
    failed = [r for r in report["inputs"] if r["status"] == "failed"]
    assert len(failed) == 5
    assert all(r["reason"] and "\n" not in r["reason"] for r in failed)
    lines = [line for line in err.splitlines() if line.startswith("failed")]
    assert len(lines) == 5
    assert "new\\nline [bold]x.html: empty file" in lines[0]
    assert "url must be text, not dict" in err


@needs_seed
def test_a_file_name_that_is_not_utf8_is_imported_and_named_with_a_replacement_character(
    tmp_path, capsys
):
    # (a Latin-1 name, as an old archive or a zip file unpacked holds them: the article failed
    # with "unexpected UnicodeEncodeError", and writing the report then ended in a traceback)
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SEED, folder / os.fsdecode(b"caf\xe9-talks.txt"))
    (folder / os.fsdecode(b"caf\xe9.jsonl")).write_text('{"html": "<p>x</p>"}\n')
    (folder / os.fsdecode(b"notes.caf\xe9")).write_text("not read")
    code, err, report = run_import(tmp_path, capsys, folder)
    assert code == 0, err
    inputs = {r["input"]: r for r in report["inputs"]}
    shown = str(folder / "caf\ufffd")
    assert inputs[f"{shown}-talks.txt"]["status"] == "imported"
    assert inputs[f"{shown}.jsonl#1"]["status"] == "failed"
    assert inputs[str(folder)]["reason"] == "1 file of no kind read here (1 .caf\ufffd)"
    article = Path(tmp_path / inputs[f"{shown}-talks.txt"]["path"]).read_text(encoding="utf-8")
    assert "\nInput: caf\ufffd-talks.txt\n" in article
    assert f"failed     {shown}.jsonl#1: " in err
    extracted = subprocess.run(
        [sys.executable, "-m", "newsarchive", "extract", "--json", "--no-tag", str(folder)],
        capture_output=True, cwd=REPO,
    )  # fmt: skip
    records = [json.loads(line) for line in extracted.stdout.decode("utf-8").splitlines()]
    assert [r["input"] for r in records] == [f"{shown}-talks.txt", f"{shown}.jsonl#1", str(folder)]


def test_a_long_page_declared_utf8_whose_only_accents_come_late_is_cp1252():
    """The detector reads the first 200 KB; where they are all ASCII it goes by the page's
    utf-8 declaration, which the whole page's bytes are not: "café" came out "caf\ufffd"."""
    head = '<html><head><meta charset="utf-8"><title>Council</title></head><body>'
    filler = "<p>The council met on Tuesday and the meeting went on into the night.</p>" * 3000
    page = head + filler + "<p>Once again,\xa0the café «Chez Zoë» reopened.</p></body></html>"
    text, warnings = decode(page.encode("cp1252"), Path("long.html"), "html")
    assert text.endswith("Once again,\xa0the café «Chez Zoë» reopened.</p></body></html>")
    assert warnings == [
        "decoded as cp1252 (detected, the page declares utf-8, which its bytes are not)"
    ]


def test_a_utf8_page_cut_mid_character_stays_utf8():
    """A download stopped inside a character is UTF-8 no decoder takes whole; read as
    windows-1252 instead, each of its accents came out as two letters ("CafÃ©")."""
    page = '<html><head><meta charset="utf-8"></head><body><p>Café in Zürich, naïve résumé.'
    data = (page * 40).encode("utf-8") + "é".encode()[:1]
    text, _ = decode(data, Path("cut.html"), "html")
    assert text.startswith(page) and "Ã" not in text and text.endswith("\ufffd")


def test_a_copy_cut_short_never_replaces_the_whole_article(tmp_path, capsys):
    """A truncated copy of a page (a download stopped) has its URL, so it was taken for a new
    version and replaced the whole article with the start of it."""
    whole = REPO / "samples" / "html" / "meridian-courier" / "veloria-kastria-agree-to-resume-missile-talks.html"  # fmt: skip
    cut = tmp_path / "in" / "cut.html"
    cut.parent.mkdir()
    cut.write_bytes(whole.read_bytes()[:7_000])  # inside the article's text
    _, _, report = run_import(tmp_path, capsys, whole)
    article = Path(report["inputs"][0]["path"])
    text = article.read_bytes()
    _, err, report = run_import(tmp_path, capsys, cut)
    record = report["inputs"][0]
    assert record["status"] == "skipped"
    assert record["reason"].startswith(f"looks cut short, and {article} has the whole text")
    assert f"skipped    {cut}: looks cut short" in err
    assert article.read_bytes() == text
    # the other way round, the whole page replaces the copy cut short
    other = tmp_path / "other"
    run_import(other, capsys, cut)
    _, _, report = run_import(other, capsys, whole)
    assert report["inputs"][0]["status"] == "updated"
    assert "\nIncomplete:" not in Path(report["inputs"][0]["path"]).read_text(encoding="utf-8")


def test_a_warning_many_inputs_share_is_one_line(tmp_path, capsys):
    """A French archive's every article is "written in 'fr', and the tagging pipeline reads
    'en'": a line each hid, in an import of thousands, the warnings that are one page's."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"greve-{n}.txt").write_text(
            f"Les dockers de Saltmere entrent dans leur {n + 2}e jour de grève\n\n"
            + " ".join(
                f"Le syndicat des dockers a annoncé mardi que la grève continuerait au port {n},"
                " car la direction refuse toujours de négocier les salaires et les horaires de"
                " nuit, et les navires attendent au large depuis plusieurs jours."
                for _ in range(4)
            ),
            encoding="utf-8",
        )
    shutil.copy(BAD / "truncated.html", folder)
    _, err, report = run_import(tmp_path, capsys, folder)
    french = [w for r in report["inputs"] for w in r["warnings"] if "written in 'fr'" in w]
    assert len(french) == 5  # (the report keeps each input's)
    lines = [line for line in err.splitlines() if line.startswith("warning")]
    shared = [line for line in lines if "written in 'fr'" in line]
    assert shared == [f"warning    5 inputs (each listed in the report): {french[0]}"]
    assert [line for line in lines if "truncated.html" in line]  # one page's stays its own


def _section_front(path: Path, stories: int) -> None:
    """A crawled section front: `stories` headlines linking to their stories, each over its
    standfirst and date (invented)."""
    teasers = "".join(
        f'<div class="teaser"><h2><a href="/news/story-{n}.html">Harbour board meets on plan {n}</a></h2>'
        f"<p>The harbour board met on Thursday to discuss the {n}th version of the dredging plan,"
        " which fishing crews and the marina's owners have argued over for two years.</p>"
        f"<p>{n} March 2021</p></div>"
        for n in range(1, stories + 1)
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><head><title>Local news</title></head><body><h1>Local</h1>{teasers}</body></html>")  # fmt: skip


def test_failures_many_inputs_share_but_for_numbers_are_one_line(tmp_path, capsys):
    """A crawled site's section fronts, tag pages and their /page/2/s each failed with a line
    of its own ("6 of its 6 paragraphs are other stories' standfirsts ..."): thousands of red
    lines for a mirror, in which the one page that failed for another reason was lost. Those
    of one kind (the same reason but for its numbers) are one line with their count."""
    mirror = tmp_path / "mirror"
    for n, section in enumerate(
        ["local", "world", "business", "sport", "tag/harbour", "tag/ferry"]
    ):
        _section_front(mirror / section / "index.html", 3 + n)
    shutil.copy(BAD / "login-wall.html", mirror)
    for name in ["about", "contact", "privacy", "terms"]:  # (a site's pages: a line each)
        (mirror / name).mkdir()
        (mirror / name / "index.html").write_text(
            f"<html><head><title>{name}</title></head><body><article><h1>{name.title()}</h1>"
            f"<p>The Courier's {name} page: who we are, how to reach the newsroom, what we do"
            " with your details and the rules for the comments under each of our stories.</p>"
            "</article></body></html>"
        )
    for n in range(4):  # (notices of no date: a line for all)
        (mirror / f"notice-{n}.html").write_text(
            f"<html><head><title>Notice {n}</title></head><body><article><h1>Notice {n}</h1>"
            f"<p>The Courier's ferry notice {n}: the crossing to the island closes for repairs"
            " to the slipway, and the harbour board will say when it opens again next month.</p>"
            "</article></body></html>"
        )
    _, err, report = run_import(tmp_path, capsys, mirror)
    excluded = [r for r in report["inputs"] if r["status"] == "excluded"]
    assert len(excluded) == 10  # (the report keeps each)
    lines = [line for line in err.splitlines() if line.startswith("excluded")]
    fronts = [line for line in lines if "a list of stories?" in line]
    assert len(fronts) == 1 and fronts[0].startswith("excluded   6 inputs (each listed in the report, the first ")  # fmt: skip
    assert len(lines) == 5  # (an about page, a contact page, ...: a line each)
    failed = [line for line in err.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "login-wall.html" in failed[0]  # (its own line)
    [undated] = [line for line in err.splitlines() if line.startswith("undated")]
    assert undated.startswith("undated    4 inputs (each listed in the report, the first ")
    assert len(report["undated"]) == 4


@needs_seed
def test_gzipped_inputs_cut_short_joined_or_text_dumps(tmp_path, capsys):
    """A gzipped page cut short failed whole ("broken gzip file (Compressed file ended before
    the end-of-stream marker was reached)"), where a page cut short is read as far as it goes;
    a gzipped text dump in a folder was skipped as a ".gz" of no kind read here, and named
    on the command line read as HTML."""
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    page = (GOOD / "cp1252-declared.html").read_bytes().decode("cp1252").encode("utf-8")
    whole = gzip.compress(page.replace(b"cp1252", b"utf-8").replace(b"windows-1252", b"utf-8"))
    (folder / "cut.html.gz").write_bytes(whole[: len(whole) * 3 // 4])
    (folder / "nothing.html.gz").write_bytes(whole[:12])  # (the header alone)
    seed = SEED.read_bytes()
    (folder / "joined.txt.gz").write_bytes(gzip.compress(seed[:5000]) + gzip.compress(seed[5000:]))
    _, err, report = run_import(tmp_path, capsys, folder)
    by_input = {Path(r["input"]).name: r for r in report["inputs"]}
    assert set(by_input) == {"cut.html.gz", "nothing.html.gz", "joined.txt.gz"}, err
    cut = by_input["cut.html.gz"]
    assert cut["status"] == "imported", cut
    assert any(w.startswith("gzip file cut short: read the ") for w in cut["warnings"])
    assert by_input["nothing.html.gz"]["status"] == "failed"
    assert "broken gzip file" in by_input["nothing.html.gz"]["reason"]
    dump = by_input["joined.txt.gz"]
    assert dump["status"] == "imported", dump
    assert dump["title"] == "Insiders: Major Headway Unlikely From U.S.-Russia Talks"


def test_a_gzipped_page_cut_before_its_article_fails_saying_it_was_cut(tmp_path, capsys):
    """A saved page whose gzip file was cut before its article (a download stopped early)
    failed as "no article text found (11 words; login wall or stub page?)": what the cut
    left was taken for a stub, and the reason the user could act on went unsaid."""
    import gzip

    page = (GOOD / "cp1252-declared.html").read_bytes().decode("cp1252").encode("utf-8")
    whole = gzip.compress(page.replace(b"windows-1252", b"utf-8"))
    cut = tmp_path / "cut-early.html.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 5])  # (its head, and the headline's first words)
    assert main(["extract", str(cut), "--json", "--no-tag"]) == 0
    reason = json.loads(capsys.readouterr().out)["error"]
    assert reason.startswith("gzip file cut short: read the "), reason
    assert "which hold no article: no article text found" in reason
    _, err, report = run_import(tmp_path / "root", capsys, cut)
    assert report["inputs"][0]["reason"] == reason
    assert f"failed     {cut}: {reason}" in err
