"""The extraction benchmark runs, and body F1 on the shared pages stays at or above 0.96."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SHARED

BENCH = SHARED / "benchmarks" / "extraction"
pytestmark = pytest.mark.skipif(
    not (BENCH / "ground-truth.json").exists(),
    reason=f"{BENCH} not found: the shared benchmark pages are read in place, never copied",
)


def test_extraction_quality_on_the_shared_pages(tmp_path):
    details = tmp_path / "details.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extraction.py"), "--details", str(details)],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ours = next(line for line in result.stdout.splitlines() if line.startswith("newsarchive"))
    reference = next(line for line in result.stdout.splitlines() if line.startswith("trafilatura"))
    pages, f1, *_ = ours.split()[2:]
    assert pages == "121"
    assert float(f1) >= 0.96, ours
    assert reference.split()[3] == "121"
    assert "throughput ratio newsarchive/trafilatura:" in result.stdout
    rows = [d for d in json.loads(details.read_text()) if d["extractor"] == "newsarchive extract"]
    assert len(rows) == 121
    headlines = [d["title"] == d["want_title"] for d in rows if d["want_title"]]
    assert sum(headlines) / len(headlines) >= 0.9


def test_text_dump_track_beats_the_line_filter(tmp_path):
    """Dumps made at run time from the same pages: ours well above a plain line filter."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extraction.py"), "--track", "dumps"],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    ours = next(line for line in lines if line.startswith("newsarchive extract (dumps)"))
    baseline = next(line for line in lines if line.startswith("line filter (dumps)"))
    ours_f1, baseline_f1 = float(ours.split()[4]), float(baseline.split()[4])
    assert ours.split()[3] == "121"
    assert ours_f1 >= 0.90, ours
    assert ours_f1 >= baseline_f1 + 0.05, (ours, baseline)
    odd = next(line for line in lines if line.startswith("odd pages (dumps)"))
    even = next(line for line in lines if line.startswith("even pages (dumps)"))
    assert (odd.split()[3], even.split()[3]) == ("60", "61")
