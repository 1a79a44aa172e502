"""Hand edits to tags survive retag and re-import; retag picks up registry changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import SEED, build_site, needs_seed, new_archive

from newsarchive.cli import main
from newsarchive.importer import run_import
from newsarchive.store import read_article, read_header, split_names


def import_seed(root: Path) -> Path:
    source = root / "in" / "seed.txt"
    source.parent.mkdir(parents=True)
    shutil.copy(SEED, source)
    assert main(["import", str(source), "--root", str(root)]) == 0
    return next((root / "content" / "articles").rglob("*.md"))


def edit_field(path: Path, field: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


@needs_seed
def test_hand_edits_survive_retag_and_reimport(tmp_path, capsys):
    article = import_seed(tmp_path)
    people = split_names(read_header(article)["people"])
    assert "John Kerry" in people
    edited = [p for p in people if p != "John Kerry"] + ["Jane Roe"]
    edit_field(article, "People", "; ".join(edited))
    topics = split_names(read_header(article)["topics"])
    assert "Nuclear disarmament" in topics
    edit_field(
        article,
        "Topics",
        "; ".join([t for t in topics if t != "Nuclear disarmament"] + ["Elections"]),
    )

    assert main(["retag", "--root", str(tmp_path)]) == 0
    after = read_header(article)
    assert split_names(after["people"]) == edited
    assert "Elections" in split_names(after["topics"])
    assert "Nuclear disarmament" not in split_names(after["topics"])
    assert "John Kerry" in split_names(after["auto_people"])  # the tagger still says so

    # a re-import that re-extracts the page (new sidecar metadata) keeps the edits too
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path)]) == 0
    moved = next((tmp_path / "content" / "articles" / "2013").glob("*.md"))
    assert split_names(read_header(moved)["people"]) == edited
    # and a plain re-import of the same bytes changes nothing at all
    before = moved.read_bytes()
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path)]) == 0
    assert moved.read_bytes() == before
    capsys.readouterr()


@needs_seed
def test_a_broken_sources_file_stops_retag_and_import_not_only_the_build(tmp_path, capsys):
    """data/sources.yml is read by the build only: a slug in capitals passed retag and import
    (status 0), and stopped the next `make html`."""
    article = import_seed(tmp_path)
    before = article.read_bytes()
    (tmp_path / "data").mkdir()
    sources = tmp_path / "data" / "sources.yml"
    sources.write_text("- name: Harbour Daily\n  slug: Harbor Daily\n", encoding="utf-8")
    capsys.readouterr()
    for command in (["retag"], ["import", str(SEED)]):
        assert main([*command, "--root", str(tmp_path)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"error: {sources}:1: slug 'Harbor Daily' must be lower-case")
        assert len(err.splitlines()) == 1
    assert article.read_bytes() == before


@needs_seed
def test_retag_applies_a_registry_change(tmp_path, capsys):
    article = import_seed(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(Path(__file__).parent.parent / "data" / "topics.yml", data / "topics.yml")
    (data / "people.yml").write_text(
        "- name: Sergei V. Lavrov\n  slug: lavrov\n  aliases: [Sergei Lavrov, Lavrov]\n"
        "  role: Foreign minister\n",
        encoding="utf-8",
    )
    assert main(["retag", "--root", str(tmp_path)]) == 0
    people = split_names(read_header(article)["people"])
    assert "Sergei V. Lavrov" in people and "Sergei Lavrov" not in people
    out = capsys.readouterr().err
    assert "1 retagged, 0 unchanged, 0 failed" in out
    assert "review:" in out and (tmp_path / "reports" / "people-review.json").exists()
    # a second retag with nothing changed writes nothing
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "0 retagged, 1 unchanged" in capsys.readouterr().err


@needs_seed
def test_body_and_other_fields_untouched_by_retag(tmp_path, capsys):
    article = import_seed(tmp_path)
    fields, body = read_article(article)
    assert main(["retag", "--root", str(tmp_path)]) == 0
    fields_after, body_after = read_article(article)
    assert body_after == body
    assert {k: v for k, v in fields_after.items()} == fields
    capsys.readouterr()


@needs_seed
def test_retag_leaves_a_file_whose_tags_stand_as_the_editor_laid_it_out(tmp_path, capsys):
    """A `Status: draft` line added by hand above the title, tags unchanged: retag rewrote
    the file to move the line to its place, a diff in git for nothing, and said 'retagged'."""
    article = import_seed(tmp_path)
    edited = "Status: draft\n" + article.read_text(encoding="utf-8")
    article.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "0 retagged, 1 unchanged, 0 failed" in capsys.readouterr().err
    assert article.read_text(encoding="utf-8") == edited
    # a tag change is written in the tag lines alone: the line moved by hand stays where it
    # is (moved to the end, it was a diff of two lines in git for a change of none)
    edit_field(article, "Auto_People", "Somebody Else")
    edit_field(article, "Organisations", "")  # (emptied by hand: the line goes)
    before = article.read_text(encoding="utf-8").split("\n")
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "1 retagged" in capsys.readouterr().err
    expected = [line for line in before if line != "Organisations: "]
    people = read_header(article)["auto_people"]
    expected[expected.index("Auto_People: Somebody Else")] = f"Auto_People: {people}"
    assert article.read_text(encoding="utf-8").split("\n") == expected
    assert expected[0] == "Status: draft"


@needs_seed
def test_a_person_typed_by_hand_under_an_alias_is_the_registrys_person(tmp_path, capsys):
    """One person, one page: "Sergey Lavrov" typed by an editor beside the tagger's "Sergei
    Lavrov" (the registry's alias for him) is not a second person, after retag or import."""
    article = import_seed(tmp_path)
    people = split_names(read_header(article)["people"])
    edit_field(article, "People", "; ".join([*people, "Sergey Lavrov", "Jane Roe"]))
    assert main(["retag", "--root", str(tmp_path)]) == 0
    after = split_names(read_header(article)["people"])
    assert after == [*people, "Jane Roe"]
    edit_field(article, "People", "; ".join([*people, "Sergey Lavrov"]))
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path)]) == 0
    moved = next((tmp_path / "content" / "articles" / "2013").glob("*.md"))
    assert split_names(read_header(moved)["people"]) == people
    capsys.readouterr()


