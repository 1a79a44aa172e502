"""The command-line contracts other tools rely on (architecture.md)."""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
import threading
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SEED, needs_seed

CONTRACT = {"input", "url", "title", "date", "authors", "source", "body_text", "body_markdown",
            "people", "topics", "warnings"}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=REPO
    )


@needs_seed
def test_extract_json_lines_contract(tmp_path):
    result = run("extract", "--json", str(SAMPLES), str(SEED), str(tmp_path / "missing.html"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # the folder's README.md is said not read, in a record of its own after its inputs
    skipped = [r for r in records if "skipped" in r]
    assert skipped == [{"input": str(SAMPLES), "skipped": "1 file of no kind read here (1 .md)"}]
    records = [r for r in records if "skipped" not in r]
    assert (
        len(records) == len(list(SAMPLES.rglob("*.htm*"))) + len(list(SAMPLES.rglob("*.txt"))) + 2
    )  # (and the seed, and the missing file)
    good = [r for r in records if "error" not in r]
    assert good and all(set(r) >= CONTRACT for r in good)
    assert records[-1] == {"input": str(tmp_path / "missing.html"), "error": "no such file"}
    gz = next(r for r in good if r["input"].endswith(".html.gz"))
    assert gz["title"] == "Low water on the Tessa forces grain barges to lighten loads"
    assert gz["date"] == "2023-07-19T08:00:00"
    seed = next(r for r in good if r["input"].endswith(SEED.name))
    assert seed["date"] is None and seed["source"] == "Global Security Newswire"
    assert not (tmp_path / "content").exists()


def test_extract_writes_nothing(tmp_path):
    before = sorted(p.name for p in tmp_path.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "extract", "--json", str(SAMPLES / "text")],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_console_script_and_version():
    script = REPO / ".venv" / "bin" / "newsarchive"
    exe = str(script) if script.exists() else "newsarchive"
    result = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("newsarchive ")


@needs_seed
def test_import_summary_and_exit_codes(tmp_path):
    result = run("import", str(SEED), "--root", str(tmp_path), "--strict")
    assert result.returncode == 0
    assert "1 imported, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in result.stderr
    assert f"undated    {SEED}: date unknown" in result.stderr
    again = run("import", str(SEED), "--root", str(tmp_path))
    assert "0 imported, 0 updated, 1 unchanged" in again.stderr
    bad = run("import", str(tmp_path / "nothing.txt"), "--root", str(tmp_path), "--strict")
    assert bad.returncode == 1
    assert f"failed     {tmp_path / 'nothing.txt'}: no such file" in bad.stderr
    usage = run("import", str(SEED), "--date", "someday")
    assert usage.returncode == 2 and "not a plausible date" in usage.stderr
    usage = run("import", str(SEED), "--date", "2013-08")
    assert usage.returncode == 2 and "'2013-08' has no day" in usage.stderr
    usage = run("import", str(SEED), "--date", "05/08/2013", "--root", str(tmp_path))
    assert usage.returncode == 2 and "'05/08/2013' could be 8 May 2013 or 5 August" in usage.stderr


#: The import report's keys, as the README's "import-report.json" list documents them.
REPORT_KEYS = {"started", "seconds", "counts", "undated", "inputs"}
REPORT_STOPPED_KEYS = {"interrupted", "not_reached"}
REPORT_INPUT_KEYS = {"input", "status", "reason", "id", "path", "title", "date", "warnings"}


def test_the_import_report_has_the_keys_and_types_the_readme_documents(tmp_path):
    """A tool reading reports/import-report.json had only "the same facts, one record per
    input" to go on: which keys, which may be null, what `counts` holds were nowhere said."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = readme.partition("A tool reading it can rely on these keys")[2]
    documented = documented.partition("\n\n**")[0]
    assert documented, "README.md documents no keys of the import report"
    from newsarchive.importer import STATUSES

    for key in REPORT_KEYS | REPORT_STOPPED_KEYS | REPORT_INPUT_KEYS | set(STATUSES):
        assert f"`{key}`" in documented, key
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(ACCENTED_STORY, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run("import", str(tmp_path / "in"), "--root", str(tmp_path / "archive"), "--no-tag")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "archive" / "reports" / "import-report.json").read_text())
    assert set(report) == REPORT_KEYS
    assert datetime.fromisoformat(report["started"]).tzinfo is None
    assert isinstance(report["seconds"], int | float)
    assert list(report["counts"]) == list(STATUSES)
    assert report["counts"]["imported"] == report["counts"]["failed"] == 1
    assert report["counts"]["skipped"] == 1
    assert report["undated"] == [str(tmp_path / "in" / "story.txt")]
    by_status = {record["status"]: record for record in report["inputs"]}
    assert all(set(record) == REPORT_INPUT_KEYS for record in report["inputs"])
    imported, failed = by_status["imported"], by_status["failed"]
    assert imported["reason"] is None and imported["date"] is None
    assert (tmp_path / "archive" / imported["path"]).is_file()
    assert imported["warnings"] and all(isinstance(w, str) for w in imported["warnings"])
    assert failed == {**dict.fromkeys(REPORT_INPUT_KEYS), "input": str(tmp_path / "in" / "empty.txt"),
                      "status": "failed", "reason": "empty file", "warnings": []}  # fmt: skip
    assert by_status["skipped"]["input"] == str(tmp_path / "in")


def test_the_report_goes_where_a_link_or_a_pipe_leads(tmp_path):
    """`--report` named a link (reports kept elsewhere) or a FIFO a tool reads (so too
    /dev/stdout): the atomic write's rename replaced the link, or the pipe its reader was
    waiting on, with a file, and the report never came where it was sent."""
    page = SAMPLES / "text" / "veloria-desalination-strategy.txt"
    kept = tmp_path / "kept" / "last-import.json"
    kept.parent.mkdir()
    link = tmp_path / "report.json"
    link.symlink_to(kept)
    result = run("import", str(page), "--root", str(tmp_path / "a"), "--no-tag", "--report", str(link))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and json.loads(kept.read_text())["counts"]["imported"] == 1
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    result = run("import", str(page), "--root", str(tmp_path / "b"), "--no-tag", "--report", str(fifo))  # fmt: skip
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["counts"]["imported"] == 1


def test_an_import_whose_report_cannot_be_written_fails(tmp_path):
    """A tool reading the report after a run would read the last run's: the run says so and
    exits 1, its article imported all the same."""
    in_the_way = tmp_path / "reports"
    in_the_way.write_text("a file where the report's folder should be", encoding="utf-8")
    page = SAMPLES / "text" / "veloria-desalination-strategy.txt"
    result = run("import", str(page), "--root", str(tmp_path), "--no-tag")
    assert result.returncode == 1, result.stderr
    assert f"error: cannot write {in_the_way}" in result.stderr
    assert "1 imported" in result.stderr
    assert list(tmp_path.glob("content/articles/*/*.md"))


def test_tag_command_json_lines(tmp_path):
    first = tmp_path / "one.txt"
    first.write_text("Sergey Lavrov met John Kerry. Later Lavrov's deputy spoke.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    russian = tmp_path / "ru.txt"  # the English pipeline would make "Что" a place
    russian.write_text(
        "Министр иностранных дел России Сергей Лавров встретился в Женеве с коллегой. Как "
        "сообщили делегации, речь шла о контроле над вооружениями. Что будет дальше, неясно.",
        encoding="utf-8",
    )
    files = [str(first), str(empty), "-", str(russian)]
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "tag", "--json", *files],
        input="Chuck Hagel arrived in Moscow.", capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == files
    lavrov = records[0]["people"][0]
    assert lavrov["name"] == "Sergei Lavrov" and lavrov["slug"] == "sergei-lavrov"
    text = first.read_text()
    assert [text[m["start"] : m["end"]] for m in lavrov["mentions"]] == ["Sergey Lavrov", "Lavrov"]
    assert all(set(m) == {"text", "start", "end"} for m in lavrov["mentions"])
    assert records[1]["people"] == [] and records[1]["topics"] == []
    assert records[2]["people"][0]["name"] == "Chuck Hagel"
    assert [p["name"] for p in records[3]["people"]] == ["Sergei Lavrov"]
    assert records[3]["places"] == records[3]["organisations"] == records[3]["topics"] == []
    assert all({"name", "slug", "score"} == set(t) for r in records for t in r["topics"])


def test_each_json_line_is_one_line_to_any_line_splitter(tmp_path):
    """A file named with U+2028 (LINE SEPARATOR) went into the JSON as it is, valid JSON but
    a line end to Python's str.splitlines(): a reader splitting so got half an object."""
    named = tmp_path / "harbour\u2028notes\x85.txt"
    named.write_text(ACCENTED_STORY, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(ACCENTED_STORY, encoding="utf-8")
    for command in (["tag", "--json"], ["extract", "--json", "--no-tag"]):
        result = run(*command, str(named), str(other))
        assert result.returncode == 0, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["input"] for r in records] == [str(named), str(other)], command


def test_tag_offsets_refer_to_the_input_whose_dateline_the_model_reads_recased(tmp_path):
    """The model reads "LOS ANGELES" as "Los Angeles": each mention is still the input's own
    text at its offsets, after letters whose case changes their length ("ß", "İ"), combining
    marks and emoji, and in an article all in capitals."""
    texts = [
        "LOS ANGELES (AP) — Gov. Gavin Newsom met Mayor Karen Bass on Monday. Newsom said "
        "Bass agreed.",
        "ST. JOSEPH, Mich. (AP) — STRAßE İstanbul 😀👍🏽 Zoe\u0308 and René Dupont met Angela "
        "Merkel. Dupont said Merkel agreed, and Merkel told Дмитрий that İlham Aliyev would come.",
        "CLEVELAND, Ohio — MAYOR JUSTIN BIBB MET GOVERNOR MIKE DEWINE ON MONDAY. BIBB SAID THE "
        "STATE WOULD PAY FOR THE NEW BRIDGE, AND DEWINE TOLD REPORTERS THAT GROßE PLANS WERE "
        "AHEAD FOR İSTANBUL AND CLEVELAND.",
    ]
    files = []
    for n, text in enumerate(texts):
        files.append(tmp_path / f"{n}.txt")
        files[-1].write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "tag", "--json", *map(str, files)],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for text, record in zip(texts, records, strict=True):
        mentions = [m for p in record["people"] for m in p["mentions"]]
        assert mentions and all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert "Los Angeles" in records[0]["places"]
    names = {p["name"]: [m["text"] for m in p["mentions"]] for p in records[1]["people"]}
    assert names["Angela Merkel"] == ["Angela Merkel", "Merkel", "Merkel"]
    assert names["René Dupont"] == ["René Dupont", "Dupont"]


def test_tag_offsets_refer_to_the_input_the_decoder_took_nuls_out_of_and_repaired(tmp_path):
    """The decoder removes NUL characters and repairs mojibake ("Ã©" read back as "é"), and the
    tagger reads what it made: offsets into that were off by one after each, and a mention
    ran over a character that was not in it."""
    text = (
        "Caf\u00c3\u00a9 owner said Angela Merkel met Jos\u00c3\u00a9 Mourinho.\x00 Merkel "
        "\x00spoke; Mourinho\x00 listened. Angela Merkel met Joe Biden.\x07 Then more."
    )
    path = tmp_path / "broken.txt"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "tag", "--json", str(path)],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    mentions = [m for p in record["people"] for m in p["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    found = {p["name"]: [m["text"] for m in p["mentions"]] for p in record["people"]}
    assert found["Angela Merkel"] == ["Angela Merkel", "Merkel", "Angela Merkel"]
    assert found["José Mourinho"] == ["Jos\u00c3\u00a9 Mourinho", "Mourinho"]
    assert found["Joe Biden"] == ["Joe Biden"]
    assert any("mojibake" in w for w in record["warnings"])


def test_offsets_map_through_removed_and_repaired_stretches():
    from newsarchive.sources.decode import decode, input_offsets

    tail = " and more words" * 40  # (a few NULs among text: not a binary file)
    data = ("ab\x00cd \u00c3\u00a9f \x00\x00gh" + tail).encode()  # as read: ab·cd Ã©f ··gh
    as_read, to_input = input_offsets(data, Path("x.txt"), "text")
    assert as_read == "ab\x00cd \u00c3\u00a9f \x00\x00gh" + tail
    decoded = "abcd \u00e9f gh"  # what the tagger reads
    assert to_input(0, 2) == (0, 2)  # "ab": the NUL after it is not in it
    assert to_input(2, 4) == (3, 5)  # "cd": nor the NUL before it
    assert to_input(5, 7) == (6, 9)  # "éf" is "Ã©f"
    assert to_input(5, 6) == (6, 8) and to_input(6, 7) == (8, 9)
    assert to_input(8, 10) == (12, 14)  # "gh", after both NULs
    assert decoded[8:10] == as_read[12:14] == "gh"
    # where decode() kept the NULs (a byte-order mark's text), or repaired nothing (a page it
    # read as cp1252), the offsets are its own; a NUL inside a character stands before it
    for data in (
        b"\xef\xbb\xbfHello\x00 Joe Biden said." + tail.encode(),
        b"Ren\xe9 M\xfcller in Z\xfcrich, \xc3\xa9 then Joe Biden came." + tail.encode(),
        b"Jos\xc3\x00\xa9 Joe Biden came." + tail.encode(),
    ):
        text, _ = decode(data, Path("x.txt"), "text")
        as_read, to_input = input_offsets(data, Path("x.txt"), "text")
        start, end = to_input(text.index("Joe Biden"), text.index("Joe Biden") + 9)
        assert as_read[start:end] == "Joe Biden", data


#: An invented story whose names carry accents (its people are no one's).
ACCENTED_STORY = """Harbour council approves new ferry timetable

By Chloé Marvande

The harbour council of Saltmere approved a new ferry timetable on Tuesday after months of \
debate among residents, operators and the port authority about crossings in winter.

Councillor Renée Østergård said the change would add two early crossings on weekdays and keep \
the late Sunday service that commuters had asked to protect during the consultation.

"We listened to the people who use these boats every morning," Østergård told reporters \
outside the council chamber, adding that fares would not rise this year.

Operators said the new timetable needs one more crew, which they expect to hire before the \
spring season begins in the harbour and along the northern coast.
"""


def test_tag_reads_accents_written_apart_and_gives_offsets_into_the_input(tmp_path):
    """Text saved on a Mac, or copied out of a PDF, writes "é" as "e" and a combining accent
    (NFD): the model read "Chlo" and an accent, and found no one in it at all."""
    text = unicodedata.normalize("NFD", ACCENTED_STORY)
    assert text != ACCENTED_STORY
    path = tmp_path / "decomposed.txt"
    path.write_text(text, encoding="utf-8")
    result = run("tag", "--json", str(path))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    found = {p["name"]: [m["text"] for m in p["mentions"]] for p in record["people"]}
    assert set(found) == {"Chloé Marvande", "Renée Østergård"}
    mentions = [m for p in record["people"] for m in p["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert unicodedata.normalize("NFC", found["Renée Østergård"][0]) == "Renée Østergård"
    assert any("NFC" in w for w in record["warnings"])


def test_offsets_map_through_composed_accents():
    from newsarchive.sources.decode import apply_edits, composition_edits, decode, input_offsets

    data = "Zoe\u0308 and Ste\u0301phane Ha\u0308\u0301gen met Joe Biden. Ю\u0306".encode()
    text, _ = decode(data, Path("x.txt"), "text")
    assert text == unicodedata.normalize("NFC", data.decode())
    as_read, to_input = input_offsets(data, Path("x.txt"), "text")
    assert as_read == data.decode()
    for name, written in (("Zoë", "Zoe\u0308"), ("Joe Biden", "Joe Biden"), ("and", "and")):
        start, end = to_input(text.index(name), text.index(name) + len(name))
        assert as_read[start:end] == written, name
    # a stretch ending inside a composed letter grows to its accents
    start, end = to_input(text.index("Stéphane"), text.index("Stéphane") + 3)
    assert as_read[start:end] == "Ste\u0301"
    # the edits compose what NFC composes, Hangul jamo and Oriya vowel signs included
    letters = "ae\u00e9 \u0301\u0308\u0327\u0323\u1100\u1161\u11a8\u044e\u0306\u212a\u0b47\u0b3e"
    chance = random.Random(3)
    for _ in range(5000):
        text = "".join(chance.choice(letters) for _ in range(chance.randint(0, 10)))
        assert apply_edits(text, composition_edits(text)) == unicodedata.normalize("NFC", text)


def test_extract_reads_accents_written_apart_in_dumps_and_records(tmp_path):
    """A text dump or a JSON record in NFD gave the byline "Chloe" (cut at the accent), a body
    whose names a search for "Chloé" does not find, and no people."""
    text = unicodedata.normalize("NFD", ACCENTED_STORY)
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    record = {"title": "Ferry timetable", "author": "Chlo\u0065\u0301 Marvande", "text": text}
    (tmp_path / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run("extract", "--json", str(tmp_path / "dump.txt"), str(tmp_path / "export.jsonl"))
    assert result.returncode == 0, result.stderr
    dump, exported = (json.loads(line) for line in result.stdout.splitlines())
    for article in dump, exported:
        assert article["authors"] == ["Chloé Marvande"], article["input"]
        assert unicodedata.is_normalized("NFC", article["body_text"])
        assert "Renée Østergård" in {p["name"] for p in article["people"]}
        body = article["body_text"]
        mentions = [m for p in article["people"] for m in p["mentions"]]
        assert all(body[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_tag_reads_inputs_as_import_does_and_a_bad_one_stops_only_itself(tmp_path):
    text = (
        "The architect René Müller showed his plans for the new station in Zürich on Tuesday."
        " Müller said building would begin in the spring, after the council’s vote."
    )
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(text.encode("cp1252"))
    junk = tmp_path / "junk.bin"
    junk.write_bytes(random.Random(7).randbytes(3000))  # import refuses it as binary
    missing = tmp_path / "missing.txt"
    files = [str(missing), str(cp1252), str(junk), "-"]
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "tag", "--json", *files],
        input=b"Chuck Hagel arrived in Moscow.", capture_output=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"error: {missing}: no such file",
        f"warning: {cp1252}: decoded as cp1252 (detected, not declared)",
        f"error: {junk}: binary file (control bytes), not a web page or text dump",
    ]
    # one object per input, in order (architecture.md's contract): a failed one says why
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["input"] for r in records] == files
    assert records[0]["error"] == "no such file" and records[0]["people"] == []
    assert records[2]["error"].startswith("binary file") and records[2]["places"] == []
    assert "error" not in records[1] and "error" not in records[3]
    # a failed input's object has every key a tagged one has, so a reader needs no special case
    assert set(records[0]) == set(records[2]) == set(records[1]) | {"error"}
    assert records[0]["warnings"] == []
    records = [records[1], records[3]]
    muller = records[0]["people"][0]
    assert muller["name"] == "René Müller"
    assert [m["text"] for m in muller["mentions"]] == ["René Müller", "Müller"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in muller["mentions"])
    assert records[0]["places"] == ["Zürich"]
    assert records[1]["people"][0]["name"] == "Chuck Hagel"
    # how each input was decoded, as import says it; standard input held to a file's limit
    assert records[0]["warnings"] == ["decoded as cp1252 (detected, not declared)"]
    assert records[1]["warnings"] == []
    huge = subprocess.run(
        [sys.executable, "-m", "newsarchive", "tag", "--json", "-"],
        input=b"Chuck Hagel arrived. " * 1_000_000, capture_output=True, cwd=REPO,
    )  # fmt: skip
    assert huge.returncode == 1
    assert huge.stderr.decode().strip().startswith("error: -: standard input too large (over ")


def test_jobs_must_be_a_whole_number_of_workers(tmp_path):
    # (0 silently meant every core and -1 one worker: a usage error, exit 2, names the value)
    for command in (["import", str(SEED), "--root", str(tmp_path)], ["retag", "--root", str(tmp_path)]):  # fmt: skip
        for jobs in ("0", "-1"):
            result = run(*command, "--jobs", jobs)
            assert result.returncode == 2, (command, jobs)
            assert f"argument --jobs: {jobs!r} is not a number of worker processes" in result.stderr
    assert not (tmp_path / "content").exists()


def test_extract_tags_with_the_data_of_the_archive_root_given(tmp_path):
    # (it read the working folder's data/ only: a tool running it elsewhere got the bundled)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yml").write_text(
        "- name: Martin Luther King, Jr.\n  slug: mlk\n  aliases: [Martin Luther King]\n"
    )
    page = tmp_path / "march.txt"
    page.write_text(
        "March on Washington remembered\n\nMartin Luther King, Jr. spoke to a crowd of 250,000"
        " people in Washington in August 1963. King said he had a dream, and historians say he"
        " improvised its best-known passage on the day.\n"
    )
    result = run("extract", "--json", "--root", str(tmp_path), str(page))
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)["people"]
    assert [(p["name"], p["slug"]) for p in people] == [("Martin Luther King, Jr.", "mlk")]


def test_a_reader_that_stops_reading_ends_the_command_quietly():
    # (`extract ... --json | head -1`: it said "error: : Broken pipe", status 2, a usage error)
    command = [sys.executable, "-m", "newsarchive", "extract", "--json", "--no-tag", str(SAMPLES)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO) as reader:  # fmt: skip
        assert json.loads(reader.stdout.readline())["title"]
        reader.stdout.close()
        stderr = reader.stderr.read().decode()
    assert reader.returncode == 141  # 128 + SIGPIPE, as a shell reports a writer the pipe stopped
    assert stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [["extract", "--json", "--no-tag"], ["extract", "--no-tag"], ["tag", "--json"], ["tag"]],
)
def test_output_that_cannot_be_written_is_one_line_naming_it(command):
    """A full disk under `extract --json > out.jsonl` said `error: : No space left on device`
    (no name where the file's goes) and exited 2, the status of a usage error."""
    page = SAMPLES / "text" / "veloria-desalination-strategy.txt"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsarchive", *command, str(page)],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
    assert result.stderr == "error: cannot write standard output: No space left on device\n"
    assert result.returncode == 1


def test_extract_without_json_says_what_it_does_not_know(tmp_path):
    page = tmp_path / "talks.txt"
    page.write_text(
        "Talks resume\n\nThe two delegations met again in Geneva on Tuesday after a pause of"
        " three weeks, and both sides said the talks had been useful. A further round is planned"
        " for next month, officials said, though no date has been set for it yet.\n"
    )
    result = run("extract", "--no-tag", str(page))
    assert result.stdout == f"{page}: Talks resume (date unknown, source unknown)\n"  # not None


def test_a_mistyped_root_is_said_not_read_as_the_bundled_data(tmp_path):
    """`tag --root /typo` and `extract --root /typo` tagged with the bundled data/ and said
    nothing: an archive's own registry silently not used. A --root that is no folder is a
    usage error."""
    story = tmp_path / "story.txt"
    story.write_text(ACCENTED_STORY, encoding="utf-8")
    missing = tmp_path / "no-such-archive"
    for command in (["tag", "--json", str(story)], ["extract", "--json", str(story)]):
        result = run(*command, "--root", str(missing))
        assert result.returncode == 2, command
        assert result.stdout == ""
        assert result.stderr.strip() == f"error: --root {missing}: no such folder (the archive whose data/ tags)"  # fmt: skip
    assert run("extract", "--json", "--no-tag", str(story), "--root", str(missing)).returncode == 0
