"""The archive on disk: Markdown articles in content/, raw originals in raw/.

Every article is one hand-editable Markdown file with Pelican metadata. Ids are stable across
re-imports (from the canonical URL, or the body when there is none), slugs never collide, raw
inputs are kept byte for byte under their SHA-256, and every write is atomic.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from unidecode import unidecode

from newsarchive import __version__
from newsarchive.article import Article
from newsarchive.page_address import address_key, is_amp_or_mobile, is_variant
from newsarchive.settings import (
    ARTICLES_DIR,
    MAX_SLUG_CHARS,
    RAW_DIR,
    SHORTER_COPY_SHARE,
    SUMMARY_WORDS,
    UNDATED_FOLDER,
)
from newsarchive.sources.sidecar import sidecar_path
from newsarchive.utf8 import utf8_text
from newsarchive.written_dates import written_day

if TYPE_CHECKING:  # (numpy and datasketch: imported when an import first needs them)
    from newsarchive.near_duplicates import NearDuplicates

#: A field, as the Markdown reader Pelican uses (its meta extension) reads one: up to three
#: spaces before its name.
_HEADER_LINE = re.compile(r"^ {0,3}([A-Za-z0-9_-]+):\s?(.*)$")
#: A line that goes on with the field above it: indented four spaces or more (a tab is four),
#: as that reader reads it (an editor wrapping a long Summary).
_GOES_ON = re.compile(r"^ {4,}(\S.*)$")
#: The lines that open and close a header in YAML's way, which that reader skips.
_HEADER_OPENS = re.compile(r"^-{3}(\s.*)?$")
_HEADER_CLOSES = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


TEMP_SUFFIX = ".tmp"
#: How the `Captured` field writes a capture's time (UTC): as text, in order of time.
CAPTURE_TIME = "%Y-%m-%d %H:%M:%S"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Permissions of the files written: what open() would give (mkstemp's are the owner's only,
#: and a web server running as another user would refuse a site's files).
FILE_MODE = 0o666 & ~_umask()


def usual_permissions(fd: int) -> None:
    """Give a temporary file the permissions an ordinary new file would have."""
    os.fchmod(fd, FILE_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so a crash never leaves a half-written file.

    The data and then the folder are synced, so the new file survives a power cut too. A
    process killed mid-write leaves only a hidden `.NAME.*.tmp`, removed by the next import
    (remove_temp_files).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        usual_permissions(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from err  # (the file, not the temporary)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make the folder's entries (a new name, a removed one) survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_without_clobbering(src: Path, dst: Path) -> None:
    """Move a file to a new name that no other file holds (FileExistsError if one does).

    A hard link then an unlink: the link fails where the name is taken, with no window in
    which a check could go stale, and a kill between the two leaves the one file under both
    names (the next move finds `dst` is `src` and finishes). Where links are refused (some
    mounted file systems), the bytes are copied atomically under the new name instead. A
    symbolic link at `dst` is another file, even one to `src`: `src` gone, it would lead
    nowhere.
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    taken = FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dst))
    try:
        os.link(src, dst)
    except FileExistsError:
        if not os.path.samestat(os.stat(src), os.lstat(dst)):
            raise taken from None
    except OSError:
        if dst.exists():
            raise taken from None
        atomic_write(dst, src.read_bytes())
    sync_folder(dst.parent)
    src.unlink()
    sync_folder(src.parent)


def temp_files(folder: Path) -> list[Path]:
    """atomic_write's temporary files under a folder (left behind only by a killed process)."""
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob(f".*{TEMP_SUFFIX}") if p.is_file()]


def remove_temp_files(root: Path) -> int:
    """Remove what killed imports left in content/, raw/ and reports/; how many there were."""
    found = [p for name in ("content", "raw", "reports") for p in temp_files(root / name)]
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)


