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


def data_dir(root: Path) -> Path:
    """The archive's own data/ when it has registry files, else the bundled defaults."""
    own = root / "data"
    if any((own / name).exists() for name in DATA_FILES):
        return own
    return DEFAULT_DATA_DIR
