"""The build end to end: what it writes, that it is reproducible, and that it never loses the
last good graph when an input is bad."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph_build.errors import BuildError
from graph_build.pipeline import build
from mappings.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SMALL = ["2020-dos-visionen"]  # the smallest document: fast builds for failure cases


def test_summary_has_every_document_with_counts(built_dir: Path) -> None:
    summary = json.loads((built_dir / "summary.json").read_text(encoding="utf-8"))
    assert set(summary["documents"]) == {d.id for d in load_registry()}
    for doc in summary["documents"].values():
        assert doc["statements"] >= doc["pledges"] > 0
        assert sum(doc["by_modality"].values()) == doc["statements"]
        assert doc["targets"] >= 0
    assert summary["validation"]["conforms"] is True
    assert set(summary["seconds"]) >= {"parse", "map", "link", "reason", "validate", "write"}
    graphs = summary["triples"]
    assert graphs["https://w3id.org/dortmund-kg/graph/inferred"] > 0
    assert graphs["https://w3id.org/dortmund-kg/graph/ontology"] > 0
    assert sum(graphs.values()) == summary["triples_total"]


def test_leitlinien_pledges_have_two_authors(built_dir: Path) -> None:
    lines = (built_dir / "dataset.nq").read_text(encoding="utf-8").splitlines()
    authors = {
        line.split()[2]
        for line in lines
        if "/graph/document/2021-gruene-cdu-leitlinien>" in line and "/def/author>" in line
    }
    assert authors == {
        "<https://w3id.org/dortmund-kg/id/actor/gruene-fraktion-dortmund>",
        "<https://w3id.org/dortmund-kg/id/actor/cdu-fraktion-dortmund>",
    }


def test_exports_are_written(built_dir: Path) -> None:
    for name in ("dataset.nq", "dataset.trig", "dataset.ttl", "dataset.jsonld", "summary.json"):
        assert (built_dir / name).stat().st_size > 0, name


def test_dataset_is_sorted_nquads_with_named_graphs_only(built_dir: Path) -> None:
    lines = (built_dir / "dataset.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith("> .") for line in lines)  # every quad names its graph


@pytest.mark.slow
def test_building_twice_gives_identical_output(tmp_path: Path) -> None:
    first = build(CORPUS, tmp_path / "a" / "build", only=SMALL + ["2021-gruene-cdu-leitlinien"])
    second = build(CORPUS, tmp_path / "b" / "build", only=SMALL + ["2021-gruene-cdu-leitlinien"])
    for name in ("dataset.nq", "dataset.trig", "dataset.ttl", "dataset.jsonld"):
        assert (first.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name
    a = json.loads((first.out_dir / "summary.json").read_text())
    b = json.loads((second.out_dir / "summary.json").read_text())
    a.pop("seconds"), b.pop("seconds")
    assert a == b


@pytest.fixture()
def good_build(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A corpus copy and a good build of it; returns (corpus, build link, dataset bytes)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    link = tmp_path / "build"
    build(corpus, link, only=SMALL, jobs=1)
    return corpus, link, (link / "dataset.nq").read_bytes()


def _assert_unchanged(link: Path, before: bytes) -> None:
    assert (link / "dataset.nq").read_bytes() == before


def test_changed_source_fails_and_keeps_last_build(good_build: tuple[Path, Path, bytes]) -> None:
    corpus, link, before = good_build
    path = corpus / "2020-dos-visionen.txt"
    path.write_text(path.read_text(encoding="utf-8") + "Ein neuer Satz.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"2020-dos-visionen\.txt: source file changed"):
        build(corpus, link, only=SMALL, jobs=1)
    _assert_unchanged(link, before)


def test_missing_source_names_the_file(good_build: tuple[Path, Path, bytes]) -> None:
    corpus, link, before = good_build
    (corpus / "2020-dos-visionen.txt").unlink()
    with pytest.raises(BuildError, match=r"2020-dos-visionen\.txt: source file is missing"):
        build(corpus, link, only=SMALL, jobs=1)
    _assert_unchanged(link, before)


def test_unknown_document_id_is_an_error(good_build: tuple[Path, Path, bytes]) -> None:
    corpus, link, before = good_build
    with pytest.raises(BuildError, match="no document with id nope"):
        build(corpus, link, only=["nope"], jobs=1)
    _assert_unchanged(link, before)


@pytest.mark.parametrize("jobs", [1, 2])
def test_shacl_violation_fails_and_keeps_last_build(
    good_build: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A mapping bug that drops every author must be stopped by SHACL, naming file:line; with
    two jobs the findings are made in the workers of a Dask cluster and must reach the parent
    (a cluster of threads in this process: the patched mapper must be the one that runs)."""
    corpus, link, before = good_build
    from mappings.rdf import to_rdf

    original = to_rdf.DocumentMapper.__init__

    def without_authors(self: to_rdf.DocumentMapper, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.authors = []

    monkeypatch.setattr(to_rdf.DocumentMapper, "__init__", without_authors)
    docs = SMALL if jobs == 1 else SMALL + ["2025-stadt-dortmund-zielbilder"]
    with pytest.raises(BuildError, match=r"2020-dos-visionen\.txt:\d+: Violation") as err:
        if jobs == 1:
            build(corpus, link, only=docs, jobs=1)
        else:
            from distributed import LocalCluster

            with LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=False,  # in-process transport: no sockets but the dashboard's
                dashboard_address="127.0.0.1:0",
            ) as cluster:
                build(corpus, link, only=docs, scheduler=cluster.scheduler_address)
    assert "author" in str(err.value)
    _assert_unchanged(link, before)


