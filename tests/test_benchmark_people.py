"""Tagging quality against our hand-annotated gold set stays where it was measured."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, SHARED

BENCH = SHARED / "benchmarks" / "extraction"
pytestmark = pytest.mark.skipif(
    not (BENCH / "ground-truth.json").exists(),
    reason=f"{BENCH} not found: the gold set's pages are read from ../shared in place",
)


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
    # (0.751; the target of 0.80 is not reached yet); this guards against regressions
    assert float(rows["topics"][2]) >= 0.74
