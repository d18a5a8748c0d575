"""The one place where dortmund-kg mints IRIs.

Every IRI is a pure function of stable inputs (a slug, a document id, the statement's own
text), never of a counter or of build order, so a rebuild yields identical IRIs and a
statement keeps its IRI when another statement is added before it.

>>> str(actor("dsw21"))
'https://w3id.org/dortmund-kg/id/actor/dsw21'
>>> slugify("Mobilität und Infrastruktur")
'mobilitaet-und-infrastruktur'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/dortmund-kg/"
DOKG = Namespace(BASE + "def/")
ID = BASE + "id/"
GRAPH = BASE + "graph/"
DATASET = URIRef(BASE + "dataset")
ONTOLOGY = URIRef(BASE + "def/")

_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slugify(text: str) -> str:
    """Lower-case ASCII slug: German umlauts transliterated, other accents dropped."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _thing(kind: str, *parts: str) -> URIRef:
    for part in parts:
        if not part or part != part.strip() or "/" in part or " " in part:
            raise ValueError(f"not a slug for a {kind} IRI: {part!r}")
    return URIRef(ID + kind + "/" + "/".join(parts))


def text_key(text: str) -> str:
    """A short, stable hash of a text with its white space folded.

    Used for statement IRIs: the key depends only on the statement's own words, so neither a
    statement inserted before it nor a change of line breaks moves it.
    """
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:12]


def actor(slug: str) -> URIRef:
    return _thing("actor", slug)


def person(slug: str) -> URIRef:
    return _thing("person", slug)


def membership(person_slug: str, actor_slug: str) -> URIRef:
    return _thing("membership", f"{person_slug}--{actor_slug}")


def role(slug: str) -> URIRef:
    return _thing("role", slug)


def document(doc_id: str) -> URIRef:
    return _thing("document", doc_id)


def source_file(doc_id: str) -> URIRef:
    """The corpus file itself, the source that text selectors point into."""
    return _thing("source", doc_id)


def section(doc_id: str, section_key: str) -> URIRef:
    return _thing("section", doc_id, section_key)


def statement(doc_id: str, key: str) -> URIRef:
    """A statement (pledge or context) of a document; ``key`` from :func:`text_key`."""
    return _thing("statement", doc_id, key)


def text_span(statement_iri: URIRef) -> URIRef:
    return URIRef(str(statement_iri) + "/span")


def position_selector(statement_iri: URIRef) -> URIRef:
    return URIRef(str(statement_iri) + "/position")


def quote_selector(statement_iri: URIRef) -> URIRef:
    return URIRef(str(statement_iri) + "/quote")


def target(statement_iri: URIRef, index: int) -> URIRef:
    """The ``index``-th (1-based) target of a statement, in order of appearance in its text."""
    return URIRef(f"{statement_iri}/target/{index}")


def mention(statement_iri: URIRef, char_start: int) -> URIRef:
    """A mention inside a statement, keyed by its offset into the statement's verbatim text."""
    return URIRef(f"{statement_iri}/mention/{char_start}")


def footnote(doc_id: str, number: int) -> URIRef:
    return _thing("footnote", doc_id, str(number))


def place(slug: str) -> URIRef:
    return _thing("place", slug)


def project(slug: str) -> URIRef:
    return _thing("project", slug)


def topic(slug: str) -> URIRef:
    return _thing("topic", slug)


def transit_line(slug: str) -> URIRef:
    return _thing("line", slug)


def shareholding(owner_slug: str, company_slug: str, date: str) -> URIRef:
    return _thing("shareholding", f"{owner_slug}--{company_slug}--{date}")


def event(slug: str) -> URIRef:
    return _thing("event", slug)


def graph_for_document(doc_id: str) -> URIRef:
    """The named graph that holds one document's statements."""
    return URIRef(GRAPH + "document/" + doc_id)


GRAPH_ONTOLOGY = URIRef(GRAPH + "ontology")
GRAPH_REFERENCE = URIRef(GRAPH + "reference")
GRAPH_INFERRED = URIRef(GRAPH + "inferred")
GRAPH_BUILD = URIRef(GRAPH + "build")
GRAPH_ALIGNMENT = URIRef(GRAPH + "alignment")


BUILD_ACTIVITY = URIRef(str(DATASET) + "/build")


def software(version: str) -> URIRef:
    """The software agent of a build: this package at ``version``."""
    return URIRef(f"{BASE}software/{version}")


def pledge_relation(from_statement: URIRef, to_statement: URIRef) -> URIRef:
    """A relation between two statements, keyed by both statements' own keys (stable)."""
    prefix = ID + "statement/"
    parts = []
    for node in (from_statement, to_statement):
        text = str(node)
        if not text.startswith(prefix):
            raise ValueError(f"not a statement IRI: {text!r}")
        parts.append(text[len(prefix) :].replace("/", "-"))
    return _thing("relation", "--".join(parts))


def service(slug: str) -> URIRef:
    """A public service with an operator (district heating, waste collection, a fare tariff)."""
    return _thing("service", slug)
