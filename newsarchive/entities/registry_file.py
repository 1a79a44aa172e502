"""Reading the editor-maintained YAML files in data/ with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import yaml


class RegistryError(Exception):
    """A problem in a registry or taxonomy file: `file:line: reason`, one line."""


#: libyaml's parser when PyYAML has it (its wheels do): the registries load six times faster
#: (0.05 s against 0.33 s for the shipped two), at every build, import and retag.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader that remembers the line each mapping starts on (as `__line__`)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_entries(path: Path, required: tuple[str, ...], allowed: set[str]) -> list[dict]:
    """A YAML list of mappings, each checked for required and unknown keys."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except yaml.YAMLError as err:
        # where the broken construct starts when that is near where the parser gave up, else
        # where it gave up (for an entry deep in a long list, the construct is the whole list)
        problem_mark = getattr(err, "problem_mark", None)
        context_mark = getattr(err, "context_mark", None)
        near = problem_mark and context_mark and problem_mark.line - context_mark.line <= 20
        mark = context_mark if near or not problem_mark else problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RegistryError(f"{path}{line}: not valid YAML ({problem})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RegistryError(f"{path}:1: expected a list of entries")
    for entry in data:
        if not isinstance(entry, dict):
            raise RegistryError(f"{path}: every entry must be a mapping (found {entry!r})")
        line = entry["__line__"]
        missing = [key for key in required if not entry.get(key)]
        if missing:
            raise RegistryError(f"{path}:{line}: entry is missing {', '.join(missing)}")
        unknown = set(entry) - allowed - {"__line__"}
        if unknown:
            raise RegistryError(f"{path}:{line}: unknown keys {', '.join(sorted(unknown))}")
    return data


def check_unique(path: Path, entries: list[dict], key: str) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        value = str(entry[key])
        if value in seen:
            raise RegistryError(
                f"{path}:{entry['__line__']}: duplicate {key} {value!r} (first on line {seen[value]})"
            )
        seen[value] = entry["__line__"]


def string_list(path: Path, entry: dict, key: str) -> list[str]:
    """An entry's list of names ("aliases"): absent is empty, anything but a list an error."""
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise RegistryError(f"{path}:{entry['__line__']}: {key} must be a list")
    return [str(v) for v in value]


def flag(path: Path, entry: dict, key: str) -> bool:
    """An entry's yes-or-no setting ("names_are_cues"): absent is false, anything but true or
    false an error (YAML's "yes please" is a string, not a yes)."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise RegistryError(f"{path}:{entry['__line__']}: {key} must be true or false")
    return value
