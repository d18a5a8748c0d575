"""N-Quads output: one line per quad, escaped, sorted, blank nodes labelled by structure."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from graph_build import writer

G = URIRef("https://w3id.org/dortmund-kg/graph/test")
S = URIRef("https://w3id.org/dortmund-kg/id/x")


def test_multiline_literal_is_escaped_on_one_line() -> None:
    g = Graph()
    g.add((S, RDF.value, Literal('zwei\nZeilen "zitiert"', lang="de")))
    (line,) = writer.nquad_lines([(G, g)])
    assert line.count("\n") == 1
    assert '"zwei\\nZeilen \\"zitiert\\""@de' in line


def test_blank_node_labels_do_not_depend_on_parse_order() -> None:
    def ontology() -> Graph:
        g = Graph()
        restriction = BNode()
        g.add((S, OWL.equivalentClass, restriction))
        g.add((restriction, RDF.type, OWL.Restriction))
        g.add((restriction, OWL.onProperty, RDF.value))
        return g

    assert writer.nquad_lines([(G, ontology())]) == writer.nquad_lines([(G, ontology())])


def test_swap_in_replaces_link_atomically_and_prunes(tmp_path: Path) -> None:
    link = tmp_path / "build"
    dirs = []
    for n in range(4):
        d = writer.new_build_dir(link)
        (d / "dataset.nq").write_text(str(n))
        writer.swap_in(link, d)
        dirs.append(d)
        assert (link / "dataset.nq").read_text() == str(n)
    assert link.is_symlink()
    assert [d.exists() for d in dirs] == [False, True, True, True]


def test_exports_written_in_parallel_all_arrive(tmp_path: Path) -> None:
    tasks = [
        (lambda n=n: (tmp_path / f"export-{n}").write_text(str(n), encoding="utf-8"))
        for n in range(3)
    ]
    writer.run_in_parallel(tasks)  # type: ignore[arg-type]
    assert [(tmp_path / f"export-{n}").read_text() for n in range(3)] == ["0", "1", "2"]


def test_an_export_failing_in_a_forked_process_fails_the_write(tmp_path: Path) -> None:
    def broken() -> None:
        raise RuntimeError("disk full, say")

    with pytest.raises(OSError, match="writing an export failed"):
        writer.run_in_parallel([broken, lambda: None])


def test_a_killed_build_leaves_no_directory_behind(tmp_path: Path) -> None:
    """Issue 10: a build killed with SIGKILL left an empty ``.builds/N`` (``discard`` never
    ran). The next build removes directories whose owner process is gone, and empty ones."""
    import subprocess
    import sys

    link = tmp_path / "build"
    served = writer.new_build_dir(link)
    (served / "dataset.nq").write_text("ok")
    writer.swap_in(link, served)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    killed = tmp_path / ".builds" / "7"
    killed.mkdir()
    (killed / writer.OWNER).write_text(dead + "\n")
    (killed / "partial.nq").write_text("half")
    empty = tmp_path / ".builds" / "8"
    empty.mkdir()
    fresh = writer.new_build_dir(link)
    assert not killed.exists() and not empty.exists()
    assert served.exists() and (link / "dataset.nq").read_text() == "ok"
    assert fresh.exists() and (fresh / writer.OWNER).exists()
    writer.swap_in(link, fresh)
    assert not (fresh / writer.OWNER).exists()
