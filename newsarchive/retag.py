"""`newsarchive retag`: tag every article in content/ again after a registry or taxonomy change.

Only the tag fields change. An editor's additions and removals (People against Auto_People,
and so on) are re-applied to the tagger's new lists, so hand edits always win. An article
whose `Date:` was typed or changed by hand moves to the folder an import would file it in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import markdown

from newsarchive.entities import get_tagger
from newsarchive.extract.body import html_text
from newsarchive.store import (
    TAG_FIELDS,
    article_files,
    atomic_write,
    edited_header,
    finish_killed_move,
    read_article_lines,
    refile,
    render_header,
    stray_line_in,
    stray_line_reason,
    tag_fields,
)
from newsarchive.workers import worker_pool
from newsarchive.written_dates import written_date_error

#: Below this many articles, worker processes cost more than they save.
PARALLEL_MIN_ARTICLES = 20


def markdown_text(body: str) -> str:
    """The plain text of a Markdown body, paragraph by paragraph (what import tagged)."""
    html = markdown.markdown(body, extensions=["extra"])
    return html_text(html) if html.strip() else ""


class Retagged(NamedTuple):
    """One article's retag: where it is now, 'retagged', 'unchanged' or 'failed: reason', its
    review items, and where it was if it moved (its `Date:` files it elsewhere) or why not."""

    path: str
    status: str
    review: list[dict]
    moved_from: str | None = None
    not_moved: str | None = None


def retag_file(job: tuple[str, Path, Path]) -> Retagged:
    """Retag one article, then file it where its `Date:` says (refile)."""
    path, data, articles_dir = job
    try:
        fields, body, repeated = read_article_lines(Path(path))
        if stray := stray_line_in(Path(path)):  # (written back, its fields would be text)
            return Retagged(path, f"failed: line {stray[0]}: {stray_line_reason(stray)}", [])
        if repeated:  # (written back, the header would keep one of them)
            twice = ", ".join(dict.fromkeys(repeated))
            return Retagged(path, f"failed: its header gives {twice} more than once: keep one", [])
        written = next((v for k, v in fields.items() if k.lower() == "date"), "").strip()
        if written and (problem := written_date_error("date", written)):
            return Retagged(path, f"failed: {problem}", [])  # (it files by the date, as the site)
        tagger = get_tagger(data)
        tags = tagger.tag(
            markdown_text(body), fields.get("Title", ""), fields.get("Language") or None
        )
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return Retagged(path, f"failed: {err}", [])
    kept = {k: v for k, v in fields.items() if k.lower().removeprefix("auto_") not in _TAG_LOWER}
    tagged = tag_fields(tags.names(), tags.scores(), fields, tagger.declared_name)
    status = "retagged"
    # tags as they were: the file is left as the editor laid it out (a line moved by hand)
    if render_header(tagged) == render_header({k: v for k, v in fields.items() if k not in kept}):
        status = "unchanged"
    else:
        new_text = edited_header(fields, tagged) + "\n" + body
        atomic_write(Path(path), new_text.encode("utf-8"))
    return _refiled(Retagged(path, status, tags.review_items()), articles_dir)


def _refiled(done: Retagged, articles_dir: Path) -> Retagged:
    """The retagged article moved to the folder of its `Date:` (the text written first, so a
    move that cannot be made loses nothing)."""
    try:
        moved = refile(Path(done.path), articles_dir)
    except FileExistsError as err:
        other = Path(err.filename)
        why = f"its Date files it in {other.parent}/, where {other.name} is another file"
        return done._replace(not_moved=why + " (rename one of them)")
    except OSError as err:
        return done._replace(not_moved=str(err.strerror or err))
    if str(moved) == done.path:
        return done
    return done._replace(path=str(moved), moved_from=done.path)


_TAG_LOWER = {name.lower() for name in TAG_FIELDS} | {"topic_scores"}


def run_retag(articles_dir: Path, data: Path, jobs: int | None = None) -> list[Retagged]:
    """Retag every article under articles_dir, each filed by its date; one result a file."""
    get_tagger(data)  # load and check the registry and taxonomy before any work
    finished = _finish_killed_moves(articles_dir)
    paths = [str(p) for p in article_files(articles_dir)]
    work = [(p, data, articles_dir) for p in paths]
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(work) < PARALLEL_MIN_ARTICLES:
        results = [retag_file(job) for job in work]
    else:
        with worker_pool(workers) as pool:
            results = list(pool.imap(retag_file, work, chunksize=8))
    return [done._replace(moved_from=finished.get(done.path, done.moved_from)) for done in results]


def _finish_killed_moves(articles_dir: Path) -> dict[str, str]:
    """The moves a kill left half done, finished before any retag ({new path: old path}):
    retagged under one of its names first, the file would be two articles."""
    finished = {}
    for path in article_files(articles_dir):
        if (moved := finish_killed_move(path, articles_dir)) is not None:
            finished[str(moved)] = str(path)
    return finished
