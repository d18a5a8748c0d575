"""Parser for the ``bullets`` text form: the Grünen's Kommunalwahlprogramm 2025.

The file is text extracted from a PDF. Its chapter headings did not survive; what did is
prose paragraphs, lead-ins such as "Dafür werden wir" and ``●`` bullets. The extraction breaks
the text in three ways that a reader does not see and this parser undoes:

* a bullet or paragraph that goes on after one or more blank lines ("… Geräte gegen" /
  blank / "neue energieeffiziente Geräte …"): a block that has not ended its sentence, or a
  block that starts lower-case, continues the block before it;
* page starts: the first line of a PDF page begins with a space (" Dortmund steht …",
  " ● jedes Dezernat …"), a few pages instead end with a footer line holding only the page
  number. A page start that follows a finished sentence starts a new paragraph even without a
  blank line; one that follows an unfinished sentence continues it (" fossilen Energieträger");
* footers inside a passage are kept in ``verbatim`` (which must equal the source slice) but
  dropped from ``normalised``.

Every ``●`` is one ``bullet`` statement, read with the lead-in of its list. The lead-in is the
unfinished last sentence of the prose paragraph before the list; it is stored in ``lead_in``
of each bullet and is not a statement of its own, because on its own ("Dafür werden wir") it
says nothing. A bullet that is itself a lead-in ("● Um der Verantwortung des Sports gerecht zu
werden, werden wir" followed by more bullets) stays a ``bullet`` statement with modality
``STATEMENT`` (so that every ``●`` has a statement) and becomes the lead-in of the bullets
after it. Prose paragraphs are split into ``sentence`` statements, context unless a cue in
the sentence itself makes it a pledge.

Sections are inferred, not read: no heading survived. A section is one "topic unit" of the
programme, the prose that opens a topic and the bullet list that follows it; a new one starts
with the first prose paragraph after a list, and with a paragraph that opens a new PDF page
before any list (chapter introductions start on their own page). Its title is the opening of
its first sentence, since the real heading is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Section, Span
from mappings.registry import DocumentInfo
from mappings.statements import StatementBuilder
from mappings.text.layout import ends_sentence, is_lead_in
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

BULLET = "●"
_FOOTER = re.compile(r"\s*\d{1,3}\s*")
# A lead-in commits its bullets when the party speaks ("Dafür werden wir", "Wir setzen uns …").
_COMMITTING_LEAD_IN = re.compile(r"\b(wir|uns)\b", re.I)
_TITLE_WORDS = 10


@dataclass(frozen=True)
class _Line:
    """One source line, classified; offsets are those of its first and past its last non-space."""

    number: int
    start: int
    end: int
    kind: str  # "blank", "footer", "bullet", "text"
    page_start: bool


@dataclass
class _Block:
    """Consecutive non-blank lines that belong together: one bullet, or one prose paragraph."""

    kind: str  # "bullet" or "text"
    lines: list[_Line]

    @property
    def page_start(self) -> bool:
        return self.lines[0].page_start


@dataclass
class _Unit:
    """A bullet or a paragraph, put back together across blank lines and page breaks."""

    kind: str  # "bullet" or "text"
    blocks: list[_Block]

    @property
    def start(self) -> int:
        return self.blocks[0].lines[0].start

    @property
    def page_start(self) -> bool:
        return self.blocks[0].page_start

    @property
    def end(self) -> int:
        return self.blocks[-1].lines[-1].end


@dataclass
class _SectionState:
    number: int
    start: int
    end: int
    title: str
    key: str
    has_bullets: bool = False
    statements: int = 0


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Read every bullet and prose sentence of the programme, in document order."""
    lines = _classify_lines(source)
    units = _units(source, _blocks(source, lines))
    footers = [ln.number for ln in lines if ln.kind == "footer"]
    builder = StatementBuilder(source, furniture=footers)
    sections: list[_SectionState] = []
    lead_in: str | None = None
    for i, unit in enumerate(units):
        following = units[i + 1] if i + 1 < len(units) else None
        if unit.kind == "text":
            sentences = split_sentences(source.text, unit.start, unit.end)
            introduces_list = following is not None and following.kind == "bullet"
            lead_span: tuple[int, int] | None = None
            if introduces_list and not ends_sentence(source.text[unit.start : unit.end]):
                lead_span = sentences.pop()
            lead_in = builder.normalise(*lead_span) if lead_span else None
            if not sections or _opens_section(unit, sections[-1], has_prose=bool(sentences)):
                first = sentences[0] if sentences else lead_span or (unit.start, unit.end)
                sections.append(_new_section(builder, sections, unit.start, first))
            section = sections[-1]
            for a, b in sentences:
                _add(builder, "sentence", source.span(a, b), section)
        else:
            if not sections:
                sections.append(_new_section(builder, sections, unit.start, (unit.start, unit.end)))
            section = sections[-1]
            section.has_bullets = True
            span = _bullet_span(source, unit)
            text = builder.normalise(span.char_start, span.char_end)
            if following is not None and following.kind == "bullet" and is_lead_in(text):
                _add(builder, "bullet", span, section, lead_in=lead_in, modality=Modality.STATEMENT)
                lead_in = text
            else:
                committing = lead_in is not None and _COMMITTING_LEAD_IN.search(lead_in)
                default = Modality.COMMITMENT if committing else Modality.STATEMENT
                _add(builder, "bullet", span, section, lead_in=lead_in, default=default)
        sections[-1].end = unit.end
    return ParsedDocument(
        doc_id=info.id,
        sections=[
            Section(
                key=s.key,
                title=s.title,
                level=1,
                span=source.span(s.start, s.end),
                ordinal=s.number,
                number=str(s.number),
            )
            for s in sections
        ],
        statements=builder.statements,
    )


