"""Parser for the text form ``zielbilder`` (Stadt Dortmund, "Die Zielbilder", OCR of a PDF).

The document has a title page, an introduction in three headed parts (the last, "Die
Herleitung der Zielbilder", with four "Feld N:" fields), then the Zielbilder: each a title
sentence (``zielbild``, :attr:`Modality.VISION`) and one explanatory paragraph whose sentences
are ``sentence`` statements with ``parent`` = the Zielbild's ordinal. Every page of the
Zielbilder ends with numbered footnotes that record how the wording changed in the
participation process.

Decisions, read off the file:

* The introduction is context: its sentences are ``intro-sentence`` statements with
  :attr:`Modality.STATEMENT`. A "Feld N:" field opens a level-2 section ("Feld 1"); its
  goal sentence, without the "Feld N: " marker, is an intro-sentence of that section. The
  title page (the heading-like blocks before the first prose paragraph) yields no statements;
  its one single-line block ("Die Zielbilder") names the section of the preamble.
* An explanatory sentence's modality is :func:`mappings.classify.modality.classify` with default
  :attr:`Modality.VISION`: the paragraph describes the goal state, and the cue rules
  (``mappings.classify.modality``, not this parser) decide where a sentence is something else.
* Blocks are split by blank lines, but the OCR leaves blank lines inside sentences ("Ver-
  waltung" / "Hand in Hand arbeiten."). A block is joined to the one before when that one does
  not end a sentence and neither is a heading or a footnote.
* The Zielbilder begin with the page (a line opening with one space, or a block after two or
  more blank lines) on which the first footnotes stand. From there, non-footnote blocks
  alternate: a Zielbild's title is the first sentence of a block, and must end a line; the
  rest of that block (the title and its text can share a block) and the next block are its
  text. No running page headers or footers survived in the text, so none are removed.
* Footnotes start a line with the OCR of a superscript number (``"``, ``¥``, ``%``, ``“``,
  ``s``, digits), glued to or followed by a capitalised word. The printed numbers are too
  damaged to read ("2" stands for 12, 20, 22–28), so footnotes are numbered in document order;
  a clean two-digit number must agree, else :class:`ValueError`. A footnote's span starts
  after its number.
* Footnote marks in the text are glyphs glued to a word's end: ``’ ' ® * ™``, a ``?`` that
  ends no sentence ("le? und", "Stadt?,"), digits after a lower-case letter ("lernen3."),
  and combinations ("'®", "?'", "’s"). They stay in ``verbatim`` and are removed from
  ``normalised``. Marks between two footnote blocks belong to the later block, in order;
  where the OCR lost a mark (fewer marks than footnotes) an order-keeping alignment that
  maximises the rare words shared by footnote and marked statement decides which footnote
  went unmarked. An unmarked footnote's ``refers_to`` is empty: no statement carries it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mappings.forms._footnote_alignment import WINDOW_WORDS, align
from mappings.rdf.iri import slugify
from mappings.records import Footnote, Modality, ParsedDocument, Section, Span, Statement
from mappings.registry import DocumentInfo
from mappings.statements import Normaliser, StatementBuilder
from mappings.text.markup import join_lines
from mappings.text.ocr import repair
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

_SENTENCE_END = ".!?"
_HEADING_MAX_LINES = 2
_HEADING_MAX_WORDS = 10
_FIELD = re.compile(r"^Feld (\d+):\s+")
_FOOTNOTE_START = re.compile(r"^(?P<num>[0-9\"“”'’%¥*®?]{1,3}|s)\s?(?=[A-ZÄÖÜ][a-zäöüß])")
_MARK = re.compile(
    r"(?<=[^\W\d_])"
    r"(?:[’'®*™]+[’'®*™?]*"  # glyph marks: ’ ' ® * ™ and runs of them ("'®")
    r"|\?(?=[’'®*™?]*(?:[.,:;)’']|\s+[a-zäöüß]))[’'®*™]*"  # a ? that ends no sentence
    r"|(?<=[a-zäöüß])\d+(?=[.,;:)\s]|$))"  # a digit glued to a lower-case word end
    r"(?:s(?=[.,])|:(?=\.))?"  # "’s." and "?:." are one mark
    r"(?![^\W\d_])"
)


def normalise(text: str) -> str:
    """Footnote marks removed, lines and hyphenation joined, OCR repaired.

    >>> normalise("Wandel®. Die Phoenix-Area-\\nle? und")
    'Wandel. Die Phoenix-Areale und'
    """
    return NORMALISER(text)


def strip_marks(text: str) -> str:
    """``text`` without footnote marks.

    >>> strip_marks("lernen3. Wachstum'®, vorbereitet zu sein?’. Schule sein?")
    'lernen. Wachstum, vorbereitet zu sein. Schule sein?'
    """
    return _MARK.sub("", text)


NORMALISER = Normaliser(strip=strip_marks, repair=repair)


def marks(text: str) -> list[tuple[int, int]]:
    """Offsets of the footnote marks in ``text``."""
    return [(m.start(), m.end()) for m in _MARK.finditer(text)]


@dataclass(frozen=True)
class _Block:
    """Consecutive non-blank lines (1-based, inclusive), the blanks before, page start."""

    first: int
    last: int
    gap: int
    page_start: bool


@dataclass
class _Doc:
    source: SourceText
    parsed: ParsedDocument
    groups: list[list[Footnote]] = field(default_factory=list)  # footnotes per page
    zielbilder: int = 0
    builder: StatementBuilder = field(init=False)

    def __post_init__(self) -> None:
        self.builder = StatementBuilder(self.source, NORMALISER, statements=self.parsed.statements)

    def add(
        self, section: Section, span: Span, kind: str, modality: Modality | None, parent: int | None
    ) -> Statement:
        """Add a statement; ``modality`` None means: classify with default VISION."""
        path = _path(self.parsed.sections, section)
        return self.builder.add(
            span,
            kind=kind,
            section_key=section.key,
            path=path,
            default=Modality.VISION,
            modality=modality,
            parent=parent,
        )

    def section(
        self, title: str, span: Span, level: int, parent: Section | None, number: str | None
    ) -> Section:
        key = slugify(title)
        if any(s.key == key for s in self.parsed.sections):
            raise ValueError(f"{self.source.name}:{span.line_start}: section {title!r} twice")
        section = Section(
            key=key,
            title=title,
            level=level,
            span=span,
            parent_key=parent.key if parent else None,
            ordinal=len(self.parsed.sections) + 1,
            number=number,
        )
        self.parsed.sections.append(section)
        return section


def _path(sections: Sequence[Section], section: Section) -> tuple[str, ...]:
    by_key = {s.key: s for s in sections}
    path = [section.title]
    while section.parent_key is not None:
        section = by_key[section.parent_key]
        path.insert(0, section.title)
    return tuple(path)


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Read sections, introduction, Zielbilder with their sentences, and footnotes."""
    doc = _Doc(source, ParsedDocument(doc_id=info.id))
    blocks = _blocks(source)
    first_note = next((i for i, b in enumerate(blocks) if _is_footnote(source, b)), None)
    if first_note is None:
        raise ValueError(f"{source.name}: no footnotes found; is this the Zielbilder text?")
    start = max((i for i in range(first_note) if blocks[i].page_start), default=0)
    _introduction(doc, _join(source, blocks[:start]))
    _zielbilder(doc, _join(source, blocks[start:]))
    _link_footnotes(doc)
    return doc.parsed


