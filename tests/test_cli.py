"""The command-line contracts other tools rely on (architecture.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, SAMPLES, SEED

CONTRACT = {"input", "url", "title", "date", "authors", "source", "body_text", "body_markdown",
            "people", "topics", "warnings"}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=REPO
    )


def test_extract_json_lines_contract(tmp_path):
    result = run("extract", "--json", str(SAMPLES), str(tmp_path / "missing.html"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert (
        len(records) == len(list(SAMPLES.rglob("*.htm*"))) + len(list(SAMPLES.rglob("*.txt"))) + 1
    )
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
        [sys.executable, "-m", "newsarchive", "extract", "--json", str(SEED)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_console_script_and_version():
    script = REPO / ".venv" / "bin" / "newsarchive"
    exe = str(script) if script.exists() else "newsarchive"
    result = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("newsarchive ")


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
