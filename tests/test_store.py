"""The Markdown store: safe metadata, stable ids and slugs, re-imports that change nothing."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SEED, build_site, needs_seed, new_archive

from newsarchive.article import Article
from newsarchive.importer import run_import
from newsarchive.store import (
    TAG_FIELDS,
    correction_time,
    fingerprint,
    read_article,
    read_header,
    split_names,
)

#: The tagger's fields (and its own record of them), legitimately in any article's header.
TAG_KEYS = (
    {n.lower() for n in TAG_FIELDS} | {f"auto_{n.lower()}" for n in TAG_FIELDS} | {"topic_scores"}
)

PARAGRAPH = (
    "Members of the river authority met in the town hall on Monday evening to hear the engineers "
    "explain why the eastern embankment must be raised by half a metre before the spring floods. "
    "Residents asked for the work to start before the end of the year."
)


def write_page(path: Path, title: str, author: str = "Ada Quill", site: str = "Riverside Gazette",
               url: str | None = None, body: str = PARAGRAPH, date: str | None = "2019-05-04") -> Path:  # fmt: skip
    head = f'<meta property="og:site_name" content="{site}">'
    head += f'<meta name="author" content="{author}">'
    if url:
        head += f'<link rel="canonical" href="{url}">'
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def markdown_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content" / "articles").rglob("*.md"))
    }


def test_reimport_changes_nothing(tmp_path):
    first = run_import([SAMPLES], root=tmp_path)
    before = markdown_files(tmp_path)
    raw_before = sorted(p.name for p in (tmp_path / "raw").rglob("*") if p.is_file())
    second = run_import([SAMPLES], root=tmp_path)
    assert markdown_files(tmp_path) == before
    assert sorted(p.name for p in (tmp_path / "raw").rglob("*") if p.is_file()) == raw_before
    # (and samples/README.md, said not read: a skipped line for the folder)
    assert [o.input for o in first if o.status == "skipped"] == [str(SAMPLES)]
    assert {o.status for o in first if o.input != str(SAMPLES)} == {"imported"}
    assert {o.status for o in second if o.input != str(SAMPLES)} == {"unchanged"}
    # the report names each input's article as the first import did (they were null: an
    # input known by its bytes is not read again)
    said = {o.input: (o.title, o.date) for o in first if o.status == "imported"}
    assert {o.input: (o.title, o.date) for o in second if o.input in said} == said
    assert any(date for _, date in said.values()) and all(title for title, _ in said.values())


def test_same_result_whatever_the_number_of_workers(tmp_path):
    run_import([SAMPLES], root=tmp_path / "one", jobs=1)
    run_import([SAMPLES], root=tmp_path / "two", jobs=2)
    assert markdown_files(tmp_path / "one") == markdown_files(tmp_path / "two")


@needs_seed
def test_raw_inputs_kept_byte_for_byte(tmp_path):
    [outcome] = run_import([SEED], root=tmp_path)
    meta = read_header(Path(outcome.path))
    raw = tmp_path / meta["raw"]
    assert raw.read_bytes() == SEED.read_bytes()
    assert raw.stem == __import__("hashlib").sha256(SEED.read_bytes()).hexdigest()


def test_exact_duplicates_are_imported_once(tmp_path):
    a = write_page(tmp_path / "in" / "a.html", "Embankment to be raised")
    b = tmp_path / "in" / "copy-of-a.html"
    b.write_text(a.read_text().replace("</html>", "<!-- saved again --></html>"), encoding="utf-8")
    outcomes = run_import([tmp_path / "in"], root=tmp_path)
    assert [o.status for o in outcomes] == ["imported", "duplicate"]
    assert len(markdown_files(tmp_path)) == 1


def test_an_exact_duplicate_at_another_address_is_listed_in_the_copies(tmp_path):
    """A near-duplicate's address was listed in the kept article's Copies, an exact one's
    lost: the same story at a second URL left no trace."""
    story = " ".join([PARAGRAPH] * 2)
    original = write_page(tmp_path / "in" / "a.html", "Embankment to be raised",
                          url="https://gazette.example/2019/05/04/embankment", body=story)  # fmt: skip
    mirror = tmp_path / "in" / "b.html"
    mirror.write_text(original.read_text().replace("gazette.example/2019/05/04", "mirror.example"))  # fmt: skip
    again = tmp_path / "in" / "c.html"  # (the same address again: nothing to add)
    again.write_text(original.read_text().replace("</html>", "<!-- saved again --></html>"))
    outcomes = run_import([original, mirror, again], root=tmp_path, tag=False)
    # (the same address's page again, its furniture changed: its own article, unchanged)
    assert [o.status for o in outcomes] == ["imported", "duplicate", "unchanged"]
    path = Path(outcomes[0].path)
    assert read_header(path)["copies"] == "https://mirror.example/embankment"
    written = path.read_bytes()
    # imported again, the copy its Copies lists is no news: it was said "duplicate" each time
    assert [o.status for o in run_import([original, mirror, again], root=tmp_path, tag=False)] == [
        "unchanged", "unchanged", "unchanged"]  # fmt: skip
    assert path.read_bytes() == written


def test_another_address_of_a_listed_page_adds_no_copy(tmp_path):
    """Each newsletter's tracked link (or the mobile site's) to a story saved again added a
    line to its Copies: the file changed on every import of the same text."""
    story = " ".join([PARAGRAPH] * 2)
    original = write_page(tmp_path / "in" / "a.html", "Embankment to be raised",
                          url="https://gazette.example/2019/05/04/embankment", body=story)  # fmt: skip
    page = original.read_text()
    copies = {
        "b.html": "https://gazette.example/2019/05/04/embankment?utm_source=newsletter",
        "c.html": "https://mirror.example/embankment",
        "d.html": "https://m.mirror.example/embankment/?utm_medium=social",
    }
    for name, url in copies.items():
        (tmp_path / "in" / name).write_text(page.replace("https://gazette.example/2019/05/04/embankment", url))  # fmt: skip
    outcomes = run_import(sorted((tmp_path / "in").iterdir()), root=tmp_path, tag=False)
    assert [o.status for o in outcomes] == ["imported", "duplicate", "duplicate", "duplicate"]
    assert read_header(Path(outcomes[0].path))["copies"] == "https://mirror.example/embankment"


def test_same_title_different_articles_get_distinct_slugs(tmp_path):
    write_page(tmp_path / "in" / "one.html", "Council meets", body=PARAGRAPH)
    other = (
        "Councillors approved the new library budget after a long debate about opening hours, "
        "and the mayor promised that the reading room would stay open on Sundays next year."
    )
    write_page(tmp_path / "in" / "two.html", "Council meets", body=other)
    outcomes = run_import([tmp_path / "in"], root=tmp_path)
    paths = sorted(Path(o.path).name for o in outcomes)
    assert paths == ["council-meets-2.md", "council-meets.md"]


def test_a_cyrillic_soft_or_hard_sign_is_no_word_break_in_a_slug():
    """ "Ольга" was "ol-ga" in an article's address, and "Вестник Заречья" the source page
    "vestnik-zarech-ia": unidecode spells the soft sign with an apostrophe."""
    from newsarchive.store import slugify

    assert slugify("Мэр Заречьевска Ольга ушла в отставку") == (
        "mer-zarechevska-olga-ushla-v-otstavku"
    )
    assert slugify("Вестник Заречья") == "vestnik-zarechia"
    assert slugify("Подъячев и Ґудзь") == "podiachev-i-gudz"
    assert slugify("The mayor's plan") == "the-mayor-s-plan"  # English addresses as before


def test_metadata_cannot_be_injected(tmp_path):
    evil_title = "Status: draft\nTemplate: page\nSave_as: ../../evil.html"
    write_page(
        tmp_path / "in" / "evil.html",
        "Budget passes &#10;Status: draft",
        author="Jane Doe&#10;Status: draft",
        site="Gazette&#10;Template: page",
    )
    (tmp_path / "in" / "evil.html.meta.yml").write_text(
        f'title: {evil_title!r}\nsource: "Gazette\\nStatus: hidden"\n'.replace("'", '"')
    )
    [outcome] = run_import([tmp_path / "in"], root=tmp_path)
    assert outcome.status == "imported", outcome
    header = read_header(Path(outcome.path))
    assert set(header) <= {
        "title", "date", "date_source", "authors", "source", "source_note", "original_url",
        "language", "slug", "id", "summary", "raw", "body_sha256", "input", "incomplete",
        "imported", "tool", "written", "captured",
    } | TAG_KEYS  # fmt: skip
    assert "status" not in header and "template" not in header and "save_as" not in header
    assert header["title"] == "Status: draft Template: page Save_as: ../../evil.html"
    new_archive(tmp_path)
    output = build_site(tmp_path)
    assert not (tmp_path / "evil.html").exists()
    pages = [p for p in output.glob("*/*/index.html") if "Save_as:" in p.read_text()]
    assert pages, "the article is published, as an article"
    assert ">Status: draft Template: page Save_as: ../../evil.html</h1>" in pages[0].read_text()


def test_author_names_with_commas_survive_pelican(tmp_path):
    write_page(tmp_path / "in" / "king.html", "Memorial unveiled", author="Martin Luther King, Jr.")
    [outcome] = run_import([tmp_path / "in"], root=tmp_path)
    assert read_header(Path(outcome.path))["authors"] == "Martin Luther King, Jr.;"
    new_archive(tmp_path)
    page = build_site(tmp_path) / "2019" / "memorial-unveiled" / "index.html"
    assert " · Martin Luther King, Jr. · " in page.read_text()  # the byline's authors


@needs_seed
def test_date_supplied_later_moves_the_article(tmp_path):
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    [first] = run_import([source], root=tmp_path)
    assert "/undated/" in first.path
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    [second] = run_import([source], root=tmp_path)
    assert second.status == "updated"
    assert "/2013/" in second.path and not Path(first.path).exists()
    assert not Path(first.path).parent.exists()  # undated/ held only it: no empty folder left
    assert read_header(Path(second.path))["date"] == "2013-08-09"
    assert read_header(Path(second.path))["date_source"] == "sidecar"
    assert second.id == first.id
    # its address under undated/ keeps working: it leads to the new one (the site's addresses
    # are folders), marked so in the file, and is left out of the sitemap
    assert read_header(Path(second.path))["moved_from"] == "undated"
    new_archive(tmp_path)
    env = {"NEWSARCHIVE_SITEURL": "https://example.org/archive"}
    output = build_site(tmp_path, REPO / "publishconf.py", env)
    slug = Path(second.path).stem
    redirect = (output / "undated" / slug / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="https://example.org/archive/2013/{slug}/">' in redirect
    assert f'content="0; url=../../2013/{slug}/"' in redirect
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/2013/{slug}/<" in sitemap and "/undated/" not in sitemap


@needs_seed
def test_a_date_supplied_later_never_moves_an_article_over_another_file(tmp_path):
    """An editor's own file holds the article's name in the year its new date files it in:
    the import wrote over it."""
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    [first] = run_import([source], root=tmp_path)
    mine = tmp_path / "content" / "articles" / "2013" / Path(first.path).name
    mine.parent.mkdir()
    mine.write_text("Title: Mine\nDate: 2013-01-01\n\nWritten by hand.\n", encoding="utf-8")
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    [second] = run_import([source], root=tmp_path)
    assert mine.read_text(encoding="utf-8") == "Title: Mine\nDate: 2013-01-01\n\nWritten by hand.\n"
    assert second.status == "updated" and second.path == first.path
    assert read_header(Path(first.path))["date"] == "2013-08-09"  # (the new text, kept)
    assert second.warnings == [
        f"left in {mine.parent.parent}/undated/: its date files it in {mine.parent}/, where"
        f" {mine.name} is another file (rename one of them)"
    ]


@needs_seed
@pytest.mark.parametrize("year", ["2013", "2012"])
def test_a_copy_of_an_article_edited_by_hand_survives_an_import_that_moves_it(tmp_path, year):
    """An editor copied an article into a year's folder and edited the copy: the import that
    brought the article's date deleted it as a killed move's leftover (in the folder the
    date files it in, or any other), and wrote the importer's text in its place."""
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    [first] = run_import([source], root=tmp_path, tag=False)
    article = Path(first.path)
    copy = tmp_path / "content" / "articles" / year / article.name
    copy.parent.mkdir()
    edited = article.read_text(encoding="utf-8").replace("\n\n", "\n\nAn editor's note.\n\n", 1)
    copy.write_text(edited, encoding="utf-8")
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    [second] = run_import([source], root=tmp_path, tag=False)
    assert copy.read_text(encoding="utf-8") == edited
    assert second.status == "edited" and second.path == str(copy)


