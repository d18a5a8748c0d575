"""Parser for the text form ``visions`` (DOS, "Dortmunder Visionen 2020").

The document is a title block, an "Einleitung:" and three sections (Digital, Oekologisch,
Sozial) of goal states described as already reached ("wurde realisiert", "ist die Regel").
The Einleitung's sentences are context (``intro-sentence``, :attr:`Modality.STATEMENT`);
every other unit is a ``vision`` (:attr:`Modality.VISION`).

Decisions, read off the file:

* **One statement per sentence** (annotation guideline §1), read within line-started units.
  The author starts every new vision on a new line; a sentence that goes on in the same line
  as the previous one elaborates it ("Die Verwaltung ist nachhaltig digitalisiert. Dazu
  wurden … geschaffen.") and is a vision of its own, as the guideline's annotators read it.
  A unit starts at a line that opens with an upper-case letter after a line ending in ``.``,
  ``!`` or ``?``, or after a blank line; a line opening otherwise ("- queere Menschen",
  "(zur Zeit etwa 425.000,- €)") continues the unit above. Units matter for slogans: only a
  unit's first sentence can be one ("Blumenwiesen statt Betonköpfe!" heads a vision; "Und
  das nicht erst 2038!" closes one and is part of it).
* A run of two or more blank lines is the PDF's page break: when the text before it does
  not end a sentence ("um den Bereich" / "Bildung, Wohnen, …") the unit goes on after it.
  A single blank line always ends a unit, even without a full stop ("… selbstverständlich").
* A heading is a paragraph of one line with at most two words that does not end a sentence
  ("Digital", "Einleitung:"); parenthesised lines right under it are its subtitle ("Sozial" /
  "(also antifaschistisch!)") and belong to the heading's span, not to a statement.
* The title block before the first heading is the document's title (in the registry), not a
  statement.
* An exclamation of at most five words that opens a unit is a slogan, context (``sentence``,
  :attr:`Modality.STATEMENT`): "Antifaschistisch von Anfang an!" closes the paper.
* "Einwohnerinnenbeteiligung ist die Regel …" stands in every section; it is kept once per
  section (three statements with equal text, different spans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Section, Span
from mappings.registry import DocumentInfo
from mappings.statements import Normaliser, StatementBuilder
from mappings.text.ocr import repair
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

INTRO_TITLE = "Einleitung"
_SENTENCE_END = ".!?"
_SUBTITLE = re.compile(r"^\(.*\)$")
_SLOGAN_WORDS = 5
_DASH_ITEM = re.compile(r"\n[ \t]*(-\s)")


NORMALISER = Normaliser(repair=repair)


@dataclass(frozen=True)
class _Block:
    """Consecutive non-blank lines (1-based, inclusive) and the blank lines before them."""

    first: int
    last: int
    gap: int


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Read the sections, the Einleitung's sentences and the visions of the DOS paper."""
    blocks = _join_page_breaks(source, _blocks(source))
    doc = ParsedDocument(doc_id=info.id)
    builder = StatementBuilder(source, NORMALISER)
    section: Section | None = None
    for block in blocks:
        heading = _heading(source, block)
        if heading is not None:
            title, last = heading
            section = _section(source, title, block.first, last, len(doc.sections) + 1)
            if any(s.key == section.key for s in doc.sections):
                raise ValueError(f"{source.name}:{block.first}: heading {title!r} occurs twice")
            doc.sections.append(section)
            block = _Block(last + 1, block.last, 0)
            if block.first > block.last:
                continue
        if section is None:
            continue  # the title block
        if section.title == INTRO_TITLE:
            _intro(source, section, block, builder)
        else:
            _visions(source, section, block, builder)
    if not doc.sections:
        raise ValueError(f"{source.name}: no section heading found")
    doc.statements = builder.statements
    return doc


def _blocks(source: SourceText) -> list[_Block]:
    blocks: list[_Block] = []
    first: int | None = None
    gap = 0
    for n in range(1, source.line_count + 2):
        blank = n > source.line_count or not source.line(n).strip()
        if not blank and first is None:
            first = n
        elif blank and first is not None:
            blocks.append(_Block(first, n - 1, gap))
            first, gap = None, 0
        if blank and n <= source.line_count:
            gap += 1
    return blocks