@needs_seed
def test_a_topic_or_place_typed_under_a_former_name_is_datas_name(tmp_path, capsys):
    """A topic renamed in topics.yml (the old name kept as an alias) and a place typed by an
    alias: retag writes them under data/'s names, as their pages show them, not as typed."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "topics.yml").write_text(
        "- name: Missile defence\n  slug: missile-defence\n  aliases: [Missile defense]\n"
        "  phrases: {missile defence: 3, missile defense: 3}\n",
        encoding="utf-8",
    )
    article = import_seed(tmp_path)
    edit_field(article, "Topics", "Missile defense; Arms race")
    header = read_header(article)
    edit_field(article, "Places", "; ".join([*split_names(header.get("places")), "N.Y."]))
    assert main(["retag", "--root", str(tmp_path)]) == 0
    header = read_header(article)
    assert split_names(header["topics"]) == ["Missile defence", "Arms race"]
    places = split_names(header["places"])
    assert "New York" in places and "N.Y." not in places
    capsys.readouterr()


@needs_seed
def test_a_person_removed_by_hand_stays_removed_when_renamed_in_data(tmp_path, capsys):
    """An editor removed John Kerry; data/ then renamed him John F. Kerry (the old name an
    alias): the removal was of the old name, and the next retag put him back as the new."""
    article = import_seed(tmp_path)
    people = split_names(read_header(article)["people"])
    edit_field(article, "People", "; ".join(p for p in people if p != "John Kerry"))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yml").write_text(
        "- name: John F. Kerry\n  slug: john-f-kerry\n  aliases: [John Kerry, Kerry]\n",
        encoding="utf-8",
    )
    assert main(["retag", "--root", str(tmp_path)]) == 0
    after = split_names(read_header(article)["people"])
    assert "John F. Kerry" in split_names(read_header(article)["auto_people"])
    assert "John F. Kerry" not in after and "John Kerry" not in after
    capsys.readouterr()


def test_retag_outside_an_archive_is_a_usage_error_and_writes_nothing(
    tmp_path, capsys, monkeypatch
):
    missing = tmp_path / "nonexist"
    assert main(["retag", "--root", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"error: {missing}: no content/articles folder (run retag in an archive, or give --root)\n"
    )
    monkeypatch.chdir(tmp_path)  # the default root is the working folder
    assert main(["retag"]) == 2
    assert f"error: {tmp_path}: no content/articles folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    # an archive with no articles yet is an archive
    (tmp_path / "content" / "articles").mkdir(parents=True)
    assert main(["retag"]) == 0
    assert "0 retagged, 0 unchanged, 0 failed" in capsys.readouterr().err


@needs_seed
def test_every_name_removed_by_hand_stays_removed(tmp_path, capsys):
    """An editor who empties `People` (or deletes the line) has removed every person: the
    emptied field was not written back, and the next retag or re-import, seeing no field,
    put every name the tagger found back."""
    article = import_seed(tmp_path)
    assert read_header(article)["people"]
    edit_field(article, "People", "")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\nTopics: ", "\nTopics: Elections; "), encoding="utf-8")
    assert main(["retag", "--root", str(tmp_path)]) == 0  # (a tag edit: the file is rewritten)
    assert "people" not in read_header(article) and read_header(article)["auto_people"]
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "people" not in read_header(article)
    # a deleted line is the same edit, and a re-import that re-extracts the page keeps it
    edit_field(article, "Places", "")
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text("\n".join(x for x in lines if x != "Places: "), encoding="utf-8")
    (tmp_path / "in" / "seed.txt.meta.yml").write_text("date: 2013-08-09\n")
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path)]) == 0
    moved = read_header(next((tmp_path / "content" / "articles" / "2013").glob("*.md")))
    assert "people" not in moved and "places" not in moved and moved["auto_places"]
    assert "Elections" in split_names(moved["topics"])
    capsys.readouterr()


def type_date(path: Path, value: str) -> None:
    """An editor types a `Date:` line under the title of an undated article."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", f"\nDate: {value}\n", 1), encoding="utf-8")


