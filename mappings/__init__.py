"""Mappings: pure functions from the corpus documents to typed records and RDF.

No I/O happens here except reading a document's text through :mod:`mappings.source`;
every IRI is minted in :mod:`mappings.iri`.
"""
