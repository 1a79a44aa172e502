"""Shared fixtures: the repository's paths, and the demo archive imported and built once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.importer import run_import

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"
SEED = SAMPLES / "text" / "gsn-2013-us-russia-talks.txt"
PELICAN = Path(sys.executable).with_name("pelican")


def build_site(root: Path, settings: Path = REPO / "pelicanconf.py") -> Path:
    """Build root/content into root/output with the real Pelican and our settings."""
    output = root / "output"
    result = subprocess.run(
        [str(PELICAN), str(root / "content"), "-o", str(output), "-s", str(settings)],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def new_archive(root: Path) -> Path:
    """An empty archive at root, with the repository's static pages."""
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    return root


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> dict:
    """The bundled samples imported and built, as `make site` does."""
    root = new_archive(tmp_path_factory.mktemp("demo"))
    outcomes = run_import([SAMPLES], root=root)
    output = build_site(root)
    return {"root": root, "output": output, "outcomes": outcomes}


def write_article(folder: Path, n: int, **fields: str) -> None:
    """A small hand-written article, story-<n>, dated in January 2020 unless told otherwise."""
    header = {"Title": f"Story {n}", "Date": f"2020-01-{1 + n % 28:02d} 10:{n % 60:02d}",
              "Slug": f"story-{n}", "Summary": f"Summary of story {n}.", **fields}  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}: {value}\n" for key, value in header.items())
    (folder / f"story-{n}.md").write_text(f"{text}\nBody of story {n}.\n", encoding="utf-8")


def article_html(output: Path, title: str) -> str:
    """The built page of the article with this exact title."""
    for page in output.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if f">{title}</h1>" in text and "<article" in text:
            return text
    raise AssertionError(f"no built article titled {title!r}")
