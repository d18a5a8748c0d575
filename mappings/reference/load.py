"""Load the reference data (``mappings/reference/*.ttl``) into one graph.

The reference data is hand-written Turtle, so a typo must stop the build with a message that
says which file and line to fix, not a bare parser traceback from deep inside rdflib.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

REFERENCE_DIR = Path(__file__).parent


class ReferenceDataError(ValueError):
    """A reference data file cannot be parsed; the message names the file and line."""


def reference_files(directory: Path = REFERENCE_DIR) -> list[Path]:
    """Every Turtle file of the reference data, in a stable order."""
    return sorted(directory.glob("*.ttl"))


def _line_of(message: str) -> str:
    match = re.search(r"line (\d+)", message)
    return match.group(1) if match else "?"


def parse_reference_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file into ``graph`` (a new one if not given).

    Raises:
        ReferenceDataError: naming ``path:line`` when the file is not valid Turtle.
    """
    target = graph if graph is not None else Graph()
    try:
        target.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for syntax errors
        message = " ".join(str(exc).split())
        raise ReferenceDataError(f"{path}:{_line_of(message)}: {message}") from None
    return target


def reference_graph(directory: Path = REFERENCE_DIR) -> Graph:
    """All reference data in one graph: actors, companies, places, lines, projects, topics."""
    files = reference_files(directory)
    if not files:
        raise ReferenceDataError(f"{directory}: no reference data files (*.ttl)")
    graph = Graph()
    for path in files:
        parse_reference_file(path, graph)
    return graph
