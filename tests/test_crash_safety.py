"""Crash safety: `newsarchive import` SIGKILLed at random moments and run again ends with the
same bytes as an uninterrupted run; leftovers of a kill are cleaned; re-imports change nothing.
(Bounded here: 200 pages, 3 kills; benchmarks/robustness.py runs 2,000 pages and 20 kills.)"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from conftest import PELICAN, REPO, SEED, build_site, needs_seed

from newsarchive.build_state import scratch_path
from newsarchive.importer import run_import
from newsarchive.output_files import OUTPUT_SCRATCH
from newsarchive.store import Archive, read_header, remove_temp_files, temp_files

sys.path.insert(0, str(REPO / "benchmarks"))
import robustness  # noqa: E402


def test_killed_imports_resume_to_the_same_bytes_as_a_clean_run(tmp_path):
    figures = robustness.kill_benchmark(pages=200, kills=3, workdir=tmp_path)
    assert figures["kills"] == 3
    assert figures["final_exit_code"] == 0
    assert figures["corrupt_files_after_kills"] == 0
    assert figures["temp_files_at_end"] == 0
    assert figures["mismatches_with_clean_run"] == 0, figures["mismatch_names"]
    assert figures["reimport_changes"] == 0


@needs_seed
def test_a_reimport_rewrites_nothing(tmp_path):
    run_import([SEED], root=tmp_path, tag=False)
    files = sorted((tmp_path / "content").rglob("*.md")) + sorted((tmp_path / "raw").rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    [outcome] = run_import([SEED], root=tmp_path, tag=False)
    assert outcome.status == "unchanged"
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert after == before


@needs_seed
def test_temporary_files_of_a_killed_write_are_removed_by_the_next_import(tmp_path):
    run_import([SEED], root=tmp_path, tag=False)
    [article] = (tmp_path / "content" / "articles").rglob("*.md")
    left = [article.with_name(f".{article.name}.x1y2.tmp"), tmp_path / "raw" / "ab" / ".f.tmp"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a fi")
    assert len(temp_files(tmp_path)) == 2
    run_import([SEED], root=tmp_path, tag=False)
    assert temp_files(tmp_path) == []
    assert remove_temp_files(tmp_path) == 0


@needs_seed
def test_a_kill_while_an_article_moves_folders_leaves_no_second_copy(tmp_path):
    [outcome] = run_import([SEED], root=tmp_path, tag=False)
    path = Path(outcome.path)
    # killed between writing the new file (another year) and removing the old one
    stray = path.parent.parent / "1999" / path.name
    stray.parent.mkdir()
    shutil.copy(path, stray)
    archive = Archive.open(tmp_path)
    assert archive.strays
    # the next save of the article (here: new metadata, a --date) removes the stray copy
    run_import([SEED], root=tmp_path, tag=False, date=datetime(2013, 8, 9))
    copies = [p for p in (tmp_path / "content").rglob("*.md") if read_header(p).get("id")]
    assert len(copies) == 1 and copies[0].parent.name == "2013"


@needs_seed
def test_an_import_never_writes_over_a_file_written_by_hand(tmp_path):
    folder = tmp_path / "content" / "articles" / "undated"
    folder.mkdir(parents=True)
    mine = folder / "insiders-major-headway-unlikely-from-u-s-russia-talks.md"
    mine.write_text("Title: My own notes\n\nWritten by hand, no Id.\n", encoding="utf-8")
    [outcome] = run_import([SEED], root=tmp_path, tag=False)
    assert outcome.status == "imported"
    assert Path(outcome.path).name == f"{mine.stem}-2.md"
    assert mine.read_text(encoding="utf-8").startswith("Title: My own notes")


def _interrupt_at(
    command: list[str], root: Path, articles: int, presses: int = 1
) -> subprocess.CompletedProcess:
    """Run `command`, press Ctrl-C (SIGINT to its process group, as a terminal does) once
    `articles` are written; SIGINT is set back to default, since a background job ignores it."""

    def own_group_with_default_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setpgid(0, 0)

    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=own_group_with_default_sigint,
    )  # fmt: skip
    while process.poll() is None and robustness._articles(root) < articles:
        time.sleep(0.005)
    assert process.poll() is None, "the import ended before it could be interrupted"
    for _ in range(presses):
        os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.01)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_ctrl_c_stops_an_import_with_a_report_of_what_was_stored(tmp_path):
    corpus, root = tmp_path / "plain", tmp_path / "archive"
    robustness.plain_corpus(corpus, 300)
    command = robustness._import_command(corpus, root)
    stopped = _interrupt_at(command, root, 40)

    assert stopped.returncode == 130
    # one message from the parent: no worker traceback, no "Process ForkPoolWorker-1:"
    assert "Traceback" not in stopped.stderr and "ForkPoolWorker" not in stopped.stderr
    [last] = [line for line in stopped.stderr.splitlines() if line.startswith("interrupted:")]
    assert "stopping after the article in hand" in stopped.stderr
    report = json.loads((root / "reports" / "import-report.json").read_text())
    assert report["interrupted"] is True
    assert report["not_reached"] == 300 - len(report["inputs"]) > 0
    assert f"{report['not_reached']} of 300 inputs not reached" in last
    written = robustness._articles(root)
    assert report["counts"]["imported"] == written >= 40
    assert robustness.corrupt_files(root) == []
    assert temp_files(root / "content") == [] and temp_files(root / "raw") == []

    finished = subprocess.run(command, capture_output=True, text=True)
    assert finished.returncode == 0
    report = json.loads((root / "reports" / "import-report.json").read_text())
    assert "interrupted" not in report
    assert report["counts"]["unchanged"] >= written
    assert robustness.tree_bytes(root) == robustness.tree_bytes(_clean_import(corpus, tmp_path))


def test_ctrl_c_pressed_twice_stops_at_once_and_workers_stay_quiet(tmp_path):
    corpus, root = tmp_path / "plain", tmp_path / "archive"
    robustness.plain_corpus(corpus, 300)
    stopped = _interrupt_at(robustness._import_command(corpus, root), root, 40, presses=2)
    assert stopped.returncode == 130
    assert "Traceback" not in stopped.stderr, stopped.stderr
    assert "ForkPoolWorker" not in stopped.stderr, stopped.stderr
    # the second press stops the run where it is: a report only if it came after it
    # (a press that lands after the report was written adds main's own line: both say so)
    lines = [line for line in stopped.stderr.splitlines() if line.startswith("interrupted:")]
    assert lines and all(line.endswith("again to finish") for line in lines)
    assert robustness.corrupt_files(root) == []
    assert temp_files(root / "content") == [] and temp_files(root / "raw") == []


def test_a_second_import_into_an_archive_being_written_stops_in_one_line(tmp_path):
    """Two imports at once into one archive each picked slugs from what it had read at its
    start (the second of two stories under one headline overwrote the first) and took the
    other's new raw copies for articles deleted by hand: the second now writes nothing."""
    corpus, other, root = tmp_path / "plain", tmp_path / "other", tmp_path / "archive"
    robustness.plain_corpus(corpus, 300)
    robustness.plain_corpus(other, 20, seed=5)
    first = subprocess.Popen(robustness._import_command(corpus, root), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    while first.poll() is None and robustness._articles(root) < 20:
        time.sleep(0.005)
    assert first.poll() is None, "the first import ended before the second began"
    second = subprocess.run(robustness._import_command(other, root), capture_output=True, text=True)
    written_meanwhile = robustness._articles(root)
    first.communicate(timeout=600)

    assert second.returncode == 2
    [line] = second.stderr.splitlines()
    assert line.startswith(f"error: {root}: newsarchive import (pid {first.pid}, started ")
    assert line.endswith("is writing to this archive; run this import when it has finished")
    assert first.returncode == 0 and written_meanwhile < 300
    assert robustness.tree_bytes(root) == robustness.tree_bytes(_clean_import(corpus, tmp_path))
    later = subprocess.run(robustness._import_command(other, root), capture_output=True)
    assert later.returncode == 0  # (once the first has finished)


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 300 KB file system (a tmpfs, mounted here: root only) on which neither the demo
    archive nor its site fits, and which a rename from the cache cannot reach."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


@needs_seed
def test_a_build_on_a_full_disk_says_so_in_one_line_and_leaves_no_half_page(demo, small_disk):
    shutil.copytree(demo["root"] / "content", small_disk.parent / "content")
    output = small_disk / "output"
    command = [str(PELICAN), str(small_disk.parent / "content"), "-o", str(output),
               "-s", str(REPO / "pelicanconf.py")]  # fmt: skip
    failed = subprocess.run(command, cwd=small_disk.parent, capture_output=True, text=True)
    assert failed.returncode == 1
    said = (failed.stdout + failed.stderr).splitlines()
    [line] = [x for x in said if x.startswith("error:")]  # (Pelican warns of theme files too)
    assert line.startswith(f"error: cannot write {output}/"), line
    assert "No space left on device" in line
    assert not any("Traceback" in x for x in said)
    pages = [p for p in output.rglob("*") if p.is_file() and p.suffix in (".html", ".xml")]
    assert pages  # (it failed part way)
    for page in pages:
        if page.suffix == ".html":
            assert page.read_bytes().rstrip().endswith(b"</html>"), page
        else:
            ET.parse(page)
    assert not (output / OUTPUT_SCRATCH).exists()

    subprocess.run(["mount", "-o", "remount,size=100m", str(small_disk)], check=True)
    done = subprocess.run(command, cwd=small_disk.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (output / OUTPUT_SCRATCH).exists()
    assert (output / "people" / "sergei-lavrov" / "index.html").exists()


def test_an_import_on_a_full_disk_stops_in_one_line_and_the_next_one_finishes(small_disk, tmp_path):
    command = [sys.executable, "-m", "newsarchive", "import", "--no-tag", str(REPO / "samples")]
    stopped = subprocess.run(command, cwd=small_disk, capture_output=True, text=True)
    assert stopped.returncode == 1
    said = stopped.stderr.splitlines()
    assert not any("Traceback" in line for line in said)
    assert said[-1].startswith(
        ("error: cannot write content/articles/", "error: cannot write raw/")
    )
    assert "No space left on device. Stopped with" in said[-1]
    written = sorted(small_disk.glob("content/articles/*/*.md"))
    assert written and temp_files(small_disk) == []
    for article in written:  # each one whole
        assert read_header(article)["title"]

    subprocess.run(["mount", "-o", "remount,size=100m", str(small_disk)], check=True)
    finished = subprocess.run(command, cwd=small_disk, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    clean = tmp_path / "clean"
    clean.mkdir()
    subprocess.run(command, cwd=clean, check=True, capture_output=True)
    assert _articles(small_disk) == _articles(clean)


def _articles(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in root.glob("content/articles/*/*.md")
    }


def _clean_import(corpus: Path, tmp_path: Path) -> Path:
    clean = tmp_path / "clean"
    subprocess.run(robustness._import_command(corpus, clean), check=True, capture_output=True)
    return clean


def _build_with_file_size_limit(root: Path, limit: int) -> subprocess.CompletedProcess:
    """A real build whose writes fail past `limit` bytes per file (EFBIG, as a full disk
    fails them), part way through a file."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # (an error, not the signal's kill)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [str(PELICAN), str(root / "content"), "-o", str(root / "output"),
               "-s", str(REPO / "pelicanconf.py")]  # fmt: skip
    return subprocess.run(command, cwd=root, capture_output=True, text=True, preexec_fn=limited)


@pytest.fixture(params=["beside the cache", "on another file system"])
def site_root(request, tmp_path) -> Path:
    """Where a test site is built: beside the cache, or where a rename from the cache cannot
    reach (/dev/shm, a tmpfs, as a Docker volume or a USB disk would be)."""
    if request.param == "beside the cache":
        return tmp_path
    shm = Path("/dev/shm")
    (REPO / "cache").mkdir(exist_ok=True)
    if not shm.is_dir() or shm.stat().st_dev == (REPO / "cache").stat().st_dev:
        pytest.skip("no /dev/shm on another file system than the cache")
    root = Path(tempfile.mkdtemp(dir=shm, prefix="newsarchive-test-"))
    request.addfinalizer(lambda: shutil.rmtree(root, ignore_errors=True))
    return root


def test_a_build_that_fails_mid_write_leaves_no_half_written_page(demo, site_root):
    shutil.copytree(demo["root"] / "content", site_root / "content")
    output = build_site(site_root)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    edited = next((site_root / "content" / "articles").rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA paragraph added.\n", "utf-8")

    failed = _build_with_file_size_limit(site_root, 6000)
    assert failed.returncode == 1
    # One line naming the page and the reason, not Pelican's traceback.
    [line] = [x for x in (failed.stdout + failed.stderr).splitlines() if x.startswith("error:")]
    assert line.startswith(f"error: cannot write {output}/") and "File too large" in line
    assert "Traceback" not in failed.stderr
    assert not (output / OUTPUT_SCRATCH).exists()
    for path in output.rglob("*"):
        if path.is_file() and path.read_bytes() != before.get(path):
            # rewritten: then whole (the old file's bytes, or the new file's)
            if path.suffix == ".html":
                assert path.read_bytes().rstrip().endswith(b"</html>"), path
            if path.suffix == ".xml":
                ET.parse(path)
    assert [p for p in before if not p.exists()] == []

    build_site(site_root)  # the next build finishes the job and leaves no scratch file behind
    assert not (output / OUTPUT_SCRATCH).exists()
    in_cache = scratch_path(REPO / "cache", output)
    assert not in_cache.exists() or list(in_cache.iterdir()) == []
    assert "A paragraph added." in "".join(
        p.read_text(encoding="utf-8") for p in output.rglob("index.html")
    )
