"""Tagging quality against our hand-annotated gold set stays where it was measured."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import REPO, SHARED

BENCH = SHARED / "benchmarks" / "extraction"
needs_shared = pytest.mark.skipif(
    not (BENCH / "ground-truth.json").exists(),
    reason=f"{BENCH} not found: the gold set's pages are read from ../shared in place",
)


@needs_shared
def test_people_and_topics_quality():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "people.py")],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {
        line.split()[0]: line.split()
        for line in result.stdout.splitlines()
        if line[:6] in ("people", "topics")
    }
    assert rows["people"][1] == "74" and float(rows["people"][2]) >= 0.90  # the target
    # topics: the held-out figure measured after the rules were tuned on the development sets
    # (0.799; the target of 0.80 is not reached yet); this guards against regressions
    assert float(rows["topics"][2]) >= 0.79
    for kind in ("people", "topics"):  # each F1 inside its bootstrap interval, which is wide
        low, high = map(float, rows[kind][3].split("–"))
        assert low < float(rows[kind][2]) < high and high - low > 0.02


def test_the_f1_interval_is_the_spread_of_resampled_articles():
    sys.path.insert(0, str(REPO / "benchmarks"))
    import people

    assert people.f1_interval([0.5] * 10, [1.0] * 10) == (2 / 3, 2 / 3)  # all alike: no spread
    ps, rs = [1.0, 0.0] * 20, [1.0, 0.5] * 20
    low, high = people.f1_interval(ps, rs)
    assert low < people.f1(0.5, 0.75) < high
    assert (low, high) == people.f1_interval(ps, rs)  # the seed fixes the draws
    assert (
        people.f1_interval(ps * 4, rs * 4)[1] - people.f1_interval(ps * 4, rs * 4)[0] < high - low
    )


def bench_people(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "people.py"), *args],
                          capture_output=True, text=True, cwd=REPO)  # fmt: skip


def test_a_lee_path_without_the_corpus_is_one_line_naming_it(tmp_path):
    """`--lee FOLDER` without the .cor files ended in a FileNotFoundError traceback, and a wheel
    without them in a KeyError: now one line naming the path and what it lacks, status 2."""
    empty, half, other = tmp_path / "empty", tmp_path / "half", tmp_path / "other"
    for folder in (empty, half, other):
        folder.mkdir()
    (half / "lee.cor").write_text("A story.\n")
    for name in ("lee.cor", "lee_background.cor"):  # files of that name, but not the corpus's
        (other / name).write_text("A story.\n")
    wheel = tmp_path / "gensim-4.4.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("gensim/__init__.py", "")
        archive.writestr("gensim/test/test_data/lee.cor", "A story.\n")
    broken = tmp_path / "broken.whl"
    broken.write_bytes(b"not a zip")
    expected = {
        empty: f"{empty}: no lee_background.cor or lee.cor in this folder",
        half: f"{half}: no lee_background.cor in this folder",
        other: f"{other}: its lee_background.cor lacks 299 of the 300 articles",
        wheel: f"{wheel}: a wheel without gensim/test/test_data/lee_background.cor (",
        broken: f"{broken}: not a readable wheel (",
        tmp_path / "nowhere": f"{tmp_path / 'nowhere'}: no such file or folder",
    }
    for path, start in expected.items():
        result = bench_people("--dev", "--lee", str(path))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"error: {start}"), result.stderr
        assert result.stderr.count("\n") == 1 and result.stdout == "", result.stderr


def test_a_zyte_full_or_details_file_that_cannot_be_used_is_one_line(tmp_path):
    """--zyte-full missing or not JSON ended in a traceback; --details in a folder that does
    not exist, in one after the whole run."""
    broken, empty = tmp_path / "broken.json", tmp_path / "empty.json"
    broken.write_text('{"a":', encoding="utf-8")
    empty.write_text("[]", encoding="utf-8")
    expected = {
        ("--zyte-full", str(tmp_path / "none.json")): f"{tmp_path / 'none.json'}: cannot read (",
        ("--zyte-full", str(broken)): f"{broken}: not a JSON file (",
        ("--zyte-full", str(empty)): f"{empty}: lacks 50 annotated pages",
        ("--details", str(tmp_path / "no" / "d.json")): f"{tmp_path / 'no' / 'd.json'}: no folder",
    }
    for args, start in expected.items():
        result = bench_people("--dev", *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"error: {start}"), result.stderr
        assert result.stderr.count("\n") == 1 and result.stdout == "", result.stderr
