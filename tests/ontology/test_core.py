"""Tests of ``ontology/core.ttl``: it parses, declares every term the model and the mapper use,
keeps its version with the package, and means under owlrl what docs/model.md says.

The owlrl behaviour is tested on small instance graphs in ``reasoning/``: one consistent
graph shaped like the mapper's output, and one file per kind of clash that the ontology must
turn into an owlrl inconsistency (each names its offending node in an ``# offender:`` line).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from mappings import records
from mappings.rdf.iri import DOKG, ONTOLOGY

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "ontology" / "core.ttl"
MODEL_DOC = ROOT / "docs" / "model.md"
REASONING = Path(__file__).resolve().parent / "reasoning"
INCONSISTENT = sorted((REASONING / "inconsistent").glob("*.ttl"))
ID = Namespace("https://w3id.org/dortmund-kg/id/")
SDO = Namespace("https://schema.org/")

Errors = Callable[[Graph], tuple[str, ...]]


def _core() -> Graph:
    return Graph().parse(CORE, format="turtle")


def _declared(graph: Graph) -> set[URIRef]:
    """dokg IRIs that the graph gives a type (classes, properties, schemes, individuals)."""
    return {
        s for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(DOKG))
    }


def _model_core_terms() -> set[URIRef]:
    """Every ``dokg:`` token in the core part of docs/model.md (before "## Entities")."""
    text = MODEL_DOC.read_text(encoding="utf-8")
    core = text[text.index("## Classes (core)") : text.index("## Entities")]
    return {DOKG[name] for name in re.findall(r"dokg:([A-Za-z][A-Za-z0-9]*)", core)}


def _offender(path: Path) -> str:
    match = re.search(r"^# offender: (\S+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path.name} has no '# offender:' line"
    return match.group(1)


# ------------------------------------------------------------------------------- the file

def test_core_parses_and_declares_classes_and_properties() -> None:
    graph = _core()
    assert len(set(graph.subjects(RDF.type, OWL.Class))) >= 25
    assert len(set(graph.subjects(RDF.type, OWL.ObjectProperty))) >= 10
    assert len(set(graph.subjects(RDF.type, OWL.DatatypeProperty))) >= 15


def test_every_core_term_of_the_model_doc_is_declared() -> None:
    documented = _model_core_terms()
    assert len(documented) > 50, "the model doc's core sections were not found or not parsed"
    missing = documented - _declared(_core())
    assert not missing, f"docs/model.md names undeclared terms: {sorted(missing)}"


def test_every_dokg_term_referenced_by_an_axiom_is_declared() -> None:
    """Catches a misspelt class in a domain, range or superclass (e.g. dokg:Statment)."""
    graph = _core()
    referenced = {
        o for p in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf,
                    OWL.disjointWith, OWL.hasValue, OWL.onProperty, SDO.domainIncludes,
                    SKOS.inScheme, SKOS.hasTopConcept)
        for o in graph.objects(None, p)
        if isinstance(o, URIRef) and str(o).startswith(str(DOKG)) and o != ONTOLOGY
    }
    assert len(referenced) > 20
    assert referenced <= _declared(graph), sorted(referenced - _declared(graph))


def test_core_uses_no_construct_outside_owl2_rl() -> None:
    """owlrl implements OWL 2 RL only; these constructs would be silently ignored or misread."""
    outside_rl = {OWL.complementOf, OWL.unionOf, OWL.disjointUnionOf, OWL.cardinality,
                  OWL.minCardinality, OWL.qualifiedCardinality, OWL.minQualifiedCardinality}
    used = set(_core().predicates()) & outside_rl
    assert not used


def test_version_info_equals_the_package_version() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    graph = _core()
    assert graph.value(ONTOLOGY, OWL.versionInfo) == Literal(version)
    assert graph.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}{version}")


def test_ontology_iri_is_the_one_mappings_use() -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in _core()


def test_each_records_modality_has_the_individual_the_mapper_emits() -> None:
    """to_rdf writes ``dokg:<value>`` for pledges and ``dokg:contextStatement`` for context."""
    graph = _core()
    for modality in records.Modality:
        expected = DOKG[modality.value] if modality.is_pledge else DOKG.contextStatement
        holders = set(graph.subjects(SKOS.notation, Literal(modality.value)))
        assert holders == {expected}
        assert (expected, RDF.type, DOKG.Modality) in graph
        assert (expected, SKOS.inScheme, DOKG.ModalityScheme) in graph
    assert len(set(graph.subjects(RDF.type, DOKG.Modality))) == len(records.Modality)


def test_each_records_testability_has_an_individual_of_the_same_name() -> None:
    graph = _core()
    for level in records.Testability:
        assert set(graph.subjects(SKOS.notation, Literal(level.value))) == {DOKG[level.value]}
        assert (DOKG[level.value], SKOS.inScheme, DOKG.TestabilityScheme) in graph
    assert len(set(graph.subjects(RDF.type, DOKG.Testability))) == len(records.Testability)


def test_person_and_organisation_are_declared_disjoint() -> None:
    assert (DOKG.Organisation, OWL.disjointWith, DOKG.Person) in _core()


# --------------------------------------------------------------------------- under owlrl

def test_ontology_alone_is_consistent(
    ontology: Graph, reasoner: Callable[..., Graph], owl_errors: Errors
) -> None:
    assert owl_errors(reasoner(ontology)) == ()  # reasoning time is the benchmarks' concern


def test_sample_instance_graph_is_consistent(sample_closure: Graph, owl_errors: Errors) -> None:
    assert owl_errors(sample_closure) == ()


def test_statement_with_a_pledge_modality_is_classified_as_pledge(sample_closure: Graph) -> None:
    graph = sample_closure
    demand = ID["statement/leitlinien/demand"]
    assert (demand, RDF.type, DOKG.Pledge) in graph
    assert (demand, RDF.type, DOKG.Statement) in graph


def test_context_statement_with_target_and_addressee_is_not_a_pledge(
    sample_closure: Graph,
) -> None:
    """Targets and addressee texts occur in context too, so they must not entail dokg:Pledge."""
    graph = sample_closure
    context = ID["statement/leitlinien/context"]
    assert (context, RDF.type, DOKG.Statement) in graph
    assert (context, RDF.type, DOKG.Pledge) not in graph


def test_line_numbers_on_a_membership_do_not_type_it(sample_closure: Graph) -> None:
    """dokg:lineStart/lineEnd sit on statements, sections, footnotes and memberships alike,
    so they carry no rdfs:domain; a domain would retype every membership."""
    graph = sample_closure
    membership = ID["membership/erika-muster--gruene-fraktion-dortmund"]
    types = {t for t in graph.objects(membership, RDF.type) if str(t).startswith(str(DOKG))}
    assert types == set()


def test_footnote_text_does_not_make_a_footnote_a_statement(sample_closure: Graph) -> None:
    graph = sample_closure
    footnote = ID["footnote/leitlinien/1"]
    assert (footnote, RDF.type, DOKG.Statement) not in graph
    assert (footnote, RDF.type, DOKG.Footnote) in graph


def test_inconsistent_samples_exist() -> None:
    assert len(INCONSISTENT) >= 5


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in INCONSISTENT])
def test_inconsistent_sample_is_reported_by_owlrl(
    path: Path, ontology: Graph, reasoner: Callable[..., Graph], owl_errors: Errors
) -> None:
    errors = owl_errors(reasoner(ontology, Graph().parse(path, format="turtle")))
    assert errors, f"owlrl found no inconsistency in {path.name}"
    assert any(_offender(path) in message for message in errors), errors