@needs_seed
def test_a_date_typed_into_an_undated_article_moves_it_to_its_year(tmp_path, capsys):
    """The site filed it under 2013 while the file stayed in content/articles/undated/."""
    article = import_seed(tmp_path)
    assert article.parent.name == "undated"
    type_date(article, "9 August 2013")
    typed = article.read_bytes()
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "content"], check=True)
    subprocess.run([*git, "commit", "-qm", "dated by hand"], check=True)
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    moved = tmp_path / "content" / "articles" / "2013" / article.name
    err = capsys.readouterr().err
    assert "0 retagged, 1 unchanged, 0 failed, 1 moved" in err
    assert f"moved      {article} -> {moved} (filed by its Date)" in err
    # the editor's text, id and slug as they were, and the folder it left: its address there
    # keeps leading to it (the site's addresses are folders)
    assert moved.read_bytes() == typed.replace(b"\nWritten:", b"\nMoved_From: undated\nWritten:", 1)
    assert not article.parent.exists()  # undated/ held only it
    # git sees the move as a rename, not a deletion and a new article
    subprocess.run([*git, "add", "-A", "content"], check=True)
    status = subprocess.run([*git, "status", "--porcelain", "content"], capture_output=True)
    rename = f"R  content/articles/undated/{article.name} -> content/articles/2013/{article.name}"
    assert status.stdout.decode().splitlines() == [rename]
    # filed: the next retag moves nothing, and a re-import leaves the edited article there
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "0 moved" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "in"), "--root", str(tmp_path)]) == 0
    assert sorted((tmp_path / "content" / "articles").rglob("*.md")) == [moved]
    capsys.readouterr()
    new_archive(tmp_path)
    old_address = build_site(tmp_path) / "undated" / moved.stem / "index.html"
    assert f'url=../../2013/{moved.stem}/"' in old_address.read_text(encoding="utf-8")