def one_line(value: object) -> str:
    """A metadata value that cannot break out of its line: no newlines or control characters."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


#: Cyrillic letters unidecode spells with an apostrophe, which a slug made a word break of
#: ("Ольга" was "ol-ga"): the soft and hard signs are silent in a Latin spelling, "ґ" is "g".
_SILENT_SIGNS = str.maketrans({"ь": "", "Ь": "", "ъ": "", "Ъ": "", "ґ": "g", "Ґ": "G"})


def slugify(title: str) -> str:
    """An ASCII slug of at most MAX_SLUG_CHARS characters, cut at a word boundary."""
    latin = unidecode(title.translate(_SILENT_SIGNS))
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[: MAX_SLUG_CHARS + 1].rsplit("-", 1)[0]
    return slug or "article"


def normalised_text(text: str) -> str:
    return " ".join(text.split())


def body_sha256(article: Article) -> str:
    return hashlib.sha256(normalised_text(article.body_text).encode("utf-8")).hexdigest()


def article_id(article: Article) -> str:
    """Stable id: from the canonical URL when known, else from the body text."""
    if article.url:
        key = "url:" + re.sub(r"^https?://(www\.)?", "", article.url.split("#")[0]).rstrip("/")
    else:
        key = "body:" + normalised_text(article.body_text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def summary(text: str, words: int = SUMMARY_WORDS) -> str:
    tokens = text.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def format_date(article: Article) -> str | None:
    """The `Date:` line: the day, its local time where the page gave one, and the time's
    offset from UTC where it gave that ("2021-11-30 16:45+01:00": Pelican reads it, and a
    feed then says which moment it was, not 16:45 in UTC)."""
    if article.date is None:
        return None
    if (article.date.hour, article.date.minute, article.date.second) == (0, 0, 0):
        return article.date.strftime("%Y-%m-%d")
    return article.date.strftime("%Y-%m-%d %H:%M") + (article.date_offset or "")


def format_authors(authors: list[str]) -> str:
    """Pelican splits on ';' when there is one, else on ',': a lone "King, Jr." gets a ';'."""
    names = [one_line(a).replace(";", ",") for a in authors]
    lone_comma = len(names) == 1 and "," in names[0]
    return "; ".join(names) + (";" if lone_comma else "")


#: Tag fields an editor may change. `Auto_<field>` keeps what the tagger last said, so an
#: editor's added or removed names survive every retag and re-import.
TAG_FIELDS = ("People", "Topics", "Organisations", "Places")
#: Field order in the header; fields an editor adds keep their place after these.
FIELD_ORDER = (
    "Title", "Date", "Date_Source", "Authors", "Source", "Source_Note", "Original_Url",
    "Language", "Incomplete", *TAG_FIELDS, "Slug", "Id", "Summary", "Raw", "Raw_Pages",
    "Body_Sha256", "Input", "Captured", "Imported", "Tool", "Modified", "Revisions", "Replaced", "Copies", "Moved_From", "Written", "Topic_Scores", *(f"Auto_{name}" for name in TAG_FIELDS),
)  # fmt: skip
_IMPORTER_KEYS = {key.lower() for key in FIELD_ORDER}
_TAG_KEYS = {key.lower() for key in (*TAG_FIELDS, "Topic_Scores")} | {
    f"auto_{name.lower()}" for name in TAG_FIELDS
}


def split_names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(";") if name.strip()]


def join_names(names: list[str]) -> str:
    return "; ".join(one_line(name).replace(";", ",") for name in names)


def merge_edits(
    auto: list[str], current: list[str] | None, previous: list[str] | None
) -> list[str]:
    """The tagger's new names with the editor's changes to its previous ones re-applied."""
    if current is None:
        return auto
    previous = previous or []
    added = [name for name in current if name not in previous]
    removed = {name for name in previous if name not in current}
    return [name for name in auto if name not in removed] + [n for n in added if n not in auto]


def auto_tags(article: Article) -> dict[str, list[str]]:
    return {
        "People": [p["name"] for p in article.people],
        "Topics": [t["name"] for t in article.topics],
        "Organisations": article.organisations,
        "Places": article.places,
    }


def tag_fields(
    auto: dict[str, list[str]],
    scores: str,
    old: dict[str, str] | None,
    declared: Callable[[str, str], str] | None = None,
) -> dict:
    """Header fields for tags: effective lists (edits kept), scores, and the tagger's lists.

    `declared(field, name)` gives data/'s name for a tag an editor typed under an alias or a
    former name ("Edward Thorsby" is Edvard Thorsby; a renamed topic's old name is its new
    one): one entity, one spelling, in the Markdown as on its page."""
    old = {k.lower(): v for k, v in (old or {}).items()}
    fields: dict[str, str] = {}
    for name in TAG_FIELDS:
        key = name.lower()
        # A field emptied by hand is not written (an empty value is no line), so a tagger's
        # list with no field beside it is the editor's: every name removed, not none edited.
        edited = key in old or f"auto_{key}" in old
        current = split_names(old.get(key)) if edited else None
        previous = split_names(old[f"auto_{key}"]) if f"auto_{key}" in old else None
        # each list under data/'s names first: a name renamed in data/ that the editor had
        # removed (under its old name) stays removed
        names = merge_edits(*(_declared(declared, name, listed) for listed in (auto[name], current, previous)))  # fmt: skip
        fields[name] = join_names(names)
    fields["Topic_Scores"] = scores
    fields.update({f"Auto_{name}": join_names(auto[name]) for name in TAG_FIELDS})
    return fields


def _declared(
    declared: Callable[[str, str], str] | None, field: str, names: list[str] | None
) -> list[str] | None:
    """The names under data/'s spelling for the field (each once), or as they are."""
    if names is None or declared is None:
        return names
    return list(dict.fromkeys(declared(field, name) for name in names))


def topic_scores(article: Article) -> str:
    return "; ".join(f"{t['slug']} {t['score']:g}" for t in article.topics)


def ordered(fields: dict[str, str | None]) -> list[tuple[str, str]]:
    rank = {key: i for i, key in enumerate(FIELD_ORDER)}
    keys = sorted(fields, key=lambda k: rank.get(k, len(rank)))
    return [(key, fields[key]) for key in keys if fields[key]]


def render_header(fields: dict[str, str | None]) -> str:
    return "".join(f"{key}: {one_line(value)}\n" for key, value in ordered(fields))


