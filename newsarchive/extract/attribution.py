"""Attribution lines ("This article was published in Global Security Newswire, ...").

They name the article's source. They are shown as a source note, never as body text.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"""^(?:this\s+(?:article|story|report|piece|item)\s+(?:was\s+|is\s+|has\s+been\s+)?
         (?:originally\s+|first\s+)?(?:published|appeared|posted|reprinted|republished|produced)
       |(?:originally|first)\s+(?:published|appeared|posted)
       |reprinted|republished|(?:published|reproduced)\s+with\s+permission)
       \s+(?:here\s+)?(?:in|by|on|at|from)\s+(?:the\s+)?(?P<source>.+)$""",
    re.I | re.X,
)
_SOURCE_END = re.compile(r"[,;.(]\s|\s(?:which|and is|under|on [A-Z][a-z]+day|in \d{4})\b|\.$|$")


def attribution_source(line: str) -> str | None:
    """The publication an attribution line names, or None if the line is not one."""
    match = _ATTRIBUTION.match(line.strip())
    if not match:
        return None
    rest = match.group("source").strip()
    end = _SOURCE_END.search(rest)
    name = rest[: end.start()] if end else rest
    name = name.strip(" \"'“”‘’")
    if not name or len(name.split()) > 8 or not name[0].isupper():
        return None
    return name
