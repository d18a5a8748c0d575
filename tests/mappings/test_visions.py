"""Tests of the ``visions`` parser against the DOS paper "Dortmunder Visionen 2020".

The expected counts are one statement per sentence and per "- " list item (annotation
guideline §1), checked against the double-annotated gold set (97 of its 99 rows have the
parser's exact lines; the other two are the title's slogan, which is the document's title here,
and a "- etc." item the annotators joined to the item before): Digital 15 visions,
Oekologisch 30, Sozial 49 plus the closing slogan "Antifaschistisch von Anfang an!", and 4
sentences in the Einleitung.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mappings.classify.testability import testability as how_testable
from mappings.forms import parser_for
from mappings.forms.visions import parse
from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Statement
from mappings.registry import DocumentInfo
from mappings.text.source import SourceText

DOC_ID = "2020-dos-visionen"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DATA = Path(__file__).with_name("data") / "visions"

VISIONS_PER_SECTION = {"digital": 15, "oekologisch": 30, "sozial": 49}
# (title, first line, last line) of each heading; "Sozial" carries its subtitle line.
HEADINGS = [
    ("Einleitung", 7, 7),
    ("Digital", 16, 16),
    ("Oekologisch", 53, 53),
    ("Sozial", 126, 127),
]
SHARED_VISION = "Einwohnerinnenbeteiligung ist die Regel und nicht mehr die Ausnahme."


def _info() -> DocumentInfo:
    return DocumentInfo(
        id="t", file="t.txt", title="t", authors=("dos",), date="2020", type="VisionPaper",
        form="visions", sha256="0",
    )  # fmt: skip


def _parse(text: str) -> ParsedDocument:
    return parse(SourceText.from_string(text), _info())


# --- structure ------------------------------------------------------------------------------


def test_registry_routes_the_dos_paper_to_this_parser(info: DocumentInfo) -> None:
    assert info.form == "visions"
    assert parser_for(info.form) is parse


def test_sections_are_einleitung_and_the_three_themes(doc: ParsedDocument) -> None:
    got = [(s.title, s.span.line_start, s.span.line_end) for s in doc.sections]
    assert got == HEADINGS
    assert [s.key for s in doc.sections] == [slugify(t) for t, _, _ in HEADINGS]
    assert [s.ordinal for s in doc.sections] == [1, 2, 3, 4]
    assert all(s.level == 1 and s.parent_key is None for s in doc.sections)


def test_heading_span_includes_the_subtitle(doc: ParsedDocument, source: SourceText) -> None:
    assert source.slice(doc.sections[3].span) == "Sozial\n(also antifaschistisch!)"


def test_title_block_yields_no_statement(doc: ParsedDocument) -> None:
    assert doc.statements[0].span.line_start == 8
    assert not any("Klimasoziale" in s.verbatim for s in doc.statements)


# --- counts and modalities ------------------------------------------------------------------


def test_vision_counts_per_section(doc: ParsedDocument) -> None:
    got: dict[str | None, int] = {}
    for s in doc.statements:
        if s.kind == "vision":
            got[s.section_key] = got.get(s.section_key, 0) + 1
    assert got == VISIONS_PER_SECTION
    assert len(doc.pledges) == sum(VISIONS_PER_SECTION.values()) == 94


def test_einleitung_is_context(doc: ParsedDocument) -> None:
    intro = [s for s in doc.statements if s.section_key == "einleitung"]
    assert len(intro) == 4
    assert {s.kind for s in intro} == {"intro-sentence"}
    assert {s.modality for s in intro} == {Modality.STATEMENT}


def test_every_vision_is_a_vision_pledge(doc: ParsedDocument) -> None:
    visions = [s for s in doc.statements if s.kind == "vision"]
    assert {s.modality for s in visions} == {Modality.VISION}
    assert all(s.is_pledge for s in visions)


def test_closing_slogan_is_context_not_a_vision(doc: ParsedDocument) -> None:
    last = doc.statements[-1]
    assert last.verbatim == "Antifaschistisch von Anfang an!"
    assert (last.kind, last.modality) == ("sentence", Modality.STATEMENT)


def test_repeated_vision_is_kept_once_per_section(doc: ParsedDocument) -> None:
    same = [s for s in doc.statements if s.normalised == SHARED_VISION]
    assert [s.section_key for s in same] == ["digital", "oekologisch", "sozial"]
    assert [s.span.line_start for s in same] == [18, 55, 129]


def test_testability_and_targets_come_from_the_shared_modules(doc: ParsedDocument) -> None:
    for s in doc.statements:
        assert s.testability is how_testable(s.normalised, s.modality, s.targets), s.ordinal


# --- spans and text -------------------------------------------------------------------------


def test_normalised_text_joins_lines_and_hyphens(doc: ParsedDocument) -> None:
    (paths,) = [s for s in doc.statements if s.verbatim.startswith("Es gibt überall eine")]
    assert "\n" in paths.verbatim
    assert paths.normalised == (
        "Es gibt überall eine gesicherte und getrennte Fuß- und Fahrradinfrastruktur."
    )


def _samples() -> list[Any]:
    files = sorted(DATA.glob("*.yaml"))
    assert files, f"no annotated samples in {DATA}"
    return [
        pytest.param(entry, id=f"{path.stem}-{entry['lines'][0]}")
        for path in files
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def test_annotated_samples_exist() -> None:
    assert len(_samples()) >= 8


@pytest.mark.parametrize("entry", _samples())
def test_annotated_statement(doc: ParsedDocument, entry: dict[str, Any]) -> None:
    first, last = entry["lines"]
    found: list[Statement] = [
        s
        for s in doc.statements
        if s.span.line_start == first and s.verbatim.startswith(entry["starts"])
    ]
    assert len(found) == 1, f"no single statement starts on line {first} with {entry['starts']!r}"
    (stmt,) = found
    assert stmt.span.line_end == last
    assert stmt.section_key == entry["section"]
    assert stmt.kind == entry["kind"]
    assert stmt.verbatim.startswith(entry["starts"])
    assert stmt.verbatim.endswith(entry["ends"])


# --- rules on synthetic input ---------------------------------------------------------------


def test_each_sentence_is_a_vision_of_its_own() -> None:
    doc = _parse("Digital\n\nA ist erreicht. B folgt\ndaraus.\nC ist die Regel.\n")
    assert [s.verbatim for s in doc.statements] == [
        "A ist erreicht.",
        "B folgt\ndaraus.",
        "C ist die Regel.",
    ]
    assert {s.kind for s in doc.statements} == {"vision"}


def test_a_parenthesis_after_a_sentence_belongs_to_it() -> None:
    doc = _parse("Sozial\n\nDie Gehälter sind gedeckelt.\n(zur Zeit etwa 425.000,- €/Jahr)\n")
    assert [s.verbatim for s in doc.statements] == [
        "Die Gehälter sind gedeckelt.\n(zur Zeit etwa 425.000,- €/Jahr)"
    ]


def test_dash_items_are_statements_of_their_own() -> None:
    doc = _parse("Sozial\n\nDazu gehören zum Beispiel\n- queere Menschen\n- Frauen\n")
    assert [s.verbatim for s in doc.statements] == [
        "Dazu gehören zum Beispiel",
        "- queere Menschen",
        "- Frauen",
    ]


def test_only_a_units_first_sentence_can_be_a_slogan() -> None:
    doc = _parse(
        "Oekologisch\n\nBlumen statt Beton! Die Flächen wurden begrünt. Und das schon 2030!\n"
    )
    assert [s.kind for s in doc.statements] == ["sentence", "vision", "vision"]


def test_a_page_break_inside_a_sentence_does_not_split_the_vision() -> None:
    doc = _parse("Sozial\n\nA wurde gefördert, egal ob\n\n\n\nBildung oder Wohnen.\n")
    assert len(doc.statements) == 1
    assert doc.statements[0].normalised == "A wurde gefördert, egal ob Bildung oder Wohnen."


def test_a_single_blank_line_ends_a_vision_without_full_stop() -> None:
    doc = _parse("Oekologisch\n\nEinkaufen ist selbstverständlich\n\nDie Luft ist sauber.\n")
    assert [s.span.line_start for s in doc.statements] == [3, 5]


def test_text_without_any_heading_is_rejected() -> None:
    with pytest.raises(ValueError, match="no section heading"):
        _parse("Nur ein langer Satz ohne jede Überschrift davor.\n")