@needs_seed
def test_take_newer_keeps_another_copy_of_the_article_edited_by_hand(tmp_path):
    """Taking a newer copy of an article deleted a second file of its Id, a copy the editor
    had made and edited, as a killed move's leftover."""
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    [first] = run_import([source], root=tmp_path, tag=False)
    article = Path(first.path)
    copy = tmp_path / "content" / "articles" / "2012" / article.name
    copy.parent.mkdir()
    edited = article.read_text(encoding="utf-8").replace("\n\n", "\n\nAn editor's note.\n\n", 1)
    copy.write_text(edited, encoding="utf-8")
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    [second] = run_import([source], root=tmp_path, tag=False, take_newer=[first.id])
    assert copy.read_text(encoding="utf-8") == edited
    assert second.status == "updated"
    assert f"{copy} has this article's Id too and was edited by hand: kept" in second.warnings[0]


@needs_seed
def test_a_date_supplied_later_never_moves_an_article_onto_a_link_to_itself(tmp_path):
    """A symbolic link to the article under its name in its new year passed for the
    article's own second name: the move removed the article, the import failed."""
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    [first] = run_import([source], root=tmp_path)
    article = Path(first.path)
    link = tmp_path / "content" / "articles" / "2013" / article.name
    link.parent.mkdir()
    link.symlink_to(Path("..") / "undated" / article.name)
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    [second] = run_import([source], root=tmp_path)
    assert second.status == "updated" and second.path == first.path
    assert read_header(article)["date"] == "2013-08-09" and link.resolve() == article.resolve()
    assert second.warnings == [
        f"left in {article.parent}/: its date files it in {link.parent}/, where"
        f" {link.name} is another file (rename one of them)"
    ]


@needs_seed
def test_date_option(tmp_path):
    [outcome] = run_import([SEED], root=tmp_path, date=datetime(2013, 8, 9))
    assert read_header(Path(outcome.path))["date_source"] == "option"


def test_corrected_version_at_same_url_updates(tmp_path):
    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path)
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Correction: by 40 cm.")
    [second] = run_import([page], root=tmp_path)
    assert (first.status, second.status) == ("imported", "updated")
    assert first.path == second.path
    assert "Correction: by 40 cm." in Path(second.path).read_text()
    assert read_header(Path(second.path))["revisions"] == "1"  # and it says so
    new_archive(tmp_path)
    html = (build_site(tmp_path) / "2019" / "embankment-to-be-raised" / "index.html").read_text()
    day = datetime.fromisoformat(read_header(Path(second.path))["modified"])  # (the import's)
    assert (f"This text replaced an earlier copy of the same page (1 time, the last on <time"
            f' datetime="{day:%Y-%m-%d}">{day:%-d %B %Y}</time>)') in html  # fmt: skip
    # a second correction updates it again: the count is no hand edit
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Correction: by 45 cm.")
    [third] = run_import([page], root=tmp_path)
    assert third.status == "updated" and "by 45 cm." in Path(third.path).read_text()
    assert read_header(Path(third.path))["revisions"] == "2"


