"""Reading the editor-maintained YAML files in data/ with errors that name the file and line."""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from newsarchive.utf8 import NotUTF8, utf8_text


class RegistryError(Exception):
    """A problem in a registry or taxonomy file: `file:line: reason`, one line."""


#: libyaml's parser when PyYAML has it (its wheels do): the registries load six times faster
#: (0.05 s against 0.33 s for the shipped two), at every build, import and retag.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader that remembers the line each mapping starts on (as `__line__`) and each
    list's items start on (`Lines.lines`), and refuses a key given twice in one mapping
    (YAML's loaders keep the last, so an editor's first value went unseen)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # ("<<: *anchor": the keys it brings are the anchor's)
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"{key!r} given twice (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        items = Lines(super().construct_sequence(node, deep=deep))
        items.lines = [item.start_mark.line + 1 for item in node.value]
        return items


_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


class Lines(list):
    """A YAML list that knows the line each of its items starts on."""

    lines: list[int]


#: What each key of the data files holds, checked as each file is read, so a wrong value is
#: an error naming its line rather than a name like "['Ada', 'Bo']" or a crash at tagging:
#: text (quoted where YAML would read a number: "1917"), a slug, a list of texts, a number, a
#: mapping of words to numbers, true or false, a Wikidata id.
KEY_KINDS = {
    "name": "text", "slug": "slug", "aliases": "texts", "role": "text",
    "description": "text", "wikidata": "wikidata", "family_name": "text", "why": "text",
    "parent": "slug", "iptc": "text", "phrases": "weights", "lemmas": "weights",
    "require_any": "texts", "yields_to": "texts", "lower_case": "texts",
    "title_boost": "number", "threshold": "number", "names_are_cues": "flag",
}  # fmt: skip
#: A slug is a page's address: lower-case ASCII letters and digits joined by single hyphens.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


def _text(value: object) -> str | None:
    """A value's text, for a key that holds text: a string. (A number written bare is no text:
    YAML reads `007` as 7, `1.50` as 1.5 and `10:30` as 630; quoted, it is as written.)"""
    return value if isinstance(value, str) else None


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _problem(key: str, value: object) -> str | None:
    """What is wrong with an entry's value for `key` (KEY_KINDS), or None."""
    kind = KEY_KINDS.get(key)
    if kind in ("text", "slug", "wikidata"):
        text = _text(value)
        if text is None:
            return (
                f"{key} must be text, not {_kind_of(value)} (quote it if YAML reads it otherwise)"
            )
        if kind == "slug" and not _SLUG.fullmatch(text):
            return f"{key} {text!r} must be lower-case letters and digits joined by hyphens"
        if kind == "wikidata" and not _WIKIDATA.fullmatch(text):
            return f"{key} {text!r} is no Wikidata id (Q and a number: Q42)"
    elif kind == "texts":
        if not isinstance(value, list):
            return f"{key} must be a list"
        if bad := [item for item in value if _text(item) is None]:
            return f"{key} must list texts, not {_kind_of(bad[0])}"
    elif kind == "number" and not _number(value):
        return f"{key} must be a number, not {_kind_of(value)}"
    elif kind == "weights":
        if not isinstance(value, dict):
            return f"{key} must map words to weights"
        words = {w: n for w, n in value.items() if w != "__line__"}
        if any(not _number(n) for n in words.values()):
            return f"{key} weights must be numbers"
        # (a word YAML reads as a number, "2008: 2", is that number's digits)
        if any(isinstance(w, bool) or not str(w).strip() for w in words):
            return f"{key} has an empty word: every word needs its letters"
    elif kind == "flag" and not isinstance(value, bool):
        return f"{key} must be true or false"
    return None


