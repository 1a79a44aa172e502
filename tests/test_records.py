"""Scraper JSON Lines / JSON files and WARC files: one article per record, one line per failure."""

from __future__ import annotations

import gzip
import io
import json
import pickle
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive.cli import main
from newsarchive.importer import expand
from newsarchive.sources.records import RecordError, RecordRef
from newsarchive.store import read_header

RECORDS = REPO / "tests" / "data" / "records"
PAGE = (RECORDS / "scraped.jsonl").read_text().splitlines()[0]


def run(tmp_path: Path, capsys, *args: str) -> tuple[dict, str]:
    assert main(["import", *args, "--root", str(tmp_path), "--no-tag"]) == 0
    err = capsys.readouterr().err
    report = json.loads((tmp_path / "reports" / "import-report.json").read_text())
    return {Path(r["input"]).name: r for r in report["inputs"]}, err


def test_json_lines(tmp_path, capsys):
    inputs, err = run(tmp_path, capsys, str(RECORDS / "scraped.jsonl"))
    assert inputs["scraped.jsonl#1"]["status"] == "imported"
    assert inputs["scraped.jsonl#3"]["status"] == "imported"
    assert "not valid JSON" in inputs["scraped.jsonl#2"]["reason"]
    assert inputs["scraped.jsonl#4"]["reason"] == "record has no html or text field"
    assert "failed     " in err and "scraped.jsonl#2: not valid JSON" in err
    page = read_header(Path(inputs["scraped.jsonl#1"]["path"]))
    assert page["title"] == "Lorry curfew extended"
    assert page["date"] == "2021-03-04 18:00" and page["date_source"] == "record"
    assert page["authors"] == "Mira Solt;" or page["authors"] == "Mira Solt"
    assert page["input"] == "scraped.jsonl#1"
    text = read_header(Path(inputs["scraped.jsonl#3"]["path"]))
    assert text["title"] == "Ring road opening slips to 2024"
    assert text["authors"] == "Mira Solt; Jon Ekker" and text["source"] == "Avel Evening Post"
    body = Path(inputs["scraped.jsonl#3"]["path"]).read_text().split("\n\n", 1)[1]
    assert body.startswith("Hauliers objected") and "ring road plan" in body
    # each record's own bytes are kept under raw/
    raw = tmp_path / page["raw"]
    assert json.loads(raw.read_bytes())["url"].endswith("lorry-curfew-extended")
    # importing again changes nothing
    again, _ = run(tmp_path, capsys, str(RECORDS / "scraped.jsonl"))
    assert {again[k]["status"] for k in ("scraped.jsonl#1", "scraped.jsonl#3")} == {"unchanged"}


def test_json_array_with_field_mapping(tmp_path, capsys):
    args = [
        str(RECORDS / "custom-fields.json"),
        "--fields",
        "title=headline_text,html=story,date=published_on",
    ]
    inputs, _ = run(tmp_path, capsys, *args)
    header = read_header(Path(inputs["custom-fields.json#1"]["path"]))
    assert header["title"] == "Quay café reopens" and header["date"] == "2020-07-01"
    assert header["original_url"] == "https://wire.example/quay"


