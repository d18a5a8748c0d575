"""Named queries and the app on the real build of the corpus (session fixture ``built_dir``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.server import create_app
from api.settings import Settings

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
