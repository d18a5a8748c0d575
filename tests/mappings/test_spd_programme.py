"""The SPD programme (OCR of a PDF) read by the general form, and small inputs in its layout.

The programme had a dedicated form (``ocr_prose``) until 2026-12-05; the general form reads it
identically since it learnt capitals headings wrapped over lines, heading numbers read through
OCR digit confusions, and lead-ins announced by a colon inside a paragraph.

The chapter list was read from the source by hand (``grep -n '^ \\?[^ ]\\{1,3\\}\\. [A-Z]'``
and the PDF's table of contents order); the annotated sentences were classified by hand from
their wording and context, not from the parser's output.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from mappings.forms import parser_for
from mappings.forms.general import parse
from mappings.records import Modality, ParsedDocument, Statement
from mappings.registry import DocumentInfo, load_registry
from mappings.text.layout import running_headers
from mappings.text.ocr_marks import sequence_number
from mappings.text.source import SourceText

DOC_ID = "2020-spd-kommunalwahlprogramm"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"

CHAPTERS = [
    ("1", "TEAM DORTMUND"),
    ("2", "WOHNEN IST DIE SOZIALE FRAGE UNSERER ZEIT"),
    ("3", "UMWELT UND KLIMA"),  # printed "J."
    ("4", "MOBILITÄT FÜR ALLE, ÜBERALL"),  # printed "L. MOBILITAT FUR ALLE, UBERALL"
    ("5", "GUTE ARBEIT UND STARKE WIRTSCHAFT"),  # printed "9."
    ("6", "DORTMUND: SICHER, SAUBER, NAZIFREI"),
    ("7", "SOLIDARISCHE STADT"),
    ("8", "DORTMUND MUSS HAUPTSTADT DER KINDER WERDEN"),
    ("9", "GESUNDHEIT IST NICHT ALLES, ABER OHNE GESUNDHEIT IST ALLES NICHTS"),
    ("10", "ZUHÖREN, KÜMMERN, MACHEN"),
    ("11", "KULTUR, NACHTLEBEN UND ERLEBNIS"),
    ("12", "INVESTIEREN IST JETZT ANGESAGT"),
]


def _info() -> DocumentInfo:
    return next(d for d in load_registry() if d.id == DOC_ID)


@cache
def _doc() -> ParsedDocument:
    info = _info()
    return parse(SourceText.read(CORPUS / info.file), info)


def _source() -> SourceText:
    return SourceText.read(CORPUS / _info().file)


def _sentence(fragment: str) -> Statement:
    found = [s for s in _doc().statements if fragment in s.normalised]
    assert len(found) == 1, f"{fragment!r} matches {len(found)} sentences"
    return found[0]


def test_registry_routes_document_to_the_general_form() -> None:
    assert parser_for(_info().form) is parse


def test_chapters_are_numbered_in_order_with_repaired_titles() -> None:
    assert [(s.number, s.title) for s in _doc().sections] == CHAPTERS
    assert [s.ordinal for s in _doc().sections] == list(range(1, len(CHAPTERS) + 1))


def test_garbled_chapter_numbers_are_read_by_position_and_glyph() -> None:
    assert sequence_number("J", 3) == "3"
    assert sequence_number("L", 4) == "4"
    assert sequence_number("9", 5) == "5"
    assert sequence_number("12", 12) == "12"
    assert sequence_number("X", 4) is None
    assert sequence_number("4", 5) is None


def test_all_running_page_headers_are_found() -> None:
    source = _source()
    found = running_headers(source)
    by_grep = [
        n for n, line in enumerate(source.lines(), 1) if line == "PROGRAMM ZUR KOMMUNALWAHL 2020"
    ]
    assert found == by_grep == [133, 172, 277]


def test_page_headers_are_absent_from_every_normalised_text() -> None:
    for stmt in _doc().statements:
        assert "KOMMUNALWAHL" not in stmt.normalised, stmt.ordinal
    assert all("KOMMUNALWAHL" not in s.title for s in _doc().sections)


def test_sentence_across_page_break_is_one_statement_without_header() -> None:
    stmt = _sentence("Mittel in gleicher")
    assert "PROGRAMM ZUR KOMMUNALWAHL 2020" in stmt.verbatim
    assert stmt.normalised.endswith(
        "was nicht nur eine Premiere wäre, sondern auch Generationen verbinden wird."
    )
    assert stmt.span.line_start == 272 and stmt.span.line_end == 279


def test_sentence_across_blank_line_is_one_statement() -> None:
    stmt = _sentence("mehr Geld in die Hand zu nehmen")
    assert stmt.normalised.startswith("So müssen wir bereit sein")


def test_statements_are_sentences() -> None:
    assert all(s.kind == "sentence" for s in _doc().statements)


def test_ocr_quote_opener_does_not_split_a_sentence() -> None:
    stmt = _sentence("Schrottimmobilien")
    assert stmt.normalised.startswith("Den Zuständen - wie die sogenannten „Schrottimmobilien“")
    assert "Hannibal II" in stmt.normalised


def test_normalised_text_is_joined_and_repaired() -> None:
    stmt = _sentence("Steuervorteile")
    assert stmt.normalised == (
        "Zusätzlich wollen wir die Steuervorteile beim Wohnungsverkauf privater "
        "Wohnungsgesellschaften beseitigen."
    )
    assert "365-Euro-Ticket" in _sentence("Ticket").normalised
    assert "um 5 Prozent reduzieren" in _sentence("Schwerverkehr").normalised


def test_demands_after_a_lead_in_carry_it() -> None:
    stmt = _sentence("Kappungsgrenze")
    assert stmt.lead_in == "Aus dem Land und dem Bund erwarten wir klare Vorgaben:"
    assert stmt.modality is Modality.DEMAND
    assert "Bund" in stmt.addressees


C, D, OPP, S = Modality.COMMITMENT, Modality.DEMAND, Modality.OPPOSITION, Modality.STATEMENT
ANNOTATED = [
    ("Das neue Jahrzehnt braucht neue Antworten.", S),
    ("für weitere 5 Jahre bewerben", C),
    ("werden wir den sozialen Wohnungsbau im Bestand", C),
    ("Wir werden Bauland für neue Wohnungen", C),
    ("erwarten wir klare Vorgaben", D),
    ("Kappungsgrenze für Mieterhöhungen muss", D),
    ("sollte bei fünf Jahren bleiben", D),
    ("Der Klimawandel ist nicht nur echt", S),
    ("Im Jahr 2027 wird Dortmund Standort", S),
    ("Wir werden ein umfangreiches Programm auflegen", C),
    ("ist bundesweites Vorbild", S),
    ("jedes Jahr kontinuierlich um 5 Prozent reduzieren", C),
    ("Dortmund ist das Zentrum Nr. 1", S),
    ("Wir werden eine Kampagne starten", C),
    ("Das werden wir weiterhin nicht hinnehmen", OPP),
    ("Die Polizei in Dortmund leistet", S),
    ("Wir werden die erste Stabsstelle", C),
    ("Kinder sind unsere Zukunft.", S),
    ("Daher können wir niemals akzeptieren", OPP),
    ("ein kostenfreies Angebot einrichten", C),
    ("Bewegung und Sport sind immer noch", S),
    ("Deshalb wollen wir eine große Dortmund-Konferenz", C),
    ("Das Ehrenamt hat in Dortmund beste Tradition.", S),
    ("Deshalb werden wir die Mittel für die freie", C),
    ("Der Weihnachtsmarkt ist beste Tradition", S),
    ("Die Dortmunder SPD setzt sich dafür ein", C),
    ("Wir werden soziale Tarife einführen", C),
    ("Heute zeigt sich: Wir hatten recht.", S),
    ("Bis 2030 werden wir so alle städtischen Dienstleistungen", C),
    ("Hier werden wir als Stadt zeigen", C),
    ("Schutzhäuser ausbauen", C),
    ("massiv bei der Betreuung von Kindern", S),
    ("Das Handlungsprogramm Klima-Luft 2030 sieht vor", S),
]


@pytest.mark.parametrize(("fragment", "expected"), ANNOTATED, ids=[f for f, _ in ANNOTATED])
def test_annotated_sentence_has_expected_modality(fragment: str, expected: Modality) -> None:
    stmt = _sentence(fragment)
    assert stmt.is_pledge is expected.is_pledge
    assert stmt.modality is expected


def _synthetic(text: str) -> ParsedDocument:
    info = DocumentInfo(
        id="synthetic",
        file="x.txt",
        title="x",
        authors=("x",),
        date="2020",
        type="ElectionProgramme",
        form="general",
        sha256="0",
    )
    return parse(SourceText.from_string(text), info)


OCR_SENTENCE = "Wir wollen fiir die groBe Solidaritat und die Mobilitdt aller sorgen."


def test_synthetic_headers_and_garbled_numbers() -> None:
    text = (
        " 1. ERSTES\n\nWir werden bauen. Das ist gut.\n\n\nKOPFZEILE DES DOKUMENTS\n\n"
        "Z. ZWEITES\nKAPITEL\n\nDie Stadt wachst weiter und\n\n\nKOPFZEILE DES DOKUMENTS\n\n"
        f"sie bleibt schon. {OCR_SENTENCE}\n J. DRITTES\n\nEnde.\n"
    )
    doc = _synthetic(text)
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "ERSTES"),
        ("2", "ZWEITES KAPITEL"),
        ("3", "DRITTES"),
    ]
    assert [s.normalised for s in doc.statements] == [
        "Wir werden bauen.",
        "Das ist gut.",
        "Die Stadt wächst weiter und sie bleibt schon.",
        "Wir wollen für die große Solidarität und die Mobilität aller sorgen.",
        "Ende.",
    ]


def test_a_number_the_sequence_does_not_confirm_stays_as_printed() -> None:
    text = f" 1. ERSTES\n\n{OCR_SENTENCE}\n\nX. ZWEITES\n\nB.\n\n J. DRITTES\n\nC.\n"
    assert [s.number for s in _synthetic(text).sections] == ["1", "X", "3"]


def test_in_a_clean_text_heading_numbers_stay_as_printed() -> None:
    text = "1. EINS\n\nA.\n\n2. ZWEI\n\nB.\n\n6. SECHS\n\nC.\n\n1. NEU\n\nD.\n"
    assert [s.number for s in _synthetic(text).sections] == ["1", "2", "6", "1"]


def test_a_capitals_heading_wrapped_after_a_comma_is_one_heading() -> None:
    text = (
        " 1. GESUNDHEIT IST NICHT ALLES,\nABER OHNE GESUNDHEIT IST\nALLES NICHTS\n\n"
        "Sport hilft.\n"
    )
    doc = _synthetic(text)
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "GESUNDHEIT IST NICHT ALLES, ABER OHNE GESUNDHEIT IST ALLES NICHTS")
    ]
    assert [s.kind for s in doc.statements] == ["sentence"]


def test_a_colon_lead_in_governs_the_rest_of_its_paragraph_only() -> None:
    text = (
        "# Wohnen\n\nVom Bund erwarten wir: Die Mieten müssen sinken. Die Grenze muss fallen."
        "\n\nDie Grenze muss fallen, sagen viele.\n"
    )
    doc = _synthetic(text)
    lead = "Vom Bund erwarten wir:"
    assert [s.lead_in for s in doc.statements] == [None, lead, None]
    assert doc.statements[1].modality is Modality.DEMAND