def test_the_summary_names_the_article_each_input_updated(tmp_path, capsys):
    """A week's import ended with "2 updated" and no line saying which articles: the editor
    had to search the report for them (whose reason was null)."""
    import json

    from newsarchive.cli import main

    url = "https://gazette.example/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    command = ["import", str(page), "--root", str(tmp_path), "--no-tag"]
    assert main(command) == 0
    path = json.loads((tmp_path / "reports" / "import-report.json").read_text())["inputs"][0]["path"]  # fmt: skip
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Correction: by 40 cm.")
    capsys.readouterr()
    assert main(command) == 0
    err = capsys.readouterr().err
    line = f"{path} updated in place (Revisions: 1)"
    assert f"updated    {page}: {line}" in err.splitlines()
    [record] = json.loads((tmp_path / "reports" / "import-report.json").read_text())["inputs"]
    assert (record["status"], record["reason"]) == ("updated", line)


def test_a_corrected_headline_or_date_at_same_url_updates(tmp_path):
    """A re-scrape of a page whose headline (or date) the site corrected, its text the same,
    was a `duplicate` "same text as" its own article, and the correction was lost."""
    url = "https://gazette.example/embankment"  # (no day in it: the page's date counts)
    first = write_page(tmp_path / "in" / "1.html", "Embankment to be raised", url=url)
    [imported] = run_import([first], root=tmp_path, tag=False)
    path = Path(imported.path)
    fixed = write_page(tmp_path / "in" / "2.html", "Embankment to be raised by half a metre", url=url)  # fmt: skip
    [second] = run_import([fixed], root=tmp_path, tag=False)
    assert (second.status, second.path) == ("updated", imported.path)
    header = read_header(path)
    assert header["title"] == "Embankment to be raised by half a metre"
    sha = hashlib.sha256(first.read_bytes()).hexdigest()
    assert (header["revisions"], header["replaced"]) == ("1", f"raw/{sha[:2]}/{sha}.html")
    redated = write_page(tmp_path / "in" / "3.html", "Embankment to be raised by half a metre",
                         url=url, date="2019-05-05")  # fmt: skip
    [third] = run_import([redated], root=tmp_path, tag=False)
    assert third.status == "updated" and read_header(path)["date"] == "2019-05-05"
    # the folder holding every capture, imported again: the latest stays
    before = markdown_files(tmp_path)
    again = run_import([tmp_path / "in"], root=tmp_path, tag=False)
    assert [o.status for o in again] == ["unchanged"] * 3
    assert markdown_files(tmp_path) == before


@pytest.mark.parametrize(
    ("title", "body"),
    [("Embankment to be raised by half a metre", PARAGRAPH),
     ("Embankment to be raised", PARAGRAPH.replace("half a metre", "forty centimetres"))],
)  # fmt: skip
def test_a_correction_stays_when_the_scrape_folder_is_imported_again(tmp_path, title, body):
    """A page scraped every day: two captures of the first headline (the second `unchanged`:
    only its page furniture differs), then one correcting the headline or the text. The
    next import of the growing folder took the second capture for a newer one: the article
    went back to the first headline or text, and the correction was lost for good."""
    url = "https://gazette.example/embankment"
    folder = tmp_path / "in"
    write_page(folder / "day1.html", "Embankment to be raised", url=url)
    day2 = write_page(folder / "day2.html", "Embankment to be raised", url=url)
    day2.write_text(day2.read_text().replace("</article>", "</article><aside>Most read</aside>"))
    write_page(folder / "day3.html", title, url=url, body=body)
    first = run_import([folder], root=tmp_path, tag=False)
    assert [o.status for o in first] == ["imported", "unchanged", "updated"]
    corrected = markdown_files(tmp_path)
    again = run_import([folder], root=tmp_path, tag=False)
    assert [o.status for o in again] == ["unchanged"] * 3
    assert markdown_files(tmp_path) == corrected
    # (a capture never seen, whatever it says, is still the later one)
    day4 = write_page(folder / "day4.html", "Embankment to be raised", url=url)
    day4.write_text(day4.read_text().replace("</article>", "</article><aside>Latest</aside>"))
    [*_, fourth] = run_import([folder], root=tmp_path, tag=False)
    assert fourth.status == "updated"
    assert read_header(Path(fourth.path))["title"] == "Embankment to be raised"
    # and one seen, given the user's own values (--date, a sidecar), is read for them
    [dated] = run_import([day2], root=tmp_path, tag=False, date=datetime(2019, 5, 6))
    assert dated.status == "updated" and read_header(Path(dated.path))["date"] == "2019-05-06"


@pytest.mark.parametrize(
    "variant",
    [
        "https://gazette.example/embankment?utm_source=newsletter&utm_medium=email",
        "https://gazette.example/embankment/amp/",
        "https://m.gazette.example/embankment",
        "http://www.gazette.example/embankment/?amp=1#comments",
    ],
)
def test_a_corrected_copy_saved_from_another_address_of_the_page_updates(tmp_path, variant):
    """The same article re-scraped from a newsletter's tracked link, its AMP copy or the
    mobile site, with a corrected text, was a near-duplicate of it: the correction was lost,
    and a fuller correction became a second article. It updates the article, whose address
    stays its own; the same text from there is a duplicate, as before."""
    url = "https://gazette.example/embankment"
    page = write_page(tmp_path / "in" / "a.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path, tag=False)
    same = write_page(tmp_path / "in" / "b.html", "Embankment to be raised", url=variant)
    assert run_import([same], root=tmp_path, tag=False)[0].status == "duplicate"
    fixed = write_page(tmp_path / "in" / "c.html", "Embankment to be raised", url=variant,
                       body=PARAGRAPH.replace("half a metre", "forty centimetres"))  # fmt: skip
    [second] = run_import([fixed], root=tmp_path, tag=False)
    assert (second.status, second.path, second.id) == ("updated", first.path, first.id)
    assert "forty centimetres" in Path(first.path).read_text()
    header = read_header(Path(first.path))
    assert (header["original_url"], header["revisions"]) == (url, "1")
    assert len(markdown_files(tmp_path)) == 1


@pytest.mark.parametrize(
    "address, amp_page",
    [
        ("https://gazette.example/embankment/amp/", False),
        ("https://m.gazette.example/embankment", False),
        ("https://gazette.example/embankment", True),  # its canonical link the full page's
        ("http://www.gazette.example/embankment/?amp=1", False),
    ],
)
def test_a_much_shorter_amp_or_mobile_copy_leaves_the_fuller_text(tmp_path, address, amp_page):
    """An AMP or mobile copy captured later, with a third of the words, replaced the full
    story ("the later capture wins"): the archive kept the short text. It is skipped, its
    raw copy kept, with the line saying how to take it (--take-newer), which does."""
    url = "https://gazette.example/embankment"
    full = write_page(tmp_path / "in" / "full.html", "Embankment to be raised", url=url,
                      body=" ".join([PARAGRAPH] * 3))  # fmt: skip
    [first] = run_import([full], root=tmp_path, tag=False)
    short = write_page(tmp_path / "in" / "amp.html", "Embankment to be raised", url=address,
                       body=PARAGRAPH.replace("half a metre", "forty centimetres"))  # fmt: skip
    if amp_page:
        short.write_text(short.read_text().replace("<html>", "<html amp>", 1))
    [second] = run_import([short], root=tmp_path, tag=False)
    assert (second.status, second.path) == ("skipped", first.path)
    assert f"import it with --take-newer {first.id} to take it" in second.reason
    assert "forty centimetres" not in Path(first.path).read_text()
    assert len(list((tmp_path / "raw").rglob("*.html"))) == 2  # (nothing lost)
    [taken] = run_import([short], root=tmp_path, tag=False, take_newer=[first.id])
    assert taken.status == "updated" and "forty centimetres" in Path(first.path).read_text()


def test_a_shorter_copy_from_the_pages_own_or_tracked_address_still_replaces_it(tmp_path):
    """The rule is the AMP and mobile copies': a shorter text at the page's own address, or
    from a newsletter's tracked link, is the page as it now is, and replaces the text."""
    url = "https://gazette.example/embankment"
    full = write_page(tmp_path / "in" / "full.html", "Embankment to be raised", url=url,
                      body=" ".join([PARAGRAPH] * 3))  # fmt: skip
    run_import([full], root=tmp_path, tag=False)
    for n, address in enumerate((url + "?utm_source=newsletter", url)):
        short = write_page(tmp_path / "in" / f"short-{n}.html", "Embankment to be raised",
                           url=address, body=PARAGRAPH.replace("half", f"{n} and a half"))  # fmt: skip
        [outcome] = run_import([short], root=tmp_path, tag=False)
        assert outcome.status == "updated" and f"{n} and a half" in Path(outcome.path).read_text()


#: Three pages of one story, each its own paragraphs (invented).
STORY_PAGES = [
    "Crews on the island ferry voted on Monday to strike for four days next month over rotas that cut their rest between shifts, their union said after the count.",
    "The operator said the new rotas followed the national rules on working time and that it had offered a second round of talks before the strike was called.",
    "Islanders who take the crossing to hospital appointments asked both sides to meet again before the end of the week, and talks resume on Friday.",
]  # fmt: skip


def _story_page(folder: Path, name: str, number: int, canonical: str, pager: list[str]) -> Path:
    """Page `number` of STORY_PAGES as a crawler saved it, with the site's pager."""
    links = "".join(f'<a href="{href}">{n}</a> ' for n, href in enumerate(pager, 1) if n != number)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<html><head><title>Ferry crews vote to strike</title><link rel="canonical" href="{canonical}">'
        '<meta property="article:published_time" content="2021-05-02"></head><body><article>'
        f"<h1>Ferry crews vote to strike</h1><p>{STORY_PAGES[number - 1]}</p>"
        f"<p>{STORY_PAGES[number - 1]}</p></article><nav class=\"pager\">Page {links}</nav>"
        '<a href="http://[broken/?page=2">a link no parser reads</a>'  # (not a page of it)
        "</body></html>",
        encoding="utf-8",
    )  # fmt: skip
    return path


