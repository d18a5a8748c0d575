"""Map a :class:`~mappings.records.ParsedDocument` to RDF triples in the dokg model.

Pure: records in, an rdflib ``Graph`` out. Every IRI comes from :mod:`mappings.rdf.iri`; the
terms are those of ``ontology/core.ttl`` (a test checks that every ``dokg:`` term emitted is
declared there).
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.records import ParsedDocument, Section, Signatory, Span, Statement, Target
from mappings.registry import DocumentInfo

OA = Namespace("http://www.w3.org/ns/oa#")

ActorResolver = Callable[[str], URIRef | None]

SECTION_SEPARATOR = " › "
QUOTE_CONTEXT = 32  # characters of prefix/suffix in a TextQuoteSelector


def _de(text: str) -> Literal:
    return Literal(text, lang="de")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _date(value: str) -> Literal:
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return Literal(value, datatype=XSD.date)


def statement_iris(doc_id: str, statements: list[Statement]) -> dict[int, URIRef]:
    """IRIs for a document's statements keyed by ordinal.

    The key is the hash of the statement's own verbatim text; when the same text stands twice
    in one document, the later occurrences get ``-2``, ``-3`` … in document order.
    """
    seen: dict[str, int] = {}
    out: dict[int, URIRef] = {}
    for st in statements:
        key = iri.text_key(st.verbatim)
        seen[key] = seen.get(key, 0) + 1
        out[st.ordinal] = iri.statement(doc_id, key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


class DocumentMapper:
    """Builds the named graph of one document from its parsed records."""

    def __init__(
        self,
        info: DocumentInfo,
        source_text: str,
        *,
        resolve_actor: ActorResolver | None = None,
    ) -> None:
        self.info = info
        self.text = source_text
        self.resolve_actor = resolve_actor
        self.graph = Graph()
        self.doc = iri.document(info.id)
        self.authors = [iri.actor(a) for a in info.authors]

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))

    def map(self, parsed: ParsedDocument) -> Graph:
        self._document()
        sections = {s.key: s for s in parsed.sections}
        for section in parsed.sections:
            self._section(section)
        iris = statement_iris(self.info.id, parsed.statements)
        for st in parsed.statements:
            self._statement(iris[st.ordinal], st, iris, sections)
        for fn in parsed.footnotes:
            node = iri.footnote(self.info.id, fn.number)
            self.add(node, RDF.type, DOKG.Footnote)
            self.add(node, DOKG.inDocument, self.doc)
            self.add(node, DOKG.footnoteNumber, _int(fn.number))
            self.add(node, DOKG.verbatimText, _de(fn.text))
            self.add(node, DOKG.normalisedText, _de(fn.normalised))
            self._span(node, fn.span)
            for ordinal in fn.refers_to:
                self.add(node, DOKG.annotates, iris[ordinal])
        for signatory in parsed.signatories:
            self._signatory(signatory)
        return self.graph

    def _document(self) -> None:
        info, doc = self.info, self.doc
        self.add(doc, RDF.type, DOKG[info.type])
        self.add(doc, RDF.type, DOKG.Document)
        self.add(doc, DCTERMS.title, _de(info.title))
        self.add(doc, RDFS.label, _de(info.title))
        self.add(doc, DCTERMS.issued, _date(info.date))
        self.add(doc, DCTERMS.language, Literal("de"))
        self.add(doc, DOKG.textForm, Literal(info.form))
        for author in self.authors:
            self.add(doc, DCTERMS.creator, author)
            self.add(doc, DOKG.author, author)
        src = iri.source_file(info.id)
        self.add(doc, DOKG.sourceFile, src)
        self.add(src, RDF.type, DOKG.SourceFile)
        self.add(src, DOKG.fileName, Literal(info.file))
        self.add(src, DOKG.sha256, Literal(info.sha256))
        self.add(src, RDFS.label, Literal(info.file))

    def _section(self, section: Section) -> None:
        node = iri.section(self.info.id, section.key)
        self.add(node, RDF.type, DOKG.Section)
        self.add(node, RDFS.label, _de(section.title))
        self.add(node, DOKG.inDocument, self.doc)
        self.add(node, DOKG.ordinal, _int(section.ordinal))
        self.add(node, DOKG.lineStart, _int(section.span.line_start))
        self.add(node, DOKG.lineEnd, _int(section.span.line_end))
        if section.number:
            self.add(node, DOKG.sectionNumber, Literal(section.number))
        if section.parent_key:
            self.add(node, DOKG.parentSection, iri.section(self.info.id, section.parent_key))

    def _statement(
        self,
        node: URIRef,
        st: Statement,
        iris: dict[int, URIRef],
        sections: dict[str, Section],
    ) -> None:
        self.add(node, RDF.type, DOKG.Statement)
        if st.is_pledge:
            self.add(node, RDF.type, DOKG.Pledge)
            self.add(node, DOKG.testability, DOKG[st.testability.value])
        self.add(node, DOKG.modality, DOKG[_modality_term(st)])
        self.add(node, DOKG.inDocument, self.doc)
        for author in self.authors:
            self.add(node, DOKG.author, author)
        self.add(node, DOKG.ordinal, _int(st.ordinal))
        self.add(node, DOKG.statementKind, Literal(st.kind))
        self.add(node, DOKG.sectionPath, Literal(SECTION_SEPARATOR.join(st.section_path)))
        if st.section_key and st.section_key in sections:
            self.add(node, DOKG.inSection, iri.section(self.info.id, st.section_key))
        self.add(node, DOKG.verbatimText, _de(st.verbatim))
        self.add(node, DOKG.normalisedText, _de(st.normalised))
        if st.lead_in:
            self.add(node, DOKG.leadIn, _de(st.lead_in))
        if st.parent is not None:
            self.add(node, DOKG.parentStatement, iris[st.parent])
        if st.number:
            self.add(node, DOKG.number, Literal(st.number))
        for who in st.addressees:
            self.add(node, DOKG.addresseeText, Literal(who))
        self._span(node, st.span)
        for index, target in enumerate(st.targets, start=1):
            self._target(iri.target(node, index), node, target)

    def _span(self, node: URIRef, span: Span) -> None:
        """Provenance of a text: lines on the node, Web Annotation selectors on its span."""
        self.add(node, DOKG.lineStart, _int(span.line_start))
        self.add(node, DOKG.lineEnd, _int(span.line_end))
        res = iri.text_span(node)
        pos = iri.position_selector(node)
        quote = iri.quote_selector(node)
        self.add(node, DOKG.textSpan, res)
        self.add(res, RDF.type, OA.SpecificResource)
        self.add(res, OA.hasSource, iri.source_file(self.info.id))
        self.add(res, OA.hasSelector, pos)
        self.add(res, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(span.char_start, datatype=XSD.nonNegativeInteger))
        self.add(pos, OA.end, Literal(span.char_end, datatype=XSD.nonNegativeInteger))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, _de(self.text[span.char_start : span.char_end]))
        prefix = self.text[max(0, span.char_start - QUOTE_CONTEXT) : span.char_start]
        suffix = self.text[span.char_end : span.char_end + QUOTE_CONTEXT]
        if prefix:
            self.add(quote, OA.prefix, Literal(prefix))
        if suffix:
            self.add(quote, OA.suffix, Literal(suffix))

    def _target(self, node: URIRef, pledge: URIRef, target: Target) -> None:
        self.add(pledge, DOKG.hasTarget, node)
        self.add(node, RDF.type, DOKG.Target)
        kind = "QuantityTarget" if target.quantity is not None else "DeadlineTarget"
        self.add(node, RDF.type, DOKG[kind])
        self.add(node, DOKG.targetText, _de(target.text))
        self.add(node, DOKG.comparison, Literal(target.comparison))
        if target.quantity is not None:
            self.add(node, DOKG.quantity, Literal(target.quantity, datatype=XSD.decimal))
        if target.unit:
            self.add(node, DOKG.unit, Literal(target.unit))
        if target.period:
            self.add(node, DOKG.period, Literal(target.period, datatype=XSD.duration))
        if target.target_year is not None:
            self.add(node, DOKG.targetYear, _int(target.target_year))

    def _signatory(self, signatory: Signatory) -> None:
        slug = iri.slugify(signatory.name)
        person = iri.person(slug)
        self.add(person, RDF.type, DOKG.Person)
        self.add(person, RDFS.label, Literal(signatory.name))
        self.add(self.doc, DOKG.signatory, person)
        org = self.resolve_actor(signatory.organisation) if self.resolve_actor else None
        if org is None:
            return
        membership = iri.membership(slug, str(org).rsplit("/", 1)[-1])
        role = iri.role(iri.slugify(signatory.role))
        self.add(membership, RDF.type, ORG.Membership)
        self.add(membership, ORG.member, person)
        self.add(membership, ORG.organization, org)
        self.add(membership, ORG.role, role)
        self.add(membership, DOKG.lineStart, _int(signatory.span.line_start))
        self.add(membership, DOKG.lineEnd, _int(signatory.span.line_end))
        self.add(role, RDF.type, ORG.Role)
        self.add(role, RDFS.label, _de(signatory.role))
        self.add(role, SKOS.prefLabel, _de(signatory.role))


def _modality_term(st: Statement) -> str:
    return "contextStatement" if not st.is_pledge else st.modality.value
