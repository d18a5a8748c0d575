"""Content negotiation: pick a media type from an ``Accept`` header.

>>> best_match("text/csv;q=0.5, application/sparql-results+json", ["text/csv",
...     "application/sparql-results+json"])
'application/sparql-results+json'
>>> best_match("*/*", ["text/turtle", "text/html"])
'text/turtle'
"""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (stable for equal q)."""
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return sorted(ranges, key=lambda r: -r[1])


def best_match(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered type the client prefers; the first offered for a missing header."""
    if not header:
        return offered[0]
    for media_range, q in parse_accept(header):
        if q <= 0:
            continue
        if media_range in ("*/*", "*"):
            return offered[0]
        if media_range.endswith("/*"):
            major = media_range[:-1]
            for media_type in offered:
                if media_type.startswith(major):
                    return media_type
        elif media_range in offered:
            return media_range
    return None