@pytest.mark.parametrize("layout", ["query", "path"])
def test_an_article_split_over_pages_is_one_article_with_all_its_text(tmp_path, layout):
    """A story split over three pages, mirrored by wget: with `?page=2` and one canonical
    link, each page "updated" the one before (Revisions: 2) and the article kept its last
    page's text alone; with `/story/2/` and a canonical link a page, it was three articles of
    one headline. It is one article, its pages' texts in order, and importing the mirror
    again changes nothing."""
    site, mirror = "https://isles.example", tmp_path / "mirror" / "isles.example"
    if layout == "query":
        url = f"{site}/news/ferry-strike.html"
        pager = [url, f"{url}?page=2", f"{url}?page=3"]
        names = ["news/ferry-strike.html", "news/ferry-strike.html?page=2.html", "news/ferry-strike.html?page=3.html"]  # fmt: skip
        canonicals = [url] * 3
    else:
        url = f"{site}/2021/05/02/ferry-strike/"
        pager = [url, f"{url}2/", f"{url}3/"]
        names = ["2021/05/02/ferry-strike/index.html", "2021/05/02/ferry-strike/2/index.html", "2021/05/02/ferry-strike/3/index.html"]  # fmt: skip
        canonicals = pager
    for n, (name, canonical) in enumerate(zip(names, canonicals, strict=True), 1):
        _story_page(mirror, name, n, canonical, pager)
    outcomes = run_import([tmp_path / "mirror"], root=tmp_path, tag=False)
    assert sorted(o.status for o in outcomes) == ["imported", "joined", "joined"]
    [(name, text)] = markdown_files(tmp_path).items()
    body = text.decode("utf-8").split("\n\n", 1)[1]
    assert [body.index(page) for page in STORY_PAGES] == sorted(body.index(page) for page in STORY_PAGES)  # fmt: skip
    header = read_header(tmp_path / name)
    assert header["original_url"] == url and "revisions" not in header
    assert len(split_names(header["raw_pages"])) == 2
    before = markdown_files(tmp_path)
    again = run_import([tmp_path / "mirror"], root=tmp_path, tag=False)
    assert [o.status for o in again] == ["unchanged"] * 3
    assert markdown_files(tmp_path) == before
    assert [o.status for o in run_import([tmp_path / "mirror"], root=tmp_path, tag=False, again=True)] == ["unchanged"] * 3  # fmt: skip
    assert markdown_files(tmp_path) == before


def test_a_later_page_alone_leaves_its_article_whole(tmp_path):
    """Page 2 met again alone (a new capture of it, its first page's bytes known): its
    address, the canonical link its pages share, is its article's, whose text it replaced
    with its own; it is skipped, and the article keeps its three pages."""
    url = "https://isles.example/news/ferry-strike.html"
    pager, mirror = [url, f"{url}?page=2", f"{url}?page=3"], tmp_path / "mirror"
    for n, name in enumerate(["a.html", "a.html?page=2.html", "a.html?page=3.html"], 1):
        _story_page(mirror, name, n, url, pager)
    run_import([mirror], root=tmp_path, tag=False)
    before = markdown_files(tmp_path)
    recaptured = _story_page(tmp_path / "later", "a.html?page=2.html", 2, url, pager)
    recaptured.write_text(recaptured.read_text().replace("Page", "Pages"), encoding="utf-8")
    [outcome] = run_import([recaptured], root=tmp_path, tag=False)
    assert outcome.status == "skipped" and outcome.reason.startswith(f"page 2 of {outcome.path}")
    assert Path(outcome.path).parent.name == "2021"
    assert markdown_files(tmp_path) == before


def test_a_page_that_repeats_the_first_is_no_page_of_it(tmp_path):
    """`?page=2` that opens with page 1's text (a comment page of the article) is a copy
    of it, not its next page: its text is not added to the article's."""
    url = "https://isles.example/news/ferry-strike.html"
    mirror = tmp_path / "mirror"
    _story_page(mirror, "ferry-strike.html", 1, url, [url, f"{url}?page=2"])
    _story_page(mirror, "ferry-strike.html?page=2.html", 1, url, [url, f"{url}?page=2"])
    outcomes = run_import([mirror], root=tmp_path, tag=False)
    assert [o.status for o in outcomes] == ["imported", "unchanged"]
    [text] = markdown_files(tmp_path).values()
    assert text.decode("utf-8").count(STORY_PAGES[0]) == 2  # (the page's own two paragraphs)


def test_a_newsletters_copy_of_the_first_text_undoes_no_later_correction(tmp_path):
    """A scrape folder: the page, the newsletter's tracked copy of it (a duplicate), then a
    capture correcting the text. The next import of the folder took the newsletter's copy,
    never recorded, for a newer capture of the page: the correction was undone for good.
    A deleted article stays deleted, its page's tracked copy with it."""
    url = "https://gazette.example/embankment"
    folder = tmp_path / "in"
    write_page(folder / "0-page.html", "Embankment to be raised", url=url)
    write_page(folder / "a-newsletter.html", "Embankment to be raised", url=url + "?utm_source=newsletter")  # fmt: skip
    write_page(folder / "b-corrected.html", "Embankment to be raised", url=url,
               body=PARAGRAPH.replace("half a metre", "forty centimetres"))  # fmt: skip
    first = run_import([folder], root=tmp_path, tag=False)
    assert [o.status for o in first] == ["imported", "duplicate", "updated"]
    corrected = markdown_files(tmp_path)
    again = run_import([folder], root=tmp_path, tag=False)
    assert [o.status for o in again] == ["unchanged"] * 3
    assert markdown_files(tmp_path) == corrected
    Path(first[0].path).unlink()
    assert [o.status for o in run_import([folder], root=tmp_path, tag=False)] == ["skipped"] * 3
    assert markdown_files(tmp_path) == {}


