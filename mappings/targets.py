"""Extract quantities and deadlines from a statement's normalised text as :class:`Target`.

INITIAL VERSION (interface fixed, to be completed by the semantics work).
"""

from __future__ import annotations

import re
from decimal import Decimal

from mappings.records import Target, TargetKind

_YEAR = re.compile(r"\bbis (?:zum Jahr |spätestens )?(20[2-5]\d)\b")


def extract_targets(text: str) -> tuple[Target, ...]:
    """All targets in ``text``, in order of appearance."""
    found: list[Target] = []
    for m in _YEAR.finditer(text):
        found.append(Target(kind=TargetKind.DEADLINE, text=m.group(0), target_year=int(m.group(1))))
    return tuple(found)


def _number(s: str) -> Decimal:
    return Decimal(s.replace(".", "").replace(",", "."))