# --- blocks ---------------------------------------------------------------------------------


def _blocks(source: SourceText) -> list[_Block]:
    """Blocks of non-blank lines; a page's first line (one leading space) opens a block too."""
    blocks: list[_Block] = []
    first: int | None = None
    gap = 0
    for n in range(1, source.line_count + 2):
        line = source.line(n) if n <= source.line_count else ""
        blank = not line.strip()
        page_line = line.startswith(" ") and not blank and not line.startswith("  ")
        if first is not None and (blank or page_line):
            blocks.append(_Block(first, n - 1, gap, gap >= 2 or source.line(first)[0] == " "))
            first, gap = None, 0
        if not blank and first is None:
            first = n
        elif blank and n <= source.line_count:
            gap += 1
    return blocks


def _is_footnote(source: SourceText, block: _Block) -> bool:
    return _FOOTNOTE_START.match(source.line(block.first)) is not None


def _is_heading(source: SourceText, block: _Block) -> bool:
    """A short block that ends no sentence: "Wie ist das Dokument aufgebaut?" ends a question."""
    text = " ".join(source.line(n).strip() for n in range(block.first, block.last + 1))
    short = (
        block.last - block.first < _HEADING_MAX_LINES and len(text.split()) <= _HEADING_MAX_WORDS
    )
    if not short or text.endswith(".") or _is_footnote(source, block):
        return False
    return len(_sentences(source, *_range(source, block))) == 1