def test_articles_whose_canonical_link_is_the_home_page_stay_apart(tmp_path):
    """A site whose every page gives its home page as the canonical link (a CMS's default)
    made its articles one: the second import "updated" the first, whose text was gone. The
    page's og:url is its address then, else the article has none (its id from its text)."""
    other = ("The ferry between the two harbours will run every hour from June, the operator "
             "said on Friday, after a year of complaints about missed connections.")  # fmt: skip
    pages = [write_page(tmp_path / "in" / "a.html", "Embankment to be raised", url="https://gazette.example/"),
             write_page(tmp_path / "in" / "b.html", "Ferry to run hourly", url="https://gazette.example/", body=other)]  # fmt: skip
    tagged = pages[1].read_text().replace("</head>", '<meta property="og:url" content="https://gazette.example/ferry"></head>')  # fmt: skip
    pages[1].write_text(tagged, encoding="utf-8")
    outcomes = run_import(pages, root=tmp_path, tag=False)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    first, second = (read_header(Path(o.path)) for o in outcomes)
    assert "original_url" not in first and second["original_url"] == "https://gazette.example/ferry"  # fmt: skip
    from newsarchive.page_address import is_home_page

    assert is_home_page("https://gazette.example/index.php") and not is_home_page("https://gazette.example/?p=12")  # fmt: skip


def test_pages_told_apart_by_their_query_or_host_stay_apart():
    from newsarchive.page_address import address_key

    assert address_key("https://news.example/story?id=7") != address_key("https://news.example/story?id=8")  # fmt: skip
    assert address_key("https://news.example/story?id=7&utm_source=x") == address_key("https://news.example/story?id=7")  # fmt: skip
    assert address_key("https://one.example/a") != address_key("https://two.example/a")
    assert address_key("https://example.org/camp") == "example.org/camp"  # (no "/amp" ending)
    assert address_key("not an address") == ""


def test_an_original_url_typed_wrong_by_hand_stops_no_import(tmp_path):
    """An editor's Original_Url with a stray bracket ("http://[gazette.example/...") made
    every later import end in a traceback (ValueError: Invalid IPv6 URL) as the archive was
    opened: reading articles' addresses (page_address) took it for a host. It is no address."""
    from newsarchive.page_address import address_key, is_home_page, is_variant

    url = "https://gazette.example/embankment"
    [first] = run_import([write_page(tmp_path / "in" / "a.html", "Embankment to be raised", url=url)],
                         root=tmp_path, tag=False)  # fmt: skip
    path = Path(first.path)
    path.write_text(path.read_text().replace(url, "http://[gazette.example/embankment"), "utf-8")
    ferry = ("The ferry between the two harbours will run every hour from June, the operator "
             "said on Friday, after a year of complaints about missed connections.")  # fmt: skip
    page = write_page(tmp_path / "in" / "b.html", "Ferry to run hourly", url=url + "?amp=1", body=ferry)  # fmt: skip
    [second] = run_import([page], root=tmp_path, tag=False)
    assert second.status == "imported" and second.path != first.path
    for broken in ("http://[gazette.example/embankment", "https://[::1/x?amp=1"):
        assert (address_key(broken), is_variant(broken), is_home_page(broken)) == ("", False, False)


def test_an_earlier_capture_imported_again_does_not_replace_the_later_one(tmp_path):
    """A scrape folder holding two captures of one page, imported again (as a growing folder
    is): the earlier capture replaced the later one's text and the later one, known by its
    bytes, was skipped, so the older text stayed; the next run swapped them back, and
    Revisions counted up on every run."""
    url = "https://gazette.example/2019/05/04/embankment"
    early = write_page(tmp_path / "in" / "1-early.html", "Embankment to be raised", url=url)
    late = write_page(tmp_path / "in" / "2-late.html", "Embankment to be raised", url=url,
                      body=PARAGRAPH + " Correction: by 40 cm.")  # fmt: skip
    first = run_import([tmp_path / "in"], root=tmp_path, tag=False)
    assert [o.status for o in first] == ["imported", "updated"]
    before = markdown_files(tmp_path)
    again = run_import([tmp_path / "in"], root=tmp_path, tag=False)
    assert [o.status for o in again] == ["unchanged", "unchanged"]
    assert (
        again[0].reason
        == f"an earlier copy of {first[1].path}, replaced by a later one (listed in its Replaced)"
    )
    assert markdown_files(tmp_path) == before
    assert "Correction: by 40 cm." in Path(first[1].path).read_text(encoding="utf-8")
    sha = hashlib.sha256(early.read_bytes()).hexdigest()
    assert read_header(Path(first[1].path))["replaced"] == f"raw/{sha[:2]}/{sha}.html"
    # extracted again (a sidecar), it is still the earlier copy
    (tmp_path / "in" / "1-early.html.meta.yml").write_text("date: 2019-05-04\n")
    assert run_import([early], root=tmp_path, tag=False)[0].status == "unchanged"
    assert markdown_files(tmp_path) == before
    # a capture never seen before is the page's newest text, as ever
    newer = write_page(tmp_path / "in" / "3-newer.html", "Embankment to be raised", url=url,
                       body=PARAGRAPH + " Correction: by 45 cm.")  # fmt: skip
    [third] = run_import([newer], root=tmp_path, tag=False)
    assert third.status == "updated" and read_header(Path(third.path))["revisions"] == "2"
    assert [o.status for o in run_import([late], root=tmp_path, tag=False)] == ["unchanged"]


def test_an_article_deleted_by_hand_is_not_imported_again(tmp_path, capsys):
    """An editor deletes an article; the next import of the same folder (a scrape folder
    that grows) brought it back, as 'imported', every time."""
    from newsarchive.cli import main

    keep = write_page(tmp_path / "in" / "keep.html", "Embankment to be raised",
                      url="https://gazette.example/2019/05/04/embankment")  # fmt: skip
    gone = write_page(tmp_path / "in" / "gone.html", "Bridge closed", url="https://gazette.example/bridge",
                      body=PARAGRAPH.replace("embankment", "bridge").replace("floods", "repairs"))  # fmt: skip
    first = run_import([tmp_path / "in"], root=tmp_path, tag=False)
    assert [o.status for o in first] == ["imported", "imported"]
    Path(next(o.path for o in first if o.input == str(gone))).unlink()
    before = markdown_files(tmp_path)
    capsys.readouterr()
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path), "--no-tag"]) == 0
    raw = f"raw/{hashlib.sha256(gone.read_bytes()).hexdigest()[:2]}/"
    raw += f"{hashlib.sha256(gone.read_bytes()).hexdigest()}.html"
    err = capsys.readouterr().err
    assert "0 imported, 0 updated, 1 unchanged, 0 duplicate, 0 failed, 1 skipped" in err
    assert (
        f"skipped    {gone}: its article was deleted by hand: not imported again (delete {raw}"
        " to import it again)\n"
    ) in err
    assert markdown_files(tmp_path) == before
    # the editor changes their mind: without its raw copy, the page is imported again
    (tmp_path / raw).unlink()
    assert [o.status for o in run_import([gone], root=tmp_path, tag=False)] == ["imported"]
    assert (tmp_path / raw).is_file()
    before = markdown_files(tmp_path)
    # an import killed after writing an article and before its raw copy: the next one
    # writes the raw copy, and the article is not taken for one deleted
    (tmp_path / raw).unlink()
    assert [o.status for o in run_import([gone, keep], root=tmp_path, tag=False)] == [
        "unchanged",
        "unchanged",
    ]
    assert (tmp_path / raw).is_file() and markdown_files(tmp_path) == before


def test_near_duplicates_are_kept_once_listing_their_copies(tmp_path):
    story = " ".join([PARAGRAPH] * 2)
    original = write_page(tmp_path / "in" / "a.html", "Embankment to be raised",
                          url="https://gazette.example/2019/05/04/embankment", body=story)  # fmt: skip
    syndicated = write_page(tmp_path / "in" / "b.html", "Embankment will be raised",
                            url="https://wire.example/embankment", site="Wire",
                            body=story + " This story first ran in the Riverside Gazette.")  # fmt: skip
    other = write_page(tmp_path / "in" / "c.html", "Bridge closed",
                       body=PARAGRAPH.replace("embankment", "bridge").replace("floods", "repairs"))  # fmt: skip
    outcomes = run_import([original, syndicated, other], root=tmp_path)
    assert [o.status for o in outcomes] == ["imported", "duplicate", "imported"]
    # its text is not the same: the summary says how it differs
    assert (
        outcomes[1].reason == f"nearly the same text as {outcomes[0].path} (listed in its Copies)"
    )
    header = read_header(Path(outcomes[0].path))
    assert header["copies"] == "https://wire.example/embankment"
    assert outcomes[1].path == outcomes[0].path
    again = run_import([original, syndicated, other], root=tmp_path)
    assert [o.status for o in again] == ["unchanged", "unchanged", "unchanged"]
    assert again[1].warnings == [] and again[1].reason is None
    assert read_header(Path(outcomes[0].path))["copies"] == "https://wire.example/embankment"


