"""Parser for OCR'd prose in numbered chapters (the SPD's "Programm zur Kommunalwahl 2020").

The text is an OCR of a PDF: numbered chapter headings in capitals (some numbers garbled:
"J." is 3, "L." is 4), running page headers ("PROGRAMM ZUR KOMMUNALWAHL 2020") between
paragraphs and even inside a sentence, hard line breaks with hyphenation, broken umlauts and
quotation marks. Every sentence of a chapter becomes a ``Statement(kind="sentence")``.

Offsets are taken on the original text, so ``verbatim`` is the exact slice of the file. The
splitter runs on a copy of the same length in which page headers are blanked and the OCR's
opening quotation marks (" . Schrottimmobilien") are neutralised; ``normalised`` is the slice
without page headers, joined (:func:`mappings.text.markup.join_lines`) and repaired
(:func:`mappings.text.ocr.repair`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.classify import modality as cues
from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Section
from mappings.registry import DocumentInfo
from mappings.statements import Normaliser, StatementBuilder
from mappings.text.layout import neutralise_quote_openers, running_headers
from mappings.text.markup import join_lines
from mappings.text.ocr import repair
from mappings.text.sentences import split_sentences
from mappings.text.source import SourceText

_HEADING = re.compile(r"^\s?(?P<num>[^\s.]{1,3})\.\s+(?P<title>[A-ZÄÖÜ][^a-zäöüß]*)$")
_CAPS_LINE = re.compile(r"^[^a-zäöüß]*[A-ZÄÖÜ]{2}[^a-zäöüß]*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_TERMINAL = '.!?:“”"™'

# How the OCR misreads each digit of a chapter number (a glyph is the expected digit if the
# sequence position says so): "J" for 3, "L" for 4, "9" / "S" for 5, "I" / "l" / "7" for 1.
DIGIT_CONFUSIONS: dict[str, frozenset[str]] = {
    "0": frozenset("OoDQ"),
    "1": frozenset("Il7|i"),
    "2": frozenset("Zz"),
    "3": frozenset("JB8"),
    "4": frozenset("LAh"),
    "5": frozenset("S9s6"),
    "6": frozenset("Gb"),
    "7": frozenset("T1"),
    "8": frozenset("B3"),
    "9": frozenset("g"),
}
NORMALISER = Normaliser(repair=repair)


@dataclass(frozen=True)
class _Chapter:
    section: Section
    body_start: int  # offset just past the heading
    body_end: int


def chapter_number(printed: str, expected: int) -> str:
    """The chapter number a printed (possibly garbled) number stands for.

    The number is its position in the sequence; the printed glyphs confirm it digit by digit,
    allowing for OCR confusions. A printed number that can be read as neither is an error.

    >>> chapter_number("J", 3), chapter_number("9", 5), chapter_number("10", 10)
    ('3', '5', '10')
    """
    want = str(expected)
    if printed == want:
        return want
    if len(printed) == len(want) and all(
        p == w or p in DIGIT_CONFUSIONS[w] for p, w in zip(printed, want, strict=True)
    ):
        return want
    raise ValueError(f"chapter heading number {printed!r} cannot be chapter {expected}")


def _chapters(source: SourceText, headers: set[int]) -> list[_Chapter]:
    lines = source.lines()
    found: list[tuple[int, int, str, str]] = []  # first line, last line, printed, title
    n = 1
    while n <= len(lines):
        m = _HEADING.match(lines[n - 1]) if n not in headers else None
        if m is None:
            n += 1
            continue
        last = n
        while last < len(lines) and last + 1 not in headers and _CAPS_LINE.match(lines[last]):
            last += 1
        title_lines = [m.group("title")] + [lines[k - 1].strip() for k in range(n + 1, last + 1)]
        found.append((n, last, m.group("num"), " ".join(t.strip() for t in title_lines)))
        n = last + 1
    chapters: list[_Chapter] = []
    for i, (first, last, printed, raw_title) in enumerate(found):
        try:
            number = chapter_number(printed, i + 1)
        except ValueError as exc:
            raise ValueError(f"{source.name}:{first}: {exc}") from None
        title = repair(join_lines(raw_title))
        span = source.trimmed_span(source.line_start(first), source.line_end(last))
        section = Section(
            key=slugify(title),
            title=title,
            level=1,
            span=span,
            ordinal=i + 1,
            number=number,
        )
        end = source.line_start(found[i + 1][0]) if i + 1 < len(found) else len(source.text)
        chapters.append(_Chapter(section, source.line_end(last), end))
    return chapters


def parse(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    """Chapters as sections and every sentence of their prose as a statement."""
    headers = set(running_headers(source))
    chapters = _chapters(source, headers)
    if not chapters:
        raise ValueError(f"{source.name}: no numbered chapter heading found")
    builder = StatementBuilder(source, NORMALISER, furniture=headers)
    clean_text = builder.clean_text
    split_text = neutralise_quote_openers(clean_text)

    doc = ParsedDocument(doc_id=info.id, sections=[c.section for c in chapters])
    for chapter in chapters:
        breaks = [
            m.start()
            for m in _PARAGRAPH_BREAK.finditer(clean_text, chapter.body_start, chapter.body_end)
            if clean_text[: m.start()].rstrip()[-1:] in _TERMINAL
        ]
        lead_in: str | None = None
        paragraph = -1
        key, path = chapter.section.key, (chapter.section.title,)
        for a, b in split_sentences(split_text, chapter.body_start, chapter.body_end):
            here = sum(1 for k in breaks if k < a)
            if here != paragraph:
                paragraph, lead_in = here, None
            stmt = builder.add(
                source.span(a, b), kind="sentence", section_key=key, path=path, lead_in=lead_in
            )
            lead_in = _announced_lead_in(stmt.normalised) or lead_in
    doc.statements = builder.statements
    return doc


def _announced_lead_in(sentence: str) -> str | None:
    """The part of ``sentence`` up to a colon, if it announces demands that follow.

    "Aus dem Land und dem Bund erwarten wir klare Vorgaben: …" governs the sentences after it
    in its paragraph ("Die Kappungsgrenze … muss … gesenkt werden.").
    """
    head, colon, _rest = sentence.partition(": ")
    if not colon:
        return None
    lead = head + ":"
    return lead if cues.classify(lead) is Modality.DEMAND else None
