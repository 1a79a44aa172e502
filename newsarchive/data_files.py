"""Where an archive's people registry and topic taxonomy are (no NLP imported: the site build
asks this on every run)."""

from __future__ import annotations

from pathlib import Path

#: The registry and taxonomy that ship with newsarchive, used where an archive has none.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def data_dir(root: Path) -> Path:
    """The archive's own data/ when it has registry files, else the bundled defaults."""
    own = root / "data"
    if (own / "people.yml").exists() or (own / "topics.yml").exists():
        return own
    return DEFAULT_DATA_DIR