def test_a_copy_listed_in_an_edited_article_leaves_its_lines_where_the_editor_put_them(tmp_path):
    """Listing a near-duplicate in `Copies` rewrote the whole header in the importer's order:
    a `Status: draft` typed at the top moved to the end, and a blank `Date:` was lost."""
    story = " ".join([PARAGRAPH] * 2)
    original = write_page(tmp_path / "in" / "a.html", "Embankment to be raised", body=story,
                          url="https://gazette.example/2019/05/04/embankment")  # fmt: skip
    [first] = run_import([original], root=tmp_path, tag=False)
    path = Path(first.path)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = ["Status: draft", *lines[:1], "Date:", *lines[2:]]  # (undated by hand)
    path.write_text("\n".join(lines), encoding="utf-8")
    syndicated = write_page(tmp_path / "in" / "b.html", "Embankment will be raised",
                            url="https://wire.example/embankment", site="Wire",
                            body=story + " This story first ran in the Riverside Gazette.")  # fmt: skip
    [copy] = run_import([syndicated], root=tmp_path, tag=False)
    assert copy.status == "duplicate" and copy.path == str(path)
    after = path.read_text(encoding="utf-8").split("\n")
    written = lines.index(next(x for x in lines if x.startswith("Written: ")))
    assert after == [*lines[:written], "Copies: https://wire.example/embankment", *lines[written:]]


def test_near_duplicate_signatures_are_cached_between_imports(tmp_path):
    """A large archive's bodies are not re-hashed on every import; a broken cache is rebuilt."""
    import numpy as np

    from newsarchive.store import NEAR_DUPLICATES_CACHE

    story = " ".join([PARAGRAPH] * 2)
    first = write_page(tmp_path / "in" / "a.html", "Embankment to be raised", body=story)
    other = write_page(tmp_path / "in" / "c.html", "Bridge closed",
                       body=PARAGRAPH.replace("embankment", "bridge").replace("floods", "repairs"))  # fmt: skip
    run_import([first, other], root=tmp_path, tag=False)
    cache = tmp_path / NEAR_DUPLICATES_CACHE
    with np.load(cache) as stored:
        assert len(stored["keys"]) == 2 and stored["values"].shape == (2, 64)
    copy = write_page(tmp_path / "in" / "b.html", "Embankment will be raised", site="Wire",
                      body=story + " This story first ran in the Riverside Gazette.")  # fmt: skip
    # The cache is what the next import reads: with every signature replaced by one that
    # matches nothing, the copy is no longer recognised.
    with np.load(cache) as stored:
        keys, values = stored["keys"], stored["values"]
    np.savez(cache, keys=keys, values=np.full_like(values, 7))
    assert run_import([copy], root=tmp_path, tag=False)[0].status == "imported"
    # A cache that cannot be read is rebuilt from the articles.
    for path in (tmp_path / "content").rglob("*.md"):
        if "will-be-raised" in path.name:  # (gone with its raw copy: as if never imported)
            (tmp_path / read_header(path)["raw"]).unlink()
            path.unlink()
    cache.write_bytes(b"not a numpy file")
    assert run_import([copy], root=tmp_path, tag=False)[0].status == "duplicate"
    with np.load(cache) as stored:
        assert len(stored["keys"]) == 2


def test_hand_edits_survive_reimports_and_are_reported(tmp_path, capsys):
    from newsarchive.cli import main

    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path)
    path = Path(first.path)
    header = read_header(path)
    assert header["tool"].startswith("newsarchive ") and header["imported"] and header["written"]
    edited = path.read_text().replace("Title: Embankment to be raised", "Title: Embankment to rise")
    edited = edited.replace("spring floods", "spring floods (corrected by the editor)")
    path.write_text(edited, encoding="utf-8")
    # a new capture of the page comes in: the editor's version stays, the capture is kept in raw/
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    assert main(["import", str(page), "--root", str(tmp_path), "--no-tag"]) == 0
    err = capsys.readouterr().err
    assert "0 updated" in err and "1 edited" in err
    assert f"edited     {page}: {path} was edited by hand" in err
    assert path.read_text() == edited
    assert len(list((tmp_path / "raw").rglob("*.html"))) == 2
    # retag changes only tags, and the article still counts as edited afterwards
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "Title: Embankment to rise" in path.read_text()
    assert main(["import", str(page), "--root", str(tmp_path), "--no-tag"]) == 0
    assert "1 edited" in capsys.readouterr().err


def test_an_article_only_hidden_or_drafted_by_hand_takes_a_corrected_capture(tmp_path):
    """`Status: hidden` added by hand (a field the importer never writes, which an update
    keeps) made the article "edited by hand": the corrected capture was only kept in raw/,
    and the summary told the editor to --take-newer an article whose text they never
    touched. Its text and fields edited too, it is edited, as before."""
    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path, tag=False)
    path = Path(first.path)
    path.write_text("Status: hidden\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    [again] = run_import([page], root=tmp_path, tag=False)
    assert again.status == "updated" and again.path == str(path)
    assert "Updated at noon." in path.read_text(encoding="utf-8")
    assert read_header(path)["status"] == "hidden" and read_header(path)["revisions"] == "1"
    edited = path.read_text(encoding="utf-8").replace("Updated at noon.", "Updated at 12:00.")
    path.write_text(edited.replace("Status: hidden", "Status: draft"), encoding="utf-8")
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at six.")
    assert run_import([page], root=tmp_path, tag=False)[0].status == "edited"


def test_take_newer_replaces_an_edited_article_and_keeps_its_tag_edits(tmp_path, capsys):
    """A newer capture of an article edited by hand was only ever kept in raw/: the editor
    had no way to take it short of deleting the article and its raw copy."""
    from newsarchive.cli import main

    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path)
    path, header = Path(first.path), read_header(Path(first.path))
    text = path.read_text().replace("Title: Embankment to be raised", "Title: Edited title")
    text = text.replace("\nSlug: ", "\nPeople: Jane Roe\nSlug: ", 1)  # (it names nobody)
    path.write_text("Status: hidden\n" + text.replace("\nTopics: ", "\nTopics: Elections; ", 1))
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    assert main(["import", str(page), "--root", str(tmp_path)]) == 0
    assert f"(the new copy is in raw/; import it with --take-newer {first.id} to take it" in (
        capsys.readouterr().err
    )
    # a name that is no article's is a usage error, before anything is written
    before = sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert main(["import", str(page), "--root", str(tmp_path), "--take-newer", "nope"]) == 2
    articles = tmp_path / "content" / "articles"
    assert capsys.readouterr().err == (
        f"error: --take-newer nope: no article has that Id or file in {articles}\n"
    )
    assert sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()) == before
    # named by its file (or its Id), the newer copy is taken, with the editor's tag edits
    assert main(["import", str(page), "--root", str(tmp_path), "--take-newer", str(path)]) == 0
    err = capsys.readouterr().err
    assert "1 updated" in err and "0 edited" in err
    assert f"updated    {page}: the newer copy replaces {path} (--take-newer: tag edits kept" in err
    after = read_header(path)
    assert after["title"] == "Embankment to be raised" and "Updated at noon." in path.read_text()
    assert split_names(after["people"]) == ["Jane Roe"]
    assert split_names(after["topics"])[-1] == "Elections"
    assert after["replaced"] == header["raw"] and after["revisions"] == "1"
    assert after["status"] == "hidden"  # (a field the importer does not write is the editor's)
    # named again with nothing newer to take, it says so rather than keep quiet
    assert main(["import", str(page), "--root", str(tmp_path), "--take-newer", first.id]) == 0
    assert f"--take-newer {first.id}: nothing taken: no input of this import is a newer" in (
        capsys.readouterr().err
    )
    # taken, it is the importer's again: a later capture updates it as any other
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at six.")
    assert run_import([page], root=tmp_path)[0].status == "updated"


