"""The signature block that closes an agreement: bold names over their roles and bodies.

A cooperation agreement or a joint declaration ends with who signed it::

    **Dr. Jendrik Suck**

    Vorsitzender
    CDU-Ratsfraktion

    Dortmund, den 22. März 2021

Each signature is a bold name, a blank line, then lines in pairs: the role, the organisation.
An organisation line ending in "und" joins the next pair ("stellv. Vorsitzender /
CDU-Ratsfraktion und / kommissarischer Vorsitzender / des Kreisverbandes CDU" is two offices
of one person, one :class:`Signatory` each, both with the span of the whole signature). The
signatories become memberships in the graph; the block yields no statements.

Only a block that reads as signatures counts: names shaped like a person's (two to four
capitalised words, an academic title allowed: "Dr. Jendrik Suck"), role and organisation lines
under each, and a place-and-date line ("Dortmund, den 22. März 2021"). A closing "**Impressum**"
or "**Unsere Partner**" over a few short lines is text, not people.
"""

from __future__ import annotations

import re

from mappings.forms._units import BOLD_LINE as _NAME
from mappings.forms._units import DATELINE as _PLACE_DATE
from mappings.records import Signatory
from mappings.text.source import SourceText

_PERSON = re.compile(
    r"(?!(?:Unser|Ihr|Mein|Dein|Euer|Die|Der|Das|Dies|Alle|Weitere|Wir)\w*\s)"  # no "Unsere …"
    r"(?:(?:Dr|Prof)\.\s+)*[A-ZÄÖÜ][\w'-]+(?:\s+(?:von|van|de|zu)\b)?(?:\s+[A-ZÄÖÜ][\w'-]+){1,3}"
)
_OFFICE_LINE_WORDS = 8


def signature_block(source: SourceText) -> int | None:
    """The first line of the signature block that ends the document, or ``None``.

    The block is the longest run of whole signatures (and a place-and-date line) before the
    end of the file; it must hold at least one signature that reads.
    """
    start: int | None = None
    dated = False
    n = source.line_count
    while n >= 1:
        line = source.line(n).strip()
        if not line or _PLACE_DATE.fullmatch(line):
            dated = dated or bool(line)
            n -= 1
            continue
        first = _signature_start(source, n)
        if first is None:
            break
        start, n = first, first - 1
    if start is None or not dated:
        return None
    try:
        people = signatories(source, start, source.line_count)
    except ValueError:
        return None
    return start if all(_PERSON.fullmatch(p.name) for p in people) else None


def _signature_start(source: SourceText, last: int) -> int | None:
    """The bold-name line of a signature whose office lines end at ``last``."""
    n = last
    while n >= 1 and source.line(n).strip() and not _NAME.fullmatch(source.line(n).strip()):
        office = source.line(n).strip()
        if len(office.split()) > _OFFICE_LINE_WORDS or office[-1] in ".!?:":
            return None
        n -= 1
    if n == last or n < 1:
        return None
    while n >= 1 and not source.line(n).strip():
        n -= 1
    return n if n >= 1 and _NAME.fullmatch(source.line(n).strip()) else None


def signatories(source: SourceText, first: int, last: int) -> list[Signatory]:
    """The signatures on lines ``first`` to ``last``; :class:`ValueError` naming the line of
    one that does not read as a name over role and organisation lines."""
    out: list[Signatory] = []
    n = first
    while n <= last:
        line = source.line(n)
        if not line.strip() or _PLACE_DATE.fullmatch(line.strip()):
            n += 1
            continue
        name = _NAME.fullmatch(line.strip())
        if not name:
            raise ValueError(f"{source.name}:{n}: expected a signatory's bold name")
        m = n + 1
        while m <= last and not source.line(m).strip():
            m += 1
        end = m
        while end <= last and source.line(end).strip():
            end += 1
        lines = [source.line(k).strip() for k in range(m, end)]
        if not lines or len(lines) % 2:
            raise ValueError(f"{source.name}:{n}: signature needs role and organisation lines")
        span = source.trimmed_span(source.line_start(n), source.line_end(end - 1))
        pairs = list(zip(lines[::2], lines[1::2], strict=True))
        for i, (role, org) in enumerate(pairs):
            more = i + 1 < len(pairs)
            if more != org.endswith(" und"):
                raise ValueError(f"{source.name}:{m + 2 * i + 1}: cannot read offices")
            out.append(
                Signatory(
                    name=name.group("title").strip(),
                    role=role,
                    organisation=org.removesuffix(" und"),
                    span=span,
                )
            )
        n = end
    return out
