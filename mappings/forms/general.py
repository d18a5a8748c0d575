"""The general text form: common layouts of German policy documents, read without a tailor.

For a new document whose layout no dedicated form knows. It reads, line by line:

* **page furniture** — running headers (a stand-alone line that repeats) and page-number
  footers — kept in ``verbatim`` (the exact source slice) and left out of ``normalised``;
* **headings** — Markdown ``#``, a bold-only line, a line in capitals (an OCR'd chapter
  heading, number garbled or not: "J. WOHNEN …"), a numbered line "2.1 Titel" standing alone,
  or a short stand-alone line without sentence punctuation ("Einleitung:", "Mobilität");
  numbering depth or ``#`` count gives the level;
* **list items** — bullets ``● • ▪ - – *`` and numbered or lettered items ``1.`` ``1)``
  ``a)`` ``(a)``; an item indented deeper than the one before is its sub-item (``parent``);
  a dash or a number opens an item only where a list can start (after a blank line, a colon,
  a finished sentence or another item), so a wrapped line "22. März" or "– oft" stays prose;
* **paragraphs** — split into sentences; a paragraph cut by a blank line, a page break or
  furniture in mid-sentence (the part after starts lower-case or the part before does not end
  its sentence) is joined again; a line that opens a page with a space after a finished
  sentence starts a new paragraph.

Top-level heading numbers are read as their sequence ("J." in third place is 3, an OCR
confusion); a stand-alone "8. …" after item 7 is item 8, not a heading. A registry entry with
``headings = "flat"`` makes every heading a peer of the others.

A paragraph's last sentence that leads into a list (ends in ":" or is unfinished: "Dafür
werden wir") is no statement: it is the ``lead_in`` of the list's items, which are
commitments when the lead-in speaks for the author ("wir", "uns", "unsere"). An item that is
itself a lead-in leads the items after it; one over deeper sub-items is read like any item
(a goal with its details). A lead-in that names its items ("Unsere Ziele sind:") labels the
numbered ones in the section path ("Ziel 18"), their sub-items "Unterpunkt 1", 2, …; a
sub-item takes its parent's default modality. A sentence that announces demands up to a colon
("… erwarten wir klare Vorgaben: …") leads the rest of its paragraph. A signature block at
the end (:mod:`mappings.forms._signatures`) gives the signatories, no statements. Text
before the first heading is the title matter (title and authors come from the registry). A
document in which no heading survived (the text
layer of a PDF) is cut into inferred topic sections (:mod:`mappings.forms._topic_sections`).
Items marked by a bullet glyph are ``bullet`` statements, numbered, lettered and dashed ones
``item``. Hyphenation and line joins are the statement builder's (:mod:`mappings.statements`),
and so is OCR repair, for a document that reads as OCR output (:func:`ocr_damaged`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import simplemma

from mappings.classify import modality as modality_cues
from mappings.forms._signatures import signatories, signature_block
from mappings.forms._topic_sections import TopicSections, opens_page
from mappings.forms._units import (
    DATELINE,
    SPEAKS,
    Unit,
    before_item,
    join_units,
    read_heading_numbers,
    read_units,
)
from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Section, Statement
from mappings.registry import DocumentInfo
from mappings.statements import Normaliser, StatementBuilder
from mappings.text.layout import (
    ends_sentence,
    is_lead_in,
    is_page_number,
    neutralise_quote_openers,
    running_headers,
)
from mappings.text.markup import strip_markdown
from mappings.text.ocr import ocr_damaged, repair
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

NORMALISER = Normaliser(strip=strip_markdown, repair=repair)
CLEAN_NORMALISER = Normaliser(strip=strip_markdown)  # a clean text layer needs no OCR repair

_SHORT_LINE_WORDS = 6
_NESTING_INDENT = 2  # a page-start space is no nesting; "  - " under "1. " is
_TITLE_MATTER_WORDS = 30
_ITEMS_NAMED = re.compile(  # "Unsere Ziele sind:" names what the numbered items below are
    r"(?:Unsere|Meine|Ihre|Diese|Folgende|Weitere)\s+(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)"
    r"(?:\s+(?:sind|lauten))?\s*:"
)
SUB_ITEM_LABEL = "Unterpunkt"


@dataclass(frozen=True)
class _ItemContext:
    """How a list item is read: under which lead-in or parent, committing or not."""

    lead_in: str | None
    default: Modality
    modality: Modality | None
    parent: int | None
    number: str | None
    bullet: bool = False
    label: tuple[str, ...] = ()  # "Ziel 18" (, "Unterpunkt 2"): where it stands in the path


@dataclass
class _OpenItem:
    """A list item that later, deeper items may hang under."""

    indent: int
    statement: Statement
    default: Modality
    label: tuple[str, ...]
    children: int = 0


@dataclass
class _Reader:
    source: SourceText
    info: DocumentInfo
    builder: StatementBuilder
    split_text: str  # furniture blanked, OCR quote openers neutralised: what sentences are cut in
    sections: list[Section] = field(default_factory=list)
    open_sections: list[Section] = field(default_factory=list)
    items: list[_OpenItem] = field(default_factory=list)
    lead_in: str | None = None
    item_noun: str | None = None  # what the lead-in calls the numbered items: "Ziel"
    topics: TopicSections | None = None  # sections inferred where no heading survived

    def section(self, start: int) -> Section:
        """The open section; a document without headings gets one titled like the document,
        spanning the first line of its text."""
        if not self.open_sections:
            line = self.source.line_of(start)
            end = self.source.line_end(line)
            self.heading(Unit("heading", line, line, start, end, title=self.info.title))
        return self.open_sections[-1]

    def heading(self, unit: Unit) -> None:
        while self.open_sections and (
            self.open_sections[-1].level >= unit.level or self.info.flat_headings
        ):
            self.open_sections.pop()
        parent = self.open_sections[-1] if self.open_sections else None
        key = slugify(unit.title) or f"abschnitt-{len(self.sections) + 1}"
        taken, n = {s.key for s in self.sections}, 2
        while (f"{key}-{n}" if n > 2 else key) in taken:
            n += 1
        section = Section(
            key=f"{key}-{n}" if n > 2 else key,
            title=unit.title,
            level=unit.level,
            span=self.source.trimmed_span(unit.start, unit.end),
            parent_key=parent.key if parent else None,
            ordinal=len(self.sections) + 1,
            number=unit.number,
        )
        self.sections.append(section)
        self.open_sections.append(section)
        self.items, self.lead_in, self.item_noun = [], None, None

    def add(
        self, start: int, end: int, item: _ItemContext | None = None, lead_in: str | None = None
    ) -> Statement:
        """A sentence (under a ``lead_in`` announced earlier in its paragraph), or a list item
        read in its ``item`` context, in the open section."""
        span = self.source.trimmed_span(start, end)
        path: tuple[str, ...]
        if self.topics is not None and (topic := self.topics.current) is not None:
            self.topics.counted(span.char_end)
            key, path = topic.key, (topic.title,)
        else:
            section = self.section(start)
            key, path = section.key, tuple(s.title for s in self.open_sections)
            path += item.label if item is not None else ()
        if item is None:
            return self.builder.add(
                span, kind="sentence", section_key=key, path=path, lead_in=lead_in
            )
        return self.builder.add(
            span,
            kind="bullet" if item.bullet else "item",
            section_key=key,
            path=path,
            lead_in=item.lead_in,
            default=item.default,
            modality=item.modality,
            parent=item.parent,
            number=item.number,
            list_item=True,
        )


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Sections, sentences and list items of a document in a common layout."""
    furniture = _furniture(source)
    damaged = ocr_damaged(source.text)
    builder = StatementBuilder(source, NORMALISER if damaged else CLEAN_NORMALISER, furniture)
    signed_from = signature_block(source)  # the signatures are people, not statements
    last_line = None if signed_from is None else signed_from - 1
    units = join_units(source, read_units(source, furniture, last_line))
    if damaged:  # an OCR'd "J." in third place is 3; in a clean text a "6" stays 6
        read_heading_numbers(units)
    reader = _Reader(source, info, builder, neutralise_quote_openers(builder.clean_text))
    first = _title_matter(source, units)
    if not any(u.kind == "heading" for u in units[first:]):
        reader.topics = TopicSections()
    for i in range(first, len(units)):
        unit = units[i]
        following = units[i + 1] if i + 1 < len(units) else None
        if unit.kind == "heading":
            reader.heading(unit)
        elif unit.kind == "item":
            _item(reader, unit, following)
        elif not _line_block(source, unit) or (following is not None and following.kind == "item"):
            _paragraph(
                reader, unit, following, opens_page=opens_page(source, unit.first, furniture)
            )
        if reader.topics is not None:
            reader.topics.extend(unit.end)
    sections = reader.topics.sections(source) if reader.topics is not None else reader.sections
    signed = [] if signed_from is None else signatories(source, signed_from, source.line_count)
    return ParsedDocument(
        doc_id=info.id, sections=sections, statements=builder.statements, signatories=signed
    )