def test_a_file_renamed_after_its_slug_notes_the_name_it_leaves(tmp_path):
    """A Slug typed by hand, then a newer capture taken (--take-newer): the file takes the
    Slug's name, and `Moved_From` notes the folder and name it leaves ("2019/old-slug"), whose
    address then keeps leading to the article (plugins/archive_metadata)."""
    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path, tag=False)
    path = Path(first.path)
    old_slug = path.stem
    path.write_text(path.read_text().replace(f"Slug: {old_slug}", "Slug: embankment"))
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    [taken] = run_import([page], root=tmp_path, tag=False, take_newer=[first.id])
    renamed = Path(taken.path)
    assert renamed == path.parent / "embankment.md" and not path.exists()
    assert read_header(renamed)["moved_from"] == f"{path.parent.name}/{old_slug}"


def edited_after_a_later_capture(root: Path) -> tuple[Path, Path]:
    """An article imported from an early capture, then a later one (the early one in its
    Replaced), then edited by hand: the early page and the article."""
    url = "https://gazette.example/2019/05/04/embankment"
    early = write_page(root / "in" / "early.html", "Embankment to be raised", url=url)
    run_import([early], root=root, tag=False)
    late = write_page(root / "in" / "late.html", "Embankment to be raised", url=url,
                      body=PARAGRAPH + " Updated at noon.")  # fmt: skip
    path = Path(run_import([late], root=root, tag=False)[0].path)
    path.write_text(path.read_text().replace("Title: Embankment to be raised", "Title: Edited"))
    return early, path


