"""The `pelican` command's ending (plugins/lean_pelican): after a successful build the process
skips the interpreter's teardown, so its report must still be flushed and its status 0; a
failed build must still end with a failure status."""

from __future__ import annotations

import os
import subprocess

from conftest import PELICAN, REPO, article_html, new_archive, write_article


def pelican(root) -> subprocess.CompletedProcess:
    command = [str(PELICAN), str(root / "content"), "-o", str(root / "output"),
               "-s", str(REPO / "pelicanconf.py"), "--fatal", "errors"]  # fmt: skip
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def test_a_build_ends_with_its_report_and_status(tmp_path):
    root = new_archive(tmp_path / "site")
    for n in range(3):
        write_article(root / "content" / "articles", n)
    done = pelican(root)
    assert done.returncode == 0, done.stderr
    assert "Done: Processed 3 articles" in done.stdout + done.stderr  # (flushed before the end)
    assert (root / "output" / "index.html").exists()
    # An article asking for a template the theme does not have: the build fails, and says so.
    write_article(root / "content" / "articles", 3, Template="no-such-template")
    failed = pelican(root)
    assert failed.returncode != 0
    assert "no-such-template" in failed.stdout + failed.stderr


def test_a_broken_data_file_fails_the_build_in_one_line(tmp_path):
    root = new_archive(tmp_path / "site")
    write_article(root / "content" / "articles", 1, Source="NYTimes")
    (root / "data").mkdir()
    (root / "data" / "sources.yml").write_text(
        "- name: The New York Times\n  slug: nyt\n- name: NYT Co\n  slug: nyt-co\n"
        "  aliases: [the new york times]\n",
        encoding="utf-8",
    )
    failed = pelican(root)
    assert failed.returncode == 2
    said = (failed.stdout + failed.stderr).strip().splitlines()
    assert said == [
        f"error: {root / 'data' / 'sources.yml'}:3: 'the new york times' is already declared at "
        f"{root / 'data' / 'sources.yml'}:1"
    ]


def test_a_fatal_error_ends_the_build_in_one_line_not_a_traceback(tmp_path):
    """`--fatal errors` stops at a hand-written `Date: 2016-05`; the reason used to come
    wrapped at 80 columns (its path split across lines) above ~90 lines of traceback."""
    root = new_archive(tmp_path / "site")
    write_article(root / "content" / "articles", 1)
    write_article(root / "content" / "articles", 2, Date="2016-05")
    failed = pelican(root)
    said = (failed.stdout + failed.stderr).strip().splitlines()
    assert failed.returncode == 1
    assert "Traceback" not in failed.stdout + failed.stderr
    path = root / "content" / "articles" / "story-2.md"
    reason = f"{path}: Date: '2016-05' has no day (write YYYY-MM-DD, or remove the line for an undated article)"  # fmt: skip
    assert said[-1] == f"error: {reason} (the build stopped at this error)"
    # the log before it, written to a pipe, is a record a line (Rich's columns, 80 wide,
    # split the path across three lines)
    assert said[0] == f"ERROR    {reason}"
    assert all(line.startswith(("ERROR ", "error: ")) for line in said), said


def test_an_article_that_is_not_utf8_is_named_with_where_and_why(tmp_path):
    """An article saved as Latin-1 by an editor's program: the build said only "Could not
    process articles/story-2.md"."""
    root = new_archive(tmp_path / "site")
    write_article(root / "content" / "articles", 1)
    write_article(root / "content" / "articles", 2)
    path = root / "content" / "articles" / "story-2.md"
    path.write_bytes(path.read_bytes() + "\nThe café on the quay.\r\n".encode("latin-1"))
    line = path.read_bytes().count(b"\n")
    failed = pelican(root)
    said = (failed.stdout + failed.stderr).strip().splitlines()
    assert failed.returncode == 1
    reason = f"{path}: not UTF-8 text at line {line} (byte 0xe9): save it as UTF-8"
    assert said[-1] == f"error: {reason} (the build stopped at this error)", said


def test_a_header_line_whose_colon_was_left_out_is_named_with_its_line(tmp_path):
    """`Topics Economy; Labour` typed without its colon ended the header there: the build went
    on and published the fields after it (Places, Auto_People ...) as the article's first
    lines, its topics and places gone from it, and said nothing."""
    root = new_archive(tmp_path / "site")
    write_article(root / "content" / "articles", 1)
    write_article(root / "content" / "articles", 2, Topics="Economy", Places="Saltmere")
    path = root / "content" / "articles" / "story-2.md"
    path.write_text(path.read_text().replace("Topics: Economy", "Topics Economy"))
    failed = pelican(root)
    said = (failed.stdout + failed.stderr).strip().splitlines()
    assert failed.returncode == 1
    reason = f"{path}:5: 'Topics Economy' is no field (write it as `Name: value`): the header ends there, and the fields after it would be the article's text"  # fmt: skip
    assert said[-1] == f"error: {reason} (the build stopped at this error)", said
    # a body that starts right under the header, without a blank line, is no mistake
    path.write_text("Title: Story 2\nSlug: story-2\nThe quay.\nUpdate: more to come.\n")
    assert pelican(root).returncode == 0
    assert "Update: more to come." in article_html(root / "output", "Story 2")


def test_a_rebuild_does_not_import_spacy(tmp_path):
    """spaCy is the tagger's; a build that finds data/ read before (its cache) needs none of
    it. The broken-data/ handling imported it with newsarchive.entities: ~0.5 s of CPU, a
    twentieth of a rebuild after a day's news at 20,000 articles."""
    root = new_archive(tmp_path / "site")
    for n in range(3):
        write_article(root / "content" / "articles", n, People="Ada Lovelace; Alan Turing")
    assert pelican(root).returncode == 0  # (reads data/, through the registries' parser)
    write_article(root / "content" / "articles", 3, People="Ada Lovelace")
    command = [str(PELICAN), str(root / "content"), "-o", str(root / "output"),
               "-s", str(REPO / "pelicanconf.py"), "--fatal", "errors"]  # fmt: skip
    done = subprocess.run(command, cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "newsarchive.store" in imported  # (the import log was read)
    assert not {name for name in imported if name.split(".")[0] == "spacy"}