def _join_page_breaks(source: SourceText, blocks: list[_Block]) -> list[_Block]:
    """Join a block to the one before when a page break cut a sentence in two."""
    out: list[_Block] = []
    for block in blocks:
        if out and block.gap >= 2:
            before = source.line(out[-1].last).rstrip()
            if before and before[-1] not in _SENTENCE_END and _heading(source, block) is None:
                out[-1] = _Block(out[-1].first, block.last, out[-1].gap)
                continue
        out.append(block)
    return out


def _heading(source: SourceText, block: _Block) -> tuple[str, int] | None:
    """The heading's title and its last line (subtitle included), if the block opens with one.

    The heading may be followed by prose without a blank line ("Einleitung:" / "Wir von
    DOS …"), but not by a lower-case line, which would make it a wrapped sentence.
    """
    line = source.line(block.first).strip()
    if len(line.split()) > 2 or not line[0].isupper() or line[-1] in _SENTENCE_END + ",":
        return None
    last = block.first
    while last < block.last and _SUBTITLE.match(source.line(last + 1).strip()):
        last += 1
    if last < block.last and source.line(last + 1).lstrip()[:1].islower():
        return None
    return line.rstrip(":").strip(), last


def _section(source: SourceText, title: str, first: int, last: int, ordinal: int) -> Section:
    span = source.trimmed_span(source.line_start(first), source.line_end(last))
    return Section(key=slugify(title), title=title, level=1, span=span, ordinal=ordinal)


def _intro(source: SourceText, section: Section, block: _Block, builder: StatementBuilder) -> None:
    start, end = source.line_start(block.first), source.line_end(block.last)
    for a, b in split_sentences(source.text, start, end):
        _add(builder, section, source.span(a, b), "intro-sentence")


def _visions(
    source: SourceText, section: Section, block: _Block, builder: StatementBuilder
) -> None:
    block_start, block_end = source.line_start(block.first), source.line_end(block.last)
    sentence_starts = {a for a, _ in split_sentences(source.text, block_start, block_end)}
    starts = [block.first]
    for n in range(block.first + 1, block.last + 1):
        before = source.line(n - 1).rstrip()
        line = source.line(n)
        opening = source.line_start(n) + len(line) - len(line.lstrip())
        if not before:  # a blank line inside a block joined over a page break
            continue
        # a new sentence, not one after an abbreviation ("(ehem." / "Bürgerdienste)")
        new_sentence = before[-1] in _SENTENCE_END and opening in sentence_starts
        if new_sentence and line.lstrip()[:1].isupper():
            starts.append(n)
    ends = [n - 1 for n in starts[1:]] + [block.last]
    for first, last in zip(starts, ends, strict=True):
        unit_start, unit_end = source.line_start(first), source.line_end(last)
        for index, (a, b) in enumerate(_sentences(source, unit_start, unit_end)):
            span = source.trimmed_span(a, b)
            slogan = index == 0 and _is_slogan(source.slice(span))
            _add(builder, section, span, "sentence" if slogan else "vision")


def _sentences(source: SourceText, start: int, end: int) -> list[tuple[int, int]]:
    """The unit's sentences and list items ("- queere Menschen", guideline §1); a piece that
    opens with none of a capital, a digit or a dash ("(zur Zeit etwa 425.000,- €/Jahr)") goes
    on with the sentence before it."""
    out: list[tuple[int, int]] = []
    for a, b in _items(source, start, end):
        head = source.text[a:b].lstrip()[:1]
        if out and not (head.isupper() or head.isdigit() or head == "-"):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _items(source: SourceText, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences, each cut again where a line opens with "- " (a list item)."""
    out: list[tuple[int, int]] = []
    for a, b in split_sentences(source.text, start, end):
        cuts = [a] + [m.start(1) for m in _DASH_ITEM.finditer(source.text, a, b)] + [b]
        out += [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if source.text[x:y].strip()]
    spans = (source.trimmed_span(x, y) for x, y in out)
    return [(span.char_start, span.char_end) for span in spans]


def _is_slogan(verbatim: str) -> bool:
    text = verbatim.strip()
    one_sentence = len(split_sentences(text)) == 1
    return one_sentence and text.endswith("!") and len(text.split()) <= _SLOGAN_WORDS


def _add(builder: StatementBuilder, section: Section, span: Span, kind: str) -> None:
    """Visions are visions by their place in the paper; everything else here is context."""
    modality = Modality.VISION if kind == "vision" else Modality.STATEMENT
    path = (section.title,)
    builder.add(span, kind=kind, section_key=section.key, path=path, modality=modality)