def test_take_newer_naming_an_earlier_capture_says_why_nothing_is_taken(tmp_path, capsys):
    """An earlier capture (listed in the article's Replaced) is never taken: the editor who
    named it was told only that no input was a newer copy, which it looks like it is not."""
    from newsarchive.cli import main

    early, path = edited_after_a_later_capture(tmp_path)
    before = path.read_bytes()
    argv = ["import", str(early), "--root", str(tmp_path), "--no-tag", "--take-newer", str(path)]
    said = (
        f"--take-newer {path}: nothing taken: {early} is an earlier capture than the article's"
        " (listed in its Replaced)\n"
    )
    assert main(argv) == 0  # (done: nothing failed; the README's "nothing taken")
    assert said in capsys.readouterr().err
    # read again (a --date given: not known by its bytes alone), the same
    assert main([*argv, "--date", "2019-05-04"]) == 0
    assert said in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_earlier_capture_of_an_edited_article_gets_no_hint_to_take_it(tmp_path, capsys):
    """Read again (with --date, so not known by its bytes alone), an earlier capture of an
    article edited by hand was listed as `edited`, with the hint to take it with
    --take-newer, which then took nothing: it is an earlier copy, as when not edited."""
    from newsarchive.cli import main

    early, path = edited_after_a_later_capture(tmp_path)
    before = path.read_bytes()
    argv = ["import", str(early), "--root", str(tmp_path), "--no-tag", "--date", "2019-05-04"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "1 unchanged" in err and "0 edited" in err and "--take-newer" not in err
    assert path.read_bytes() == before


def test_first_import_date_is_kept_when_an_article_is_updated(tmp_path):
    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    [first] = run_import([page], root=tmp_path)
    path = Path(first.path)
    path.write_text(
        path.read_text().replace(
            f"Imported: {read_header(path)['imported']}", "Imported: 2020-01-01"
        )
    )
    # (that edit changes an importer-owned field, so refresh the fingerprint as the importer would)
    from newsarchive.store import fingerprint, read_article, render_header

    fields, body = read_article(path)
    fields["Written"] = fingerprint(fields, body)
    path.write_text(render_header(fields) + "\n" + body, encoding="utf-8")
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    [second] = run_import([page], root=tmp_path)
    assert second.status == "updated"
    assert read_header(path)["imported"] == "2020-01-01"


def test_one_outlet_spelt_two_ways_is_one_source(tmp_path):
    """A later page's "RIVERSIDE-GAZETTE" is filed under the archive's "Riverside Gazette",
    in the same import and in a later one; another outlet's name stays its own."""
    pages = tmp_path / "in"
    write_page(pages / "a.html", "Embankment to be raised", url="https://example.org/a")
    write_page(pages / "b.html", "Residents ask for early start", site="RIVERSIDE-GAZETTE",
               url="https://example.org/b", body=PARAGRAPH.replace("Monday", "Tuesday") * 2)  # fmt: skip
    run_import([pages / "a.html", pages / "b.html"], root=tmp_path, jobs=1, tag=False)
    later = tmp_path / "later"
    write_page(later / "c.html", "Floods expected in spring", site="riverside gazette",
               url="https://example.org/c", body="The spring floods are expected early. " * 12)  # fmt: skip
    write_page(later / "d.html", "Gazette weekly", site="Riverside Gazette Weekly",
               url="https://example.org/d", body="A weekly round-up of river news. " * 12)  # fmt: skip
    run_import([later], root=tmp_path, jobs=1, tag=False)
    sources = {
        read_header(p)["title"]: read_header(p)["source"]
        for p in (tmp_path / "content" / "articles").rglob("*.md")
    }
    assert sources == {
        "Embankment to be raised": "Riverside Gazette",
        "Residents ask for early start": "Riverside Gazette",
        "Floods expected in spring": "Riverside Gazette",
        "Gazette weekly": "Riverside Gazette Weekly",
    }


def test_a_folders_files_of_other_kinds_are_said_not_read(tmp_path, capsys):
    """A PDF or a saved page's images in an imported folder were passed over without a word;
    now one line says how many, of which kinds (hidden files and sidecars aside)."""
    from newsarchive.cli import main

    scraped = tmp_path / "scraped"
    write_page(scraped / "a.html", "Embankment to be raised")
    ferry = "The ferry company said the winter timetable would begin a week early this year, " * 3
    write_page(scraped / "b.html", "Ferry timetable changes", body=ferry)
    (scraped / "b.html.meta.yml").write_text("source: Riverside Gazette\n", encoding="utf-8")
    (scraped / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    for name in ("a_files/logo.PNG", "a_files/photo.png", "README", ".DS_Store"):
        (scraped / name).parent.mkdir(parents=True, exist_ok=True)
        (scraped / name).write_bytes(b"\x89PNG")
    assert main(["import", str(scraped), "--root", str(tmp_path / "archive"), "--no-tag"]) == 0
    err = capsys.readouterr().err
    assert "2 imported" in err and "1 skipped" in err
    # a --root that did not exist (a new archive, or a typing slip) is said to be made
    assert f"new archive: {tmp_path / 'archive'} did not exist, and is made" in err
    assert f"skipped    {scraped}: 4 files of no kind read here (1 without a suffix, 1 .pdf, 2 .png)" in err  # fmt: skip
    # one file of a kind not read: a file, not files
    for name in ("a_files/logo.PNG", "a_files/photo.png", "README"):
        (scraped / name).unlink()
    assert main(["import", str(scraped), "--root", str(tmp_path / "archive"), "--no-tag"]) == 0
    err = capsys.readouterr().err
    assert f"skipped    {scraped}: 1 file of no kind read here (1 .pdf)" in err
    assert "new archive" not in err


def test_a_page_whose_id_changed_or_whose_bytes_are_shared_is_not_taken_for_deleted(tmp_path):
    """A page's raw copy in raw/ with no article of its id was taken for an article deleted
    by hand; but an id changes (a URL supplied later, in a sidecar) and two inputs can be the
    same bytes (a page saved twice, given two URLs). Neither was deleted."""
    page = write_page(tmp_path / "in" / "p.html", "Embankment to be raised")  # (no URL)
    assert run_import([page], root=tmp_path, tag=False)[0].status == "imported"
    (tmp_path / "in" / "p.html.meta.yml").write_text("url: https://gazette.example/embankment\n")
    [again] = run_import([page], root=tmp_path, tag=False)
    assert again.status == "duplicate" and "deleted" not in (again.reason or "")
    body = PARAGRAPH.replace("embankment", "bridge").replace("floods", "repairs")
    twins = [write_page(tmp_path / "twins" / name, "Bridge closed", body=body) for name in ("a.html", "b.html")]  # fmt: skip
    for twin, url in zip(twins, ("https://one.example/bridge", "https://two.example/bridge"), strict=True):  # fmt: skip
        Path(f"{twin}.meta.yml").write_text(f"url: {url}\n")
    assert [o.status for o in run_import(twins, root=tmp_path, tag=False)] == ["imported", "duplicate"]  # fmt: skip


def test_a_page_read_to_a_new_text_lists_no_copy_of_its_own_as_replaced(tmp_path):
    """The same bytes extracted to another text (a site's template learnt from more of its
    pages, a newer extractor) listed the article's own raw copy in its Replaced: every later
    import of the page was then refused as an earlier capture, a date supplied included."""
    from newsarchive.importer import extract_file
    from newsarchive.store import Archive

    page = write_page(tmp_path / "in" / "p.html", "Embankment to be raised", date=None,
                      url="https://gazette.example/embankment")  # fmt: skip
    assert run_import([page], root=tmp_path, tag=False)[0].status == "imported"
    article = extract_file(page)
    article.body_text += " A line the template hid."
    article.body_markdown += "\n\nA line the template hid."
    status, path, _ = Archive.open(tmp_path).save(article, page.read_bytes())
    assert status == "updated" and "replaced" not in read_header(path)
    [dated] = run_import([page], root=tmp_path, tag=False, date=datetime(2019, 5, 4))
    assert dated.status == "updated"
    assert read_header(Path(dated.path))["date"].startswith("2019-05-04")


def test_a_copies_line_typed_in_lower_case_keeps_its_copies(tmp_path):
    """`copies:` typed by hand: listing a near-duplicate replaced the line with the new copy
    alone (the field was read as typed "Copies", the line replaced whatever its case)."""
    story = " ".join([PARAGRAPH] * 2)
    original = write_page(tmp_path / "in" / "a.html", "Embankment to be raised", body=story,
                          url="https://gazette.example/2019/05/04/embankment")  # fmt: skip
    path = Path(run_import([original], root=tmp_path, tag=False)[0].path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\ncopies: https://printed.example/p12\n\n", 1))
    syndicated = write_page(tmp_path / "in" / "b.html", "Embankment will be raised",
                            url="https://wire.example/embankment", site="Wire",
                            body=story + " This story first ran in the Riverside Gazette.")  # fmt: skip
    assert run_import([syndicated], root=tmp_path, tag=False)[0].status == "duplicate"
    copies = [line for line in path.read_text(encoding="utf-8").split("\n") if line.lower().startswith("copies:")]  # fmt: skip
    assert copies == ["Copies: https://printed.example/p12; https://wire.example/embankment"]


def test_a_copies_line_typed_in_lower_case_survives_an_update(tmp_path):
    """`copies:` typed by hand (no hand edit: the line is not fingerprinted) was dropped when
    a corrected capture updated the article: only "Copies" was carried over."""
    url = "https://gazette.example/2019/05/04/embankment"
    page = write_page(tmp_path / "in" / "e.html", "Embankment to be raised", url=url)
    path = Path(run_import([page], root=tmp_path, tag=False)[0].path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\ncopies: https://printed.example/p12\n\n", 1))
    write_page(page, "Embankment to be raised", url=url, body=PARAGRAPH + " Updated at noon.")
    assert run_import([page], root=tmp_path, tag=False)[0].status == "updated"
    assert read_header(path)["copies"] == "https://printed.example/p12"


def _as_an_older_extractor_wrote_it(path: Path, old: str, new: str) -> None:
    """The article with `old` of its text written `new`, as an older extractor might have
    written it: its `Written` fingerprint matches, so it is no hand edit."""
    fields, body = read_article(path)
    body = body.replace(old, new)
    fields["Written"] = fingerprint(fields, body)
    header = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(f"{header}\n{body}", encoding="utf-8")


def test_import_again_extracts_files_imported_before(tmp_path, capsys):
    """After an upgrade of the extractor, importing the same pages left their articles as the
    old one wrote them: their bytes were known, so they were `unchanged` unread."""
    from newsarchive.cli import main

    other = "The ferry between the two harbours will run every hour from June, the operator said."
    pages = [write_page(tmp_path / "in" / "a.html", "Embankment to be raised"),
             write_page(tmp_path / "in" / "b.html", "Ferry to run hourly", body=other * 3)]  # fmt: skip
    a, b = (Path(o.path) for o in run_import(pages, root=tmp_path, tag=False))
    whole = a.read_text()
    _as_an_older_extractor_wrote_it(a, "spring floods", "spring floods Share this article")
    stale = a.read_text()
    edited = b.read_text().replace("from June", "from July (the editor's)")
    b.write_text(edited, encoding="utf-8")
    command = ["import", str(tmp_path / "in"), "--root", str(tmp_path), "--no-tag"]
    assert main(command) == 0
    assert "2 unchanged" in capsys.readouterr().err and a.read_text() == stale
    assert main([*command, "--again"]) == 0
    err = capsys.readouterr().err
    assert "1 updated" in err and "1 edited" in err and f"{b} was edited by hand" in err
    assert a.read_text().split("\n\n", 1)[1] == whole.split("\n\n", 1)[1]
    assert b.read_text() == edited
    assert main([*command, "--again"]) == 0
    assert "1 unchanged" in capsys.readouterr().err


def test_an_article_saved_with_windows_line_endings_reads_as_one_saved_with_newlines(tmp_path):
    """An editor on Windows saves "\\r\\n": read as a text file reads it, as it was before
    articles were read through utf8_text; its body kept "\\r" at the end of every line, so
    "\\r\\n\\r\\n" split no paragraphs and retag wrote the lines back ending in both ways."""
    lines = ["Title: River works", "Date: 2019-05-04", "", PARAGRAPH, "", "Second paragraph.", ""]
    unix, windows = tmp_path / "unix.md", tmp_path / "windows.md"
    unix.write_bytes("\n".join(lines).encode())
    windows.write_bytes("\r\n".join(lines).encode())
    assert read_article(windows) == read_article(unix)
    assert "\r" not in read_article(windows)[1]


def test_the_report_titles_an_unchanged_input_whose_date_was_typed_by_hand(tmp_path):
    """An input known by its bytes is titled from its article's header; a `Date:` an editor
    typed as no ISO date ("May 2019") left its title out of the report too."""
    page = write_page(tmp_path / "in" / "works.html", "River works begin")
    (done,) = run_import([page], root=tmp_path, tag=False)
    article = Path(done.path)
    article.write_text(article.read_text().replace("Date: 2019-05-04", "Date: May 2019"))
    (again,) = run_import([page], root=tmp_path, tag=False)
    assert (again.status, again.title, again.date) == ("unchanged", "River works begin", None)


def test_a_corrections_time_is_when_its_copy_was_captured(tmp_path):
    """A correction is dated by the time its page states, else by its capture (a WARC
    record's or Wayback capture's, UTC), else by its import."""
    captured = Article("crawl.warc#3", "T", "b", "b", captured=datetime(2020, 3, 5, 14, 0, 7))
    assert correction_time(captured) == "2020-03-05 14:00:07+00:00"
    # the time the page says it was modified comes first, unless it is no later than its date
    captured.date, captured.modified = datetime(2020, 3, 3, 9), datetime(2020, 3, 4, 18, 30)
    assert correction_time(captured) == "2020-03-04 18:30:00"
    captured.modified_offset = "-05:00"
    assert correction_time(captured) == "2020-03-04 18:30:00-05:00"
    captured.modified = datetime(2020, 3, 3, 9)
    assert correction_time(captured) == "2020-03-05 14:00:07+00:00"
    before = datetime.now(UTC).replace(microsecond=0)
    taken = datetime.fromisoformat(correction_time(Article("page.html", "T", "b", "b")))
    assert before <= taken <= datetime.now(UTC)  # a saved page's: when it was imported
