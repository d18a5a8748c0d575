"""Mappings: pure functions from the corpus documents to typed records and RDF.

Grouped by job: :mod:`mappings.text` reads a source (lines, page furniture, sentences, OCR
repair, German word forms); :mod:`mappings.forms` segments a document by its layout and
:mod:`mappings.statements` turns each slice into a statement; :mod:`mappings.classify` finds
modality, targets, topics and testability; :mod:`mappings.link` finds the companies, places,
projects and concepts a statement names; :mod:`mappings.alignment` relates statements across
documents; :mod:`mappings.rdf` mints IRIs and writes triples. ``records`` are the typed
records between the steps, ``registry`` the corpus table, ``reference/`` the reference data.

No I/O happens here except reading a document's text through :mod:`mappings.text.source`;
every IRI is minted in :mod:`mappings.rdf.iri`.
"""