def _add(
    builder: StatementBuilder,
    kind: str,
    span: Span,
    section: _SectionState,
    *,
    lead_in: str | None = None,
    default: Modality = Modality.STATEMENT,
    modality: Modality | None = None,
) -> None:
    """A statement of the section, which counts it (a page-opening paragraph may open the next)."""
    path = (section.title,)
    builder.add(
        span,
        kind=kind,
        section_key=section.key,
        path=path,
        lead_in=lead_in,
        default=default,
        modality=modality,
    )
    section.statements += 1


def _classify_lines(source: SourceText) -> list[_Line]:
    out: list[_Line] = []
    after_footer = False
    for n in range(1, source.line_count + 1):
        raw = source.line(n)
        start, end = source.line_start(n), source.line_end(n)
        stripped = raw.strip()
        if not stripped:
            out.append(_Line(n, start, end, "blank", False))
            continue
        if _FOOTER.fullmatch(raw):
            out.append(_Line(n, start, end, "footer", False))
            after_footer = True
            continue
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        kind = "bullet" if stripped.startswith(BULLET) else "text"
        page_start = lead > 0 or after_footer
        out.append(_Line(n, start + lead, end - trail, kind, page_start))
        after_footer = False
    return out


def _blocks(source: SourceText, lines: list[_Line]) -> list[_Block]:
    """Group lines into blocks: blank lines and footers end one, a ``●`` always starts one.

    A text line that opens a PDF page after a finished sentence and starts upper-case opens a
    new paragraph even without a blank line before it (" Dortmund ist eine grüne Großstadt."
    straight after the last bullet of the previous page).
    """
    blocks: list[_Block] = []
    current: _Block | None = None
    for line in lines:
        if line.kind in ("blank", "footer"):
            current = None
            continue
        if line.kind == "bullet":
            current = _Block("bullet", [line])
            blocks.append(current)
            continue
        if current is not None:
            previous = current.lines[-1]
            new_paragraph = (
                line.page_start
                and ends_sentence(source.text[previous.start : previous.end])
                and source.text[line.start].isupper()
            )
            if not new_paragraph:
                current.lines.append(line)
                continue
        current = _Block("text", [line])
        blocks.append(current)
    return blocks


def _units(source: SourceText, blocks: list[_Block]) -> list[_Unit]:
    """Join a text block to the unit before it when that unit's sentence is not finished.

    That is the case when the unit does not end in ".", "!" or "?", or when the block starts
    lower-case ("neue energieeffiziente Geräte …" after "… Geräte gegen"). A ``●`` never
    continues anything: every marker in this file opens a new bullet.
    """
    units: list[_Unit] = []
    for block in blocks:
        if units and block.kind == "text":
            last = units[-1].blocks[-1].lines[-1]
            first = block.lines[0]
            unfinished = not ends_sentence(source.text[last.start : last.end])
            if unfinished or source.text[first.start].islower():
                units[-1].blocks.append(block)
                continue
        units.append(_Unit(block.kind, [block]))
    return units


def _opens_section(unit: _Unit, current: _SectionState, *, has_prose: bool) -> bool:
    """A paragraph after a list, or one that opens a page before the section's first list."""
    if current.has_bullets:
        return True
    return unit.page_start and has_prose and current.statements > 0


def _new_section(
    builder: StatementBuilder, sections: list[_SectionState], start: int, first: tuple[int, int]
) -> _SectionState:
    title = _title(builder.normalise(*first))
    key = slugify(title) or f"abschnitt-{len(sections) + 1}"
    taken = {s.key for s in sections}
    if key in taken:
        n = 2
        while f"{key}-{n}" in taken:
            n += 1
        key = f"{key}-{n}"
    return _SectionState(len(sections) + 1, start, start + 1, title, key)


def _title(sentence: str) -> str:
    """The first words of a section's opening sentence, as a stand-in for its lost heading.

    >>> _title("Dortmund ist eine grüne Großstadt.")
    'Dortmund ist eine grüne Großstadt'
    >>> _title("Die Klimakrise ist keine ferne Bedrohung mehr – sie ist längst in Dortmund da.")
    'Die Klimakrise ist keine ferne Bedrohung mehr – sie ist …'
    >>> _title("Wer nachts nicht nach Hause kommt, geht nicht raus – und darunter leidet es.")
    'Wer nachts nicht nach Hause kommt, geht nicht raus …'
    """
    words = sentence.split()
    if len(words) <= _TITLE_WORDS:
        return " ".join(words).rstrip(".:!?")
    head = words[:_TITLE_WORDS]
    while len(head) > 1 and not any(ch.isalnum() for ch in head[-1]):
        head.pop()  # a dash or other lone punctuation does not end a title
    return " ".join(head).rstrip(",;:") + " …"


def _bullet_span(source: SourceText, unit: _Unit) -> Span:
    """From the first character after the ``●`` to the bullet's last character."""
    start = unit.start + 1  # unit.start is the marker itself
    return source.trimmed_span(start, unit.end)