def _kind_of(value: object) -> str:
    """How an error names a wrong value: "a list", "a mapping", "true"."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or value == "":
        return "empty"
    return repr(value)


def load_entries(path: Path, required: tuple[str, ...], allowed: set[str]) -> list[dict]:
    """A YAML list of mappings, each checked for required and unknown keys and for what each
    key holds (KEY_KINDS)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except OSError as err:
        raise RegistryError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        text = utf8_text(raw)
    except NotUTF8 as err:
        raise RegistryError(
            f"{path}:{err.line}: not UTF-8 text (byte {err.byte:#04x}): save it as UTF-8"
        ) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        # where the broken construct starts when that is near where the parser gave up, else
        # where it gave up (for an entry deep in a long list, the construct is the whole list)
        problem_mark = getattr(err, "problem_mark", None)
        context_mark = getattr(err, "context_mark", None)
        near = problem_mark and context_mark and problem_mark.line - context_mark.line <= 20
        mark = context_mark if near or not problem_mark else problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        # a quote left open reads on to the next quote, lines away (often in a comment): the
        # parser gives up there, and the line to name is the one with the open quote
        if problem_mark and (open_at := _open_quote_line(text, context_mark, problem_mark)):
            line, problem = f":{open_at}", f"a quote opened here is not closed; {problem}"
        raise RegistryError(f"{path}{line}: not valid YAML ({problem})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RegistryError(f"{path}:1: expected a list of entries")
    for number, entry in zip(data.lines, data, strict=True):
        if not isinstance(entry, dict):
            raise RegistryError(
                f"{path}:{number}: every entry must be a mapping (found {_kind_of(entry)})"
            )
        _check_entry(path, entry, required, allowed)
    return data


def _check_entry(path: Path, entry: dict, required: tuple[str, ...], allowed: set[str]) -> None:
    line = entry["__line__"]
    missing = [key for key in required if entry.get(key) in (None, "", [], {})]
    if missing:
        raise RegistryError(f"{path}:{line}: entry is missing {', '.join(missing)}")
    unknown = {str(key) for key in entry} - allowed - {"__line__"}
    if unknown:
        raise RegistryError(f"{path}:{line}: unknown keys {', '.join(sorted(unknown))}")
    for key, value in entry.items():
        if key == "__line__" or (value is None and key not in required):
            continue
        if problem := _problem(key, value):
            raise RegistryError(f"{path}:{line}: {problem}")


def check_unique(path: Path, entries: list[dict], key: str) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        value = str(entry[key])
        if value in seen:
            raise RegistryError(
                f"{path}:{entry['__line__']}: duplicate {key} {value!r} (first on line {seen[value]})"
            )
        seen[value] = entry["__line__"]


def string_list(entry: dict, key: str) -> list[str]:
    """An entry's list of names ("aliases"): absent is empty (load_entries checked the rest)."""
    return list(entry.get(key) or [])


def flag(entry: dict, key: str) -> bool:
    """An entry's yes-or-no setting ("names_are_cues"): absent is false (load_entries made sure
    it is true or false: YAML's "yes please" is a string, not a yes)."""
    return bool(entry.get(key, False))


def _open_quote_line(text: str, context_mark, problem_mark) -> int | None:
    """The first line, from where the broken construct starts to where the parser gave up,
    that leaves a quoted value open: a quote opening a value (after `: `, `- `, `[`, `{`, `,`
    or at the line's start) and not closed on the line ('Kastria's', `5" screen` open none)."""
    lines = text.splitlines()
    first = context_mark.line if context_mark else 0
    for number in range(first, min(problem_mark.line + 1, len(lines))):
        if _opens_a_quote(lines[number]):
            return number + 1
    return None


def _opens_a_quote(line: str) -> bool:
    quote, before = None, " "
    at = 0
    while at < len(line):
        ch = line[at]
        if quote is None:
            if ch == "#" and before in " \t":
                return False  # (a comment: the rest is no value)
            if ch in "\"'" and line[:at].rstrip()[-1:] in ("", ":", "-", "[", "{", ","):
                quote = ch
        elif ch == "\\" and quote == '"':
            at += 1  # (an escaped character)
        elif ch == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":
                at += 1  # ('' is a quote inside single quotes)
            else:
                quote = None
        before = ch
        at += 1
    return quote is not None
