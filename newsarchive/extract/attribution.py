"""Attribution lines ("This article was published in Global Security Newswire, ...").

They name the article's source. They are shown as a source note, never as body text.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"""^(?:this\s+(?:article|story|report|piece|item)\s+(?:was\s+|is\s+|has\s+been\s+)?
         (?:originally\s+|first\s+)?(?:published|appeared|posted|reprinted|republished|produced)
       |(?:originally|first)\s+(?:published|appeared|posted)
       |(?:reprinted|republished|published|reproduced)\s+(?:with|by)\s+(?:kind\s+)?permission
       |reprinted|republished)
       \s+(?:here\s+)?(?:in|by|on|at|from|of)\s+(?:the\s+)?(?P<source>.+)$""",
    re.I | re.X,
)
#: "Reprinted" or "republished" names the source only with "from" or "with permission"; on
#: the original's page, "This article was reprinted on Wired.com" names a copy.
_ELSEWHERE = re.compile(r"\b(?:reprinted|republished)\b")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$|\bpermission\b")
_SOURCE_END = re.compile(r"[,;.(]\s|\s(?:which|and is|under|on [A-Z][a-z]+day|in \d{4})\b|\.$|$")


def attribution_source(line: str) -> str | None:
    """The publication an attribution line names, or None if the line is not one."""
    match = _ATTRIBUTION.match(line.strip())
    if not match:
        return None
    lead = line.strip()[: match.start("source")].lower()
    if _ELSEWHERE.search(lead) and not _FROM.search(lead):
        return None  # "reprinted on Wired.com", said by the original: where else it ran
    rest = match.group("source").strip()
    end = _SOURCE_END.search(rest)
    name = rest[: end.start()] if end else rest
    name = name.strip(" \"'“”‘’")
    if not name or len(name.split()) > 8 or not name[0].isupper():
        return None
    return name