def _join(source: SourceText, blocks: list[_Block]) -> list[_Block]:
    """Join a block to the one before when a blank line cut a sentence in two."""
    out: list[_Block] = []
    for block in blocks:
        if out and not any(
            _is_heading(source, b) or _is_footnote(source, b) for b in (out[-1], block)
        ):
            before = source.line(out[-1].last).rstrip()
            if before[-1] not in _SENTENCE_END:
                prev = out[-1]
                out[-1] = _Block(prev.first, block.last, prev.gap, prev.page_start)
                continue
        out.append(block)
    return out


def _range(source: SourceText, block: _Block) -> tuple[int, int]:
    return source.line_start(block.first), source.line_end(block.last)


def _sentences(source: SourceText, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``source.text[start:end]``, read as if the footnote marks were not there.

    A mark glued before a full stop would otherwise pass for a word ("verkörpern’s." looks
    like the abbreviation "s."); masking keeps every offset.
    """
    return split_sentences(_masked(source.text), start, end)


@lru_cache(maxsize=4)
def _masked(text: str) -> str:
    return _MARK.sub(lambda m: _MASK * len(m.group()), text)


_MASK = "\u2060"  # WORD JOINER: neither a word character nor white space


# --- introduction ---------------------------------------------------------------------------


def _introduction(doc: _Doc, blocks: list[_Block]) -> None:
    source = doc.source
    first_prose = next((i for i, b in enumerate(blocks) if not _is_heading(source, b)), 0)
    title_page = blocks[:first_prose]
    single = [b for b in title_page if b.first == b.last]
    top: Section | None = None
    if single:
        top = _heading_section(doc, single[-1], level=1, parent=None)
    current = top
    for block in blocks[first_prose:]:
        if _is_heading(source, block):
            top = current = _heading_section(doc, block, level=1, parent=None)
            continue
        if current is None or top is None:
            raise ValueError(f"{source.name}:{block.first}: text before any heading")
        start, end = _range(source, block)
        field_m = _FIELD.match(source.text[start:end])
        if field_m:
            (a, b), *_ = _sentences(source, start + field_m.end(), end)
            current = doc.section(
                f"Feld {field_m.group(1)}",
                source.span(start, b),
                2,
                top,
                field_m.group(1),
            )
            doc.add(current, source.span(a, b), "intro-sentence", Modality.STATEMENT, None)
            start = b
        for a, b in _sentences(source, start, end):
            doc.add(current, source.span(a, b), "intro-sentence", Modality.STATEMENT, None)


def _heading_section(doc: _Doc, block: _Block, *, level: int, parent: Section | None) -> Section:
    span = doc.source.trimmed_span(*_range(doc.source, block))
    title = join_lines(doc.source.slice(span))
    return doc.section(repair(title), span, level, parent, None)


# --- Zielbilder and footnotes ---------------------------------------------------------------


def _zielbilder(doc: _Doc, blocks: list[_Block]) -> None:
    source = doc.source
    zielbild: Statement | None = None
    section: Section | None = None
    expect_title = True  # the Zielbild before has its text, or none came yet
    in_notes = False
    for block in blocks:
        if _is_footnote(source, block):
            if not in_notes:
                doc.groups.append([])
            doc.groups[-1].extend(_footnotes(doc, block))
            in_notes = True
            continue
        in_notes = False
        start, end = _range(source, block)
        if expect_title:
            (a, b), *_ = _sentences(source, start, end)
            if source.text[b : source.line_end(source.line_of(b - 1))].strip():
                raise ValueError(f"{source.name}:{source.line_of(a)}: title does not end a line")
            span = source.span(a, b)
            title = normalise(source.slice(span)).rstrip(".").strip()
            section = doc.section(title, span, 1, None, str(doc.zielbilder + 1))
            zielbild = doc.add(section, span, "zielbild", Modality.VISION, None)
            doc.zielbilder += 1
            start, expect_title = b, False
            if not source.text[start:end].strip():
                continue
        if zielbild is None or section is None:  # expect_title starts True; kept for mypy
            raise ValueError(f"{source.name}:{block.first}: text before any Zielbild")
        for a, b in _sentences(source, start, end):
            doc.add(section, source.span(a, b), "sentence", None, zielbild.ordinal)
        expect_title = True


def _footnotes(doc: _Doc, block: _Block) -> list[Footnote]:
    """The footnotes of a block; a footnote starts at every line that opens with a number."""
    source = doc.source
    starts = [
        n for n in range(block.first, block.last + 1) if _FOOTNOTE_START.match(source.line(n))
    ]
    ends = [n - 1 for n in starts[1:]] + [block.last]
    out: list[Footnote] = []
    done = sum(len(g) for g in doc.groups)
    for first, last in zip(starts, ends, strict=True):
        m = _FOOTNOTE_START.match(source.line(first))
        assert m is not None  # starts were selected by this pattern
        number = done + len(out) + 1
        printed = m.group("num")
        if printed.isdigit() and len(printed) == 2 and int(printed) != number:
            raise ValueError(f"{source.name}:{first}: footnote {printed}, expected {number}")
        span = source.trimmed_span(source.line_start(first) + m.end(), source.line_end(last))
        text = source.slice(span)
        out.append(
            Footnote(number=number, text=text, normalised=repair(join_lines(text)), span=span)
        )
    return out


def _link_footnotes(doc: _Doc) -> None:
    """Set ``refers_to`` of every footnote from the marks on its page (see module docs)."""
    statements = [s for s in doc.parsed.statements if s.kind in ("zielbild", "sentence")]
    linked: dict[int, tuple[int, ...]] = {}
    page_start = 0
    for group in doc.groups:
        page_end = group[0].span.char_start
        marked = sorted(
            (s.span.char_start + a, s, _before(s.verbatim, a), s.verbatim[a:b])
            for s in statements
            if page_start <= s.span.char_start < page_end
            for a, b in marks(s.verbatim)
        )
        page_start = group[-1].span.char_end
        pairs = align([(s, window, glyphs) for _, s, window, glyphs in marked], group)
        for stmt, note in pairs:
            linked[note.number] = (*linked.get(note.number, ()), stmt.ordinal)
    doc.parsed.footnotes = [
        Footnote(f.number, f.text, f.normalised, f.span, linked.get(f.number, ()))
        for group in doc.groups
        for f in group
    ]


def _before(text: str, offset: int) -> str:
    """The last ``WINDOW_WORDS`` words of ``text`` before ``offset``, normalised."""
    words = normalise(text[:offset]).split()
    return " ".join(words[-WINDOW_WORDS:])
