"""Load the ontology and the SHACL shapes from ``ontology/``."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph_build.errors import BuildError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def parse_turtle_files(paths: list[Path], into: Graph | None = None) -> Graph:
    """Parse Turtle files into one graph; a syntax error names the file (rdflib gives the line)."""
    graph = into if into is not None else Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise BuildError(f"{path}: cannot parse Turtle: {exc}") from None
    return graph


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise BuildError(f"{directory}: no ontology files (*.ttl)")
    return files


def load_ontology(directory: Path = ONTOLOGY_DIR) -> Graph:
    return parse_turtle_files(ontology_files(directory))


def load_shapes(kind: str, directory: Path = ONTOLOGY_DIR) -> Graph:
    """Shapes of one kind: ``data`` (``shapes/data-*.ttl``) or ``ontology``."""
    files = sorted((directory / "shapes").glob(f"{kind}-*.ttl"))
    if not files:
        raise BuildError(f"{directory / 'shapes'}: no {kind} shapes ({kind}-*.ttl)")
    return parse_turtle_files(files)
