"""The people review report: what an editor needs to grow the registry."""

from __future__ import annotations

import json
import shutil

from conftest import SAMPLES, SEED, needs_seed

from newsarchive.cli import main
from newsarchive.entities import DEFAULT_DATA_DIR
from newsarchive.entities.registry import PeopleRegistry
from newsarchive.review import build_review, near_duplicates
from newsarchive.store import read_header, split_names


def test_near_duplicates():
    pairs = near_duplicates(
        ["Sergey Lavrov", "Sergei Lavrov", "John Kerry", "Jon Kerry", "Ann Lee"]
    )
    names = [sorted(p["names"]) for p in pairs]
    assert ["Sergei Lavrov", "Sergey Lavrov"] in names and ["John Kerry", "Jon Kerry"] in names
    assert all("Ann Lee" not in n for n in names)


def test_a_name_and_its_short_form_are_listed_to_merge():
    pairs = near_duplicates(
        ["Patrick Holm", "Pat Holm", "Benjamin Okafor", "B. U. Okafor", "Bill Avery",
         "William Avery", "Hillary Avery", "Jo Tam", "Joanna Tam", "Ann Lee", "Anna Lee"]
    )  # fmt: skip
    listed = {tuple(p["names"]) for p in pairs}
    assert {("Pat Holm", "Patrick Holm"), ("B. U. Okafor", "Benjamin Okafor"),
            ("Bill Avery", "William Avery")} <= listed  # fmt: skip
    assert not any("Hillary Avery" in names for names in listed)  # another person
    assert ("Jo Tam", "Joanna Tam") not in listed  # two letters: not a short form here


def test_build_review_counts_and_roles():
    items = [
        ("a.md", [{"kind": "new", "text": "Ada Quill", "role": "Mayor"},
                  {"kind": "ambiguous", "text": "Bush", "start": 10, "candidates": ["George W. Bush", "Jeb Bush"]}]),
        ("b.md", [{"kind": "new", "text": "Ada Quill", "role": "Mayor"},
                  {"kind": "single name", "text": "Kowalczyk", "start": 3}]),
        ("c.md", [{"kind": "new", "text": "Ada Quill", "role": "mayor"}]),
        ("d.md", [{"kind": "new", "text": "Ada Quill", "role": "Harbour master"}]),
    ]  # fmt: skip
    report = build_review(items, ["Ada Quill"])
    # where the name is (the first articles: an editor looks there, not through the archive),
    # and each role once whatever its case ("Mayor", "mayor"), the most frequent first
    assert report["new"] == [{"name": "Ada Quill", "articles": 4, "roles": ["Mayor", "Harbour master"],
                              "in": ["a.md", "b.md", "c.md", "d.md"]}]  # fmt: skip
    assert report["ambiguous"][0]["article"] == "a.md"
    assert report["single_names"] == [{"name": "Kowalczyk", "mentions": 1, "in": ["b.md"]}]
    many = [(f"{n}.md", [{"kind": "single name", "text": "Moon"}]) for n in range(9)]
    assert build_review(many, [])["single_names"][0]["in"] == [f"{n}.md" for n in range(5)]


