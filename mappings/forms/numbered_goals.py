"""Parser for the text form ``numbered_goals`` (the 2021 Grüne/CDU Leitlinien).

The document is Markdown-ish: a title block, then ``##``/``###`` policy areas. Each area
opens with prose (whose sentences become ``intro-sentence`` statements, pledges only where
the modality classifier finds a cue), then "Unsere Ziele sind:" and a numbered list of goals
(``goal`` statements, commitments unless a cue says otherwise) with optional ``  -``
sub-items (``sub-item`` statements whose ``parent`` is their goal). The signatures close the
document.

Decisions, so that records point back to the exact characters they came from:

* The title block before the first heading yields nothing: title and authors come from the
  registry (``documents.toml``), and its address lines are no statements.
* A goal's span starts after its printed marker ("18. "): the number is kept in
  :attr:`Statement.number`, the span holds only the words. A sub-item's span starts after
  "  - ". Both end at the last non-blank character (a list comma stays in the verbatim
  text; the normalised text drops it).
* Heading levels follow the number of ``#``, but the source uses ``##`` and ``###`` for
  sibling areas ("Mobilität" is no part of "Wohnen und Bauen"), so sections get no parent.
* Numbering must run 1, 2, 3 … per area; a blank line inside the list does not restart it.
  A jump raises :class:`ValueError` naming ``file:line``, as does any line this form does
  not expect, so that a changed source fails loudly instead of losing pledges.
* A prose paragraph broken by a blank line mid-sentence (a page break: "Frauen" / "und
  Männern") is joined before splitting it into sentences.
* A signatory with two offices (Sascha Mader) yields one :class:`Signatory` per office, so
  each maps to its own membership; both records carry the span of the whole signature.
* A sub-item's ``lead_in`` is its goal's normalised text ("… unter Beachtung"), which the
  classifier reads with it; intro sentences are classified alone, default ``STATEMENT``.
* Addressees are only looked up for demands: a body named in a commitment ("in Abstimmung
  mit dem VRR") is a partner, not the one the pledge is addressed to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Section, Signatory, Statement
from mappings.registry import DocumentInfo
from mappings.statements import Normaliser, StatementBuilder
from mappings.text.markup import strip_markdown
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

GOALS_LEAD_IN = "Unsere Ziele sind:"

_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*$")
_GOAL = re.compile(r"^(\d+)\.\s+(\S.*?)\s*$")
_SUB_ITEM = re.compile(r"^\s+-\s+(\S.*?)\s*$")
_NAME = re.compile(r"^\*\*(\S.*?)\*\*\s*$")
_PLACE_DATE = re.compile(r"^\w+, den \d{1,2}\. \w+ \d{4}\s*$")
_SENTENCE_END = ".!?:"


NORMALISER = Normaliser(strip=strip_markdown)


@dataclass(frozen=True)
class _Area:
    """A heading and the lines up to the next heading (1-based, inclusive)."""

    section: Section
    first: int
    last: int


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Read sections, intro sentences, goals, sub-items and signatories of the document."""
    areas = _areas(source)
    if not areas:
        raise ValueError(f"{source.name}: no '##' heading found")
    doc = ParsedDocument(doc_id=info.id, sections=[a.section for a in areas])
    builder = StatementBuilder(source, NORMALISER)
    for i, area in enumerate(areas):
        trailer = _parse_area(source, area, builder)
        if trailer is None:
            continue
        if i != len(areas) - 1:
            raise ValueError(f"{source.name}:{trailer}: unexpected text after the goals")
        doc.signatories = _signatories(source, trailer, area.last)
    doc.statements = builder.statements
    return doc


def _areas(source: SourceText) -> list[_Area]:
    starts: list[tuple[int, int, str]] = []
    for n in range(1, source.line_count + 1):
        m = _HEADING.match(source.line(n))
        if m:
            starts.append((n, len(m.group(1)), m.group(2).replace("**", "").strip()))
    areas: list[_Area] = []
    for i, (n, level, title) in enumerate(starts):
        key = slugify(title)
        if any(a.section.key == key for a in areas):
            raise ValueError(f"{source.name}:{n}: heading {title!r} occurs twice")
        last = starts[i + 1][0] - 1 if i + 1 < len(starts) else source.line_count
        span = source.trimmed_span(source.line_start(n), source.line_end(n))
        section = Section(key=key, title=title, level=level, span=span, ordinal=i + 1)
        areas.append(_Area(section=section, first=n + 1, last=last))
    return areas


def _parse_area(source: SourceText, area: _Area, builder: StatementBuilder) -> int | None:
    """Add the area's statements; return the first line after its goals, if text follows."""
    lead = next(
        (n for n in range(area.first, area.last + 1) if source.line(n).strip() == GOALS_LEAD_IN),
        None,
    )
    intro_last = area.last if lead is None else lead - 1
    for n in range(area.first, intro_last + 1):
        if _GOAL.match(source.line(n)) or _SUB_ITEM.match(source.line(n)):
            raise ValueError(f"{source.name}:{n}: list item before {GOALS_LEAD_IN!r}")
    _intro(source, area, area.first, intro_last, builder)
    if lead is None:
        return None
    return _goals(source, area, lead + 1, builder)