@needs_seed
def test_retag_never_writes_over_another_file_when_it_files_an_article(tmp_path, capsys):
    article = import_seed(tmp_path)
    type_date(article, "2013-08-09")
    other = tmp_path / "content" / "articles" / "2013" / article.name
    other.parent.mkdir()
    other.write_text("Title: Written by hand\nDate: 2013-01-01\n\nMine.\n", encoding="utf-8")
    typed = article.read_bytes()
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "0 moved" in err
    assert (
        f"not moved  {article}: its Date files it in {other.parent}/, where {other.name} is"
        " another file (rename one of them)"
    ) in err
    assert article.read_bytes() == typed
    assert (
        other.read_text(encoding="utf-8") == "Title: Written by hand\nDate: 2013-01-01\n\nMine.\n"
    )


@needs_seed
def test_a_move_killed_halfway_is_finished_by_the_next_retag(tmp_path, capsys):
    """A kill between the link and the unlink leaves one file under two names."""
    article = import_seed(tmp_path)
    type_date(article, "2013-08-09")
    half = tmp_path / "content" / "articles" / "2013" / article.name
    half.parent.mkdir()
    os.link(article, half)
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert sorted((tmp_path / "content" / "articles").rglob("*.md")) == [half]
    assert "1 moved" in capsys.readouterr().err


@needs_seed
def test_a_move_killed_halfway_is_finished_by_a_retag_that_changes_the_tags(tmp_path, capsys):
    """The retag rewrote the file under its new name first (a new file, tags changed): the old
    name was then another file, not moved, and the archive held the article twice."""
    article = import_seed(tmp_path)
    type_date(article, "2013-08-09")
    half = tmp_path / "content" / "articles" / "2013" / article.name
    half.parent.mkdir()
    os.link(article, half)
    # the tags are out of date (written in place: under both names)
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text("\n".join(li for li in lines if not li.startswith("Topic_Scores:")))
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert sorted((tmp_path / "content" / "articles").rglob("*.md")) == [half]
    assert read_header(half)["topic_scores"]
    err = capsys.readouterr().err
    assert "1 retagged, 0 unchanged, 0 failed, 1 moved" in err and "not moved" not in err


@needs_seed
def test_a_link_in_the_way_is_another_file_not_the_article_itself(tmp_path, capsys):
    """A symbolic link to the article, under its name in its date's folder, passed for the
    article's own second name (a killed move): the move removed the article and left the link
    pointing at nothing."""
    article = import_seed(tmp_path)
    type_date(article, "2013-08-09")
    link = tmp_path / "content" / "articles" / "2013" / article.name
    link.parent.mkdir()
    link.symlink_to(Path("..") / "undated" / article.name)
    typed = article.read_bytes()
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert article.read_bytes() == typed and link.read_bytes() == typed
    err = capsys.readouterr().err
    assert "0 moved" in err
    assert f"not moved  {article}: its Date files it in {link.parent}/, where" in err


@needs_seed
def test_a_date_removed_or_changed_by_hand_files_the_article_again(tmp_path, capsys):
    article = import_seed(tmp_path)
    type_date(article, "2013-08-09")
    assert main(["retag", "--root", str(tmp_path)]) == 0
    dated = tmp_path / "content" / "articles" / "2013" / article.name
    edit_field(dated, "Date", "2014-02-01 10:30")
    assert main(["retag", "--root", str(tmp_path)]) == 0
    in_2014 = tmp_path / "content" / "articles" / "2014" / article.name
    assert in_2014.exists() and not dated.parent.exists()
    edit_field(in_2014, "Date", "")  # (blank: undated, as the site reads it)
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert article.exists() and not in_2014.exists()
    # a date the build refuses (no day) moves nothing, and retag says what is wrong
    edit_field(article, "Date", "2016-05")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 1
    assert article.exists() and "Date: '2016-05' has no day" in capsys.readouterr().err


