"""Split German prose into sentences with their offsets.

INITIAL VERSION (interface fixed): a simple rule that knows common abbreviations.
"""

from __future__ import annotations

import re

_ABBREV = ("z.B.", "z. B.", "u.a.", "bzw.", "ca.", "d.h.", "usw.", "etc.", "Nr.", "Dr.", "vgl.", "ggf.", "inkl.", "u. a.", "Mio.", "Mrd.", "Abs.", "Str.", "ehem.", "stellv.", "evtl.", "insb.")
_END = re.compile(r"[.!?](?=\s+[A-ZÄÖÜ„\"(0-9])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences in ``text[start:end]``, trimmed of white space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if any(text[max(start, stop - len(a)) : stop] == a for a in _ABBREV):
            continue
        spans.append((cur, stop))
        cur = stop
    spans.append((cur, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
