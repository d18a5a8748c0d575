"""The general form on the Grünen's Kommunalwahlprogramm 2025 (a PDF text layer without
headings, read by the dedicated ``bullets`` form until 2026-12-05) and its fixtures.

How the expected bullet count was taken, from the text and not from the parser:
``grep -o '●' corpus/2025-gruene-kommunalwahlprogramm.txt | wc -l`` gives 1,275 markers, each
on its own line (``grep -c '●'`` also gives 1,275, and no line holds two). None of them is a
continuation or a duplicate: every marker is followed by a new item, checked by hand at the
eleven markers whose previous bullet lacks a final period (lines 1141, 1312, 2467, 3286,
3330, 3432, 3533, 3543, 3989, 4270, 4892) and at the page-start markers (" ● …"). One of them
(line 4683) is a lead-in, not a pledge. So 1,275 bullet statements.

The hand-annotated cases below were read off the file with ``sed -n``; their line ranges are
what a reader sees as one bullet or one sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mappings.forms import parser_for
from mappings.forms.general import parse
from mappings.records import Modality, ParsedDocument, Statement
from mappings.registry import DocumentInfo
from mappings.text.source import SourceText

DOC_ID = "2025-gruene-kommunalwahlprogramm"
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).with_name("data") / "bullets"
FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))

BULLET_MARKERS = 1275  # grep -o '●' | wc -l; no continuation or duplicate markers (see above)
LEAD_IN_BULLETS = 1  # line 4683: "● Um der Verantwortung des Sports gerecht zu werden, werden wir"


def _info(doc_id: str = "fixture") -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        file=f"{doc_id}.txt",
        title="Fixture",
        authors=("gruene-dortmund",),
        date="2025",
        type="ElectionProgramme",
        form="general",
        sha256="0" * 64,
    )


def _at(doc: ParsedDocument, kind: str, first: int, last: int) -> Statement:
    found = [
        s
        for s in doc.statements
        if s.kind == kind and s.span.line_start == first and s.span.line_end == last
    ]
    assert len(found) == 1, f"expected one {kind} on lines {first}-{last}, found {len(found)}"
    return found[0]


# --- the whole document -------------------------------------------------------------------


def test_registry_form_selects_this_parser() -> None:
    assert parser_for("general") is parse


def test_marker_count_in_the_source_is_the_one_counted_by_hand(source: SourceText) -> None:
    assert source.text.count("●") == BULLET_MARKERS


def test_every_bullet_marker_is_one_bullet_statement(doc: ParsedDocument) -> None:
    bullets = [s for s in doc.statements if s.kind == "bullet"]
    assert len(bullets) == BULLET_MARKERS


def test_each_bullet_starts_right_after_its_own_marker(
    doc: ParsedDocument, source: SourceText
) -> None:
    markers = [i for i, ch in enumerate(source.text) if ch == "●"]
    starts = [s.span.char_start for s in doc.statements if s.kind == "bullet"]
    assert len(starts) == len(markers)
    for marker, start in zip(markers, starts, strict=True):
        assert source.text[marker + 1 : start].strip() == "", source.line_of(marker)


def test_no_statement_contains_a_marker_or_a_line_break(doc: ParsedDocument) -> None:
    for s in doc.statements:
        assert "●" not in s.verbatim, s.span
        assert "\n" not in s.normalised and "  " not in s.normalised, s.span


def test_every_bullet_but_the_lead_in_bullet_has_a_lead_in(doc: ParsedDocument) -> None:
    without = [s for s in doc.statements if s.kind == "bullet" and not s.lead_in]
    assert [s.span.line_start for s in without] == [4683]
    assert all(s.lead_in is None for s in doc.statements if s.kind == "sentence")


def test_lead_ins_are_not_sentence_statements(doc: ParsedDocument) -> None:
    lead_ins = {s.lead_in for s in doc.statements if s.lead_in}
    assert "Dafür werden wir" in lead_ins
    assert not [s for s in doc.statements if s.kind == "sentence" and s.normalised in lead_ins]


def test_bullets_are_pledges_except_the_lead_in_bullet(doc: ParsedDocument) -> None:
    not_pledges = [s for s in doc.statements if s.kind == "bullet" and not s.is_pledge]
    assert len(not_pledges) == LEAD_IN_BULLETS


def test_prose_is_mostly_context_but_holds_commitments(doc: ParsedDocument) -> None:
    sentences = [s for s in doc.statements if s.kind == "sentence"]
    pledges = [s for s in sentences if s.is_pledge]
    assert len(sentences) > 500
    assert 0 < len(pledges) < len(sentences) / 2


def test_sections_cover_the_statements_in_order(doc: ParsedDocument) -> None:
    keys = [sec.key for sec in doc.sections]
    assert len(keys) == len(set(keys))
    assert [sec.ordinal for sec in doc.sections] == list(range(1, len(doc.sections) + 1))
    by_key = {sec.key: sec for sec in doc.sections}
    for s in doc.statements:
        assert s.section_key is not None
        sec = by_key[s.section_key]
        assert s.section_path == (sec.title,)
        assert sec.span.char_start <= s.span.char_start and s.span.char_end <= sec.span.char_end
    for before, after in zip(doc.sections, doc.sections[1:], strict=False):
        assert before.span.char_end <= after.span.char_start


def test_chapter_openings_start_sections(doc: ParsedDocument) -> None:
    """Each chapter introduction opens a new PDF page after the last list of the one before."""
    firsts = {sec.span.line_start: sec.title for sec in doc.sections}
    assert firsts[83].startswith("Die Klimakrise ist keine ferne Bedrohung")
    assert firsts[433] == "Dortmund ist eine grüne Großstadt"
    assert firsts[2194].startswith("Ein gut ausgebauter öffentlicher Personennahverkehr")


# --- hand-annotated cases -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str
    first: int
    last: int
    starts: str  # the normalised text starts so
    ends: str  # and ends so
    lead_in: str | None = None
    modality: Modality | None = None


CASES = {
    "bullet split by a blank line, continued lower-case": Case(
        "bullet",
        171,
        173,
        "einkommensschwache Haushalte",
        "Geräte städtisch unterstützen.",
        "Darüber hinaus werden wir",
        Modality.COMMITMENT,
    ),
    "bullet split by a blank line, continued upper-case": Case(
        "bullet",
        268,
        270,
        "weitere Maßnahmen gegen Hitze",
        "das Pflanzen von Bäumen.",
        "Wir werden",
    ),
    "bullet continued on a new PDF page": Case(
        "bullet",
        1772,
        1775,
        "eine externe Evaluierung",
        "in Erwägung ziehen.",
        "Daher werden wir",
    ),
    "bullet broken by a blank line and a page start": Case(
        "bullet",
        2510,
        2515,
        "hierzu verstärkt den bislang",
        "Parkstreifen, Fahrbahn).",
        "Dafür werden wir",
    ),
    "bullet that opens a PDF page": Case(
        "bullet",
        129,
        130,
        "jedes Dezernat dazu verpflichten",
        "Maßnahmen vorzulegen.",
        "Dafür werden wir",
    ),
    "bullet with an abbreviation at a line end": Case(
        "bullet",
        675,
        676,
        "das Projekt Pfandringe",
        "wie z.B. Parks auszuweiten.",
        "Wir werden",
    ),
    "bullet of two sentences broken by a blank line": Case(
        "bullet",
        4141,
        4144,
        "die Jugendhilfe und",
        "zukunftsfähig ausgebaut werden.",
        "Für ein ausreichendes Unterstützungsangebot für junge Menschen werden wir",
    ),
    "bullet without a final period": Case(
        "bullet",
        1138,
        1139,
        "Mietwucher und Einzelvermietung",
        "ordnungsrechtlich bekämpfen",
        "Wir werden",
    ),
    "bullet that is a lead-in": Case(
        "bullet",
        4683,
        4683,
        "Um der Verantwortung des Sports",
        "werden, werden wir",
        None,
        Modality.STATEMENT,
    ),
    "bullet under a lead-in bullet": Case(
        "bullet",
        4684,
        4684,
        "Frauen- und Mädchensport",
        "gezielt fördern.",
        "Um der Verantwortung des Sports gerecht zu werden, werden wir",
        Modality.COMMITMENT,
    ),
    "bullet under a lead-in that opens a page straight after a list": Case(
        "bullet",
        2161,
        2162,
        "den Bürger*innen eine interaktivere",
        "zur Verfügung stellen.",
        "Für eine transparente Haushaltsführung unter Beteiligung der Bürger*innen werden wir",
    ),
    "bullet under a long lead-in": Case(
        "bullet",
        396,
        398,
        "die Ergebnisse der kommunalen Wärmeplanung",
        "schaffen.",
        "Um den enormen Anteil der Wärmeversorgung am CO2-Ausstoß zu verringern, werden wir",
    ),
    "prose sentence continued on a new PDF page": Case(
        "sentence",
        183,
        185,
        "Bei steigenden Preisen der fossilen",
        "Unternehmen und der Stadt.",
    ),
    "prose sentence across a page-number footer": Case(
        "sentence",
        1211,
        1219,
        "Emissionsfreie Lieferkonzepte",
        "Unternehmen gezielt fördern.",
    ),
    "paragraph that opens a page straight after a bullet": Case(
        "sentence",
        433,
        433,
        "Dortmund ist eine grüne Großstadt.",
        "Großstadt.",
        None,
        Modality.STATEMENT,
    ),
    "prose commitment": Case(
        "sentence",
        20,
        20,
        "Wir wollen, dass Dortmund",
        "nicht nur für wenige.",
        None,
        Modality.COMMITMENT,
    ),
    "prose commitment before the lead-in of its paragraph": Case(
        "sentence",
        2067,
        2068,
        "Wir haben bereits eine Stelle für Open Source",
        "einfordern.",
        None,
        Modality.COMMITMENT,
    ),
    # guideline §2 names this sentence: a pledge ("vision-like but a checkable outcome")
    "prose goal sentence": Case(
        "sentence",
        108,
        108,
        "Klimaneutralität ist unser Ziel.",
        "Ziel.",
        None,
        Modality.COMMITMENT,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hand_annotated_case(doc: ParsedDocument, name: str) -> None:
    case = CASES[name]
    s = _at(doc, case.kind, case.first, case.last)
    assert s.normalised.startswith(case.starts)
    assert s.normalised.endswith(case.ends)
    assert s.lead_in == case.lead_in
    if case.modality is not None:
        assert s.modality is case.modality


def test_footer_inside_a_sentence_is_kept_verbatim_but_not_normalised(
    doc: ParsedDocument,
) -> None:
    s = _at(doc, "sentence", 5264, 5272)
    assert "116" in s.verbatim
    assert "alle Menschen Zugang zu relevanten Informationen haben." in s.normalised


def test_bullet_after_lead_in_bullet_ends_the_list_lead_in_at_the_next_paragraph(
    doc: ParsedDocument,
) -> None:
    after = [s for s in doc.statements if s.kind == "bullet" and s.span.line_start > 4683]
    under = [s for s in after if s.lead_in and s.lead_in.startswith("Um der Verantwortung")]
    # grep -n '●' between line 4683 and the next paragraph ("Die Sportinfrastruktur", 4709)
    assert [s.span.line_start for s in under] == [4684, 4685, 4690, 4693, 4694, 4697, 4702, 4706]


# --- fixtures -------------------------------------------------------------------------------


def test_fixture_glob_is_not_empty() -> None:
    assert FIXTURE_FILES, f"no fixtures in {FIXTURES}"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURE_FILES])
def test_fixture(path: Path) -> None:
    expected: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    source = SourceText.from_string(path.read_text(encoding="utf-8"), name=path.name)
    doc = parse(source, _info(path.stem))
    got = [(s.kind, [s.span.line_start, s.span.line_end]) for s in doc.statements]
    want = [(e["kind"], e["lines"]) for e in expected["statements"]]
    assert got == want
    for s, e in zip(doc.statements, expected["statements"], strict=True):
        assert s.verbatim == source.slice(s.span)
        if "lead_in" in e:
            assert s.lead_in == e["lead_in"], e
        if "normalised" in e:
            assert s.normalised == e["normalised"]
        if "modality" in e:
            assert s.modality.value == e["modality"], e
    sections = [[sec.span.line_start, sec.span.line_end] for sec in doc.sections]
    assert sections == expected["sections"]
