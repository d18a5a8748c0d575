"""Linked-data serialisations for readers: Turtle with the graph's prefixes, compact JSON-LD.

A SPARQL CONSTRUCT answer may come in any order and with full IRIs; a person (or a JSON
programmer) reading ``/id/actor/dsw21`` wants ``actor:dsw21`` and one block per subject. The
JSON-LD refers to one published context (``/context.jsonld``, :func:`context_document`), so the
keys are short (``dokg:author``) and every document means the same with any JSON-LD processor.

>>> a = ox.NamedNode(ID + "actor/dsw21")
>>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> answer = turtle([ox.Triple(a, label, ox.Literal("DSW21", language="de"))])
>>> print(answer.decode().splitlines()[-1])
actor:dsw21 rdfs:label "DSW21"@de .
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
import pyoxigraph as ox

from mappings.rdf import iri

ID = iri.ID
CONTEXT_IRI = iri.BASE + "context.jsonld"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOCABULARIES = {
    "dokg": str(iri.DOKG),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "schema": "https://schema.org/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "wd": "http://www.wikidata.org/entity/",
}
KINDS = (
    "actor",
    "document",
    "source",
    "section",
    "statement",
    "place",
    "project",
    "topic",
    "line",
    "person",
    "footnote",
    "service",
    "event",
    "role",
    "membership",
    "shareholding",
)
DATASET = {
    "graph": iri.GRAPH,
    "distribution": iri.BASE + "distribution/",
    "corpus": iri.BASE + "corpus/",
    "software": iri.BASE + "software/",
}
#: Every prefix a Turtle or JSON-LD answer may use: vocabularies, one per kind of thing, ours.
PREFIXES: dict[str, str] = {
    **VOCABULARIES,
    "id": ID,
    **{kind: f"{ID}{kind}/" for kind in KINDS},
    **DATASET,
}


def _ordered(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Subject by subject (``rdf:type`` first), so Turtle writes one block per subject."""
    return sorted(
        set(triples),
        key=lambda t: (
            str(t.subject),
            t.predicate.value != RDF_TYPE,
            str(t.predicate),
            str(t.object),
        ),
    )


def turtle(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle grouped by subject, with the prefixes the answer actually uses."""
    ordered = _ordered(triples)
    used = {
        prefix: ns
        for prefix, ns in PREFIXES.items()
        if any(
            isinstance(term, ox.NamedNode) and term.value.startswith(ns)
            for t in ordered
            for term in (t.subject, t.predicate, t.object)
        )
    }
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used) or b""


def compact(value: str) -> str:
    """``https://w3id.org/dortmund-kg/def/Pledge`` → ``dokg:Pledge`` (longest namespace)."""
    best = max(
        (p for p, ns in PREFIXES.items() if value.startswith(ns)),
        key=lambda p: len(PREFIXES[p]),
        default=None,
    )
    if best is None or len(value) == len(PREFIXES[best]):
        return value
    return f"{best}:{value[len(PREFIXES[best]) :]}"


def _node(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise ValueError("RDF-star triples have no JSON-LD 1.1 form")


def _value(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}
    return {"@id": _node(term)}


def jsonld(triples: Iterable[ox.Triple], context: str = CONTEXT_IRI) -> bytes:
    """Compact JSON-LD: one node object per subject, keys and IRIs shortened by ``context``."""
    nodes: dict[str, dict[str, Any]] = {}
    for t in _ordered(triples):
        subject = _node(t.subject)
        node = nodes.setdefault(subject, {"@id": subject})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            node.setdefault(compact(t.predicate.value), []).append(_value(t.object))
    return orjson.dumps({"@context": context, "@graph": list(nodes.values())})


def context_document() -> bytes:
    """The published ``@context``: the prefixes above, nothing else (no aliases to guess)."""
    return orjson.dumps({"@context": dict(PREFIXES)}, option=orjson.OPT_INDENT_2)
