"""The general text form on small German documents in common layouts, and on the corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bench.form_agreement import RETIRE_AT, compare
from mappings.forms import parser_for
from mappings.forms.general import parse
from mappings.records import Modality, ParsedDocument
from mappings.registry import DocumentInfo, load_registry
from mappings.text.source import SourceText

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
INFO = replace(load_registry()[0], id="probe", form="general", title="Probe")

LAYOUT = """\
Fraktion Beispiel
Musterstraße 1, 44135 Dortmund

1. Mobilität

Der Verkehr in Dortmund soll sicherer werden. Die Stadt hat dafür bis-
her zu wenig getan.

Wir werden:
• Radwege ausbauen,
• Tempo 30 vor Schulen einführen und
   – Zebrastreifen markieren,
• den Nahverkehr stärken.

ENTWURF STAND MAI

2. Wohnen

Bezahlbarer Wohnraum fehlt. Deshalb
fordern wir vom Land:
a) mehr Fördermittel für den Wohnungsbau
b) eine Mietpreisbremse für ganz Dortmund.

- 3 -

ENTWURF STAND MAI

Am 22.
März 2021 haben wir dazu einen Antrag gestellt.
"""


def _parse(text: str) -> tuple[SourceText, ParsedDocument]:
    source = SourceText.from_string(text, name="probe.txt")
    return source, parse(source, INFO)


def test_the_general_form_is_discovered() -> None:
    assert parser_for("general") is parse


def test_numbered_headings_open_sections_and_the_address_is_title_matter() -> None:
    _source, doc = _parse(LAYOUT)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Mobilität"), ("2", "Wohnen")]
    assert not any("Musterstraße" in s.verbatim for s in doc.statements)


def test_sentences_are_joined_across_hyphenation() -> None:
    _source, doc = _parse(LAYOUT)
    second = doc.statements[1]
    assert second.normalised == "Die Stadt hat dafür bisher zu wenig getan."
    assert second.section_path == ("Mobilität",)


def test_a_colon_lead_in_governs_its_items_and_is_no_statement() -> None:
    _source, doc = _parse(LAYOUT)
    items = [s for s in doc.statements if s.kind in ("bullet", "item")]
    assert [s.kind for s in items][:3] == ["bullet", "bullet", "item"]  # "•", "•", "–"
    assert [s.normalised for s in items[:3]] == [
        "Radwege ausbauen",
        "Tempo 30 vor Schulen einführen und",
        "Zebrastreifen markieren",
    ]
    assert not any(s.verbatim.startswith("Wir werden") for s in doc.statements)
    assert items[0].lead_in == "Wir werden:" and items[0].modality is Modality.COMMITMENT


def test_a_deeper_item_is_a_sub_item_of_the_one_above() -> None:
    _source, doc = _parse(LAYOUT)
    by_text = {s.normalised: s for s in doc.statements}
    parent = by_text["Tempo 30 vor Schulen einführen und"]
    child = by_text["Zebrastreifen markieren"]
    assert child.parent == parent.ordinal and child.lead_in == parent.normalised
    assert by_text["den Nahverkehr stärken."].parent is None


def test_lettered_items_read_with_a_demanding_lead_in() -> None:
    _source, doc = _parse(LAYOUT)
    items = [s for s in doc.statements if s.number in ("a", "b")]
    assert [s.normalised for s in items] == [
        "mehr Fördermittel für den Wohnungsbau",
        "eine Mietpreisbremse für ganz Dortmund.",
    ]
    assert items[0].lead_in == "Deshalb fordern wir vom Land:"
    assert all(s.modality is Modality.DEMAND for s in items)


def test_running_headers_and_page_numbers_are_no_text() -> None:
    source, doc = _parse(LAYOUT)
    assert not any("ENTWURF" in s.normalised or "- 3 -" in s.normalised for s in doc.statements)
    assert all(s.verbatim == source.slice(s.span) for s in doc.statements)


def test_a_date_wrapped_over_a_line_stays_in_its_sentence() -> None:
    _source, doc = _parse(LAYOUT)
    assert doc.statements[-1].normalised == "Am 22. März 2021 haben wir dazu einen Antrag gestellt."


def test_a_document_without_headings_is_cut_into_topic_sections() -> None:
    """A PDF text layer without headings: prose opens a topic, the list after it belongs to it,
    the next prose after a list opens the next topic, titled by its opening words."""
    text = (
        "Wir werden Bäume pflanzen. Das ist gut.\n\nDafür werden wir\n● Linden setzen.\n"
        "● Eichen setzen.\n\nDer Verkehr soll ruhiger werden.\n"
    )
    _source, doc = _parse(text)
    assert [s.title for s in doc.sections] == [
        "Wir werden Bäume pflanzen",
        "Der Verkehr soll ruhiger werden",
    ]
    assert [s.section_key for s in doc.statements] == [
        "wir-werden-baeume-pflanzen",
        "wir-werden-baeume-pflanzen",
        "wir-werden-baeume-pflanzen",
        "wir-werden-baeume-pflanzen",
        "der-verkehr-soll-ruhiger-werden",
    ]
    assert [s.kind for s in doc.statements][2:4] == ["bullet", "bullet"]


def test_a_line_with_a_sentence_inside_is_no_heading() -> None:
    _source, doc = _parse("# Wohnen\n\nWohnen ist ein Recht. Wir wollen mehr\n\nWohnungen bauen.\n")
    assert [s.title for s in doc.sections] == ["Wohnen"]
    assert doc.statements[-1].normalised == "Wir wollen mehr Wohnungen bauen."


@pytest.mark.parametrize(
    "info",
    [pytest.param(i, id=i.id) for i in load_registry() if i.form != "general"],
)
def test_agreement_with_the_dedicated_forms_is_as_reported(info: DocumentInfo) -> None:
    """The figures of bench/results/form-agreement.md, for the forms still dedicated; each is
    below the bar (a form at the bar is retired: its document is read by the general form)."""
    measured = compare(info, CORPUS)
    report = (CORPUS.parent / "bench/results/form-agreement.md").read_text(encoding="utf-8")
    assert f"| {info.id} | `{info.form}` | {measured.dedicated} | {measured.general} |" in report
    assert measured.agreement < RETIRE_AT