def _intro(
    source: SourceText, area: _Area, first: int, last: int, builder: StatementBuilder
) -> None:
    title, key = area.section.title, area.section.key
    for start, end in _paragraphs(source, first, last):
        for a, b in split_sentences(source.text, start, end):
            builder.add(source.span(a, b), kind="intro-sentence", section_key=key, path=(title,))


def _paragraphs(source: SourceText, first: int, last: int) -> list[tuple[int, int]]:
    """Character ranges of prose paragraphs, rejoining one split mid-sentence by a blank."""
    blocks: list[tuple[int, int]] = []
    open_block: int | None = None
    for n in range(first, last + 2):
        blank = n > last or not source.line(n).strip()
        if not blank and open_block is None:
            open_block = n
        elif blank and open_block is not None:
            blocks.append((source.line_start(open_block), source.line_end(n - 1)))
            open_block = None
    merged: list[tuple[int, int]] = []
    for start, end in blocks:
        if merged:
            prev = source.text[merged[-1][0] : merged[-1][1]].rstrip()
            if prev[-1] not in _SENTENCE_END and source.text[start].islower():
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


@dataclass
class _Item:
    """A numbered goal or a sub-item while the list is read: where its text starts and ends."""

    kind: str
    number: int | None
    start: int
    last_line: int


def _goals(source: SourceText, area: _Area, first: int, builder: StatementBuilder) -> int | None:
    """Add goals and sub-items from ``first``; the line where other text begins, if any."""
    items, trailer = _list_items(source, area, first)
    if not items:
        raise ValueError(f"{source.name}:{first - 1}: {GOALS_LEAD_IN!r} without goals")
    title = area.section.title
    goal: Statement | None = None
    subs = 0
    for item in items:
        span = source.trimmed_span(item.start, source.line_end(item.last_line))
        if item.kind == "goal":
            path: tuple[str, ...] = (title, f"Ziel {item.number}")
            goal = builder.add(
                span,
                kind="goal",
                section_key=area.section.key,
                path=path,
                default=Modality.COMMITMENT,
                number=str(item.number),
            )
            subs = 0
            continue
        if goal is None:  # _list_items rejects this; kept for the type checker
            raise ValueError(f"{source.name}:{span.line_start}: sub-item before any goal")
        subs += 1
        path = (title, f"Ziel {goal.number}", f"Unterpunkt {subs}")
        builder.add(
            span,
            kind="sub-item",
            section_key=area.section.key,
            path=path,
            default=Modality.COMMITMENT,
            parent=goal.ordinal,
            lead_in=goal.normalised,
            list_item=True,
        )
    return trailer


def _list_items(source: SourceText, area: _Area, first: int) -> tuple[list[_Item], int | None]:
    """The list's items in order, checking the numbering 1, 2, 3 … across blank lines.

    A line that is neither a goal nor a sub-item continues the item above it (a wrapped
    line); after a blank line it ends the list, and its line number is returned.
    """
    items: list[_Item] = []
    expected = 1
    previous_blank = True
    for n in range(first, area.last + 1):
        line = source.line(n)
        if not line.strip():
            previous_blank = True
            continue
        goal_m = _GOAL.match(line)
        sub_m = _SUB_ITEM.match(line)
        if goal_m:
            number = int(goal_m.group(1))
            if number != expected:
                raise ValueError(
                    f"{source.name}:{n}: goal numbered {number}, expected {expected} "
                    f"in {area.section.title!r}"
                )
            expected += 1
            items.append(_Item("goal", number, source.line_start(n) + goal_m.start(2), n))
        elif sub_m:
            if not items:
                raise ValueError(f"{source.name}:{n}: sub-item before any goal")
            items.append(_Item("sub-item", None, source.line_start(n) + sub_m.start(1), n))
        elif previous_blank or not items:
            return items, n
        else:
            items[-1].last_line = n
        previous_blank = False
    return items, None


def _signatories(source: SourceText, first: int, last: int) -> list[Signatory]:
    """Signatures: a bold name, a blank line, then role/organisation line pairs.

    An organisation line ending in "und" joins the next pair: "stellv. Vorsitzender /
    CDU-Ratsfraktion und / kommissarischer Vorsitzender / des Kreisverbandes CDU" is two
    offices of one person.
    """
    out: list[Signatory] = []
    n = first
    while n <= last:
        line = source.line(n)
        if not line.strip() or _PLACE_DATE.match(line):
            n += 1
            continue
        name = _NAME.match(line)
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
            org = org.removesuffix(" und")
            out.append(
                Signatory(name=name.group(1).strip(), role=role, organisation=org, span=span)
            )
        n = end
    return out
