"""``dortmund-kg validate``: SHACL only, over an existing build.

Validates each document graph together with the reference data and the inferred triples, the
same way the build does, so a violation reads the same in both places.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graph_build import ontology
from graph_build.errors import BuildError
from graph_build.validation import Finding, validate
from mappings.build_files import BuildDir
from mappings.rdf import iri


def _graph(ds: Dataset, name: URIRef) -> Graph:
    g = Graph()
    for t in ds.graph(name):
        g.add(t)
    return g


def _with_inferred(data: Graph, reference: Graph, inferred: Graph) -> Graph:
    """``data`` plus the inferred triples about its subjects or the reference data's."""
    own = set(data.subjects()) | set(reference.subjects())
    out = Graph()
    for t in data:
        out.add(t)
    for t in inferred:
        if t[0] in own:
            out.add(t)
    return out


def validate_build(build_dir: Path, shapes_dir: Path = ontology.ONTOLOGY_DIR) -> list[Finding]:
    """All SHACL findings for the dataset in ``build_dir``."""
    path = BuildDir(build_dir).dataset
    if not path.is_file():
        raise BuildError(f"{path}: no built dataset; run `dortmund-kg build` first")
    ds = Dataset()
    try:
        ds.parse(path, format="nquads")
    except Exception as exc:
        raise BuildError(f"{path}: cannot parse N-Quads: {exc}") from None
    shapes = ontology.load_shapes("data", shapes_dir)
    reference = _graph(ds, iri.GRAPH_REFERENCE)
    inferred = _graph(ds, iri.GRAPH_INFERRED)
    findings: list[Finding] = []
    documents = sorted(
        str(g.identifier)
        for g in ds.graphs()
        if str(g.identifier).startswith(iri.GRAPH + "document/")
    )
    # Inferred triples are split the way the build made them: each document is validated with
    # the inferences about its own nodes (and the reference data's), as in the build.
    findings.extend(validate(_with_inferred(reference, reference, inferred), shapes).findings)
    for name in documents:
        doc = _graph(ds, URIRef(name))
        data = _with_inferred(doc, reference, inferred)
        for t in reference:
            data.add(t)
        findings.extend(f for f in validate(data, shapes).findings if f not in findings)
    return findings
