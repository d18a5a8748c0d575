"""Links statements to the things they name (dokg:mentions) and to their topics (dokg:topic).

The mapper calls :func:`link` once per statement. Only what the text names is asserted here:
what a statement concerns *through facts* (the U41 is operated by DSW21, the airport belongs to
the DSW21 group, Hörde is part of Dortmund) is left to the OWL RL reasoner and the chains in
``ontology/entities.ttl``, so explicit and inferred links stay apart and each inferred one can be
explained. Each mention keeps its exact source characters and absolute offsets into the source
file, so a reader can check it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rdflib import RDF, XSD, Literal, Node, URIRef
from rdflib.namespace import RDFS, SKOS

from mappings.classify.topics import topics
from mappings.link.lexicon import Entry, find_mentions, load_lexicon
from mappings.link.view import TextView
from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.records import Statement

Triple = tuple[Node, Node, Node]


def link(statement_iri: URIRef, statement: Statement, doc_id: str) -> list[Triple]:
    """Mention and topic triples for one statement.

    Mentions are found in the statement's verbatim text (OCR damage and all); each becomes a
    ``dokg:Mention`` keyed by its offset into the verbatim text, with its surface form and its
    absolute offsets ``statement.span.char_start + offset`` into the source file.
    A company named in the statement's heading or lead-in is recorded too (``dokg:contextNames``,
    a ``dokg:concernsIndirectly``): a bullet under an airport heading is about the airport
    without repeating the word (guideline §4); so is the company that runs what the lead-in
    names ("Stadtbahnkonzept … unter Beachtung" / "- der Barrierefreiheit" → DSW21).
    """
    del doc_id  # all rules are corpus-wide
    triples: list[Triple] = _context_links(statement_iri, statement)
    view = TextView.of(statement.verbatim)
    seen: set[URIRef] = set()
    for hit in find_mentions(view.text):
        start, end = view.to_verbatim(hit.start, hit.end)
        node = iri.mention(statement_iri, start)
        surface = statement.verbatim[start:end]
        line = statement.span.line_start + statement.verbatim.count("\n", 0, start)
        absolute = statement.span.char_start
        triples += [
            (statement_iri, DOKG.hasMention, node),
            (node, RDF.type, DOKG.Mention),
            (node, DOKG.refersTo, hit.entry.entity),
            (node, DOKG.surfaceForm, Literal(surface)),
            (node, DOKG.charStart, Literal(absolute + start, datatype=XSD.integer)),
            (node, DOKG.charEnd, Literal(absolute + end, datatype=XSD.integer)),
            (node, DOKG.mentionLine, Literal(line, datatype=XSD.integer)),
        ]
        for entity in (hit.entry.entity, *_sites(hit.entry, view.text, hit.start, surface)):
            if entity is not hit.entry.entity:
                triples.append((node, DOKG.refersTo, entity))
            if entity not in seen:
                seen.add(entity)
                triples.append((statement_iri, DOKG.mentions, entity))
    triples += [(statement_iri, DOKG.topic, concept) for concept in topics(statement)]
    return triples


_LEGAL_NAME = re.compile(r"gesellschaft|GmbH|\bAG\b")
# An institution is a place where the text puts something at, into or near it, or speaks of its
# grounds: "an der Uni", "im Bereich der Universität", "die Anbindung der Fachhochschule",
# "den Ausbau des Dortmunder Flughafens". Where it acts ("die TU forscht") it is an actor only.
_AT_SITE = re.compile(
    r"(?:\b(?:an|am|in|im|zum|zur|vom|beim|nach|bei|bis\s+zum|bis\s+zur)\s+(?:\w+\s+)?|"
    r"\b(?:Anbindung|Ausbau\w*|Rückbau|Erweiterung|Bereich|Gelände|Umfeld|Nähe|Standort|"
    r"Landebahn|Erreichbarkeit)\s+(?P<article>de[rsm]|die|den)\s+(?:\w+\s+)?"
    # the next of a coordination after such a noun, with the same article: "die Anbindung der
    # Universität und der Fachhochschule" (not "in Schulen und die Universität forscht")
    r"(?:[\w-]+\s+(?:und|sowie|oder)\s+(?P=article)\s+(?:\w+\s+)?)?)$"
)


def _sites(entry: Entry, text: str, start: int, surface: str) -> tuple[URIRef, ...]:
    """The places an institution's name also names here: where the text speaks of its site.

    >>> tu = next(e for e in load_lexicon() if e.ref == "actor/tu-dortmund")
    >>> text = "die Anbindung der Universität verbessern; die Universität forscht"
    >>> len(_sites(tu, text, 18, "Universität")), len(_sites(tu, text, 46, "Universität"))
    (1, 0)
    >>> fh = next(e for e in load_lexicon() if e.ref == "actor/fh-dortmund")
    >>> text = "die Anbindung der Universität und der Fachhochschule verbessern"
    >>> len(_sites(fh, text, 38, "Fachhochschule"))
    1
    """
    if not entry.sites or _LEGAL_NAME.search(surface):
        return ()
    if entry.always_site or _AT_SITE.search(text[max(0, start - 40) : start]):
        return entry.sites
    return ()


def _context_links(statement_iri: URIRef, statement: Statement) -> list[Triple]:
    context = [statement.section_path[-1]] if statement.section_path else []
    context += [statement.lead_in] if statement.lead_in else []
    named = [c for text in context for c in _companies_named(text)]
    if statement.lead_in:
        named += _operators_named(statement.lead_in)
    return [(statement_iri, DOKG.contextNames, c) for c in dict.fromkeys(named)]


@lru_cache(maxsize=4096)
def _operators_named(text: str) -> tuple[URIRef, ...]:
    """The companies that run what ``text`` names ("Stadtbahn" → DSW21)."""
    view = TextView.of(text)
    found: list[URIRef] = []
    for hit in find_mentions(view.text):
        for company in _operators().get(hit.entry.entity, ()):
            if company not in found:
                found.append(company)
    return tuple(found)


@cache
def _operators() -> dict[URIRef, tuple[URIRef, ...]]:
    """The companies of the Konzern Stadt that run each thing of the reference data."""
    from mappings.reference.load import reference_graph  # parsed once, only when needed

    run_by: dict[URIRef, list[URIRef]] = {}
    for thing, _, company in reference_graph().triples((None, DOKG.operatedBy, None)):
        if isinstance(thing, URIRef) and isinstance(company, URIRef) and company in _companies():
            run_by.setdefault(thing, []).append(company)
    return {thing: tuple(sorted(companies)) for thing, companies in run_by.items()}


@lru_cache(maxsize=4096)
def _companies_named(text: str) -> tuple[URIRef, ...]:
    """The companies of the Konzern Stadt (any held organisation) that ``text`` names."""
    view = TextView.of(text)
    found: list[URIRef] = []
    for hit in find_mentions(view.text):
        if hit.entry.entity in _companies() and hit.entry.entity not in found:
            found.append(hit.entry.entity)
    return tuple(found)


@cache
def _companies() -> frozenset[URIRef]:
    from mappings.reference.load import reference_graph  # parsed once, only when needed

    graph = reference_graph()
    return frozenset(o for o in graph.objects(None, DOKG.heldOrganisation) if isinstance(o, URIRef))


def _fold(name: str) -> str:
    return " ".join(name.replace("\u00ad", "").split()).casefold()


@cache
def _actor_names() -> dict[str, URIRef]:
    """Folded labels and alt labels of every actor in the reference data."""
    from mappings.reference.load import reference_graph  # parsed once, only when needed

    graph = reference_graph()
    prefix = str(iri.actor("x"))[:-1]
    names: dict[str, URIRef] = {}
    for predicate in (RDFS.label, SKOS.altLabel):
        for subject, _, label in graph.triples((None, predicate, None)):
            if isinstance(subject, URIRef) and str(subject).startswith(prefix):
                names.setdefault(_fold(str(label)), subject)
    return names


def _actor_entries() -> tuple[Entry, ...]:
    return tuple(e for e in load_lexicon() if e.kind == "actor")


def resolve_actors(name: str) -> list[URIRef]:
    """Every actor an organisation name refers to, in the order printed.

    >>> [str(a).rsplit("/", 1)[-1] for a in resolve_actors(
    ...     "CDU-Ratsfraktion und kommissarischer Vorsitzender des Kreisverbandes CDU")]
    ['cdu-fraktion-dortmund', 'cdu-dortmund']
    """
    folded = _fold(name)
    if not folded:
        return []
    exact = _actor_names().get(folded)
    if exact is not None:
        return [exact]
    view = TextView.of(re.sub(r"\s+", " ", name).strip())
    found: list[URIRef] = []
    for hit in find_mentions(view.text, _actor_entries()):
        if hit.entry.entity not in found:
            found.append(hit.entry.entity)
    return found


def resolve_actor(name: str) -> URIRef | None:
    """The actor an organisation name refers to, as printed (e.g. in signatures), or None.

    An exact (case- and space-insensitive) match on the actors' labels and aliases, else the
    first actor the linker's patterns find in the name: a signature line such as
    "CDU-Ratsfraktion und kommissarischer Vorsitzender des Kreisverbandes CDU" names the
    organisation of the printed role first (see :func:`resolve_actors` for all of them).

    >>> str(resolve_actor("Fraktion B90/DIE GRÜNEN")).rsplit("/", 1)[-1]
    'gruene-fraktion-dortmund'
    >>> str(resolve_actor("Kreisverband CDU")).rsplit("/", 1)[-1]
    'cdu-dortmund'
    >>> resolve_actor("Verein der Freunde") is None
    True
    """
    actors = resolve_actors(name)
    return actors[0] if actors else None
