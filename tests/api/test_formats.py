"""One table of answer formats (api.engine.formats) drives every place that offers a format."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.engine.formats import GRAPHS, NAMED_FORMATS, SHORTCUTS, SOLUTIONS, Format, by_media_type

ASK = quote("ASK { ?s ?p ?o }")
CONSTRUCT = quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f.extension) for f in SOLUTIONS])
def test_every_solution_format_is_offered_by_its_shortcut(client: TestClient, fmt: Format) -> None:
    for name in fmt.shortcuts:
        response = client.get(f"/sparql?query={ASK}&format={name}")
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith(fmt.media_type)
        assert f".{fmt.extension}" in response.headers["content-disposition"]


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f.extension) for f in GRAPHS])
def test_every_graph_format_is_offered_by_its_shortcut_and_media_type(
    client: TestClient, fmt: Format
) -> None:
    media = fmt.media_type
    for name in fmt.shortcuts:
        response = client.get(f"/sparql?query={CONSTRUCT}&format={name}")
        assert response.headers["content-type"].startswith(media), name
    for accepted in (media, *fmt.also_accepted):
        response = client.get(f"/sparql?query={CONSTRUCT}", headers={"Accept": accepted})
        assert response.headers["content-type"].startswith(media), accepted


def test_named_queries_offer_exactly_the_named_formats(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = spec["paths"]["/queries/search"]["get"]["parameters"]
    fmt = next(p for p in params if p["name"] == "format")
    assert fmt["schema"]["enum"] == list(NAMED_FORMATS)
    for name, named in NAMED_FORMATS.items():
        response = client.get("/queries/search", params={"q": "Oepnv", "format": name})
        assert response.headers["content-type"].startswith(named.media_type), name
        by_accept = client.get("/queries/search?q=Oepnv", headers={"Accept": named.media_type})
        assert by_accept.content == response.content, name
    refused = client.get("/queries/search", params={"q": "Oepnv", "format": "xml"})
    assert refused.status_code == 400 and "json or csv" in refused.text


def test_the_protocol_documents_every_shortcut(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = spec["paths"]["/sparql"]["get"]["parameters"]
    described = next(p for p in params if p["name"] == "format")["description"]
    assert all(name in described for name in SHORTCUTS)


def test_an_alias_never_shadows_a_format_of_its_own() -> None:
    table = by_media_type(SOLUTIONS)
    assert table["application/json"].media_type == "application/sparql-results+json"
    assert list(table)[: len(SOLUTIONS)] == [f.media_type for f in SOLUTIONS]
