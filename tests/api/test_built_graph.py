"""Named queries and the app on the real build of the corpus (session fixture ``built_dir``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.settings import Settings
from api.web.server import create_app

pytestmark = pytest.mark.slow
RunNamed = Callable[..., list[dict[str, Any]]]


def test_search_oepnv_finds_the_umlaut_spelling(run_named: RunNamed) -> None:
    rows = run_named("search", q="Oepnv")
    assert rows
    assert all("öpnv" in r["quote"].lower() or "oepnv" in r["quote"].lower() for r in rows)
    assert any("ÖPNV" in r["quote"] for r in rows)


def test_document_outline_of_every_document(run_named: RunNamed, built_dir: Path) -> None:
    from mappings.registry import load_registry

    for document in load_registry():
        rows = run_named("document-outline", document=document.id)
        assert rows, document.id
        starts = [r["lineStart"] for r in rows if "lineStart" in r]
        assert starts == sorted(starts)


def test_compare_parties_on_dsw21_names_several_authors(run_named: RunNamed) -> None:
    rows = run_named("compare-parties", actor="dsw21")
    assert len({r["author"] for r in rows}) >= 2


def test_app_serves_the_build_from_an_on_disk_store(built_dir: Path, tmp_path: Path) -> None:
    settings = Settings(build_dir=built_dir, store_dir=tmp_path, workers=1, query_timeout=30)
    with TestClient(create_app(settings)) as client:
        assert client.get("/").status_code == 200
        void = client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text
        assert "dumps/dataset.nq" in void
        assert client.get("/dumps/dataset.nq").status_code == 200
        assert client.get("/id/actor/dsw21", headers={"Accept": "text/turtle"}).status_code == 200


def test_every_iri_void_prov_and_sources_publish_dereferences(built_dir: Path) -> None:
    """Regression (issue 13): graphs, dataset, software, distributions, publisher were 404,
    and ``dcterms:source`` held internal paths such as "shared/reference/konzern-stadt.md"."""
    from urllib.parse import urldefrag

    import rdflib

    from mappings.rdf import iri

    settings = Settings(build_dir=built_dir, workers=0, query_timeout=30, rate_limit=0)
    with TestClient(create_app(settings)) as client:
        graph = rdflib.Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
        data = rdflib.Dataset(default_union=True)
        data.parse(built_dir / "dataset.nq", format="nquads")
        sources = set(data.objects(None, rdflib.URIRef("http://purl.org/dc/terms/source")))
        prov = [iri.BASE + "dataset/build", *(s for s in sources if isinstance(s, rdflib.URIRef))]
        ours = {
            urldefrag(str(term))[0]
            for term in [*(t for triple in graph for t in triple), *map(rdflib.URIRef, prov)]
            if isinstance(term, rdflib.URIRef) and str(term).startswith(iri.BASE)
        }
        ours |= {
            str(o)
            for o in data.objects(rdflib.URIRef(iri.BASE + "dataset/build"), None)
            if str(o).startswith(iri.BASE)
        }
        kinds = {value[len(iri.BASE) :].split("/", 1)[0] for value in ours}
        assert {"graph", "dataset", "distribution", "publisher", "corpus", "id", "def"} <= kinds
        assert any("/software/" in v for v in ours)
        for value in sorted(ours):
            response = client.get(value[len(iri.BASE) - 1 :], headers={"Accept": "text/turtle"})
            assert response.status_code == 200, value
        internal = [s for s in sources if isinstance(s, rdflib.Literal) and "shared/" in s]
        assert internal == []


def test_document_page_links_each_statement_once_and_relatively(built_dir: Path) -> None:
    """Page weight (issue 13): a statement's later lines carry its colour, not a second link."""
    import re

    settings = Settings(build_dir=built_dir, workers=0, query_timeout=30, rate_limit=0)
    path = "/id/document/2021-gruene-cdu-leitlinien"
    with TestClient(create_app(settings)) as client:
        page = client.get(path, headers={"Accept": "text/html"}).text
        links = re.findall(r'id="([0-9a-f]+)" data-s="\1" href="([^"]+)"', page)
        assert len(links) > 300
        for slug, href in links[:20]:
            assert href == f"../statement/2021-gruene-cdu-leitlinien/{slug}"
            target = "/id/" + href[len("../") :]
            assert client.get(target, headers={"Accept": "text/html"}).status_code == 200
        for slug in set(re.findall(r'data-s="([^"]+)"', page)):
            assert page.count(f'id="{slug}"') == 1
