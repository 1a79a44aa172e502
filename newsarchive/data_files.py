"""Where an archive's people registry and topic taxonomy are (no NLP imported: the site build
asks this on every run)."""

from __future__ import annotations

from pathlib import Path

#: The registry and taxonomy that ship with newsarchive, used where an archive has none.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
#: The files an archive's own data/ may hold (newsarchive.entities.registry, topics and
#: name_registry read them).
DATA_FILES = ("people.yml", "topics.yml", "organisations.yml", "places.yml", "not-names.yml",
              "sources.yml")  # fmt: skip


def data_file(data: Path, name: str) -> Path:
    """One of the DATA_FILES: the data folder's own, or the bundled one where the folder has
    none (an archive that adds only not-names.yml keeps the bundled people and topics; an
    empty file, `[]`, declares nothing)."""
    own = data / name
    return own if own.exists() else DEFAULT_DATA_DIR / name


def data_dir(root: Path) -> Path:
    """The archive's own data/ when it has any of the DATA_FILES (each file it lacks is the
    bundled one: data_file), else the bundled defaults."""
    own = root / "data"
    if any((own / name).exists() for name in DATA_FILES):
        return own
    return DEFAULT_DATA_DIR