def test_extract_reads_a_field_mapping_too(capsys):
    args = ["extract", str(RECORDS / "custom-fields.json"), "--json", "--no-tag"]
    assert main([*args, "--fields", "title=headline_text,html=story"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["title"] == "Quay café reopens" and "harbour commission" in record["body_text"]


def test_a_field_mapping_comes_first_and_the_usual_names_still_count(tmp_path, capsys):
    """--fields names where a field is; records of the same export without it (an older
    scraper's, with the usual `title`) are read as before."""
    story = json.loads((RECORDS / "custom-fields.json").read_text(encoding="utf-8"))[0]
    older = {"url": "https://wire.example/older", "title": "Harbour curfew stays",
             "html": "<p>The lorry curfew in the old quarter of Port Avel will stay in force"
                     " through the summer, the harbour commission said after a short meeting on"
                     " Monday.</p><p>Residents had asked for the rule to be made permanent, and"
                     " the hauliers' association wants an exemption for refrigerated loads."
                     " Both sides will be heard again in September, when the commission reviews"
                     " the noise readings taken since the spring.</p><p>The quay road stays"
                     " open to buses and delivery vans under three tonnes at all hours.</p>",
             "date": "2020-06-01"}  # fmt: skip
    both = tmp_path / "both.json"
    both.write_text(json.dumps([story, older]), encoding="utf-8")
    inputs, _ = run(tmp_path, capsys, str(both), "--fields", "title=headline_text,html=story")
    titles = {read_header(Path(inputs[f"both.json#{n}"]["path"]))["title"] for n in (1, 2)}
    assert titles == {"Quay café reopens", "Harbour curfew stays"}


def write_warc(path: Path) -> None:
    """A small crawl: a page, an image, a 404, a request and the crawl's info record."""
    html = json.loads(PAGE)["html"].encode()
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))

        def response(url: str, status: str, ctype: str, body: bytes):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            return writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )

        writer.write_record(writer.create_warc_record("https://avelpost.example/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))  # fmt: skip
        writer.write_record(response("https://avelpost.example/city/2021/03/lorry-curfew-extended",
                                     "200 OK", "text/html; charset=utf-8", html))  # fmt: skip
        writer.write_record(
            response("https://avelpost.example/logo.png", "200 OK", "image/png", b"\x89PNG")
        )
        writer.write_record(
            response("https://avelpost.example/gone", "404 Not Found", "text/html", b"<p>no</p>")
        )


def test_warc(tmp_path, capsys):
    warc = tmp_path / "in" / "crawl.warc.gz"
    warc.parent.mkdir()
    write_warc(warc)
    inputs, err = run(tmp_path, capsys, str(warc.parent))
    [page] = [r for name, r in inputs.items() if r["status"] == "imported"]
    header = read_header(Path(page["path"]))
    assert header["title"] == "Lorry curfew extended"
    assert header["original_url"] == "https://avelpost.example/city/2021/03/lorry-curfew-extended"
    assert "date" not in header  # the page and its URL give no day: unknown, not guessed
    assert header["input"].startswith("crawl.warc.gz#") and len(header["captured"]) == 19
    skipped = inputs["crawl.warc.gz"]
    assert skipped["status"] == "skipped" and skipped["reason"].startswith(
        "4 records that are not HTML pages"
    )
    assert "skipped    " in err
    assert (tmp_path / header["raw"]).read_bytes() == json.loads(PAGE)["html"].encode()


def test_the_same_capture_in_two_crawls_is_imported_once_and_left_alone(tmp_path, capsys):
    """Two WARC files holding the same page, byte for byte: each import rewrote the article,
    its Input and Captured lines swapping between the two ("2 updated" every run)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.warc.gz", "b.warc.gz"):
        write_warc(folder / name)
    run(tmp_path, capsys, str(folder))
    [article] = (tmp_path / "content").rglob("*.md")
    first = article.read_bytes()
    assert read_header(article)["input"].startswith("a.warc.gz#")
    for _ in range(2):
        inputs, _ = run(tmp_path, capsys, str(folder))
        pages = [r for r in inputs.values() if r["status"] not in ("skipped",)]
        assert {r["status"] for r in pages} == {"unchanged"}, pages
        assert article.read_bytes() == first


def test_unreadable_warc_is_one_failure(tmp_path, capsys):
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(b"\x1f\x8b this is not a warc")
    inputs, err = run(tmp_path, capsys, str(bad))
    assert inputs["broken.warc.gz"]["status"] == "failed"
    assert "unreadable WARC file" in inputs["broken.warc.gz"]["reason"]


def test_extract_json_reads_records(tmp_path, capsys):
    assert main(["extract", "--json", "--no-tag", str(RECORDS / "scraped.jsonl")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["input"].rsplit("/", 1)[1] for r in records] == [
        f"scraped.jsonl#{n}" for n in (1, 2, 3, 4)
    ]
    assert records[0]["title"] == "Lorry curfew extended" and "error" in records[1]
    assert records[0]["date"] == datetime(2021, 3, 4, 18).isoformat()


def test_json_lines_are_read_a_line_at_a_time_and_limited_per_record(tmp_path, capsys, monkeypatch):
    """A scraper's export may be gigabytes: the size limit is a record's, not the file's."""
    import newsarchive.sources.records as records

    monkeypatch.setattr(records, "MAX_INPUT_BYTES", len(PAGE) + 100)
    big = json.loads(PAGE)
    big["html"] += "<p>" + "padding " * 200 + "</p>"
    lines = [PAGE, json.dumps(big), PAGE.replace("Lorry curfew", "Lorry ban")]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert export.stat().st_size > records.MAX_INPUT_BYTES
    inputs, err = run(tmp_path, capsys, str(export))
    assert inputs["export.jsonl#1"]["status"] == "imported"
    assert inputs["export.jsonl#2"]["reason"].startswith("record too large (")
    # (the first record's page again under another headline: a corrected capture of it)
    assert inputs["export.jsonl#3"]["status"] == "updated"
    assert "export.jsonl#2: record too large" in err


def test_records_as_other_scrapers_write_them(tmp_path, capsys):
    """Scrapy's `body` is the page's markup; newspaper3k dates are `publish_date`;
    trafilatura's `source` is the address and its site name is `source-hostname`; Unix times;
    and a date no one can read is a warning, not a failed record."""
    page = json.loads(PAGE)

    def another(word: str) -> str:
        """Another story on the same page (not a near-duplicate of it: a paragraph of its own)."""
        words = " ".join(f"{word}{n}" for n in range(80))
        return page["html"].replace("curfew", word).replace("</article>", f"<p>{words}.</p></article>")  # fmt: skip

    scraped = [
        {"url": page["url"] + "-1", "body": page["html"], "publish_date": "2021-03-05"},
        {"source": page["url"] + "-2", "source-hostname": "Avel Evening Post",
         "title": "Lorry curfew extended again", "text": "The harbour commission voted. " * 30,
         "date": 1615000000},
        {"url": page["url"] + "-3", "html": another("ban"), "date": "sometime last spring"},
        {"url": page["url"] + "-4", "html": another("toll"), "date": "March 2021"},
        {"url": page["url"] + "-5", "html": another("levy"), "date": "2021-03-05T18:30:00-05:00"},
    ]  # fmt: skip
    export = tmp_path / "other.jsonl"
    export.write_text("\n".join(json.dumps(r) for r in scraped) + "\n", encoding="utf-8")
    inputs, err = run(tmp_path, capsys, str(export))
    first = read_header(Path(inputs["other.jsonl#1"]["path"]))
    assert first["title"] == "Lorry curfew extended" and first["date"] == "2021-03-05"
    assert "<html" not in Path(inputs["other.jsonl#1"]["path"]).read_text()
    second = read_header(Path(inputs["other.jsonl#2"]["path"]))
    assert second["original_url"] == page["url"] + "-2"
    assert second["source"] == "Avel Evening Post"
    assert second["date"] == "2021-03-06 03:06+00:00"  # 1615000000: a moment, given in UTC
    # a date given with its offset keeps its local time and the offset, for feeds
    assert read_header(Path(inputs["other.jsonl#5"]["path"]))["date"] == "2021-03-05 18:30-05:00"
    third = inputs["other.jsonl#3"]
    assert third["status"] == "imported"
    assert any("'sometime last spring' is not a plausible date" in w for w in third["warnings"])
    fourth = inputs["other.jsonl#4"]  # a month is no date: no day is made up, the page's own counts
    assert any("'March 2021' has no day: ignored" in w for w in fourth["warnings"])
    assert read_header(Path(fourth["path"])).get("date_source") != "record"


def test_a_broken_warc_record_is_named_and_its_bytes_stay_out_of_the_message(tmp_path, capsys):
    html = json.loads(PAGE)["html"]
    members = []
    for n in (1, 2, 3):
        stream = io.BytesIO()
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = html.replace("Lorry curfew extended", f"Lorry curfew extended, part {n}").encode()
        writer.write_record(writer.create_warc_record(
            f"https://avelpost.example/curfew-{n}", "response", payload=io.BytesIO(body),
            http_headers=headers))  # fmt: skip
        members.append(stream.getvalue())
    broken = members[1][:10] + bytes(range(128, 256)) * 4 + members[1][522:]
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(members[0] + broken + members[2])
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    inputs, err = run(tmp_path, capsys, str(crawl), str(empty))
    assert inputs["crawl.warc.gz#1"]["status"] == "imported"
    reason = inputs["crawl.warc.gz#2"]["reason"]
    assert reason.startswith("unreadable WARC record (") and "later records" in reason
    assert reason.isprintable() and len(reason) < 200
    assert inputs["empty.jsonl"]["reason"] == "no records (an empty file?)"


def test_a_crawl_is_scanned_not_held_each_record_read_where_it_starts(tmp_path):
    """An import listed every record of a WARC or JSON Lines file, payload and text, before
    extracting any: a 40,000-page crawl would have filled memory. Now it lists where each
    starts, and the worker that extracts a record reads it."""
    write_warc(tmp_path / "crawl.warc.gz")
    units = list(expand([tmp_path / "crawl.warc.gz", RECORDS / "scraped.jsonl"]))
    refs = [unit for unit in units if isinstance(unit, RecordRef)]
    assert [ref.name.rsplit("/", 1)[1] for ref in refs] == [
        "crawl.warc.gz#3", "scraped.jsonl#1", "scraped.jsonl#2", "scraped.jsonl#3",
        "scraped.jsonl#4",
    ]  # fmt: skip
    assert all(len(pickle.dumps(ref)) < 500 for ref in refs)  # what goes to a worker
    page = refs[0].load()
    assert page.sidecar["url"].endswith("/lorry-curfew-extended")
    assert "Lorry curfew extended" in page.text and page.name.endswith("crawl.warc.gz#3")
    record = refs[1].load()
    assert record.kind == "html" and "Lorry curfew extended" in record.text
    with pytest.raises(RecordError, match="not valid JSON"):
        refs[2].load()


def test_records_travel_to_worker_processes_by_reference(tmp_path, capsys):
    """Enough records for worker processes: each reads its own from where it starts."""
    html = json.loads(PAGE)["html"]
    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        for n in range(12):
            body = html.replace("Lorry curfew extended", f"Lorry curfew extended for route {n}")
            body = body.replace("another year", f"another {n + 2} years")
            writer.write_record(writer.create_warc_record(
                f"https://avelpost.example/curfew-{n}", "response",
                payload=io.BytesIO(body.encode()), http_headers=headers))  # fmt: skip
    assert main(["import", str(crawl), "--root", str(tmp_path), "--no-tag", "--jobs", "2"]) == 0
    report = json.loads((tmp_path / "reports" / "import-report.json").read_text())
    assert len(report["inputs"]) == 12  # (near-copies of one story: some are duplicates)
    assert {r["status"] for r in report["inputs"]} <= {"imported", "duplicate"}
    first = read_header(Path(report["inputs"][0]["path"]))
    assert first["title"] == "Lorry curfew extended for route 0"
    assert first["input"] == "crawl.warc.gz#1"


def write_crawl(path: Path, page: Path) -> list[int]:
    """A saved page, a 404 and an image, as a crawler writes them (gzipped if the name says so);
    where each record starts."""
    responses = [(page.read_bytes(), "200 OK", "text/html"), (b"x", "404 Not Found", "text/html"),
                 (b"\x89PNG", "200 OK", "image/png")]  # fmt: skip
    starts = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for n, (body, status, ctype) in enumerate(responses):
            starts.append(stream.tell())
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.com/{page.stem}/{n}", "response", payload=io.BytesIO(body),
                http_headers=headers))  # fmt: skip
    return starts


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_a_truncated_warc_is_one_line_and_the_other_inputs_are_imported(tmp_path, capsys, suffix):
    """A .warc.gz cut short inside a record's headers crashed the listing of every input (warcio
    read the header that was not there as None); cut elsewhere, it was read as if it ended
    before the record (skipped, or "no records") without a word. An uncompressed .warc cut
    short read "unreadable WARC record (malformed or cut short)", or nothing at all: warcio
    takes the end of the file for the end of a record whose Content-Length runs past it."""
    pages = REPO / "samples" / "html" / "meridian-courier"
    whole = tmp_path / f"whole{suffix}"
    starts = write_crawl(whole, pages / "santangelo-wins-velorian-election.html")
    good = tmp_path / f"good{suffix}"
    write_crawl(good, pages / "tessa-valley-water-rationing.html")
    data, file = whole.read_bytes(), f"trunc{suffix}"
    cuts = {starts[0] + 1: file, starts[0] + 120: file}
    for record, start, end in ((2, starts[1], starts[2]), (3, starts[2], len(data))):
        # in the gzip header or the version line, the WARC headers, the middle, the gzip
        # trailer or the block's end
        cuts |= dict.fromkeys((start + 1, start + 120, (start + end) // 2, end - 10),
                              f"{file}#{record}")  # fmt: skip
    for cut, name in cuts.items():
        root = tmp_path / f"cut-{cut}"
        trunc = root / file
        root.mkdir()
        trunc.write_bytes(data[:cut])
        inputs, err = run(root, capsys, str(trunc), str(good))
        assert inputs[name]["status"] == "failed", cut
        assert inputs[name]["reason"].startswith("truncated WARC "), cut
        assert f"{trunc}{name[len(file) :]}: truncated WARC " in err and "Traceback" not in err
        failures = [line for line in err.splitlines() if line.startswith(f"failed     {trunc}")]
        assert len(failures) == 1 and "no records" not in err, cut
        assert inputs[f"good{suffix}#1"]["status"] == "imported"
        if name != file:  # the records before the cut are read
            assert inputs[f"{file}#1"]["status"] == "imported"
    # cut inside the page: what there is of it is imported, and flagged
    trunc = tmp_path / "page-cut" / file
    trunc.parent.mkdir()
    trunc.write_bytes(data[: starts[1] // 2])
    inputs, _ = run(trunc.parent, capsys, str(trunc))
    assert inputs[f"{file}#1"]["status"] == "imported"
    assert any("truncated" in warning for warning in inputs[f"{file}#1"]["warnings"])


def test_a_broken_uncompressed_warc_is_unreadable_not_truncated(tmp_path, capsys):
    """What follows a whole record is no record (an HTML page pasted on, zero padding): that is
    broken, not cut short, whether or not the file ends there."""
    pages = REPO / "samples" / "html" / "meridian-courier"
    whole = tmp_path / "whole.warc"
    starts = write_crawl(whole, pages / "santangelo-wins-velorian-election.html")
    first = whole.read_bytes()[: starts[1]]
    for name, tail in (("pasted.warc", b"<html><p>junk</p></html>"), ("padded.warc", b"\0" * 64)):
        root = tmp_path / name.removesuffix(".warc")
        root.mkdir()
        (root / name).write_bytes(first + tail)
        inputs, _ = run(root, capsys, str(root / name))
        assert inputs[f"{name}#1"]["status"] == "imported"
        assert inputs[f"{name}#2"]["reason"].startswith("unreadable WARC record ("), name


def test_broken_json_says_what_and_where_once(tmp_path, capsys):
    """A record cut short read "not valid JSON (Invalid control character at, at character
    50)": json's message ends in "at", and the line's newline was taken into the string."""
    export = tmp_path / "records.jsonl"
    export.write_text(PAGE + '\n{"url": "https://ex.example/bad", "title": "broken\n')
    array = tmp_path / "records.json"
    array.write_text('[{"title": "fine"},\n {"title": tru}]')
    inputs, err = run(tmp_path, capsys, str(export), str(array))
    cut = "not valid JSON (unterminated string starting at column 44)"
    assert inputs["records.jsonl#2"]["reason"] == cut
    assert f"{export}#2: {cut}\n" in err
    assert (
        inputs["records.json"]["reason"] == "not valid JSON (expecting value at line 2, column 12)"
    )


def test_a_text_record_without_a_source_is_named_by_its_host(tmp_path, capsys):
    """A record's `html` got the host as its source when the page named none; its `text` got
    no source at all. And a record's own date says so (`record`), not `sidecar`."""
    words = "The harbour board agreed on Tuesday to extend the night curfew for lorries. " * 12
    record = {"url": "https://www.avelpost.example/city/curfew", "title": "Curfew extended",
              "text": words, "date": "2021-03-04"}  # fmt: skip
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    inputs, _ = run(tmp_path, capsys, str(tmp_path / "in.jsonl"))
    header = read_header(Path(inputs["in.jsonl#1"]["path"]))
    assert header["source"] == "avelpost.example"
    assert header["date_source"] == "record"


def served_page(title: str, paragraphs: list[str], meta: str = "") -> str:
    """An invented news page, its <head> holding `meta`."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head>{meta}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>")  # fmt: skip


CZECH = ["Zastupitelstvo města Brenvale v úterý rozhodlo o uzavření starého přístaviště, protože"
         " inženýři našli v jeho základech praskliny. Šéfka odboru Šárka Žďárská řekla, že"
         " dočasný ponton bude hotový do šesti týdnů a přívoz pojede celé léto.",
         "Obyvatelé říkají, že na škody upozorňovali léta. Přístaviště sloužilo přes sto let a"
         " jeho oprava by stála čtyři miliony liber, které město letos nemá."]  # fmt: skip
RUSSIAN = ["Городской совет Бренвейла во вторник проголосовал за закрытие старого паромного"
           " причала после того, как инженеры обнаружили трещины в его фундаменте. Депутат Эдда"
           " Торнквист сказала, что временный понтон установят в гавани за шесть недель.",
           "Жители деревни, собравшиеся у здания совета перед голосованием, говорят, что годами"
           " предупреждали о повреждениях, а оператор парома обещал дополнительные рейсы."]  # fmt: skip


def test_a_warc_page_is_read_in_the_charset_its_server_sent(tmp_path, capsys):
    """The HTTP Content-Type's charset was ignored: a Czech page served as iso-8859-2, with no
    <meta> charset, was guessed to be cp1250 ("přístaviątě", "©árka"). A server's default
    iso-8859-1 beside the page's own <meta> windows-1251 still reads the page's Cyrillic."""
    crawl = tmp_path / "crawl.warc.gz"
    pages = [("https://brenvale.example/cs/pristaviste", "text/html; charset=ISO-8859-2",
              served_page("Přístaviště zavřou", CZECH).encode("iso-8859-2")),
             ("https://brenvale.example/ru/prichal", "text/html; charset=iso-8859-1",
              served_page("Причал закроют", RUSSIAN,
                          '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
                          ).encode("cp1251"))]  # fmt: skip
    with crawl.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))  # fmt: skip
    inputs, _ = run(tmp_path, capsys, str(crawl))
    czech = Path(inputs["crawl.warc.gz#1"]["path"]).read_text(encoding="utf-8")
    assert "Title: Přístaviště zavřou" in czech and "Šéfka odboru Šárka Žďárská" in czech
    assert (
        "decoded as iso-8859-2 (declared in the HTTP header)"
        in inputs["crawl.warc.gz#1"]["warnings"]
    )
    russian = Path(inputs["crawl.warc.gz#2"]["path"]).read_text(encoding="utf-8")
    assert "Title: Причал закроют" in russian and "Депутат Эдда Торнквист" in russian


def test_a_warc_gzipped_whole_is_read_record_by_record(tmp_path, capsys):
    """`gzip crawl.warc` makes one gzip stream, not a member per record: its first page was
    imported, and the rest failed as one "unreadable WARC record ()" (warcio's message starts
    with a blank line), every later page lost."""
    pages = REPO / "samples" / "html" / "meridian-courier"
    crawl = b""
    for n, name in enumerate(("santangelo-wins-velorian-election", "tessa-valley-water-rationing")):
        part = tmp_path / f"part{n}.warc"
        write_crawl(part, pages / f"{name}.html")
        crawl += part.read_bytes()
    whole = tmp_path / "in" / "crawl.warc.gz"
    whole.parent.mkdir()
    whole.write_bytes(gzip.compress(crawl))
    inputs, err = run(tmp_path, capsys, str(whole))
    assert "failed     " not in err, err
    assert {inputs[f"crawl.warc.gz#{n}"]["status"] for n in (1, 4)} == {"imported"}
    assert inputs["crawl.warc.gz"]["reason"] == "4 records that are not HTML pages (of 6)"
    header = read_header(Path(inputs["crawl.warc.gz#4"]["path"]))
    assert header["input"] == "crawl.warc.gz#4"
    assert header["original_url"] == "https://example.com/tessa-valley-water-rationing/0"
    again, _ = run(tmp_path, capsys, str(whole))
    assert {again[f"crawl.warc.gz#{n}"]["status"] for n in (1, 4)} == {"unchanged"}


def test_a_page_compressed_in_an_encoding_not_read_here_says_so(tmp_path, capsys):
    """A browser-based crawler stores a response's body as the server sent it: a zstd (or,
    without the brotli package, Brotli) body failed as "binary file (control bytes), not a web
    page or text dump", which sent the librarian looking at the page. A gzip body sent
    chunked is read as before."""
    html = served_page("Přístaviště zavřou", CZECH).encode("utf-8")
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(gzip.compress(html)), gzip.compress(html))
    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for path, encoding, body in (("zstd", "zstd", b"(\xb5/\xfd\x00\x58" + html[:40]),
                                     ("gzip", "gzip", chunked)):  # fmt: skip
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", encoding),
                       ("Transfer-Encoding", "chunked")][: 3 if path == "gzip" else 2]  # fmt: skip
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://brenvale.example/{path}", "response", payload=io.BytesIO(body),
                http_headers=http))  # fmt: skip
    inputs, err = run(tmp_path, capsys, str(crawl))
    reason = (
        "the page is compressed as 'zstd' (its HTTP Content-Encoding), which cannot be read here"
    )
    assert inputs["crawl.warc.gz#1"]["reason"] == reason
    assert f"{crawl}#1: {reason}\n" in err
    assert inputs["crawl.warc.gz#2"]["status"] == "imported"


def write_captures(path: Path, captures: list[tuple[str, str]]) -> None:
    """A crawl of one page captured at each (WARC-Date, headline) given, in that order."""
    url = "https://brenvale.example/2019/ferry-pier-closes"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for when, title in captures:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")  # fmt: skip
            body = served_page(title, [f"{p} ({title})" for p in CZECH_EN]).encode()
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": when}))  # fmt: skip


CZECH_EN = ["Brenvale's council voted on Tuesday to close the old ferry pier after engineers found"
            " cracks in its footings, and said a pontoon would be ready within six weeks.",
            "Villagers who gathered outside the council chamber said they had warned of the"
            " damage for years; the ferry operator promised extra sailings for the summer."]  # fmt: skip


@pytest.mark.parametrize("order", ["one crawl", "two crawls"])
def test_an_earlier_capture_imported_after_a_later_one_does_not_undo_it(tmp_path, capsys, order):
    """A crawl holds its captures in no order of time (and a librarian imports last year's
    crawl after this year's): the capture imported last won, so a 2019 capture read after
    the corrected 2021 one put the old text back. A capture made before the one an article
    holds is skipped, kept in raw/, and --take-newer takes it."""
    later, earlier = ("2021-06-01T09:00:00Z", "Ferry pier closes (corrected)"), ("2019-05-02T08:00:00Z", "Ferry pier closes")  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    if order == "one crawl":
        write_captures(folder / "crawl.warc.gz", [later, earlier])
        inputs, err = run(tmp_path, capsys, str(folder))
        second = inputs["crawl.warc.gz#2"]
    else:
        write_captures(folder / "2021.warc.gz", [later])
        run(tmp_path, capsys, str(folder / "2021.warc.gz"))
        write_captures(folder / "2019.warc.gz", [earlier])
        inputs, err = run(tmp_path, capsys, str(folder / "2019.warc.gz"))
        second = inputs["2019.warc.gz#1"]
    [article] = (tmp_path / "content").rglob("*.md")
    header = read_header(article)
    assert header["title"] == "Ferry pier closes (corrected)"
    assert header["captured"] == "2021-06-01 09:00:00" and "revisions" not in header
    assert second["status"] == "skipped"
    assert second["reason"].startswith("captured 2019-05-02 08:00 UTC, before the capture")
    assert f"--take-newer {header['id']}" in second["reason"]
    raw = [p for p in (tmp_path / "raw").rglob("*") if p.is_file()]
    assert len(raw) == 2  # both captures kept
    # imported the other way round, the later one replaces the earlier, as any correction
    fresh = tmp_path / "fresh"
    write_captures(folder / "both.warc.gz", [earlier, later])
    inputs, _ = run(fresh, capsys, str(folder / "both.warc.gz"))
    [article] = (fresh / "content").rglob("*.md")
    assert read_header(article)["title"] == "Ferry pier closes (corrected)"
    assert inputs["both.warc.gz#2"]["status"] == "updated"


def test_a_page_served_with_no_content_type_is_read_and_revisits_are_named(tmp_path, capsys):
    """A 200 HTML response whose server named no Content-Type was skipped as "not an HTML
    page", and a re-crawl's revisit records (pages unchanged since a capture) were counted as
    such too, which misread a Heritrix crawl's summary."""
    crawl = tmp_path / "crawl.warc.gz"
    url = "https://brenvale.example/2019/ferry-pier-closes"
    with crawl.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        bare = StatusAndHeaders("200 OK", [("Server", "old")], protocol="HTTP/1.1")
        page = ("<!-- saved -->\n<!DOCTYPE html>" + served_page("Ferry pier closes", CZECH_EN)).encode()  # fmt: skip
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=bare))  # fmt: skip
        writer.write_record(writer.create_warc_record("https://brenvale.example/logo", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=bare))  # fmt: skip
        for _ in range(2):
            writer.write_record(writer.create_revisit_record(
                url, digest="sha1:AAAA", refers_to_uri=url, refers_to_date="2019-05-02T08:00:00Z"))  # fmt: skip
    inputs, _ = run(tmp_path, capsys, str(crawl))
    assert inputs["crawl.warc.gz#1"]["status"] == "imported"
    assert "Title: Ferry pier closes" in Path(inputs["crawl.warc.gz#1"]["path"]).read_text()
    assert inputs["crawl.warc.gz"]["reason"] == (
        "1 record that is not an HTML page and 2 revisit records (a re-crawl's marks of a page"
        " unchanged since a capture) (of 4)"
    )


def test_an_address_a_crawl_was_redirected_from_is_listed_in_the_articles_copies(tmp_path, capsys):
    """A crawl's 301 from a short link (`/s/123`) or an old address to an article was skipped
    with the records that are not pages: the address was lost, and a link to it in another
    article did not lead to the archived copy. It is listed in the article's Copies, through
    a chain of redirects too; one to a page not archived adds nothing."""
    crawl = tmp_path / "crawl.warc.gz"
    site = "https://brenvale.example"
    with crawl.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def moved(asked: str, status: str, location: str) -> None:
            headers = StatusAndHeaders(status, [("Location", location)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(asked, "response", payload=io.BytesIO(b""), http_headers=headers))  # fmt: skip

        moved(f"{site}/old/ferry", "302 Found", f"{site}/s/123")  # (before the article, too)
        moved(f"{site}/s/123", "301 Moved Permanently", "/2019/ferry-pier-closes")
        moved(f"{site}/s/999", "301 Moved Permanently", f"{site}/elsewhere")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = served_page("Ferry pier closes", CZECH_EN).encode()
        writer.write_record(writer.create_warc_record(f"{site}/2019/ferry-pier-closes", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))  # fmt: skip
    inputs, _ = run(tmp_path, capsys, str(crawl))
    article = Path(inputs["crawl.warc.gz#4"]["path"])
    assert read_header(article)["copies"] == f"{site}/old/ferry; {site}/s/123"
    assert inputs["crawl.warc.gz"]["reason"] == (
        "3 redirects (each listed in the Copies of the archived article it leads to) (of 4)"
    )
    written = article.read_bytes()
    inputs, _ = run(tmp_path, capsys, str(crawl))  # (again: nothing new)
    assert article.read_bytes() == written and inputs["crawl.warc.gz#4"]["status"] == "unchanged"
