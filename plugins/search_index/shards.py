"""Search index shards: consecutive years of articles, each indexed by Pagefind on its own.

Years are packed oldest first, so the shards of past years keep their boundaries as new
articles arrive (they land in the newest shard). Each shard keeps a fingerprint of the pages
it was built from; a rebuild runs Pagefind only for shards whose pages changed.

Pagefind's runtime (its script, its worker and its WebAssembly, ~160 KB) is the same for
every shard, so it is kept once, in pagefind/: the search page loads it once and opens each
shard with `createInstance({basePath})`. Pagefind fetches the WebAssembly from
`<shard>/wasm.<name>.pagefind`, <name> being the `wasm` field of the shard's entry file; that
field is rewritten to `<name>/../../wasm.<name>` so the URL resolves to the one shared copy
(tests/test_search_shards.py checks that a search of every shard fetches it once).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: About this many articles per shard. Pagefind's metadata file, which every search of a
#: shard downloads, grows by ~10 bytes per page; its indexing memory grows with the pages.
DEFAULT_SHARD_PAGES = 5000
BUNDLE = "pagefind"
MANIFEST = "shards.json"
#: Written into each shard: the fingerprint of the pages it indexes.
STAMP = "newsarchive-shard.json"
ENTRY = "pagefind-entry.json"
#: Pagefind's runtime, kept once in pagefind/ (its UI bundles are not used by our theme).
RUNTIME = ("pagefind.js", "pagefind-worker.js")
UNDATED = "undated"
_YEAR = re.compile(r"\d{4}")


@dataclass
class Shard:
    years: list[str]  # "undated" sorts before every year
    pages: int = 0
    folders: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.years[0] if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"

    @property
    def glob(self) -> str:
        """Pagefind's --glob for the shard's folders (relative to the site)."""
        inner = ",".join(self.years)
        return f"{{{inner}}}/**/*.html" if len(self.years) > 1 else f"{inner}/**/*.html"


def period_folders(output: Path) -> dict[str, Path]:
    """The year folders of the site (articles live at YYYY/slug/), and undated/."""
    folders = {
        child.name: child
        for child in output.iterdir()
        if child.is_dir() and (_YEAR.fullmatch(child.name) or child.name == UNDATED)
    }
    return dict(sorted(folders.items(), key=lambda item: (item[0] != UNDATED, item[0])))


def article_count(folder: Path) -> int:
    """Article pages of a year folder: YYYY/slug/index.html (not the month pages, YYYY/MM/)."""
    return sum(1 for page in folder.glob("*/index.html") if not page.parent.name.isdigit())


def plan(folders: dict[str, Path], target: int) -> list[Shard]:
    """Consecutive years, oldest first, in shards of at least `target` articles (the newest
    may be smaller); an archive smaller than `target` is one shard."""
    shards: list[Shard] = []
    current: Shard | None = None
    for year, folder in folders.items():
        if current is None or current.pages >= target:
            current = Shard(years=[])
            shards.append(current)
        current.years.append(year)
        current.folders.append(folder)
        current.pages += article_count(folder)
    return shards


def fingerprint(shard: Shard) -> str:
    """A digest of every HTML page under the shard's folders (path and bytes)."""
    digest = hashlib.sha256()
    for folder in shard.folders:
        for page in sorted(folder.rglob("*.html")):
            digest.update(page.relative_to(folder.parent).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def _stamp(bundle: Path) -> dict:
    """What a shard was indexed from ({} if it has no readable stamp)."""
    try:
        stamp = json.loads((bundle / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _write_json(path: Path, data) -> None:
    """Atomically, so a killed build never leaves a half-written manifest; an unchanged file
    is left alone (incremental builds rewrite nothing that did not change)."""
    text = json.dumps(data, indent=1)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


Command = Callable[..., list[str]]


def index_shard(
    output: Path, shard: Shard, digest: str, command: Command, run: Callable[[list[str]], str]
) -> None:
    """Index one shard into a fresh folder, then swap it in: a failed run keeps the old one."""
    root = output / BUNDLE
    final = root / shard.name
    fresh = Path(tempfile.mkdtemp(dir=root, prefix=f".new-{shard.name}-"))
    try:
        run(command(str(output), glob=shard.glob, bundle=str(fresh)))
        share_runtime(fresh, root)
        _write_json(fresh / STAMP, {"years": shard.years, "fingerprint": digest})
        old = root / f".old-{shard.name}"
        if final.exists():
            final.rename(old)
        fresh.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def runtime_files(bundle: Path) -> list[Path]:
    return [p for p in bundle.iterdir() if p.name in RUNTIME or p.name.startswith("wasm.")]


def share_runtime(bundle: Path, root: Path) -> None:
    """Move a fresh shard's runtime up to the shared copy in `root`, drop its UI bundles, and
    point its entry file's WebAssembly at the shared copy."""
    for path in runtime_files(bundle):
        os.replace(path, root / path.name)
    for path in bundle.iterdir():
        if path.is_file() and path.suffix in (".js", ".css"):
            path.unlink()
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        name = language["wasm"]
        language["wasm"] = f"{name}/../../wasm.{name}"
    _write_json(bundle / ENTRY, entry)


def untouched(shard: Shard, bundle: Path, changed: set[str] | None) -> bool:
    """The build says no page of this shard changed, and the shard was indexed for the same
    years (so its fingerprint need not be computed)."""
    if changed is None:
        return False
    folders = tuple(f"{year}/" for year in shard.years)
    return _stamp(bundle).get("years") == shard.years and not any(
        p.startswith(folders) for p in changed
    )


def index_shards(
    output: Path,
    target: int,
    command: Command,
    run: Callable[[list[str]], str],
    changed: set[str] | None = None,
) -> str:
    """Index every shard whose pages changed, drop shards no longer planned, write the
    manifest (newest first); returns a one-line report. `changed`: the indexed pages this
    build rewrote or removed, when the build knows (else every shard is fingerprinted)."""
    root = output / BUNDLE
    root.mkdir(parents=True, exist_ok=True)
    shards = plan(period_folders(output), target)
    have_runtime = all((root / name).exists() for name in RUNTIME)
    rebuilt = []
    for shard in shards:
        if have_runtime and untouched(shard, root / shard.name, changed):
            continue
        digest = fingerprint(shard)
        if _stamp(root / shard.name).get("fingerprint") != digest or not have_runtime:
            index_shard(output, shard, digest, command, run)
            rebuilt.append(shard.name)
            have_runtime = True
    keep = {shard.name for shard in shards} | {MANIFEST} | {p.name for p in runtime_files(root)}
    for stale in root.iterdir():
        if stale.name not in keep:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    manifest = [
        {"path": f"{shard.name}/", "years": shard.years, "articles": shard.pages}
        for shard in reversed(shards)
    ]
    _write_json(root / MANIFEST, manifest)
    kept = len(shards) - len(rebuilt)
    return (
        f"{len(shards)} shard(s), {sum(s.pages for s in shards)} articles; "
        f"indexed {', '.join(rebuilt) or 'none'}; {kept} unchanged"
    )
