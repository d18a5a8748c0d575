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

A paragraph's last sentence that leads into a list (ends in ":" or is unfinished: "Dafür
werden wir") is no statement: it is the ``lead_in`` of the list's items, which are
commitments when the lead-in speaks for the author ("wir", "uns", "unsere"). An item that is
itself a lead-in leads the items after it. Text before the first heading is the title matter
(title and authors come from the registry). A document in which no heading survived (the text
layer of a PDF) is cut into inferred topic sections (:mod:`mappings.forms._topic_sections`).
Items marked by a bullet glyph are ``bullet`` statements, numbered, lettered and dashed ones
``item``. Hyphenation and line joins are the statement builder's (:mod:`mappings.statements`),
and so is OCR repair, for a document that reads as OCR output (:func:`ocr_damaged`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings.classify import modality as modality_cues
from mappings.forms._topic_sections import TopicSections, opens_page
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
from mappings.text.markup import join_lines, strip_markdown
from mappings.text.ocr import ocr_damaged, repair
from mappings.text.ocr_marks import sequence_number
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

NORMALISER = Normaliser(strip=strip_markdown, repair=repair)
CLEAN_NORMALISER = Normaliser(strip=strip_markdown)  # a clean text layer needs no OCR repair

_MD_HEADING = re.compile(r"#{1,6}\s+(?P<title>\S.*?)\s*")
_BOLD_LINE = re.compile(r"\*\*(?P<title>[^*]+?)\*\*\s*")
_CAPS = re.compile(r"[^a-zäöüß]*[A-ZÄÖÜ]{2}[^a-zäöüß]*")
_NUMBERED_HEADING = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>[A-ZÄÖÜ].*?)\s*")
_ITEM = re.compile(
    r"(?P<indent>\s*)(?P<marker>[●•▪*\-–]|\d{1,2}[.)]|[a-zA-Z][.)]|\([a-z0-9]{1,2}\))\s+(?=\S)"
)
_ALWAYS_ITEM = "●•▪"
_SPEAKS = re.compile(r"\b(wir|uns|unser\w*)\b", re.I)
_SENTENCE_INSIDE = re.compile(r"[a-zäöüß]{2}[.!?]\s+[A-ZÄÖÜ]")  # "Ein Recht. Wir wollen mehr"
_DANGLING = re.compile(  # a line ending in a conjunction, an article or a preposition wraps on
    r"\b(?:und|oder|sowie|aber|der|die|das|den|dem|des|ein|eine|einen|einem|einer|mit|für|von"
    r"|zu|zum|zur|in|im|an|am|auf|bei|aus|nach|über|unter|durch|gegen|ohne)$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"[A-ZÄÖÜ][\w. -]*, (?:den )?\d{1,2}\. ?\w+\.? \d{4}\.?")
_HEADING_WORDS = 12
_SHORT_HEADING_WORDS = 8
_SHORT_LINE_WORDS = 6
_NESTING_INDENT = 2  # a page-start space is no nesting; "  - " under "1. " is
_TITLE_MATTER_WORDS = 30


@dataclass
class _Unit:
    """A heading, a list item or a paragraph: offsets of its text, lines it spans."""

    kind: str  # "heading", "item", "text"
    first: int
    last: int
    start: int
    end: int
    indent: int = 0
    level: int = 1
    number: str | None = None
    title: str = ""
    title_start: int = -1  # where a capitals heading's title begins, after its number
    bullet: bool = False  # a list item marked by a bullet glyph, not a number or a dash


@dataclass(frozen=True)
class _ItemContext:
    """How a list item is read: under which lead-in or parent, committing or not."""

    lead_in: str | None
    default: Modality
    modality: Modality | None
    parent: int | None
    number: str | None
    bullet: bool = False


@dataclass
class _Reader:
    source: SourceText
    info: DocumentInfo
    builder: StatementBuilder
    split_text: str  # furniture blanked, OCR quote openers neutralised: what sentences are cut in
    sections: list[Section] = field(default_factory=list)
    open_sections: list[Section] = field(default_factory=list)
    items: list[tuple[int, Statement]] = field(default_factory=list)  # (indent, item) open
    lead_in: str | None = None
    topics: TopicSections | None = None  # sections inferred where no heading survived

    def section(self, start: int) -> Section:
        """The open section; a document without headings gets one titled like the document,
        spanning the first line of its text."""
        if not self.open_sections:
            line = self.source.line_of(start)
            end = self.source.line_end(line)
            self.heading(_Unit("heading", line, line, start, end, title=self.info.title))
        return self.open_sections[-1]

    def heading(self, unit: _Unit) -> None:
        while self.open_sections and self.open_sections[-1].level >= unit.level:
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
        self.items, self.lead_in = [], None

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
    normaliser = NORMALISER if ocr_damaged(source.text) else CLEAN_NORMALISER
    builder = StatementBuilder(source, normaliser, furniture=furniture)
    units = _join(source, _units(source, furniture))
    _read_heading_numbers(units)
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
    return ParsedDocument(doc_id=info.id, sections=sections, statements=builder.statements)


def _furniture(source: SourceText) -> set[int]:
    """Page numbers, and running headers that read like headers, not like a repeated sentence
    end ("schaffen." standing alone on two pages is text) or a lead-in ("Dafür werden wir")."""
    lines = {n for n in range(1, source.line_count + 1) if is_page_number(source.line(n))}
    for n in running_headers(source):
        text = source.line(n).strip()
        leads = is_lead_in(text) or (_SPEAKS.search(text) is not None and _before_item(source, n))
        if not text[0].islower() and text[-1] not in ".,;:!?" and not leads:
            lines.add(n)
    return lines


def _title_matter(source: SourceText, units: list[_Unit]) -> int:
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
            if following.kind == "item" or ends_sentence(body) or "." in body:
                return i
    return 0


def _line_block(source: SourceText, unit: _Unit) -> bool:
    """An address, a signature or a dateline: short lines without a sentence in them."""
    lines = [source.line(n).strip() for n in range(unit.first, unit.last + 1)]
    if len(lines) == 1 and _DATELINE.fullmatch(lines[0]):
        return True
    text = " ".join(lines)
    return not any(c in text for c in ".!?:") and all(
        len(line.split()) <= _SHORT_LINE_WORDS for line in lines
    )


def _paragraph(
    reader: _Reader, unit: _Unit, following: _Unit | None, *, opens_page: bool = False
) -> None:
    source = reader.source
    sentences = split_sentences(reader.split_text, unit.start, unit.end)
    reader.items, reader.lead_in = [], None
    lead_span: tuple[int, int] | None = None
    if following is not None and following.kind == "item" and sentences:
        a, b = sentences[-1]
        if not ends_sentence(source.text[a:b]):
            lead_span = sentences.pop()
            reader.lead_in = reader.builder.normalise(a, b)
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


def _item(reader: _Reader, unit: _Unit, following: _Unit | None) -> None:
    while reader.items and reader.items[-1][0] + _NESTING_INDENT > unit.indent:
        reader.items.pop()
    parent = reader.items[-1][1] if reader.items else None
    lead_in = parent.normalised if parent is not None else reader.lead_in
    text = reader.builder.normalise(unit.start, unit.end)
    if reader.topics is not None:
        reader.topics.item(unit.start, text)
    leads = following is not None and following.kind == "item" and is_lead_in(text)
    speaks = lead_in is not None and _SPEAKS.search(lead_in) is not None
    context = _ItemContext(
        lead_in=lead_in,
        default=Modality.COMMITMENT if speaks else Modality.STATEMENT,
        modality=Modality.STATEMENT if leads else None,
        parent=parent.ordinal if parent is not None else None,
        number=unit.number,
        bullet=unit.bullet,
    )
    stmt = reader.add(unit.start, unit.end, context)
    if leads and following is not None and following.indent < unit.indent + _NESTING_INDENT:
        reader.lead_in = text  # a lead-in item at the same depth leads its siblings
    else:
        reader.items.append((unit.indent, stmt))


# --- lines into units -----------------------------------------------------------------------


def _units(source: SourceText, furniture: set[int]) -> list[_Unit]:
    """Headings, items and paragraph blocks in order; blank lines and furniture end a block."""
    units: list[_Unit] = []
    current: _Unit | None = None
    for n in range(1, source.line_count + 1):
        line = source.line(n)
        if not line.strip() or n in furniture:
            current = None
            continue
        start = source.line_start(n) + len(line) - len(line.lstrip())
        end = source.line_start(n) + len(line.rstrip())
        previous = source.line(n - 1) if n > 1 and n - 1 not in furniture else ""
        heading = _heading(source, n, furniture)
        if heading is not None:
            if current is not None and current.kind == "heading" and _CAPS.fullmatch(line):
                current.last, current.end = n, end  # a capitals heading over lines
                title_start = max(current.title_start, current.start)
                current.title = repair(join_lines(source.text[title_start:end])).rstrip(",")
                continue
            level, number, title = heading
            current = _Unit("heading", n, n, start, end, level=level, number=number, title=title)
            if number is not None:  # a wrapped title goes on after "J. "
                after = line.index(number) + len(number)
                after += len(line[after:]) - len(line[after:].lstrip(". "))
                current.title_start = source.line_start(n) + after
            units.append(current)
            continue
        item = _ITEM.match(line)
        if item and _opens_item(item.group("marker"), previous, current):
            indent = len(item.group("indent"))
            marker = item.group("marker").strip("().")
            number = marker.rstrip(")") if marker[0].isalnum() else None
            text_start = source.line_start(n) + item.end()
            current = _Unit(
                "item", n, n, text_start, end, indent=indent, number=number,
                bullet=item.group("marker") in _ALWAYS_ITEM,
            )  # fmt: skip
            units.append(current)
            continue
        page_start = line.startswith(" ") and current is not None and current.kind != "heading"
        new_paragraph = page_start and ends_sentence(previous) and line.lstrip()[:1].isupper()
        if current is not None and current.kind != "heading" and not new_paragraph:
            current.last, current.end = n, end
            continue
        current = _Unit("text", n, n, start, end)
        units.append(current)
    return units


def _opens_item(marker: str, previous: str, current: _Unit | None) -> bool:
    """Whether a line with a list marker opens an item rather than wrapping a sentence."""
    if marker in _ALWAYS_ITEM:
        return True
    before = previous.rstrip()
    after_list = current is not None and current.kind == "item"
    return not before or before.endswith(":") or ends_sentence(before) or after_list


def _heading(source: SourceText, n: int, furniture: set[int]) -> tuple[int, str | None, str] | None:
    """Level, number and title of a heading line, or ``None``."""
    line = source.line(n).strip()
    if m := _MD_HEADING.fullmatch(line):
        return line.index(" "), None, strip_markdown(m.group("title")).strip()
    if (m := _BOLD_LINE.fullmatch(line)) and not _DATELINE.fullmatch(m.group("title")):
        return 1, None, m.group("title").strip()
    words = line.split()
    wraps = line.endswith(",") and _caps_line(source, n + 1, furniture)  # "NICHT ALLES,"
    ends = line[-1] in ".;!?" or (line[-1] == "," and not wraps)
    if len(words) > _HEADING_WORDS or ends or _SENTENCE_INSIDE.search(line):
        return None
    if _CAPS.fullmatch(line) and len(re.findall(r"[A-ZÄÖÜ]", line)) > 3:
        head = line.split(maxsplit=1)
        number = head[0].rstrip(".") if len(head) > 1 and head[0].endswith(".") else None
        return 1, number, repair(line if number is None else head[1])
    alone = _blank(source, n - 1, furniture) and _blank(source, n + 1, furniture)
    if not alone:
        return None
    if m := _NUMBERED_HEADING.fullmatch(line):
        return m.group("num").count(".") + 1, m.group("num"), m.group("title")
    short = len(words) <= _SHORT_HEADING_WORDS and line[0].isupper()
    speaks = _SPEAKS.search(line) is not None and _before_item(source, n)  # "Wir werden"
    if speaks or _DANGLING.search(line):
        return None
    if short and (not is_lead_in(line) or (line.endswith(":") and len(words) <= 2)):
        return 1, None, line.rstrip(":").strip()
    return None


def _caps_line(source: SourceText, n: int, furniture: set[int]) -> bool:
    """Whether line ``n`` is text in capitals (a heading's next line), not blank or furniture."""
    return not _blank(source, n, furniture) and _CAPS.fullmatch(source.line(n).strip()) is not None


def _read_heading_numbers(units: list[_Unit]) -> None:
    """Top-level heading numbers read as their sequence: an OCR'd "J." in third place is 3.

    A printed number the sequence does not confirm stays as printed and restarts the count.
    """
    expected = 1
    for unit in units:
        if unit.kind != "heading" or unit.level != 1 or unit.number is None:
            continue
        read = sequence_number(unit.number, expected)
        if read is not None:
            unit.number = read
        expected = int(unit.number) + 1 if unit.number.isdigit() else expected + 1


def announced_lead_in(sentence: str) -> str | None:
    """The part of ``sentence`` up to a colon, if it announces demands that follow.

    "Aus dem Land und dem Bund erwarten wir klare Vorgaben: …" governs the sentences after it
    in its paragraph ("Die Kappungsgrenze … muss … gesenkt werden.").
    """
    head, colon, _rest = sentence.partition(": ")
    if not colon:
        return None
    lead = head + ":"
    return lead if modality_cues.classify(lead) is Modality.DEMAND else None


def _before_item(source: SourceText, n: int) -> bool:
    """Whether the next non-blank line after line ``n`` opens a list item."""
    for k in range(n + 1, source.line_count + 1):
        if source.line(k).strip():
            return _ITEM.match(source.line(k)) is not None
    return False


def _blank(source: SourceText, n: int, furniture: set[int]) -> bool:
    return not 1 <= n <= source.line_count or n in furniture or not source.line(n).strip()


def _join(source: SourceText, units: list[_Unit]) -> list[_Unit]:
    """A text block continues the paragraph or item before it when that one did not end its
    sentence (and leads into nothing) or the block starts lower-case."""
    out: list[_Unit] = []
    for unit in units:
        if out and unit.kind == "text" and out[-1].kind != "heading":
            before = source.text[out[-1].start : out[-1].end]
            unfinished = not ends_sentence(before) and not before.rstrip().endswith(":")
            if unfinished or source.text[unit.start].islower():
                out[-1].last, out[-1].end = unit.last, unit.end
                continue
        out.append(unit)
    return out
