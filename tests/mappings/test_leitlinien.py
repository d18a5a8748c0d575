"""The Grüne/CDU Leitlinien read by the general form, and synthetic input in their layout.

The Leitlinien had a dedicated form (``numbered_goals``) until 2026-12-05. The general form
reads them alike: sections, spans, section paths ("… › Ziel 18 › Unterpunkt 2"), parents,
modalities, targets and signatories are those of the old form. What differs: statement kinds
are the general form's (``sentence``, ``item``; the old ``intro-sentence``, ``goal``,
``sub-item``), and goals carry their lead-in "Unsere Ziele sind:".

The expected counts were taken from the source by hand and with awk, not from the parser:
``awk '/^#/{...} /^[0-9]+\\. /{g++} /^  - /{s++}'`` over the corpus file gives 230 numbered
goals in 17 areas and 13 sub-items (6 under Mobilität Ziel 18, 3 under Mobilität Ziel 22, 4
under Stadtverwaltung Ziel 11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.forms import parser_for
from mappings.forms.general import item_noun, parse
from mappings.rdf.iri import slugify
from mappings.records import Modality, ParsedDocument, Statement
from mappings.registry import DocumentInfo
from mappings.text.source import SourceText

DOC_ID = "2021-gruene-cdu-leitlinien"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"

GOALS_PER_AREA = {
    "Wohnen und Bauen": 10,
    "Mobilität und Infrastruktur": 31,
    "Klima- und Umweltschutz": 19,
    "Zukunft der Innenstadt": 4,
    "Sozial, gerecht und selbstbestimmt": 14,
    "Kinder, Jugend, Familie und Schule": 26,
    "Kultur": 17,
    "Sport und Freizeit": 9,
    "Sicheres und sauberes Dortmund": 13,
    "Tierschutz": 2,
    "Transparenz, Demokratie, Mitsprache und Beteiligung": 5,
    "Integration, Diversität und Vielfalt": 10,
    "Geschlechtergerechtigkeit": 8,
    "Wirtschaft und Arbeit": 29,
    "Digitalisierung": 11,
    "Finanzen": 7,
    "Stadtverwaltung und Konzern Stadt": 15,
}

# (title, level, line) of every heading, read off the file (`grep -n '^#'`).
HEADINGS = [
    ("Präambel", 2, 20),
    ("Wohnen und Bauen", 2, 50),
    ("Mobilität und Infrastruktur", 3, 70),
    ("Klima- und Umweltschutz", 3, 121),
    ("Zukunft der Innenstadt", 3, 154),
    ("Sozial, gerecht und selbstbestimmt", 3, 167),
    ("Kinder, Jugend, Familie und Schule", 3, 190),
    ("Kultur", 2, 230),
    ("Sport und Freizeit", 2, 256),
    ("Sicheres und sauberes Dortmund", 2, 272),
    ("Tierschutz", 2, 292),
    ("Transparenz, Demokratie, Mitsprache und Beteiligung", 3, 303),
    ("Integration, Diversität und Vielfalt", 3, 315),
    ("Geschlechtergerechtigkeit", 3, 334),
    ("Wirtschaft und Arbeit", 3, 351),
    ("Digitalisierung", 2, 394),
    ("Finanzen", 2, 412),
    ("Stadtverwaltung und Konzern Stadt", 2, 428),
]


def _goal(doc: ParsedDocument, area: str, number: int) -> Statement:
    (found,) = [s for s in doc.statements if s.section_path == (area, f"Ziel {number}")]
    return found


def _kind(doc: ParsedDocument, kind: str) -> list[Statement]:
    """Statements of the old form's kinds: a goal is a numbered item of the goal list, a
    sub-item an item under a goal, an intro sentence a sentence."""
    if kind == "goal":
        return [s for s in doc.statements if s.kind == "item" and s.parent is None]
    if kind == "sub-item":
        return [s for s in doc.statements if s.kind == "item" and s.parent is not None]
    assert kind == "intro-sentence"
    return [s for s in doc.statements if s.kind == "sentence"]


# --- structure ------------------------------------------------------------------------------


def test_registry_routes_the_leitlinien_to_the_general_form(info: DocumentInfo) -> None:
    assert info.form == "general" and info.flat_headings
    assert parser_for(info.form) is parse


def test_headings_are_peers_whatever_their_level(doc: ParsedDocument) -> None:
    """"### Mobilität" after "## Wohnen und Bauen" is no part of it (registry: headings = flat)."""
    assert all(s.parent_key is None for s in doc.sections)
    assert _goal(doc, "Mobilität und Infrastruktur", 1).section_path[0] == (
        "Mobilität und Infrastruktur"
    )


def test_sections_are_the_headings_without_markup(doc: ParsedDocument) -> None:
    got = [(s.title, s.level, s.span.line_start) for s in doc.sections]
    assert got == HEADINGS
    assert [s.key for s in doc.sections] == [slugify(t) for t, _, _ in HEADINGS]
    assert [s.ordinal for s in doc.sections] == list(range(1, len(HEADINGS) + 1))


def test_section_span_is_the_heading_line(doc: ParsedDocument, source: SourceText) -> None:
    mobility = doc.sections[2]
    assert source.slice(mobility.span) == "### **Mobilität und Infrastruktur**"
    assert mobility.span.line_end == mobility.span.line_start == 70


# --- goals ----------------------------------------------------------------------------------


def test_parses_all_230_numbered_goals(doc: ParsedDocument) -> None:
    assert len(_kind(doc, "goal")) == sum(GOALS_PER_AREA.values()) == 230


def test_goals_per_area_are_numbered_from_one_without_gaps(doc: ParsedDocument) -> None:
    per_area: dict[str, list[str | None]] = {}
    for goal in _kind(doc, "goal"):
        per_area.setdefault(goal.section_path[0], []).append(goal.number)
    assert {a: len(n) for a, n in per_area.items()} == GOALS_PER_AREA
    for area, numbers in per_area.items():
        assert numbers == [str(n) for n in range(1, GOALS_PER_AREA[area] + 1)], area


def test_goal_span_excludes_the_number_marker(doc: ParsedDocument, source: SourceText) -> None:
    goal = _goal(doc, "Wohnen und Bauen", 1)
    assert goal.verbatim.startswith("Neubau von 2.500 Wohnungen jährlich")
    assert goal.number == "1"
    line = source.line(goal.span.line_start)
    assert line.startswith("1. ") and line[3:] == goal.verbatim


@pytest.mark.parametrize(
    ("area", "number", "line", "start"),
    [
        ("Wohnen und Bauen", 1, 58, "Neubau von 2.500 Wohnungen"),
        ("Wohnen und Bauen", 8, 66, "Entwicklung von Referenzprojekten"),  # after blank 65
        ("Mobilität und Infrastruktur", 3, 80, "Kein weiterer baulicher Ausbau"),
        ("Mobilität und Infrastruktur", 4, 82, "Gerechte Nutzung von Verkehrsflächen"),
        ("Mobilität und Infrastruktur", 19, 104, "Stufenweise Einführung"),
        ("Klima- und Umweltschutz", 18, 151, "Konzepte zur Müllvermeidung"),
        ("Wirtschaft und Arbeit", 13, 376, "ÖPNV-Anbindung von Gewerbegebieten"),
        ("Stadtverwaltung und Konzern Stadt", 13, 455, "Einführung einer Gemeinwohlbilanz"),
    ],
)
def test_goal_lines_match_the_source(
    doc: ParsedDocument, area: str, number: int, line: int, start: str
) -> None:
    goal = _goal(doc, area, number)
    assert (goal.span.line_start, goal.span.line_end) == (line, line)
    assert goal.verbatim.startswith(start)


def test_numbering_continues_after_a_blank_line(doc: ParsedDocument, source: SourceText) -> None:
    assert source.line(65) == ""
    assert _goal(doc, "Wohnen und Bauen", 7).span.line_start == 64
    assert _goal(doc, "Wohnen und Bauen", 8).span.line_start == 66


def test_goals_default_to_commitment(doc: ParsedDocument) -> None:
    assert _goal(doc, "Wohnen und Bauen", 1).modality is Modality.COMMITMENT
    assert _goal(doc, "Digitalisierung", 4).modality is Modality.COMMITMENT


def test_airport_goal_is_an_opposition(doc: ParsedDocument) -> None:
    goal = _goal(doc, "Mobilität und Infrastruktur", 3)
    assert "Flughafens" in goal.normalised
    assert goal.modality is Modality.OPPOSITION
    assert goal.is_pledge


def test_goal_with_pruefung_is_a_review(doc: ParsedDocument) -> None:
    goal = _goal(doc, "Transparenz, Demokratie, Mitsprache und Beteiligung", 1)
    assert goal.normalised.startswith("Prüfung der Einführung eines Live-Streams")
    assert goal.modality is Modality.REVIEW


def test_goal_targets_come_from_the_normalised_text(doc: ParsedDocument) -> None:
    goal = _goal(doc, "Klima- und Umweltschutz", 1)
    assert goal.normalised == "Klimaneutralität bis 2035"
    assert 2035 in [t.target_year for t in goal.targets]


# --- sub-items ------------------------------------------------------------------------------


def test_sub_items_hang_from_their_goal(doc: ParsedDocument) -> None:
    subs = _kind(doc, "sub-item")
    by_ordinal = {s.ordinal: s for s in doc.statements}
    parents = [by_ordinal[s.parent].section_path if s.parent else None for s in subs]
    assert len(subs) == 13
    assert parents == (
        [("Mobilität und Infrastruktur", "Ziel 18")] * 6
        + [("Mobilität und Infrastruktur", "Ziel 22")] * 3
        + [("Stadtverwaltung und Konzern Stadt", "Ziel 11")] * 4
    )


def test_primat_der_politik_goal_has_its_four_sub_items(doc: ParsedDocument) -> None:
    goal = _goal(doc, "Stadtverwaltung und Konzern Stadt", 11)
    assert goal.verbatim == "Primat der Politik in den kommunalen Unternehmen durchsetzen:"
    subs = [s for s in doc.statements if s.parent == goal.ordinal]
    assert [s.span.line_start for s in subs] == [449, 450, 451, 452]
    assert [s.section_path[-1] for s in subs] == [f"Unterpunkt {k}" for k in range(1, 5)]
    assert subs[0].section_path[:2] == ("Stadtverwaltung und Konzern Stadt", "Ziel 11")
    assert subs[1].verbatim == "Neuaufstellung des Beteiligungsmanagements der Stadt"
    assert all(s.lead_in == goal.normalised for s in subs)
    # the goal after the sub-items is numbered on: 12, not a sub-item
    assert _goal(doc, "Stadtverwaltung und Konzern Stadt", 12).span.line_start == 453


def test_sub_item_keeps_its_comma_verbatim_but_not_normalised(doc: ParsedDocument) -> None:
    first = _kind(doc, "sub-item")[0]
    assert first.verbatim == "verschiedener Antriebstechnologien,"
    assert first.normalised == "verschiedener Antriebstechnologien"
    assert first.span.line_start == 97


# --- intro sentences ------------------------------------------------------------------------


def test_intro_sentences_precede_the_goals_of_their_area(doc: ParsedDocument) -> None:
    seen_goal: set[str] = set()
    for s in doc.statements:
        area = s.section_path[0]
        if s.kind == "goal":
            seen_goal.add(area)
        elif s.kind == "intro-sentence":
            assert area not in seen_goal, s.verbatim
            assert s.section_path == (area,)
    areas_with_intro = {s.section_path[0] for s in _kind(doc, "intro-sentence")}
    assert areas_with_intro == {t for t, _, _ in HEADINGS}


def test_goals_lead_in_is_not_a_statement_but_leads_the_goals(doc: ParsedDocument) -> None:
    assert not [s for s in doc.statements if "Unsere Ziele sind" in s.verbatim]
    assert {s.lead_in for s in _kind(doc, "goal")} == {"Unsere Ziele sind:"}


def test_a_lead_in_names_its_items() -> None:
    assert item_noun("Unsere Ziele sind:") == "Ziel"
    assert item_noun("Unsere Forderungen:") == "Forderung"
    assert item_noun("Dafür werden wir:") is None
    assert item_noun("Unser Ziel:") is None  # a singular names one thing, not the items


def test_praeambel_wegpunkte_are_intro_sentences(doc: ParsedDocument) -> None:
    pre = [s for s in _kind(doc, "intro-sentence") if s.section_path == ("Präambel",)]
    assert pre[0].span.line_start == 22
    wegpunkte = [s for s in pre if 32 <= s.span.line_start <= 48]
    assert wegpunkte[0].verbatim == "Wir wollen Dortmund zukunftsfest machen."
    assert "Wir wollen das Primat der Politik wiederherstellen." in {
        s.normalised.removeprefix("Und: ") for s in wegpunkte
    }
    assert pre[-1].span.line_start == 48


def test_paragraph_broken_by_a_blank_line_is_one_sentence(doc: ParsedDocument) -> None:
    (s,) = [s for s in doc.statements if s.verbatim.startswith("Verpflichtet fühlen wir uns")]
    assert (s.span.line_start, s.span.line_end) == (336, 338)
    assert "\n\n" in s.verbatim
    assert s.normalised.endswith(
        "Gleichberechtigung von Frauen und Männern fördert und auf "
        "die Beseitigung bestehender Nachteile hinwirkt."
    )


def test_subscript_markup_is_removed_from_normalised_text(doc: ParsedDocument) -> None:
    (s,) = [s for s in doc.statements if "<sub>" in s.verbatim]
    assert "CO2-Emissionen" in s.normalised
    assert all("**" not in s.normalised and "<" not in s.normalised for s in doc.statements)


# Hand-annotated: does the sentence pledge something (True) or give context (False)?
INTRO_SAMPLE = [
    ("Wir wollen Dortmund zukunftsfest machen.", True),
    ("Wir werden mit unseren Projekten auf andere demokratische Fraktionen zugehen", True),
    ("Wir wollen die Rahmenbedingungen schaffen, damit die in Dortmund lebenden", True),
    ("Wir setzen uns dafür ein, dass der Straßenraum gerecht", True),
    ("Wir wollen Kinderarmut mit den zur Verfügung stehenden", True),
    ("Deshalb wollen wir die Wirtschaftskraft unserer Stadt stärken.", True),
    ("Daher unterstützen wir Genossenschaften", True),
    ("Um alle Beteiligten an einen Tisch zu bringen, werden wir einen Klima-Rat einrichten.", True),
    ("Der Verkehr ist für einen erheblichen Teil der CO2-Emissionen", False),
    ("Der Anteil des Umweltverbundes (Rad- und Fußverkehr sowie ÖPNV) am Modal Split", False),
    ("Tierschutz ist seit 2002 als Staatsziel im Grundgesetz verankert.", False),
    ("Dies hat die Corona-Pandemie eindrücklich unter Beweis gestellt.", False),
    ("Beispiele dafür finden sich in Metropolen wie London", False),
    ("In den letzten Jahren ist die Zahl der Kinder und Jugendlichen", False),
]


@pytest.mark.parametrize(("start", "pledge"), INTRO_SAMPLE)
def test_intro_sentence_is_a_pledge_only_with_a_cue(
    doc: ParsedDocument, start: str, pledge: bool
) -> None:
    (s,) = [s for s in _kind(doc, "intro-sentence") if s.normalised.startswith(start)]
    assert s.is_pledge is pledge


# --- whole document -------------------------------------------------------------------------


def test_title_block_and_signatures_yield_no_statements(doc: ParsedDocument) -> None:
    lines = [s.span.line_start for s in doc.statements]
    assert min(lines) == 22
    assert max(s.span.line_end for s in doc.statements) == 457


def test_signatories_as_printed(doc: ParsedDocument, source: SourceText) -> None:
    got = [(s.name, s.role, s.organisation) for s in doc.signatories]
    assert got == [
        ("Ingrid Reuter", "Sprecherin", "Fraktion B90/DIE GRÜNEN"),
        ("Ulrich Langhorst", "Sprecher", "Fraktion B90/DIE GRÜNEN"),
        ("Michael Röls", "Sprecher", "Kreisverband B90/Die GRÜNEN"),
        ("Dr. Jendrik Suck", "Vorsitzender", "CDU-Ratsfraktion"),
        ("Uwe Waßmann", "stellv. Vorsitzender", "CDU-Ratsfraktion"),
        ("Sascha Mader", "stellv. Vorsitzender", "CDU-Ratsfraktion"),
        ("Sascha Mader", "kommissarischer Vorsitzender", "des Kreisverbandes CDU"),
    ]
    assert len({s.name for s in doc.signatories}) == 6
    mader = doc.signatories[-1]
    assert (mader.span.line_start, mader.span.line_end) == (484, 489)
    assert source.slice(mader.span).startswith("**Sascha Mader**")


# --- synthetic input ------------------------------------------------------------------------

SYNTHETIC_INFO = DocumentInfo(
    id="synthetic",
    file="synthetic.txt",
    title="Synthetic",
    authors=("someone",),
    date="2021",
    type="CooperationAgreement",
    form="general",
    flat_headings=True,
    sha256="0" * 64,
)


def _parse_text(text: str) -> ParsedDocument:
    return parse(SourceText.from_string(text, name="synthetic.txt"), SYNTHETIC_INFO)


def test_wrapped_goal_line_continues_the_goal() -> None:
    doc = _parse_text(
        "## **A**\n\nWir wollen etwas.\n\nUnsere Ziele sind:\n\n"
        "1. Erster Teil\n   zweiter Teil\n2. Noch ein Ziel\n"
    )
    first, second = _kind(doc, "goal")
    assert first.verbatim == "Erster Teil\n   zweiter Teil"
    assert first.normalised == "Erster Teil zweiter Teil"
    assert (first.span.line_start, first.span.line_end) == (7, 8)
    assert second.number == "2"


def test_a_signature_that_does_not_read_yields_no_signatory_and_no_statement() -> None:
    doc = _parse_text("## A\n\nUnsere Ziele sind:\n\n1. Eins\n2. Zwei\n\n**Name**\n\nSprecher\n")
    assert doc.signatories == []
    assert [s.normalised for s in doc.statements] == ["Eins", "Zwei"]
    assert [s.title for s in doc.sections] == ["A", "Name", "Sprecher"]  # read like any text


@pytest.mark.parametrize(
    "closing",
    [
        "**Impressum**\n\nV.i.S.d.P.: Max Muster\nSPD Dortmund\n",
        "**Unsere Partner**\n\nDSW21\nDEW21\n",
        "**Unsere Partner**\n\nDSW21\nDEW21\n\nDortmund, den 1. April 2021\n",
        "**Erika Muster**\n\nSprecherin\nFraktion X\n",  # no place and date: no agreement
    ],
)
def test_a_closing_section_is_no_signature_block(closing: str) -> None:
    doc = _parse_text("## A\n\nUnsere Ziele sind:\n\n1. Eins\n2. Zwei\n\n" + closing)
    assert doc.signatories == []


def test_numbered_items_without_a_naming_lead_in_get_no_label() -> None:
    doc = _parse_text("## A\n\nDafür werden wir:\n\n1. Eins\n2. Zwei\n")
    assert [s.section_path for s in doc.statements] == [("A",), ("A",)]
    assert [s.modality for s in doc.statements] == [Modality.COMMITMENT] * 2


def test_synthetic_document_with_sub_items_and_signature() -> None:
    doc = _parse_text(
        "Titel\n\n## Präambel\n\nWir werden helfen. Das ist gut.\n\n"
        "## **B**\n\nUnsere Ziele sind:\n\n1. Ziel:\n  - a,\n  - b\n\n2. Kein Ausbau\n\n"
        "**Erika Muster**\n\nSprecherin  \nFraktion X und  \nVorsitzende  \nKreisverband Y\n\n"
        "Dortmund, den 1. April 2021\n"
    )
    kinds = ["sentence", "sentence", "item", "item", "item", "item"]
    assert [s.kind for s in doc.statements] == kinds
    goal = doc.statements[2]
    assert goal.modality is Modality.COMMITMENT  # a goal with details, not a mere lead-in
    assert [s.parent for s in doc.statements[3:5]] == [goal.ordinal] * 2
    assert [s.section_path for s in doc.statements[3:5]] == [
        ("B", "Ziel 1", "Unterpunkt 1"),
        ("B", "Ziel 1", "Unterpunkt 2"),
    ]
    assert [s.modality for s in doc.statements[3:5]] == [Modality.COMMITMENT] * 2
    assert doc.statements[5].section_path == ("B", "Ziel 2")
    assert doc.statements[5].modality is Modality.OPPOSITION
    assert [(s.role, s.organisation) for s in doc.signatories] == [
        ("Sprecherin", "Fraktion X"),
        ("Vorsitzende", "Kreisverband Y"),
    ]