@needs_seed
def test_import_writes_the_review(tmp_path, capsys):
    assert main(["import", str(SAMPLES), str(SEED), "--root", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "review:" in err and "people-review.json" in err
    # the summary's counts first, the review last, as the README shows them (the review's
    # line came first, above the counts)
    lines = err.splitlines()
    assert lines[0].startswith("17 imported, 0 updated") and lines[-2].startswith("report: ")
    assert lines[-1].startswith("review: ")
    report = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    new = {entry["name"] for entry in report["new"]}
    assert "Willem Haverkamp" in new  # named in the demo, not in the registry
    assert "Sergei Lavrov" not in new  # in the registry
    # a second run that tags nothing new still reports on the whole archive
    assert main(["import", str(SAMPLES), "--root", str(tmp_path)]) == 0
    again = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    assert again == report
    # and an article removed from the archive leaves the report with it
    haverkamp = [p for p in (tmp_path / "content" / "articles").rglob("*.md")
                 if "Willem Haverkamp" in p.read_text(encoding="utf-8")]  # fmt: skip
    for path in haverkamp:
        path.unlink()
    assert main(["import", str(SAMPLES / "text"), "--root", str(tmp_path)]) == 0
    after = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    assert "Willem Haverkamp" not in {entry["name"] for entry in after["new"]}


def test_a_name_the_editor_removed_is_not_listed_to_register(tmp_path, capsys):
    """An editor takes a wrong name ("Yobe North", a district) out of an article's People:
    the review went on listing it among the new people, after every retag and import."""
    assert main(["import", str(SAMPLES), "--root", str(tmp_path)]) == 0
    articles = list((tmp_path / "content" / "articles").rglob("*.md"))
    named = [p for p in articles if "Willem Haverkamp" in read_header(p).get("people", "")]
    assert named
    for path in named:
        people = split_names(read_header(path)["people"])
        kept = "; ".join(name for name in people if name != "Willem Haverkamp")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"\nPeople: {'; '.join(people)}\n", f"\nPeople: {kept}\n"))
    assert main(["retag", "--root", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    assert "Willem Haverkamp" not in {entry["name"] for entry in report["new"]}
    assert main(["import", str(SAMPLES), "--root", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    assert "Willem Haverkamp" not in {entry["name"] for entry in report["new"]}
    # put back by hand, it is listed again
    text = named[0].read_text(encoding="utf-8")
    named[0].write_text(text.replace("\nPeople: ", "\nPeople: Willem Haverkamp; ", 1))
    assert main(["import", str(SAMPLES), "--root", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    assert "Willem Haverkamp" in {entry["name"] for entry in report["new"]}
    capsys.readouterr()


@needs_seed
def test_people_typed_by_hand_are_reviewed(tmp_path, capsys):
    """An editor's own additions to `People` were never in the review: a person the registry
    does not know went unlisted, and a misspelt registry name ("Sergei Lavrof") unflagged."""
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    assert main(["import", str(source), "--root", str(tmp_path)]) == 0
    article = next((tmp_path / "content" / "articles").rglob("*.md"))
    people = read_header(article)["people"]
    text = article.read_text(encoding="utf-8")
    typed = f"\nPeople: {people}; Ada Quill; Sergei Lavrof; Sergey Lavrov\n"
    article.write_text(text.replace(f"\nPeople: {people}\n", typed, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["retag", "--root", str(tmp_path)]) == 0
    assert "review: 1 names not in the registry (1 typed by hand), " in capsys.readouterr().err
    report = json.loads((tmp_path / "reports" / "people-review.json").read_text())
    name = article.relative_to(tmp_path).as_posix()
    assert report["new"] == [
        {"name": "Ada Quill", "articles": 1, "roles": [], "typed_by_hand": [name]}
    ]
    # a spelling variant of a registry name, as the tagger reads one; an alias ("Sergey
    # Lavrov") is the registry's person, written under its name by the retag
    assert report["near_duplicates"] == [
        {"names": ["Sergei Lavrof", "Sergei Lavrov"], "score": 92.3,
         "registry": "Sergei Lavrov", "typed_by_hand": [name]}
    ]  # fmt: skip
    assert "Sergey Lavrov" not in split_names(read_header(article)["people"])


def test_a_name_typed_surname_first_is_the_registrys_person():
    """An editor typed "Lavrov, Sergei", as an index writes him: the review listed a new name
    beside the registry's Sergei Lavrov. A misspelling so typed is a variant to correct, and
    "King, Jr." is no name typed surname first."""
    registry = PeopleRegistry.load(DEFAULT_DATA_DIR / "people.yml")
    typed = [("a.md", "Lavrov, Sergei"), ("b.md", "Lavrof, Sergei"), ("b.md", "Quill, Jr.")]
    report = build_review([], [], typed, registry)
    assert [entry["name"] for entry in report["new"]] == ["Quill, Jr."]
    assert report["near_duplicates"] == [
        {"names": ["Lavrof, Sergei", "Sergei Lavrov"], "score": 92.3,
         "registry": "Sergei Lavrov", "typed_by_hand": ["b.md"]}
    ]  # fmt: skip
    assert registry.canonical_name("Lavrov, Sergei") == "Sergei Lavrov"  # (as retag writes it)
    assert registry.canonical_name("Quill, Ada") == "Quill, Ada"