def _furniture(source: SourceText) -> set[int]:
    """Page numbers, and running headers that read like headers, not like a repeated sentence
    end ("schaffen." standing alone on two pages is text) or a lead-in ("Dafür werden wir")."""
    lines = {n for n in range(1, source.line_count + 1) if is_page_number(source.line(n))}
    for n in running_headers(source):
        text = source.line(n).strip()
        leads = is_lead_in(text) or (SPEAKS.search(text) is not None and before_item(source, n))
        if not text[0].islower() and text[-1] not in ".,;:!?" and not leads:
            lines.add(n)
    return lines


def _title_matter(source: SourceText, units: list[Unit]) -> int:
    """How many units open the document as its title page: those before the first heading
    that is followed by prose or a list, as long as none of them is a paragraph of prose."""
    for i, unit in enumerate(units):
        if unit.kind != "heading" and len(source.text[unit.start : unit.end].split()) > (
            _TITLE_MATTER_WORDS
        ):
            return 0
        following = units[i + 1] if i + 1 < len(units) else None
        if unit.kind == "heading" and following is not None and following.kind != "heading":
            body = source.text[following.start : following.end]
            if following.kind == "item" or ends_sentence(body) or "." in body or body.endswith(":"):
                return i
    return 0


def _line_block(source: SourceText, unit: Unit) -> bool:
    """An address, a signature or a dateline: short lines without a sentence in them."""
    lines = [source.line(n).strip() for n in range(unit.first, unit.last + 1)]
    if len(lines) == 1 and DATELINE.fullmatch(lines[0]):
        return True
    text = " ".join(lines)
    return not any(c in text for c in ".!?:") and all(
        len(line.split()) <= _SHORT_LINE_WORDS for line in lines
    )


