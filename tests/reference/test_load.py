"""The reference data: parses, names its sources and dates, and holds what the build relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD, Namespace

from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.reference.load import (
    REFERENCE_DIR,
    ReferenceDataError,
    reference_files,
    reference_graph,
)
from mappings.registry import load_registry

ORG = Namespace("http://www.w3.org/ns/org#")
WD = "http://www.wikidata.org/entity/"
ACTOR_CLASSES = {
    DOKG.CouncilFaction,
    DOKG.PartyOrganisation,
    DOKG.VoterGroup,
    DOKG.CityAdministration,
    DOKG.AdministrativeUnit,
    DOKG.MunicipalCompany,
    DOKG.PublicBody,
    DOKG.Company,
}
FILES = reference_files()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return reference_graph()


def test_reference_files_exist() -> None:
    assert len(FILES) >= 6


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FILES])
def test_every_described_thing_names_its_source_and_date(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    typed = {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}
    typed = {s for s in typed if str(s).startswith(iri.ID)}
    assert typed, f"{path.name} describes nothing"
    for subject in typed:
        sourced = (subject, DCTERMS.source, None) in g or (subject, PROV.wasDerivedFrom, None) in g
        assert sourced, f"{subject} in {path.name} has no source"
        assert (subject, DCTERMS.date, None) in g, f"{subject} in {path.name} has no date"


def test_every_document_author_is_a_typed_actor(graph: Graph) -> None:
    for info in load_registry():
        for slug in info.authors:
            types = set(graph.objects(iri.actor(slug), RDF.type))
            assert types & ACTOR_CLASSES, f"author {slug} of {info.id} is not a typed actor"
            assert (iri.actor(slug), RDFS.label, None) in graph


def test_local_parties_have_federal_parents_but_are_not_the_same(graph: Graph) -> None:
    parents = {
        "spd-dortmund": "Q49768",
        "cdu-dortmund": "Q49762",
        "gruene-dortmund": "Q49766",
    }
    for slug, qid in parents.items():
        assert (iri.actor(slug), ORG.subOrganizationOf, URIRef(WD + qid)) in graph
    assert not list(graph.triples((None, OWL.sameAs, None)))


def test_companies_carry_no_wikidata_identifier(graph: Graph) -> None:
    """The reference file found none for DSW21, DEW21, DOGEWO21, EDG, the airport, H-Bahn."""
    for slug in ("dsw21", "dew21", "dogewo21", "edg", "flughafen-dortmund", "h-bahn21"):
        linked = [o for _, o in graph.predicate_objects(iri.actor(slug)) if str(o).startswith(WD)]
        assert linked == []


def test_shareholdings_are_dated_and_within_bounds(graph: Graph) -> None:
    holdings = list(graph.subjects(RDF.type, DOKG.Shareholding))
    assert len(holdings) >= 10
    totals: dict[URIRef, float] = {}
    for h in holdings:
        assert graph.value(h, DOKG.shareholder) is not None
        held = graph.value(h, DOKG.heldOrganisation)
        assert isinstance(held, URIRef)
        assert graph.value(h, DCTERMS.date) is not None
        share = graph.value(h, DOKG.sharePercent)
        if share is not None and graph.value(h, DOKG.validUntil) is None:
            assert isinstance(share, Literal) and 0 < float(share) <= 100
            totals[held] = totals.get(held, 0.0) + float(share)
    assert all(total <= 100.0 for total in totals.values()), totals
    assert totals[iri.actor("flughafen-dortmund")] == pytest.approx(100.0)


def test_h_bahn_merger_into_dsw21_is_a_dated_event(graph: Graph) -> None:
    merger = iri.event("h-bahn-merger-2025")
    assert (merger, RDF.type, DOKG.Merger) in graph
    assert (merger, ORG.resultingOrganization, iri.actor("dsw21")) in graph
    assert graph.value(merger, DOKG.validFrom) == Literal("2025-01-01", datatype=XSD.date)


def test_s_bahn_and_regional_lines_are_not_run_by_dsw21(graph: Graph) -> None:
    for slug in ("s1", "s4", "s5", "rb43", "rb52", "rb53", "rb59"):
        assert (iri.transit_line(slug), DOKG.operatedBy, iri.actor("dsw21")) not in graph
        assert (iri.transit_line(slug), DOKG.operatedBy, iri.actor("vrr")) in graph
    for slug in ("u41", "u42", "u43", "u44", "u45", "u46", "u47", "u49"):
        assert (iri.transit_line(slug), DOKG.operatedBy, iri.actor("dsw21")) in graph


def test_twelve_districts_are_part_of_dortmund(graph: Graph) -> None:
    districts = set(graph.subjects(RDF.type, DOKG.District))
    assert len(districts) == 12
    assert all((d, DOKG.partOf, iri.place("dortmund")) in graph for d in districts)


def test_topic_scheme_matches_the_topic_rules(graph: Graph) -> None:
    from mappings.classify.topics import load_rules

    concepts = {c for c in graph.subjects(SKOS.inScheme, DOKG.TopicScheme)}
    assert concepts == {iri.topic(r.slug) for r in load_rules()}
    top = {c for c in concepts if (c, SKOS.topConceptOf, DOKG.TopicScheme) in graph}
    assert len(top) >= 20


def test_every_lexicon_entry_names_a_thing_in_the_reference_data(graph: Graph) -> None:
    from mappings.link.lexicon import load_lexicon

    missing = [e.ref for e in load_lexicon() if (e.entity, RDF.type, None) not in graph]
    assert missing == []


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text(
        '@prefix a: <http://example.org/> .\n\na:b a:c a:d ;\n    a:e "unterminated .\n',
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match=r"broken\.ttl:\d+"):
        reference_graph(tmp_path)


def test_an_empty_reference_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="no reference data"):
        reference_graph(tmp_path)


def test_reference_dir_is_the_package_dir() -> None:
    assert REFERENCE_DIR.name == "reference" and (REFERENCE_DIR / "actors.ttl").exists()
