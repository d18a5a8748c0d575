"""Tests of ``ontology/alignments.ttl``: the external terms exist, the dokg terms are declared,
and owlrl derives the external types and properties that clients of ORG, PROV-O, FOAF,
schema.org, DCTERMS, SKOS and Web Annotation rely on.

The external vocabularies cannot be fetched (tests stay offline), so term existence is checked
against rdflib's closed namespaces, which are generated from those vocabularies; the Web
Annotation vocabulary is not among them and its three terms are listed here from
https://www.w3.org/TR/annotation-vocab/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from mappings.rdf.iri import DOKG

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
ALIGNMENTS = ONTOLOGY_DIR / "alignments.ttl"
ID = Namespace("https://w3id.org/dortmund-kg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
OA_TERMS = {OA.Annotation, OA.hasTarget, OA.SpecificResource}

# rdflib's closed namespaces, reached through the module: pytest's doctest collection warns
# when it inspects a DefinedNamespace imported into a test module.
CLOSED: tuple[type[ns.DefinedNamespace], ...] = (
    ns.DCTERMS, ns.FOAF, ns.GEO, ns.ORG, ns.PROV, ns.SDO, ns.SKOS, ns.VANN, ns.XSD
)
ORG, PROV, FOAF, DCTERMS, SKOS = ns.ORG, ns.PROV, ns.FOAF, ns.DCTERMS, ns.SKOS

FACTION = ID["actor/gruene-fraktion-dortmund"]
DOCUMENT = ID["document/leitlinien"]
PLEDGE = ID["statement/leitlinien/pledge"]
PERSON = ID["person/erika-muster"]
FOOTNOTE = ID["footnote/leitlinien/1"]


def _external_terms(graph: Graph) -> set[URIRef]:
    """IRIs in the graph that belong to one of the aligned external vocabularies."""
    spaces = [str(space._NS) for space in CLOSED] + [str(OA)]
    nodes = {node for triple in graph for node in triple if isinstance(node, URIRef)}
    return {n for n in nodes if any(str(n).startswith(s) and str(n) != s for s in spaces)}


def _exists(term: URIRef) -> bool:
    if str(term).startswith(str(OA)):
        return term in OA_TERMS
    return any(str(term).startswith(str(space._NS)) and term in space for space in CLOSED)


@pytest.mark.parametrize("name", ["core.ttl", "alignments.ttl"])
def test_every_external_term_used_exists_in_its_vocabulary(name: str) -> None:
    """Catches spellings such as org:Organisation (ORG spells it Organization)."""
    graph = Graph().parse(ONTOLOGY_DIR / name, format="turtle")
    used = _external_terms(graph)
    assert len(used) >= 5
    unknown = sorted(t for t in used if not _exists(t))
    assert not unknown, f"{name} uses terms its vocabularies do not define: {unknown}"


def test_every_dokg_term_aligned_is_declared_in_some_ontology_file() -> None:
    alignments = Graph().parse(ALIGNMENTS, format="turtle")
    aligned = {
        s for s, p in alignments.subject_predicates()
        if isinstance(s, URIRef) and p in (RDFS.subClassOf, RDFS.subPropertyOf)
        and str(s).startswith(str(DOKG))
    }
    assert len(aligned) >= 20
    everything = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        everything.parse(path, format="turtle")
    undeclared = sorted(
        t for t in aligned
        if not any(everything.triples((t, RDF.type, kind))
                   for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
    )
    assert not undeclared, f"aligned but declared in no ontology file: {undeclared}"


def test_alignments_only_specialise_external_terms() -> None:
    """Only subclass/subproperty links towards external terms: nothing is typed, no equivalence."""
    alignments = Graph().parse(ALIGNMENTS, format="turtle")
    predicates = set(alignments.predicates())
    assert predicates <= {RDFS.subClassOf, RDFS.subPropertyOf}
    assert not set(alignments.subjects(RDF.type, None))


@pytest.mark.parametrize(
    ("node", "external"),
    [
        pytest.param(FACTION, ORG.Organization, id="faction-org-Organization"),
        pytest.param(FACTION, ORG.OrganizationalUnit, id="faction-org-OrganizationalUnit"),
        pytest.param(FACTION, PROV.Agent, id="faction-prov-Agent"),
        pytest.param(FACTION, FOAF.Organization, id="faction-foaf-Organization"),
        pytest.param(PERSON, FOAF.Person, id="person-foaf-Person"),
        pytest.param(PERSON, PROV.Person, id="person-prov-Person"),
        pytest.param(PERSON, ns.SDO.Person, id="person-schema-Person"),
        pytest.param(DOCUMENT, DCTERMS.BibliographicResource, id="document-dcterms"),
        pytest.param(DOCUMENT, PROV.Entity, id="document-prov-Entity"),
        pytest.param(DOCUMENT, ns.SDO.CreativeWork, id="document-schema-CreativeWork"),
        pytest.param(PLEDGE, PROV.Entity, id="pledge-prov-Entity"),
        pytest.param(ID["statement/leitlinien/pledge/target/1"], ns.SDO.StructuredValue,
                     id="target-schema-StructuredValue"),
        pytest.param(FOOTNOTE, OA.Annotation, id="footnote-oa-Annotation"),
        pytest.param(DOKG.commitment, SKOS.Concept, id="modality-skos-Concept"),
        pytest.param(ID["actor/land-nrw"], ORG.FormalOrganization, id="public-body-formal-org"),
    ],
)
def test_owlrl_derives_the_external_type(node: URIRef, external: URIRef,
                                         sample_closure: Graph) -> None:
    assert (node, RDF.type, external) in sample_closure


@pytest.mark.parametrize(
    ("subject", "prop", "obj"),
    [
        pytest.param(PLEDGE, PROV.wasAttributedTo, FACTION, id="author-wasAttributedTo"),
        pytest.param(DOCUMENT, PROV.wasAttributedTo, FACTION, id="doc-author-wasAttributedTo"),
        pytest.param(PLEDGE, DCTERMS.isPartOf, DOCUMENT, id="inDocument-isPartOf"),
        pytest.param(PLEDGE, DCTERMS.isPartOf, ID["section/leitlinien/mobilitaet"],
                     id="inSection-isPartOf"),
        pytest.param(ID["statement/leitlinien/demand"], DCTERMS.isPartOf, PLEDGE,
                     id="parentStatement-isPartOf"),
        pytest.param(FOOTNOTE, OA.hasTarget, ID["statement/leitlinien/context"],
                     id="annotates-hasTarget"),
    ],
)
def test_owlrl_derives_the_external_property(subject: URIRef, prop: URIRef, obj: URIRef,
                                             sample_closure: Graph) -> None:
    assert (subject, prop, obj) in sample_closure