def edited_header(fields: dict[str, str], changes: dict[str, str | None]) -> str:
    """A file's header with some fields changed and the others left as the file has them, in
    its order: a changed field keeps its line (an emptied one loses it), a new one goes after
    the last field FIELD_ORDER puts before it, so a line an editor moved stays where it is."""
    rank = {key.lower(): i for i, key in enumerate(FIELD_ORDER)}
    todo = {key.lower(): (key, value) for key, value in changes.items()}
    lines = [todo.pop(key.lower(), (key, value)) for key, value in fields.items()]
    for key, value in todo.values():
        earlier = [
            i
            for i, (k, _) in enumerate(lines)
            if rank.get(k.lower(), len(rank)) < rank[key.lower()]
        ]
        lines.insert(earlier[-1] + 1 if earlier else 0, (key, value))
    changed = {key.lower() for key in changes}
    return "".join(
        f"{key}: {one_line(value)}".rstrip() + "\n"
        for key, value in lines
        if value or key.lower() not in changed  # (a blank `Date:` typed by hand is kept)
    )


#: Fields the importer does not own: tags (merged with edits by retag), other copies, the
#: folders the file was moved from, the count of earlier versions, their raw copies and when
#: the last replaced them (added after the fingerprint: counted in, a second correction read
#: as a hand edit and was refused), the fingerprint itself. Everything else, body included,
#: is fingerprinted in `Written`.
_NOT_FINGERPRINTED = _TAG_KEYS | {
    "copies", "revisions", "replaced", "modified", "moved_from", "written"
}  # fmt: skip


def fingerprint(fields: dict[str, str | None], body: str) -> str:
    """What the importer wrote (tags aside), so a later re-import can tell a hand edit."""
    kept = sorted(
        (k, one_line(v)) for k, v in fields.items() if v and k.lower() not in _NOT_FINGERPRINTED
    )
    text = "\n".join(f"{k}: {v}" for k, v in kept) + "\n\n" + body.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def edited_by_hand(path: Path) -> bool:
    """The file's importer-owned fields or body differ from what the importer wrote. A field
    it never writes (`Status: hidden`) added by hand is no edit of that: an update keeps it
    (render), and fingerprints it from then on, so either fingerprint is what it wrote."""
    fields, body = read_article(path)
    written = fields.get("Written")
    importers = {k: v for k, v in fields.items() if k.lower() in _IMPORTER_KEYS}
    as_written = (fingerprint(fields, body), fingerprint(importers, body))
    return bool(written) and written not in as_written


def render(
    article: Article,
    slug: str,
    ident: str,
    old: dict[str, str] | None = None,
    declared: Callable[[str, str], str] | None = None,
) -> str:
    """The article as Pelican Markdown: a metadata header, a blank line, the body.

    `old` is the header of the file this replaces: its tag edits are kept, and, when its
    page is these very bytes, where they came from (its Input and Captured): the same page
    met again in another input (a second capture of it, with the same bytes, in another
    WARC file) changes nothing.
    """
    same_bytes = old is not None and is_raw_copy_of(_field(old, "Raw") or "", article)
    captured = article.captured.strftime(CAPTURE_TIME) if article.captured else None
    fields = {
        "Title": article.title,
        "Date": format_date(article),
        "Date_Source": article.date_source,
        "Authors": format_authors(article.authors) if article.authors else None,
        "Source": article.source,
        "Source_Note": article.source_note,
        "Original_Url": article.url,
        "Language": article.language,
        "Incomplete": "true" if article.incomplete else None,
        "Slug": slug,
        "Id": ident,
        "Summary": summary(article.body_text),
        "Raw": raw_relative_path(article).as_posix(),
        "Raw_Pages": join_names(article.page_raws) or None,  # (its later pages, joined)
        "Body_Sha256": body_sha256(article),
        "Input": (same_bytes and _field(old, "Input")) or Path(article.input).name,
        "Captured": (same_bytes and _field(old, "Captured")) or captured,
        "Imported": (old or {}).get("Imported") or date.today().isoformat(),
        "Tool": f"newsarchive {__version__}",
    }
    # fields the importer never writes are the editor's (`Status: draft`): an article edited
    # by hand whose newer copy is taken keeps them, fingerprinted as part of it
    fields.update({k: v for k, v in (old or {}).items() if k.lower() not in _IMPORTER_KEYS})
    fields["Written"] = fingerprint(fields, article.body_markdown)
    # other copies; earlier versions replaced; the folders it was in, whose addresses lead to it
    for kept in ("Copies", "Modified", "Revisions", "Replaced", "Moved_From"):
        if value := _field(old or {}, kept):
            fields[kept] = value
    if article.tagged:
        fields.update(tag_fields(auto_tags(article), topic_scores(article), old, declared))
    elif old:
        fields.update({key: value for key, value in old.items() if key.lower() in _TAG_KEYS})
    return render_header(fields) + "\n" + article.body_markdown.strip() + "\n"


