"""Fuzzing the importer (bounded; benchmarks/robustness.py runs 10,000 cases): every random
input becomes an article or one line of reason, and no import leaves a partial file."""

from __future__ import annotations

from fuzz_importer import run_fuzz

CASES = 200


def test_random_inputs_never_crash_the_importer_or_leave_partial_files(tmp_path):
    figures = run_fuzz(CASES, tmp_path)
    assert figures["cases"] == CASES
    assert figures["crashes"] == 0, figures["examples"]
    assert figures["partial_files"] == 0
    assert figures["imports"] > 0 and figures["failures_with_reason"] > 0