@needs_seed
def test_an_article_filed_in_a_folder_of_the_editors_own_stays_there(tmp_path, capsys):
    """An editor who keeps opinion pieces in content/articles/opinion/ found them moved to
    their years by an import that updated one, and by the next retag."""
    article = import_seed(tmp_path)
    mine = tmp_path / "content" / "articles" / "opinion" / article.name
    mine.parent.mkdir()
    article.rename(mine)
    # a date supplied later, by a sidecar, updates the article where it is
    seed = tmp_path / "in" / "seed.txt"
    Path(f"{seed}.meta.yml").write_text("date: 2012-03-04\n")
    [outcome] = run_import([seed], root=tmp_path)
    assert outcome.status == "updated" and outcome.path == str(mine)
    assert read_header(mine)["date"] == "2012-03-04"
    # a date changed by hand: retag leaves it there too
    edit_field(mine, "Date", "2013-08-09")
    typed = mine.read_bytes()
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "0 moved" in capsys.readouterr().err
    assert sorted((tmp_path / "content" / "articles").rglob("*.md")) == [mine]
    assert mine.read_bytes() == typed


@needs_seed
def test_a_field_wrapped_onto_an_indented_line_is_read_whole(tmp_path, capsys):
    """An editor wrapped a long Summary onto a line indented four spaces, as Pelican's Markdown
    reader allows: the fields after it (Id, Raw) went unread, so a re-import wrote the article
    again beside it, and a retag dropped the wrapped words."""
    article = import_seed(tmp_path)
    text = article.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("Summary: "))
    words = summary.split()
    wrapped = " ".join(words[:6]) + "\n    " + " ".join(words[6:])
    article.write_text(text.replace(summary, wrapped), encoding="utf-8")
    assert read_header(article)["id"] and read_header(article)["summary"] == summary[9:]
    seed = tmp_path / "in" / "seed.txt"
    Path(f"{seed}.meta.yml").write_text("date: 2013-08-09\n")  # (read again, not skipped)
    [outcome] = run_import([seed], root=tmp_path)
    # (the same words, wrapped: no edit, so the page's new date is taken, in the same file)
    assert outcome.status == "updated" and outcome.path.endswith(f"/2013/{article.name}")
    article = Path(outcome.path)
    assert sorted((tmp_path / "content" / "articles").rglob("*.md")) == [article]
    edit_field(article, "People", "Jane Roe")  # a tag edit: retag rewrites the header
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert read_header(article)["summary"] == summary[9:]
    capsys.readouterr()


@needs_seed
def test_retag_writes_back_every_line_of_a_header_edited_out_of_shape(tmp_path, capsys):
    """A header whose blank line an editor deleted, a line typed without its colon, a file
    saved with a byte-order mark: retag dropped the lines it could not read as fields (the
    body's first paragraph, the whole `Title:`) and wrote the file back without them."""
    article = import_seed(tmp_path)
    fields, body = read_article(article)
    first = body.split("\n\n")[0]
    text = article.read_text(encoding="utf-8")

    def retag_rewrites(edited: str) -> str:
        article.write_text(edited, encoding="utf-8")
        edit_field(article, "Auto_People", "Somebody Else")  # (the tagger's to write again)
        assert main(["retag", "--root", str(tmp_path)]) == 0
        assert "1 retagged" in capsys.readouterr().err
        return article.read_text(encoding="utf-8")

    # no blank line: the body starts at its first line, as Pelican's Markdown reader reads it
    after = retag_rewrites(text.replace("\n\n", "\n", 1))
    assert read_article(article) == (fields, body)
    # the header's last line typed without its colon ends the header there: it stays, as the
    # body's first line (one with fields after it fails: ..._whose_colon_was_left_out_...)
    last = list(fields)[-1]
    after = retag_rewrites(after.replace(f"\n{last}: ", f"\n{last} ", 1))
    assert f"\n{last} " in after and read_article(article)[1].startswith(f"{last} ")
    assert first in read_article(article)[1]
    # a byte-order mark: the title is still the title
    retag_rewrites("\ufeff" + text)
    assert read_header(article)["title"] == fields["Title"] and read_article(article) == (
        fields,
        body,
    )


@needs_seed
def test_retag_leaves_a_header_that_gives_a_field_twice_and_says_so(tmp_path, capsys):
    # written back, the header would keep one of the two lines: the editor chooses which
    article = import_seed(tmp_path)
    text = article.read_text(encoding="utf-8")
    edited = text.replace("\nPeople: ", "\nPeople: Jane Roe\nPeople: ", 1)
    article.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "0 retagged, 0 unchanged, 1 failed" in err
    assert f"{article}: its header gives People more than once: keep one" in err
    assert article.read_text(encoding="utf-8") == edited