def correction_time(article: Article) -> str:
    """The `Modified:` of an article a newer copy replaces: when the page says it was
    modified, where it says a time after its publication (its offset kept); else when that
    copy was captured (a WARC's or the Wayback Machine's time, UTC); else now, when the
    archive took it. Pelican makes it the feed entries' <updated>, so readers see the
    correction."""
    stated = article.modified
    if stated is not None and (article.date is None or stated > article.date):
        return stated.strftime("%Y-%m-%d %H:%M:%S") + (article.modified_offset or "")
    when = article.captured or datetime.now(UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%d %H:%M:%S") + "+00:00"


def _field(fields: dict[str, str], name: str) -> str | None:
    """A field's value, its line typed in any case ("copies:"); the name as given first
    (the one an update sets)."""
    if fields.get(name):
        return fields[name]
    return next((v for k, v in fields.items() if k.lower() == name.lower() and v), None)


def listed_with(fields: dict[str, str], name: str, value: str) -> str | None:
    """A list field's value (`;` between names) with `value` added; None if it is listed.
    The field's line as typed counts ("copies:" written by hand is the same field)."""
    listed = split_names(_field(fields, name))
    return None if value in listed else join_names([*listed, value])


def add_to_list(path: Path, name: str, value: str) -> None:
    """Add a value to a list field of an article file, unless it is listed."""
    fields, body = read_article(path)
    if (changed := listed_with(fields, name, value)) is not None:
        header = edited_header(fields, {name: changed})
        atomic_write(path, (header + "\n" + body).encode("utf-8"))


def _original_url(kept: str, new: str | None) -> str | None:
    """An updated article's Original_Url: the one it has where the newer copy was saved from
    a tracked, AMP or mobile address of that page, so its address is the page's own."""
    if new and is_variant(new) and address_key(new) == address_key(kept):
        return kept
    return new


def _told_by_user(article: Article) -> bool:
    """The input comes with the user's own values (`--date`, a sidecar), which an import of
    bytes seen before reads them for (as importer._already_imported does)."""
    return article.date_source == "option" or sidecar_path(Path(article.input)).exists()


def _left_address(old: Path, new: Path) -> str:
    """What a file's move leaves for its `Moved_From` (retag's and import's moves alike): the
    folder ("2019"), and the name too where that changes ("2019/old-slug")."""
    return old.parent.name if old.stem == new.stem else f"{old.parent.name}/{old.stem}"


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """(header fields with their own capitalisation, Markdown body) of an article file, read
    as Pelican's Markdown reader reads it, so that a file written back loses no line: the
    header ends at its first blank line, or at the first line that is no field (a hand edit
    that left out the blank line, or a colon), where the body starts; a byte-order mark is
    no part of the first field."""
    fields, body, _ = read_article_lines(path)
    return fields, body


def read_article_lines(path: Path) -> tuple[dict[str, str], str, list[str]]:
    """read_article's fields and body, and the fields the header gives more than once (the
    last of each is in the fields: a file written back from them would lose the others)."""
    lines = utf8_text(path.read_bytes()).split("\n")
    fields, body_starts, repeated = _header(lines)
    return fields, "\n".join(lines[body_starts:]), repeated


def _header(lines: Iterable[str]) -> tuple[dict[str, str], int, list[str]]:
    """A header's fields as the Markdown reader Pelican uses reads them, the number of the line
    the body starts at, and the fields given more than once; no line after the header is read
    (read_header stops reading the file there). The body starts after a blank line or a line
    closing the header, or at the first line that is no field."""
    fields: dict[str, str] = {}
    repeated: list[str] = []
    number = -1
    for number, line in enumerate(lines):
        line = line.rstrip("\n")
        if number == 0 and _HEADER_OPENS.match(line):
            continue
        if not line.strip() or _HEADER_CLOSES.match(line):
            return fields, number + 1, repeated
        key = _HEADER_LINE.match(line)
        if key and key.group(1).lower() in {k.lower() for k in fields}:
            repeated.append(key.group(1))
        if not _read_header_line(line, fields):
            return fields, number, repeated
    return fields, number + 1, repeated


def _read_header_line(line: str, fields: dict[str, str]) -> bool:
    """Add a header line to `fields`: a field, or more of the last one (its words joined with
    a space, so a header written again keeps them, on one line); False for neither."""
    if match := _HEADER_LINE.match(line):
        fields[match.group(1)] = match.group(2).strip()
        return True
    if (more := _GOES_ON.match(line.expandtabs(4))) and fields:
        last = next(reversed(fields))
        fields[last] = f"{fields[last]} {more.group(1).strip()}".strip()
        return True
    return False


def raw_relative_path(article: Article) -> Path:
    """raw/<2>/<sha256><suffix>: nothing from the input's name but a tidied suffix."""
    sha = article.raw_sha256
    suffix = re.sub(r"[^a-z0-9.]", "", article.raw_suffix.lower())[:16]
    return RAW_DIR / sha[:2] / f"{sha}{suffix}"


def is_raw_copy_of(raw: str, article: Article) -> bool:
    """Whether `raw` (a Raw or Replaced entry) is the copy of the bytes the article was read from."""
    return Path(raw).name.startswith(article.raw_sha256)


def article_files(articles_dir: Path) -> list[Path]:
    """The archive's article files, in order: its `.md` files, at any depth. A folder so
    named is none (one stopped import and retag with "Is a directory")."""
    return sorted(path for path in articles_dir.rglob("*.md") if path.is_file())


#: Fields an article's header holds: the importer's, and Pelican's that an editor adds.
_HEADER_KEYS = _IMPORTER_KEYS | {"status", "modified", "tags", "category", "lang", "template"}


def stray_header_line(lines: Iterable[str]) -> tuple[int, str] | None:
    """(number from 1, text) of a header line that is no field while a field follows it before
    the blank line: a colon left out ("Topics Economy; Labour"). The reader ends the header
    there, so the fields after it were the article's text: the site showed them, and retag
    tagged their words and wrote a header without them. None for a whole header."""
    fields: dict[str, str] = {}
    stray = None
    for number, line in enumerate(lines):
        line = line.rstrip("\n")
        if number == 0 and _HEADER_OPENS.match(line):
            continue
        if not line.strip() or _HEADER_CLOSES.match(line):
            return None
        if stray is None:
            if not _read_header_line(line, fields):
                stray = (number + 1, line.strip())
        elif (key := _HEADER_LINE.match(line)) and key.group(1).lower() in _HEADER_KEYS:
            return stray
    return None


def stray_line_in(path: Path) -> tuple[int, str] | None:
    """stray_header_line of an article file, read up to the first blank line."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        return stray_header_line(handle)


def stray_line_reason(stray: tuple[int, str]) -> str:
    """What is wrong with the line stray_header_line found, and what to do."""
    text = stray[1] if len(stray[1]) <= 60 else stray[1][:59] + "…"
    return f"{text!r} is no field (write it as `Name: value`): the header ends there, and the fields after it would be the article's text"  # fmt: skip


def read_header(path: Path) -> dict[str, str]:
    """The metadata of an article file (keys lower-cased), read up to the first blank line."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        fields = _header(handle)[0]
    return {key.lower(): value for key, value in fields.items()}


def _whole(path: Path) -> bool:
    """Whether an article's text is whole: not marked `Incomplete` (its page cut short)."""
    return path.exists() and read_header(path).get("incomplete") != "true"


def _shorter_copy(article: Article, path: Path) -> bool:
    """Whether the article is its page's AMP or mobile copy (by its address, or the page's
    `<html amp>`) with fewer words than SHORTER_COPY_SHARE of the text stored at `path`:
    such copies leave parts of a story out, and would replace its fuller text."""
    if not (article.amp_page or is_amp_or_mobile(article.url or "")) or not path.exists():
        return False
    stored = len(read_article(path)[1].split())
    return len(article.body_markdown.split()) < SHORTER_COPY_SHARE * stored


def _earlier_capture(article: Article, path: Path) -> bool:
    """Whether the article is a capture of its page (a WARC record, a Wayback capture) made
    before the one whose text is stored at `path`: a crawl holds its captures in no order of
    time, and imported after the later one, the earlier would undo its corrections."""
    if article.captured is None or not path.exists():
        return False
    stored = read_header(path).get("captured")
    return bool(stored) and article.captured.strftime(CAPTURE_TIME) < stored


def date_folder(articles_dir: Path, day: date | None) -> Path:
    """Where an article of that date is filed: its year's folder, or undated/."""
    return articles_dir / (f"{day:%Y}" if day else UNDATED_FOLDER)


def in_date_folder(path: Path, articles_dir: Path) -> bool:
    """Whether the file is in a folder the store names by date (a year's, or undated/): an
    article an editor filed in a folder of their own (`opinion/`) stays where they put it."""
    folder = path.parent
    return folder.parent == articles_dir and (
        folder.name == UNDATED_FOLDER or re.fullmatch(r"\d{4}", folder.name) is not None
    )


def written_folder(path: Path, articles_dir: Path) -> Path | None:
    """The folder the article's `Date:` line files it under, as the store names folders.

    None for a file that is not the store's to move: one with no `Id` (written by hand, kept
    where its editor put it), one outside the folders the store names by date (in_date_folder),
    and one whose date names no whole day (the build refuses it, with a line saying why)."""
    header = read_header(path)
    if not header.get("id") or not in_date_folder(path, articles_dir):
        return None
    if not (written := header.get("date", "").strip()):
        return date_folder(articles_dir, None)
    day = written_day(written)
    return date_folder(articles_dir, day) if day else None


def refile(path: Path, articles_dir: Path) -> Path:
    """Move an article whose `Date:` was changed (typed by hand, say, into an undated one) to
    the folder of that date, under the same name; returns where it is. The folder it leaves
    goes into its `Moved_From` first, so its old address keeps leading to it (the site's
    addresses are folders). FileExistsError when another file holds that name there: the
    article stays where it was."""
    folder = written_folder(path, articles_dir)
    if folder is None or folder == path.parent:
        return path
    target = folder / path.name
    if not target.exists():  # (taken, the move fails; the same file, a killed move: noted)
        add_to_list(path, "Moved_From", _left_address(path, target))
    move_without_clobbering(path, target)
    with contextlib.suppress(OSError):  # (an emptied year or undated/ goes; others stay)
        path.parent.rmdir()
    return target


def finish_killed_move(path: Path, articles_dir: Path) -> Path | None:
    """Where the article moved if `path` is the old name of a move a kill left half done (the
    one file under both names: move_without_clobbering), the old name then removed; None
    otherwise. Finished before anything rewrites the file under one name, which would make
    the two names two articles."""
    if path.is_symlink() or path.stat().st_nlink < 2:  # (most files: nothing read)
        return None
    folder = written_folder(path, articles_dir)
    target = folder / path.name if folder else path
    with contextlib.suppress(OSError):
        if target != path and os.path.samestat(os.stat(path), os.lstat(target)):
            return refile(path, articles_dir)
    return None


@dataclass
class Entry:
    path: Path
    slug: str
    raw: str
    body_sha256: str


def source_key(name: str) -> str:
    """An outlet's name, however its pages spell it: "PolitiFact" and "Politifact", "CTV News"
    and "CTVNews", "Barron's" and "Barrons" are one ("Space.com" and "Space" are not)."""
    return re.sub(r"[\W_]+", "", unidecode(name).casefold())


#: Body signatures for near-duplicate checks, kept between imports (newsarchive/near_duplicates).
NEAR_DUPLICATES_CACHE = Path("cache") / "newsarchive" / "near-duplicates.npz"


@dataclass
class Archive:
    """What is already in content/articles, indexed for re-imports and de-duplication."""

    root: Path
    by_id: dict[str, Entry] = field(default_factory=dict)
    by_raw: dict[str, str] = field(default_factory=dict)
    by_body: dict[str, str] = field(default_factory=dict)
    #: Each article's address as `address_key` reads its Original_Url (its AMP, mobile and
    #: tracked copies are the same page).
    by_address: dict[str, str] = field(default_factory=dict)
    #: The raw copies of earlier versions an article's text has replaced (`Replaced`).
    by_replaced: dict[str, str] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    strays: dict[str, set[Path]] = field(default_factory=dict)
    #: The archive's spelling of each source (source_key -> Source), the first met.
    sources: dict[str, str] = field(default_factory=dict)
    _near: NearDuplicates | None = None
    #: data/'s name for a tag typed by hand (tag_fields), when the import tags.
    declared: Callable[[str, str], str] | None = None
    #: Ids of articles edited by hand whose newer copy the editor takes (`--take-newer`).
    take_newer: set[str] = field(default_factory=set)

    def _same_page(self, article: Article) -> str | None:
        """The id of the article at another address of this page (`address_key`), if any."""
        ident = self.by_address.get(address_key(article.url or ""))
        return ident if ident in self.by_id and self.by_id[ident].path.exists() else None

    def near(self) -> NearDuplicates:
        """The near-duplicate index of the archive's bodies, built on first use."""
        if self._near is None:
            from newsarchive.near_duplicates import NearDuplicates

            self._near = NearDuplicates(self.root / NEAR_DUPLICATES_CACHE, self._body_of)
            for ident, entry in self.by_id.items():
                if entry.path.exists():
                    self._near.add(ident, read_article(entry.path)[1])
        return self._near

    def _body_of(self, ident: str) -> str | None:
        """An article's body as its file has it (None if it has none any more)."""
        entry = self.by_id.get(ident)
        return read_article(entry.path)[1] if entry and entry.path.exists() else None

    def save_caches(self) -> None:
        """Keep what was computed for this run's checks (derived data, safe to delete)."""
        if self._near is not None:
            self._near.save()

    def record_copy(self, ident: str, copy: str, fields: dict[str, str] | None = None) -> bool:
        """List another copy of an article (its URL or input) in the article's `Copies`,
        unless it is listed already, or is an address of the article's page or of a listed
        copy's (`address_key`: a newsletter's tracked link, an AMP or mobile copy), which
        added a line, and changed the file, for each newsletter that linked the story.
        `fields`: its header, where the caller has read it already. Whether it was listed
        already, as it is: the same files imported again."""
        path = self.by_id[ident].path
        fields = fields if fields is not None else read_header(path)
        listed = split_names(fields.get("copies"))
        if copy in listed:
            return True
        if "://" in copy:
            known = [fields.get("original_url") or "", *listed]
            if address_key(copy) in {address_key(url) for url in known if "://" in url}:
                return False
        add_to_list(path, "Copies", copy)
        return False

    def _remove_if_empty(self, folder: Path) -> None:
        """A year's folder (or undated/) left empty by its last article's move (a date
        supplied later), removed: an empty year would stay in content/articles/."""
        if folder.parent == self.articles_dir:
            with contextlib.suppress(OSError):  # (not empty: it still holds articles)
                folder.rmdir()

    def _move(self, old: Path, new: Path, ident: str, article: Article) -> Path:
        """Move an article to the folder of its new date; where it is now. A file of the same
        id there is a copy a killed move left, replaced; another file is never written over:
        the article stays, with a warning."""
        if new.exists() and read_header(new).get("id") == ident and not new.samefile(old):
            new.unlink()
        try:
            move_without_clobbering(old, new)
        except FileExistsError:
            article.warnings.append(
                f"left in {old.parent}/: its date files it in {new.parent}/, where {new.name}"
                " is another file (rename one of them)"
            )
            return old
        self._remove_if_empty(old.parent)
        return new

    def _edited_copy(self, ident: str) -> Path | None:
        """The article's file, or another file of its id, that was edited by hand, if any:
        a copy an editor made and edited is no killed move's leftover to remove."""
        copies = [self.by_id[ident].path, *sorted(self.strays.get(ident, ()))]
        return next((p for p in copies if p.exists() and edited_by_hand(p)), None)

    @property
    def articles_dir(self) -> Path:
        return self.root / ARTICLES_DIR

    @classmethod
    def open(cls, root: Path) -> Archive:
        archive = cls(root=root)
        for path in article_files(archive.articles_dir):
            meta = read_header(path)
            if "id" in meta:
                archive.remember(meta["id"], path, meta)
            # a file written by hand (no Id) keeps its name: no import writes over it
            archive.slugs.update({path.stem, meta.get("slug", path.stem)})
        return archive

    def remember(self, ident: str, path: Path, meta: dict[str, str]) -> None:
        previous = self.by_id.get(ident)
        if previous is not None and previous.path != path and previous.path.exists():
            # two files with one id: an import killed while moving an article between
            # folders (its new date); the next save of the article removes the other one
            self.strays.setdefault(ident, set()).add(previous.path)
        entry = Entry(
            path, meta.get("slug", path.stem), meta.get("raw", ""), meta.get("body_sha256", "")
        )
        self.by_id[ident] = entry
        self.slugs.add(entry.slug)
        if key := source_key(meta.get("source") or ""):
            self.sources.setdefault(key, meta["source"])
        for raw in [entry.raw, *split_names(meta.get("raw_pages"))]:
            if raw:
                self.by_raw[Path(raw).name.split(".")[0]] = ident
        for raw in split_names(meta.get("replaced")):
            self.by_replaced[Path(raw).name.split(".")[0]] = ident
        if entry.body_sha256:
            self.by_body[entry.body_sha256] = ident
        if key := address_key(meta.get("original_url") or ""):
            self.by_address[key] = ident

    def known_raw(self, sha256: str, replaced: bool = False) -> Entry | None:
        """The article already imported from exactly these bytes (`replaced`: whose text
        these bytes held before a later capture replaced it), if its file still exists."""
        ident = (self.by_replaced if replaced else self.by_raw).get(sha256)
        entry = self.by_id.get(ident) if ident else None
        if entry and entry.path.exists() and (replaced or (self.root / entry.raw).is_file()):
            return entry
        return None

    def deleted_by_hand(self, article: Article) -> bool:
        """The page's raw copy is in raw/ and no article has these bytes, as its page or as a
        replaced capture: its article was written (raw copies are written after their
        article) and has since been deleted by hand, so an import does not bring it back. (An
        article whose id changed, its URL found later, still lists the bytes: not deleted.)"""
        sha = article.raw_sha256
        if sha in self.by_raw or sha in self.by_replaced:
            return False
        # (a tracked, AMP or mobile copy of a page whose article is there is no deleted one)
        return self.captured_before(article) and self._same_page(article) is None

    def captured_before(self, article: Article) -> bool:
        """The page's raw copy is in raw/: these bytes were imported before. A capture of an
        article's page whose text, headline and date were the article's then (only its page
        furniture differed: `unchanged`; or saved from a tracked, AMP or mobile address of it:
        `duplicate`), listed in no field, is no newer capture when it comes again: taken for
        one, it undid a correction imported after it."""
        return (self.root / raw_relative_path(article)).is_file()

    def article_named(self, name: str) -> str | None:
        """The id of the article a user names by its `Id` or its file (a path from the
        working folder or the archive root), if the archive has it."""
        if name in self.by_id:
            return name
        given = Path(name)
        candidates = {given.resolve(), (self.root / given).resolve()}
        return next(
            (ident for ident, e in self.by_id.items() if e.path.resolve() in candidates), None
        )

    def unique_slug(self, title: str) -> str:
        base = slugify(title)
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def folder(self, article: Article) -> Path:
        return date_folder(self.articles_dir, article.date)

    def keep_raw(self, article: Article, data: bytes) -> None:
        path = self.root / raw_relative_path(article)
        if not path.exists():
            atomic_write(path, data)

    def save(self, article: Article, data: bytes) -> tuple[str, Path, str]:
        """Store an article and its raw input; returns (status, path, id).

        status is 'imported', 'updated' (same id, new text; also of an article edited by
        hand whose newer copy the editor takes: take_newer), 'unchanged', 'duplicate' (the
        same text already imported from another file), 'near-duplicate' (nearly the same
        text: this copy is listed in the kept article's Copies), 'edited' (the article was
        edited by hand since it was written: it is left as it is), 'replaced' (an earlier
        capture, listed in the article's Replaced: the later text stays), 'cut-short' (a copy
        that looks cut short of an article whose text is whole: it stays), 'shorter-copy' (an AMP
        or mobile copy of its page much shorter than its text: it stays), 'earlier-capture' (a
        capture made before the one the article holds: it stays), 'listed-copy' (a duplicate
        or near-duplicate its Copies lists already: the same files imported again) or 'deleted' (its
        article was deleted by hand: path is its page's raw copy, which brings it back if
        removed).
        """
        ident = article_id(article)
        body = body_sha256(article)
        existing = self.by_id.get(ident)
        if existing is None and self.deleted_by_hand(article):
            return "deleted", raw_relative_path(article), ident
        # the article's page is these very bytes (read again, perhaps to a new text)
        same_input = existing is not None and is_raw_copy_of(existing.raw, article)
        twin = self.by_body.get(body)
        if twin == ident and twin in self.by_id and not same_input and article.url:
            # the article's own page again, its headline, date and text the same (another
            # capture of its address whose page furniture changed): nothing to do, and no copy
            # of it to report
            header = read_header(self.by_id[twin].path)
            if (header.get("title"), header.get("date")) == (one_line(article.title), format_date(article)):  # fmt: skip
                self.keep_raw(article, data)  # (so that it is known as seen: captured_before)
                return "unchanged", self.by_id[twin].path, twin
        # the article's own page again (its address), the same text under a corrected
        # headline or date: a newer capture, which updates it as a corrected text does
        recaptured = twin == ident and (same_input or article.url is not None)
        if twin is not None and twin in self.by_id and not recaptured:
            # The same text from another file (a re-scrape, a second copy): kept once, and
            # where else it was found listed, as a near-duplicate's is
            copy = article.url or Path(article.input).name
            kept = read_header(self.by_id[twin].path)
            listed = False
            if copy not in (kept.get("original_url"), kept.get("input")):
                listed = self.record_copy(twin, copy, kept)
            if self._same_page(article) == twin:
                self.keep_raw(article, data)  # (a capture of its page: captured_before)
            # (a copy its Copies lists already: an import of the same files again)
            return ("listed-copy" if listed else "duplicate"), self.by_id[twin].path, twin
        if existing is None and (same_page := self._same_page(article)) is not None:
            # its page saved from another address of it (a newsletter's tracked link, the AMP
            # or mobile copy) with a new text: a corrected re-scrape, which updates it
            ident, existing = same_page, self.by_id[same_page]
        if existing is None and (near := self.near().find(article.body_markdown)) is not None:
            listed = self.record_copy(near, article.url or Path(article.input).name)
            return ("listed-copy" if listed else "near-duplicate"), self.by_id[near].path, near
        # (an earlier capture is never taken, edited article or not: no hint to take it)
        if existing and self.by_replaced.get(article.raw_sha256) == ident and not same_input:
            return "replaced", existing.path, ident
        taken = ident in self.take_newer  # (its tag edits are kept all the same: render)
        if existing and not taken and (edited := self._edited_copy(ident)) is not None:
            self.keep_raw(article, data)  # the new capture is kept; the editor's text wins
            return "edited", edited, ident
        if existing and article.incomplete and not taken and _whole(existing.path):
            self.keep_raw(article, data)  # a copy cut short never replaces the whole text
            return "cut-short", existing.path, ident
        if existing and not taken and not same_input and _shorter_copy(article, existing.path):
            self.keep_raw(article, data)  # an AMP or mobile copy leaving text out: it stays
            return "shorter-copy", existing.path, ident
        if existing and not taken and not same_input and _earlier_capture(article, existing.path):
            self.keep_raw(article, data)  # a crawl's older capture: the later text stays
            return "earlier-capture", existing.path, ident
        # a capture seen before is no newer one, unless given the user's values now
        seen = existing and not same_input and self.captured_before(article)
        if seen and not taken and not _told_by_user(article):
            return "unchanged", existing.path, ident
        slug = existing.slug if existing else self.unique_slug(article.title)
        path = self.folder(article) / f"{slug}.md"
        if existing and not in_date_folder(existing.path, self.articles_dir):
            path = existing.path  # (filed by an editor in a folder of their own: it stays)
        old = read_article(existing.path)[0] if existing and existing.path.exists() else None
        # moving to its new date's folder, it notes the one it leaves (with the name it leaves,
        # renamed after a Slug typed by hand), whose address then keeps leading to it
        moves = old is not None and existing.path != path
        left = _left_address(existing.path, path) if moves else None
        if left and (moved := listed_with(old, "Moved_From", left)) is not None:
            old = {**old, "Moved_From": moved}
        new_capture = existing is not None and (existing.body_sha256 != body or not same_input)
        if old is not None and existing.body_sha256 and new_capture:
            # a corrected or updated version of the page (its text, or its headline or date):
            # it replaces the article, and says so (its own bytes read to a new text, as after
            # an extractor's change, replace none)
            replaced = [*split_names(old.get("Replaced")), old.get("Raw", "")]
            replaced = [raw for raw in replaced if raw and not is_raw_copy_of(raw, article)]
            old = {**old, "Revisions": str(int(old.get("Revisions") or 0) + 1),
                   "Replaced": join_names(replaced), "Modified": correction_time(article)}  # fmt: skip
        if old is not None and (kept := _field(old, "Original_Url")):
            article.url = _original_url(kept, article.url)
        if article.source:  # one outlet, one source page, however its pages spell it
            article.source = self.sources.get(source_key(article.source), article.source)
        text = render(article, slug, ident, old, self.declared).encode("utf-8")
        for stray in self.strays.pop(ident, set()) - {path}:
            if stray.exists() and edited_by_hand(stray):  # (an editor's copy: --take-newer)
                article.warnings.append(
                    f"{stray} has this article's Id too and was edited by hand: kept (give it"
                    " an Id of its own, or delete it)"
                )
                continue
            stray.unlink(missing_ok=True)
            self._remove_if_empty(stray.parent)
        if existing and existing.path == path and path.exists() and path.read_bytes() == text:
            self.keep_raw(article, data)  # (missing if a run was killed between the two)
            return "unchanged", path, ident
        # the date changed: the article moves folders, written first where it is, so a move
        # that cannot be made (another file has its name there) loses nothing
        moving = existing is not None and existing.path != path and existing.path.exists()
        atomic_write(existing.path if moving else path, text)
        self.keep_raw(article, data)
        if moving:
            path = self._move(existing.path, path, ident, article)
        self.remember(ident, path, read_header(path))
        if self._near is not None:
            self._near.add(ident, article.body_markdown)
        return ("updated" if existing else "imported"), path, ident