DUMPS = ("dataset.nq", "dataset.trig", "dataset.ttl", "dataset.jsonld")


def _same_dumps(one: Path, other: Path) -> None:
    for name in DUMPS:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


@pytest.mark.slow
def test_a_local_cluster_of_two_workers_and_a_serial_build_agree(tmp_path: Path) -> None:
    """``jobs=2``: a Dask LocalCluster of two worker processes; ``jobs=1``: no cluster."""
    docs = SMALL + ["2025-stadt-dortmund-zielbilder"]
    serial = build(CORPUS, tmp_path / "s" / "build", only=docs, jobs=1)
    parallel = build(CORPUS, tmp_path / "p" / "build", only=docs, jobs=2)
    _same_dumps(serial.out_dir, parallel.out_dir)


@pytest.mark.slow
def test_a_build_on_a_scheduler_given_by_address_agrees(tmp_path: Path) -> None:
    """The way onto many machines: the workers of a running cluster, reached by address."""
    from distributed import LocalCluster

    docs = SMALL + ["2025-stadt-dortmund-zielbilder"]
    serial = build(CORPUS, tmp_path / "s" / "build", only=docs, jobs=1)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        remote = build(
            CORPUS, tmp_path / "r" / "build", only=docs, scheduler=cluster.scheduler_address
        )
    _same_dumps(serial.out_dir, remote.out_dir)


@pytest.mark.slow
def test_the_reference_engines_give_the_same_build(tmp_path: Path) -> None:
    """owlrl and pySHACL throughout (``build --reference``) write the same dumps."""
    docs = ["2021-gruene-cdu-leitlinien"]  # it has SHACL warnings: the scoped path is taken
    fast = build(CORPUS, tmp_path / "f" / "build", only=docs, jobs=1)
    reference = build(CORPUS, tmp_path / "r" / "build", only=docs, jobs=1, reference_engines=True)
    _same_dumps(fast.out_dir, reference.out_dir)
    assert fast.findings == reference.findings
    assert fast.summary.validation == reference.summary.validation


def test_a_context_that_fails_to_load_fails_a_parallel_build(
    good_build: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers start preparing documents before the context is loaded; if loading fails the
    cluster is shut down rather than waited for, and the last good build stays."""
    corpus, link, before = good_build
    from graph_build import pipeline

    def broken() -> pipeline.BuildContext:
        raise BuildError("reference data: broken on purpose")

    monkeypatch.setattr(pipeline.BuildContext, "load", staticmethod(broken))
    docs = SMALL + ["2025-stadt-dortmund-zielbilder"]
    with pytest.raises(BuildError, match="broken on purpose"):
        build(corpus, link, only=docs, jobs=2)
    _assert_unchanged(link, before)


@pytest.mark.slow
def test_a_worker_without_a_document_does_not_hold_up_the_build(tmp_path: Path) -> None:
    """More workers than documents: one never gets a task, and the build still ends."""
    serial = build(CORPUS, tmp_path / "s" / "build", only=SMALL, jobs=1)
    parallel = build(CORPUS, tmp_path / "p" / "build", only=SMALL, jobs=2)
    assert (serial.out_dir / "dataset.nq").read_bytes() == (
        parallel.out_dir / "dataset.nq"
    ).read_bytes()