def _paragraph(
    reader: _Reader, unit: Unit, following: Unit | None, *, opens_page: bool = False
) -> None:
    source = reader.source
    sentences = split_sentences(reader.split_text, unit.start, unit.end)
    reader.items, reader.lead_in, reader.item_noun = [], None, None
    lead_span: tuple[int, int] | None = None
    if following is not None and following.kind == "item" and sentences:
        a, b = sentences[-1]
        if not ends_sentence(source.text[a:b]):
            lead_span = sentences.pop()
            reader.lead_in = reader.builder.normalise(a, b)
            reader.item_noun = item_noun(reader.lead_in)
    if reader.topics is not None:
        first = sentences[0] if sentences else lead_span or (unit.start, unit.end)
        reader.topics.paragraph(
            unit.start,
            reader.builder.normalise(*first),
            opens_page=opens_page,
            prose=bool(sentences),
        )
    announced: str | None = None
    for a, b in sentences:
        stmt = reader.add(a, b, lead_in=announced)
        announced = announced_lead_in(stmt.normalised) or announced


def _item(reader: _Reader, unit: Unit, following: Unit | None) -> None:
    while reader.items and reader.items[-1].indent + _NESTING_INDENT > unit.indent:
        reader.items.pop()
    open_parent = reader.items[-1] if reader.items else None
    parent = open_parent.statement if open_parent is not None else None
    lead_in = parent.normalised if parent is not None else reader.lead_in
    text = reader.builder.normalise(unit.start, unit.end)
    if reader.topics is not None:
        reader.topics.item(unit.start, text)
    leads = following is not None and following.kind == "item" and is_lead_in(text)
    # A lead-in item is no statement: "Außerdem wollen wir:" over its siblings or over deeper
    # sub-items; but "Primat der Politik durchsetzen:" over sub-items is a goal with details.
    deeper = following is not None and following.indent >= unit.indent + _NESTING_INDENT
    leads_siblings = leads and not deeper
    only_leads = leads_siblings or (leads and SPEAKS.search(text) is not None)
    speaks = lead_in is not None and SPEAKS.search(lead_in) is not None
    default = Modality.COMMITMENT if speaks else Modality.STATEMENT
    label: tuple[str, ...] = ()
    if open_parent is not None:
        default = Modality.COMMITMENT if speaks else open_parent.default  # a goal's sub-item
        open_parent.children += 1
        if open_parent.label:
            label = open_parent.label + (f"{SUB_ITEM_LABEL} {open_parent.children}",)
    elif reader.item_noun is not None and unit.number is not None:
        label = (f"{reader.item_noun} {unit.number}",)
    context = _ItemContext(
        lead_in=lead_in,
        default=default,
        modality=Modality.STATEMENT if only_leads else None,
        parent=parent.ordinal if parent is not None else None,
        number=unit.number,
        bullet=unit.bullet,
        label=label,
    )
    stmt = reader.add(unit.start, unit.end, context)
    if leads_siblings:
        reader.lead_in = text  # a lead-in item at the same depth leads its siblings
        reader.item_noun = item_noun(text)
    else:
        reader.items.append(_OpenItem(unit.indent, stmt, default, label))