@needs_seed
def test_retag_fails_an_article_whose_hand_typed_date_names_no_day(tmp_path, capsys):
    """`Date: May 2016` typed by hand: retag said "unchanged" and exited 0, and only the
    build then failed on it. Retag files articles by their date: it says why it cannot."""
    article = import_seed(tmp_path)
    type_date(article, "May 2016")
    edited = article.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "0 retagged, 0 unchanged, 1 failed" in err
    assert (
        f"{article}: Date: 'May 2016' has no day (write YYYY-MM-DD, or remove the line for an"
        " undated article)"
    ) in err
    assert article.read_text(encoding="utf-8") == edited


@needs_seed
def test_retag_fails_an_article_whose_hand_typed_date_names_no_year(tmp_path, capsys):
    """`Date: June 3` typed by hand: retag filed the article under content/articles/2000/
    (the year dateutil was given to fill in) and the site showed it in this year."""
    article = import_seed(tmp_path)
    type_date(article, "June 3")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{article}: Date: 'June 3' has no year (write YYYY-MM-DD" in err
    assert article.exists() and not (tmp_path / "content" / "articles" / "2000").exists()


@needs_seed
def test_retag_leaves_a_header_whose_colon_was_left_out_and_names_the_line(tmp_path, capsys):
    """`Topics Arms control` without its colon ended the header: retag tagged the fields
    after it as the article's words (an organisation "Topics Arms control ..."), and wrote a
    header of those tags above them, the editor's tag edits lost with their lines."""
    article = import_seed(tmp_path)
    text = article.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^Topics: ", "Topics ", text, count=1)
    article.write_text(edited, encoding="utf-8")
    line = edited[: edited.index("\nTopics ")].count("\n") + 2
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "0 retagged, 0 unchanged, 1 failed" in err
    assert f"{article}: line {line}: 'Topics " in err
    assert "is no field (write it as `Name: value`)" in err
    assert article.read_text(encoding="utf-8") == edited


@needs_seed
def test_retag_says_where_an_article_saved_in_another_encoding_is_not_utf8(tmp_path, capsys):
    """An editor's program saved an article as Latin-1: retag's reason was Python's "'utf-8'
    codec can't decode byte 0xe9 in position 465: invalid continuation byte"."""
    article = import_seed(tmp_path)
    text = article.read_text(encoding="utf-8")
    edited = text.replace("\n\n", "\n\nThe café on the quay.\n\n", 1).encode("latin-1", "replace")
    article.write_bytes(edited)
    line = edited[: edited.index(b"caf\xe9")].count(b"\n") + 1
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "0 retagged, 0 unchanged, 1 failed" in err
    assert f"{article}: not UTF-8 text at line {line} (byte 0xe9): save it as UTF-8" in err
    assert article.read_bytes() == edited


def test_a_header_is_read_as_pelicans_reader_reads_it(tmp_path):
    """Up to three spaces before a field, a tab before a wrapped line, a header between "---"
    lines: Pelican reads them all as the header; read as the body's first lines, a retag moved
    them under the blank line."""
    path = tmp_path / "story.md"
    path.write_text(
        "---\nTitle: Harbour story\n  People: Ada Quill\nSummary: The harbour\n\treopened.\n"
        "---\nThe harbour reopened on Monday.\n",
        encoding="utf-8",
    )
    fields, body = read_article(path)
    assert fields == {"Title": "Harbour story", "People": "Ada Quill", "Summary": "The harbour reopened."}  # fmt: skip
    assert body == "The harbour reopened on Monday.\n"
    assert read_header(path) == {k.lower(): v for k, v in fields.items()}


@needs_seed
def test_a_folder_named_like_an_article_is_no_article(tmp_path, capsys):
    """`content/articles/undated/x.md/`, a folder: import and retag stopped at it with
    "error: .../x.md: Is a directory", status 2."""
    article = import_seed(tmp_path)
    (article.parent / "notes.md").mkdir()
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "1 unchanged, 0 failed" in capsys.readouterr().err
    assert main(["import", str(SEED), "--root", str(tmp_path)]) == 0
    assert "1 unchanged" in capsys.readouterr().err
