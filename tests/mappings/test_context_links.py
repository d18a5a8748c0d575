"""A list item is about what its lead-in or heading speaks of (guideline §4): a company named
there, or the company that runs what is named there ("Stadtbahn" → DSW21)."""

from __future__ import annotations

from rdflib import URIRef

from mappings.forms.general import parse
from mappings.link.linking import link
from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.registry import DocumentInfo
from mappings.text.source import SourceText

INFO = DocumentInfo(
    id="synthetic",
    file="x.txt",
    title="x",
    authors=("x",),
    date="2021",
    type="CooperationAgreement",
    form="general",
    sha256="0",
)
TEXT = (
    "## Mobilität\n\nUnsere Ziele sind:\n\n"
    "1. Ein Stadtbahnkonzept für den Ausbau des ÖPNV unter Beachtung\n"
    "  - verschiedener Antriebstechnologien,\n"
    "  - der Barrierefreiheit\n"
    "2. Sichere Radwege unter Beachtung\n"
    "  - der Barrierefreiheit\n"
)


def _context(ordinal: int) -> set[URIRef]:
    doc = parse(SourceText.from_string(TEXT), INFO)
    statement = doc.statements[ordinal - 1]
    node = URIRef(f"urn:test:{ordinal}")
    return {o for s, p, o in link(node, statement, "synthetic") if p == DOKG.contextNames}


def test_sub_items_of_a_goal_about_the_stadtbahn_concern_dsw21() -> None:
    assert _context(2) == _context(3) == {iri.actor("dsw21")}


def test_sub_items_of_a_goal_about_something_no_company_runs_concern_none() -> None:
    assert _context(5) == set()