def item_noun(lead_in: str) -> str | None:
    """What a lead-in calls the numbered items it introduces, in the singular, if it names them.

    >>> item_noun("Unsere Ziele sind:"), item_noun("Unsere Forderungen:"), item_noun("Wir wollen:")
    ('Ziel', 'Forderung', None)
    """
    m = _ITEMS_NAMED.fullmatch(lead_in.strip())
    if m is None:
        return None
    noun = m.group("noun")
    singular = str(simplemma.lemmatize(noun, lang="de"))
    return singular if singular != noun else None


def announced_lead_in(sentence: str) -> str | None:
    """The part of ``sentence`` up to a colon, if it announces demands that follow.

    "Aus dem Land und dem Bund erwarten wir klare Vorgaben: Die …" governs the sentences after
    it in its paragraph ("Die Kappungsgrenze … muss … gesenkt werden."); a colon followed by
    the demand itself in lower case ("Vom Land fordern wir: mehr Geld für Kitas.") announces
    nothing further.

    >>> announced_lead_in("Vom Bund erwarten wir klare Vorgaben: Die Mieten müssen sinken.")
    'Vom Bund erwarten wir klare Vorgaben:'
    >>> announced_lead_in("Vom Land fordern wir: mehr Geld für Kitas.") is None
    True
    """
    head, colon, rest = sentence.partition(": ")
    if not colon or not rest[:1].isupper():
        return None  # "Vom Land fordern wir: mehr Geld …" holds its demand itself
    lead = head + ":"
    return lead if modality_cues.classify(lead) is Modality.DEMAND else None
